"""Issue 23's rest, on the Markdown and HTML the renderers return:

- time-bound statements (a claim whose text says as of its source, an event restating one) read
  as of their source on the timeline and in cards, with the source's date as precise as its
  evidence ("…, the report said ≈ on or after 5 November 2024");
- what an inferred date was inferred from is said once per timeline, each event pointing to it;
- comparison cells cite their evidence as the rest of the site does (¶ links with previews).
"""

from __future__ import annotations

import re

import html5lib
import pytest
from markupsafe import escape

from macros.facts import voice
from macros.facts.edtf_dates import parse
from macros.render import comparisons, pages
from macros.render.as_of import event_time_bound
from macros.render.claims import claim_card
from macros.render.date_text import when_words
from macros.render.timeline import timeline
from tests.conftest import make_view
from tests.inert import site_markdown

SAID = {  # what the timeline adds to a time-bound event's title, by its source
    ("en", "russia-china-ai-cooperation"): ", the report said ≈ on or after 5 November 2024",
    ("nl", "russia-china-ai-cooperation"): ", meldde het bericht ≈ op of na 5 november 2024",
    ("en", "coppens-no-ai-war"): ", Coppens wrote ≈ on or after 2 December 2025",
    ("nl", "coppens-no-ai-war"): ", schreef Coppens ≈ op of na 2 december 2025",
}


def _doc(markdown: str):
    return html5lib.parseFragment(site_markdown(markdown), namespaceHTMLElements=False)


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _by_class(doc, name: str) -> list:
    return [el for el in doc.iter() if name in (el.get("class") or "").split()]


def _timeline_rows(fb, lang: str) -> dict[str, object]:
    md = pages.timeline_page(make_view(fb, lang, "timeline/", page_size=len(fb.events)))
    return {li.get("id").removeprefix("event-"): li for li in _by_class(_doc(md), "event")}


# --- time-bound statements ----------------------------------------------------------------------


def test_time_bound_claims_are_those_whose_text_says_as_of_their_source(real_fb):
    bound = {c for c, claim in real_fb.claims.items() if voice.time_bound(claim)}
    assert {"us-weighs-new-chip-export-curbs", "moscow-seeks-beijing-support",
            "deepseek-open-source-shift"} <= bound  # fmt: skip
    # Either language says it: the Dutch of this one alone ("toen het bericht werd geschreven").
    assert "summits-on-military-ai" in bound
    assert not {"chatgpt-launch-accelerated-ai", "putin-orders-sberbank"} & bound
    # Words in quotation marks are the source's, not an "as of" of the site's.
    claim = real_fb.claims["putin-orders-sberbank"]
    quoted = claim.model_copy(
        update={"text": claim.text.model_copy(update={"en": "He said 'as of now' it holds."})}
    )
    assert not voice.time_bound(quoted)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_time_bound_events_read_as_of_their_source_on_the_timeline(real_fb, lang):
    rows = _timeline_rows(real_fb, lang)
    bound = [e for e in real_fb.events if event_time_bound(real_fb, e)]
    assert {"us-weighs-new-chip-export-curbs", "trump-takes-over", "moscow-turns-to-beijing",
            "deepseek-open-source-shift"} <= set(bound)  # fmt: skip
    for event_id, event in real_fb.events.items():
        [title] = _by_class(rows[event_id], "event-title")
        source = real_fb.claim_source[event.evidence[0]]
        expected = event.title[lang] + (SAID[lang, source] if event_id in bound else "")
        assert _text(title) == expected
        # The title itself stays bold; the source's voice and date do not.
        assert _text(title.find("strong")) == event.title[lang]
    # A one-off event is not said as of a source: the West began its sanctions in 2022.
    assert "western-sanctions-on-russia" not in bound
    assert "chatgpt-launched" not in bound


def test_the_source_date_is_a_machine_readable_time(real_fb):
    rows = _timeline_rows(real_fb, "en")
    [said] = _by_class(rows["us-weighs-new-chip-export-curbs"], "said-when")
    assert [t.get("datetime") for t in said.iter("time")] == ["2024-11-05"]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_time_bound_claim_card_names_when_its_source_said_it(real_fb, lang):
    v = make_view(real_fb, lang, "briefings/chips-and-sanctions/")
    bound = _doc(str(claim_card(v, "moscow-seeks-beijing-support")))
    [meta] = _by_class(bound, "claim-meta")
    said = SAID[lang, "russia-china-ai-cooperation"].split("≈")[1].strip()
    assert f"≈ {said}" in _text(meta)
    one_off = _doc(str(claim_card(v, "putin-orders-sberbank")))
    [meta] = _by_class(one_off, "claim-meta")
    assert "≈" not in _text(meta) and not _by_class(one_off, "said-when")


