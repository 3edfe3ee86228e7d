"""Where a quote sits in its source, or the closest span to it with the first difference marked:
what a contributor needs when a quote is off by one word."""

from __future__ import annotations

import difflib
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass

from macros.facts.source_text import SourceText, fold

_WORD = re.compile(r"\w+")
_CONTEXT_WORDS = 5  # words of the source shown either side of the first difference
_TOKEN = re.compile(r"\S+")
_COMMON = 500  # paragraphs a word may be found in and still point to one
_WINDOW = 400  # characters of a long paragraph compared around the best anchor
# Words of the quote compared word by word, from a little before the first word that differs,
# and of the source beside them: difflib's matcher is cubic in the worst case (1,000 words of
# "a" against "a c a c …" took 27 s), so what it compares is kept short whatever the quote.
_HINT_WORDS = 40
_HINT_SOURCE_WORDS = _HINT_WORDS + 20


@dataclass(frozen=True)
class Finding:
    paragraph: int  # 1-based
    start: int  # offsets in the folded paragraph
    end: int
    exact: bool
    marked: str  # the source around the first difference, e.g. "…de regels [wel ]omzeilen…"


class QuoteFinder:
    """Looks quotes up in one source text; built once per text, each lookup reads only the
    paragraphs that share words with the quote."""

    def __init__(self, text: SourceText):
        self.text = text
        self.paragraphs = text._folded
        self._words: dict[str, list[int]] | None = None

    def _index(self) -> dict[str, list[int]]:
        """word (lower case) -> the paragraphs it is in, up to one more than _COMMON."""
        if self._words is None:
            words: dict[str, list[int]] = {}
            for i, paragraph in enumerate(self.paragraphs):
                for word in set(_WORD.findall(paragraph.lower())):
                    hits = words.setdefault(word, [])
                    if len(hits) <= _COMMON:
                        hits.append(i)
            self._words = words
        return self._words

    def find(self, quote: str) -> Finding | None:
        """The exact place of `quote`, or the closest span to it; None if no word is shared."""
        needle = fold(quote)
        if not needle:
            return None
        place = self.text.locate(quote)
        if place is not None:
            return Finding(place.paragraph, place.offset, place.offset + len(needle), True, needle)
        # Each of the quote's words looked up in an index of the text's words, built once in one
        # pass: the work is bounded by the text's length, whatever the quotes (searching the text
        # for each word of each quote took a minute on 2 MB of one repeated word). A word found
        # in too many paragraphs says nothing of where the quote belongs and is passed over.
        index = self._index()
        scores: dict[int, int] = defaultdict(int)
        for word in set(_WORD.findall(needle.lower())):
            hits = index.get(word)
            if hits is not None and len(hits) <= _COMMON:
                for i in hits:
                    scores[i] += 1
        if not scores:
            return None
        best = max(scores, key=lambda i: (scores[i], -i))
        return _closest(best, self.paragraphs[best], needle)


def _closest(index: int, paragraph: str, needle: str) -> Finding:
    offset = 0
    if len(paragraph) > _WINDOW + len(needle):
        # Compare a window around the quote's longest word found in the paragraph.
        anchor = _anchor(paragraph, needle)
        offset = max(0, anchor - _WINDOW // 2)
        paragraph = paragraph[offset : anchor + len(needle) + _WINDOW // 2]
    # Compared word by word, not letter by letter: letters matched across words read as
    # "[toe]spraak" where the contributor wrote "speech" for "toespraak".
    quote = [m.span() for m in _TOKEN.finditer(needle)]
    # The words the quote starts with that the paragraph holds as they are written need no
    # comparing: the first difference comes after them.
    same = _verbatim_words(paragraph, needle, quote)
    skipped = max(0, same - _CONTEXT_WORDS)
    begins, at = None, 0
    if skipped:
        begins = paragraph.find(needle[: quote[same - 1][1]])
        at = begins + quote[skipped][0]
    words = _TOKEN.finditer(paragraph, at)
    source = [m.span() for m in itertools.islice(words, _HINT_SOURCE_WORDS)]
    quote = quote[skipped : skipped + _HINT_WORDS]
    matcher = difflib.SequenceMatcher(
        None,
        [paragraph[a:b] for a, b in source],
        [needle[a:b] for a, b in quote],
        autojunk=False,
    )
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return Finding(index + 1, offset, offset, False, "")
    first, last = blocks[0], blocks[-1]
    start, end = source[first.a][0], source[last.a + last.size - 1][1]
    if begins is not None:
        start = begins
    marked = paragraph[start:end]
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        # Source words before the quote's first match or after its last are not a difference.
        if tag == "equal" or (tag == "delete" and (a2 <= first.a or a1 >= last.a + last.size)):
            continue
        marked = _mark(paragraph, needle, source, quote, tag, a1, a2, b1, b2)
        break
    return Finding(index + 1, offset + start, offset + end, False, marked)


def _verbatim_words(paragraph: str, needle: str, quote: list[tuple[int, int]]) -> int:
    """How many of the quote's first words the paragraph holds as written, in a row (a binary
    search, each step one search of the paragraph)."""
    low, high = 0, len(quote)
    while low < high:
        middle = (low + high + 1) // 2
        if needle[: quote[middle - 1][1]] in paragraph:
            low = middle
        else:
            high = middle - 1
    return low


def _anchor(paragraph: str, needle: str) -> int:
    """Where the longest of the quote's words first occurs in the paragraph."""
    for word in sorted(set(_WORD.findall(needle)), key=len, reverse=True):
        at = paragraph.find(word)
        if at >= 0:
            return max(0, at - needle.find(word))
    return 0


def _span(text: str, tokens: list[tuple[int, int]], i: int, j: int) -> str:
    """Tokens i..j-1 with the space after them, so "[wel ]omzeilen" reads as the text does."""
    if i >= j:
        return ""
    end = tokens[j][0] if j < len(tokens) else tokens[j - 1][1]
    return text[tokens[i][0] : end]


def _mark(
    source: str,
    quote: str,
    s_tokens: list[tuple[int, int]],
    q_tokens: list[tuple[int, int]],
    tag: str,
    a1: int,
    a2: int,
    b1: int,
    b2: int,
) -> str:
    before = _span(source, s_tokens, max(0, a1 - _CONTEXT_WORDS), a1)
    after = _span(source, s_tokens, a2, min(len(s_tokens), a2 + _CONTEXT_WORDS))
    if tag == "delete":  # the source has words the quote left out
        middle = f"[{_span(source, s_tokens, a1, a2)}]"
    elif tag == "insert":  # the quote has words the source does not
        middle = f"[not in the source: {_span(quote, q_tokens, b1, b2)!r}]"
    else:
        was = source[s_tokens[a1][0] : s_tokens[a2 - 1][1]]
        middle = f"[{was}, not {quote[q_tokens[b1][0] : q_tokens[b2 - 1][1]]!r}] "
    # Words of the source before or after those shown (the words compared are a window of it).
    shown_from = s_tokens[max(0, a1 - _CONTEXT_WORDS)][0] if s_tokens else 0
    shown_to = s_tokens[min(len(s_tokens), a2 + _CONTEXT_WORDS) - 1][1] if s_tokens else 0
    lead = "…" if source[:shown_from].strip() else ""
    tail = "…" if source[shown_to:].strip() else ""
    return f"{lead}{before}{middle}{after.rstrip()}{tail}"
