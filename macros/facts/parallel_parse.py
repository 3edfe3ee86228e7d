"""Data files that the parse cache does not hold, parsed on two cores when there are many.

Parsing is the bulk of a cold load, and every file parses on its own. A second Python process
parses a share of the bytes while this one parses the rest and validates every file as its data
arrives. What comes back is what `located_yaml.parse` returns in this process, so every problem is
the same, in the same order; a worker that cannot start or dies leaves its files to this process.
Small loads, and any load on one core, stay in this process: starting Python costs more than they
save, and so does every load with `BRIEFING_SERIAL_LOAD=1` (to measure or profile one process).

Writing the parse cache is for the next load, not this one: each process hands its data over
first and writes its entries after (the worker once it has sent its last part, this process in a
thread while it validates and cross-checks). The next load waits for those writes (`settle`).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from macros.facts import parse_cache
from macros.facts.located_yaml import Read, Unparsed, parse

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
WORKER_SHARE = 0.6
PARTS = 4

# Cache writers of earlier loads that may still be running: threads and worker processes.
_writing: list[threading.Thread | subprocess.Popen] = []


def settle() -> None:
    """Wait for the parse cache writes of earlier loads: a load reads what they wrote."""
    while _writing:
        writer = _writing.pop()
        if isinstance(writer, threading.Thread):
            writer.join()
        else:
            with contextlib.suppress(subprocess.TimeoutExpired):
                writer.wait(timeout=30)


def _keep_later(kept: parse_cache.Kept) -> None:
    """Write these parse cache entries in a thread of their own. A daemon: whatever happens to
    it, it never holds the process open; at exit the process waits a few seconds for it (an
    entry not written is only a miss next time)."""
    if kept:
        writer = threading.Thread(
            target=parse_cache.write, args=(kept,), name="parse-cache", daemon=True
        )
        writer.start()
        _writing.append(writer)


@atexit.register
def _finish_writes() -> None:
    for writer in list(_writing):
        if isinstance(writer, threading.Thread):
            writer.join(timeout=5)


def parse_all(files: list[Unparsed]) -> Iterator[tuple[int, Read]]:
    """`(i, parse(files[i]))` for every file, in the order they are ready."""
    kept: parse_cache.Kept = []  # parsed here: written to the cache after

    def parsed(unparsed: Unparsed) -> Read:
        with parse_cache.deferred(kept):
            return parse(unparsed)

    total = sum(len(f.raw) for f in files)
    if not files:
        return
    if total < MIN_PARALLEL_BYTES or _cores() < 2 or os.environ.get("BRIEFING_SERIAL_LOAD"):
        try:
            yield from ((i, parsed(f)) for i, f in enumerate(files))
        finally:
            _keep_later(kept)
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
        for i in mine:
            yield i, parsed(files[i])
        _keep_later(kept)  # while this process validates the worker's files
        kept = []
        for part in parts:
            got = worker.next_part(len(part)) if worker is not None else None
            if got is None:  # the worker failed: this process parses what it did not send
                if worker is not None:
                    worker.stop()
                worker = None
                got = [parsed(files[i]) for i in part]
            for i, (doc, problems) in zip(part, got, strict=True):
                if doc is not None and not doc.text:
                    doc.text = files[i].text  # not sent back: this process has it
                yield i, (doc, problems)
        if worker is not None:
            worker.release()  # it writes its cache entries now, and ends
            worker = None
    finally:
        if worker is not None:
            worker.stop()
        _keep_later(kept)


# The worker imports only the parser. Isolated (-I): `python -c` would put the current folder,
# the project when it builds, first on its path, and no PYTHON* variable chooses its modules;
# the project's folder goes last, as a file at its root must not stand in for an installed one.
_WORKER = (
    "import sys, pathlib; sys.path.append(sys.argv[1]); import macros; "
    "assert pathlib.Path(macros.__file__).resolve().parent == pathlib.Path(sys.argv[2]), "
    "'not the package of the parent'; "
    "from macros.facts.parallel_parse import _serve; _serve()"
)


_PACKAGE = Path(__file__).resolve().parents[1]  # macros/


class _Worker:
    """A process that parses `parts` and hands each part's results back as it finishes.

    A plain `python -c`, not multiprocessing: its spawn imports the parent's `__main__` again
    (all of MkDocs, or an unguarded script twice) and a fork of a process with threads, as
    `mkdocs serve` is, can inherit a held lock. Files go both ways through a private folder and
    only "part k is ready" through the pipe: megabytes through pipes needed threads here to keep
    them moving, and those threads, waking for each 64 KB, kept this process waiting for its
    own lock (a cold load took longer on two cores than on one)."""

    def __init__(self, parts: list[list[tuple[str, bytes]]]):
        self.folder = Path(tempfile.mkdtemp(prefix="briefing-parse-"))
        self.proc: subprocess.Popen | None = None
        try:
            (self.folder / "in").write_bytes(pickle.dumps(parts, pickle.HIGHEST_PROTOCOL))
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-c", _WORKER, str(_PACKAGE.parent), str(_PACKAGE)]
                + [str(self.folder)],
                stdout=subprocess.PIPE,
            )
        except OSError:
            self.stop()
            raise
        self.ready = 0

    def next_part(self, size: int) -> list[Read] | None:
        """The results of the next part, or None when the worker failed."""
        try:
            line = self.proc.stdout.readline()  # type: ignore[union-attr]
            if line.strip() != str(self.ready).encode():
                return None
            got = pickle.loads((self.folder / f"out-{self.ready}").read_bytes())
        except (OSError, EOFError, pickle.UnpicklingError):
            return None
        self.ready += 1
        return got if isinstance(got, list) and len(got) == size else None

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc.stdout.close()  # type: ignore[union-attr]
        shutil.rmtree(self.folder, ignore_errors=True)

    def release(self) -> None:
        """Every part is in: the worker goes on to write its cache entries, and ends."""
        if self.proc is not None:
            self.proc.stdout.close()  # type: ignore[union-attr]
            _writing.append(self.proc)
        shutil.rmtree(self.folder, ignore_errors=True)


def _start(parts: list[list[tuple[str, bytes]]]) -> _Worker | None:
    try:
        return _Worker(parts)
    except OSError:
        return None


def _serve() -> None:
    """The worker: parse every part of the folder's `in`, each part's results to `out-<k>`; then
    write the parse cache entries of what it parsed."""
    gc.disable()  # as factbase.load does: nothing parsed here is garbage before it is sent
    folder = Path(sys.argv[3])
    parts = pickle.loads((folder / "in").read_bytes())
    kept = []
    for k, part in enumerate(parts):
        out = []
        for shown_as, raw in part:
            # The same text prepare() made: it decoded these bytes already.
            text = raw.decode("utf-8").removeprefix("\ufeff")
            with parse_cache.deferred(kept):
                doc, problems = parse(Unparsed(shown_as, raw, text))
            if doc is not None:
                doc.text = ""
            out.append((doc, problems))
        (folder / f"out-{k}").write_bytes(pickle.dumps(out, pickle.HIGHEST_PROTOCOL))
        print(k, flush=True)
    sys.stdout.close()
    # Nothing here may reach the terminal of whoever runs the build: a cache entry that cannot
    # be written is only a miss next time.
    with contextlib.suppress(BaseException):
        parse_cache.write(kept)
