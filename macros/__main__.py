"""Command line: `python -m macros check [--coverage] | schema | synth | bench | i18n ...`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import factbase, i18n, schema
from .problems import DataError

REPO = Path(__file__).resolve().parent.parent


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


def _check(args: argparse.Namespace) -> int:
    bad_catalogs = _catalog_problems()
    try:
        fb = factbase.load(args.data)
    except DataError as exc:
        for line in exc.report():
            print(line, file=sys.stderr)
        n = len(exc.problems)
        print(f"failed: {n} problem{'s' if n != 1 else ''} in the data", file=sys.stderr)
        return 1
    if bad_catalogs:
        return 1
    if args.coverage:
        for source_id in fb.sources:
            text = fb.texts[source_id]
            missing = fb.uncovered(source_id)
            print(
                f"{source_id}: {len(text.paragraphs) - len(missing)}/{len(text.paragraphs)} "
                "paragraphs quoted or declared boilerplate"
            )
            for n in missing:
                print(f"  paragraph {n} has no claim: {text.paragraphs[n - 1][:90]}")
    c = fb.counts()
    print(
        f"ok: {c['sources']} sources, {c['claims']} claims, {c['events']} events, "
        f"{c['actors']} actors, {c['topics']} topics, {c['comparisons']} comparisons"
    )
    return 0


def _schema(args: argparse.Namespace) -> int:
    for path in schema.write(args.data / "schema"):
        print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    return 0


def _synth(args: argparse.Namespace) -> int:
    from . import synth

    out = synth.write_project(REPO, args.out, args.scale)
    print(f"wrote a project {args.scale} times the real fact base to {out}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from . import bench

    bench.run(REPO, args.scales, args.runs, args.keep)
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
    elif args.action == "migrate":
        moved = i18n.migrate()
        print(
            f"moved {len(moved)} words into the catalogs"
            + (f": {', '.join(moved)}" if moved else "")
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    parser.add_argument("--data", type=Path, default=REPO / "data", help="the data folder")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the whole fact base")
    check.add_argument(
        "--coverage",
        action="store_true",
        help="list, per source, the paragraphs that no claim quotes",
    )
    check.set_defaults(run=_check)
    commands.add_parser("schema", help="write the JSON Schemas to data/schema/").set_defaults(
        run=_schema
    )
    synth = commands.add_parser("synth", help="write a copy of the project N times the size")
    synth.add_argument("--scale", type=int, required=True, help="how many copies of the data")
    synth.add_argument("--out", type=Path, required=True, help="the folder to write it to")
    synth.set_defaults(run=_synth)
    bench = commands.add_parser("bench", help="measure load, build, page and index sizes")
    bench.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    bench.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    bench.add_argument("--keep", type=Path, help="keep the generated projects in this folder")
    bench.set_defaults(run=_bench)
    tr = commands.add_parser("i18n", help="manage the translation catalogs in macros/locale/")
    tr.add_argument(
        "action",
        choices=["extract", "update", "compile", "check", "migrate"],
        help="extract: note in messages.pot where each word is used; update: bring every "
        "language's .po in line with messages.pot; compile: write .mo files to --out; check: "
        "fail on a missing or fuzzy translation; migrate: move WORDS left in labels.py into the "
        "catalogs",
    )
    tr.add_argument("--out", type=Path, default=REPO / "build" / "locale", help="for compile")
    tr.set_defaults(run=_i18n)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
