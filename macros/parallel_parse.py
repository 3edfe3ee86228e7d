"""Data files that the parse cache does not hold, parsed on two cores when there are many.

Parsing is the bulk of a cold load (libyaml's composer and the walk that turns its nodes into
plain data, about a second for the 12 MB of the scale-100 fact base), and every file parses on
its own. A second Python process parses the larger share of the bytes while this one parses
the rest and validates every file as its data arrives. What comes back is what
`located_yaml.parse` returns in this process, so every problem is the same, in the same order; a
worker that cannot start or dies leaves its files to this process. Small loads, and any load on
one core, stay in this process: starting Python costs more than they save, and so does every
load with `BRIEFING_SERIAL_LOAD=1` (to measure or profile one process).
"""

from __future__ import annotations

import gc
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from .located_yaml import Read, Unparsed, parse

# Below this many bytes to parse, a second process (about 0.1 s to start and import) is no gain.
MIN_PARALLEL_BYTES = 1_500_000


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# The worker's share of the bytes: this process also validates every file, the worker only
# parses, so the worker takes the larger part; sent in a few parts, so that this process can
# validate the first while the worker parses the next.
WORKER_SHARE = 0.75
PARTS = 4


def parse_all(files: list[Unparsed]) -> Iterator[tuple[int, Read]]:
    """`(i, parse(files[i]))` for every file, in the order they are ready."""
    total = sum(len(f.raw) for f in files)
    if total < MIN_PARALLEL_BYTES or _cores() < 2 or os.environ.get("BRIEFING_SERIAL_LOAD"):
        yield from ((i, parse(f)) for i, f in enumerate(files))
        return
    mine: list[int] = []
    parts: list[list[int]] = [[] for _ in range(PARTS)]
    sent = 0
    for i in sorted(range(len(files)), key=lambda i: -len(files[i].raw)):  # the bigger first
        if sent < total * WORKER_SHARE:
            min(parts, key=lambda p: sum(len(files[j].raw) for j in p)).append(i)
            sent += len(files[i].raw)
        else:
            mine.append(i)
    worker = _start([[(files[i].shown_as, files[i].raw) for i in part] for part in parts])
    try:
        yield from ((i, parse(files[i])) for i in mine)
        for part in parts:
            got = _receive(worker, len(part))
            if got is None:  # the worker failed: this process parses what it did not send
                worker = None
                got = [parse(files[i]) for i in part]
            for i, (doc, problems) in zip(part, got, strict=True):
                if doc is not None and not doc.text:
                    doc.text = files[i].text  # not sent back: this process has it
                yield i, (doc, problems)
    finally:
        if worker is not None:
            worker.kill()
            worker.wait()


# The worker imports only the parser; the project's folder goes last on its path, as a file at
# the project's root must not stand in for an installed module.
_WORKER = (
    "import sys, pathlib; sys.path.append(sys.argv[1]); import macros; "
    "assert pathlib.Path(macros.__file__).resolve().parent == pathlib.Path(sys.argv[2]), "
    "'not the package of the parent'; "
    "from macros.parallel_parse import _serve; _serve()"
)


_PACKAGE = Path(__file__).resolve().parent


def _start(parts: list[list[tuple[str, bytes]]]) -> subprocess.Popen | None:
    """A process that parses `parts` and sends each part's results back as it finishes.

    A plain `python -c`, not multiprocessing: its spawn imports the parent's `__main__` again
    (all of MkDocs, or an unguarded script twice) and a fork of a process with threads, as
    `mkdocs serve` is, can inherit a held lock."""
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(_PACKAGE.parent), str(_PACKAGE)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
    except OSError:
        return None
    # A thread writes while this process parses: the worker reads while the pipe fills.
    threading.Thread(target=_send, args=(proc, parts), daemon=True).start()
    return proc


def _send(proc: subprocess.Popen, parts: list) -> None:
    try:
        with proc.stdin:  # type: ignore[union-attr]
            pickle.dump(parts, proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        pass  # the worker died; _receive finds out


def _receive(proc: subprocess.Popen | None, count: int) -> list[Read] | None:
    if proc is None:
        return None
    try:
        got = pickle.load(proc.stdout)  # type: ignore[arg-type]
    except (EOFError, OSError, pickle.UnpicklingError):
        return None
    return got if isinstance(got, list) and len(got) == count else None


def _serve() -> None:
    """The worker: parse every part read from stdin, writing each part's results to stdout."""
    gc.disable()  # as factbase.load does: nothing parsed here is garbage before it is sent
    parts = pickle.load(sys.stdin.buffer)
    for part in parts:
        out = []
        for shown_as, raw in part:
            # The same text prepare() made: it decoded these bytes already.
            text = raw.decode("utf-8").removeprefix("\ufeff")
            doc, problems = parse(Unparsed(shown_as, raw, text))
            if doc is not None:
                doc.text = ""
            out.append((doc, problems))
        pickle.dump(out, sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
        sys.stdout.buffer.flush()
