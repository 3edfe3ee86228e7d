"""Every message a contributor meets says exactly what to do: the quote finder's marked difference
whole, no cascade from a file that did not parse, keywords among the "did you mean" hints, one line
outside the virtual environment, and CONTRIBUTING's examples equal to what `check` prints."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.cli.commands import main
from macros.facts.problems import Problem
from tests.conftest import REPO, edit

# Every case both ways: the line reader first (PyYAML where it declines), and PyYAML alone.
pytestmark = pytest.mark.usefixtures("yaml_reader")

CONTRIBUTING = REPO / "CONTRIBUTING.md"
RUSSIA = "claims/russia-china-ai-cooperation.yml"


def _check(data: Path, capsys) -> tuple[int, list[str]]:
    code = main(["--data", str(data), "check"])
    return code, capsys.readouterr().err.splitlines()


@pytest.fixture
def real_data(tmp_path: Path) -> Path:
    """A private copy of the project's own data, named `data` so messages read as in a checkout."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    return target


def test_a_quote_off_by_one_word_shows_the_archive_the_paragraph_and_the_marked_difference(
    real_data, capsys
):
    edit(real_data / "claims/coppens-no-ai-war.yml", "grootste verwarring", "grootste verwaring")
    code, err = _check(real_data, capsys)
    assert code == 1
    (line,) = [x for x in err if "quote not found" in x]
    assert line.endswith(
        "claim 'no-ai-war-greatest-confusion': quote not found verbatim in its source: copy it "
        "character for character from data/sources/coppens-no-ai-war.txt; closest is paragraph "
        "5: …is misschien wel de grootste [verwarring, not 'verwaring'] van onze tijd – het…"
    ), line
    assert re.match(r"data/claims/coppens-no-ai-war\.yml:\d+:5: ", line), line


@pytest.mark.parametrize(
    ("message", "cut"),
    [
        # Long values are still cut, quoted either way, an apostrophe between letters included.
        ("unknown actor '" + "a" * 200 + "'", "unknown actor '" + "a" * 80 + "…'"),
        ('title "' + "b" * 200 + '" here', 'title "' + "b" * 80 + '…" here'),
        ("id '" + "it's " * 40 + "'", "id '" + ("it's " * 40)[:80] + "…'"),
        # The span between two short values is no value.
        (
            "claim 'x': " + "w " * 60 + "[y, not 'z'] end",
            "claim 'x': " + "w " * 60 + "[y, not 'z'] end",
        ),
    ],
)
def test_the_cutter_cuts_values_not_the_text_between_them(message, cut):
    assert str(Problem("f.yml", 1, 1, message)) == f"f.yml:1:1: {cut}"


def test_a_claims_file_that_does_not_parse_is_not_also_called_missing(data_dir, capsys):
    edit(data_dir / "claims/sample-news.yml", "about: [russia, china]", "about: [russia, china")
    code, err = _check(data_dir, capsys)
    assert code == 1
    assert any(line.startswith("data/claims/sample-news.yml:") for line in err), err
    assert not [line for line in err if "has no claims file" in line], err


def test_a_claims_file_that_is_missing_is_still_called_missing(data_dir, capsys):
    (data_dir / "claims/sample-news.yml").unlink()
    code, err = _check(data_dir, capsys)
    assert code == 1
    assert any("has no claims file: write data/claims/sample-news.yml" in x for x in err), err


def test_the_keyword_author_is_among_the_did_you_mean_hints(data_dir, capsys):
    edit(data_dir / "claims/sample-news.yml", "said_by: author", "said_by: autor")
    code, err = _check(data_dir, capsys)
    assert code == 1
    assert any("unknown actor 'autor' (did you mean 'author'?)" in line for line in err), err


