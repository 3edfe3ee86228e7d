"""Adding an article: `new-source` archives it and writes stubs that `check` refuses, located;
the finished records pass; and a third source in another language, with a relation, a joint
statement and an excerpt archive, shows on every page kind in both languages without any change
to code, templates or prose."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.cli.commands import main
from macros.cli.new_source import normalise, sentences
from macros.facts import factbase
from tests.conftest import FIXTURE
from tests.sitebuild import mkdocs_build, pages, parse, project_copy

THIRD = Path(__file__).parents[1] / "fixtures" / "third-source"
ARTICLE = THIRD / "article.txt"


def _new(data: Path, *extra: str) -> int:
    return main(
        ["--data", str(data), "new-source", "accord-ia", "--text", str(ARTICLE), "--language", "fr"]
        + list(extra)
    )


def _finish(data: Path) -> None:
    """What the contributor writes after reading check's messages: the finished records."""
    for rel in ("sources/accord-ia.yml", "claims/accord-ia.yml"):
        shutil.copy(THIRD / rel, data / rel)


def test_stubs_are_refused_located_then_the_finished_records_pass(data_dir: Path, capsys):
    assert _new(data_dir, "--sentences") == 0
    capsys.readouterr()
    assert main(["--data", str(data_dir), "check"]) == 1
    err = capsys.readouterr().err
    stubs = re.findall(
        r"^data/claims/accord-ia\.yml:(\d+):5: claim '([a-z0-9-]+)': unfinished", err, re.M
    )
    assert [s for _, s in stubs] == [  # ¶1 is the title, ¶2 the byline: proposed as such
        "accord-ia-p3-1",
        "accord-ia-p3-2",
        "accord-ia-p4",
        "accord-ia-p5",
    ]
    assert "fill in `text` (en, nl), `kind`, `said_by`, `about` and `topics`" in err
    assert "data/sources/accord-ia.yml:2:1: source 'accord-ia': unfinished source record" in err
    _finish(data_dir)
    assert main(["--data", str(data_dir), "check"]) == 0


def test_stub_quotes_are_verbatim_and_numbered(data_dir: Path):
    assert _new(data_dir) == 0
    claims = (data_dir / "claims/accord-ia.yml").read_text()
    assert "  # ¶3\n  - todo:" in claims
    text = (data_dir / "sources/accord-ia.txt").read_text().splitlines()
    # the hard-wrapped paragraph is one line again; the byline is proposed as boilerplate
    assert text[2].startswith("Moscou et Pékin") and text[2].endswith("les deux gouvernements.")
    source = (data_dir / "sources/accord-ia.yml").read_text()
    assert '  - quote: "Par la rédaction"  # ¶2' in source


def test_new_source_refuses_to_overwrite_and_bad_input(data_dir: Path, tmp_path: Path, capsys):
    assert _new(data_dir) == 0
    before = (data_dir / "claims/accord-ia.yml").read_text()
    assert _new(data_dir) == 1
    assert "exists already; nothing was written" in capsys.readouterr().err
    assert (data_dir / "claims/accord-ia.yml").read_text() == before
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9 au lait pour tout le monde.".encode("latin-1"))
    code = main(
        ["--data", str(data_dir), "new-source", "cafe", "--text", str(latin1), "--language", "fr"]
    )
    assert code == 1 and "not UTF-8" in capsys.readouterr().err
    code = main(
        [
            "--data",
            str(data_dir),
            "new-source",
            "Bad_Id",
            "--text",
            str(ARTICLE),
            "--language",
            "fr",
        ]
    )
    assert code == 1 and "not an id" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("raw", "paragraphs"),
    [
        (b"\xef\xbb\xbfOne line.\r\nTwo  lines.\r\n", ["One line.", "Two lines."]),
        (b"Wrapped\nline.\n\nNext\tone.\n", ["Wrapped line.", "Next one."]),
        ("Zero\u200bwidth and \u202ebidi.\n".encode(), ["Zerowidth and bidi."]),
    ],
)
def test_normalise(raw: bytes, paragraphs: list[str]):
    assert normalise(raw)[0] == paragraphs


def test_sentences_keep_short_pieces_with_their_neighbour():
    assert sentences("Ja. Het akkoord is getekend. Nee.") == ["Ja. Het akkoord is getekend. Nee."]


@pytest.fixture(scope="module")
def third_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("third")
    data = root / "data"
    shutil.copytree(FIXTURE, data)
    _normalised = normalise((THIRD / "article.txt").read_bytes())[0]
    (data / "sources/accord-ia.txt").write_text("\n".join(_normalised) + "\n")
    _finish(data)
    factbase.load(data)  # the records are valid before any page is built
    project = project_copy(root / "project", data)
    run = mkdocs_build(project, root / "site")
    assert run.returncode == 0, run.stderr
    return root / "site"


