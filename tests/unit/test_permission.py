"""Permission to quote, asked and not yet granted: `permission: requested` passes `check` with a
located warning (the pull request can be opened and previewed), and `check --publish`, the gate
the Pages workflow runs before it builds, refuses it at the same line."""

from __future__ import annotations

import re
from pathlib import Path

from macros.cli.commands import main
from macros.facts import factbase
from macros.render.pages import source_page
from tests.conftest import edit

SOURCE = "sources/sample-news.yml"
WHERE = r"data/sources/sample-news\.yml:(\d+):\d+: "
SAYS = (
    "source 'sample-news': permission to quote is only requested; the site may not be published "
    "until you replace `requested` with the article's permission line (or null) and say in the "
    "pull request who granted it"
)


def _request(data: Path) -> int:
    """Writes `permission: requested` into the fixture's source; returns its line."""
    edit(data / SOURCE, "url: null\n", "url: null\npermission: requested\n")
    lines = (data / SOURCE).read_text().splitlines()
    return lines.index("permission: requested") + 1


def test_check_accepts_a_request_with_a_located_warning(data_dir: Path, capsys):
    line = _request(data_dir)
    assert main(["--data", str(data_dir), "check"]) == 0
    out, err = capsys.readouterr()
    (warning,) = [x for x in err.splitlines() if "permission" in x]
    assert re.fullmatch(WHERE + "warning: " + re.escape(SAYS), warning), warning
    assert re.match(WHERE, warning).group(1) == str(line)
    assert out.startswith("ok: ")


def test_check_for_publishing_refuses_it_at_its_line(data_dir: Path, capsys):
    line = _request(data_dir)
    assert main(["--data", str(data_dir), "check", "--publish"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert re.fullmatch(WHERE + re.escape(SAYS), err[-2]), err
    assert re.match(WHERE, err[-2]).group(1) == str(line)
    assert err[-1] == "failed: 1 source may not be published yet"
    # Granted: the line replaced, the gate opens.
    edit(data_dir / SOURCE, "permission: requested\n", "permission: null\n")
    assert main(["--data", str(data_dir), "check", "--publish"]) == 0
    assert "permission" not in capsys.readouterr().err


def test_any_other_word_is_one_located_sentence(data_dir: Path, capsys):
    edit(data_dir / SOURCE, "url: null\n", "url: null\npermission: granted\n")
    assert main(["--data", str(data_dir), "check"]) == 1
    lines = [x for x in capsys.readouterr().err.splitlines() if "permission" in x]
    assert lines == [
        "data/sources/sample-news.yml:14:1: source 'sample-news': field 'permission': write the "
        "permission line (`quote` and `text`), `requested` while permission to quote is being "
        "asked, or null (found 'granted')"
    ]


def test_a_requested_permission_shows_nothing_on_the_source_page(data_dir: Path, view):
    _request(data_dir)
    fb = factbase.load(data_dir)
    for lang in ("en", "nl"):
        page = source_page(view(fb, lang, "sources/sample-news/"), "sample-news")
        assert (
            "requested" not in page and ">Permission<" not in page and ">Toestemming<" not in page
        )
