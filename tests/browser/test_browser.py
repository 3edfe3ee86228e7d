"""The site in a real browser (Debian's Chromium via Playwright), served on localhost: search,
the language switch, reading without JavaScript, no third-party requests, accessibility."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.chromium import record_requests, screenshots
from tests.conftest import REPO

# One page of every type, by path below a language root.
PAGE_TYPES = {
    "home": "",
    "briefing": "briefings/ai-race/",
    "briefings": "briefings/",
    "timeline": "timeline/",
    "comparison-table": "comparisons/four-as-four-is/",
    "comparison-axes": "comparisons/five-axes/",
    "comparisons": "comparisons/",
    "actor": "actors/sberbank/",
    "actors": "actors/",
    "source": "sources/russia-china-ai-cooperation/",
    "sources": "sources/",
    "figures": "figures/",
    "questions": "questions/",
    "glossary": "glossary/",
    "method": "method/",
    "benchmarks": "benchmarks/",
    "data": "data/",
}
ROOTS = {"en": "", "nl": "nl/"}
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", REPO / "test-artifacts"))


@pytest.fixture
def page(browser):
    p = browser.new_page(viewport={"width": 1280, "height": 900})
    yield p
    p.close()


def _search(page, base: str, root: str, query: str) -> list[str]:
    # networkidle: the search worker has fetched its index before we type.
    page.goto(base + root, wait_until="networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=50)
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for(timeout=15_000)
    return [results.nth(i).get_attribute("href") for i in range(results.count())]


def test_english_search_finds_the_sberbank_claim(page, base):
    hrefs = _search(page, base, "", "Sberbank")
    assert hrefs
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_load_state()
    claim = page.locator('[data-claim="putin-orders-sberbank"]').first
    claim.wait_for()
    assert "Putin" in claim.inner_text() and "Sberbank" in claim.inner_text()
    assert urlsplit(page.url).path.startswith("/") and "/nl/" not in page.url


def test_dutch_search_returns_dutch_pages_and_stems_inflections(page, base):
    # The articles say "sancties"; the Dutch stemmer must find it from the singular.
    hrefs = _search(page, base, "nl/", "sanctie")
    assert hrefs
    for href in hrefs:
        assert urlsplit(href).path.startswith("/nl/"), href
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert "sancties" in page.content().lower()


@pytest.mark.parametrize(
    "path", ["briefings/chips-and-sanctions/", "actors/sberbank/", "sources/coppens-no-ai-war/"]
)
@pytest.mark.parametrize("lang", ROOTS)
def test_the_language_selector_leads_to_the_same_page(page, base, path, lang):
    other = "nl" if lang == "en" else "en"
    page.goto(base + ROOTS[lang] + path, wait_until="networkidle")
    page.locator(".md-header__option .md-select button").first.hover()
    page.locator(f'a.md-select__link[hreflang="{other}"]').click()
    page.wait_for_load_state("networkidle")
    assert page.url == base + ROOTS[other] + path
    assert page.locator("html").get_attribute("lang") == other


@pytest.mark.parametrize(
    "path",
    [
        "timeline/",
        "comparisons/four-as-four-is/",
        "comparisons/five-axes/",
        "comparisons/framings/",
    ],
)
@pytest.mark.parametrize("lang", ROOTS)
def test_timeline_and_comparisons_read_without_javascript(browser, base, path, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + ROOTS[lang] + path)
    if path == "timeline/":
        events = page.locator("li.event")
        assert events.count() >= 10
        assert all(events.nth(i).is_visible() for i in range(events.count()))
    else:
        cells = page.locator("article table td")
        assert cells.count() >= 8
        assert all(cells.nth(i).is_visible() for i in range(cells.count()))
        # Each cell's evidence is a plain link to the claim's permalink without script.
        link = page.locator("td .cell-evidence a.cite").first
        assert link.is_visible() and "#" in link.get_attribute("href")
        expect(page.locator("td .cite-preview").first).to_be_hidden()
    context.close()


def _foreign_hosts(requested: list[str]) -> set[str]:
    return {
        urlsplit(u).hostname
        for u in requested
        if urlsplit(u).scheme in ("http", "https") and urlsplit(u).hostname != "127.0.0.1"
    }


def test_the_request_check_sees_a_third_party_load(browser, base):
    # The site's policy would block the load before the check could see it: checking the check
    # needs the policy off.
    context = browser.new_context(bypass_csp=True)
    requested = record_requests(context)
    page = context.new_page()
    page.goto(base)
    page.evaluate("""() => { const img = document.createElement('img');
        img.src = 'https://fonts.example.invalid/x.png'; document.body.append(img); }""")
    page.wait_for_timeout(500)
    context.close()
    assert _foreign_hosts(requested) == {"fonts.example.invalid"}


def test_the_accessibility_check_sees_a_violation(page, base):
    page.goto(base)
    page.evaluate("""() => { const img = document.createElement('img');
        img.src = 'x.png'; document.querySelector('article').append(img); }""")
    violations = Axe().run(page).response["violations"]
    assert any(v["id"] == "image-alt" and v["impact"] == "critical" for v in violations)


@pytest.mark.parametrize("lang", ROOTS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_serious_accessibility_violation(page, base, kind, lang):
    page.goto(base + ROOTS[lang] + PAGE_TYPES[kind])
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, "\n".join(serious)


@pytest.mark.parametrize("lang", ROOTS)
def test_screenshots_of_every_page_type(browser, base, lang):
    paths = [ROOTS[lang] + path for path in PAGE_TYPES.values()]
    written = screenshots(browser, base, paths, ARTIFACTS / "screenshots")
    assert len(written) == len(paths) * 2
    assert all(p.stat().st_size > 10_000 for p in written)
