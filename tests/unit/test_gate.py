"""`check` is the gate: an uncovered paragraph or a source without claims is a located error,
a claim no synthesis cites is a located warning, and `--coverage` only reports."""

from __future__ import annotations

from pathlib import Path

from macros.cli.commands import main
from tests.mutations import assert_refused_at


def test_an_uncovered_paragraph_is_refused_at_its_line(data_dir: Path, capsys):
    text = data_dir / "sources/sample-news.txt"
    text.write_text(text.read_text() + "\nEen nieuwe alinea die niemand citeert.\n")
    # line 5: the blank line before it is no paragraph but is a line of the file
    assert_refused_at(
        data_dir, capsys, "data/sources/sample-news.txt:5:1:", "paragraph 4 is neither quoted"
    )


def test_coverage_is_not_a_second_gate(data_dir: Path, capsys):
    text = data_dir / "sources/sample-news.txt"
    text.write_text(text.read_text() + "Een nieuwe alinea die niemand citeert.\n")
    assert main(["--data", str(data_dir), "check", "--coverage"]) == 1
    text.write_text(text.read_text().replace("Een nieuwe alinea die niemand citeert.\n", ""))
    assert main(["--data", str(data_dir), "check", "--coverage"]) == 0
    out = capsys.readouterr().out
    assert "sample-news: 3 paragraphs, 2 quoted by 2 claims" in out


def test_a_source_without_claims_is_refused(data_dir: Path, capsys):
    (data_dir / "claims/sample-news.yml").unlink()
    for name in ("topics.yml", "events.yml", "glossary.yml", "comparisons/poles.yml"):
        (data_dir / name).unlink()
    (data_dir / "comparisons/sides.yml").unlink()
    assert_refused_at(data_dir, capsys, "data/sources/sample-news.yml:1:", "has no claims file")


def test_a_quote_problem_does_not_also_report_its_paragraph(data_dir: Path, capsys):
    claims = data_dir / "claims/sample-news.yml"
    claims.write_text(claims.read_text().replace("met China.", "met Chína."))
    assert main(["--data", str(data_dir), "check"]) == 1
    assert "neither quoted" not in capsys.readouterr().err


def test_a_claim_no_synthesis_cites_is_a_located_warning(data_dir: Path, capsys):
    claims = data_dir / "claims/sample-news.yml"
    claims.write_text(
        claims.read_text()
        + "  - id: uncited-claim\n    quote: Rusland zoekt samenwerking met China. Dat is nieuw.\n"
        "    text: {en: x y z, nl: x y z}\n    kind: fact\n    said_by: author\n"
        "    about: [china]\n    topics: [cooperation]\n"
    )
    assert main(["--data", str(data_dir), "check"]) == 0
    err = capsys.readouterr().err
    assert "data/claims/sample-news.yml:21:5: warning: claim 'uncited-claim' is cited by no" in err
