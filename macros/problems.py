"""Problems found in the data, each pinned to a place a contributor can open."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .limits import MAX_PROBLEMS, MAX_SHOWN


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{shown(self.path)}:{self.line}:{self.col}: {_cut_values(shown(self.message))}"


def shown(text: str) -> str:
    """`text` safe to print in a terminal or a CI log: every character that is not printable
    (controls such as ESC or CR, bidi and zero-width marks) written as its escape, the way repr
    writes it, so that data cannot move the cursor, rewrite a line or reorder what is read."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


# A value quoted in a message ('…' or "…"): an id of two megabytes is cut, not printed whole.
_QUOTED = re.compile(f"'[^'\\n]{{{MAX_SHOWN + 1},}}'|\"[^\"\\n]{{{MAX_SHOWN + 1},}}\"")
_MAX_MESSAGE = 20 * MAX_SHOWN


def _cut_values(message: str) -> str:
    message = _QUOTED.sub(lambda m: m.group(0)[: MAX_SHOWN + 1] + "…" + m.group(0)[-1], message)
    if len(message) > _MAX_MESSAGE:  # what no quoting caught
        message = message[:_MAX_MESSAGE] + "…"
    return message


class DataError(Exception):
    """Raised with every problem found, so a contributor fixes them in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(self.report()))

    def report(self, limit: int = MAX_PROBLEMS) -> list[str]:
        """The problems as printed: the first `limit`, then how many more there are."""
        lines = [str(p) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"… and {len(self.problems) - limit:,} more problems")
        return lines


def display_path(path: Path, root: Path) -> str:
    try:
        # The folder resolved, not the file: a symlink is shown where it lies, not where it leads.
        where = path.parent.resolve() / path.name
        return where.relative_to(_resolved(root).parent).as_posix()
    except ValueError:
        return path.as_posix()


@lru_cache(maxsize=8)
def _resolved(root: Path) -> Path:
    return root.resolve()  # the same for every file of a load: looked up once


def did_you_mean(word: str, known: object) -> str:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
