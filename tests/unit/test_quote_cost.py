"""Issue 26, findings 2 and 3: a quote check whose work is bounded by the text, whatever the
quotes. Counted, not timed: the text is a str that counts every search made over it."""

from __future__ import annotations

from macros.facts.quote_finder import QuoteFinder
from macros.facts.quote_index import UNKNOWN, QuoteIndex
from macros.facts.source_text import SourceText


class Counting(str):
    """A text that counts the searches made over it (find, `in`, and those of its lower case)."""

    searches = 0

    def find(self, *args):
        Counting.searches += 1
        return str.find(self, *args)

    def __contains__(self, other):
        Counting.searches += 1
        return str.__contains__(self, other)

    def lower(self):
        return Counting(str.lower(self))


def _words(n: int) -> list[str]:
    return [f"woord{i % 997}" for i in range(n)]


def test_every_quote_of_a_source_is_found_in_one_pass():
    """Finding 2: 4,700 claims quoting spans of a 2 MB one-paragraph text made 4,700 searches of
    the whole text (15 s); one pass finds them all."""
    words = _words(240_000)
    text = SourceText(" ".join(words))  # one paragraph of about 2 MB
    assert len(text._joined) > 1_900_000
    text._joined = Counting(text._joined)
    Counting.searches = 0
    quotes = [" ".join(words[i : i + 6]) for i in range(0, 4_700 * 37, 37)]
    index = QuoteIndex(text, quotes + ["deze zin staat er niet in"])
    assert Counting.searches == 0
    for q in quotes[:50] + quotes[-50:]:
        assert index.offset(q) == text._joined.find(q)
    assert index.offset("deze zin staat er niet in") == -1
    assert index.offset("not indexed") is None


def test_quotes_made_to_repeat_are_bounded_and_reported_unchecked():
    """A text of one repeated word and quotes of every length of it: every quote matches at every
    word, so the pass's output would be quadratic; it stops at its budget, looks the rest up one
    by one while that budget lasts, and reports what is left as not looked up."""
    text = SourceText(" ".join(["ja"] * 600_000))
    text._joined = Counting(text._joined)
    Counting.searches = 0
    quotes = [" ".join(["ja"] * n) + " nee" for n in range(4, 400)] + [
        " ".join(["ja"] * n) for n in range(4, 400)
    ]  # 500 kB of quotes
    index = QuoteIndex(text, quotes)
    assert Counting.searches <= 40  # MAX_FIND_WORK / the text's length
    answers = [index.offset(q) for q in quotes]
    assert UNKNOWN in answers
    assert all(a is UNKNOWN or a == -1 or a == 0 for a in answers)


def test_the_closest_span_hint_reads_an_index_not_the_text():
    """Finding 3: 20 missing quotes against 2 MB of repeated words took 40-70 s, each word of each
    quote searched at every place it occurs; the hint now reads an index built in one pass."""
    text = SourceText(" ".join(_words(240_000)))
    text._joined = Counting(text._joined)
    finder = QuoteFinder(text)
    Counting.searches = 0
    for i in range(20):
        found = finder.find(f"woord{i} woord{i + 1} woord{i + 2} anders woord{i + 4}")
        assert found is not None and not found.exact and found.paragraph == 1
    assert Counting.searches <= 20  # the exact lookup of each quote, no search per word


def test_the_closest_span_hint_compares_a_bounded_number_of_words(monkeypatch):
    # The second attacker of 2026-12-07: a paragraph of 1,000 words "a" and a quote "a c a c …"
    # of 1,999 characters took 27 s a hint (difflib's matcher is cubic at worst), 47 s a check.
    import difflib

    from macros.facts import quote_finder

    compared: list[tuple[int, int]] = []

    class Measured(difflib.SequenceMatcher):
        def __init__(self, junk, a, b, autojunk):
            compared.append((len(a), len(b)))
            super().__init__(junk, a, b, autojunk=autojunk)

    monkeypatch.setattr(quote_finder.difflib, "SequenceMatcher", Measured)
    finder = QuoteFinder(SourceText("Kop\n" + "a " * 999 + "a\n"))
    found = finder.find(("a c " * 500)[:1999])
    assert found is not None and not found.exact
    assert compared and all(
        a <= quote_finder._HINT_SOURCE_WORDS and b <= quote_finder._HINT_WORDS for a, b in compared
    )


def test_a_long_quote_off_at_its_end_is_marked_where_it_differs():
    # The words compared start a little before the first difference, however far in it is.
    words = [f"woord{i}" for i in range(300)]
    finder = QuoteFinder(SourceText("Kop\n" + " ".join(words) + "\n"))
    quote = " ".join(words[:250] + ["anders"] + words[251:])
    found = finder.find(quote)
    assert found is not None and not found.exact
    assert "[woord250, not 'anders']" in found.marked
    assert found.marked.startswith("…woord245 ")
