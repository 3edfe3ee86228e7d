"""Issue 14 in a real browser (Debian's Chromium via Playwright): citation previews by hover,
focus and tap, the permalink landing, consoles free of errors and failed requests, search
snippets that read, and a briefing printed to PDF."""

from __future__ import annotations

import shutil
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from macros import factbase

from .browser import chromium, served
from .conftest import REPO
from .sitebuild import pages, parse
from .test_browser import PAGE_TYPES, ROOTS

FB = factbase.load(REPO / "data")
BRIEFING = "briefings/ai-race/"
LANDING = ("sources/coppens-no-ai-war/", "no-ai-war-greatest-confusion")


@pytest.fixture(scope="module")
def base(site):
    with served(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    p = browser.new_page(viewport={"width": 1280, "height": 800})
    yield p
    p.close()


def _claim_of(link) -> str:
    return link.get_attribute("href").rsplit("#", 1)[1]


@pytest.mark.parametrize("lang", ROOTS)
def test_a_citation_previews_its_claim_on_hover(page, base, lang):
    page.goto(base + ROOTS[lang] + BRIEFING)
    link = page.locator(".cites a.cite").first
    claim = FB.claims[_claim_of(link)]
    preview = page.locator(".cite-preview.is-shown")
    expect(preview).to_have_count(0)
    link.hover()
    expect(preview).to_be_visible()
    shown = preview.inner_text()
    assert claim.quote in shown.replace("\n", " ")
    assert claim.text[lang] in shown
    assert FB.sources[FB.claim_source[_claim_of(link)]].title[lang] in shown
    # The preview is on screen, not cut off at an edge.
    box = preview.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280
    page.mouse.move(5, 5)
    expect(preview).to_have_count(0)


@pytest.mark.parametrize("lang", ROOTS)
def test_a_citation_previews_on_keyboard_focus_and_describes_itself(page, base, lang):
    page.goto(base + ROOTS[lang] + BRIEFING)
    for _ in range(200):  # Tab through the page to the first citation, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.cite')"):
            break
    else:
        pytest.fail("no citation reached by Tab")
    preview = page.locator(".cite-preview.is-shown")
    expect(preview).to_be_visible()
    described = page.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-describedby')).id"
    )
    assert described == preview.get_attribute("id")
    page.keyboard.press("Escape")
    expect(preview).to_have_count(0)
    assert page.evaluate("document.activeElement.matches('a.cite')")