def _text(path: Path) -> str:
    return " ".join("".join(parse(path).find(".//body").itertext()).split())


@pytest.mark.parametrize("prefix", ["", "nl"])
def test_the_third_source_shows_on_every_page_kind(third_site: Path, prefix: str):
    en = prefix == ""
    site = third_site / prefix if prefix else third_site
    source = _text(site / "sources/accord-ia/index.html")
    assert ("Original quote (French)" if en else "Oorspronkelijk citaat (Frans)") in source
    assert "La Russie et la Chine signent un accord sur l'IA" in source  # the original title
    assert ("an excerpt" if en else "een uittreksel") in source.lower()
    assert ("synthetic article" if en else "verzonnen artikel") in source
    assert "Russia, China" in source or "Rusland, China" in source  # the joint statement
    title = "Russia and China sign an AI agreement" if en else "Rusland en China ondertekenen"
    label = "Russia and China…" if en else "Rusland en China…"  # a citation's short source label
    for page in (
        "sources/index.html",
        "briefings/cooperation/index.html",
        "actors/russia/index.html",
        "figures/index.html",
        "sources/sample-news/index.html",
    ):
        shown = _text(site / page)
        assert title in shown or label in shown, page
    briefing = _text(site / "briefings/cooperation/index.html")
    assert (
        "Where the sources differ or qualify each other"
        if en
        else "Waar de bronnen verschillen of elkaar nuanceren"
    ) in briefing
    sample = _text(site / "sources/sample-news/index.html")
    assert ("Contradicted by" if en else "Tegengesproken door") in sample


def test_nothing_in_the_site_counts_or_names_the_sources_language(third_site: Path):
    counted = re.compile(
        r"\b(two|twee|three|drie)\s+(\w+\s+)?(articles|artikelen|sources|bronnen)\b"
        r"|Dutch articles|Nederlandstalige artikelen",
        re.I,
    )
    for page in pages(third_site):
        found = counted.search(_text(page))
        assert found is None, f"{page}: {found.group(0)}"


def test_suggest_ranks_terms_topics_lists_uncited_claims_and_writes_nothing(data_dir: Path, capsys):
    shutil.copy(THIRD / "claims/accord-ia.yml", data_dir / "claims/accord-ia.yml")
    shutil.copy(THIRD / "sources/accord-ia.yml", data_dir / "sources/accord-ia.yml")
    paragraphs = normalise(ARTICLE.read_bytes())[0]
    (data_dir / "sources/accord-ia.txt").write_text("\n".join(paragraphs) + "\n")
    # a glossary term in French words, so that the source's quotes hold it
    glossary = data_dir / "glossary.yml"
    glossary.write_text(
        glossary.read_text()
        + "  - id: research-centre\n    term: {en: centres de recherche, nl: onderzoekscentra}\n"
        "    definition: {en: Places of research., nl: Plaatsen van onderzoek.}\n"
    )
    before = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    assert main(["--data", str(data_dir), "suggest", "accord-ia"]) == 0
    out = capsys.readouterr().out
    assert (
        "1 claim fits term 'research-centre' (centres de recherche): three-joint-centres; add "
        "those that use it to its evidence"
    ) in out
    assert out.startswith(
        "4 claims fit topic 'cooperation' (Cooperation): accord-announced, "
        "no-third-country-targeted, us-no-longer-weighs-curbs, three-joint-centres (through "
        "`topics`)"
    )
    assert "claim 'accord-announced': cited by no topic summary" in out
    assert {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()} == before
    assert main(["--data", str(data_dir), "suggest", "accord-i"]) == 1
    assert "did you mean 'accord-ia'" in capsys.readouterr().err


def _record(data: Path) -> str:
    return (data / "sources/accord-ia.yml").read_text(encoding="utf-8")


def test_the_title_line_and_headings_are_proposed_as_title_and_boilerplate(data_dir: Path):
    article = data_dir.parent / "article.txt"
    article.write_text(
        "Waarom China de AI-race anders speelt dan Amerika\n\nDoor de redactie\n\n"
        "Een lange alinea die een bewering draagt en eindigt met een punt.\n\n"
        "Wat Europa mist in de strijd om rekenkracht en talent\n\n"
        "Nog een alinea met een bewering die eindigt met een punt.\n",
        encoding="utf-8",
    )
    assert (
        main(
            [
                "--data",
                str(data_dir),
                "new-source",
                "x-nl",
                "--text",
                str(article),
                "--language",
                "nl",
            ]
        )
        == 0
    )
    record = (data_dir / "sources/x-nl.yml").read_text(encoding="utf-8")
    assert 'nl: "Waarom China de AI-race anders speelt dan Amerika"' in record
    assert "title_kind: original" in record
    for n, line in ((1, "Waarom China"), (2, "Door de redactie"), (4, "Wat Europa mist")):
        assert re.search(rf'- quote: "{line}[^"]*"  # ¶{n}\n', record), (n, record)
    assert "The article's title" in record
    claims = (data_dir / "claims/x-nl.yml").read_text(encoding="utf-8")
    assert "x-nl-p1" not in claims and "x-nl-p4" not in claims  # a heading of 10 words too
    assert "x-nl-p3" in claims and "x-nl-p5" in claims


