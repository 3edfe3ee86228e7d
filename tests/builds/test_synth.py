"""The synthetic corpus stays buildable: `synth` at a small scale passes the check and builds,
and with a small page size its index pages split into pages that cover every record once."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from macros.cli.commands import main
from macros.facts import factbase
from macros.render.labels import word
from macros.render.pages import INDEXES
from tests.chromium import chromium, served
from tests.sitebuild import broken_links, ids, mkdocs_build, parse, resolve

PAGE_SIZE = 7  # small enough that every long index of the scale-2 corpus splits
EDIT_BASE = "https://github.com/ai-geopolitics-briefing/briefing/edit/main/"


@pytest.fixture(scope="module")
def synth(tmp_path_factory) -> tuple[Path, factbase.FactBase]:
    project = tmp_path_factory.mktemp("synth") / "project"
    assert main(["synth", "--scale", "2", "--out", str(project)]) == 0
    assert main(["--data", str(project / "data"), "check"]) == 0
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "page_size: 20" in text
    config.write_text(text.replace("page_size: 20", f"page_size: {PAGE_SIZE}"), encoding="utf-8")
    run = mkdocs_build(project)
    assert run.returncode == 0, run.stderr
    return project / "site", factbase.load(project / "data")


def test_synth_multiplies_the_fact_base_and_builds(synth, real_fb):
    site, synthetic = synth
    assert synthetic.counts() == {kind: 2 * n for kind, n in real_fb.counts().items()}
    for root in ("", "nl/"):
        page = site / root / "sources" / "coppens-no-ai-war-s2" / "index.html"
        claims = synthetic.claims_by_source["coppens-no-ai-war-s2"]
        assert claims and all(c.endswith("-s2") for c in claims)
        assert set(claims) <= ids(page)
        actor = parse(site / root / "actors" / "sberbank-s2" / "index.html")
        assert any("(2)" in "".join(h.itertext()) for h in actor.iter("h1"))


def _section_pages(site: Path, root: str, section: str) -> list[Path]:
    first = site / root / section / "index.html"
    rest = sorted(
        (site / root / section / "page").glob("*/index.html"), key=lambda p: int(p.parent.name)
    )
    return [first, *rest]


@pytest.mark.parametrize("root", ["", "nl/"])
def test_long_indexes_split_into_pages_that_link_to_each_other(synth, root):
    site, fb = synth
    for section, (_, count) in INDEXES.items():
        expected = -(-count(fb) // PAGE_SIZE)
        found = _section_pages(site, root, section)
        assert len(found) == expected, section
        for number, page in enumerate(found, start=1):
            title = "".join(next(parse(page).iter("h1")).itertext())
            if number > 1:
                assert re.search(rf"\((page|pagina) {number} (of|van) {expected}\)", title), title
            if expected == 1:
                assert parse(page).find(".//nav[@class='pager']") is None
                continue
            pager = parse(page).find(".//nav[@class='pager']")
            current = [el for el in pager.iter() if el.get("aria-current") == "page"]
            assert ["".join(c.itertext()) for c in current] == [str(number)], page
            targets = {resolve(site, page, a.get("href"))[0] for a in pager.iter("a")}
            # A long list's pager skips some pages: it still leads to both ends and both
            # neighbours, and only to pages of the list.
            near = {found[0], found[-1], *found[max(0, number - 2) : number + 1]}
            assert near - {page} <= targets <= set(found), page


@pytest.mark.parametrize("root", ["", "nl/"])
def test_every_record_is_on_exactly_one_index_page(synth, root):
    site, fb = synth
    terms = Counter(
        dt.get("id")
        for page in _section_pages(site, root, "glossary")
        for dt in parse(page).iter("dt")
    )
    assert terms == Counter(list(fb.terms))
    events = Counter(
        li.get("id").removeprefix("event-")
        for page in _section_pages(site, root, "timeline")
        for li in parse(page).iter("li")
        if (li.get("id") or "").startswith("event-")
    )
    assert events == Counter(list(fb.events))
    actors = Counter(
        urlsplit(a.get("href")).path.rstrip("/").rsplit("/", 1)[-1]
        for page in _section_pages(site, root, "actors")
        for td in parse(page).iter("td")
        for a in td.iter("a")
    )
    assert actors == Counter(list(fb.actors))


def _record_pages(site: Path, root: str, folder: str, record: str) -> list[Path]:
    return _section_pages(site, root, f"{folder}/{record}")


def _claims_by_heading(page: Path) -> dict[str, list[str]]:
    """The claim cards under each level-2 heading of a built page."""
    out: dict[str, list[str]] = {}
    current = None
    article = parse(page).find(".//article")
    for el in article.iter():
        if el.tag == "h2":
            current = "".join(el.itertext()).strip().rstrip("¶").strip()
        elif el.tag == "article" and el.get("data-claim") and current:
            out.setdefault(current, []).append(el.get("data-claim"))
    return out


@pytest.mark.parametrize(("root", "lang"), [("", "en"), ("nl/", "nl")])
def test_the_real_actors_gather_the_copies_claims_on_pages_that_hold_each_once(synth, root, lang):
    site, fb = synth
    about = word(lang, "claims_about")
    for actor in ("china", "united-states", "russia"):
        claims = fb.claims_by_actor[actor]
        assert any(c.endswith("-s2") for c in claims)  # it gathers the copy's claims
        found = _record_pages(site, root, "actors", actor)
        lists = (claims, fb.claims_said_by.get(actor, []), fb.events_by_actor.get(actor, []))
        longest = max(len(items) for items in lists)
        assert len(found) == max(-(-longest // PAGE_SIZE), 1) > 1, actor
        shown = Counter()
        for page in found:
            listed = _claims_by_heading(page).get(about, [])
            assert len(listed) <= PAGE_SIZE
            shown.update(listed)
        assert shown == Counter(claims), actor
    # A later page holds nothing to search for: its claims are found at their permalinks.
    index = json.loads((site / root / "search" / "search_index.json").read_text(encoding="utf-8"))
    located = {d["location"].split("#")[0] for d in index["docs"]}
    assert "actors/china/" in located
    # Nor do the pagers, which are navigation ("Page 1 of 9 1 2 3 … Next").
    pager_words = (f"<li>{word(lang, 'next')}</li>", f"{word(lang, 'page')} 1 {word(lang, 'of')}")
    texts = [d["text"] for d in index["docs"] if d["location"].startswith(("actors/", "glossary/"))]
    assert not [t for t in texts if any(w in t for w in pager_words)]
    assert not [loc for loc in located if re.fullmatch(r"(actors|briefings)/[^/]+/page/\d+/", loc)]


def test_later_index_pages_link_to_their_data_and_all_links_resolve(synth):
    site, _ = synth
    page = site / "glossary" / "page" / "2" / "index.html"
    assert any(a.get("href") == EDIT_BASE + "data/glossary.yml" for a in parse(page).iter("a"))
    assert broken_links(site) == []


@pytest.mark.parametrize("path", ["glossary/page/2/", "nl/timeline/page/2/", "briefings/page/2/"])
@pytest.mark.build
def test_later_index_pages_pass_the_accessibility_check(synth, path):
    site, _ = synth
    with served(site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + path)
        assert page.locator("nav.pager [aria-current=page]").inner_text() == "2"
        violations = Axe().run(page).response["violations"]
    serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, serious
