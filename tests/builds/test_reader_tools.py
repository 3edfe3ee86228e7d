"""The site in the tools readers keep, share and cite with (issue 23, part B): a citation
processor reads sources.json; an embedded-metadata reader (Highwire citation_*, Dublin Core, Open
Graph, JSON-LD, as a reference manager reads them) finds each page's own title, date and type;
link previews get a short, page-specific, once-escaped description, the site's name and an image;
feed readers get sentences with names, never ids; search keeps words apart, finds each claim at
its permalink and a name in either language's spelling."""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import extruct
import feedparser
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as cite_formatter
from citeproc.source.json import CiteProcJSON
from selectolax.lexbor import LexborHTMLParser

from macros.facts.factbase import load
from macros.outputs import open_data, page_meta, search_index
from macros.render import cite_formats
from macros.render.html import word_gaps
from macros.render.labels import word
from tests.sitebuild import REPO, mkdocs_build, pages, parse

SITE_URL = "https://briefing.example.org/sub/"
ROOTS = {"en": "", "nl": "nl/"}
SITE_NAMES = {"en": "AI Geopolitics Briefing", "nl": "Briefing AI-geopolitiek"}


@pytest.fixture(scope="module")
def fb():
    return load(REPO / "data")


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The real site with site_url, as the Pages workflow builds it."""
    out = tmp_path_factory.mktemp("published") / "site"
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


def _lang(site: Path, page: Path) -> str:
    return "nl" if page.is_relative_to(site / "nl") else "en"


# --- a real citation processor reads sources.json ----------------------------------------------


def _bibliography(items: list[dict]) -> list[str]:
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON(items), cite_formatter.plain)
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bib.bibliography()]


def test_citeproc_renders_every_source_with_its_date(fb):
    items = json.loads(open_data.csl_json(fb))
    rendered = _bibliography(items)
    assert len(rendered) == len(fb.sources)
    for item in items:
        s = fb.sources[item["id"]]
        [entry] = [r for r in rendered if s.title[s.language] in r]
        assert "n.d." not in entry and "no date" not in entry, entry
        start = s.published.edtf.start
        assert start.year in entry, entry  # the earliest year the evidence allows
        assert item["issued"]["date-parts"][0][0] == int(start.year)
        assert item["language"] == s.language
        if s.author:
            person = fb.actors[s.author]
            assert item["author"][0]["family"] == person.name["nl"].split()[-1]
            assert item["author"][0]["family"] in entry
        if s.publisher:
            assert item["publisher"] == fb.actors[s.publisher].name[s.language]
    # Both dates are open at their end (the report: written by 20 January 2025, published then
    # or later; the opinion piece: on or after 2 December 2025): both as such.
    by_id = {i["id"]: i for i in items}
    assert by_id["russia-china-ai-cooperation"]["issued"] == {"date-parts": [[2024, 11, 5], [0]]}
    assert by_id["coppens-no-ai-war"]["issued"] == {"date-parts": [[2025, 12, 2], [0]]}
    # Every other form of date: tests/unit/test_csl_dates.py.


def test_person_names_split_and_bodies_stay_whole(fb):
    assert cite_formats.csl_name(fb, "pascal-coppens", "en") == {
        "family": "Coppens",
        "given": "Pascal",
    }
    assert cite_formats.csl_name(fb, "chinasquare", "en") == {"literal": "ChinaSquare"}


def test_bibtex_values_cannot_break_out_of_their_field():
    item = {"id": "x", "type": "webpage", "title": "a} @misc{evil, title={b", "language": "en",
            "author": [{"literal": "50% & co_#1 \\ ~^$"}]}  # fmt: skip
    out = cite_formats.bibtex(item)
    body = out.split("\n", 1)[1]
    depth = 1  # inside the entry's own brace
    for i, ch in enumerate(body):
        escaped = i and body[i - 1] == "\\"
        if ch == "{" and not escaped:
            depth += 1
        elif ch == "}" and not escaped:
            depth -= 1
        assert depth >= 0, out
        if ch == "@" and i:  # inside a field's braces, where it is only a character
            assert depth >= 2, out
    assert out.startswith("@online{x,\n") and depth == 0


# --- what an embedded-metadata reader finds ----------------------------------------------------

KINDS = {
    "home": "",
    "briefing": "briefings/chips-and-sanctions/",
    "briefings": "briefings/",
    "source": "sources/coppens-no-ai-war/",
    "actor": "actors/vladimir-putin/",
    "comparison": "comparisons/four-as-four-is/",
    "timeline": "timeline/",
}


def _highwire(page: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for el in parse(page).iter("meta"):
        key = el.get("name") or el.get("property")
        if key:
            found.setdefault(key, []).append(el.get("content"))
    return found


def _h1(page: Path) -> str:
    h1 = LexborHTMLParser(page.read_text("utf-8")).css_first("article h1")
    return " ".join(h1.text(deep=True).replace("¶", "").split())


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_reference_manager_reads_the_pages_own_title_date_and_type(published, fb, lang, kind):
    page = published / ROOTS[lang] / KINDS[kind] / "index.html"
    if kind == "actor" and not page.exists():
        pytest.skip("no such actor")
    raw = page.read_text("utf-8")
    data = extruct.extract(raw, syntaxes=["opengraph", "dublincore", "json-ld"], uniform=True)
    og = data["opengraph"][0]
    # extruct's uniform form: DC.<term> names, and the type of each vocabulary as @type.
    dc = {e["name"].removeprefix("DC."): e["content"] for e in data["dublincore"][0]["elements"]}
    dc["type"] = data["dublincore"][0]["@type"]
    hw = _highwire(page)
    title = SITE_NAMES[lang] if kind == "home" else _h1(page)
    day = max(s.added for s in fb.sources.values())
    if kind == "source":
        day = fb.sources["coppens-no-ai-war"].added
    # The title: the page's own, the same to every reader, escaped once.
    assert hw["citation_title"] == [title] or kind == "home", (hw["citation_title"], title)
    assert og["og:title"] == hw["citation_title"][0] == dc["title"]
    assert "&" not in og["og:title"] or "&amp;" not in raw.split('og:title" content="')[1][:200]
    # The date: the page's own (from the data), never a date of an article it is about.
    assert hw["citation_date"] == [day.replace("-", "/")]
    assert dc["date"] == day
    # The type: a web page of this site, which is its publisher.
    assert og["@type"] == "website" and _highwire(page)["og:type"] == ["website"]
    assert dc["type"] == "Text"
    assert "citation_journal_title" not in hw and "citation_author" not in hw
    assert hw["citation_publisher"] == [SITE_NAMES[lang]] == [dc["publisher"]]
    assert og["og:site_name"] == SITE_NAMES[lang]
    graph = data["json-ld"][0]["@graph"]
    [webpage] = [n for n in graph if n["@type"] == "WebPage"]
    assert webpage["datePublished"] == day and webpage["publisher"]["name"] == SITE_NAMES[lang]
    if kind == "source":
        # ... and it points to the original, with its real type, people and (inferred) date.
        s = fb.sources["coppens-no-ai-war"]
        [article] = [n for n in graph if n["@id"] == webpage["about"]["@id"]]
        assert article["@type"] == "OpinionNewsArticle"
        assert article["author"]["name"] == fb.actors[s.author].name[lang]
        assert article["publisher"]["name"] == fb.actors[s.publisher].name[lang]
        assert "datePublished" not in article  # not known to the day
        # The first <time> of the page is the page's own date.
        first = LexborHTMLParser(raw).css_first("article time")
        assert first.attributes["datetime"] == day


def test_source_pages_cite_the_article_with_its_evidence_date(published, fb):
    for lang, root in ROOTS.items():
        for sid, s in fb.sources.items():
            doc = LexborHTMLParser((published / root / "sources" / sid / "index.html").read_text())
            box = doc.css_first("details.cite-page")
            assert box is not None and box.css_first("summary").text() == word(lang, "cite_article")
            boxes = {f.css_first(".cite-format-name").text(): f.css_first("textarea").text()
                     for f in box.css(".cite-format")}  # fmt: skip
            assert set(boxes) == {"APA", "BibTeX", "CSL-JSON"}
            [item] = json.loads(boxes["CSL-JSON"])
            assert item["issued"] == cite_formats.csl_date(s.published.edtf, lang)
            # An untitled article's site-given title is a description, in square brackets.
            own = f"[{s.title[lang]}]" if s.title_kind == "editorial" else s.title[s.language]
            assert item["title"] == own
            assert f"date = {{{s.published.value.replace('..', '..')}}}" in boxes["BibTeX"]
            assert s.published.edtf.start.year in boxes["APA"]


def test_briefing_pages_offer_cite_this_page_in_three_formats_and_a_feed(published, fb):
    for lang, root in ROOTS.items():
        for tid, topic in fb.topics.items():
            path = published / root / "briefings" / tid / "index.html"
            doc = LexborHTMLParser(path.read_text())
            box = doc.css_first("details.cite-page")
            assert box.css_first("summary").text() == word(lang, "cite_page")
            boxes = {f.css_first(".cite-format-name").text(): f.css_first("textarea").text()
                     for f in box.css(".cite-format")}  # fmt: skip
            [item] = json.loads(boxes["CSL-JSON"])
            url = f"{SITE_URL}{root}briefings/{tid}/"
            assert item["type"] == "webpage" and item["title"] == topic.name[lang]
            assert item["URL"] == url and item["publisher"] == SITE_NAMES[lang]
            assert boxes["APA"].startswith(f"{SITE_NAMES[lang]}. (20") and url in boxes["APA"]
            assert boxes["BibTeX"].startswith(f"@online{{briefing-{tid},")
            for button in box.css("button.cite-copy"):
                assert "hidden" in button.attributes and button.attributes["type"] == "button"
            # The subscribe link leads to this briefing's feed, which exists.
            link = doc.css_first("a.subscribe")
            target = (path.parent / link.attributes["href"]).resolve()
            assert target == (published / root / "feeds" / f"topic-{tid}.xml").resolve()
            assert target.is_file()
            assert link.text() == word(lang, "subscribe_topic")
    for root in ROOTS.values():
        doc = LexborHTMLParser((published / root / "briefings" / "index.html").read_text())
        assert doc.css_first("a.subscribe").attributes["href"].endswith("feeds/all.xml")
        assert doc.css_first("details.cite-page") is not None


# --- link previews ------------------------------------------------------------------------------

_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", re.I)


def test_every_pages_meta_tags_are_escaped_once_short_and_its_own(published):
    generic = {lang: None for lang in ROOTS}
    shared: dict[str, list[Path]] = {}
    for page in pages(published):
        lang = _lang(published, page)
        m = _highwire(page)
        for key, values in m.items():
            for value in values:
                # The parser decodes once: an entity left over was escaped twice.
                assert not _ENTITY.search(value or ""), (page, key, value)
        [about] = m["description"]
        assert m["og:description"] == [about]
        assert 0 < len(about) <= page_meta.DESCRIPTION_MAX, (page, len(about))
        assert m["og:site_name"] == [SITE_NAMES[lang]]
        [image] = m["og:image"]
        assert image.startswith(SITE_URL)
        assert (published / image.removeprefix(SITE_URL)).is_file()
        shared.setdefault(about, []).append(page)
        if generic[lang] is None and page == published / ROOTS[lang] / "index.html":
            generic[lang] = about
    # A description shared by more than one page is only a paged index's lead (page 2 of the
    # glossary says what page 1 says); the site's tagline describes the home page alone.
    for about, where in shared.items():
        if len(where) > 1:
            assert all("/page/" in p.as_posix() for p in where[1:]), (about, where)
    for lang in ROOTS:
        assert len(shared[generic[lang]]) == 1


# --- feeds -----------------------------------------------------------------------------------


def _visible(value: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", value))


def test_feed_entries_are_sentences_with_names_never_ids(published, fb):
    ids = {*fb.claims, *fb.sources, *fb.topics, *fb.actors, *fb.events, *fb.comparisons}
    token = re.compile(r"[a-z]+-[a-z-]+")
    checked = 0
    for lang, root in ROOTS.items():
        other = "en" if lang == "nl" else "nl"
        for path in sorted((published / root / "feeds").glob("*.xml")):
            if path.name == "sitemap.xml":
                continue
            feed = feedparser.parse(path.read_bytes())
            assert not feed.bozo, path
            for entry in feed.entries:
                for field in (entry.title, entry.get("summary", "")):
                    found = [t for t in token.findall(_visible(field)) if t in ids]
                    assert not found, (path.name, found)
                    checked += 1
                summary = _visible(entry.get("summary", ""))
                for kind in ("supports", "contradicts", "qualifies", "updates"):
                    # The verb of the feed's language, never the other's.
                    foreign = word(other, f"feed_rel_{kind}").split("({source}) ")[1].split(" ")[0]
                    if (
                        foreign
                        != word(lang, f"feed_rel_{kind}").split("({source}) ")[1].split(" ")[0]
                    ):
                        assert f") {foreign} “" not in summary, (path.name, foreign)
                sid = entry.id.rsplit("/", 1)[1]
                s = fb.sources[sid]
                if s.author:
                    assert entry.author == fb.actors[s.author].name[lang]
                else:  # an unsigned article: no author, neither the site nor its publisher
                    assert "author" not in entry and "authors" not in entry, entry.get("author")
    assert checked


def test_a_relation_reads_as_a_sentence_in_each_language(fb):
    cid, r = next((c, rel) for c, claim in fb.claims.items() for rel in claim.relations)
    for lang in ROOTS:
        sentence = open_data.relation_sentence(fb, cid, r.kind, r.claim, lang)
        assert fb.claims[cid].text[lang].rstrip(".") in sentence
        assert fb.claims[r.claim].text[lang].rstrip(".") in sentence
        assert fb.sources[fb.claim_source[r.claim]].title[lang] in sentence
        assert cid not in sentence and r.claim not in sentence


# --- search -----------------------------------------------------------------------------------


def test_word_gaps_keep_words_apart_but_leave_preformatted_text_alone():
    html_in = ('<li><span><time datetime="2022">2022</time></span><div><strong>ChatGPT'
               '</strong><span>x</span></div></li><li>y</li><pre><span>a</span><b>b</b></pre>'
               '<a href="#">¶1</a><small hidden>p</small>')  # fmt: skip
    out = word_gaps(html_in)
    text = LexborHTMLParser(out).body.text()
    assert "2022 ChatGPT x" in text
    assert "<pre><span>a</span><b>b</b></pre>" in out  # no space shown inside <pre>
    assert "</a><small" in out  # a link's hidden preview: no space before the bracket
    assert word_gaps(out) == out


def _shown(entry_html: str) -> str:
    """The text of an index entry as a search result shows it: blocks apart, inline together."""
    spaced = re.sub(r"</?(?:p|li|ul|ol|pre|h\d)[^>]*>", " ", entry_html)
    return html.unescape(re.sub(r"<[^>]+>", "", spaced))


def test_search_snippets_keep_word_boundaries(published, fb):
    for lang, root in ROOTS.items():
        docs = json.loads((published / root / "search" / "search_index.json").read_text())["docs"]
        shown = " ".join(_shown(e["title"]) + " " + _shown(e["text"]) for e in docs)
        # A year run into a word, or a closing bracket run into one, is a lost boundary.
        assert not re.findall(r"\b(?:19|20)\d\d[A-Za-z]{2,}", shown)
        assert not re.findall(r"\][A-Za-z]", shown)
        for event in fb.events.values():
            if event.date and not event.date.edtf.is_interval and event.date.edtf.start.iso:
                assert f"{event.title[lang][:20]}" in shown


def test_every_claim_is_a_search_entry_at_its_permalink(published, fb):
    for lang, root in ROOTS.items():
        docs = json.loads((published / root / "search" / "search_index.json").read_text())["docs"]
        at = {e["location"]: e for e in docs}
        for cid, claim in fb.claims.items():
            entry = at[f"sources/{fb.claim_source[cid]}/#{cid}"]
            assert html.unescape(entry["title"]) == claim.text[lang]


def test_a_name_is_indexed_in_every_spelling(published, fb):
    putin = fb.actors["vladimir-putin"]
    names = {putin.name["en"], putin.name["nl"], *putin.aliases}
    for root in ROOTS.values():
        docs = json.loads((published / root / "search" / "search_index.json").read_text())["docs"]
        naming = [e for e in docs if any(n in _shown(e["title"] + " " + e["text"]) for n in names)]
        assert naming
        for e in naming:
            present = _shown(e["title"] + " " + e["text"])
            assert names <= {n for n in names if n in present} | set(e.get("tags", [])), e


def test_search_index_additions_are_pure(fb):
    docs = [{"location": "sources/russia-china-ai-cooperation/", "title": "T", "text": ""},
            {"location": "x/", "title": "Poetin", "text": ""}]  # fmt: skip
    out = search_index.for_readers({"docs": docs, "config": {"fields": {}}}, fb, "nl")["docs"]
    locations = [e["location"] for e in out]
    claims = fb.claims_by_source["russia-china-ai-cooperation"]
    page = "sources/russia-china-ai-cooperation/"
    assert locations == [page, *[f"{page}#{c}" for c in claims], "x/"]
    assert "Putin" in out[-1]["tags"]


# --- in a browser ------------------------------------------------------------------------------


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    p = context.new_page()
    yield p
    context.close()


def _search(page, base: str, root: str, query: str) -> list[str]:
    page.goto(base + root, wait_until="networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15_000)
    page.wait_for_timeout(300)
    return [results.nth(i).get_attribute("href") for i in range(results.count())]


def _page_of(href: str, root: str) -> str:
    return urlsplit(href).path.split(f"/{root}", 1)[-1] if root else urlsplit(href).path


@pytest.mark.build
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_search_for_a_claims_words_opens_its_permalink(page, base, fb, lang):
    cid = "putin-orders-sberbank"
    words = " ".join(fb.claims[cid].text[lang].rstrip(".").split()[:6])
    _search(page, base, ROOTS[lang], words)
    target = page.locator(f'.md-search-result__item a[href*="#{cid}"]').first
    target.wait_for(timeout=10_000)
    target.click()
    source = fb.claim_source[cid]
    page.wait_for_url(lambda url: f"/sources/{source}/" in url and url.endswith(f"#{cid}"))
    claim = page.locator(f"#{cid}")
    claim.wait_for()
    assert page.evaluate("location.hash") == f"#{cid}"
    assert fb.claims[cid].text[lang][:30] in claim.inner_text()


@pytest.mark.build
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_putin_and_poetin_find_the_same_pages(page, base, lang):
    root = ROOTS[lang]
    found = {}
    for query in ("Putin", "Poetin"):
        hrefs = _search(page, base, root, query)
        found[query] = {urlsplit(h).path for h in hrefs}
    assert found["Putin"] == found["Poetin"]
    assert len(found["Putin"]) > 1


@pytest.mark.build
def test_the_copy_button_copies_the_citation_without_a_network(page, base):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "briefings/ai-race/", wait_until="networkidle")
    box = page.locator("details.cite-page")
    box.locator("summary").click()
    button = box.locator("button.cite-copy").first
    assert button.is_visible()
    button.click()
    page.wait_for_function("document.querySelector('details.cite-page button').textContent"
                           " === 'Copied'")  # fmt: skip
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == box.locator("textarea").first.input_value()
    assert copied.startswith("AI Geopolitics Briefing. (")
    assert all(urlsplit(u).netloc == urlsplit(base).netloc for u in requests)


def test_a_bibtex_url_is_verbatim_and_cannot_close_its_field():
    item = {"id": "x", "type": "webpage", "title": "T", "language": "en",
            "URL": "https://example.org/a_b/#claim-1?q=50%"}  # fmt: skip
    assert "  url = {https://example.org/a_b/#claim-1?q=50%}" in cite_formats.bibtex(item)
    item["URL"] = "https://example.org/}evil{"
    assert "  url = {https://example.org/%7Devil%7B}" in cite_formats.bibtex(item)
