"""Issue 14 in a real browser (Debian's Chromium via Playwright): citation previews by hover,
focus and tap, the permalink landing, consoles free of errors and failed requests, search
snippets that read, and a briefing printed to PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from macros.render.labels import word
from tests.browser.test_browser import ROOTS
from tests.conftest import REPO
from tests.sitebuild import pages, parse

BRIEFING = "briefings/ai-race/"
LANDING = ("sources/coppens-no-ai-war/", "no-ai-war-greatest-confusion")


@pytest.fixture
def page(browser):
    p = browser.new_page(viewport={"width": 1280, "height": 800})
    yield p
    p.close()


def _claim_of(link) -> str:
    return link.get_attribute("href").rsplit("#", 1)[1]


@pytest.mark.parametrize("lang", ROOTS)
def test_a_citation_previews_its_claim_on_hover(page, base, lang, real_fb):
    page.goto(base + ROOTS[lang] + BRIEFING)
    link = page.locator(".cites a.cite").first
    claim = real_fb.claims[_claim_of(link)]
    preview = page.locator(".cite-preview.is-shown")
    expect(preview).to_have_count(0)
    link.hover()
    expect(preview).to_be_visible()
    shown = preview.inner_text()
    assert claim.quote in shown.replace("\n", " ")
    assert claim.text[lang] in shown
    assert real_fb.sources[real_fb.claim_source[_claim_of(link)]].title[lang] in shown
    # The preview is on screen, not cut off at an edge.
    box = preview.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280
    page.mouse.move(5, 5)
    expect(preview).to_have_count(0)


@pytest.mark.parametrize("lang", ROOTS)
def test_a_preview_stays_while_its_citation_is_pointed_at_and_closes_when_scrolled_away(
    page, base, lang
):
    page.goto(base + ROOTS[lang] + BRIEFING)
    link = page.locator(".cites a.cite").nth(3)
    link.hover()  # scrolls it into view first
    preview = page.locator(".cite-preview.is-shown")
    expect(preview).to_be_visible()
    page.evaluate("window.scrollBy(0, 1)")  # still under the mouse: it stays, beside its link
    page.wait_for_timeout(100)
    expect(preview).to_be_visible()
    page.mouse.wheel(0, 600)  # the page moves, the mouse does not: the citation is gone from it
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
def test_a_first_tap_previews_and_a_second_follows(browser, base, lang, real_fb):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    page.goto(base + ROOTS[lang] + BRIEFING)
    link = page.locator(".cites a.cite").first
    link.scroll_into_view_if_needed()
    claim_id = _claim_of(link)
    link.tap()
    preview = page.locator(".cite-preview.is-shown")
    expect(preview).to_be_visible()
    assert real_fb.claims[claim_id].quote in preview.inner_text().replace("\n", " ")
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
def test_a_permalink_lands_on_the_claim_with_its_quote_open(page, base, lang, real_fb):
    path, claim_id = LANDING
    page.goto(base + ROOTS[lang] + path + "#" + claim_id)
    card = page.locator(f"article#{claim_id}")
    expect(card.locator("details.claim-quote")).to_have_attribute("open", "")
    expect(card.locator("blockquote")).to_be_visible()
    assert real_fb.claims[claim_id].quote in card.locator("blockquote").inner_text()
    assert real_fb.claims[claim_id].text[lang] in card.inner_text()
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


COMPARISONS = ("comparisons/four-as-four-is/", "comparisons/five-axes/", "comparisons/framings/")


@pytest.mark.parametrize("lang", ROOTS)
def test_a_comparison_cell_previews_its_evidence_on_a_phone_without_sideways_scroll(
    browser, base, lang, real_fb
):
    # Cells used to hide their citations behind "Evidence" toggles, with no preview.
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    for path in COMPARISONS:
        page.goto(base + ROOTS[lang] + path)
        assert page.locator("details.evidence").count() == 0
        wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, (path, wide)
        links = page.locator("td .cell-evidence a.cite")
        assert links.count() >= 3, path
        link = links.nth(links.count() - 1)  # the last row's, far down a stacked table
        link.scroll_into_view_if_needed()
        claim_id = _claim_of(link)
        link.tap()
        preview = page.locator(".cite-preview.is-shown")
        expect(preview).to_be_visible()
        assert real_fb.claims[claim_id].quote in preview.inner_text().replace("\n", " ")
        box = preview.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        page.mouse.click(5, 5)  # away: the preview closes
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    context.close()


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
def test_a_briefing_prints_every_claim_and_source(page, base, tmp_path, lang, real_fb, site):
    # A briefing with more claims than a page holds is paged (extra.page_size): every page of
    # it printed holds every claim and source, and each says which page it is.
    pages_ = [BRIEFING] + [
        f"{BRIEFING}page/{p.parent.name}/"
        for p in sorted((site / "briefings" / "ai-race" / "page").glob("*/index.html"))
    ]
    assert len(pages_) > 1
    printed = []
    for n, path in enumerate(pages_, start=1):
        page.goto(base + ROOTS[lang] + path, wait_until="networkidle")
        pdf = tmp_path / f"briefing-{n}.pdf"
        page.pdf(path=str(pdf), format="A4")
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        one = " ".join(text.split())
        where = f"{word(lang, 'page')} {n} {word(lang, 'of')} {len(pages_)}"
        assert where in one, where
        # Without the links to the other pages: on paper they lead nowhere.
        after = one.split(where, 1)[1].lstrip()
        steps = f"{word(lang, 'previous')}|{word(lang, 'next')}"
        assert not re.match(rf"(\d|{steps})\b", after), after[:40]
        printed.append(one)
    flat = " ".join(printed)
    topic_claims = real_fb.claims_by_topic["ai-race"]
    for claim_id in topic_claims:
        words = " ".join(real_fb.claims[claim_id].text[lang].split()[:8])
        assert words in flat, claim_id
    for source_id in {real_fb.claim_source[c] for c in topic_claims}:
        assert " ".join(real_fb.sources[source_id].title[lang].split()) in flat, source_id
    # No navigation or search in print.
    assert "Search" not in flat.split(".")[0] and "Zoeken" not in flat


def _printed(page, tmp_path, url: str) -> tuple[str, int]:
    """(text, pages) of a page printed to A4 PDF by Chromium, as pdftotext and pdfinfo read it."""
    page.goto(url, wait_until="networkidle")
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)[1])
    return " ".join(text.stdout.split()), pages


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("lang", ROOTS)
@pytest.mark.parametrize("topic", ["ai-race", "chips-and-sanctions"])
def test_a_printed_briefing_shows_each_quote_once_in_one_citation_form(
    page, base, tmp_path, lang, topic, real_fb, site
):
    # Print showed each card's quote twice (opened in the card and again in the notes) and
    # cited "paragraph 2" in the notes beside "¶22" in the text. A paged briefing prints page
    # by page: each printed page gives a quote once, whether its card is there or its claim
    # is only cited (the note then holds the quote, as the card is on another page).
    paths = [f"briefings/{topic}/"] + [
        f"briefings/{topic}/page/{p.parent.name}/"
        for p in sorted((site / "briefings" / topic / "page").glob("*/index.html"))
    ]
    claims = real_fb.claims_by_topic[topic]
    # A quote that is a source's title ("Er is geen AI-oorlog …") also names it in every note.
    titles = " ".join(s.title[lang] for s in real_fb.sources.values())
    carded: set[str] = set()
    for path in paths:
        flat, pages = _printed(page, tmp_path, f"{base}{ROOTS[lang]}{path}")
        cards = {
            el.get("data-claim")
            for el in parse(site / ROOTS[lang] / path / "index.html").iter("article")
            if el.get("data-claim")
        }
        assert cards, path
        carded |= cards
        for claim_id in claims:
            quote = " ".join(real_fb.claims[claim_id].quote.split()[:8])
            if quote not in titles:
                expected = {1} if claim_id in cards else {0, 1}
                assert flat.count(quote) in expected, (path, claim_id, flat.count(quote))
        assert not re.search(r"\b(paragraph|alinea) \d", flat)
        assert re.search(r"¶\d", flat)
        assert pages >= 1
    assert carded == set(claims)


def test_suggest_a_correction_opens_the_issue_form_prefilled(site):
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / "report-a-fact.yml").read_text())
    field_ids = {f.get("id") for f in form["body"]}
    config = yaml.safe_load(
        "\n".join(
            line
            for line in (REPO / "mkdocs.yml").read_text().splitlines()
            if "!!" not in line and "!ENV" not in line
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


# Glossary terms in the text (issue 14, point 4)


def _words(s: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", s.casefold()))


def _forms(term, lang: str) -> set[tuple[str, ...]]:
    # "AI-aangedreven drones" also as "AI aangedreven drones": words, not their separators
    return {_words(term.term[lang])} | ({_words(term.expansion[lang])} if term.expansion else set())


def _ancestors(root):
    parents = {child: parent for parent in root.iter() for child in parent}
    return parents


def test_glossary_terms_link_once_per_page_to_an_existing_entry(site, real_fb):
    linked = {"en": 0, "nl": 0}
    for page in pages(site):
        lang = "nl" if page.relative_to(site).parts[0] == "nl" else "en"
        tree = parse(page)
        parents = _ancestors(tree)
        seen = set()
        for a in tree.iter("a"):
            if a.get("class") != "gloss":
                continue
            term_id = a.get("href").rsplit("#", 1)[1]
            assert term_id not in seen, f"{page}: {term_id} linked twice"
            seen.add(term_id)
            term = real_fb.terms[term_id]
            # Whole words of the term (or its expansion) as the text writes them.
            assert _words("".join(a.itertext())) in _forms(term, lang), (page, term_id)
            assert term.definition[lang] in a.get("title")
            up = parents.get(a)
            while up is not None:  # never inside another link
                assert up.tag != "a", page
                up = parents.get(up)
            linked[lang] += 1
    assert linked["en"] > 20 and linked["nl"] > 20
    # Each link leads to its term's entry on the glossary (broken_links checks the anchors).
    from tests.sitebuild import broken_links

    assert [b for b in broken_links(site) if "glossary" in b] == []


def test_a_claim_card_links_its_first_term_and_a_page_links_it_once(real_fb, view):
    from macros.render.glossary import first_per_page, glossed

    v = view(real_fb, "en", "briefings/x/")
    out = glossed(v, "<b>AI</b> aims at AI, not MAIL or said; artificial intelligence and AI chips")
    assert out.startswith("&lt;b&gt;<span")  # data stays escaped around the links
    assert out.count('href="../../glossary/#ai"') == 1  # first occurrence only, whole words
    assert ">AI chips</a>" in out  # the longest term wins
    page = first_per_page(str(glossed(v, "AI and GPU.")) + str(glossed(v, "More AI.")))
    assert page.count('class="gloss"') == 2 and page.endswith("More AI.")


def _show_term(page, how: str):
    link = page.locator("a.gloss").first
    term_id = link.get_attribute("href").rsplit("#", 1)[1]
    link.scroll_into_view_if_needed()
    if how == "hover":
        link.hover()
    elif how == "tap":
        link.tap()
    else:
        link.focus()
    return term_id


@pytest.mark.parametrize("how", ["hover", "focus", "tap"])
@pytest.mark.parametrize("lang", ROOTS)
def test_a_glossary_term_shows_its_definition(browser, base, lang, how, real_fb):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    page.goto(base + ROOTS[lang] + BRIEFING)
    term_id = _show_term(page, how)
    preview = page.locator(".gloss-preview.is-shown")
    expect(preview).to_be_visible()
    assert real_fb.terms[term_id].definition[lang] in preview.inner_text()
    described = page.locator("a.gloss").first.get_attribute("aria-describedby")
    assert described == preview.get_attribute("id")
    if how == "tap":  # a second tap follows the link to the glossary entry
        page.locator("a.gloss").first.tap()
        page.wait_for_url(f"**/glossary/**#{term_id}")
    context.close()


@pytest.mark.parametrize("lang", ROOTS)
def test_a_preview_on_a_phone_is_opaque_and_on_top(browser, base, lang, tmp_path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    page.goto(base + ROOTS[lang] + BRIEFING)
    link = page.locator(".cites a.cite").nth(3)
    link.scroll_into_view_if_needed()
    link.tap()
    expect(page.locator(".cite-preview.is-shown")).to_be_visible()
    seen = page.evaluate(
        """() => {
        const p = document.querySelector('.cite-preview.is-shown');
        let opacity = 1;
        for (let e = p; e; e = e.parentElement) opacity *= +getComputedStyle(e).opacity;
        const r = p.getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return {background: getComputedStyle(p).backgroundColor, opacity: opacity,
                onTop: p.contains(hit)};
    }"""
    )
    page.screenshot(path=str(tmp_path / "preview.png"))
    assert seen["opacity"] == 1, seen  # Material fades <small> to .75
    assert seen["background"].startswith("rgb("), seen  # no alpha channel: opaque
    assert seen["onTop"], seen
    context.close()


def test_every_and_n_more_of_the_glossary_is_a_link_to_the_search_for_its_term(site, real_fb):
    """A term has no page of its own: its "and N more" opens the search with the term, so that
    the glossary page stays the same size however many claims use a term."""
    found = 0
    for lang, root in ROOTS.items():
        for path in (site / root / "glossary").glob("**/index.html"):
            for dd in parse(path).iter("dd"):
                for span in [s for s in dd.iter("span") if s.get("class") == "cites-more"]:
                    link = span.find("a")
                    assert link is not None, path
                    query = parse_qs(urlsplit(link.get("href")).query)["q"]
                    assert query[0] in {t.term[lang] for t in real_fb.terms.values()}
                    found += 1
                assert len([a for a in dd.iter("a") if a.get("class") == "cite"]) <= 7
    assert found  # the real glossary has a term cited more than seven times


@pytest.mark.parametrize("lang", ROOTS)
def test_and_n_more_opens_the_search_with_the_term(page, base, lang):
    """The pinned Material opens its search with the address's `q` (search.share's deep links)."""
    page.goto(base + ROOTS[lang] + "glossary/")
    more = page.locator(".cites-more a").first
    term = parse_qs(urlsplit(more.get_attribute("href")).query)["q"][0]
    more.click()
    expect(page.locator("input.md-search__input")).to_have_value(term)
    expect(page.locator(".md-search-result__item").first).to_be_visible()


@pytest.mark.parametrize("lang", ROOTS)
def test_a_claim_cited_twice_on_a_page_previews_at_both_citations(site, page, base, lang, real_fb):
    """The page holds the claim's preview once (one_preview_per_claim); the script lends it to
    the other citation."""
    url = href = None
    for path in ("glossary/", "", BRIEFING, "timeline/"):
        tree = parse(site / ROOTS[lang] / path / "index.html")
        links = [a for a in tree.iter("a") if a.get("class") == "cite"]
        hrefs = [a.get("href") for a in links]
        twice = [h for h in dict.fromkeys(hrefs) if hrefs.count(h) > 1]
        if twice:
            url, href = ROOTS[lang] + path, twice[0]
            previews = [s for s in tree.iter("small") if s.get("class") == "cite-preview"]
            assert len(previews) <= len(set(hrefs))  # one per claim, as built
            break
    assert url, "no page of the real site cites a claim twice"
    page.goto(base + url)
    links = page.locator(f'a.cite[href="{href}"]')
    claim_id = href.rsplit("#", 1)[1]
    hovered = 0
    for n in range(links.count()):
        link = links.nth(n)
        link.scroll_into_view_if_needed()
        link.hover()
        preview = page.locator(".cite-preview.is-shown")
        expect(preview).to_be_visible()
        assert real_fb.claims[claim_id].quote in preview.inner_text().replace("\n", " ")
        page.mouse.move(0, 0)
        expect(preview).to_have_count(0)
        hovered += 1
    assert hovered >= 2


def _labels_on_a_phone(browser, url: str, drawing: str, insert: str = "") -> list[dict]:
    """Every text label of `drawing` on the page at `url`, at 390 px wide: its rendered size
    and where it falls. `insert`: markup put first in the page's article before measuring."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(url)
    if insert:
        page.evaluate("html => document.querySelector('article').insertAdjacentHTML("
                      "'afterbegin', html)", insert)  # fmt: skip
    boxes = page.evaluate(
        f"""() => [...document.querySelectorAll('{drawing} text')].map(t => {{
        const r = t.getBoundingClientRect();
        return {{text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize)
                * t.getScreenCTM().a, left: r.left, right: r.right}};
    }})"""
    )
    context.close()
    return boxes


