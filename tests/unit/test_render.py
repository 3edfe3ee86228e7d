"""Renderers are pure functions: tested on the Markdown/HTML they return, without MkDocs."""

from __future__ import annotations

import re

import html5lib
import markdown
import pytest

from macros.facts import factbase
from macros.facts.models import DateSpec, Figure, Text
from macros.render import comparisons, pages, paging, timeline
from macros.render.claims import citations, claim_card, date_text, figure_text
from macros.render.html import BLOCK_TAGS, Linker, block, heading
from macros.render.paging import window
from tests.inert import data_with_text, every_page, live, site_markdown


def _html(md: str) -> str:
    return markdown.markdown(md, extensions=["attr_list", "toc", "tables"])


def _text(fragment: str) -> str:
    return "".join(html5lib.parseFragment(fragment, namespaceHTMLElements=False).itertext())


@pytest.mark.parametrize(
    "value",
    [
        "AT&T <b>bold</b>",
        "[x](javascript:alert(1))",
        "*a* _b_ `c` #d {#id}",
        "1. not a list",
        "</h1><script>alert(1)</script>",
        "a \\ b | c ! d",
    ],
)
def test_a_heading_shows_its_text_literally(value):
    out = _html(heading(2, value))
    assert "<script" not in out and "<b>" not in out and "href" not in out
    assert _text(out).strip() == value


def test_links_are_relative_to_the_page():
    assert Linker("actors/russia/").to("sources/x/", "c") == "../../sources/x/#c"
    assert Linker("").to("sources/x/", "c") == "sources/x/#c"
    assert Linker("data/").to("data/facts.json") == "../data/facts.json"
    assert Linker("404.html").to("sources/") == "sources/"
    assert Linker("").to("") == "./"


def test_dates_keep_their_precision_and_say_how_they_were_inferred(real_fb, view):
    v = view(real_fb, "en", "")
    assert _text(date_text(v, DateSpec(value="2022", basis="stated"))) == "2022"
    inferred = DateSpec(
        value="2025-01", basis="inferred", inferred_from=Text(en="a phrase", nl="een zinsnede")
    )
    assert _text(date_text(v, inferred)) == "≈ January 2025 (inferred: a phrase)"
    nl = view(real_fb, "nl", "")
    assert _text(date_text(nl, DateSpec(value="2025-12-02", basis="stated"))) == "2 december 2025"


def test_figures_keep_their_qualifier_and_period(real_fb, view):
    figure = Figure(
        value=500_000_000,
        unit=Text(en="users", nl="gebruikers"),
        qualifier="more-than",
        period=Text(en="per week", nl="per week"),
    )
    assert figure_text(view(real_fb, "en", ""), figure) == "more than 500 million users per week"
    assert (
        figure_text(view(real_fb, "nl", ""), figure) == "meer dan 500 miljoen gebruikers per week"
    )


def test_citations_are_grouped_per_source_with_one_link_per_claim(mini_fb, view):
    v = view(mini_fb, "en", "actors/russia/")
    out = str(citations(v, ["russia-seeks-china", "us-weighs-controls"]))
    doc = html5lib.parseFragment(out, namespaceHTMLElements=False)
    assert len([s for s in doc.iter("span") if s.get("class") == "cites"]) == 1
    assert [a.get("href") for a in doc.iter("a")] == [
        "../../sources/sample-news/#russia-seeks-china",
        "../../sources/sample-news/#us-weighs-controls",
    ]


def test_a_claim_is_a_permalink_only_on_its_source_page(mini_fb, view):
    v = view(mini_fb, "en", "sources/sample-news/")
    assert 'id="russia-seeks-china"' in claim_card(v, "russia-seeks-china", anchor=True)
    assert 'id="russia-seeks-china"' not in claim_card(v, "russia-seeks-china")


def test_an_opinion_is_labelled_and_attributed(real_fb, view):
    claim_id = next(
        c
        for c, claim in real_fb.claims.items()
        if claim.kind == "opinion" and claim.said_by == "author"
    )
    card = _text(claim_card(view(real_fb, "en", ""), claim_id))
    assert "Opinion" in card and "Said by: Pascal Coppens" in card


def test_reported_speech_names_the_speaker_not_the_author(real_fb, view):
    claim_id = next(c for c, claim in real_fb.claims.items() if claim.said_by == "jensen-huang")
    card = _text(claim_card(view(real_fb, "nl", ""), claim_id))
    assert "Volgens: Jensen Huang" in card


