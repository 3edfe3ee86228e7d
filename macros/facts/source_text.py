"""An archived article's text, split into paragraphs, where quotes are looked up."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import islice

# Only these differences are forgiven between a quote and its source: typographic quotes and
# runs of whitespace. Anything else (a corrected typo, a changed word) is a different quote.
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})
_WORD = re.compile(r"\w")

# A quote must carry its claim: at least this many words, or a whole paragraph of its source.
MIN_QUOTE_WORDS = 4


_QUOTE_PAIRS = [(chr(a), b) for a, b in _QUOTES.items()]


def fold(text: str) -> str:
    # str.split() splits on the same whitespace as \s, in C: a 2 MB text folds in milliseconds.
    # translate() looks every character up in a mapping; a few replace() calls, each a fast
    # scan, only for the typographic quotes a text holds, cost a fraction of that.
    if not text.isascii():
        for typographic, plain in _QUOTE_PAIRS:
            if typographic in text:
                text = text.replace(typographic, plain)
    return " ".join(text.split())


def words(text: str, enough: int | None = None) -> int:
    """Words of a text: runs between spaces with a letter or digit in them; with `enough`,
    counted up to that many only (whether a quote has enough words is asked of every quote)."""
    found = (token for token in fold(text).split(" ") if _WORD.search(token))
    return sum(1 for _ in islice(found, enough))


@dataclass(frozen=True)
class Place:
    paragraph: int  # 1-based, counting the non-empty lines of the text
    offset: int  # where the quote starts inside the folded paragraph


class SourceText:
    def __init__(self, text: str):
        numbered = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1)]
        self.paragraphs = [line for _, line in numbered if line]
        self.lines = [n for n, line in numbered if line]  # the line of the file of each paragraph
        self._folded = [fold(p) for p in self.paragraphs]
        # The folded paragraphs joined once, with where each starts: a quote is found with one
        # search of the whole text instead of one per paragraph (1,000 missing quotes against
        # a text of many short lines took minutes). Folded text holds no newline, so a match
        # never crosses the newline that separates two paragraphs.
        self._joined = "\n".join(self._folded)
        self._starts = []
        at = 0
        for paragraph in self._folded:
            self._starts.append(at)
            at += len(paragraph) + 1
        self._spaced: str | None = None

    def locate(self, quote: str) -> Place | None:
        needle = fold(quote)
        if not needle:
            return None
        at = self._joined.find(needle)
        if at < 0:
            return None
        index = bisect_right(self._starts, at) - 1
        return Place(index + 1, at - self._starts[index])

    def place_at(self, at: int) -> Place | None:
        """The place of an offset in the joined text (-1: nowhere)."""
        if at < 0:
            return None
        index = bisect_right(self._starts, at) - 1
        return Place(index + 1, at - self._starts[index])

    def is_whole_paragraph(self, quote: str, place: Place) -> bool:
        return place.offset == 0 and fold(quote) == self._folded[place.paragraph - 1]

    def carries_claim(self, quote: str, place: Place) -> bool:
        """Long enough to be a claim's quote: a one-letter quote is found in any text, and would
        "verify" any invented claim (data/README.md, "Quotes are verbatim")."""
        return words(quote, MIN_QUOTE_WORDS) >= MIN_QUOTE_WORDS or self.is_whole_paragraph(
            quote, place
        )

    def spans_paragraphs(self, quote: str) -> bool:
        if self._spaced is None:
            self._spaced = self._joined.replace("\n", " ")
        return fold(quote) in self._spaced
