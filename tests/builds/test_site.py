"""The built site, read as HTML: permalinks, citations, both languages, the language selector,
edit links, downloads, and no request to another host."""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.sitebuild import REPO, broken_links, ids, pages, parse, resolve

LANG_ROOTS = {"en": "", "nl": "nl/"}


def _lang_pages(site: Path, lang: str) -> list[Path]:
    if lang == "nl":
        return pages(site / "nl")
    return [p for p in pages(site) if not p.is_relative_to(site / "nl")]


def test_every_page_exists_in_both_languages(site, real_fb):
    english = {p.relative_to(site) for p in _lang_pages(site, "en")}
    dutch = {p.relative_to(site / "nl") for p in _lang_pages(site, "nl")}
    assert english == dutch
    expected = {
        Path(f"{folder}/{rid}/index.html")
        for folder, rids in (
            ("briefings", real_fb.topics),
            ("actors", real_fb.actors),
            ("sources", real_fb.sources),
            ("comparisons", real_fb.comparisons),
        )
        for rid in rids
    }
    assert expected <= english


def test_pages_are_in_their_language(site):
    for lang in LANG_ROOTS:
        for page in _lang_pages(site, lang):
            assert parse(page).get("lang") == lang, page


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_every_claim_has_its_anchor_on_its_source_page(site, lang, real_fb):
    for source_id, claim_ids in real_fb.claims_by_source.items():
        page = site / LANG_ROOTS[lang] / "sources" / source_id / "index.html"
        assert set(claim_ids) <= ids(page), page


def test_every_citation_points_to_an_existing_claim_anchor(site, real_fb):
    checked = 0
    for page in pages(site):
        for a in parse(page).iter("a"):
            if "cite" not in (a.get("class") or "").split():
                continue
            target, fragment = resolve(site, page, a.get("href"))
            assert target.is_file(), f"{page}: {a.get('href')}"
            assert fragment in real_fb.claims, f"{page}: {a.get('href')}"
            assert fragment in ids(target), f"{page}: {a.get('href')}"
            checked += 1
    assert checked > len(real_fb.claims) * 2


def test_every_internal_link_resolves(site):
    assert broken_links(site) == []


def test_the_language_selector_leads_to_the_twin_page(site):
    for lang, root in LANG_ROOTS.items():
        for page in _lang_pages(site, lang):
            here = page.relative_to(site / root) if root else page.relative_to(site)
            links = {
                a.get("hreflang"): a.get("href")
                for a in parse(page).iter("a")
                if "md-select__link" in (a.get("class") or "")
            }
            assert set(links) == {"en", "nl"}, page
            for other, other_root in LANG_ROOTS.items():
                target, _ = resolve(site, page, links[other])
                assert target == site / other_root / here, (page, other, links[other])


def test_every_claim_shows_kind_speaker_citation_and_quote(site, real_fb):
    for page in pages(site):
        for article in parse(page).iter("article"):
            if "claim" not in (article.get("class") or "").split():
                continue
            claim = real_fb.claims[article.get("data-claim")]
            classes = {el.get("class") for el in article.iter() if el.get("class")}
            assert f"kind kind-{claim.kind}" in classes
            assert any(a.get("class") == "cite" for a in article.iter("a"))
            quotes = [q for q in article.iter("blockquote")]
            assert quotes and "".join(quotes[0].itertext()) == claim.quote


EDIT_BASE = "https://github.com/ai-geopolitics-briefing/briefing/edit/main/"
# The pages drawn from many data files, whose edit link opens the data contract: exactly those
# the Method page names ("Corrections").
MANY_FILES = {"sources", "comparisons", "figures", "questions", "data"}
SHOWN_FIELDS = ("name", "title", "term", "label")


