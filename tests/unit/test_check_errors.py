"""One test per kind of data mistake: exit 1, the file and line named, a plain message."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from macros.adapter import site_pages
from macros.cli.commands import main
from tests.conftest import REPO, edit
from tests.mutations import assert_refused_at
from tests.mutations import replace_in as _replace
from tests.mutations import write as _write

# Every case both ways: the line reader first (PyYAML where it declines), and PyYAML alone.
pytestmark = pytest.mark.usefixtures("yaml_reader")


def _second_source_with_claim(claim_id: str) -> Callable[[Path], None]:
    def apply(d: Path) -> None:
        meta = (d / "sources/sample-news.yml").read_text().replace("sample-news", "other-news")
        (d / "sources/other-news.yml").write_text(meta)
        (d / "sources/other-news.txt").write_text("Tussenkop\nIets anders.\n")
        (d / "claims/other-news.yml").write_text(
            "claims:\n"
            f"  - id: {claim_id}\n"
            "    quote: Iets anders.\n"
            "    text: {en: Something else., nl: Iets anders.}\n"
            "    kind: fact\n"
            "    said_by: author\n"
            "    about: [china]\n"
            "    topics: [cooperation]\n"
        )

    return apply


CLAIMS = "claims/sample-news.yml"
SOURCE = "sources/sample-news.yml"

# (kind of mistake, how to make it, where it must be reported, words the message must hold)
CASES = [
    (
        "yaml syntax",
        _replace(CLAIMS, "about: [russia, china]", "about: [russia, china"),
        "data/claims/sample-news.yml:",
        "YAML syntax error",
    ),
    (
        "tab indentation",
        _replace("actors.yml", "    kind: country\n", "\tkind: country\n"),
        "data/actors.yml:4:",
        "tab",
    ),
    # The walkthrough of 2026-12-07: PyYAML's words for a line indented one space off never
    # said "indented".
    (
        "a line indented one space more",
        _replace(CLAIMS, "    kind: fact\n", "     kind: fact\n"),
        "data/claims/sample-news.yml:",
        "most likely this line is indented more or less than the lines it belongs with",
    ),
    (
        "a line indented one space less",
        _replace(CLAIMS, "    kind: fact\n", "   kind: fact\n"),
        "data/claims/sample-news.yml:",
        "indent it as they are (two spaces a level)",
    ),
    (
        "duplicate key",
        _replace(CLAIMS, "    kind: fact\n", "    kind: fact\n    kind: opinion\n"),
        "data/claims/sample-news.yml:6:",
        "duplicate key 'kind'",
    ),
    (
        "duplicate id across files",
        _second_source_with_claim("russia-seeks-china"),
        "data/claims/sample-news.yml:2:",
        "duplicate claim id 'russia-seeks-china'",
    ),
    (
        "unknown key",
        _replace(CLAIMS, "    kind: fact\n", "    kind: fact\n    qoute: x\n"),
        "data/claims/sample-news.yml:6:",
        "unknown field 'qoute' (did you mean 'quote'?)",
    ),
    (
        "missing field",
        _replace(
            CLAIMS,
            "    kind: fact\n    said_by: author\n    about: [russia",
            "    said_by: author\n    about: [russia",
        ),
        "data/claims/sample-news.yml:2:",
        "claim 'russia-seeks-china': missing field 'kind'",
    ),
    (
        "wrong type",
        _replace(CLAIMS, "about: [russia, china]", "about: russia"),
        "data/claims/sample-news.yml:7:",
        "field 'about'",
    ),
    (
        "impossible date",
        _replace(
            CLAIMS,
            'value: "2025-01", basis: stated',
            'value: "2025-02-30", basis: stated',
        ),
        "data/claims/sample-news.yml:16:",
        "that month has 28 days",
    ),
    (
        "month out of range",
        _replace(SOURCE, 'value: "2025-01"', 'value: "2025-13"'),
        "data/sources/sample-news.yml:10:",
        "no month 13",
    ),
    (
        "unknown actor",
        _replace(CLAIMS, "about: [russia, china]", "about: [russa, china]"),
        "data/claims/sample-news.yml:7:",
        "unknown actor 'russa' (did you mean 'russia'?)",
    ),
    (
        "unknown topic",
        _replace("events.yml", "topics: [cooperation]", "topics: [coperation]"),
        "data/events.yml:5:",
        "unknown topic 'coperation' (did you mean 'cooperation'?)",
    ),
    (
        "unknown source",
        _replace("comparisons/sides.yml", "actor: russia}", "source: sample-new}"),
        "data/comparisons/sides.yml:6:",
        "unknown source 'sample-new' (did you mean 'sample-news'?)",
    ),
    (
        "claims for unknown source",
        _write("claims/no-such-source.yml", "claims: []\n"),
        "data/claims/no-such-source.yml:1:",
        "claims",
    ),
    (
        "unknown claim",
        _replace(
            "topics.yml",
            "evidence: [russia-seeks-china]",
            "evidence: [russia-seeks-chin]",
        ),
        "data/topics.yml:5:",
        "unknown claim 'russia-seeks-chin' (did you mean 'russia-seeks-china'?)",
    ),
    (
        "quote not in source",
        _replace(
            CLAIMS,
            "quote: Rusland zoekt samenwerking met China.",
            "quote: Rusland zoekt samenwerking met Chinа.",
        ),
        "data/claims/sample-news.yml:3:",
        "quote not found verbatim",
    ),
    (
        "quote across paragraphs",
        _replace(
            CLAIMS,
            "quote: De VS overwegen exportbeperkingen.",
            "quote: Tussenkop De VS overwegen",
        ),
        "data/claims/sample-news.yml:10:",
        "runs across paragraphs",
    ),
    (
        "empty text",
        _replace(CLAIMS, "en: Russia seeks cooperation with China.", 'en: "  "'),
        "data/claims/sample-news.yml:4:",
        "field 'text.en': must not be empty",
    ),
    (
        "missing language",
        _replace("actors.yml", "name: {en: China, nl: China}", "name: {en: China}"),
        "data/actors.yml:7:",
        "missing field 'nl'",
    ),
    (
        "unsafe tag",
        _replace(
            "actors.yml",
            "kind: country",
            "kind: !!python/object/apply:os.system [echo pwned]",
        ),
        "data/actors.yml:4:",
        "tag",
    ),
    (
        "non-UTF-8",
        _write(
            "glossary.yml",
            "terms:\n  - id: x\n    term: {en: caf\xe9, nl: caf\xe9}\n".encode("latin-1"),
        ),
        "data/glossary.yml:3:",
        "not UTF-8",
    ),
    (
        "id with capitals",
        _replace("actors.yml", "id: china", "id: China"),
        "data/actors.yml:6:",
        "field 'id'",
    ),
    (
        "inferred date without basis note",
        _replace(SOURCE, "  inferred_from: {en: a test, nl: een test}\n", ""),
        "data/sources/sample-news.yml:9:",
        "needs `inferred_from`",
    ),
    (
        "template syntax",
        _replace("topics.yml", "en: Russia seeks cooperation.", "en: '{{ config }}'"),
        "data/topics.yml:4:",
        "template syntax",
    ),
    (
        "alias",
        _replace(
            "actors.yml",
            "description: {en: A country., nl: Een land.}\n  - id: china",
            "description: &d {en: A country., nl: Een land.}\n  - id: china\n    x: *d",
        ),
        "data/actors.yml:",
        "anchors and aliases",
    ),
    (
        "empty file",
        _write("events.yml", "# nothing yet\n"),
        "data/events.yml:1:",
        "empty",
    ),
    (
        "list instead of mapping",
        _write("topics.yml", "- id: cooperation\n"),
        "data/topics.yml:1:",
        "mapping",
    ),
    (
        "unknown kind value",
        _replace(CLAIMS, "kind: fact", "kind: rumour"),
        "data/claims/sample-news.yml:5:",
        "'rumour'",
    ),
    (
        "cells not matching columns",
        _replace("comparisons/sides.yml", "      us: {text", "      usa: {text"),
        "data/comparisons/sides.yml:",
        "one entry per column",
    ),
    (
        "missing source text",
        lambda d: (d / "sources/sample-news.txt").unlink(),
        "data/sources/sample-news.yml:1:",
        "sample-news.txt is missing",
    ),
    (
        "stray file",
        _write("claim/sample-news.yml", "claims: []\n"),
        "data/claim/sample-news.yml:1:",
        "unexpected data file",
    ),
    (
        "source id not file name",
        _replace(SOURCE, "id: sample-news", "id: sample-newz"),
        "data/sources/sample-news.yml:1:",
        "must equal the file name",
    ),
    (
        "javascript url",
        _replace(SOURCE, "url: null", "url: 'javascript:alert(1)'"),
        "data/sources/sample-news.yml:13:",
        "field 'url': must be an http:// or https:// address",
    ),
]


@pytest.mark.parametrize("mistake", CASES, ids=[c[0] for c in CASES])
def test_each_mistake_is_reported_where_it_is(mistake, data_dir, capsys):
    _, make, where, words = mistake
    make(data_dir)
    assert_refused_at(data_dir, capsys, where, words)


def test_all_problems_are_reported_at_once(data_dir, capsys):
    edit(data_dir / CLAIMS, "about: [russia, china]", "about: [russa, china]")
    edit(data_dir / "topics.yml", "evidence: [russia-seeks-china]", "evidence: [nope]")
    edit(data_dir / "events.yml", "title: {en", "titel: {en")
    assert main(["--data", str(data_dir), "check"]) == 1
    err = capsys.readouterr().err
    assert "unknown actor 'russa'" in err
    assert "unknown claim 'nope'" in err
    assert "unknown field 'titel' (did you mean 'title'?)" in err
    assert "missing field 'title'" in err
    assert err.strip().splitlines()[-1] == "failed: 4 problems in the data"


def test_the_command_line_reports_without_traceback(data_dir):
    edit(data_dir / CLAIMS, "kind: fact", "kind: [fact")
    run = subprocess.run(
        [sys.executable, "-m", "macros", "--data", str(data_dir), "check"],
        check=False,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr + run.stdout
    assert run.stderr.startswith("data/claims/sample-news.yml:")


def test_a_valid_fact_base_passes_with_the_counts_line(data_dir, capsys):
    assert main(["--data", str(data_dir), "check"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == "ok: 1 sources, 2 claims, 5 events, 3 actors, 1 topics, 2 comparisons"


@pytest.mark.parametrize("size", [0, -1, "10", 2.5, True])
def test_a_page_size_that_is_not_a_positive_whole_number_is_refused(size):
    config = {"extra": {"page_size": size}, "config_file_path": "mkdocs.yml"}
    with pytest.raises(PluginError, match=r"mkdocs.yml: extra.page_size must be a whole number"):
        site_pages.page_size(config)