def test_a_title_or_heading_that_asserts_is_proposed_as_a_claim_not_boilerplate(
    data_dir: Path, capsys
):
    """data/README.md: what an article asserts, even in a title, is a claim. new-source follows
    check's own rule (voice.states_something), so check never warns about what it proposed."""
    article = data_dir.parent / "article.txt"
    article.write_text(
        "Er is geen AI-oorlog tussen China en de VS\n\nDoor de redactie\n\n"
        "Een lange alinea die een bewering draagt en eindigt met een punt.\n\n"
        "Europa staat alleen in de strijd\n\nDe blinde vlek van Europa\n",
        encoding="utf-8",
    )
    args = ["--data", str(data_dir), "new-source", "x-nl", "--text", str(article)]
    assert main([*args, "--language", "nl"]) == 0
    out = capsys.readouterr().out
    assert (
        "3 claim stubs (2 of them a title or short line that states something, so a claim), "
        "2 short lines proposed as boilerplate"
    ) in out
    record = (data_dir / "sources/x-nl.yml").read_text(encoding="utf-8")
    assert 'nl: "Er is geen AI-oorlog tussen China en de VS"' in record  # still its title
    boilerplate = re.findall(r'- quote: "([^"]*)"  # ¶(\d+)', record)
    assert boilerplate == [("Door de redactie", "2"), ("De blinde vlek van Europa", "5")]
    claims = (data_dir / "claims/x-nl.yml").read_text(encoding="utf-8")
    assert (
        "  # ¶1, the title: it states something, so it is a claim, not boilerplate\n"
        "  - todo: the title states something (a verb, no question); fill it in as a claim, or, "
        "if it asserts nothing, delete this stub and list the line under `boilerplate`\n"
        "    id: x-nl-p1\n"
        '    quote: "Er is geen AI-oorlog tussen China en de VS"\n'
    ) in claims
    assert "# ¶4, the short line: it states something" in claims and "x-nl-p4" in claims
    # check refuses the stubs, located, and warns about no proposed boilerplate line.
    assert main(["--data", str(data_dir), "check"]) == 1
    err = capsys.readouterr().err
    assert "claim 'x-nl-p1': unfinished stub" in err
    assert "states something" not in err


def test_another_language_proposes_its_first_line_as_original_title(data_dir: Path):
    assert _new(data_dir) == 0
    assert 'original_title: "La Russie et la Chine signent un accord sur l\'IA"' in _record(
        data_dir
    )


def test_a_published_date_without_basis_is_proposed_inferred_and_refused_until_explained(
    data_dir: Path, capsys
):
    assert _new(data_dir, "--published", "2025-03-04") == 0
    record = _record(data_dir)
    assert "basis: inferred" in record and "basis: stated" not in record
    (data_dir / "sources/accord-ia.yml").write_text(record.replace("todo: review", "# review"))
    capsys.readouterr()
    assert main(["--data", str(data_dir), "check"]) == 1
    err = capsys.readouterr().err
    assert re.search(
        r"accord-ia\.yml:\d+:5: .*'published\.inferred_from\.en': must not be empty", err
    )


def test_basis_and_reasons_are_written_as_given(data_dir: Path):
    assert (
        _new(
            data_dir,
            "--published",
            "2025-03",
            "--basis",
            "inferred",
            "--because-en",
            "Dated from 'mardi' and the summit it names.",
            "--because-nl",
            "Gedateerd uit 'mardi' en de top die het noemt.",
        )
        == 0
    )
    record = _record(data_dir)
    assert "basis: inferred\n" in record
    assert "en: \"Dated from 'mardi' and the summit it names.\"" in record
    assert "nl: \"Gedateerd uit 'mardi' en de top die het noemt.\"" in record
    data = data_dir.parent / "second"
    shutil.copytree(FIXTURE, data / "data")
    assert _new(data / "data", "--published", "2025-03-04", "--basis", "stated") == 0
    assert "basis: stated\n" in _record(data / "data") and "inferred_from" not in _record(
        data / "data"
    )


def test_a_reason_without_inferred_basis_is_refused(data_dir: Path, capsys):
    assert _new(data_dir, "--published", "2025", "--because-en", "x") == 1
    assert "add --basis inferred" in capsys.readouterr().err
    assert not (data_dir / "sources/accord-ia.yml").exists()
