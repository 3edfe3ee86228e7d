"""Small edits that break a copy of the fixture fact base, for the mistake catalogues."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .conftest import edit

Mutation = Callable[[Path], None]


def replace_in(rel: str, old: str, new: str) -> Mutation:
    return lambda d: edit(d / rel, old, new)


def write(rel: str, content: str | bytes) -> Mutation:
    def apply(d: Path) -> None:
        path = d / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return apply


def append(rel: str, text: str) -> Mutation:
    return lambda d: (d / rel).write_text((d / rel).read_text() + text, encoding="utf-8")


def assert_refused_at(data_dir: Path, capsys, where: str, words: str) -> None:
    """`check` exits 1 with a message at `where` (path:line:) holding `words`, no traceback."""
    from macros.cli.commands import main

    assert main(["--data", str(data_dir), "check"]) == 1
    err = capsys.readouterr().err
    located = [line for line in err.splitlines() if line.startswith(where)]
    assert located, f"no message at {where}:\n{err}"
    assert any(words in line for line in located), err
    assert "Traceback" not in err
