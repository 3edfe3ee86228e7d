"""Command line: `python -m macros check [--coverage] | quote SOURCE TEXT | new-source | suggest
| schema | diff BASE_REF | pr-bound BASE_REF | synth | bench | i18n ...`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.adapter.theme import theme_folders
from macros.facts import factbase, schema, terminal
from macros.facts.anchors import ReservedIds
from macros.facts.limits import MAX_PROBLEMS
from macros.facts.problems import DataError, shown
from macros.facts.terminal import say
from macros.i18n import catalogs as i18n
from macros.routes.reserved import reserved_ids

REPO = Path(__file__).resolve().parents[2]


def _catalog_problems() -> int:
    problems = i18n.check()
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        n = len(problems)
        print(
            f"failed: {n} problem{'s' if n != 1 else ''} in the translation catalogs",
            file=sys.stderr,
        )
    return len(problems)


def _say(line: str, file=None) -> None:
    # Everything check prints may hold a contributor's text: escaped as in Problem.__str__.
    print(shown(line), file=file or sys.stdout)


def project_reserved(data: Path) -> ReservedIds:
    """The names no record id may take in the project whose data this is: the folder above the
    data when it holds a mkdocs.yml, else this checkout."""
    project = data.resolve().parent
    if not (project / "mkdocs.yml").is_file():
        project = REPO
    return reserved_ids(project, theme_folders())


def _check(args: argparse.Namespace) -> int:
    bad_catalogs = _catalog_problems()
    try:
        fb = factbase.load(args.data, project_reserved(args.data))
    except DataError as exc:
        for line in exc.report():
            print(line, file=sys.stderr)  # a Problem, escaped by its __str__
        n = len(exc.problems)
        print(f"failed: {n} problem{'s' if n != 1 else ''} in the data", file=sys.stderr)
        return 1
    # A permission only requested is a warning locally, so that the pull request can be opened
    # and previewed; for publishing (the Pages workflow's gate, scripts/publish-gate) a refusal.
    shown = [*fb.warnings, *fb.permission_requested] if args.publish else fb.check_warnings()
    # As many as problems: hundreds of uncited claims in one pull request would fill the log.
    for warning in shown[:MAX_PROBLEMS]:
        _say(str(warning), file=sys.stderr)
    if len(shown) > MAX_PROBLEMS:
        print(f"… and {len(shown) - MAX_PROBLEMS:,} more warnings", file=sys.stderr)
    if args.publish and fb.permission_requested:
        n = len(fb.permission_requested)
        print(
            f"failed: {n} source{'s' if n != 1 else ''} may not be published yet",
            file=sys.stderr,
        )
        return 1
    if bad_catalogs:
        return 1
    if args.coverage:
        # A report only: check itself refuses an uncovered paragraph, so here every one is.
        for source_id in fb.sources:
            text = fb.texts[source_id]
            quoted = len({fb.claim_place[c].paragraph for c in fb.claims_by_source[source_id]})
            _say(
                f"{source_id}: {len(text.paragraphs)} paragraphs, {quoted} quoted by "
                f"{len(fb.claims_by_source[source_id])} claims, the rest boilerplate or metadata"
            )
    c = fb.counts()
    print(
        f"ok: {c['sources']} sources, {c['claims']} claims, {c['events']} events, "
        f"{c['actors']} actors, {c['topics']} topics, {c['comparisons']} comparisons"
    )
    return 0


def _quote(args: argparse.Namespace) -> int:
    """Where a quote sits in a source's archived text, or the closest span to it."""
    from macros.facts.limits import MAX_TEXT_BYTES
    from macros.facts.problems import display_path
    from macros.facts.quote_finder import QuoteFinder
    from macros.facts.repo_files import Refused, read_text
    from macros.facts.source_text import MIN_QUOTE_WORDS, Place, SourceText, words

    path = args.data / "sources" / f"{args.source}.txt"
    try:
        text = SourceText(read_text(path, args.data, MAX_TEXT_BYTES))
    except FileNotFoundError:
        say(
            f"{display_path(path, args.data)}:1:1: no archived text for source '{args.source}'",
            file=sys.stderr,
        )
        return 1
    except Refused as exc:
        say(f"{display_path(path, args.data)}:{exc.line}:{exc.col}: {exc.message}", file=sys.stderr)
        return 1
    found = QuoteFinder(text).find(args.text)
    if found is None:
        say("no paragraph shares a word with that quote", file=sys.stderr)
        return 1
    paragraph = text.paragraphs[found.paragraph - 1]
    if found.exact:
        say(f"paragraph {found.paragraph}, verbatim at character {found.start + 1}:")
        say(f"  {paragraph}")
        if not text.carries_claim(args.text, Place(found.paragraph, found.start)):
            # check refuses it in a claim: say so now, not after the claim is written.
            line, n = text.lines[found.paragraph - 1], words(args.text)
            say(
                f"{display_path(path, args.data)}:{line}:{found.start + 1}: found, but too short "
                f"to be a claim's quote: {n} word{'s' if n != 1 else ''}, where check needs at "
                f"least {MIN_QUOTE_WORDS} or a whole paragraph; quote the clause or sentence "
                "that carries the claim",
                file=sys.stderr,
            )
            return 1
        return 0
    say(f"not verbatim; closest is paragraph {found.paragraph}, first difference marked:")
    say(f"  {found.marked}")
    say(f"paragraph {found.paragraph}:")
    say(f"  {paragraph}")
    return 1


