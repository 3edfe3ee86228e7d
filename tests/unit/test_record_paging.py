"""Record pages that gather without bound are paged (issue 26; issue 24 point 1): an actor's or a
briefing's page holds at most `page_size` entries of each of its lists, newest first, in both
languages; every entry is on exactly one of its pages; the pagers lead to pages that exist; and a
source, whose claims keep their permalinks on one page, is held to a number of claims instead."""

from __future__ import annotations

import copy
import dataclasses
import re
import shutil
from collections import Counter
from urllib.parse import urljoin

import html5lib
import pytest
import yaml
from markupsafe import escape

from macros.adapter import site_pages
from macros.facts import factbase
from macros.facts.kinds import KINDS
from macros.facts.limits import MAX_CLAIMS_PER_SOURCE
from macros.facts.problems import DataError
from macros.outputs import open_data, page_meta
from macros.render import pages
from macros.render.paging import NAV_ALL, nav_numbers
from macros.routes import site_map
from tests.conftest import FIXTURE, make_view

SIZE = 4  # small enough that the real China and the real briefings take several pages
SITE = "http://site.test/"


def _page_urls(fb, folder: str, record_id: str, size: int = SIZE) -> list[str]:
    """The address of every page of a record, from the pages the build generates."""
    generated = site_pages.generated_pages(fb, size)
    numbers = sorted(
        found[2]
        for src in generated
        if (found := site_map.record_page(src)) and found[:2] == (folder, record_id)
    )
    assert numbers == list(range(1, len(numbers) + 1))
    return [site_map.page_url(f"{folder}/{record_id}", n) for n in numbers]


def _draw(fb, folder: str, record_id: str, lang: str, size: int = SIZE) -> list[tuple[str, str]]:
    """(address, HTML body) of every page of a record."""
    render = site_pages.RECORD_PAGES[folder][0]
    out = []
    for n, url in enumerate(_page_urls(fb, folder, record_id, size), start=1):
        out.append((url, render(make_view(fb, lang, url, page_size=size), record_id, n)))
    return out


def _sections(markdown: str) -> dict[str, list[str]]:
    """The claims (data-claim) under each level-2 heading of a page's Markdown."""
    out: dict[str, list[str]] = {}
    for part in re.split(r"^## ", markdown, flags=re.M)[1:]:
        title, _, body = part.partition("\n")
        out.setdefault(title.strip(), []).extend(re.findall(r'data-claim="([^"]+)"', body))
    return out


