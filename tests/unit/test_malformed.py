"""A catalogue of malformed and hostile data files, beyond the everyday mistakes: each must give
exit 1, the file and line, a plain message, quickly, and no traceback."""

from __future__ import annotations

import pytest

from macros.cli.commands import main
from tests.mutations import append, assert_refused_at, replace_in, write

# Every case both ways: the line reader first (PyYAML where it declines), and PyYAML alone.
pytestmark = pytest.mark.usefixtures("yaml_reader")

CLAIMS = "claims/sample-news.yml"
SOURCE = "sources/sample-news.yml"
ACTORS = "actors.yml"
CLAIMS_PATH = "data/claims/sample-news.yml"

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def _claim(**fields: str) -> str:
    base = {
        "id": "extra-claim",
        "quote": "Dat is nieuw.",
        "text": "{en: New., nl: Nieuw.}",
        "kind": "fact",
        "said_by": "author",
        "about": "[russia]",
        "topics": "[cooperation]",
    }
    base.update(fields)
    lines = [f"  - id: {base.pop('id')}"] + [f"    {k}: {v}" for k, v in base.items()]
    return "\n".join(lines) + "\n"


# (name, mutation, where it must be reported, words the message must hold)
CASES = [
    ("alias bomb", write("glossary.yml", BILLION_LAUGHS), "data/glossary.yml:", "aliases"),
    (
        "recursive alias",
        write("glossary.yml", "terms: &t [*t]\n"),
        "data/glossary.yml:1:",
        "aliases",
    ),
    (
        "10 MB file",
        write("events.yml", "events:\n" + "# padding\n" * 1_100_000),
        "data/events.yml:1:",
        "refused",
    ),
    (
        "deep nesting",
        write("topics.yml", "topics: " + "[" * 5000 + "]" * 5000 + "\n"),
        "data/topics.yml:1:",
        "nesting",
    ),
    (
        "nesting within limits of YAML but not of data",
        write("topics.yml", "topics: " + "[" * 30 + "]" * 30 + "\n"),
        "data/topics.yml:1:",
        "nesting deeper than",
    ),
    (
        "an integer of over 4,300 digits, which Python will not read",
        write(ACTORS, "actors:\n  - id: x\n    n: " + "9" * 5000 + "\n"),
        "data/actors.yml:3:",
        "too long",
    ),
    (
        "a hexadecimal integer too long to cache as JSON",
        write(ACTORS, "bogus: 0x" + "f" * 4000 + "\n"),
        "data/actors.yml:1:",
        "unknown field 'bogus'",
    ),
    (
        "BOM keeps line numbers",
        write(CLAIMS, "\ufeff" + "claims:\n  - id: x\n    bogus: 1\n"),
        f"{CLAIMS_PATH}:3:",
        "unknown field 'bogus'",
    ),
    (
        "CRLF keeps line numbers",
        write(CLAIMS, "claims:\r\n  - id: x\r\n    quote: Tussenkop\r\n    bogus: 1\r\n"),
        f"{CLAIMS_PATH}:4:",
        "unknown field 'bogus'",
    ),
    ("NUL byte", write(ACTORS, "actors:\n  - id: a\x00b\n"), "data/actors.yml:2:", "NUL"),
    (
        "control character raw",
        write(ACTORS, "actors:\n  - id: ab\x07\n"),
        "data/actors.yml:2:11:",
        "the file holds U+0007",
    ),
    (
        "control character escaped",
        replace_in(ACTORS, "name: {en: China, nl: China}", 'name: {en: "Chi\\x07na", nl: China}'),
        "data/actors.yml:7:",
        "control characters",
    ),
    (
        "line separator escaped",
        replace_in(ACTORS, "name: {en: China, nl: China}", 'name: {en: "Chi\\u2028na", nl: China}'),
        "data/actors.yml:7:",
        "control characters",
    ),
    (
        "very long id",
        replace_in(ACTORS, "id: china", "id: " + "c" * 65),
        "data/actors.yml:6:",
        "at most 64",
    ),
    (
        "id with a path separator",
        replace_in(ACTORS, "id: china", "id: ../china"),
        "data/actors.yml:6:",
        "kebab-case",
    ),
    (
        "id with a slash",
        replace_in(ACTORS, "id: china", "id: a/b"),
        "data/actors.yml:6:",
        "kebab-case",
    ),
    (
        "id with capitals",
        replace_in(ACTORS, "id: china", "id: chIna"),
        "data/actors.yml:6:",
        "kebab-case",
    ),
    (
        "id with a double hyphen",
        replace_in(ACTORS, "id: china", "id: chi--na"),
        "data/actors.yml:6:",
        "kebab-case",
    ),
    (
        "id that is a number",
        replace_in(ACTORS, "id: china", "id: 42"),
        "data/actors.yml:6:",
        "string",
    ),
    (
        "date in the distant past",
        replace_in(SOURCE, 'value: "2025-01"', 'value: "1850"'),
        "data/sources/sample-news.yml:10:",
        "'1850' reaches the year 1850; this site dates things between 1900 and 2099",
    ),
    (
        "date in the far future",
        replace_in(SOURCE, 'value: "2025-01"', 'value: "2150-01"'),
        "data/sources/sample-news.yml:10:",
        "'2150-01' reaches the year 2150; this site dates things between 1900 and 2099",
    ),
    (
        "month zero",
        replace_in(SOURCE, 'value: "2025-01"', 'value: "2025-00"'),
        "data/sources/sample-news.yml:10:",
        "no month 0",
    ),
    (
        "date as free text",
        replace_in(SOURCE, 'value: "2025-01"', "value: last winter"),
        "data/sources/sample-news.yml:10:",
        "a date written",
    ),
    (
        "stated date with inferred_from",
        replace_in(SOURCE, "basis: inferred", "basis: stated"),
        "data/sources/sample-news.yml:9:",
        "inferred dates only",
    ),
    (
        "event citing itself",
        replace_in(
            "events.yml", "evidence: [russia-seeks-china]", "evidence: [russia-turns-to-china]"
        ),
        "data/events.yml:6:",
        "unknown claim 'russia-turns-to-china'",
    ),
    (
        "topic citing a topic",
        replace_in("topics.yml", "evidence: [russia-seeks-china]", "evidence: [cooperation]"),
        "data/topics.yml:5:",
        "unknown claim 'cooperation'",
    ),
    (
        "missing source text",
        lambda d: (d / "sources/sample-news.txt").unlink(),
        "data/sources/sample-news.yml:1:",
        "is missing",
    ),
    (
        "source text not UTF-8",
        write("sources/sample-news.txt", b"caf\xe9\n"),
        "data/sources/sample-news.txt:1:4:",  # the byte itself, not the metadata beside it
        "not UTF-8",
    ),
    ("empty file", write(ACTORS, ""), "data/actors.yml:1:", "empty"),
    ("only comments", write(ACTORS, "# nothing\n# here\n"), "data/actors.yml:1:", "empty"),
    (
        "a list where a mapping belongs",
        write(ACTORS, "- id: russia\n"),
        "data/actors.yml:1:",
        "mapping",
    ),
    (
        "a string where the file's mapping belongs",
        write(ACTORS, "just text\n"),
        "data/actors.yml:1:",
        "mapping",
    ),
    (
        "a mapping where a list belongs",
        replace_in(CLAIMS, "about: [russia, china]", "about: {russia: 1}"),
        f"{CLAIMS_PATH}:7:",
        "list",
    ),
    (
        "a list where text belongs",
        replace_in(ACTORS, "name: {en: China, nl: China}", "name: {en: [China], nl: China}"),
        "data/actors.yml:7:",
        "string",
    ),
    (
        "two documents in one file",
        append(ACTORS, "---\nactors: []\n"),
        "data/actors.yml:",
        "YAML syntax error",
    ),
    (
        "merge key",
        write(ACTORS, "base: &b {kind: country}\nactors:\n  - <<: *b\n"),
        "data/actors.yml:",
        "not allowed",
    ),
    ("number as a key", write(ACTORS, "actors:\n  - 1: x\n"), "data/actors.yml:2:", "plain words"),
    ("set tag", write(ACTORS, "actors: !!set {a, b}\n"), "data/actors.yml:1:", "tag"),
    ("python tag", write(ACTORS, "actors: !!python/name:os.system\n"), "data/actors.yml:1:", "tag"),
    ("custom tag", write(ACTORS, "actors: !include other.yml\n"), "data/actors.yml:1:", "tag"),
    (
        "infinite figure",
        replace_in(CLAIMS, "value: 3", "value: .inf"),
        f"{CLAIMS_PATH}:18:",
        "finite",
    ),
    (
        "negative figure",
        replace_in(CLAIMS, "value: 3", "value: -3"),
        f"{CLAIMS_PATH}:18:",
        "greater than or equal to 0",
    ),
    (
        "figure as text",
        replace_in(CLAIMS, "value: 3", 'value: "three"'),
        f"{CLAIMS_PATH}:18:",
        "figure.value",
    ),
    (
        "unknown qualifier",
        replace_in(CLAIMS, "qualifier: more-than", "qualifier: roughly"),
        f"{CLAIMS_PATH}:20:",
        "'roughly'",
    ),
    ("empty quote", append(CLAIMS, _claim(quote='""')), f"{CLAIMS_PATH}:", "must not be empty"),
    (
        "quote of whitespace only",
        append(CLAIMS, _claim(quote='"   "')),
        f"{CLAIMS_PATH}:",
        "must not be empty",
    ),
    (
        "empty about list",
        replace_in(CLAIMS, "about: [russia, china]", "about: []"),
        f"{CLAIMS_PATH}:7:",
        "at least 1",
    ),
    (
        "null for a required field",
        replace_in(CLAIMS, "kind: fact", "kind: null"),
        f"{CLAIMS_PATH}:5:",
        "kind",
    ),
    (
        "very long text",
        replace_in(
            ACTORS,
            "description: {en: A country., nl: Een land.}",
            f"description: {{en: {'x' * 3000}, nl: Een land.}}",
        ),
        "data/actors.yml:",
        "at most 2000",
    ),
    (
        "column with actor and source",
        replace_in(
            "comparisons/sides.yml", "actor: russia}", "actor: russia, source: sample-news}"
        ),
        "data/comparisons/sides.yml:",
        "exactly one of",
    ),
    (
        "axis position off the axis",
        replace_in("comparisons/poles.yml", "ru: left", "ru: above"),
        "data/comparisons/poles.yml:",
        "'above'",
    ),
    (
        "comparison id not its file name",
        replace_in("comparisons/sides.yml", "id: sides", "id: other"),
        "data/comparisons/sides.yml:1:",
        "must equal the file name",
    ),
    (
        "yaml extension",
        write("claims/extra.yaml", "claims: []\n"),
        "data/claims/extra.yaml:1:",
        ".yml",
    ),
    (
        "template statement",
        replace_in(
            ACTORS,
            "description: {en: A country., nl: Een land.}",
            "description: {en: '{% raw %}x', nl: Een land.}",
        ),
        "data/actors.yml:",
        "template syntax",
    ),
    (
        "duplicate id in one file",
        append(
            ACTORS,
            "  - id: china\n    name: {en: C, nl: C}\n"
            "    kind: country\n"
            "    description: {en: C., nl: C.}\n",
        ),
        "data/actors.yml:14:",
        "duplicate actor id 'china'",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_malformed_input_is_refused_plainly(case, data_dir, capsys):
    _, make, where, words = case
    make(data_dir)
    assert_refused_at(data_dir, capsys, where, words)


def test_the_catalogue_is_large_enough():
    assert len(CASES) >= 40


def test_bom_and_crlf_files_are_accepted_when_valid(data_dir):
    claims = data_dir / CLAIMS
    text = claims.read_text(encoding="utf-8")
    claims.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert main(["--data", str(data_dir), "check"]) == 0
