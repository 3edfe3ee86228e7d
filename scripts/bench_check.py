"""Worst cases a pull request can hand `python -m macros check`, each at most 2 MB, with the wall
time and peak memory of the check (a figure to read; tests/unit/test_defences_data.py holds the
limits). The target is every case within 10 s and 500 MB.

With --prose: Python-Markdown's worst cases for a prose file within the limits of
macros/prose.check_source, each a whole file of MAX_PROSE_BYTES, with the CPU time of rendering it
with the site's extensions (the build renders each prose page once per language).

Usage: python scripts/bench_check.py [CASE...] | --prose
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from macros.facts.limits import MAX_PROSE_BYTES, MAX_YAML_BYTES  # installed by scripts/setup

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "minimal"


BUDGET = MAX_YAML_BYTES - 1_000  # every generated file stays under the file-size refusal

# Runs the check as its child and reports the child's peak resident memory.
_MEASURE = """
import resource, subprocess, sys
run = subprocess.run(sys.argv[1:], capture_output=True, text=True)
lines = run.stderr.splitlines() or run.stdout.splitlines() or ['']
print(run.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, len(lines))
print(lines[0][:110])
"""


def _fill(head: str, item: str, tail: str = "") -> str:
    return head + item * ((BUDGET - len(head) - len(tail)) // len(item)) + tail


def _claim(i: int, quote: str) -> str:
    return (
        f"  - id: c-{i}\n    quote: {quote}\n    text: {{en: A claim., nl: Een bewering.}}\n"
        "    kind: fact\n    said_by: author\n    about: [russia]\n    topics: [cooperation]\n"
    )


def many_empty_mappings(d: Path) -> None:
    (d / "claims/sample-news.yml").write_text(_fill("claims:\n", "- {}\n"))


def many_flow_collections(d: Path) -> None:
    (d / "topics.yml").write_text(_fill("topics: [", "{},[],", "{}]\n"))


def deep_nesting_repeated(d: Path) -> None:
    nest = "[" * 19 + "]" * 19
    (d / "events.yml").write_text(_fill("events: [", nest + ",", "[]]\n"))


def long_strings(d: Path) -> None:
    (d / "glossary.yml").write_text(
        "terms:\n  - id: "
        + "a" * (BUDGET // 2)
        + "\n    term: {en: "
        + "b" * (BUDGET // 2 - 100)
        + ", nl: x}\n"
    )


def long_id_in_messages(d: Path) -> None:
    # An escape sequence that would rewrite a CI log line, then two megabytes of id.
    (d / "actors.yml").write_text('actors:\n  - id: "\\e[2K\\r' + "z" * (BUDGET - 100) + '"\n')


def missing_quotes_big_text(d: Path) -> None:
    (d / "sources/sample-news.txt").write_text(
        (FIXTURE / "sources/sample-news.txt").read_text()
        + "Een korte regel van het archief.\n" * (BUDGET // 33)
    )
    claims = [_claim(i, f"Deze zin van {i} woorden staat nergens.") for i in range(4_000)]
    (d / "claims/sample-news.yml").write_text("claims:\n" + "".join(claims))


def many_quotes_found_big_text(d: Path) -> None:
    lines = [
        f"Paragraaf nummer {i} van het grote archief, met genoeg woorden." for i in range(20_000)
    ]
    text = (FIXTURE / "sources/sample-news.txt").read_text() + "\n".join(lines) + "\n"
    (d / "sources/sample-news.txt").write_text(text[:BUDGET])
    claims = [_claim(i, lines[i]) for i in range(4_000)]
    (d / "claims/sample-news.yml").write_text(
        (FIXTURE / "claims/sample-news.yml").read_text() + "".join(claims)
    )


def quotes_found_one_paragraph(d: Path) -> None:
    """Issue 26, finding 2: one 2 MB paragraph, 4,700 claims quoting short spans of it."""
    words = [f"woord{i % 997}" for i in range(BUDGET // 9)]
    text = (FIXTURE / "sources/sample-news.txt").read_text() + " ".join(words) + "\n"
    (d / "sources/sample-news.txt").write_text(text[:BUDGET])
    claims = [_claim(i, " ".join(words[i * 37 : i * 37 + 5])) for i in range(4_700)]
    (d / "claims/sample-news.yml").write_text(
        (FIXTURE / "claims/sample-news.yml").read_text() + "".join(claims)
    )


def closest_span_hints_repeated_words(d: Path) -> None:
    """Issue 26, finding 3: 20 missing quotes against 2 MB of repeated words."""
    (d / "sources/sample-news.txt").write_text(
        (FIXTURE / "sources/sample-news.txt").read_text() + "ja nee " * (BUDGET // 8) + "\n"
    )
    claims = [_claim(i, f"ja nee ja nee anders {i} ja nee") for i in range(20)]
    (d / "claims/sample-news.yml").write_text(
        (FIXTURE / "claims/sample-news.yml").read_text() + "".join(claims)
    )


def many_problems(d: Path) -> None:
    (d / "actors.yml").write_text("actors:\n" + "- {}\n" * 99_000)


def many_unknown_references(d: Path) -> None:
    about = "[" + ", ".join(f"nobody-{i}" for i in range(25)) + "]"
    claims = [
        _claim(i, "Rusland zoekt samenwerking met China.").replace("[russia]", about)
        for i in range(2_000)
    ]
    (d / "claims/sample-news.yml").write_text("claims:\n" + "".join(claims)[:BUDGET])


def _event(i: int, date: str) -> str:
    return (
        f"  - id: e-{i}\n    date: {{value: '{date}', basis: stated}}\n"
        "    title: {en: An event, nl: Een gebeurtenis}\n    actors: [russia]\n"
        "    topics: [cooperation]\n    evidence: [russia-seeks-china]\n"
    )


def long_dates(d: Path) -> None:
    # A date the full EDTF grammar backtracks on for 9 s, as many times as fits.
    stall = "[..2020-01-01," + ",".join(f"20{i % 100:02d}" for i in range(300)) + "]x"
    events = [_event(i, stall) for i in range(BUDGET // (len(stall) + 200))]
    (d / "events.yml").write_text("events:\n" + "".join(events))


def many_short_bad_dates(d: Path) -> None:
    # Distinct, short, in EDTF's alphabet: each a few hundred ms in the full grammar.
    events = [
        _event(i, f"[2020-01-01,{2000 + i % 100}-{1 + i // 100:02d}-01]x") for i in range(1_200)
    ]
    (d / "events.yml").write_text("events:\n" + "".join(events))


def many_distinct_valid_dates(d: Path) -> None:
    # 4,000 events (what events.yml's 100,000 values hold), each with a valid uncertain date of
    # its own: ~6 ms each in the grammar.
    days = [
        f"{y}-{m:02d}-{day:02d}"
        for y in range(2000, 2040)
        for m in range(1, 13)
        for day in (1, 9, 17, 25)
    ]
    dates = [f"{day}{q}" for day in days for q in "~?%"][:4_000]
    (d / "events.yml").write_text("events:\n" + "".join(_event(i, x) for i, x in enumerate(dates)))


def many_record_pages(d: Path) -> None:
    # 5,500 extra actors, each valid and a page in both languages (54 s of build CPU).
    actors = (FIXTURE / "actors.yml").read_text() + "".join(
        f"  - id: extra-{i}\n    name: {{en: A, nl: A}}\n    kind: country\n"
        f"    description: {{en: A., nl: Een.}}\n"
        for i in range(5_500)
    )
    (d / "actors.yml").write_text(actors)


def near_identical_ids(d: Path) -> None:
    # 5,500 actors with 58-character ids sharing a long prefix, 200 unknown ids near them all.
    prefix = "an-actor-with-a-long-and-very-much-shared-prefix-"
    actors = (FIXTURE / "actors.yml").read_text() + "".join(
        f"  - id: {prefix}{i:09d}\n    name: {{en: A, nl: A}}\n    kind: country\n"
        f"    description: {{en: A., nl: Een.}}\n"
        for i in range(5_500)
    )
    (d / "actors.yml").write_text(actors)
    about = "[" + ", ".join(f"{prefix}x{i:08d}" for i in range(200)) + "]"
    claim = _claim(0, "Rusland zoekt samenwerking met China.").replace("[russia]", about)
    (d / "claims/sample-news.yml").write_text("claims:\n" + claim)


CASES: dict[str, Callable[[Path], None]] = {
    f.__name__: f
    for f in (
        many_empty_mappings,
        many_flow_collections,
        deep_nesting_repeated,
        long_strings,
        long_id_in_messages,
        missing_quotes_big_text,
        many_quotes_found_big_text,
        quotes_found_one_paragraph,
        closest_span_hints_repeated_words,
        many_problems,
        many_unknown_references,
        long_dates,
        many_short_bad_dates,
        many_distinct_valid_dates,
        many_record_pages,
        near_identical_ids,
    )
}


def measure(make: Callable[[Path], None]) -> tuple[float, int, int, int, str]:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(FIXTURE, data)
        make(data)
        size = max(p.stat().st_size for p in data.rglob("*") if p.is_file())
        start = time.perf_counter()
        run = subprocess.run(
            [
                sys.executable,
                "-c",
                _MEASURE,
                sys.executable,
                "-m",
                "macros",
                "--data",
                str(data),
                "check",
            ],
            capture_output=True,
            text=True,
            cwd=REPO,
            check=True,
            env={"BRIEFING_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
        )
        seconds = time.perf_counter() - start
        head, last = (run.stdout.splitlines() + [""])[:2]
        code, peak_kb, lines = (int(x) for x in head.split())
        return seconds, peak_kb // 1024, size, code, f"{lines} lines, first: {last}"


def _prose(block: str) -> str:
    return (block * (MAX_PROSE_BYTES // len(block) + 1))[:MAX_PROSE_BYTES]


PROSE_CASES = {
    "40 [ per paragraph": _prose("[" * 40 + "\n\n"),
    "40 ![ per paragraph": _prose("![" * 40 + "\n\n"),
    "40 [a]( per paragraph": _prose("[a](" * 40 + "\n\n"),
    "[a]( then 900 (": _prose("[a](" + "(" * 900 + "\n\n"),
    "] lines": _prose("]" * 999 + "\n"),
    "100 headings": "# a\n" * 100 + _prose("text text text text\n")[:-400],
    "100 thematic breaks": "***\n" * 100 + _prose("text text text text\n")[:-400],
    "100 setext underlines": "a\n===\n" * 100 + _prose("text text text text\n")[:-600],
    "> > > > depth 4": _prose(">>>> a\n"),
    "lists indented to 16": _prose("".join(" " * i + "- a\n" for i in range(0, 17, 2))),
    "* emphasis": _prose("*a " * 333 + "\n"),
    "_ emphasis": _prose("_a_ " * 249 + "\n"),
    "** strong": _prose("**a " * 249 + "\n"),
    "` backticks": _prose("`a " * 333 + "\n"),
    "``` fences": _prose("```\na\n```\n"),
    "< (not HTML)": _prose("< " * 499 + "\n"),
    "& entities": _prose("&a " * 333 + "\n"),
    "\\ escapes": _prose("\\" * 999 + "\n"),
    "table of 5,000 rows": "| a | b |\n| - | - |\n" + _prose("| x | y |\n")[:-30],
    "wide table": _prose("|" + "a|" * 499 + "\n|" + "-|" * 499 + "\n\n"),
}


def prose_main() -> int:
    import markdown

    from macros.safety.prose import check_source

    config = {"toc": {"permalink": True}}
    print(f"{'prose case':24} {'bytes':>7} {'check':>6} {'render':>7}")
    worst = 0.0
    for name, text in PROSE_CASES.items():
        started = time.process_time()
        problem = check_source(text)
        checked = time.process_time() - started
        md = markdown.Markdown(extensions=["attr_list", "toc", "tables"], extension_configs=config)
        started = time.process_time()
        md.convert(text)
        seconds = time.process_time() - started
        worst = max(worst, seconds)
        verdict = f"  REFUSED {problem}" if problem else ""
        print(f"{name:24} {len(text):>7,} {checked:>5.2f}s {seconds:>6.2f}s{verdict}")
    print(f"worst render within the limits: {worst:.2f} s CPU per prose file")
    return 0


def main() -> int:
    if sys.argv[1:] == ["--prose"]:
        return prose_main()
    names = sys.argv[1:] or list(CASES)
    print(f"{'case':28} {'largest file':>13} {'exit':>4} {'time':>7} {'peak':>7}  output")
    worst = 0.0, 0
    for name in names:
        seconds, peak, size, code, out = measure(CASES[name])
        worst = max(worst[0], seconds), max(worst[1], peak)
        print(f"{name:28} {size:>11,} B {code:>4} {seconds:>6.1f}s {peak:>5} MB  {out}")
    print("(time and peak of `python -m macros check` in a child process, cache off)")
    ok = worst[0] <= 10 and worst[1] <= 500
    print(f"worst: {worst[0]:.1f} s, {worst[1]} MB: {'within' if ok else 'OVER'} 10 s and 500 MB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