def _hrefs(markdown: str, cls: str) -> list[str]:
    tree = html5lib.parseFragment(markdown, namespaceHTMLElements=False)
    return [a.get("href") for el in tree.iter() if el.get("class") == cls for a in el.iter("a")]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_an_actor_with_more_claims_than_a_page_holds_is_paged_each_claim_once(lang, real_fb):
    fb = real_fb
    about, said = fb.claims_by_actor["china"], fb.claims_said_by.get("china", [])
    assert len(about) > 3 * SIZE  # several pages
    drawn = _draw(fb, "actors", "china", lang)
    assert len(drawn) == -(-max(len(about), len(said), len(fb.events_by_actor["china"])) // SIZE)
    word_about = make_view(fb, lang).w("claims_about")
    found = Counter(c for _, md in drawn for c in _sections(md).get(word_about, []))
    assert found == Counter(about)  # every claim about China on exactly one page
    for n, (_, md) in enumerate(drawn, start=1):
        assert len(_sections(md).get(word_about, [])) <= SIZE
        assert md.count('class="event-title"') <= SIZE
        description = str(escape(fb.actors["china"].description[lang]))
        assert (description in md) == (n == 1)  # what a reader needs first is on page 1
        title = md.splitlines()[0]
        assert (
            title == "# " + fb.actors["china"].name[lang]
            if n == 1
            else re.search(rf"\\\((page|pagina) {n} (of|van) {len(drawn)}\\\)", title)
        ), title


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_briefing_is_paged_with_its_summary_first_and_every_claim_once(lang, real_fb):
    fb = real_fb
    topic = max(fb.topics, key=lambda t: len(fb.claims_by_topic[t]))
    claims = fb.claims_by_topic[topic]
    assert len(claims) > 2 * SIZE
    drawn = _draw(fb, "briefings", topic, lang)
    assert len(drawn) > 1
    summary = "## " + make_view(fb, lang).w("summary") + "\n"
    shown = Counter()
    for n, (_, md) in enumerate(drawn, start=1):
        # The cards of one page: its claims by kind and its questions (the disagreements cite).
        cards = re.findall(r'<article [^>]*data-claim="([^"]+)"', md)
        assert len([c for c in cards if fb.claims[c].kind != "question"]) <= SIZE
        assert len([c for c in cards if fb.claims[c].kind == "question"]) <= SIZE
        shown.update(cards)
        assert (summary in md) == (n == 1)  # the summary first, once
        assert "pager-lead" in md and 'class="pager"' in md
    assert shown == Counter(claims)


def test_claims_come_newest_first_and_page_one_shows_the_latest_source(real_fb):
    fb = real_fb
    later = "coppens-no-ai-war"
    sources = dict(fb.sources)
    sources[later] = fb.sources[later].model_copy(update={"added": "2099-01-01"})
    newer = dataclasses.replace(fb, sources=sources)
    newer.memo.clear()
    about = newer.claims_by_actor["china"]
    ordered = pages.newest_first(newer, about)
    firsts = [c for c in about if newer.claim_source[c] == later]
    assert firsts and ordered[: len(firsts)] == firsts  # its claims first, in reading order
    page1 = _draw(newer, "actors", "china", "en")[0][1]
    first_cards = re.findall(r'data-claim="([^"]+)"', page1)[:SIZE]
    assert all(newer.claim_source[c] == later for c in first_cards)
    # With the same day for every source, the order is the reading order.
    same_day = dataclasses.replace(fb, sources={
        sid: s.model_copy(update={"added": "2000-01-01"}) for sid, s in fb.sources.items()
    })  # fmt: skip
    same_day.memo.clear()
    assert pages.newest_first(same_day, about) == same_day.ordered(about)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_pager_link_leads_to_a_page_of_the_record_and_reaches_them_all(lang, real_fb):
    largest = max(real_fb.topics, key=lambda t: len(real_fb.claims_by_topic[t]))
    for folder, record in (("actors", "china"), ("briefings", largest)):
        drawn = _draw(real_fb, folder, record, lang, size=2)
        urls = {SITE + url for url, _ in drawn}
        assert len(urls) > NAV_ALL  # the pager leaves some out: the walk below must still work
        links = {}
        for url, md in drawn:
            targets = {urljoin(SITE + url, h) for h in _hrefs(md, "pager")}
            targets |= {urljoin(SITE + url, h) for h in _hrefs(md, "pager-steps")}
            assert targets <= urls, (url, targets - urls)
            links[SITE + url] = targets
        reached, todo = set(), [SITE + drawn[0][0]]
        while todo:
            here = todo.pop()
            if here not in reached:
                reached.add(here)
                todo += links[here]
        assert reached == urls


def test_the_pager_shows_its_ends_and_neighbours_only_when_long():
    assert nav_numbers(3, NAV_ALL) == list(range(1, NAV_ALL + 1))
    assert nav_numbers(1, 100) == [1, 2, 3, None, 99, 100]
    assert nav_numbers(50, 100) == [1, 2, None, 48, 49, 50, 51, 52, None, 99, 100]
    assert nav_numbers(98, 100) == [1, 2, None, 96, 97, 98, 99, 100]
    for pages_ in (10, 57, 1000):
        for n in (1, 2, pages_ // 2, pages_ - 1, pages_):
            shown = [x for x in nav_numbers(n, pages_) if x is not None]
            assert {1, pages_, n, max(1, n - 1), min(pages_, n + 1)} <= set(shown)
            assert len(shown) <= 9


def test_a_record_that_fits_on_one_page_has_no_pager_and_one_address(real_fb):
    size = 10_000
    for folder, record in (("actors", "china"), ("briefings", next(iter(real_fb.topics)))):
        assert _page_urls(real_fb, folder, record, size) == [f"{folder}/{record}/"]
        md = _draw(real_fb, folder, record, "en", size)[0][1]
        assert 'class="pager"' not in md and "pager-lead" not in md


def test_later_pages_are_the_records_for_edit_links_and_open_data(real_fb):
    fb = real_fb
    src = site_map.record_src("actors", "china", 2)
    assert src == "actors/china/page/2.md"
    assert site_map.record_page(src) == ("actors", "china", 2)
    assert site_map.record_page("actors/page/2.md") is None  # the actors index's page 2
    assert site_map.record_page("sources/x/page/2.md") is None  # sources are not paged
    assert site_pages.data_file_of(fb, src, "en") == "data/actors.yml"
    assert site_pages.data_file_of(fb, "actors/page/2.md", "en") == "data/actors.yml"
    assert page_meta.page_kind(fb, src) == ("actor", "china")
    assert page_meta.own_title(fb, src, "en") is None  # its h1 says which page it is
    topic = next(iter(fb.topics))
    later = site_map.record_src("briefings", topic, 3)
    assert open_data.page_record(fb, later) == ("briefings", topic)
    assert site_pages.data_file_of(fb, later, "nl") == "data/topics.yml"
    assert "search:\n  exclude: true" in site_pages.generated_source(src)
    assert "search" not in site_pages.generated_source(site_map.record_src("actors", "china"))


def test_every_paged_kind_has_its_lists_and_only_those_are_paged():
    paged = {k.page_folder for k in KINDS if k.paged}
    assert paged == set(pages.PAGED_RECORDS) == set(site_map.PAGED_FOLDERS)
    assert {"actors", "briefings"} == paged  # sources keep their permalinks on one page


def test_a_source_with_more_claims_than_its_page_may_hold_is_refused_at_its_place(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    path = data / "claims" / "sample-news.yml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    first = doc["claims"][0]
    doc["claims"] += [
        {**copy.deepcopy(first), "id": f"extra-{i}"} for i in range(MAX_CLAIMS_PER_SOURCE)
    ]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        factbase.load(data)
    found = [p for p in raised.value.problems if "a source may have at most" in p.message]
    assert len(found) == 1, raised.value.problems[:5]
    problem = found[0]
    assert problem.path.endswith("claims/sample-news.yml")
    # At the first claim beyond the limit.
    beyond = doc["claims"][MAX_CLAIMS_PER_SOURCE]["id"]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert f"id: {beyond}" in lines[problem.line - 1]
    assert f"has {len(doc['claims']):,} claims" in problem.message
    # At the limit it loads.
    doc["claims"] = doc["claims"][:MAX_CLAIMS_PER_SOURCE]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert len(factbase.load(data).claims) == MAX_CLAIMS_PER_SOURCE


def test_every_page_of_the_real_data_is_small_at_a_small_page_size(real_fb):
    # The lists of every record page stay within the page size in both languages.
    from tests.inert import every_page

    for lang in ("en", "nl"):
        names = [name for name, _ in every_page(real_fb, lang, page_size=3)]
        assert any(re.fullmatch(r"actors/[^/]+/page/2", n) for n in names)
        assert any(re.fullmatch(r"briefings/[^/]+/page/2", n) for n in names)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_card_drawn_once_for_every_depth_is_what_each_depth_draws(lang, real_fb):
    # Later pages of a record are deeper (actors/china/page/2/) than its first: a claim card is
    # drawn once with its links marked, then rooted on each page (render/html.py).
    from macros.render.claims import _claim_card, claim_card

    urls = ["", "glossary/", "actors/china/", "actors/china/page/2/", "a/b/c/d/e/"]
    shared = make_view(real_fb, lang, urls[0], repo_url="https://github.com/a/b").cache
    for url in urls:
        v = make_view(real_fb, lang, url, repo_url="https://github.com/a/b", cache=shared)
        for claim_id in real_fb.claims:
            for anchor in (False, True):
                alone = make_view(real_fb, lang, url, repo_url="https://github.com/a/b")
                assert claim_card(v, claim_id, anchor) == _claim_card(alone, claim_id, anchor)
