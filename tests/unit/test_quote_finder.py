"""The quote finder: the exact place of a quote, or the closest span with its first difference
marked, from `python -m macros quote` and from check's message alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.cli.commands import main
from macros.facts.quote_finder import QuoteFinder
from macros.facts.source_text import SourceText
from tests.conftest import edit

TEXT = SourceText(
    "Een kop\n"
    "Volgens de experts kunnen bedrijven de regels wel omzeilen via derde landen.\n"
    "Hij hernam een deel van zijn toespraak in zijn nieuwsbrief.\n"
)


def test_exact_quote_is_found_with_its_paragraph_and_offset():
    found = QuoteFinder(TEXT).find("de regels wel omzeilen")
    assert (found.paragraph, found.exact, found.start) == (2, True, 36)


@pytest.mark.parametrize(
    ("quote", "marked"),
    [
        # a dropped word: the issue's own example
        ("bedrijven de regels omzeilen via derde landen", "de regels [wel ]omzeilen"),
        # a word the source does not have
        ("een deel van zijn toespraak ook in zijn", "toespraak [not in the source: 'ook ']in"),
        # a changed word shows whole, not as the letters it shares
        ("een deel van zijn speech in zijn nieuwsbrief", "[toespraak, not 'speech'] in"),
        # typographic quotes and spacing are forgiven; the first real difference is marked
        ("Volgens  de experts kunnen de regels", "bedrijven "),
    ],
)
def test_closest_span_marks_the_first_difference(quote, marked):
    found = QuoteFinder(TEXT).find(quote)
    assert not found.exact
    assert marked in found.marked, found.marked


def test_a_quote_sharing_no_word_is_not_placed():
    assert QuoteFinder(TEXT).find("zzz qqq") is None


def test_quote_command_prints_the_paragraph(data_dir: Path, capsys):
    quote = "De VS overwegen exportbeperkingen."  # three words, but the whole paragraph
    assert main(["--data", str(data_dir), "quote", "sample-news", quote]) == 0
    out, err = capsys.readouterr()
    assert "paragraph 3" in out and "De VS overwegen exportbeperkingen." in out
    assert err == ""


@pytest.mark.parametrize(("quote", "count"), [("zoekt samenwerking", "2 words"), ("Dat", "1 word")])
def test_quote_command_names_the_minimum_a_claim_needs(data_dir: Path, capsys, quote, count):
    """Found verbatim, but check would refuse it in a claim: `quote` says so, located, and fails,
    rather than sending the contributor on to a claim that check refuses."""
    assert main(["--data", str(data_dir), "quote", "sample-news", quote]) == 1
    out, err = capsys.readouterr()
    assert "paragraph 1, verbatim at character" in out
    column = "Rusland zoekt samenwerking met China. Dat is nieuw.".index(quote) + 1
    assert err == (
        f"data/sources/sample-news.txt:1:{column}: found, but too short to be a claim's quote: "
        f"{count}, where check needs at least 4 or a whole paragraph; quote the clause or "
        "sentence that carries the claim\n"
    )
    # check's own rule, for the same quote in a claim
    edit(
        data_dir / "claims/sample-news.yml",
        "quote: Rusland zoekt samenwerking met China.",
        f"quote: {quote}",
    )
    assert main(["--data", str(data_dir), "check"]) == 1
    assert (
        "the quote is too short to carry a claim; quote at least 4 words" in capsys.readouterr().err
    )


def test_quote_command_marks_the_difference_and_fails(data_dir: Path, capsys):
    code = main(["--data", str(data_dir), "quote", "sample-news", "Rusland zoekt met China."])
    assert code == 1
    assert "Rusland zoekt [samenwerking ]met China." in capsys.readouterr().out


def test_quote_command_on_unknown_source_is_located(data_dir: Path, capsys):
    assert main(["--data", str(data_dir), "quote", "nope", "x"]) == 1
    assert "sources/nope.txt:1:1:" in capsys.readouterr().err


def test_check_gives_the_same_hint(data_dir: Path, capsys):
    edit(
        data_dir / "claims/sample-news.yml",
        "quote: Rusland zoekt samenwerking met China.",
        "quote: Rusland zoekt samenwerking China.",
    )
    assert main(["--data", str(data_dir), "check"]) == 1
    err = capsys.readouterr().err
    assert "claims/sample-news.yml:3:" in err
    assert "closest is paragraph 1: Rusland zoekt samenwerking [met ]China." in err
