"""`date: {source: X}`: a claim or an event dated by an article's own date says so once, and is
shown exactly as that source's date (same precision, basis and reasons); mistakes are located;
an inferred date copied out of its source is a warning, and the real data copies none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.cli.commands import main
from macros.facts import factbase
from macros.outputs.downloads import claims_csv, facts_json
from macros.render.claims import claim_card
from macros.render.timeline import timeline
from tests.conftest import edit
from tests.mutations import assert_refused_at

CLAIMS = "claims/sample-news.yml"
# The fixture source's date, written out as a record would repeat it.
WRITTEN = '{value: "2025-01", basis: inferred, inferred_from: {en: a test, nl: een test}}'


def _date_claim_and_event(data: Path, date: str) -> None:
    edit(
        data / CLAIMS,
        "    topics: [cooperation]\n",
        f"    topics: [cooperation]\n    date: {date}\n",
    )
    edit(
        data / "events.yml",
        "    evidence: [russia-seeks-china]\n",
        f"    evidence: [russia-seeks-china]\n    date: {date}\n",
    )


@pytest.fixture
def two_ways(tmp_path: Path, data_dir: Path) -> tuple[factbase.FactBase, factbase.FactBase]:
    """The same claim and event dated `{source: sample-news}`, and with that date written out."""
    written = tmp_path / "written" / "data"
    shutil.copytree(data_dir, written)
    _date_claim_and_event(data_dir, "{source: sample-news}")
    _date_claim_and_event(written, WRITTEN)
    return factbase.load(data_dir), factbase.load(written)


def test_the_date_is_the_sources_whole(two_ways):
    fb, _ = two_ways
    published = fb.sources["sample-news"].published
    assert fb.claims["russia-seeks-china"].date == published
    assert fb.events["russia-turns-to-china"].date == published  # no longer undated


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_it_is_shown_exactly_as_the_date_written_out(two_ways, view, lang):
    by_source, written = two_ways
    for fb in two_ways:
        assert fb.claims["russia-seeks-china"].date.inferred_from.en == "a test"
    shown = [
        (
            claim_card(view(fb, lang, "sources/sample-news/"), "russia-seeks-china"),
            timeline(view(fb, lang, "timeline/"), list(fb.events)),
        )
        for fb in (by_source, written)
    ]
    assert shown[0] == shown[1]
    month = "January 2025" if lang == "en" else "januari 2025"
    assert f'≈ <time datetime="2025-01">{month}</time>' in shown[0][1]  # dated, as inferred
    assert facts_json(by_source) == facts_json(written)
    assert claims_csv(by_source) == claims_csv(written)


def test_the_repeated_date_is_a_warning_the_source_form_is_not(two_ways):
    by_source, written = two_ways
    assert not [w for w in by_source.warnings if "repeat" in w.message]
    repeated = sorted(str(w) for w in written.warnings if "repeat" in w.message)
    assert [w.split(": ", 1)[1] for w in repeated] == [
        "warning: claim 'russia-seeks-china': field 'date': its value and reasons repeat the "
        "`published` date of source 'sample-news'; write `date: {source: sample-news}` to say "
        "them once",
        "warning: event 'russia-turns-to-china': field 'date': its value and reasons repeat the "
        "`published` date of source 'sample-news'; write `date: {source: sample-news}` to say "
        "them once",
    ]
    assert repeated[0].startswith("data/claims/sample-news.yml:")
    assert repeated[1].startswith("data/events.yml:")


def test_no_claim_or_event_of_the_real_data_repeats_its_sources_date(real_fb):
    assert not [str(w) for w in real_fb.warnings if "repeat the `published` date" in w.message]


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_an_unknown_source_is_refused_with_a_hint(data_dir: Path, capsys):
    _date_claim_and_event(data_dir, "{source: sample-new}")
    line = _line_of(data_dir / CLAIMS, "sample-new}")
    assert_refused_at(
        data_dir,
        capsys,
        f"data/claims/sample-news.yml:{line}:",
        "unknown source 'sample-new' (did you mean 'sample-news'?)",
    )


def test_an_undated_source_dates_nothing(data_dir: Path, capsys):
    text = (data_dir / "sources/sample-news.yml").read_text()
    start = text.index("published:")
    end = text.index("url:")
    (data_dir / "sources/sample-news.yml").write_text(
        text[:start] + "published: null\n" + text[end:]
    )
    _date_claim_and_event(data_dir, "{source: sample-news}")
    line = _line_of(data_dir / "events.yml", "{source: sample-news}")
    assert_refused_at(
        data_dir,
        capsys,
        f"data/events.yml:{line}:",
        "event 'russia-turns-to-china': field 'date': source 'sample-news' has no `published` "
        "date to take; give the date itself, or leave it undated (remove `date`)",
    )


def test_a_source_date_takes_no_other_key(data_dir: Path, capsys):
    _date_claim_and_event(data_dir, "{source: sample-news, basis: stated}")
    line = _line_of(data_dir / CLAIMS, "{source: sample-news")
    assert_refused_at(
        data_dir,
        capsys,
        f"data/claims/sample-news.yml:{line}:",
        "claim 'russia-seeks-china': field 'date': `source` takes that source's date whole: "
        "remove `basis`, or remove `source` and give the date itself",
    )


def test_a_date_written_out_is_still_checked_field_by_field(data_dir: Path, capsys):
    _date_claim_and_event(data_dir, '{value: "2025"}')
    line = _line_of(data_dir / CLAIMS, '{value: "2025"}')
    assert main(["--data", str(data_dir), "check"]) == 1
    err = capsys.readouterr().err
    assert (
        f"data/claims/sample-news.yml:{line}:5: claim 'russia-seeks-china': field 'date': "
        "missing field 'basis'"
    ) in err, err
