"""Whether a text mentions a glossary term or a name, for `python -m macros suggest`.

A term is mentioned when its words stand in the text as words, in any case, with spaces and
hyphens alike ("AI chips", "AI-chips") or written together ("AIchips"). Dutch writes a compound
as one word, shares a part between two compounds, and says the same in separate words; so a term
is also found within a window of `WINDOW` words (at most that many words apart):

- a term of several words ("export restrictions"): every word within the window of the first,
  in any order ("restrictions on export");
- a term of one word, split in two at any point into parts of at least `MIN_PART` letters
  ("exportbeperkingen": "export" + "beperkingen"), when
  - both parts stand as words ("export … beperkingen", "beperkingen op de export"), or
  - one part is written with the hyphen that stands for the part two compounds share
    ("export- en importbeperkingen", "exportregels en -beperkingen") and a word in the window
    ends with the second part or starts with the first.

Two parts only, no third; no stemming ("sancties" does not find "sanctie"). Each of a term's at
most `len(term)` splits is looked up in the text's words first, and only a window around each
hit is read, so the cost grows with the text, not with its square.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

WINDOW = 4  # at most this many words apart: "beperkingen op de export" is 3
MIN_PART = 3  # letters in each part of a split compound

# A word, or words joined by hyphens, with the hyphen of a shared part before or after it.
_TOKEN = re.compile(r"-?[^\W_]+(?:-[^\W_]+)*-?")
_WORD = re.compile(r"[^\W_]+")


class Words:
    """A text's words, lower case, indexed once to be searched for many terms."""

    def __init__(self, text: str) -> None:
        self.words: list[str] = []
        self.leading: set[int] = set()  # "-beperkingen": its first part is shared
        self.trailing: set[int] = set()  # "export-": its second part is shared
        for token in _TOKEN.finditer(text.lower()):
            t = token.group()
            parts = t.strip("-").split("-")
            if t.startswith("-"):
                self.leading.add(len(self.words))
            self.words += parts
            if t.endswith("-"):
                self.trailing.add(len(self.words) - 1)
        self.at: dict[str, list[int]] = defaultdict(list)
        for i, w in enumerate(self.words):
            self.at[w].append(i)
        # Every run of two to four words written together: "AI-chips" holds "aichips".
        self.joined = {
            "".join(self.words[i : i + n])
            for n in (2, 3, 4)
            for i in range(len(self.words) - n + 1)
        }

    def mentions(self, term: str, *, split: bool = True) -> bool:
        """Whether the text mentions `term` (rules above); without `split`, only as written."""
        words = _WORD.findall(term.lower())
        if not words:
            return False
        if len(words) == 1:
            word = words[0]
            if word in self.at or word in self.joined:
                return True
            return split and self._split_compound(word)
        if "".join(words) in self.at or self._in_a_row(words):
            return True
        return split and self._near(words)

    def _in_a_row(self, words: list[str]) -> bool:
        n = len(words)
        return any(self.words[i : i + n] == words for i in self.at.get(words[0], ()))

    def _near(self, words: list[str]) -> bool:
        """Every word of a term within the window of its first word."""
        others = [self.at.get(w, []) for w in words[1:]]
        return all(others) and any(
            all(_near_to(q, p) for q in others) for p in self.at.get(words[0], ())
        )

    def _split_compound(self, word: str) -> bool:
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            head, tail = word[:cut], word[cut:]
            heads, tails = self.at.get(head, []), self.at.get(tail, [])
            # Both parts as words of their own.
            if tails and any(_near_to(tails, p) for p in heads):
                return True
            # "export- en importbeperkingen": the head shared, the tail ends a word nearby.
            for p in heads:
                if p in self.trailing and self._around(p, str.endswith, tail):
                    return True
            # "exportregels en -beperkingen": the tail shared, the head starts a word nearby.
            for q in tails:
                if q in self.leading and self._around(q, str.startswith, head):
                    return True
        return False

    def _around(self, i: int, test, part: str) -> bool:
        """Whether a word within the window of word i (not i itself) passes test(word, part)."""
        low, high = max(0, i - WINDOW), min(len(self.words), i + WINDOW + 1)
        return any(test(self.words[j], part) for j in range(low, high) if j != i)


def _near_to(positions: list[int], p: int) -> bool:
    """Whether a position in `positions` (in order) other than `p` lies within the window of p."""
    i = bisect.bisect_left(positions, p - WINDOW)
    while i < len(positions) and positions[i] <= p + WINDOW:
        if positions[i] != p:
            return True
        i += 1
    return False