def test_undated_events_are_listed_apart_without_a_date(real_fb, view):
    v = view(real_fb, "en", "timeline/")
    md = pages.timeline_page(v)
    undated = md.split("## Undated events", 1)[1]
    for event_id, event in real_fb.events.items():
        assert (f'id="event-{event_id}"' in undated) == (event.date is None)
    # No undated event is given a date: its date column says "Undated". (A time-bound title may
    # name its source's date, "…, Coppens wrote ≈ on or after 2 December 2025": not the event's.)
    doc = html5lib.parseFragment(site_markdown(undated), namespaceHTMLElements=False)
    columns = [el for el in doc.iter() if el.get("class") == "event-date"]
    assert columns and all("".join(c.itertext()) == "Undated" for c in columns)
    assert not any(list(c.iter("time")) for c in columns)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_page_renderer_starts_with_its_title(lang, real_fb, view):
    v = view(real_fb, lang, "")
    bodies = [
        pages.home(v),
        pages.timeline_page(v),
        pages.glossary_page(v),
        pages.figures_page(v),
        pages.questions_page(v),
        pages.data_page(v),
        pages.actor_page(v, "russia"),
        pages.source_page(v, "coppens-no-ai-war"),
        pages.topic_page(v, "ai-race"),
        pages.comparison_page(v, "five-axes"),
    ]
    for body in bodies:
        assert body.startswith("# ")


def test_claims_sharing_a_paragraph_get_lettered_citations(real_fb, view):
    by_paragraph: dict[tuple[str, int], list[str]] = {}
    for c in real_fb.claims:
        by_paragraph.setdefault(
            (real_fb.claim_source[c], real_fb.claim_place[c].paragraph), []
        ).append(c)
    (source, paragraph), pair = next((k, v[:2]) for k, v in by_paragraph.items() if len(v) > 1)
    doc = html5lib.parseFragment(
        str(citations(view(real_fb, "en", ""), pair)), namespaceHTMLElements=False
    )
    assert [a.text for a in doc.iter("a")] == [f"¶{paragraph}a", f"¶{paragraph}b"]


def test_a_window_holds_one_page_of_entries_and_refuses_pages_that_do_not_exist(real_fb, view):
    v = view(real_fb, "nl", "glossary/page/2/", page_size=2)
    entries, where = window(v, ["a", "b", "c", "d", "e"], "glossary", 2)
    assert entries == ["c", "d"]
    assert (where.number, where.pages) == (2, 3)
    assert where.title(v, "Woordenlijst") == "Woordenlijst (pagina 2 van 3)"
    nav = html5lib.parseFragment(str(where.nav(v)), namespaceHTMLElements=False)
    links = [("".join(a.itertext()), a.get("href")) for a in nav.iter("a")]
    first, third = "../../../glossary/", "../../../glossary/page/3/"
    assert links == [("Vorige", first), ("1", first), ("3", third), ("Volgende", third)]
    assert window(v, ["a"], "glossary", 1)[1].nav(v) == ""
    for number in (0, 4):
        with pytest.raises(ValueError, match="no page"):
            window(v, ["a", "b", "c", "d", "e"], "glossary", number)


def test_the_home_page_lists_a_few_takeaways_and_links_to_the_rest(monkeypatch, real_fb, view):
    monkeypatch.setattr(pages, "HOME_TAKEAWAYS", 3)
    html = _html(pages.home(view(real_fb, "en", "")))
    items = html5lib.parseFragment(html, namespaceHTMLElements=False).find(
        ".//ul[@class='takeaways']"
    )
    assert len(items.findall("li")) == 3
    assert f"All {len(real_fb.topics)} briefings" in _text(html)


def test_an_index_entry_cites_its_first_claims_and_counts_the_rest(real_fb, view):
    v = view(real_fb, "en", "briefings/")
    claims = list(real_fb.claims)[:9]
    html = str(citations(v, claims, 6, "briefings/ai-race/"))
    assert html.count('class="cite"') == 6
    more = html5lib.parseFragment(html, namespaceHTMLElements=False).find(
        ".//span[@class='cites-more']"
    )
    assert _text(str(citations(v, claims, 6))).endswith("and 3 more")
    assert more.find("a").get("href") == "../briefings/ai-race/"
    assert str(citations(v, claims[:7], 6)).count('class="cite"') == 7  # never "and 1 more"
    assert str(citations(v, claims, None)).count('class="cite"') == 9


FINDING_A = [
    "ChatGPT is launched ![t](/x.png){: onerror=alert(1) }",
    "ChatGPT is launched ![t](https://outside.example/p.png)",
]


@pytest.fixture(scope="module")
def finding_a(tmp_path_factory):
    """Fact bases whose dated events (and an actor, a pole, a summary) carry finding A's titles."""
    root = tmp_path_factory.mktemp("finding-a")
    return [factbase.load(data_with_text(root / str(i), t)) for i, t in enumerate(FINDING_A)]


def test_the_block_tags_are_block_level_for_markdown():
    assert set(markdown.util.BLOCK_LEVEL_ELEMENTS) >= BLOCK_TAGS


