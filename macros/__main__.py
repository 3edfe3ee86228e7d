"""Command line: `python -m macros check [--coverage] | schema | synth | bench`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import factbase, schema
from .problems import DataError, shown

REPO = Path(__file__).resolve().parent.parent


def _say(line: str, file=None) -> None:
    # Everything check prints may hold a contributor's text: escaped as in Problem.__str__.
    print(shown(line), file=file or sys.stdout)


def _check(args: argparse.Namespace) -> int:
    try:
        fb = factbase.load(args.data)
    except DataError as exc:
        for line in exc.report():
            print(line, file=sys.stderr)  # a Problem, escaped by its __str__
        n = len(exc.problems)
        print(f"failed: {n} problem{'s' if n != 1 else ''} in the data", file=sys.stderr)
        return 1
    if args.coverage:
        for source_id in fb.sources:
            text = fb.texts[source_id]
            missing = fb.uncovered(source_id)
            _say(
                f"{source_id}: {len(text.paragraphs) - len(missing)}/{len(text.paragraphs)} "
                "paragraphs quoted or declared boilerplate"
            )
            for n in missing:
                _say(f"  paragraph {n} has no claim: {text.paragraphs[n - 1][:90]}")
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
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
