"""Parsed data files kept between loads, so that only a file that changed is parsed again.

An entry is the plain data of one file that passed every check of the parser, stored as JSON
under the SHA-256 of the file's bytes and of the parser itself (its code, both readers', PyYAML's
version, the Python version). It lives in the user's cache folder, outside the repository, so a
pull request cannot plant one; a missing, unreadable or corrupt entry is a miss.
`BRIEFING_CACHE_DIR` moves the cache and `BRIEFING_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import yaml

MISS = object()  # what get() returns for bytes it has not seen


def folder() -> Path | None:
    if os.environ.get("BRIEFING_NO_CACHE", "") not in ("", "0"):
        return None
    chosen = os.environ.get("BRIEFING_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base or not Path(base).is_absolute():  # the XDG rule; a relative one could be the repo
        try:
            base = Path.home() / ".cache"
        except RuntimeError:  # no home folder: no cache
            return None
    return Path(base) / "ai-geopolitics-briefing"


@cache
def _parser_digest() -> bytes:
    """What the parsed data depends on besides the file: any change here empties the cache."""
    here = Path(__file__).parent
    parser = (here / "located_yaml.py").read_bytes() + (here / "plain_yaml.py").read_bytes()
    libyaml = _libyaml_version()
    versions = f"{yaml.__version__} {libyaml} {sys.version}".encode()
    return hashlib.sha256(parser + Path(__file__).read_bytes() + versions).digest()


def _libyaml_version() -> str:
    try:
        from yaml import _yaml
    except ImportError:  # PyYAML without libyaml
        return "none"
    return _yaml.get_version_string()


def _entry(raw: bytes) -> Path | None:
    root = folder()
    if root is None:
        return None
    digest = hashlib.sha256(_parser_digest() + raw).hexdigest()
    return root / "yaml" / digest[:2] / f"{digest}.json"


def get(raw: bytes) -> Any:
    """The data parsed earlier from exactly these bytes, or MISS."""
    entry = _entry(raw)
    if entry is None:
        return MISS
    try:
        return json.loads(entry.read_bytes())
    except (OSError, ValueError):
        return MISS


_deferred = threading.local()
Kept = list[tuple[Path, Any]]  # entries put within deferred(), with where each goes


@contextmanager
def deferred(kept: Kept) -> Iterator[None]:
    """Within, put() adds its entries to `kept` instead of writing them (in this thread), for
    write() to write later: a cold load writes them once it has handed its data over
    (macros/facts/parallel_parse.py). Where each goes is settled now, as it would be."""
    previous = getattr(_deferred, "kept", None)
    _deferred.kept = kept
    try:
        yield
    finally:
        _deferred.kept = previous


def put(raw: bytes, data: Any) -> None:
    """Keep the data parsed from these bytes; a cache that cannot be written is no error."""
    entry = _entry(raw)
    if entry is None:
        return
    kept = getattr(_deferred, "kept", None)
    if kept is not None:
        kept.append((entry, data))
    else:
        _write(entry, data)


def write(kept: Kept) -> None:
    """Write the entries kept by deferred()."""
    for entry, data in kept:
        _write(entry, data)


_EXCLUSIVE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_written = itertools.count()  # a name of its own for each temporary file of this process


def _write(entry: Path, data: Any) -> None:
    # A cold load writes hundreds of entries: plain system calls, not mkstemp and file objects.
    tmp = f"{entry}.{os.getpid()}-{next(_written)}.tmp"
    try:
        payload = json.dumps(data, ensure_ascii=True).encode("ascii")
        try:
            fd = os.open(tmp, _EXCLUSIVE, 0o600)
        except FileNotFoundError:  # the entry's folder is not there yet
            os.makedirs(entry.parent, exist_ok=True)
            fd = os.open(tmp, _EXCLUSIVE, 0o600)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(tmp, entry)  # readers see the whole entry or none
    except ValueError:  # an int too long for JSON (over 4,300 digits): nothing was written
        pass
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
