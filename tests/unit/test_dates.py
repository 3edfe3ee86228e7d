"""Dates in EDTF level 1: every form accepted or refused with its place, rendered in words in
both languages, and the order of the timeline."""

from __future__ import annotations

import csv
import io
import random
import time

import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.cli.commands import main
from macros.facts import edtf_dates, factbase
from macros.facts.models import DateSpec, Text
from macros.outputs.downloads import claims_csv
from macros.render.claims import date_text
from macros.render.timeline import in_order, overview_svg, timeline, year_of
from tests.browser.test_validity import _errors, _ours
from tests.conftest import FIXTURE, edit, examples
from tests.sitebuild import mkdocs_build, parse, project_copy

SOURCE = "sources/sample-news.yml"
AT = "data/sources/sample-news.yml:10:3: source 'sample-news': field 'published.value': "
FORMS = (
    '"2022", "2025-01" or "2025-12-02"; "2022~" (around), "2022?" (possibly), '
    '"2022%" (possibly around), "202X" (the 2020s), "2025-21" (spring 2025), '
    '"2024-12/2025-01" (between), "2025-12-02/.." (on or after), "../2024" (by), '
    '"[2023,2024]" (one of: 2023 or 2024); see data/README.md'
)
UNSPECIFIED = (
    'an unknown digit (X) may end the year ("202X", the 2020s) or stand for a whole month '
    'or day ("2025-XX", "2025-03-XX"), nothing else'
)


def _published(data_dir, written: str) -> None:
    edit(data_dir / SOURCE, '  value: "2025-01"', f"  value: {written}")


ACCEPTED = [
    '"2022"',
    "2022",  # YAML reads a bare year as a number
    '"2025-01"',
    '"2025-12-02"',
    '"2024-02-29"',
    '"2025-12-02/.."',
    '"../2024"',
    '"2024-12/2025-01"',
    '"2022~"',
    '"2022?"',
    '"2022%"',
    '"2025-12-02~"',
    '"2022?/2023~"',
    '"202X"',
    '"20XX"',
    '"2025-XX"',
    '"2025-03-XX"',
    '"2025-21"',
    '"2024-23/2025-22"',
]


@pytest.mark.parametrize("written", ACCEPTED)
def test_every_level_1_form_is_accepted(written, data_dir, capsys):
    _published(data_dir, written)
    assert main(["--data", str(data_dir), "check"]) == 0, capsys.readouterr().err