def _readable(boxes: list[dict], least: int) -> None:
    assert len(boxes) >= least
    for box in boxes:
        assert box["size"] >= 11, box
        assert box["left"] >= 0 and box["right"] <= 390, box


@pytest.mark.parametrize("lang", ROOTS)
def test_drawings_read_on_a_phone(browser, base, lang, real_fb):
    """Every label of the five-axes drawing is at least 11 px tall and inside the screen."""
    least = 4 * len(real_fb.comparisons["five-axes"].rows)
    boxes = _labels_on_a_phone(browser, base + ROOTS[lang] + "comparisons/five-axes/", "svg.axes")
    _readable(boxes, least)


@pytest.mark.parametrize("lang", ROOTS)
def test_the_timeline_overview_reads_on_a_phone(browser, base, lang, mini_fb, view):
    """The timeline's overview, drawn for events over six years (the real events fall in too few
    single years to draw one), shown on the timeline page with the site's styles: every label is
    at least 11 px tall and inside the screen."""
    import dataclasses

    from macros.facts.models import DateSpec
    from macros.render.timeline import overview_svg

    first = next(iter(mini_fb.events.values()))
    events = {
        f"e{year}": first.model_copy(
            update={"id": f"e{year}", "date": DateSpec(value=str(year), basis="stated")}
        )
        for year in range(2019, 2025)
    }
    fb = dataclasses.replace(mini_fb, events=events)
    drawing = str(overview_svg(view(fb, lang, "timeline/"), list(events)))
    assert 'class="timeline-overview"' in drawing
    url = base + ROOTS[lang] + "timeline/"
    boxes = _labels_on_a_phone(browser, url, "svg.timeline-overview", insert=drawing)
    _readable(boxes, 3)


def test_search_text_keeps_table_cells_and_labels_apart(site, real_fb):
    """Material indexes a table as running text: adjacent column labels must not run together,
    and the "Original quote" label is not indexed in front of the quote."""
    import json

    for lang, root in ROOTS.items():
        index = json.loads((site / root / "search" / "search_index.json").read_text("utf-8"))
        text = " ".join(d["text"] for d in index["docs"])
        assert real_fb.comparisons
        for comparison in real_fb.comparisons.values():
            labels = [c.label[lang] for c in comparison.columns]
            for left, right in zip(labels, labels[1:], strict=False):
                assert f"{left}</th><th>{right}" not in text
                assert left + right not in text, (comparison.id, left, right)
        original = "Original quote" if lang == "en" else "Oorspronkelijk citaat"
        assert original not in text, lang