def _words(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _shown(node, lang: str):
    """Every name, title, term and label in a data file, in one language."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in SHOWN_FIELDS and isinstance(value, dict) and lang in value:
                yield " ".join(value[lang].split())
            else:
                yield from _shown(value, lang)
    elif isinstance(node, list):
        for value in node:
            yield from _shown(value, lang)


def _record(node, rid: str):
    """The record with id `rid` in a data file (one record per file, or a list of them)."""
    if isinstance(node, dict) and node.get("id") == rid:
        return node
    for value in (
        node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    ):
        found = _record(value, rid)
        if found is not None:
            return found
    return None


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_every_edit_link_opens_the_file_that_holds_the_page(site, lang):
    """As the Method page says: a record's page opens the file holding that record, a list drawn
    from one file that file, the home page the framings it opens with, prose pages their own
    text, and the pages drawn from many files the data contract."""
    root = site / LANG_ROOTS[lang] if LANG_ROOTS[lang] else site
    kinds = set()
    for page in _lang_pages(site, lang):
        tree = parse(page)
        edits = [
            a.get("href") for a in tree.iter("a") if "md-content__button" in (a.get("class") or "")
        ]
        assert len(edits) == 1 and edits[0].startswith(EDIT_BASE), (page, edits)
        target = edits[0].removeprefix(EDIT_BASE)
        assert (REPO / target).is_file(), (page, target)
        rel = page.relative_to(root).parts
        section = rel[0] if len(rel) > 1 else "home"
        h1 = _words(next(tree.iter("h1"))).removesuffix("¶").strip()  # its permalink
        if target.startswith("docs/_prose/"):
            assert target.endswith(f".{lang}.md"), (page, target)
            heading = next(
                x for x in (REPO / target).read_text().splitlines() if x.startswith("# ")
            )
            assert heading[2:].strip() == h1, (page, target)
            kinds.add("prose")
        elif target == "data/README.md":
            assert section in MANY_FILES, (page, "a page of one file edits its data contract")
            kinds.add("contract")
        else:
            data = yaml.safe_load((REPO / target).read_text(encoding="utf-8"))
            if len(rel) == 3 and rel[1] != "page":  # <section>/<id>/index.html: a record's page
                record = _record(data, rel[1])
                assert record is not None, (page, target, "does not hold this record")
                assert any(name == h1 for name in _shown(record, lang)), (page, target, h1)
                kinds.add("record")
            else:
                article = tree.find(".//article")
                text = _words(article if article is not None else tree)
                assert any(name in text for name in _shown(data, lang)), (page, target)
                kinds.add("list")
    assert kinds == {"prose", "contract", "record", "list"}
    actor_page = parse(root / "actors" / "russia" / "index.html")
    assert any(a.get("href") == EDIT_BASE + "data/actors.yml" for a in actor_page.iter("a"))


def test_no_page_loads_anything_from_another_host(site):
    loaders = {
        "script": "src",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "video": "src",
        "audio": "src",
        "embed": "src",
        "object": "data",
        "link": "href",
    }
    for page in pages(site):
        for el in parse(page).iter():
            attr = loaders.get(el.tag)
            value = el.get(attr) if attr else None
            if el.tag == "link" and el.get("rel") in ("canonical", "alternate"):
                continue
            if value:
                assert not urlsplit(value).netloc, f"{page}: <{el.tag} {attr}={value}>"
            style = el.get("style") or ""
            assert "url(http" not in style and "//" not in style.replace("://", ""), page
    for css in site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8"), css


def test_search_is_per_language(site):
    for lang, root in LANG_ROOTS.items():
        index = json.loads((site / root / "search" / "search_index.json").read_text())
        assert index["config"]["lang"] == [lang]
        locations = {d["location"] for d in index["docs"]}
        assert "sources/russia-china-ai-cooperation/" in locations
        assert not any(loc.startswith("nl/") for loc in locations)
    dutch = json.loads((site / "nl" / "search" / "search_index.json").read_text())
    assert any("Sberbank" in d["text"] and "opdracht" in d["text"] for d in dutch["docs"])


def test_downloads_hold_the_whole_fact_base(site, real_fb):
    facts = json.loads((site / "data" / "facts.json").read_text())
    assert {"sources", "claims", "actors", "topics", "events", "comparisons", "glossary"} <= set(
        facts
    )
    assert facts["schema_version"]
    assert [c["id"] for c in facts["claims"]] == list(real_fb.claims)
    assert all(c["source"] == real_fb.claim_source[c["id"]] for c in facts["claims"])
    rows = list(csv.DictReader(io.StringIO((site / "data" / "claims.csv").read_text())))
    assert [r["id"] for r in rows] == list(real_fb.claims)
    assert (site / "data" / "claims.schema.json").is_file()
    assert (site / "nl" / "data" / "facts.json").is_file()


def test_timeline_is_complete_without_javascript(site, real_fb):
    for root in LANG_ROOTS.values():
        page = site / root / "timeline" / "index.html"
        shown = {li.get("id") for li in parse(page).iter("li") if li.get("id")}
        assert {f"event-{e}" for e in real_fb.events} <= shown
        assert any(str(el.tag).endswith("}svg") for el in parse(page).iter())


def test_search_indexes_each_claim_on_its_source_page_only(site, real_fb):
    # Copies on actor, topic and question pages would multiply what every reader downloads.
    for root in LANG_ROOTS.values():
        index = json.loads((site / root / "search" / "search_index.json").read_text())
        lang = "nl" if root else "en"
        for claim_id, claim in real_fb.claims.items():
            shown = html.escape(claim.text[lang], quote=False)
            where = {d["location"].split("#")[0] for d in index["docs"] if shown in d["text"]}
            assert f"sources/{real_fb.claim_source[claim_id]}/" in where, claim_id
            repeats = {w for w in where if w.startswith(("actors/", "briefings/", "questions/"))}
            assert not repeats, (claim_id, repeats)