@pytest.mark.parametrize(
    ("value", "en", "nl"),
    [
        ("2025-01", "in January 2025", "in januari 2025"),
        ("2025-12-02", "on 2 December 2025", "op 2 december 2025"),
        ("2022", "in 2022", "in 2022"),
        ("2022~", "around 2022", "rond 2022"),
        ("2022?", "possibly in 2022", "mogelijk in 2022"),
        ("202X", "in the 2020s", "in de jaren 2020"),
        ("2025-21", "in spring 2025", "in het voorjaar van 2025"),
        ("[2023,2024]", "in 2023 or 2024", "in 2023 of 2024"),
        ("2025-12/..", "in December 2025 or later", "in december 2025 of later"),
        ("2024-11-05/..", "on or after 5 November 2024", "op of na 5 november 2024"),
        ("../2024", "by 2024", "uiterlijk 2024"),
        ("2024-12/2025-01", "between December 2024 and January 2025",
         "tussen december 2024 en januari 2025"),
    ],
)  # fmt: skip
def test_a_source_date_completes_the_sentence_it_is_said_in(value, en, nl):
    for lang, expected in (("en", en), ("nl", nl)):
        assert when_words(lang, parse(value)).striptags() == expected


# --- the date explanation, once per page --------------------------------------------------------


def _inferred(fb, event_ids):
    return [e for e in event_ids if fb.events[e].date and fb.events[e].date.basis == "inferred"]


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("where", ["timeline", "briefing"])
def test_each_date_explanation_shows_once_and_every_inferred_date_points_to_it(
    real_fb, lang, where
):
    if where == "timeline":
        event_ids = list(real_fb.events)
        md = pages.timeline_page(make_view(real_fb, lang, "timeline/", page_size=len(event_ids)))
    else:
        topic = "chips-and-sanctions"
        event_ids = real_fb.events_by_topic[topic]
        md = pages.topic_page(make_view(real_fb, lang, f"briefings/{topic}/"), topic)
    inferred = _inferred(real_fb, event_ids)
    assert len(inferred) >= 2
    html = site_markdown(md)
    doc = _doc(md)
    explanations = {real_fb.events[e].date.inferred_from[lang] for e in inferred}
    for said in explanations:
        assert html.count(str(escape(said))) == 1, said[:60]
    [notes] = _by_class(doc, "date-notes")
    anchors = {li.get("id"): _text(li) for li in notes.iter("li")}
    assert len(anchors) == len(explanations)
    rows = {li.get("id").removeprefix("event-"): li for li in _by_class(doc, "event")}
    for e in inferred:
        [ref] = _by_class(rows[e], "date-note-ref")
        target = ref.get("href").removeprefix("#")
        assert anchors[target] == " ".join(real_fb.events[e].date.inferred_from[lang].split())
        label = "abcdefghijklmnopqrstuvwxyz"[list(anchors).index(target)]  # as the list marks it
        assert _text(ref).endswith(f" {label}"), _text(ref)
    # No explanation is left inside an event's row.
    for li in rows.values():
        assert not any(said in _text(li) for said in explanations)


def test_events_inferred_alike_share_one_note(real_fb):
    rows = _timeline_rows(real_fb, "en")
    refs = {e: _by_class(rows[e], "date-note-ref")[0].get("href") for e in
            ("us-weighs-new-chip-export-curbs", "trump-takes-over")}  # fmt: skip
    assert len(set(refs.values())) == 1


def test_an_event_note_anchor_is_an_id_no_heading_may_take(real_fb):
    from macros.facts.factbase import _element_ids

    ids = _element_ids(real_fb)
    assert all(f"date-note-{e}" in ids for e in real_fb.events)


def test_date_notes_are_lettered_as_the_list_marks_them():
    from macros.render.timeline import note_label

    assert [note_label(n) for n in (1, 2, 26, 27, 28, 52, 53)] == [
        "a", "b", "z", "aa", "ab", "az", "ba"
    ]  # fmt: skip


def test_a_timeline_without_inferred_dates_has_no_notes(real_fb):
    stated = [e for e, ev in real_fb.events.items() if ev.date and ev.date.basis == "stated"]
    md = timeline(make_view(real_fb, "en", "timeline/"), stated)
    assert "date-notes" not in md and "date-note-ref" not in md


# --- comparison cells ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("comparison_id", ["four-as-four-is", "five-axes", "framings"])
def test_comparison_cells_cite_with_previews_not_evidence_toggles(real_fb, lang, comparison_id):
    c = real_fb.comparisons[comparison_id]
    v = make_view(real_fb, lang, f"comparisons/{comparison_id}/")
    doc = _doc(comparisons.comparison(v, c))
    assert not _by_class(doc, "evidence") and not list(doc.iter("details"))
    cells = [td for td in doc.iter("td") if _by_class(td, "cell-evidence")]
    links = [a for td in cells for a in td.iter("a") if a.get("class") == "cite"]
    assert all(re.fullmatch(r"¶\d+[a-z]?", _text(a)) for a in links)
    rows = c.rows
    evidence = (
        {cid for row in rows for cell in row.cells.values() for cid in cell.evidence}
        if c.kind == "table"
        else {cid for row in rows for cid in row.evidence}
    )
    assert {a.get("href").rsplit("#", 1)[1] for a in links} == evidence
    # Each cited claim's quote is within reach, in the preview beside a citation of it (the page
    # keeps one per claim: claims.one_preview_per_claim).
    previews = [p for td in cells for p in td.iter("small") if p.get("class") == "cite-preview"]
    shown = {_text(q) for p in previews for q in p.iter("q")}
    assert {" ".join(real_fb.claims[cid].quote.split()) for cid in evidence} <= shown