def test_outside_the_virtual_environment_check_says_how_to_enter_it_in_one_line():
    # -S: no site-packages, as in a Python where the project's packages are not installed; the
    # package found in the working directory, as `python3 -m macros` finds it in a checkout.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSAFEPATH"}
    done = subprocess.run(
        [sys.executable, "-S", "-m", "macros", "check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert "not the project's virtual environment" in line
    assert ".venv/bin/python -m macros check" in line
    assert "Traceback" not in done.stderr


def _contributing_block(after: str) -> list[str]:
    """The lines of the first ```text block in CONTRIBUTING.md after the line `after`."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    start = text.index(after)
    block = re.search(r"```text\n(.*?)```", text[start:], re.S)
    assert block, f"no example block after {after!r} in CONTRIBUTING.md"
    return block.group(1).splitlines()


def test_contributing_shows_what_check_prints_for_its_example_mistakes(real_data, capsys):
    # The two mistakes §5 describes: a misspelt actor id and a quote off by one character.
    edit(real_data / RUSSIA, "about: [russia, vladimir-putin,", "about: [russia, vladimir-poetin,")
    edit(real_data / RUSSIA, "essentiële AI chips", "essentiële AI-chips")
    code, err = _check(real_data, capsys)
    assert code == 1
    documented = _contributing_block("python -m macros check\n```\n\nThis prints every problem")
    assert documented == err, (
        "CONTRIBUTING §5's example no longer matches `check`; make it:\n" + "\n".join(err)
    )


def test_contributing_shows_the_field_hint_check_prints(real_data, capsys):
    hint = re.search(r"\(`(unknown field 'sayd_by'[^`]*)`\)", CONTRIBUTING.read_text())
    assert hint, "CONTRIBUTING §5 lost its field example"
    edit(real_data / RUSSIA, "said_by:", "sayd_by:")
    code, err = _check(real_data, capsys)
    assert code == 1
    assert any(line.endswith(" ".join(hint.group(1).split())) for line in err), err


def test_contributing_shows_the_coverage_messages_check_prints(real_data, capsys):
    refused, report = _contributing_block("refuses a paragraph that no claim quotes")
    # The report line: what `check --coverage` prints for the data as it is.
    assert main(["--data", str(real_data), "check", "--coverage"]) == 0
    source = report.split(":")[0]
    assert report in capsys.readouterr().out.splitlines()
    # The refusal: the paragraph it names, its claims taken away (as a contributor who skipped
    # it would have), gives exactly that line.
    paragraph = int(re.search(r"paragraph (\d+) is", refused).group(1))
    text = (real_data / "sources" / f"{source}.txt").read_text(encoding="utf-8")
    target = [x for x in text.splitlines() if x.strip()][paragraph - 1]
    claims_file = real_data / "claims" / f"{source}.yml"
    claims = claims_file.read_text(encoding="utf-8").split("\n  - id: ")
    kept = [c for c in claims if not _quotes_from(c, target)]
    assert len(kept) < len(claims)
    claims_file.write_text("\n  - id: ".join(kept), encoding="utf-8")
    code, err = _check(real_data, capsys)
    assert code == 1
    assert refused in err, "CONTRIBUTING §5's coverage example no longer matches:\n" + "\n".join(
        err
    )


def _quotes_from(claim: str, paragraph: str) -> bool:
    quote = re.search(r'quote: "?(.+?)"?\n', claim)
    return bool(quote) and quote.group(1)[:40] in paragraph


def test_the_docs_list_no_bare_mkdocs_command():
    # Material prints its end-of-life banner for a bare `mkdocs` command; the scripts set
    # NO_MKDOCS_2_WARNING (scripts/env.sh). Every command the docs give is a script or python -m.
    for doc in (REPO / "README.md", CONTRIBUTING):
        text = doc.read_text(encoding="utf-8")
        blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
        commands = [line.strip() for block in blocks for line in block.splitlines()]
        commands += re.findall(r"^\| `([^`]+)` \|", text, re.M)  # the command tables
        bare = [c for c in commands if c.startswith("mkdocs ")]
        assert not bare, f"{doc.name} lists {bare}; give ./scripts/build or ./scripts/serve"


def test_a_browser_closing_a_connection_prints_no_traceback(capsys):
    from tests.chromium import QuietServer

    server = QuietServer(("127.0.0.1", 0), None)
    try:
        for error in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset")):
            try:
                raise error
            except OSError:
                server.handle_error(None, ("127.0.0.1", 1))
        assert capsys.readouterr().err == ""
        try:
            raise ValueError("a real fault")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))
        assert "ValueError: a real fault" in capsys.readouterr().err  # still said
    finally:
        server.server_close()
