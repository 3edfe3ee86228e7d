"""The outputs machines read, each read by a real client: Atom feeds by feedparser, JSON-LD by
extruct, meta tags by html5lib, sources.json by jsonschema against its published schema; the
sitemap and absolute addresses only when site_url is set; the same bytes from two builds."""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import extruct
import feedparser
import jsonschema
import pytest

from macros.facts.factbase import load
from macros.outputs import open_data
from macros.outputs.open_data import changes
from macros.render.cite import cited_title
from macros.render.labels import word
from macros.safety import page_audit
from tests.conftest import make_view
from tests.sitebuild import REPO, mkdocs_build, pages, parse

SITE_URL = "https://briefing.example.org/sub/"
TAG = "tag:ai-geopolitics-briefing.github.io,2026:"
ROOTS = {"en": "", "nl": "nl/"}


@pytest.fixture(scope="module")
def fb():
    return load(REPO / "data")


def _build(out: Path) -> Path:
    env = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = SITE_URL
    try:
        run = mkdocs_build(REPO, out)
    finally:
        if env is None:
            del os.environ["SITE_URL"]
        else:
            os.environ["SITE_URL"] = env
    assert run.returncode == 0, run.stderr
    return out


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The real site as the Pages workflow builds it: with site_url."""
    return _build(tmp_path_factory.mktemp("published") / "site")


@pytest.fixture(scope="module")
def published_again(tmp_path_factory, published) -> Path:
    return _build(tmp_path_factory.mktemp("again") / "site")


def _feeds(site: Path) -> list[Path]:
    return sorted(site.glob("feeds/*.xml")) + sorted(site.glob("nl/feeds/*.xml"))


def _jsonld_text(page: Path) -> list[str]:
    return [
        "".join(el.itertext())
        for el in parse(page).iter("script")
        if el.get("type") == "application/ld+json"
    ]


def _jsonld(page: Path) -> list[dict]:
    return extruct.extract(page.read_text(encoding="utf-8"), syntaxes=["json-ld"], uniform=True)[
        "json-ld"
    ]


def _graph(page: Path) -> list[dict]:
    [doc] = _jsonld(page)
    return doc["@graph"]


# --- feeds ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_feed_of_all_sources_matches_the_data(published, fb, lang):
    feed = feedparser.parse((published / ROOTS[lang] / "feeds" / "all.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.language == lang
    root = SITE_URL + ROOTS[lang]
    order = sorted(fb.sources, key=lambda s: (fb.sources[s].added, s))
    assert [e.id for e in feed.entries] == [f"{TAG}{lang}/source/{s}" for s in order]
    for entry, sid in zip(feed.entries, order, strict=True):
        source = fb.sources[sid]
        assert entry.title == source.title[lang]
        assert entry.link == f"{root}sources/{sid}/"
        assert entry.updated.startswith(source.added)
        assert entry.published.startswith(source.added)
        # Every claim of the source, each by its permalink
        links = [a for a in ET.fromstring(f"<x>{entry.content[0].value}</x>").iter("a")]
        assert [a.get("href") for a in links] == [
            f"{root}sources/{sid}/#{c}" for c in fb.claims_by_source[sid]
        ]
        if source.author:
            assert entry.author == fb.actors[source.author].name[lang]
    assert feed.feed.updated.startswith(max(s.added for s in fb.sources.values()))


def test_a_feed_per_topic_holds_only_that_topic(published, fb):
    for lang in ("en", "nl"):
        for topic in fb.topics:
            path = published / ROOTS[lang] / "feeds" / f"topic-{topic}.xml"
            feed = feedparser.parse(path.read_bytes())
            assert not feed.bozo, (path, feed.get("bozo_exception"))
            expected = [s for s in fb.sources if any(
                topic in fb.claims[c].topics for c in fb.claims_by_source[s])]  # fmt: skip
            assert sorted(e.id for e in feed.entries) == sorted(
                f"{TAG}{lang}/source/{s}" for s in expected
            )
            for entry in feed.entries:
                sid = entry.id.rsplit("/", 1)[1]
                html = entry.content[0].value
                for c in fb.claims_by_source[sid]:
                    assert (f'#{c}"' in html) == (topic in fb.claims[c].topics)
                # What the source brought, as far as this topic goes: no other topic's name and
                # no relation stated by a claim on another topic (the fifth attacker of
                # 2026-12-07: 230 topics each listing every one and every relation made 1 GB).
                sections = dict(re.findall(r"<h2>(.*?)</h2>(.*?)(?=<h2>|$)", html, re.S))
                new_topics = sections.get(word(lang, "feed_new_topics"), "")
                others = [fb.topics[t].name[lang] for t in fb.topics if t != topic]
                assert not [n for n in others if n in html_lib.unescape(new_topics)], (path, sid)
                relations = sections.get(word(lang, "feed_relations"), "")
                stated_elsewhere = [
                    c
                    for c, _, _ in changes(fb)[sid]["relations"]
                    if topic not in fb.claims[c].topics
                ]
                assert not [
                    c
                    for c in stated_elsewhere
                    if fb.claims[c].text[lang].rstrip(".") in (html_lib.unescape(relations))
                ], (path, sid)


def test_every_page_links_its_feeds(published, fb):
    for page in pages(published):
        links = [
            el for el in parse(page).iter("link")
            if el.get("rel") == "alternate" and el.get("type") == "application/atom+xml"
        ]  # fmt: skip
        hrefs = {el.get("href") for el in links}
        lang = "nl" if page.is_relative_to(published / "nl") else "en"
        assert f"{SITE_URL}{ROOTS[lang]}feeds/all.xml" in hrefs, page
        if page.parent.parent.name == "briefings":
            assert f"{SITE_URL}{ROOTS[lang]}feeds/topic-{page.parent.name}.xml" in hrefs


def test_feeds_and_jsonld_are_the_same_bytes_from_two_builds(published, published_again):
    first, second = _feeds(published), _feeds(published_again)
    assert [p.relative_to(published) for p in first] == [
        p.relative_to(published_again) for p in second
    ]
    assert len(first) > 2
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a
    for page in pages(published):
        twin = published_again / page.relative_to(published)
        assert _jsonld_text(page) == _jsonld_text(twin), page


# --- JSON-LD --------------------------------------------------------------------------------


def test_every_page_has_the_website_in_both_languages(published):
    for page in pages(published):
        [site] = [n for n in _graph(page) if n["@type"] == "WebSite"]
        assert site["inLanguage"] == ["en", "nl"]
        assert site["url"].startswith(SITE_URL)


def day_published(source) -> str | None:
    """The day an article appeared, when its record states it to the day (schema.org's
    datePublished is a day; an inferred or coarser date is not one)."""
    published = source.published
    if published is None or published.basis != "stated":
        return None
    return published.value if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published.value) else None


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_source_pages_describe_the_article_and_its_claims(published, fb, lang):
    check_source_pages(published, fb, lang)


def check_source_pages(published: Path, fb, lang: str) -> None:
    """Each source page's JSON-LD: the article as the data describes it, and its claims."""
    root = SITE_URL + ROOTS[lang]
    for sid, s in fb.sources.items():
        graph = _graph(published / ROOTS[lang] / "sources" / sid / "index.html")
        [article] = [n for n in graph if n["@type"] in open_data.SCHEMA_ARTICLE.values()]
        assert article["@type"] == open_data.SCHEMA_ARTICLE[s.kind]
        assert article["headline"] == s.title[s.language]
        assert article["inLanguage"] == s.language
        if s.author:
            assert article["author"]["name"] == fb.actors[s.author].name[lang]
        if s.publisher:
            assert article["publisher"]["name"] == fb.actors[s.publisher].name[lang]
        assert [t["name"] for t in article.get("translator", [])] == [
            fb.actors[t].name[lang] for t in s.translators
        ]
        # Only a day the article states: an inferred or coarser date gives no datePublished.
        assert article.get("datePublished") == day_published(s), sid
        claims = [n for n in graph if n["@type"] == "Claim"]
        assert [c["@id"] for c in claims] == [
            f"{root}sources/{sid}/#{c}" for c in fb.claims_by_source[sid]
        ]
        for node in claims:
            cid = node["@id"].rsplit("#", 1)[1]
            assert node["text"] == fb.claims[cid].text[lang]
            assert node["inLanguage"] == lang
            assert node["appearance"]["@id"] == article["@id"]
            who = fb.speaker(cid)
            if who != "author":
                assert node["author"]["name"] == fb.actors[who].name[lang]