@pytest.mark.parametrize("lang", ROOTS)
def test_a_first_tap_previews_and_a_second_follows(browser, base, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    page.goto(base + ROOTS[lang] + BRIEFING)
    link = page.locator(".cites a.cite").first
    link.scroll_into_view_if_needed()
    claim_id = _claim_of(link)
    link.tap()
    preview = page.locator(".cite-preview.is-shown")
    expect(preview).to_be_visible()
    assert FB.claims[claim_id].quote in preview.inner_text().replace("\n", " ")
    box = preview.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    link.tap()
    page.wait_for_url(f"**#{claim_id}")
    context.close()


@pytest.mark.parametrize("lang", ROOTS)
def test_without_javascript_a_citation_is_a_plain_link(browser, base, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + ROOTS[lang] + BRIEFING)
    link = page.locator(".cites a.cite").first
    expect(page.locator(".cite-preview").first).to_be_hidden()
    claim_id = _claim_of(link)
    link.click()
    page.wait_for_url(f"**#{claim_id}")
    expect(page.locator(f"article#{claim_id}")).to_be_visible()
    context.close()


@pytest.mark.parametrize("lang", ROOTS)
def test_a_permalink_lands_on_the_claim_with_its_quote_open(page, base, lang):
    path, claim_id = LANDING
    page.goto(base + ROOTS[lang] + path + "#" + claim_id)
    card = page.locator(f"article#{claim_id}")
    expect(card.locator("details.claim-quote")).to_have_attribute("open", "")
    expect(card.locator("blockquote")).to_be_visible()
    assert FB.claims[claim_id].quote in card.locator("blockquote").inner_text()
    assert FB.claims[claim_id].text[lang] in card.inner_text()
    # Highlighted, and other cards are not.
    assert card.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    other = page.locator("article.claim:not(:target)").first
    assert other.evaluate("e => getComputedStyle(e).outlineStyle") == "none"
    assert not other.locator("details.claim-quote").get_attribute("open")


@pytest.mark.parametrize("lang", ROOTS)
def test_every_disclosure_shows_a_marker(page, base, lang):
    page.goto(base + ROOTS[lang] + LANDING[0])
    summaries = page.locator("details.claim-quote > summary")
    assert summaries.count() > 0
    assert summaries.first.evaluate("e => getComputedStyle(e).display") == "list-item"
    assert summaries.first.evaluate("e => getComputedStyle(e).listStyleType") in (
        "disclosure-closed",
        "disclosure-open",
    )


@pytest.mark.parametrize("lang", ROOTS)
def test_the_console_shows_no_error_and_no_request_fails(browser, base, lang):
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"failed {r.url}"))
    page.on(
        "response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    for path in PAGE_TYPES.values():
        page.goto(base + ROOTS[lang] + path, wait_until="networkidle")
    context.close()
    assert problems == []


def test_the_console_check_sees_a_404(browser, base):
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("response", lambda r: problems.append(r.url) if r.status >= 400 else None)
    page.goto(base, wait_until="networkidle")
    page.evaluate("fetch('sitemap.xml')")
    page.wait_for_timeout(300)
    context.close()
    assert any(u.endswith("sitemap.xml") for u in problems)


def _search(page, base: str, root: str, query: str):
    page.goto(base + root, wait_until="networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=50)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    return results


@pytest.mark.parametrize(("lang", "query"), [("en", "Beijing"), ("nl", "Peking")])
def test_search_snippets_read_as_text(page, base, lang, query):
    results = _search(page, base, ROOTS[lang], query)
    texts = [results.nth(i).inner_text() for i in range(results.count())]
    hrefs = [
        results.nth(i).locator("a").first.get_attribute("href") for i in range(results.count())
    ]
    assert texts
    # The actors index used to come back as its table's cells run together.
    assert not any(h.rstrip("/").endswith("actors") for h in hrefs), hrefs
    for snippet in texts:
        assert "Summaryclaims" not in snippet and "SamenvattingBeweringen" not in snippet


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("lang", ROOTS)
def test_a_briefing_prints_every_claim_and_source(page, base, tmp_path, lang):
    page.goto(base + ROOTS[lang] + BRIEFING, wait_until="networkidle")
    pdf = tmp_path / "briefing.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    topic_claims = FB.claims_by_topic["ai-race"]
    for claim_id in topic_claims:
        words = " ".join(FB.claims[claim_id].text[lang].split()[:8])
        assert words in flat, claim_id
    for source_id in {FB.claim_source[c] for c in topic_claims}:
        assert " ".join(FB.sources[source_id].title[lang].split()) in flat, source_id
    # No navigation or search in print.
    assert "Search" not in flat.split(".")[0] and "Zoeken" not in flat


def test_suggest_a_correction_opens_the_issue_form_prefilled(site):
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / "report-a-fact.yml").read_text())
    field_ids = {f.get("id") for f in form["body"]}
    config = yaml.safe_load(
        "\n".join(
            line for line in (REPO / "mkdocs.yml").read_text().splitlines() if "!!" not in line
        )
    )
    for root, prefix in (("", "/"), ("nl", "/nl/")):
        page = site / root / "sources" / "coppens-no-ai-war" / "index.html"
        cards = [a for a in parse(page).iter("article") if a.get("data-claim")]
        assert cards
        for card in cards:
            links = [a for a in card.iter("a") if a.get("class") == "suggest-correction"]
            assert len(links) == 1, card.get("data-claim")
            url = urlsplit(links[0].get("href"))
            assert f"{url.scheme}://{url.netloc}{url.path}" == config["repo_url"] + "/issues/new"
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            claim_id = card.get("data-claim")
            assert query["template"] == "report-a-fact.yml"
            assert query["claim-id"] == claim_id
            assert query["permalink"] == f"{prefix}sources/coppens-no-ai-war/#{claim_id}"
            assert {"claim-id", "permalink"} <= field_ids  # the form has the fields we fill


def test_nothing_asks_for_a_sitemap_while_site_url_is_unset(site):
    assert not (site / "sitemap.xml").exists()
    for page in pages(site):
        for link in parse(page).iter("link"):
            # Material's script fetches sitemap.xml for each of these.
            assert link.get("rel") != "alternate", page
        for a in parse(page).iter("a"):
            assert a.get("data-md-component") != "source", page  # would call api.github.com