def _new_source(args: argparse.Namespace) -> int:
    from macros.cli import new_source
    from macros.facts.problems import display_path

    try:
        done = new_source.write(
            args.data,
            args.id,
            args.text,
            language=args.language,
            kind=args.kind,
            url=args.url,
            published=args.published,
            author=args.author,
            publisher=args.publisher,
            title_en=args.title_en,
            title_nl=args.title_nl,
            per_sentence=args.sentences,
            basis=args.basis,
            because_en=args.because_en,
            because_nl=args.because_nl,
        )
    except new_source.Refused as exc:
        say(f"new-source: {exc}", file=sys.stderr)
        return 1
    for path in (done.text, done.source, done.claims):
        say(f"wrote {display_path(path, args.data)}")
    asserting = (
        f" ({done.asserting} of them a title or short line that states something, so a claim)"
        if done.asserting
        else ""
    )
    say(
        f"{done.stubs} claim stubs{asserting}, {done.boilerplate} short lines proposed as "
        "boilerplate; `python -m macros check` now lists what to fill in"
    )
    return 0


def _suggest(args: argparse.Namespace) -> int:
    from macros.cli.suggest import suggestions
    from macros.facts.limits import MAX_TEXT_BYTES
    from macros.facts.problems import did_you_mean, display_path
    from macros.facts.repo_files import Refused, read_text
    from macros.facts.source_text import SourceText

    def failed(exc: DataError) -> int:
        for line in exc.report():
            say(line, file=sys.stderr)
        say("failed: fix the data first (python -m macros check)", file=sys.stderr)
        return 1

    paragraphs = None
    try:
        fb = factbase.load(args.data)
    except DataError as exc:
        # An unfinished source (new-source's stubs): the rest of the data, and its paragraphs.
        text_path = args.data / "sources" / f"{args.source}.txt"
        if not text_path.is_file():
            return failed(exc)
        try:
            fb = factbase.load(args.data, leave_out=args.source)
            paragraphs = SourceText(read_text(text_path, args.data, MAX_TEXT_BYTES)).paragraphs
        except (DataError, Refused):
            return failed(exc)
        say(
            f"{display_path(text_path, args.data)}:1:1: note: the records of '{args.source}' do "
            "not pass check yet, so its paragraphs stand in for its claims below (python -m "
            "macros check says what to finish)"
        )
    if paragraphs is None and args.source not in fb.sources:
        hint = did_you_mean(args.source, fb.sources)
        say(f"unknown source '{args.source}'{hint}", file=sys.stderr)
        return 1
    lines = suggestions(fb, args.source, paragraphs)
    for line in lines:
        say(line)
    say(f"{len(lines)} suggestions for {args.source}, best fit first; nothing was written")
    return 0


def _schema(args: argparse.Namespace) -> int:
    for path in schema.write(args.data / "schema"):
        print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    return 0


def _diff(args: argparse.Namespace) -> int:
    from macros.cli import diff

    try:
        # Data a pull request wrote, on a reviewer's terminal: escaped like every other message.
        print(
            terminal.escape(
                diff.run(REPO, args.data, args.base_ref, args.preview, args.full), lines=True
            ),
            end="",
        )
    except diff.DiffError as exc:
        print(terminal.escape(f"diff: {exc}"), file=sys.stderr)
        return 1
    return 0


def _pr_bound(args: argparse.Namespace) -> int:
    from macros.cli import diff, pr_bound

    try:
        # The repository whose data this is (a project copy has its own history).
        status, lines = pr_bound.summary(args.data.resolve().parent, args.data, args.base_ref)
    except diff.DiffError as exc:
        status, lines = 1, [f"pr-bound: {exc}"]
    # File names and ids a pull request chose, on a terminal and in the CI log: escaped.
    for line in lines:
        print(terminal.escape(line), file=sys.stderr if status else sys.stdout)
    return status