def test_the_date_is_given_only_when_known_to_the_day(fb):
    from macros.facts.models import DateSpec

    known = DateSpec(value="2025-12-02", basis="stated")
    assert open_data.day_known(known) == "2025-12-02"
    for value, basis in [("2025-12-02", "inferred"), ("2025-12", "stated"),
                         ("2025-12-02/..", "stated"), ("2025-12-02~", "stated")]:  # fmt: skip
        spec = DateSpec(value=value, basis=basis, **(
            {"inferred_from": {"en": "x", "nl": "x"}} if basis == "inferred" else {}))  # fmt: skip
        assert open_data.day_known(spec) is None, value


def test_jsonld_cannot_be_closed_by_data():
    hostile = {"text": "</script><script>alert(1)</script><!-- & >"}
    written = open_data.script_json(hostile)
    assert not set("<>&") & set(written)
    assert json.loads(written) == hostile


def test_the_audit_refuses_a_jsonld_block_that_could_have_been_closed():
    ok = '<script type="application/ld+json">{"a": "\\u003c/script\\u003e"}</script>'
    assert page_audit.offences(f"<html><body>{ok}</body></html>") == []
    for bad in [
        '<script type="application/ld+json">{"a": "</b>"}</script>',
        '<script type="application/ld+json">alert(1)</script>',
        '<script type="application/ld+json" src="x.js"></script>',
        '<script type="application/ld+JSON">{}</script>',
    ]:
        assert page_audit.offences(f"<html><body>{bad}</body></html>"), bad


