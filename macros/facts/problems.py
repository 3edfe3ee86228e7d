"""Problems found in the data, each pinned to a place a contributor can open."""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from macros.facts import terminal
from macros.facts.limits import MAX_PROBLEMS, MAX_SHOWN, MAX_SUGGESTION_WORK


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
    writes it, so that data cannot move the cursor, rewrite a line or reorder what is read.
    The project's one escaper (macros/facts/terminal.py)."""
    return terminal.escape(text)


# A value quoted in a message ('…' or "…"): an id of two megabytes is cut, not printed whole.
# A quote mark opens a value only where no word precedes it and closes one only where no word
# follows, and an apostrophe between letters ("it's") is part of the value: the text
# between the quote closing one value and the quote opening the next ("claim 'x': … not 'y'") is
# never taken for a value.
_SINGLE = r"(?:[^'\n]|(?<=\w)'(?=\w))"
_QUOTED = re.compile(
    f"(?<![\\w'])'{_SINGLE}{{{MAX_SHOWN + 1},}}'(?!\\w)"
    f'|(?<![\\w"])"[^"\\n]{{{MAX_SHOWN + 1},}}"(?!\\w)'
)
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
        where = resolved(path.parent) / path.name
        return where.relative_to(resolved(root).parent).as_posix()
    except ValueError:
        return path.as_posix()


@lru_cache(maxsize=64)
def resolved(folder: Path) -> Path:
    """`folder.resolve()`, looked up once per load: a load has a handful of folders and a
    thousand files (factbase.load empties it first, as a folder can become a link between two
    loads of `mkdocs serve`)."""
    return folder.resolve()


class Suggestions:
    """ "Did you mean" over a set of known ids at a bounded cost.

    difflib compares a word with every candidate; 5,500 actors whose ids share a long prefix
    passed its cheap filters and cost seconds per unknown id. A typo leaves the beginning or the
    end of an id intact, so the candidates are the ids nearest to the word in sorted order, read
    forwards and backwards: at most 4 * NEIGHBOURS per word, whatever the table holds."""

    NEIGHBOURS = 8

    def __init__(self, known: object, budget: list[int] | None = None):
        """`budget`: comparisons left, one list shared by every Suggestions of a check; when it
        is spent, no more hints are given."""
        self._all = sorted(known)
        self._backwards = sorted(k[::-1] for k in self._all)
        self._budget = budget if budget is not None else [MAX_SUGGESTION_WORK]

    def candidates(self, word: str) -> set[str]:
        if len(self._all) <= 4 * self.NEIGHBOURS:
            return set(self._all)
        found: set[str] = set()
        for table, key, turn in ((self._all, word, 1), (self._backwards, word[::-1], -1)):
            at = bisect.bisect_left(table, key)
            found.update(
                k[::turn] for k in table[max(0, at - self.NEIGHBOURS) : at + self.NEIGHBOURS]
            )
        return found

    def __call__(self, word: str) -> str:
        candidates = self.candidates(word)
        if len(candidates) > self._budget[0]:
            return ""
        self._budget[0] -= len(candidates)
        close = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
        return f" (did you mean '{close[0]}'?)" if close else ""


def did_you_mean(word: str, known: object) -> str:
    """The hint for one word; a caller with many words builds one Suggestions and reuses it."""
    return Suggestions(known)(word)
