"""Problems found in the data, each pinned to a place a contributor can open."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class DataError(Exception):
    """Raised with every problem found, so a contributor fixes them in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(_resolved(root).parent).as_posix()
    except ValueError:
        return path.as_posix()


@lru_cache(maxsize=8)
def _resolved(root: Path) -> Path:
    return root.resolve()  # the same for every file of a load: looked up once


def did_you_mean(word: str, known: object) -> str:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
