"""The contributor's guide documents every option of the commands it walks through, so that an
option added to the code without a word in CONTRIBUTING.md fails here (in the spirit of
Datasette's tests/test_docs.py)."""

from __future__ import annotations

import argparse
import re

import pytest

from macros.cli.commands import command_line
from tests.conftest import REPO

CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _subcommand(name: str) -> argparse.ArgumentParser:
    (commands,) = [a for a in command_line()._actions if isinstance(a, argparse._SubParsersAction)]
    return commands.choices[name]


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [
        option
        for action in parser._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    ]


def _documented_table(after: str) -> str:
    """The Markdown table that follows the line `after` in CONTRIBUTING.md."""
    start = CONTRIBUTING.index(after)
    table = re.search(r"((?:^ *\|.*\n)+)", CONTRIBUTING[start:], re.M)
    assert table, f"no table after {after!r} in CONTRIBUTING.md"
    return table.group(1)


NEW_SOURCE_TABLE = "   Every option (`python -m macros new-source --help` lists them too):"


def test_new_source_has_the_options_this_test_reads():
    # The test reads argparse's own list: one option it knows of must be there.
    assert {"--text", "--author", "--title-nl", "--sentences"} <= set(
        _options(_subcommand("new-source"))
    )


@pytest.mark.parametrize("option", _options(_subcommand("new-source")) + ["--data"])
def test_every_new_source_option_is_documented_in_contributing(option: str):
    table = _documented_table(NEW_SOURCE_TABLE)
    assert re.search(rf"`{re.escape(option)}[ `]", table), (
        f"CONTRIBUTING.md's table of new-source's options (step 2 of 'Add an article') does not "
        f"name {option}: add a row saying what it writes"
    )


def test_every_documented_new_source_option_exists():
    """No row for an option the command no longer has."""
    table = _documented_table(NEW_SOURCE_TABLE)
    known = set(_options(_subcommand("new-source"))) | {"--data"}
    assert set(re.findall(r"`(--[a-z-]+)", table)) <= known
