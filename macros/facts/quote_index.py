"""Every quote of one source looked up in one pass over its text.

Looking each quote up with its own `str.find` costs the length of the text per quote: 4,700
quotes against a 2 MB archive took 15 s (issue 26, finding 2). Here all of one source's quotes go
into one Aho-Corasick automaton (pyahocorasick, in C), and one pass over the text finds the first
place of each; the pass stops as soon as every quote is found. The pass reports every match, also
the repeats of a quote found already: a text and quotes made to repeat one another (a quote that
occurs at every word) could make that output quadratic, so it is bounded (`MAX_MATCH_WORK`),
and so is what is looked up one by one after it (`MAX_FIND_WORK`); a quote left over is reported
as not looked up, never guessed.
"""

from __future__ import annotations

import ahocorasick

from macros.facts.limits import MAX_FIND_WORK, MAX_MATCH_WORK
from macros.facts.source_text import SourceText, fold

UNKNOWN = object()  # a quote the budget left unchecked


class QuoteIndex:
    """The first place, in one source's joined folded text, of each of a set of quotes."""

    def __init__(self, text: SourceText, quotes):
        self.text = text
        self.first: dict[str, int] = {}  # folded quote -> offset in text._joined, or -1
        needles = {n for n in (fold(q) for q in quotes) if n}
        self._unchecked: set[str] = set()
        if needles:
            self._scan(needles)

    def _scan(self, needles: set[str]) -> None:
        joined = self.text._joined
        automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY)
        for needle in needles:
            automaton.add_word(needle, needle)
        automaton.make_automaton()
        left = len(needles)
        budget = MAX_MATCH_WORK + len(joined)
        first = self.first
        for end, needle in automaton.iter(joined):
            budget -= 1
            if needle not in first:
                first[needle] = end - len(needle) + 1
                left -= 1
                if not left:
                    return
            if budget <= 0:
                break
        else:  # the whole text was read: what was not found is not in it
            for needle in needles:
                first.setdefault(needle, -1)
            return
        # Over budget: the rest one by one, while the work lasts; beyond it, unchecked.
        work = MAX_FIND_WORK
        for needle in sorted(needles - first.keys()):
            if work < len(joined):
                self._unchecked.add(needle)
                continue
            work -= len(joined)
            first[needle] = joined.find(needle)

    def offset(self, quote: str):
        """Where `quote` (folded) starts in the joined text, -1 if nowhere, UNKNOWN if the
        budget left it unchecked, or None if it was not among the indexed quotes."""
        needle = fold(quote)
        if needle in self._unchecked:
            return UNKNOWN
        return self.first.get(needle)