REFUSED = [
    ('"2025-02-30"', "'2025-02-30' is not a date: that month has 28 days"),
    ('"2025-02-29"', "'2025-02-29' is not a date: that month has 28 days"),
    ('"2025-04-31"', "'2025-04-31' is not a date: that month has 30 days"),
    ('"2025-13"', "'2025-13' has no month 13"),
    ('"2025-00"', "'2025-00' has no month 0"),
    ('"2024-12/2025-13"', "'2024-12/2025-13' has no month 13"),
    ('"2025-21-01"', "'2025-21-01' has no month 21"),
    ("garbage", f"must be a date written in EDTF: {FORMS}"),
    ('""', f"must be a date written in EDTF: {FORMS}"),
    (
        '"2025-12-02 "',
        f"'2025-12-02 ' is EDTF, but not one of the level-1 forms this site uses: {FORMS}",
    ),
    ('"2025/2024"', "'2025/2024': an interval must end after its start"),
    ('"2024/2024-06"', "'2024/2024-06': an interval must end after its start"),
    (
        '"2024/"',
        "'2024/' leaves an end of the interval empty (unknown); write '..' for an open end, "
        'as in "2025-12-02/.." (on or after) or "../2024" (by)',
    ),
    (
        '"/2024"',
        "'/2024' leaves an end of the interval empty (unknown); write '..' for an open end, "
        'as in "2025-12-02/.." (on or after) or "../2024" (by)',
    ),
    ('"../.."', "'../..' is open at both ends: it dates nothing; leave `date` out"),
    ('"2025-1X"', f"'2025-1X': {UNSPECIFIED}"),
    ('"202X-05"', f"'202X-05': {UNSPECIFIED}"),
    ('"2025-XX-05"', f"'2025-XX-05': {UNSPECIFIED}"),
    # Level 2 and level-0 times of day: valid EDTF, not forms the site renders
    (
        '"2004-06~-11"',
        f"'2004-06~-11' is EDTF, but not one of the level-1 forms this site uses: {FORMS}",
    ),
    (
        '"{2022,2024}"',
        f"'{{2022,2024}}' is EDTF, but not one of the level-1 forms this site uses: {FORMS}",
    ),
    # Level 2's one of a set: single dates written out, in order, two to four of them.
    (
        '"[2022..2024]"',
        '\'[2022..2024]\': each date of a set is a single date ("2023", "2025-01", '
        "\"2025-12-02\"), written out, not '2022..2024'",
    ),
    ('"[2024,2023]"', "'[2024,2023]': the dates of a set go from earliest to latest, apart"),
    ('"[2023]"', "'[2023]': one of a set needs two dates or more, as in \"[2023,2024]\""),
    (
        '"[2021,2022,2023,2024,2025]"',
        "'[2021,2022,2023,2024,2025]': one of a set has at most 4 dates",
    ),
    ('"2025-25"', "'2025-25' has no month 25"),
    (
        '"2025-12-02T10:00:00"',
        f"'2025-12-02T10:00:00' is EDTF, but not one of the level-1 forms this site uses: {FORMS}",
    ),
    ('"2025-21~"', f"'2025-21~' is not EDTF level 1: {FORMS}"),
    (
        '"Y170000002"',
        f"'Y170000002' is EDTF, but not one of the level-1 forms this site uses: {FORMS}",
    ),
    ('"1850"', "'1850' reaches the year 1850; this site dates things between 1900 and 2099"),
    ('"2XXX"', "'2XXX' reaches the year 2999; this site dates things between 1900 and 2099"),
    ('"../2150"', "'../2150' reaches the year 2150; this site dates things between 1900 and 2099"),
]