# --- meta tags ------------------------------------------------------------------------------


def _metas(page: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for el in parse(page).iter("meta"):
        key = el.get("property") or el.get("name")
        if key:
            found.setdefault(key, []).append(el.get("content"))
    return found


def test_share_cards_on_every_page(published):
    for page in pages(published):
        lang = "nl" if page.is_relative_to(published / "nl") else "en"
        m = _metas(page)
        for key in ("og:title", "og:description", "og:type", "twitter:card"):
            assert len(m.get(key, [])) == 1 and m[key][0], (page, key)
        assert m["og:locale"] == [open_data.LOCALES[lang]]
        assert m["og:locale:alternate"] == [open_data.LOCALES[open_data.OTHER[lang]]]
        path = page.relative_to(published).as_posix().removesuffix("index.html")
        assert m["og:url"] == [SITE_URL + path]


def test_source_pages_carry_citation_tags(published, fb):
    """A source page describes itself, this site's page about the article (issue 23): its
    title, the site as publisher and its own date; the article is in its JSON-LD and Cite box
    (tests/test_reader_tools.py)."""
    for sid, s in fb.sources.items():
        m = _metas(published / "sources" / sid / "index.html")
        assert m["citation_title"] == [s.title["en"]]
        assert m["citation_language"] == ["en"]
        assert "citation_author" not in m
        assert m["citation_publisher"] == ["AI Geopolitics Briefing"]
        assert m["citation_date"] == [s.added.replace("-", "/")]
        assert "citation_publication_date" not in m
        assert m["og:type"] == ["website"]


# --- site_url, sitemaps, canonical, hreflang ------------------------------------------------


def test_with_site_url_each_language_has_a_sitemap_of_all_its_pages(published):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    for lang, root in ROOTS.items():
        tree = ET.parse(published / root / "sitemap.xml")
        listed = {loc.text for loc in tree.iterfind("s:url/s:loc", ns)}
        here = [
            p for p in pages(published / root)
            if lang == "nl" or not p.is_relative_to(published / "nl")
        ]  # fmt: skip
        expected = {
            SITE_URL + p.relative_to(published).as_posix().removesuffix("index.html") for p in here
        }
        assert listed == expected


def test_with_site_url_canonical_and_absolute_hreflang(published):
    for page in pages(published):
        path = page.relative_to(published).as_posix().removesuffix("index.html")
        doc = parse(page)
        canonical = [el.get("href") for el in doc.iter("link") if el.get("rel") == "canonical"]
        assert canonical == [SITE_URL + path]
        twin = path.removeprefix("nl/")
        # The absolute twins are in the sitemap: a <link rel="alternate" hreflang> in the page
        # made Material fetch sitemap.xml beside the page's own address (a 404 per view), and
        # the theme's relative ones are gone.
        assert not [el for el in doc.iter("link") if el.get("hreflang")], page
        root = "nl/" if path.startswith("nl/") else ""
        sitemap = (published / root / "sitemap.xml").read_text(encoding="utf-8")
        entry = sitemap.split(f"<loc>{SITE_URL}{path}</loc>", 1)[1].split("</url>", 1)[0]
        hreflang = dict(re.findall(r'hreflang="([a-z]+)" href="([^"]+)"', entry))
        assert hreflang == {"en": SITE_URL + twin, "nl": SITE_URL + "nl/" + twin}


def test_without_site_url_no_absolute_address_and_no_sitemap(site, fb):
    check_no_absolute_address(site, fb)


def check_no_absolute_address(site: Path, fb) -> None:
    """Without site_url the site names no address of its own as absolute: the only absolute
    addresses in its structured data are the articles' originals (a source's `url`)."""
    originals = {s.url for s in fb.sources.values() if s.url}
    assert not (site / "sitemap.xml").exists() and not (site / "nl" / "sitemap.xml").exists()
    for page in pages(site):
        doc = parse(page)
        for el in [*doc.iter("link"), *doc.iter("meta")]:
            for attr in ("href", "content"):
                value = el.get(attr) or ""
                assert not value.startswith(("http:", "https:")), (page, el.attrib)
        assert not [m for m in _metas(page) if m == "og:url"]
        for text in _jsonld_text(page):
            assert "https://briefing" not in text
            absolute = set(re.findall(r'"url": "(http[^"]*)"', text))
            assert absolute <= originals, (page, absolute - originals)
    for feed in _feeds(site):
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo
        assert not [e for e in parsed.entries if e.link.startswith("http")]


# --- CSL-JSON -------------------------------------------------------------------------------


def test_sources_json_is_csl_json_valid_against_its_schema(published, fb):
    check_csl_json(published, fb)


def check_csl_json(published: Path, fb) -> None:
    schema = json.loads((published / "data" / "sources.schema.json").read_text())
    items = json.loads((published / "data" / "sources.json").read_text())
    jsonschema.validate(items, schema, format_checker=jsonschema.FormatChecker())
    assert [i["id"] for i in items] == sorted(fb.sources)
    for item in items:
        s = fb.sources[item["id"]]
        own = s.title[s.language]  # an untitled article's site-given title is in brackets
        assert item["title"] == (f"[{own}]" if s.title_kind == "editorial" else own)
        assert item["issued"]["date-parts"][0][0] == int(s.published.edtf.start.year)
        assert item["language"] == s.language
        if s.author == "pascal-coppens":
            assert item["author"] == [{"family": "Coppens", "given": "Pascal"}]
        if s.author:
            # The name, split into CSL's parts, reads back as the author's name in the data
            # ("Anna de Vries": given "Anna", particle "de", family "Vries").
            [name] = item["author"]
            parts = (name.get("given"), name.get("non-dropping-particle"), name["family"])
            assert " ".join(p for p in parts if p) == fb.actors[s.author].name.en, name
            assert name["family"] == fb.actors[s.author].name.en.split()[-1], name
        else:
            assert "author" not in item
    bad = [{**items[0], "issued": {"date-parts": [["2025"]]}}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


# --- the Data page --------------------------------------------------------------------------


@pytest.mark.parametrize("root", ["", "nl/"])
def test_the_data_page_describes_every_download_and_its_python_runs(site, root, monkeypatch):
    doc = parse(site / root / "data" / "index.html")
    cards = [s for s in doc.iter("section") if s.get("class") == "download"]
    linked = {a.get("href").rsplit("/", 1)[1] for c in cards for a in c.iter("a")}
    published = {p.name for p in (site / root / "data").glob("*") if p.suffix in (".json", ".csv")}
    assert published <= linked and "all.xml" in linked
    assert len(cards) == 5
    for card in cards:
        about, meta = [p for p in card.findall("p") if p.get("class") in (None, "download-meta")]
        assert "".join(about.itertext()).strip()
        assert "CC BY 4.0" in "".join(meta.itertext())
        code = "".join(card.find("pre").itertext())
        assert len(code.strip().splitlines()) == 3, code
        href = card.find("h2").find("a").get("href")
        folder = (site / root / "data" / href).resolve().parent
        monkeypatch.chdir(folder)
        exec(compile(code, "data page", "exec"), {})  # what a reader would paste


# --- Cite -----------------------------------------------------------------------------------


def test_every_claim_has_a_cite_box_with_source_paragraph_permalink_and_archive_day(published, fb):
    for lang, root in ROOTS.items():
        for sid, s in fb.sources.items():
            doc = parse(published / root / "sources" / sid / "index.html")
            cards = {a.get("id"): a for a in doc.iter("article") if a.get("data-claim")}
            assert set(fb.claims_by_source[sid]) <= set(cards)
            for cid in fb.claims_by_source[sid]:
                # The claim's own sentence comes first; APA, BibTeX and CSL-JSON follow it.
                box, *formats = [
                    t for d in cards[cid].iter("details") if d.get("class") == "cite"
                    for t in d.iter("textarea")
                ]  # fmt: skip
                assert len(formats) == 3
                assert box.get("readonly") is not None
                cite = "".join(box.itertext())
                # The published title in quotes; the site's own rendering in brackets.
                assert cited_title(make_view(fb, lang, ""), sid) in cite
                paragraph = fb.claim_place[cid].paragraph
                assert f" {paragraph}." in cite or f" {paragraph}," in cite
                assert f"{SITE_URL}{root}sources/{sid}/#{cid}" in cite
                assert s.added in cite


def test_claim_relations_are_in_the_jsonld(fb):
    related = [cid for cid, claim in fb.claims.items() if claim.relations]
    plain = next(cid for cid, claim in fb.claims.items() if not claim.relations)
    site = open_data.Site(SITE_URL, "en")
    assert related and "isRelatedTo" not in open_data.claim_node(fb, plain, site)
    for cid in related:
        node = open_data.claim_node(fb, cid, site)
        assert node["isRelatedTo"] == [
            {"@id": f"{SITE_URL}{open_data.claim_path(fb, r.claim)}#{r.claim}",
             "description": r.kind}
            for r in fb.claims[cid].relations
        ]  # fmt: skip
