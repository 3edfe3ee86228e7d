"""An archived article's text, split into paragraphs, where quotes are looked up."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Only these differences are forgiven between a quote and its source: typographic quotes and
# runs of whitespace. Anything else (a corrected typo, a changed word) is a different quote.
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


@dataclass(frozen=True)
class Place:
    paragraph: int  # 1-based, counting the non-empty lines of the text
    offset: int  # where the quote starts inside the folded paragraph


class SourceText:
    def __init__(self, text: str):
        self.paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
        self._folded = [fold(p) for p in self.paragraphs]

    def locate(self, quote: str) -> Place | None:
        needle = fold(quote)
        if not needle:
            return None
        for number, paragraph in enumerate(self._folded, start=1):
            at = paragraph.find(needle)
            if at >= 0:
                return Place(number, at)
        return None

    def spans_paragraphs(self, quote: str) -> bool:
        return fold(quote) in " ".join(self._folded)