def _synth(args: argparse.Namespace) -> int:
    from macros.cli import synth

    out = synth.write_project(REPO, args.out, args.scale)
    print(f"wrote a project {args.scale} times the real fact base to {out}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from macros.cli import bench

    bench.run(REPO, args.scales, args.runs, args.keep, args.public_api_only, args.both)
    return 0


def _i18n(args: argparse.Namespace) -> int:
    if args.action == "check":
        if _catalog_problems():
            return 1
        print(f"ok: catalogs for {', '.join(i18n.load().languages)}")
    elif args.action == "extract":
        print(f"wrote {i18n.extract()}")
    elif args.action == "update":
        for path in i18n.update():
            print(f"updated {path}")
    elif args.action == "compile":
        for path in i18n.compile_mo(args.out):
            print(f"wrote {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = command_line().parse_args(argv)
    return args.run(args)


def command_line() -> argparse.ArgumentParser:
    """Every command and option of `python -m macros` (CONTRIBUTING.md documents new-source's:
    tests/unit/test_docs.py keeps them in step)."""
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    parser.add_argument("--data", type=Path, default=REPO / "data", help="the data folder")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the whole fact base")
    check.add_argument(
        "--coverage",
        action="store_true",
        help="also report, per source, how its paragraphs are covered",
    )
    check.add_argument(
        "--publish",
        action="store_true",
        help="also refuse what may be previewed but not published: a source whose permission "
        "to quote is only requested (the Pages workflow runs this)",
    )
    check.set_defaults(run=_check)
    quote = commands.add_parser(
        "quote", help="find a quote in a source's text, or the closest span with its difference"
    )
    quote.add_argument("source", help="the source id (the name of data/sources/<id>.txt)")
    quote.add_argument("text", help="the quote, as you would write it in a claim")
    quote.set_defaults(run=_quote)
    new = commands.add_parser(
        "new-source", help="archive an article's text and write its record and claim stubs"
    )
    new.add_argument("id", help="the new source's id (kebab-case)")
    new.add_argument("--text", type=Path, required=True, help="the article as a text file")
    new.add_argument("--language", required=True, help="ISO 639-1 code (nl, en, fr, ...)")
    new.add_argument(
        "--kind",
        choices=["news", "opinion", "newsletter", "analysis"],
        default="news",
        help="the article's kind (default: news)",
    )
    new.add_argument("--url", help="the original's address")
    new.add_argument("--published", help="EDTF date, e.g. 2025-12-02")
    new.add_argument(
        "--basis",
        choices=["stated", "inferred"],
        help="stated: the article prints this date; inferred: worked out (say why with "
        "--because-en and --because-nl). Without it the date is proposed as inferred, to confirm",
    )
    new.add_argument("--because-en", help="why the date is inferred, in English")
    new.add_argument("--because-nl", help="why the date is inferred, in Dutch")
    new.add_argument("--author", help="actor id of the author")
    new.add_argument("--publisher", help="actor id of the publisher")
    new.add_argument("--title-en", help="the title in English")
    new.add_argument("--title-nl", help="the title in Dutch")
    new.add_argument(
        "--sentences", action="store_true", help="one stub per sentence, not per paragraph"
    )
    new.set_defaults(run=_new_source)
    suggest = commands.add_parser(
        "suggest",
        help="rank the topics and terms a source's claims fit, and list its uncited claims",
    )
    suggest.add_argument("source", help="the source id")
    suggest.set_defaults(run=_suggest)
    commands.add_parser("schema", help="write the JSON Schemas to data/schema/").set_defaults(
        run=_schema
    )
    diff = commands.add_parser(
        "diff", help="the fact base's changes since a git ref, in Markdown, for reviewers"
    )
    diff.add_argument("base_ref", help="the git ref to compare with (e.g. origin/main)")
    diff.add_argument(
        "--preview",
        default="",
        help="the address of the built preview, prefixed to every claim's permalink",
    )
    diff.add_argument(
        "--full",
        type=Path,
        help="write the whole report to this file, and print only what fits in a job summary "
        "(under 1 MiB)",
    )
    diff.set_defaults(run=_diff)
    bound = commands.add_parser(
        "pr-bound",
        help="whether a change since a git ref stays within what one pull request may add",
    )
    bound.add_argument("base_ref", help="the git ref to compare with (e.g. origin/main)")
    bound.set_defaults(run=_pr_bound)
    synth = commands.add_parser("synth", help="write a copy of the project N times the size")
    synth.add_argument("--scale", type=int, required=True, help="how many copies of the data")
    synth.add_argument("--out", type=Path, required=True, help="the folder to write it to")
    synth.set_defaults(run=_synth)
    bench = commands.add_parser("bench", help="measure load, build, page and index sizes")
    bench.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    bench.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    bench.add_argument("--keep", type=Path, help="keep the generated projects in this folder")
    way = bench.add_mutually_exclusive_group()
    way.add_argument(
        "--public-api-only",
        action="store_true",
        help="build and serve with every shortcut's public path (BRIEFING_PUBLIC_ONLY=1)",
    )
    way.add_argument(
        "--both", action="store_true", help="measure each scale with and without the shortcuts"
    )
    bench.set_defaults(run=_bench)
    tr = commands.add_parser("i18n", help="manage the translation catalogs in macros/locale/")
    tr.add_argument(
        "action",
        choices=["extract", "update", "compile", "check"],
        help="extract: note in messages.pot where each word is used; update: bring every "
        "language's .po in line with messages.pot; compile: write .mo files to --out; check: "
        "fail on a missing or fuzzy translation",
    )
    tr.add_argument("--out", type=Path, default=REPO / "build" / "locale", help="for compile")
    tr.set_defaults(run=_i18n)
    return parser
