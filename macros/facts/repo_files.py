"""Opening a contributor's file without being led outside the repository.

A pull request can hold a symlink to anywhere on the build machine (`/proc/self/environ`,
`/etc/passwd`, `/dev/zero`), a FIFO that never ends, or a file of any size. Every read of data,
archived texts and prose goes through `read_text`, which follows no link and reads no more than
its budget.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from macros.facts.problems import resolved

_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


SYMLINK = "symlinks are not allowed; commit the file itself"
# A hard link is a regular file that is also another file, perhaps outside the repository
# (~/.ssh/id_rsa linked into data/). Git cannot carry one, and neither a clone (which links only
# .git/objects), a worktree nor a CI cache makes one of a tracked file: so any is refused.
HARD_LINK = "the file is a hard link (it has {n} names); commit a copy of the file itself"


class Refused(Exception):
    """The file is not read; `line` and `col` say where in it, when the content is the reason."""

    def __init__(self, message: str, line: int = 1, col: int = 1):
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


def symlink_in(path: Path, root: Path) -> Path | None:
    """The first symlink among `root` and the folders and file below it down to `path`."""
    if not path.is_relative_to(root):
        return None  # read_bytes refuses it as outside the repository
    here = root
    for part in ("", *path.relative_to(root).parts):
        here = here / part
        try:
            if stat.S_ISLNK(os.lstat(here).st_mode):
                return here
        except OSError:
            return None  # a missing file is reported as missing by whoever reads it
    return None


def read_bytes(path: Path, root: Path, limit: int) -> bytes:
    """The bytes of `path`, a regular file inside `root` reached through no symlink, of at most
    `limit` bytes; otherwise Refused (FileNotFoundError when it does not exist)."""
    link = symlink_in(path, root)
    if link is not None:
        if link == path:
            raise Refused(SYMLINK)
        raise Refused(f"the folder {link.name}/ on its path is a symlink; {SYMLINK}")
    if not path.is_relative_to(root) or not path.resolve().is_relative_to(resolved(root)):
        raise Refused("the file lies outside the repository")
    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Refused(f"cannot read the file: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("not a regular file; only plain files are read")
        if info.st_nlink > 1:
            raise Refused(HARD_LINK.format(n=info.st_nlink))
        if info.st_size > limit:
            raise Refused(
                f"the file is {info.st_size:,} bytes; files over {limit:,} bytes are refused"
            )
        with os.fdopen(fd, "rb", closefd=False) as f:
            # Read what fstat says is there (asking for the whole budget allocates it, 2 MB per
            # file), then, if the file grew meanwhile, on up to the budget as before.
            raw = f.read(info.st_size + 1)
            if len(raw) > info.st_size:
                raw += f.read(limit + 1 - len(raw))
    finally:
        os.close(fd)
    if len(raw) > limit:  # it grew while we looked
        raise Refused(f"the file is over {limit:,} bytes; files over {limit:,} bytes are refused")
    return raw


def decode(raw: bytes) -> str:
    """UTF-8 text, or Refused at the first byte that is not."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise Refused("the file is not UTF-8: save it with UTF-8 encoding", line, col) from None


def read_text(path: Path, root: Path, limit: int) -> str:
    return decode(read_bytes(path, root, limit))