@pytest.mark.parametrize(
    "html",
    [
        "<svg><title>![t](/x.png){: onerror=alert(1) }</title></svg>",
        "<ul><li>a</li></ul><svg><title>*x*</title></svg>",
        "<p>*a*</p><p>[b](javascript:x)</p>",
        "<span>*a*</span>",
        "*a* {: onclick=x }",
        "<div><div>*a*</div></div><p>_b_</p>",
    ],
)
def test_what_is_not_one_block_element_is_wrapped_and_left_alone(html):
    assert site_markdown(block(html)) == block(html).strip()
    assert site_markdown("# T\n" + block(html) + "text\n").count(block(html).strip()) == 1


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_renderers_html_survives_markdown_byte_for_byte(
    lang, finding_a, monkeypatch, real_fb
):
    emitted: list[str] = []

    def recording(html):
        out = block(html)
        emitted.append(out)
        return out

    for module in (pages, timeline, comparisons, paging):
        monkeypatch.setattr(module, "block", recording)
    checked = 0
    for fb in [real_fb, *finding_a]:
        for name, md in every_page(fb, lang, page_size=2):
            html = site_markdown(md)
            rest = md
            for out in emitted:
                assert site_markdown(out) == out.strip(), name
                assert out.strip() in html, name
                rest = rest.replace(out, "\n", 1)
                checked += 1
            emitted.clear()
            # Nothing reaches the page beside these blocks but Markdown headings (html.heading).
            assert all(line.startswith("#") for line in rest.splitlines() if line.strip()), name
    assert checked > 300


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_markdown_title_on_a_dated_event_stays_text_on_every_page(lang, finding_a):
    for fb, title in zip(finding_a, FINDING_A, strict=True):
        rendered = dict(every_page(fb, lang))
        for name, md in rendered.items():
            assert live(site_markdown(md)) == [], name
        doc = html5lib.parseFragment(
            site_markdown(rendered["timeline"]), namespaceHTMLElements=False
        )
        # Shown literally, in the timeline's row and in its citations' previews.
        titles = ["".join(el.itertext()) for el in doc.iter() if el.get("class") == "event-title"]
        assert title in titles


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_no_space_before_punctuation_after_a_term_or_a_link(real_fb, lang):
    """A glossary term or a link is wrapped in elements; the text after it follows it directly
    ("export restrictions, to", "Jensen Huang, as reported by"), never "term ,"."""
    gap = re.compile(r"[^\s(\[]\s+[,.;:!?)](?=\s|$)")
    for name, md in every_page(real_fb, lang):
        doc = html5lib.parseFragment(site_markdown(md), namespaceHTMLElements=False)
        for el in doc.iter():  # the overview drawing's labels are not running text
            if str(el.tag).endswith("svg"):
                el.clear()
        found = gap.findall("".join(doc.itertext()))
        assert not found, (name, found[:3])


def test_the_publishers_own_words_in_a_translated_source_are_the_original(real_fb, view):
    """ChinaSquare's introduction and book notice stand in the translated piece but are its own
    words, written in Dutch: not labelled a translation (a fifth reader found them so)."""
    intro = "coppens-presents-chinas-next-miracle"
    source = real_fb.sources[real_fb.claim_source[intro]]
    assert source.translators and real_fb.claims[intro].said_by == source.publisher
    en, nl = view(real_fb, "en", ""), view(real_fb, "nl", "")
    assert "Original quote (Dutch)" in _text(claim_card(en, intro))
    assert "Oorspronkelijk citaat (Nederlands)" in _text(claim_card(nl, intro))
    assert "translation" not in _text(claim_card(en, intro)).split("Said by")[0].lower()


def test_a_translated_source_labels_its_quotes_and_title_as_the_translation(real_fb, view):
    """Coppens' piece reaches us in ChinaSquare's Dutch translation: its words are not his
    original ones. The unsigned report, with no translator, keeps 'Original quote'."""
    translated = "many-us-developers-also-chinese"
    original = "us-leads-ai-under-pressure"
    assert real_fb.sources[real_fb.claim_source[translated]].translators
    assert not real_fb.sources[real_fb.claim_source[original]].translators
    en, nl = view(real_fb, "en", ""), view(real_fb, "nl", "")
    assert "Quote (Dutch translation)" in _text(claim_card(en, translated))
    assert "Citaat (vertaling in het Nederlands)" in _text(claim_card(nl, translated))
    assert "Original quote (Dutch)" in _text(claim_card(en, original))
    assert "Oorspronkelijk citaat (Nederlands)" in _text(claim_card(nl, original))
    source = real_fb.claim_source[translated]
    page_nl = pages.source_page(view(real_fb, "nl", f"sources/{source}/"), source)
    assert (
        "Er is geen AI-oorlog tussen China en de VS (titel van de vertaling in het Nederlands)"
        in _text(_html(page_nl))
    )
    assert "oorspronkelijke titel" not in _text(_html(page_nl))
    page_en = pages.source_page(view(real_fb, "en", f"sources/{source}/"), source)
    assert "title of the Dutch translation: Er is geen AI-oorlog" in _text(_html(page_en))