@pytest.mark.parametrize(("written", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_an_impossible_or_unknown_form_is_refused_with_its_place(
    written, message, data_dir, capsys
):
    _published(data_dir, written)
    assert main(["--data", str(data_dir), "check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [AT + message, "failed: 1 problem in the data"]


def _text(fragment: str) -> str:
    return "".join(html5lib.parseFragment(fragment, namespaceHTMLElements=False).itertext())


RENDERED = [
    ("2022", "2022", "2022"),
    ("2025-12", "December 2025", "december 2025"),
    ("2025-12-02", "2 December 2025", "2 december 2025"),
    ("2025-12-02/..", "on or after 2 December 2025", "op of na 2 december 2025"),
    ("2025-12/..", "December 2025 or later", "december 2025 of later"),
    ("2022/..", "2022 or later", "2022 of later"),
    ("../2024", "by 2024", "uiterlijk 2024"),
    ("../2025-12-02", "by 2 December 2025", "uiterlijk 2 december 2025"),
    (
        "2024-12/2025-01",
        "between December 2024 and January 2025",
        "tussen december 2024 en januari 2025",
    ),
    ("2022~", "around 2022", "rond 2022"),
    ("2022?", "possibly 2022", "mogelijk 2022"),
    ("2022%", "possibly around 2022", "mogelijk rond 2022"),
    ("2025-03-14~", "around 14 March 2025", "rond 14 maart 2025"),
    ("2022?/2023~", "between possibly 2022 and around 2023", "tussen mogelijk 2022 en rond 2023"),
    ("202X", "the 2020s", "de jaren 2020"),
    ("202X~", "around the 2020s", "rond de jaren 2020"),
    ("20XX", "between 2000 and 2099", "tussen 2000 en 2099"),
    ("2025-XX", "2025", "2025"),
    ("2025-03-XX", "March 2025", "maart 2025"),
    ("2025-21", "spring 2025", "voorjaar 2025"),
    ("2024-23/2025-22", "between autumn 2024 and summer 2025", "tussen najaar 2024 en zomer 2025"),
    ("2024-24/..", "winter 2024 or later", "winter 2024 of later"),
]


@pytest.mark.parametrize(("value", "en", "nl"), RENDERED, ids=[r[0] for r in RENDERED])
def test_every_form_reads_naturally_in_both_languages(value, en, nl, mini_fb, view):
    date = DateSpec(value=value, basis="stated")
    assert _text(date_text(view(mini_fb, "en", ""), date)) == en
    assert _text(date_text(view(mini_fb, "nl", ""), date)) == nl


def test_an_inferred_date_keeps_its_note(mini_fb, view):
    date = DateSpec(
        value="2025-12-02/..", basis="inferred", inferred_from=Text(en="a phrase", nl="een zin")
    )
    assert _text(date_text(view(mini_fb, "en", ""), date)) == (
        "≈ on or after 2 December 2025 (inferred: a phrase)"
    )
    assert _text(date_text(view(mini_fb, "nl", ""), date)) == (
        "≈ op of na 2 december 2025 (afgeleid: een zin)"
    )


def test_every_calendar_date_in_the_words_is_a_time_element(mini_fb, view):
    html = str(
        date_text(view(mini_fb, "en", ""), DateSpec(value="2024-12/2025-01~", basis="stated"))
    )
    doc = html5lib.parseFragment(html, namespaceHTMLElements=False)
    assert [(t.get("datetime"), t.text) for t in doc.iter("time")] == [
        ("2024-12", "December 2024"),
        ("2025-01", "January 2025"),
    ]
    assert doc.find("span").get("data-edtf") == "2024-12/2025-01~"
    decade = str(date_text(view(mini_fb, "en", ""), DateSpec(value="202X", basis="stated")))
    assert "<time" not in decade  # no calendar date to give a machine


# The timeline: (id, date, evidence), written in an order unlike the expected one.
TIMELINE = [
    ("z-later-same-year", "2024-06", "russia-seeks-china"),
    ("open-end", "2024/..", "russia-seeks-china"),
    ("tie-second-evidence", "2024", "us-weighs-controls"),
    ("tie-b", "2024", "russia-seeks-china"),
    ("tie-a", "2024", "russia-seeks-china"),
    ("open-start", "../2024", "us-weighs-controls"),
    ("next-year", "2025~", "russia-seeks-china"),
    ("earlier-year", "2023-12/2024-02", "us-weighs-controls"),
]
EXPECTED = [
    "talks-begin",  # 2022~ (fixture)
    "earlier-year",  # earliest day 2023-12-01: listed under 2023
    "first-contacts",  # ../2024 (fixture): no earliest day, listed first under 2024
    "open-start",  # ../2024 too; its first evidence comes later in the source
    "tie-a",  # 2024: same days, same first evidence -> by id
    "tie-b",
    "tie-second-evidence",  # 2024, first evidence later in the source
    "open-end",  # 2024/..: same earliest day, no latest day -> after the closed ones
    "z-later-same-year",  # 2024-06
    "controls-weighed",  # 2024-12/2025-01 (fixture)
    "next-year",  # 2025~
    "cooperation-sought-again",  # 2025-12-02/.. (fixture)
    "russia-turns-to-china",  # undated (fixture)
]


def _timeline_fb(data_dir):
    events = "".join(
        f"  - id: {eid}\n"
        f'    date: {{value: "{value}", basis: stated}}\n'
        f"    title: {{en: {eid}, nl: {eid}}}\n"
        f"    evidence: [{evidence}]\n"
        for eid, value, evidence in TIMELINE
    )
    path = data_dir / "events.yml"
    path.write_text(path.read_text() + events)
    return factbase.load(data_dir)


def test_the_timeline_orders_by_earliest_then_latest_day_then_evidence_then_id(data_dir, view):
    fb = _timeline_fb(data_dir)
    assert in_order(view(fb, "en", ""), list(fb.events)) == EXPECTED


def test_the_timeline_lists_events_under_the_year_of_their_earliest_day(data_dir, view):
    fb = _timeline_fb(data_dir)
    v = view(fb, "nl", "timeline/")
    md = timeline(v, list(fb.events))
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == [
        "## 2022",
        "## Tussen december 2023 en februari 2024",  # a range over years is not filed under one
        "## Uiterlijk 2024",  # an open start is not filed under the year it may precede
        "## 2024",
        "## Tussen december 2024 en januari 2025",  # after the events of the year it starts in
        "## 2025",
        "## Gebeurtenissen zonder datum",
        "## Hoe de datums met ≈ zijn afgeleid",  # what the inferred dates rest on, said once
    ]
    between = md.split("## Tussen december 2023 en februari 2024", 1)[1].split("## ", 1)[0]
    assert 'id="event-earlier-year"' in between
    by_2024 = md.split("## Uiterlijk 2024", 1)[1].split("## 2024", 1)[0]
    assert by_2024.count('class="event"') == 2
    assert 'id="event-first-contacts"' in by_2024 and 'id="event-open-start"' in by_2024
    in_2024 = md.split("## 2024", 1)[1].split("## ", 1)[0]
    assert 'id="event-controls-weighed"' not in in_2024
    svg = html5lib.parseFragment(
        str(overview_svg(v, in_order(v, list(fb.events)))), namespaceHTMLElements=False
    )
    # SVG elements keep their namespace: "{http://www.w3.org/2000/svg}text"
    labels = [el.text for el in svg.iter() if el.tag.endswith("}text") and not el.get("class")]
    assert labels == ["2022", "2023", "2024", "2025"]
    # Counted: only events dated within one year; "by 2024" and the two ranges over years are
    # left out of the bars (2023 is an empty year).
    counts = [el.text for el in svg.iter() if el.tag.endswith("}text") and el.get("class")]
    assert counts == ["1", "5", "2"]
    assert svg[0].get("aria-label") == (
        "Overzicht: 2022: 1 gebeurtenissen; 2024: 5 gebeurtenissen; 2025: 2 gebeurtenissen"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "## Between 2022 and 20 January 2025"), ("nl", "## Tussen 2022 en 20 januari 2025")],
)
def test_a_range_over_years_has_its_own_heading_and_no_bar(data_dir, view, lang, expected):
    path = data_dir / "events.yml"
    path.write_text(
        path.read_text()
        + "  - id: range-over-years\n"
        + '    date: {value: "2022/2025-01-20", basis: stated}\n'
        + "    title: {en: range, nl: range}\n"
        + "    evidence: [russia-seeks-china]\n"
    )
    fb = factbase.load(data_dir)
    v = view(fb, lang, "timeline/")
    md = timeline(v, list(fb.events))
    section = md.split(expected + "\n", 1)[1].split("## ", 1)[0]
    assert 'id="event-range-over-years"' in section
    for year in ("## 2022\n", "## 2023\n", "## 2025\n"):
        if year in md:
            assert 'id="event-range-over-years"' not in md.split(year, 1)[1].split("## ", 1)[0]
    with_it = overview_svg(v, [e for e in fb.events if fb.events[e].date])
    without = overview_svg(
        v, [e for e in fb.events if fb.events[e].date and e != "range-over-years"]
    )
    assert with_it == without  # not counted in any year's bar


def test_the_overview_is_left_out_when_it_would_say_nothing(data_dir, view):
    fb = _timeline_fb(data_dir)
    v = view(fb, "en", "timeline/")
    two_years = [e for e in fb.events if fb.events[e].date and year_of(fb.events[e].date) >= 2024]
    assert overview_svg(v, two_years) == ""
    assert "timeline-overview" not in timeline(v, two_years)
    assert "timeline-overview" in timeline(v, list(fb.events))


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    """The minimal fact base (one event per form of date) built as a contributor's PR would."""
    root = tmp_path_factory.mktemp("dates")
    project = project_copy(root / "project", FIXTURE)
    run = mkdocs_build(project, root / "site")
    assert run.returncode == 0, run.stderr
    return root / "site"


def _events(site, prefix: str) -> dict[str, str]:
    """Each event's row as read: its date, then the note its inference link leads to, if any
    (the notes are listed once under the events)."""
    doc = parse(site / prefix / "timeline" / "index.html")
    notes = {li.get("id"): li for li in doc.iter("li") if li.get("id", "").startswith("date-note-")}
    rows = {}
    for li in doc.iter("li"):
        if (li.get("class") or "") != "event":
            continue
        date = li.find("./span[@class='event-date']/span")
        ref = li.find(".//a[@class='basis date-note-ref']")
        shown = " ".join("".join(date.itertext()).split())
        if ref is not None:
            label = "".join(ref.itertext()).split(":")[0]
            note = notes[ref.get("href").removeprefix("#")]
            shown += f" | {label}: " + " ".join("".join(note.itertext()).split())
        rows[li.get("id")] = shown
    return rows


def test_the_built_timeline_shows_every_form_in_both_languages(fixture_site):
    """One layout for every row: a date column (Undated when there is none), the inference note
    in the row's body."""
    events = _events(fixture_site, "")
    undated = {k for k, d in events.items() if d == "Undated"}
    assert undated
    assert {k: d for k, d in events.items() if k not in undated} == {
        "event-talks-begin": "around 2022",
        "event-first-contacts": "by 2024",
        "event-controls-weighed": "between December 2024 and January 2025",
        "event-cooperation-sought-again": "≈ on or after 2 December 2025 | inferred: a test phrase",
    }
    events = _events(fixture_site, "nl")
    assert {k: d for k, d in events.items() if k not in undated} == {
        "event-talks-begin": "rond 2022",
        "event-first-contacts": "uiterlijk 2024",
        "event-controls-weighed": "tussen december 2024 en januari 2025",
        "event-cooperation-sought-again": "≈ op of na 2 december 2025 | afgeleid: een testzinsnede",
    }
    page = (fixture_site / "timeline" / "index.html").read_text()
    assert page.index("event-talks-begin") < page.index("event-first-contacts")
    assert page.index("event-controls-weighed") < page.index("event-cooperation-sought-again")


def test_dates_and_quote_labels_on_a_source_page_in_both_languages(fixture_site):
    for prefix, published, label in (
        ("", "≈ January 2025 (inferred: a test)", "Original quote (Dutch)"),
        ("nl", "≈ januari 2025 (afgeleid: een test)", "Oorspronkelijk citaat (Nederlands)"),
    ):
        doc = parse(fixture_site / prefix / "sources" / "sample-news" / "index.html")
        text = " ".join("".join(doc.find(".//article").itertext()).split())
        assert published in text
        # the quote's disclosure names its language (beside the claim's Cite box)
        assert label in {s.text for s in doc.iter("summary")}


def test_the_date_markup_is_valid_html(fixture_site):
    ours = _ours(_errors(fixture_site))
    assert ours == []


@settings(max_examples=examples(400), deadline=None)
@given(
    st.one_of(
        st.text(alphabet="0123456789X-/.~?%[],{}YST:", max_size=24),
        st.text(max_size=24),
        st.from_regex(edtf_dates.SCHEMA_PATTERN, fullmatch=True),  # what editors let through
    )
)
def test_any_written_date_parses_or_is_refused_with_a_message(value):
    # The edtf parser raises AttributeError, ValueError or its own exception on odd input; a
    # contributor must only ever see a message.
    try:
        parsed = edtf_dates.parse(value)
    except ValueError as exc:
        assert str(exc)
    else:
        assert parsed.earliest or parsed.latest
        assert parsed.earliest is None or parsed.latest is None or parsed.earliest <= parsed.latest


def test_the_claims_csv_gives_the_earliest_and_latest_day(data_dir, mini_fb):
    edit(data_dir / "claims/sample-news.yml", 'value: "2025-01"', 'value: "../2025-01"')
    rows = list(csv.DictReader(io.StringIO(claims_csv(factbase.load(data_dir)))))
    assert [(r["date"], r["date_earliest"], r["date_latest"]) for r in rows] == [
        ("", "", ""),
        ("../2025-01", "", "2025-01-31"),
    ]
    rows = list(csv.DictReader(io.StringIO(claims_csv(mini_fb))))
    assert (rows[1]["date_earliest"], rows[1]["date_latest"]) == ("2025-01-01", "2025-01-31")


# A value the full grammar backtracks on: 9 s of CPU per value before the length cap.
STALLING = "[..2020-01-01," + ",".join(f"20{i % 100:02d}" for i in range(300)) + "]x"


def test_a_long_date_is_refused_before_any_grammar_runs(data_dir, capsys, monkeypatch):
    _published(data_dir, f'"{STALLING}"')
    tried: list[str] = []
    monkeypatch.setattr(edtf_dates, "_parse_any_level", lambda value: tried.append(value))
    assert main(["--data", str(data_dir), "check"]) == 1
    assert tried == []  # refused on its length: the full grammar never saw it
    err = capsys.readouterr().err.splitlines()
    assert err[0] == AT + f"a date has at most 40 characters (this one has 1,515): {FORMS}"


def test_many_distinct_bad_dates_cost_a_bounded_time():
    # Short, in EDTF's alphabet, and each a few hundred milliseconds of backtracking: only the
    # first MAX_DIAGNOSES are tried against the whole grammar in one load.
    # (The time each costs is printed by scripts/bench_check.py; here, how many are tried.)
    edtf_dates.new_load()
    values = [f"[2020-01-01,{2000 + i}-01-01]Z" for i in range(60)]  # all in EDTF's alphabet
    real, tried = edtf_dates._parse_any_level, []
    dates_parse_any_level = lambda value: (tried.append(value), real(value))[1]  # noqa: E731
    with pytest.MonkeyPatch.context() as m:
        m.setattr(edtf_dates, "_parse_any_level", dates_parse_any_level)
        messages = []
        for value in values:
            with pytest.raises(ValueError) as exc:
                edtf_dates.parse(value)
            messages.append(str(exc.value))
        assert len(tried) == edtf_dates.MAX_DIAGNOSES
        assert all(m == f"must be a date written in EDTF: {FORMS}" for m in messages)
        # a failure is remembered: the same values again never reach the grammar
        for value in values[: edtf_dates.MAX_DIAGNOSES]:
            with pytest.raises(ValueError):
                edtf_dates.parse(value)
        assert len(tried) == edtf_dates.MAX_DIAGNOSES


def test_the_date_grammar_prints_nothing(data_dir, capsys):
    # The edtf parser printed "trying to Level1Interval.__init__(...)", with no location.
    _published(data_dir, '"../202X"')
    assert main(["--data", str(data_dir), "check"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[0] == AT + f"'../202X': {UNSPECIFIED}"


@pytest.mark.parametrize(
    ("value", "en", "nl", "earliest", "latest"),
    [
        ("[2023,2024]", "2023 or 2024", "2023 of 2024", "2023-01-01", "2024-12-31"),
        (
            "[2024-12,2025-01]",
            "December 2024 or January 2025",
            "december 2024 of januari 2025",
            "2024-12-01",
            "2025-01-31",
        ),
        (
            "[2022,2023,2024]",
            "2022, 2023 or 2024",
            "2022, 2023 of 2024",
            "2022-01-01",
            "2024-12-31",
        ),
    ],
)
def test_one_of_a_set_reads_naturally_in_both_languages(value, en, nl, earliest, latest):
    from markupsafe import Markup

    from macros.render.date_text import date_words

    d = edtf_dates.parse(value)
    assert Markup(date_words("en", d)).striptags() == en
    assert Markup(date_words("nl", d)).striptags() == nl
    assert (str(d.earliest), str(d.latest)) == (earliest, latest)
    assert '<time datetime="' in date_words("en", d)  # each date machine-readable


def test_one_of_a_set_is_never_given_as_a_known_publication_day():
    from types import SimpleNamespace

    from macros.outputs.open_data import day_known

    spec = SimpleNamespace(basis="stated", edtf=edtf_dates.parse("[2025-12-01,2025-12-02]"))
    assert day_known(spec) is None
    spec = SimpleNamespace(basis="stated", edtf=edtf_dates.parse("2025-12-02"))
    assert day_known(spec) == "2025-12-02"


class _CountingGrammar:
    """The level-0/1 grammar, counting what it is asked to read."""

    def __init__(self, grammar):
        self.grammar, self.read = grammar, []

    def parse_string(self, value, **kwargs):
        self.read.append(value)
        return self.grammar.parse_string(value, **kwargs)


def _distinct_uncertain_dates(n: int) -> list[str]:
    days = [
        f"{y}-{m:02d}-{d:02d}"
        for y in range(2000, 2040)
        for m in range(1, 13)
        for d in (1, 9, 17, 25)
    ]
    return [f"{day}{q}" for day in days for q in "~?%"][:n]


def test_valid_dates_of_the_common_forms_never_reach_the_grammar(monkeypatch):
    # The attacker's 5,500 events with distinct uncertain dates: each read by the grammar cost
    # ~6 ms (31.7 s of `check`). The common forms are read without it.
    edtf_dates.new_load()
    edtf_dates._cache.clear()
    counting = _CountingGrammar(edtf_dates._LEVEL_0_OR_1)
    monkeypatch.setattr(edtf_dates, "_LEVEL_0_OR_1", counting)
    values = _distinct_uncertain_dates(5_500)
    values += ["2022", "202X", "20XX?", "2025-XX", "2025-03-XX%", "2025-21", "2024-21~/2025-22"]
    values += ["2024-12/2025-01", "2025-12-02/..", "../2024~", "2022?/2023~"]
    start = time.process_time()
    for value in values:
        edtf_dates.parse(value)
    assert counting.read == []
    assert time.process_time() - start < 1.0  # ~0.1 s; the grammar took ~6 s here


def test_4000_events_with_distinct_dates_are_checked_within_the_contract(data_dir, capsys):
    # As many events as events.yml may hold (100,000 values), each with a date of its own.
    events = ["events:"]
    for i, value in enumerate(_distinct_uncertain_dates(4_000)):
        events += [
            f"  - id: event-{i}",
            f'    date: {{value: "{value}", basis: stated}}',
            f"    title: {{en: Event {i}, nl: Gebeurtenis {i}}}",
            "    actors: [russia]",
            "    topics: [cooperation]",
            "    evidence: [russia-seeks-china]",
        ]
    (data_dir / "events.yml").write_text("\n".join(events) + "\n", encoding="utf-8")
    edtf_dates._cache.clear()
    start = time.process_time()
    assert main(["--data", str(data_dir), "check"]) == 0, capsys.readouterr().err
    assert time.process_time() - start < 2.0  # SECURITY.md: any valid input checked in <= 2 s


def _grammar_only(value: str):
    """What parse made of `value` before the common forms had their shortcut."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(edtf_dates, "_common_bounds", lambda value: None)
        return _shortcut(value)


def _shortcut(value: str):
    """What parse makes of `value` (its dates, or its message), from a fresh load."""
    edtf_dates.new_load()
    edtf_dates._cache.clear()
    try:
        return edtf_dates.parse(value)
    except ValueError as exc:
        return str(exc)


def _points():
    for year in ("2025", "2024", "202X", "20XX", "1899", "2100", "190X", "2XXX", "209X"):
        for month in (None, "01", "02", "12", "13", "00", "21", "24", "25", "XX"):
            for day in (None, "01", "29", "31", "32", "00", "XX"):
                if month is None and day is not None:
                    continue
                for q in ("", "~", "?", "%"):
                    yield "-".join(p for p in (year, month, day) if p) + q


def test_the_common_forms_read_as_the_grammar_reads_them():
    # The edtf package is the judge: every single date of the enumeration, and a sample of
    # intervals of them, give the same date or the same message with the shortcut as without.
    edtf_dates.new_load()
    points = list(_points())
    rng = random.Random(26)
    ends = [p for p in points if "X" not in p] + ["..", "2025-21~", "2024-24?"]
    intervals = [f"{rng.choice(ends)}/{rng.choice(ends)}" for _ in range(800)]
    intervals += ["2024-12/2025-01", "2022?/2023~", "2024-21~/2025", "202X/2030", "../2024-24"]
    for value in points + intervals:
        assert _shortcut(value) == _grammar_only(value), value


def test_uncommon_dates_are_read_by_the_grammar_within_a_budget(monkeypatch):
    edtf_dates.new_load()
    edtf_dates._cache.clear()
    counting = _CountingGrammar(edtf_dates._LEVEL_0_OR_1)
    monkeypatch.setattr(edtf_dates, "_LEVEL_0_OR_1", counting)
    values = [f"{2000 + i}-21~" for i in range(edtf_dates.MAX_GRAMMAR_DATES + 20)]
    messages = []
    for value in values:
        try:
            edtf_dates.parse(value)
        except ValueError as exc:
            messages.append(str(exc))
    assert len(counting.read) == edtf_dates.MAX_GRAMMAR_DATES
    assert messages[0].startswith("'2000-21~' is not EDTF level 1")
    assert messages[-1].startswith(
        f"'{values[-1]}' is not one of the common forms, and a check reads at most "
        f"{edtf_dates.MAX_GRAMMAR_DATES} dates of other forms"
    )
