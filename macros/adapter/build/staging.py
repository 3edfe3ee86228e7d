"""Publishing a build all at once, one build at a time.

A build of `site/` first takes a lock (`.site.lock` beside it), then writes both languages to a
staging folder of its own (`.site.staging-XXXX` beside the target, so on the same file system)
and swaps it into place only when both built without error or warning. A failed build leaves
the previous site as it was and removes its staging folder; a second build of the same folder
waits for the first. The lock is taken per build, so `mkdocs serve` holds it only while it
rebuilds.

The swap exchanges the two folders in one step where the system allows it (Linux's
`renameat2(RENAME_EXCHANGE)`), so `site/` is always the old site or the new one, whole. Elsewhere
it falls back to two renames (old site aside, new one in), and for the moment between them
`site/` does not exist. A symlink swap would have no such moment, but would leave a symlink at
`site/`, which upload steps and people do not expect.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import logging
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.briefing")

# How long a build waits for another build of the same folder before it gives up.
WAIT_ENV = "BRIEFING_BUILD_WAIT"
_WAIT_SECONDS = 600.0


@dataclass
class _Build:
    target: Path
    staging: Path
    lock: int  # file descriptor holding the lock


def _lock_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.lock")


def _leftover_patterns(target: Path) -> tuple[str, str]:
    return f".{target.name}.staging-*", f".{target.name}.old-*"


def _holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        pid = ""
    return f"pid {pid}" if pid.isdigit() else "pid unknown"


def _wait_seconds() -> float:
    try:
        return float(os.environ.get(WAIT_ENV, _WAIT_SECONDS))
    except ValueError:
        return _WAIT_SECONDS


def _acquire(target: Path) -> int:
    path = _lock_path(target)
    deadline = time.monotonic() + _wait_seconds()
    told = False
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                raise PluginError(
                    f"another build of {target} ({_holder(path)}) is still running; "
                    "try again when it has finished"
                ) from None
            if not told:
                log.info(f"Waiting for the other build of {target} ({_holder(path)}) to finish")
                told = True
            time.sleep(0.2)
            continue
        # The holder removes the lock file when it is done: a lock taken on a file that is no
        # longer at `path` guards nothing, so take the one that is there now.
        try:
            current = os.stat(path)
        except FileNotFoundError:
            current = None
        mine = os.fstat(fd)
        if current is None or (current.st_dev, current.st_ino) != (mine.st_dev, mine.st_ino):
            os.close(fd)
            continue
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        return fd


def _remove(path: Path) -> None:
    # A site/ that was a symlink is swapped out as one: rmtree refuses those.
    if path.is_symlink():
        path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


def _release(build: _Build) -> None:
    # Removed while still held, so a waiting build never takes a lock on a file nobody sees.
    _lock_path(build.target).unlink(missing_ok=True)
    os.close(build.lock)


def _umask() -> int:
    # There is no way to read the umask without setting it.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False where the system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(a), None, str(b))


def _swap_in(staging: Path, target: Path) -> Path | None:
    """Put `staging` at `target`; return where the old site now is, if there was one."""
    if not os.path.lexists(target):
        staging.rename(target)
        return None
    if _exchange(staging, target):
        return staging
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    target.rename(old)  # onto the empty folder just made: a name nobody else uses
    staging.rename(target)
    return old


def _abandon(build: _Build) -> None:
    try:
        shutil.rmtree(build.staging, ignore_errors=True)
    finally:
        _release(build)


class WarningCount(logging.Handler):
    """The warnings MkDocs' strict mode counts: it aborts a strict build *after* on_post_build
    when there were any, so the staging folder must not be published then. Attached to the
    `mkdocs` logger at the level MkDocs' own counter has, from the first on_config on (MkDocs
    attaches its counter just before), so it sees the same records."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def attach(self) -> WarningCount:
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def detach(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self)


class Staging:
    """The builds of this process under way (one per published folder), owned by the plugin."""

    def __init__(self) -> None:
        self._builds: dict[str, _Build] = {}  # by target
        # Set while serving: the old site is removed in the background once the new one is in.
        self.remove_in_background = False
        self._removing: dict[Path, threading.Thread] = {}  # folders being removed, by path

    def _remove_later(self, folder: Path) -> None:
        """Remove a folder nobody reads any more in a thread of its own: at scale a site is
        tens of thousands of files, seconds of removal a rebuild need not wait for."""
        self._removing = {p: t for p, t in self._removing.items() if t.is_alive()}
        if folder in self._removing:
            return  # under way already
        thread = threading.Thread(target=_remove, args=(folder,), daemon=True)
        self._removing[folder] = thread
        thread.start()

    def stage(self, config) -> str:
        """Wait for any other build of this site, then point the build at a fresh staging
        folder; return the folder it will be published at."""
        site_dir = Path(config["site_dir"])
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        target = site_dir.parent.resolve() / site_dir.name
        # A build of this process that never finished (serve after an interrupted rebuild).
        unfinished = self._builds.pop(str(target), None)
        if unfinished is not None:
            _abandon(unfinished)
        lock = _acquire(target)
        try:
            # Holding the lock, no other build is under way: what a killed build left is ours.
            # While serving, an old site the last rebuild is still removing is left to it, and
            # any other leftover goes the same way: neither holds up this rebuild.
            for pattern in _leftover_patterns(target):
                for leftover in target.parent.glob(pattern):
                    if self.remove_in_background:
                        self._remove_later(leftover)
                    else:
                        _remove(leftover)
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
            # mkdtemp makes a private folder; the published site gets the usual permissions.
            staging.chmod(0o777 & ~_umask())
        except BaseException:
            _release(_Build(target, target, lock))
            raise
        self._builds[str(target)] = _Build(target, staging, lock)
        config["site_dir"] = str(staging)
        return str(target)

    def publish(self, config, target: str, warned: bool) -> bool:
        """Swap the staged build in at `target`, unless MkDocs is about to abort it (`warned`,
        in strict mode); whether it was published."""
        build = self._builds.get(target)
        if build is None or (config["strict"] and warned):
            return False
        del self._builds[target]
        try:
            old = _swap_in(build.staging, build.target)
            config["site_dir"] = str(build.target)
            if old is not None:
                if self.remove_in_background:
                    # `mkdocs serve`: the new site is in place; the old one can go while the
                    # reader already sees the new one. Renamed first, so that no staging folder
                    # is left behind; a removal cut short is a leftover the next build clears.
                    folder = build.target
                    aside = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old-", dir=folder.parent))
                    old.replace(aside)  # onto the empty folder just made
                    self._remove_later(aside)
                else:
                    _remove(old)
        finally:
            _release(build)
        return True

    def discard(self, target: str | None) -> None:
        """Remove what a failed build staged (nothing, once it was published) and let others
        build."""
        build = self._builds.pop(target, None) if target else None
        if build is not None:
            _abandon(build)
