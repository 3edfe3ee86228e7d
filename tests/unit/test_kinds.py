"""Fidelity checks on what a claim is and in which language its quote is: each refusal with its
exact place and message, and the cases the rules must leave alone."""

from __future__ import annotations

import html5lib
import pytest

from macros.cli.commands import main
from macros.facts import factbase
from macros.render.claims import claim_card
from tests.conftest import edit, make_view

CLAIMS = "claims/sample-news.yml"
SOURCE = "sources/sample-news.yml"
STATISTIC = (
    "data/claims/sample-news.yml:5:5: claim 'russia-seeks-china': a statistic needs `figure` "
    "(value, unit, qualifier); a claim without a number is a fact, an assessment or an opinion"
)
ASSESSMENT = (
    "data/claims/sample-news.yml:5:5: claim 'russia-seeks-china': an assessment is a "
    "reporter's judgement or that of someone the article cites; the author's own voice in an "
    "opinion piece is an opinion: use kind opinion (or fact, statistic, forecast, question)"
)


def _errors(data_dir, capsys) -> list[str]:
    code = main(["--data", str(data_dir), "check"])
    lines = capsys.readouterr().err.splitlines()
    assert (code == 0) == (lines == []), lines
    return lines[:-1]  # without the "failed: n problems" line


def test_a_statistic_without_a_figure_is_refused(data_dir, capsys):
    edit(
        data_dir / CLAIMS,
        "    kind: fact\n    said_by: author\n    about: [russia",
        "    kind: statistic\n    said_by: author\n    about: [russia",
    )
    assert _errors(data_dir, capsys) == [STATISTIC]


def test_a_statistic_with_a_figure_passes(data_dir, capsys):
    # us-weighs-controls has a figure; made a statistic it is fine
    edit(
        data_dir / CLAIMS,
        "    kind: fact\n    said_by: author\n    about: [united",
        "    kind: statistic\n    said_by: author\n    about: [united",
    )
    assert _errors(data_dir, capsys) == []


def _opinion_piece(data_dir, said_by: str = "author", author: str = "null") -> None:
    edit(data_dir / SOURCE, "kind: news", "kind: opinion")
    edit(data_dir / SOURCE, "author: null", f"author: {author}")
    edit(
        data_dir / CLAIMS,
        "    kind: fact\n    said_by: author\n    about: [russia",
        f"    kind: assessment\n    said_by: {said_by}\n    about: [russia",
    )


@pytest.mark.parametrize(
    ("said_by", "author"), [("author", "null"), ("author", "china"), ("china", "china")]
)
def test_the_authors_own_assessment_in_an_opinion_piece_is_refused(
    said_by, author, data_dir, capsys
):
    _opinion_piece(data_dir, said_by, author)
    assert _errors(data_dir, capsys) == [ASSESSMENT]


def test_an_assessment_by_someone_an_opinion_piece_cites_passes(data_dir, capsys):
    _opinion_piece(data_dir, said_by="russia", author="china")
    assert _errors(data_dir, capsys) == []


def test_a_reporters_assessment_in_news_passes(data_dir, capsys):
    edit(
        data_dir / CLAIMS,
        "    kind: fact\n    said_by: author\n    about: [russia",
        "    kind: assessment\n    said_by: author\n    about: [russia",
    )
    assert _errors(data_dir, capsys) == []


def _quote_label(fb, lang: str) -> str:
    card = str(claim_card(make_view(fb, lang, ""), "russia-seeks-china"))
    doc = html5lib.parseFragment(card, namespaceHTMLElements=False)
    quote = doc.find(".//blockquote")
    return f"{doc.find('.//summary').text} [{quote.get('lang')}]"


@pytest.mark.parametrize(
    ("code", "en", "nl"),
    [
        ("nl", "Original quote (Dutch) [nl]", "Oorspronkelijk citaat (Nederlands) [nl]"),
        ("fr", "Original quote (French) [fr]", "Oorspronkelijk citaat (Frans) [fr]"),
        ("uk", "Original quote (Ukrainian) [uk]", "Oorspronkelijk citaat (Oekraïens) [uk]"),
    ],
)
def test_the_quote_label_names_the_sources_language(code, en, nl, data_dir):
    edit(data_dir / SOURCE, "language: nl", f"language: {code}")
    fb = factbase.load(data_dir)
    assert _quote_label(fb, "en") == en
    assert _quote_label(fb, "nl") == nl


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("xx", "unknown language code 'xx'"),
        ("dutch", "unknown language code 'dutch'"),
        ("NL", "unknown language code 'NL' (did you mean 'nl'?)"),
        ("nld", "unknown language code 'nld' (did you mean 'nl'?)"),
    ],
)
def test_an_unknown_language_code_is_refused_with_its_place(code, message, data_dir, capsys):
    edit(data_dir / SOURCE, "language: nl", f"language: {code}")
    assert _errors(data_dir, capsys) == [
        f"data/sources/sample-news.yml:5:1: source 'sample-news': field 'language': {message}: "
        "give the two-letter ISO 639-1 code of the source's language (nl, en, fr, de, ...)"
    ]
