"""Defences of the loader against a hostile pull request (issue 11, data): written tags,
symlinks, misnamed files, budgets, invisible characters, unsafe messages, quotes too short to
carry a claim, and ids that take the site's own addresses or anchors."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError

from macros.adapter import site_pages
from macros.adapter.theme import theme_folders
from macros.cli.commands import main
from macros.facts import characters, factbase, limits
from macros.facts.problems import DataError, Problem, Suggestions, did_you_mean
from macros.render.pages import INDEXES
from macros.routes import reserved
from tests.conftest import FIXTURE, REPO, examples
from tests.mutations import assert_refused_at, replace_in, write

# Every case both ways: the line reader first (PyYAML where it declines), and PyYAML alone.
pytestmark = pytest.mark.usefixtures("yaml_reader")

ACTORS = "data/actors.yml"
LOCATED = re.compile(r"^data/[^:]+:\d+:\d+: \S")


def _check(data_dir: Path, capsys) -> tuple[int, str]:
    code = main(["--data", str(data_dir), "check"])
    return code, capsys.readouterr().err


# --- 1. written tags -------------------------------------------------------------------------

TAGGED = [
    '!!bool "maybe"',  # reached construct_yaml_bool: KeyError
    '!!int ""',  # IndexError
    '!!float ""',
    "!!str plain",
    "!foo bar",
    "!!binary aGVsbG8=",
    "! bare",  # the non-specific tag
    "! [a, b]",
    "!!python/object/apply:os.system [echo]",
    "!<tag:yaml.org,2002:str> verbatim",
]


@pytest.mark.parametrize("value", TAGGED)
def test_any_written_tag_is_a_located_error(value, data_dir, capsys):
    write("actors.yml", (FIXTURE / "actors.yml").read_text() + f"extra: {value}\n")(data_dir)
    assert_refused_at(data_dir, capsys, f"{ACTORS}:14:8:", "tags are not allowed")


def test_a_tagged_key_is_a_located_error(data_dir, capsys):
    write("actors.yml", (FIXTURE / "actors.yml").read_text() + "!!str extra: 1\n")(data_dir)
    assert_refused_at(data_dir, capsys, f"{ACTORS}:14:1:", "tags are not allowed")


def test_our_own_tag_names_cannot_be_written(data_dir, capsys):
    # Resolved tags are named with a space, which no tag in a YAML file can hold.
    write("actors.yml", "actors: !<resolved tag:yaml.org,2002:seq> []\n")(data_dir)
    assert _check(data_dir, capsys)[0] == 1


@settings(
    max_examples=examples(100),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    tag=st.one_of(
        st.from_regex(r"\A!![a-z]{1,10}\Z"),
        st.from_regex(r"\A![a-z]{0,10}\Z"),
        st.sampled_from(["!!bool", "!!int", "!!float", "!!null", "!!timestamp", "!!str"]),
    ),
    value=st.sampled_from(['""', '"maybe"', "1", "x", "[]", "{}", "0x", "._", "~", "2025-13-40"]),
)
def test_fuzz_tags_anywhere_never_crash(tmp_path_factory, tag, value):
    data = tmp_path_factory.mktemp("tags") / "data"
    shutil.copytree(FIXTURE, data)
    text = (data / "actors.yml").read_text()
    (data / "actors.yml").write_text(text.replace("kind: country", f"kind: {tag} {value}", 1))
    with pytest.raises(DataError) as caught:
        factbase.load(data)
    messages = [str(p) for p in caught.value.problems]
    assert all(LOCATED.match(m) for m in messages), messages
    assert any("tags are not allowed" in m or "YAML syntax error" in m for m in messages)


# --- 1 and 2. UTF-8 and symlinks -------------------------------------------------------------


def test_prose_not_utf8_is_located(tmp_path):
    docs = tmp_path / "docs"
    (docs / "_prose").mkdir(parents=True)
    (docs / "_prose" / "method.en.md").write_bytes(b"# Method\n\ncaf\xe9\n")
    with pytest.raises(PluginError, match=r"method\.en\.md:3:4: the file is not UTF-8"):
        site_pages.prose_text(docs, "method", "en")


def test_symlinked_text_to_passwd_is_refused(data_dir, capsys):
    (data_dir / "sources/sample-news.txt").unlink()
    (data_dir / "sources/sample-news.txt").symlink_to("/etc/passwd")
    code, err = _check(data_dir, capsys)
    assert code == 1
    assert "data/sources/sample-news.txt:1:1: symlinks are not allowed" in err
    assert "root:" not in err


def test_symlinked_text_to_dev_zero_is_refused_quickly(data_dir, capsys):
    (data_dir / "sources/sample-news.txt").unlink()
    (data_dir / "sources/sample-news.txt").symlink_to("/dev/zero")
    assert _check(data_dir, capsys)[0] == 1  # refused as no regular file, before any read


def test_the_safe_opener_refuses_a_link_even_if_discovery_missed_it(data_dir, capsys):
    """Discovery reports links; the reader refuses them by itself too (defence in depth)."""
    from macros.facts.repo_files import Refused, read_bytes

    (data_dir / "sources/sample-news.txt").unlink()
    (data_dir / "sources/sample-news.txt").symlink_to("/etc/passwd")
    with pytest.raises(Refused, match="symlink"):
        read_bytes(data_dir / "sources/sample-news.txt", data_dir, 10_000)
    linked = data_dir.parent / "elsewhere"
    linked.mkdir()
    (linked / "x.yml").write_text("a: 1\n")
    (data_dir / "claims/sub").symlink_to(linked)
    with pytest.raises(Refused, match="folder sub/"):
        read_bytes(data_dir / "claims/sub/x.yml", data_dir, 10_000)


def test_a_fifo_does_not_hang_the_check(data_dir, capsys):
    (data_dir / "sources/sample-news.txt").unlink()
    os.mkfifo(data_dir / "sources/sample-news.txt")
    code, err = _check(data_dir, capsys)
    assert code == 1 and "sample-news.txt:1:1: not a regular file" in err


@pytest.mark.parametrize(
    "make",
    [
        lambda d: (
            (d / "glossary.yml").unlink(),
            (d / "glossary.yml").symlink_to(d / "events.yml"),
        ),
        lambda d: (
            shutil.move(d / "claims", d.parent / "claims-elsewhere"),
            (d / "claims").symlink_to(d.parent / "claims-elsewhere"),
        ),
        lambda d: (d / "notes").symlink_to("/proc/self"),
    ],
    ids=["linked yml", "linked folder", "dangling or outside link"],
)
def test_any_symlink_under_data_is_a_located_error(make, data_dir, capsys):
    make(data_dir)
    code, err = _check(data_dir, capsys)
    assert code == 1 and "symlinks are not allowed" in err, err
    assert all(LOCATED.match(line) for line in err.splitlines()[:-1]), err


def test_prose_symlink_is_refused(tmp_path):
    docs = tmp_path / "docs"
    (docs / "_prose").mkdir(parents=True)
    (docs / "_prose" / "method.en.md").symlink_to("/proc/self/environ")
    with pytest.raises(PluginError, match="symlinks are not allowed"):
        site_pages.prose_text(docs, "method", "en")


@pytest.mark.build
def test_the_build_refuses_symlinks_in_docs_and_overrides(tmp_path):
    from tests.sitebuild import mkdocs_build, project_copy

    project = project_copy(tmp_path / "project", FIXTURE)
    (project / "docs" / "leak.md").symlink_to("/etc/hostname")
    (project / "overrides" / "partials" / "leak.html").symlink_to("/etc/hostname")
    run = mkdocs_build(project, project / "site")
    assert run.returncode == 1
    assert "docs/leak.md:1:1: symlinks are not allowed" in run.stderr
    assert "overrides/partials/leak.html:1:1: symlinks are not allowed" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_hard_link_in_data_is_a_located_error(data_dir, capsys):
    # A regular file that is also a file outside the repository (made locally; git cannot
    # carry one). A fresh clone, a worktree or a CI cache never hard-links a tracked file.
    secret = data_dir.parent / "secret.txt"
    secret.write_text((data_dir / "sources/sample-news.txt").read_text())
    (data_dir / "sources/sample-news.txt").unlink()
    os.link(secret, data_dir / "sources/sample-news.txt")
    code, err = _check(data_dir, capsys)
    assert code == 1
    assert "data/sources/sample-news.txt:1:1: the file is a hard link (it has 2 names)" in err
    assert all(LOCATED.match(line) for line in err.splitlines()[:-1]), err


def test_a_hard_linked_prose_file_is_refused(tmp_path):
    docs = tmp_path / "docs"
    (docs / "_prose").mkdir(parents=True)
    (tmp_path / "elsewhere.md").write_text("# Method\n")
    os.link(tmp_path / "elsewhere.md", docs / "_prose" / "method.en.md")
    with pytest.raises(PluginError, match="method.en.md:1:1: the file is a hard link"):
        site_pages.prose_text(docs, "method", "en")


def test_the_build_refuses_hard_links_in_docs_overrides_and_data(tmp_path):
    repo = tmp_path / "project"
    for tree in ("docs", "overrides", "data"):
        (repo / tree).mkdir(parents=True)
        (repo / tree / "plain.md").write_text("x\n")
        os.link(tmp_path / "project" / tree / "plain.md", tmp_path / f"outside-{tree}.md")
    config = {
        "config_file_path": str(repo / "mkdocs.yml"),
        "docs_dir": str(repo / "docs"),
        "theme": types.SimpleNamespace(custom_dir=str(repo / "overrides")),
    }
    with pytest.raises(PluginError) as caught:
        site_pages.refuse_symlinks(config)
    assert str(caught.value).splitlines() == [
        f"{tree}/plain.md:1:1: {site_pages.HARD_LINK_MESSAGE}"
        for tree in ("docs", "data", "overrides")
    ]


# --- 3. discovery ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, words",
    [
        ("claims/extra.YML", "lower-case '.yml'"),
        ("claims/extra.Yml", "lower-case '.yml'"),
        ("comparisons/extra.Yaml", "not .yaml"),
        ("comparisons/extra.yaml", "not .yaml"),
        ("claims/extra.yml ", "space or a dot"),
        ("claims/extra.yml.", "space or a dot"),
        ("sources/sample-news.TXT", "lower-case '.txt'"),
        ("sources/orphan.txt", "no sources/orphan.yml beside it"),
        ("claims/stray.txt", "archived texts are sources/<id>.txt"),
        ("notes/extra.yml", "unexpected data file"),
    ],
)
def test_near_miss_file_names_are_reported(name, words, data_dir, capsys):
    write(name, "claims: []\n")(data_dir)
    assert_refused_at(data_dir, capsys, f"data/{name}:1:1:", words)


# --- 4. budgets -----------------------------------------------------------------------------


def _child_check(data_dir: Path) -> subprocess.CompletedProcess:
    """`check` in a child process. (Its time and memory on such inputs are figures, printed by
    scripts/bench_check.py, not asserted here.)"""
    return subprocess.run(
        [sys.executable, "-m", "macros", "--data", str(data_dir), "check"],
        check=False,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )


def test_a_file_of_many_empty_mappings_is_refused_quickly(data_dir):
    (data_dir / "claims/sample-news.yml").write_text("claims:\n" + "- {}\n" * 380_000)
    run = _child_check(data_dir)
    assert run.returncode == 1
    assert "data/claims/sample-news.yml:99999:" in run.stderr and "more than 100,000" in run.stderr


def test_many_problems_are_capped(data_dir):
    # Under the value budget, yet tens of thousands of schema errors.
    (data_dir / "actors.yml").write_text("actors:\n" + "- {}\n" * 99_000)
    run = _child_check(data_dir)
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert "more problems in this file, not shown" in run.stderr
    assert len([x for x in lines if LOCATED.match(x)]) <= limits.MAX_PROBLEMS


def test_the_report_counts_what_it_does_not_print():
    problems = [Problem("data/x.yml", n, 1, "bad") for n in range(1, 4_513)]
    lines = DataError(problems).report()
    assert len(lines) == limits.MAX_PROBLEMS + 1
    assert lines[-1] == f"… and {4_512 - limits.MAX_PROBLEMS:,} more problems"


def test_missing_quotes_against_a_big_text_are_checked_in_linear_time(data_dir):
    # Many short paragraphs made the old search loop over paragraphs once per quote.
    (data_dir / "sources/sample-news.txt").write_text(
        (FIXTURE / "sources/sample-news.txt").read_text() + "Een korte regel hier.\n" * 80_000
    )
    claims = "".join(
        f"  - id: missing-{i}\n    quote: Deze zin staat nergens in de tekst {i}.\n"
        "    text: {en: Missing., nl: Ontbreekt.}\n    kind: fact\n    said_by: author\n"
        "    about: [russia]\n    topics: [cooperation]\n"
        for i in range(1_000)
    )
    (data_dir / "claims/sample-news.yml").write_text("claims:\n" + claims)
    run = _child_check(data_dir)
    assert run.returncode == 1 and "quote not found verbatim" in run.stderr


@pytest.mark.parametrize(
    "rel, size",
    [
        ("sources/sample-news.txt", limits.MAX_TEXT_BYTES + 1),
        ("actors.yml", limits.MAX_YAML_BYTES + 1),
    ],
)
def test_files_over_their_budget_are_refused(rel, size, data_dir, capsys):
    (data_dir / rel).write_text("# x\n" * (size // 4 + 1))
    assert_refused_at(data_dir, capsys, f"data/{rel}:1:1:", "are refused")


def test_prose_over_its_budget_is_refused(tmp_path):
    docs = tmp_path / "docs"
    (docs / "_prose").mkdir(parents=True)
    (docs / "_prose" / "method.en.md").write_text("x" * (limits.MAX_PROSE_BYTES + 1))
    with pytest.raises(PluginError, match="are refused"):
        site_pages.prose_text(docs, "method", "en")


NEAR = "an-actor-with-a-long-and-very-much-shared-prefix-"  # 5,500 ids of 58 characters
NEAR_IDS = [f"{NEAR}{i:09d}" for i in range(5_500)]


def test_did_you_mean_costs_little_among_many_near_identical_ids():
    # difflib over every id took ~0.5 s per unknown id here: 200 hints, 100 s.
    hints = [did_you_mean(f"{NEAR}{i:09d}x", NEAR_IDS) for i in range(50)]
    # each hint compares a word with a few neighbours, never with all 5,500 ids
    suggest = Suggestions(NEAR_IDS)
    assert all(
        len(suggest.candidates(f"{NEAR}{i:09d}x")) <= 4 * Suggestions.NEIGHBOURS for i in range(50)
    )
    assert hints[7] == f" (did you mean '{NEAR}000000007'?)"


def test_did_you_mean_still_finds_a_typo_at_either_end():
    # The candidates are the ids nearest in sorted order, forwards and backwards.
    known = [*NEAR_IDS, "russia", "china", "united-states"]
    first = f"x{NEAR[1:]}000004321"
    assert did_you_mean(first, known) == f" (did you mean '{NEAR}000004321'?)"
    assert did_you_mean("rusia", known) == " (did you mean 'russia'?)"
    assert did_you_mean("xhina", known) == " (did you mean 'china'?)"


def test_the_hints_of_one_check_share_a_work_budget():
    budget = [limits.MAX_SUGGESTION_WORK]
    suggest = Suggestions(NEAR_IDS, budget)
    hints = [suggest(f"{NEAR}x{i:08d}") for i in range(200)]
    assert 0 <= budget[0] < 4 * Suggestions.NEIGHBOURS
    given = sum(1 for h in hints if h)
    assert 0 < given <= limits.MAX_SUGGESTION_WORK // (2 * Suggestions.NEIGHBOURS)
    assert all(not h for h in hints[given:])  # the first ones get hints, the rest none


# --- 5. invisible characters ----------------------------------------------------------------

INVISIBLE = {
    "NUL": "\x00",
    "ESC": "\x1b",
    "tab": "\t",
    "newline": "\n",
    "carriage return": "\r",
    "DEL": "\x7f",
    "C1 NEL": "\x85",
    "RLO": "\u202e",
    "LRE": "\u202a",
    "RLI": "\u2067",
    "PDI": "\u2069",
    "LRM": "\u200e",
    "RLM": "\u200f",
    "ALM": "\u061c",
    "ZWSP": "\u200b",
    "ZWJ": "\u200d",
    "word joiner": "\u2060",
    "BOM": "\ufeff",
    "line separator": "\u2028",
    # Found by an attacker after the list above: refused now by Unicode property, not by list.
    "tag A": "\U000e0041",
    "cancel tag": "\U000e007f",
    "function application": "\u2061",
    "invisible plus": "\u2064",
    "soft hyphen": "\u00ad",
    "combining grapheme joiner": "\u034f",
    "Mongolian vowel separator": "\u180e",
    "Hangul filler": "\u3164",
    "Hangul choseong filler": "\u115f",
    "Hangul jungseong filler": "\u1160",
    "halfwidth Hangul filler": "\uffa0",
    "variation selector 16": "\ufe0f",
    "variation selector 17": "\U000e0100",
    "Khmer inherent vowel": "\u17b4",
    "paragraph separator": "\u2029",
    "private use": "\ue000",
    "unassigned": "\u0378",
}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_characters_are_refused_in_text(char, data_dir, capsys):
    escaped = char.encode("unicode_escape").decode()
    replace_in("actors.yml", "name: {en: China,", f'name: {{en: "Chi{escaped}na",')(data_dir)
    code, err = _check(data_dir, capsys)
    assert code == 1 and err.startswith("data/actors.yml:7:"), err
    assert re.search(
        r"(control|bidirectional|invisible \(format or ignorable\)|private-use) characters"
        r"|unassigned code points|line breaks and tabs",
        err,
    )
    assert f"found U+{ord(char):04X} " in err  # named by its code point
    assert err.count("\n") == 2 and char not in err.split("\n")[0]  # one line, shown escaped


@pytest.mark.parametrize("line_breaks", [False, True])
def test_the_ascii_shortcut_refuses_what_the_unicode_properties_refuse(line_breaks):
    # first_refused answers ASCII texts with a plain byte class; the property classes decide.
    for code in range(128):
        text = f"ab{chr(code)}c"
        fast = characters.first_refused(text, line_breaks=line_breaks)
        full = (characters._REFUSED_BUT_LF if line_breaks else characters._REFUSED).search(text)
        assert (fast and (fast.start(), fast.group())) == (full and (full.start(), full.group()))


def test_the_printable_shortcut_misses_no_refused_code_point():
    # A non-ASCII text skips the property lookup when str.isprintable() and a short list agree
    # it holds nothing refused: every code point the property classes refuse must fail one.
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    missed = [
        f"U+{ord(m.group()):04X}"
        for m in characters._REFUSED.finditer(everything)
        if m.group().isprintable() and not characters._PRINTABLE_BUT_REFUSED.match(m.group())
    ]
    assert not missed
    for ch in ("\u034f", "\u3164", "\ufe0f", "\U000e0100", "\u200b", "\u00ad", "\u0378"):
        for line_breaks in (False, True):
            found = characters.first_refused(
                f"één\n{ch}" if line_breaks else f"één {ch}", line_breaks=line_breaks
            )
            assert found and found.group() == ch, (ch, line_breaks)
    assert characters.first_refused("één “twee”\ndrie", line_breaks=True) is None
    assert characters.first_refused("één\u00a0“twee”") is None  # a no-break space is text


def test_a_plainly_clean_text_is_one_the_full_checks_pass():
    # models._plain lets a text through at once when characters.plainly_clean says so: it does
    # for a text of printable characters none of which its short list names (ASCII or not), and
    # each of those must be one the full checks (refused characters, template braces) let by.
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    printable = "".join(ch for ch in everything if ch.isprintable())
    let_by = characters._PRINTABLE_BUT_REFUSED_OR_BRACE.sub("", printable)
    assert characters.plainly_clean(let_by)
    assert characters._REFUSED.search(let_by) is None and not {"{", "}"} & set(let_by)
    assert not any(characters.plainly_clean(f"ab{chr(c)}") for c in [*range(32), 127, 123, 125])
    assert not characters.plainly_clean("één {{ x }}") and not characters.plainly_clean("é\x07")


@pytest.mark.parametrize(
    "url",
    [
        "https://e.example/\x00",
        "https://e.example/\x1b[2K",
        "https://e.example/\u202e",
        "https://e.example/\U000e0041",
        "https://e.example/a\u00adb",
        "https://e.example/\u3164",
        "https://e.example/{{ config }}",
    ],
)
def test_url_gets_the_text_checks(url, data_dir, capsys):
    escaped = url.encode("unicode_escape").decode()
    replace_in("sources/sample-news.yml", "url: null", f'url: "{escaped}"')(data_dir)
    code, err = _check(data_dir, capsys)
    assert code == 1 and err.startswith("data/sources/sample-news.yml:13:"), err


@settings(
    max_examples=examples(100),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    before=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=10),
    char=st.sampled_from(sorted(INVISIBLE.values())),
    field=st.sampled_from(["name", "description"]),
)
def test_fuzz_invisible_characters_anywhere_in_a_text(tmp_path_factory, before, char, field):
    data = tmp_path_factory.mktemp("inv") / "data"
    shutil.copytree(FIXTURE, data)
    value = (before + char + "x").encode("unicode_escape").decode().replace('"', '\\"')
    text = (data / "actors.yml").read_text()
    old = "name: {en: China," if field == "name" else "description: {en: A country.,"
    (data / "actors.yml").write_text(text.replace(old, f'{field}: {{en: "{value}",', 1))
    with pytest.raises(DataError) as caught:
        factbase.load(data)
    for problem in caught.value.problems:
        assert LOCATED.match(str(problem)) and not re.search(
            r"[\x00-\x1f\x7f-\x9f\u202a-\u202e]", str(problem)
        )


@pytest.mark.parametrize(
    "char, words",
    [
        ("\x1b", "U+001B '\\x1b', one of the control characters"),
        ("\r", "carriage return"),
        ("\t", "control character"),
        # line breaks to Python's splitlines() but not to GitHub: paragraph numbers would differ
        ("\u2028", "U+2028 LINE SEPARATOR, one of the control characters"),
        ("\u2029", "U+2029 PARAGRAPH SEPARATOR"),
        ("\x85", "U+0085"),
        ("\x0b", "U+000B"),
        ("\x0c", "U+000C"),
        ("\x1e", "U+001E"),
        # hidden or reordered text, as in a text field
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE, one of the bidirectional control characters"),
        ("\u200b", "U+200B ZERO WIDTH SPACE, one of the invisible"),
        ("\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A"),
        ("\u3164", "U+3164 HANGUL FILLER"),
        ("\u00ad", "U+00AD SOFT HYPHEN"),
    ],
)
def test_control_characters_in_an_archived_text(char, words, data_dir, capsys):
    write(
        "sources/sample-news.txt",
        f"Rusland zoekt samenwerking met China. Dat is nieuw.\nTus{char}senkop\n",
    )(data_dir)
    assert_refused_at(data_dir, capsys, "data/sources/sample-news.txt:2:4:", words)


def test_check_coverage_prints_archived_text_escaped(data_dir, capsys, monkeypatch):
    # Were a character ever to pass the archive's rule, --coverage, which prints paragraphs,
    # must not hand it to the terminal: every output path of check escapes like Problem does.
    monkeypatch.setattr(factbase.characters, "first_refused", lambda text, **_: None)
    write(
        "sources/sample-news.txt",
        (FIXTURE / "sources/sample-news.txt").read_text() + "\nNieuw\x1b[2K\u202eparagraaf.\n",
    )(data_dir)
    # An uncovered paragraph is refused by check itself now; whatever it prints is escaped.
    main(["--data", str(data_dir), "check", "--coverage"])
    printed = "".join(capsys.readouterr())
    assert "sample-news.txt" in printed
    assert "\x1b" not in printed and "\u202e" not in printed


# --- 6. messages ----------------------------------------------------------------------------


def test_messages_escape_and_cut_values(data_dir, capsys):
    long_id = "a" * 1_000_000
    write("glossary.yml", f'terms:\n  - id: "x\\e[2K\\rok"\n  - id: "{long_id}"\n')(data_dir)
    code, err = _check(data_dir, capsys)
    assert code == 1
    assert "\x1b" not in err and "\r" not in err and "x\\x1b[2K\\rok" in err
    assert long_id not in err and "a" * 80 + "…'" in err
    assert max(len(line) for line in err.splitlines()) < 2_000


def test_file_names_in_messages_are_escaped(data_dir, capsys):
    write("claims/x\x1b[2K.YML", "claims: []\n")(data_dir)
    code, err = _check(data_dir, capsys)
    assert code == 1 and "data/claims/x\\x1b[2K.YML:1:1:" in err and "\x1b" not in err


# --- 7. quotes carry their claim ------------------------------------------------------------


def test_a_one_letter_quote_does_not_verify_a_claim(data_dir, capsys):
    replace_in(
        "claims/sample-news.yml", "quote: Rusland zoekt samenwerking met China.", "quote: e"
    )(data_dir)
    assert_refused_at(data_dir, capsys, "data/claims/sample-news.yml:3:", "at least 4 words")


def test_a_short_quote_that_is_a_whole_paragraph_passes(data_dir, capsys):
    write(
        "sources/sample-news.txt",
        (FIXTURE / "sources/sample-news.txt").read_text() + "Exportbeperkingen, zegt Washington.\n",
    )(data_dir)
    replace_in(
        "claims/sample-news.yml",
        "quote: Rusland zoekt samenwerking met China.",
        "quote: Exportbeperkingen, zegt Washington.",
    )(data_dir)
    # The paragraph the claim quoted before is declared, so that coverage holds.
    replace_in(
        "sources/sample-news.yml",
        "boilerplate:\n",
        "boilerplate:\n  - quote: Rusland zoekt samenwerking met China. Dat is nieuw.\n"
        "    reason: {en: Test, nl: Test}\n",
    )(data_dir)
    assert _check(data_dir, capsys)[0] == 0
    replace_in(
        "claims/sample-news.yml",
        "quote: Exportbeperkingen, zegt Washington.",
        "quote: Exportbeperkingen, zegt",
    )(data_dir)
    assert _check(data_dir, capsys)[0] == 1


def test_the_real_data_passes():
    assert main(["--data", str(REPO / "data"), "check"]) == 0


# --- 8. ids the site already uses -----------------------------------------------------------


def test_reserved_names_are_derived_from_the_site():
    paths = reserved.site_paths(REPO, theme_folders())
    for name in [
        *site_pages.RECORD_PAGES,
        *INDEXES,
        "index",
        "page",
        "nl",
        "assets",
        "search",
        "data",
    ]:
        assert name in paths, name
    for entry in (REPO / "docs").iterdir():
        if re.fullmatch(r"[a-z0-9-]+(\.md)?", entry.name):
            assert entry.name.removesuffix(".md") in paths
    assert {"about-this-source", "glossary", "claims-in-document-order"} <= reserved.page_anchors()


@pytest.mark.parametrize(
    "rel, old, new, where",
    [
        ("actors.yml", "id: china", "id: index", "data/actors.yml:6:"),
        ("actors.yml", "id: china", "id: page", "data/actors.yml:6:"),
        ("topics.yml", "id: cooperation", "id: nl", "data/topics.yml:"),
        (
            "claims/sample-news.yml",
            "id: russia-seeks-china",
            "id: about-this-source",
            "data/claims/sample-news.yml:2:",
        ),
        (
            "claims/sample-news.yml",
            "id: russia-seeks-china",
            "id: een-voorbeeldbericht",
            "data/claims/sample-news.yml:2:",
        ),
        ("glossary.yml", "id: export-controls", "id: glossary", "data/glossary.yml:2:"),
    ],
)
def test_ids_that_take_a_site_address_or_anchor_are_refused(rel, old, new, where, data_dir, capsys):
    replace_in(rel, old, new)(data_dir)
    code, err = _check(data_dir, capsys)
    assert code == 1
    assert any(
        line.startswith(where) and ("address" in line or "anchor" in line)
        for line in err.splitlines()
    ), err


def test_a_comparison_named_index_is_refused(data_dir, capsys):
    text = (data_dir / "comparisons/sides.yml").read_text().replace("id: sides", "id: index", 1)
    (data_dir / "comparisons/sides.yml").unlink()
    write("comparisons/index.yml", text)(data_dir)
    assert_refused_at(data_dir, capsys, "data/comparisons/index.yml:1:", "address")


def test_ids_differing_only_in_case_cannot_exist(data_dir, capsys):
    """Ids are lower-case kebab by pattern, so two ids equal ignoring case are equal: caught as
    duplicates. An upper-case id is refused outright."""
    replace_in("actors.yml", "id: china", "id: China")(data_dir)
    assert_refused_at(data_dir, capsys, "data/actors.yml:6:", "kebab-case")


@settings(max_examples=examples(60), deadline=None)
@given(
    stem=st.sampled_from(["extra", "sample-news", "x"]),
    ext=st.sampled_from(["yml", "yaml", "txt"]).flatmap(
        lambda e: st.lists(st.booleans(), min_size=len(e), max_size=len(e)).map(
            lambda upper: "".join(c.upper() if u else c for c, u in zip(e, upper, strict=True))
        )
    ),
    tail=st.sampled_from(["", " ", ".", " .", "..", "  "]),
    folder=st.sampled_from(["claims", "sources", "comparisons", "notes", ""]),
)
def test_fuzz_no_data_file_name_is_silently_skipped(tmp_path_factory, stem, ext, tail, folder):
    """A file that looks like data is loaded or reported, whatever its case or trailing dots."""
    data = tmp_path_factory.mktemp("names") / "data"
    shutil.copytree(FIXTURE, data)
    name = f"{stem}.{ext}{tail}"
    rel = f"{folder}/{name}" if folder else name
    if (data / rel).exists():
        return
    (data / rel).parent.mkdir(exist_ok=True)
    (data / rel).write_text("claims: []\n")
    with pytest.raises(DataError) as caught:
        factbase.load(data)
    assert any(p.path == f"data/{rel}" for p in caught.value.problems), caught.value.problems


@settings(max_examples=examples(30), deadline=None)
@given(
    st.lists(st.sampled_from(["{}", "{id: x}", "{id: Bad}", "{name: 1}"]), min_size=5, max_size=40)
)
def test_fuzz_the_cut_down_copy_gives_the_first_errors(tmp_path_factory, records):
    """Past the per-file cap, errors come from a copy cut to its first entries: the problems
    shown are the same as the first ones of the whole file."""
    from macros.facts import data_files

    data = tmp_path_factory.mktemp("cap") / "data"
    shutil.copytree(FIXTURE, data)
    (data / "actors.yml").write_text("actors: [" + ", ".join(records) + "]\n")
    _, everything = data_files.load_file("actors", data / "actors.yml", data)
    cap = data_files.MAX_PROBLEMS_PER_FILE
    try:
        data_files.MAX_PROBLEMS_PER_FILE = 3
        _, capped = data_files.load_file("actors", data / "actors.yml", data)
    finally:
        data_files.MAX_PROBLEMS_PER_FILE = cap
    if len(everything) <= 3:
        assert capped == everything
    else:
        assert capped[:3] == everything[:3]
        assert (
            capped[3].message
            == f"… and {len(everything) - 3:,} more problems in this file, not shown"
        )


HEADING_COLLISIONS = [
    (  # the actor page's heading took an event item's id on that page
        replace_in("actors.yml", "name: {en: China,", 'name: {en: "Event russia-turns-to-china",'),
        "data/actors.yml:7:",
        "actor 'china': its name makes the heading anchor '#event-russia-turns-to-china', "
        "already the id of the event 'russia-turns-to-china' (timeline item); reword the name",
    ),
    (  # a comparison's title took one of its own row ids
        replace_in(
            "comparisons/poles.yml",
            "title: {en: Poles, nl: Polen}",
            "title: {en: Poles, nl: Poles openness}",
        ),
        "data/comparisons/poles.yml:3:",
        "comparison 'poles': its title makes the heading anchor '#poles-openness', already the "
        "id of the row 'openness' of the comparison 'poles'",
    ),
    (  # a source title equal to a claim anchor, in Dutch only
        replace_in("topics.yml", "name: {en: Cooperation,", 'name: {en: "Russia seeks China",'),
        "data/topics.yml:",
        "its name makes the heading anchor '#russia-seeks-china', already the id of the claim",
    ),
]


@pytest.mark.parametrize(("make", "where", "words"), HEADING_COLLISIONS)
def test_a_heading_anchor_equal_to_an_element_id_is_refused_where_its_text_is(
    make, where, words, data_dir, capsys
):
    make(data_dir)
    assert_refused_at(data_dir, capsys, where, words)


def test_the_build_refuses_fifos_in_docs_overrides_and_data(tmp_path):
    # A named pipe called docs/x.md made `mkdocs build` wait forever for a writer (MkDocs opens
    # every page); under docs/assets/ it stopped the build with a traceback (shutil).
    repo = tmp_path / "project"
    for tree in ("docs", "overrides", "data"):
        (repo / tree / "sub").mkdir(parents=True)
        os.mkfifo(repo / tree / "sub" / "pipe.md")
    config = {
        "config_file_path": str(repo / "mkdocs.yml"),
        "docs_dir": str(repo / "docs"),
        "theme": types.SimpleNamespace(custom_dir=str(repo / "overrides")),
    }
    with pytest.raises(PluginError) as caught:
        site_pages.refuse_symlinks(config)
    assert str(caught.value).splitlines() == [
        f"{tree}/sub/pipe.md:1:1: {site_pages.SPECIAL_FILE_MESSAGE}"
        for tree in ("docs", "data", "overrides")
    ]


def test_the_build_refuses_a_docs_nl_folder(tmp_path):
    # The English build published docs/nl/index.md at nl/, where the Dutch process builds its
    # home page at the same time: the site held whichever was written last.
    (tmp_path / "docs" / "nl").mkdir(parents=True)
    (tmp_path / "docs" / "nl" / "index.md").write_text("# Hijacked\n")
    config = {"config_file_path": str(tmp_path / "mkdocs.yml"), "docs_dir": str(tmp_path / "docs")}
    with pytest.raises(PluginError, match=r"^docs/nl:1:1: docs/nl/ is where the Dutch site"):
        site_pages.refuse_reserved(config, ["nl"])
    (tmp_path / "docs" / "nl" / "index.md").unlink()
    (tmp_path / "docs" / "nl").rmdir()
    site_pages.refuse_reserved(config, ["nl"])


# --- invisible characters in a file's raw text, comments included (issue 26, round three) ----

# Each is a line break to YAML (NEL, LS, PS, a lone CR) or to a terminal but not to `git diff`,
# or hides and reorders what a reviewer reads: inside a comment, no field check sees it, and a key
# after it was read as data while the diff showed one comment line.
HIDING_IN_A_COMMENT = {
    "NEL": ("\x85", "U+0085 '\\x85', one of the control characters"),
    "line separator": ("\u2028", "U+2028 LINE SEPARATOR, one of the control characters"),
    "paragraph separator": ("\u2029", "U+2029 PARAGRAPH SEPARATOR, one of the control characters"),
    "lone CR": ("\r", "a carriage return not followed by a line feed"),
    "RLO": ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE, one of the bidirectional control characters"),
    "tag": ("\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A, one of the invisible"),
    "soft hyphen": ("\u00ad", "U+00AD SOFT HYPHEN, one of the invisible"),
    "escape": ("\x1b", "U+001B '\\x1b', one of the control characters"),
}


@pytest.mark.parametrize(
    "char, words", HIDING_IN_A_COMMENT.values(), ids=HIDING_IN_A_COMMENT.keys()
)
def test_a_comment_cannot_hide_a_key_behind_an_invisible_character(char, words, data_dir, capsys):
    text = (data_dir / "actors.yml").read_text(encoding="utf-8")
    hidden = text.replace("actors:\n", f"actors:\n# reviewed{char}  - id: hidden-actor\n", 1)
    (data_dir / "actors.yml").write_bytes(hidden.encode("utf-8"))
    code, err = _check(data_dir, capsys)
    assert code == 1 and err.startswith(f"{ACTORS}:2:11: the file holds {words}"), err
    assert "a data file, comments included, may hold only visible text" in err
    assert char not in err


def test_tabs_and_windows_line_ends_are_still_allowed_in_a_data_file(data_dir, capsys):
    text = (data_dir / "actors.yml").read_text(encoding="utf-8")
    text = text.replace("actors:\n", "actors:\n#\ta comment with a tab\n", 1).replace("\n", "\r\n")
    (data_dir / "actors.yml").write_bytes(text.encode("utf-8"))
    assert _check(data_dir, capsys)[0] == 0


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    before=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=10),
    char=st.sampled_from(
        sorted(
            ({c for c, _ in HIDING_IN_A_COMMENT.values()} | set(INVISIBLE.values())) - {"\t", "\n"}
        )
    ),
)
def test_fuzz_any_refused_character_in_a_comment_is_located(tmp_path_factory, before, char):
    data = tmp_path_factory.mktemp("comment") / "data"
    shutil.copytree(FIXTURE, data)
    text = (data / "topics.yml").read_text(encoding="utf-8")
    (data / "topics.yml").write_bytes((f"# {before}{char}x\n" + text).encode("utf-8"))
    with pytest.raises(DataError) as caught:
        factbase.load(data)
    first = str(caught.value.problems[0])
    assert LOCATED.match(first) and first.startswith("data/topics.yml:"), first
    assert "the file holds" in first or "the file contains a NUL byte" in first, first
