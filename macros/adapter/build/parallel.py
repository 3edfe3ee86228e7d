"""The Dutch site, built in a second process while this one builds the English site.

The machine that builds the site has two cores at least; building the languages one after the
other left one idle. The English build starts `mkdocs build -f mkdocs.nl.yml` into `nl/` of its
own staging folder (macros/staging.py) as soon as MkDocs has emptied that folder, and waits for it
before it publishes. The second process loads the fact base itself: handing over the parsed fact
base would cost a pickle as large as the parse, while the parse cache (macros/parse_cache.py) makes
the second load cheap. Every layer (audit, policy, sanitiser, budgets) runs in the Dutch process as
it did in line: it is the same hooks file.

`mkdocs serve` does not use it: there the Dutch site is built in the serving process, after the
English one, so that its incremental state (macros/incremental.py) lives on between rebuilds.

Failure rule: a Dutch build that fails fails the English one, which then discards the staging
folder; an English build that fails stops the Dutch one. Either way `site/` stays the old site.
"""

from __future__ import annotations

import ctypes
import logging
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from mkdocs.exceptions import PluginError


@dataclass
class _Child:
    proc: subprocess.Popen
    log: IO[bytes]


_child: _Child | None = None

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    # A killed English build (kill -9) runs no hook: without this the Dutch one would go on
    # writing into a staging folder the next build removes as left over.
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def start(config) -> None:
    """Start building the Dutch site into `nl/` of the English build's (staging) site folder."""
    global _child
    stop()  # a serve rebuild that never reached on_post_build
    nl_config = Path(config["config_file_path"]).with_name("mkdocs.nl.yml")
    args = [sys.executable, "-m", "mkdocs", "build", "-f", str(nl_config)]
    args += ["-d", str(Path(config["site_dir"]) / "nl")]
    if config["strict"]:
        args.append("--strict")
    # As talkative as the English build: `mkdocs build -q` or `-v` sets the level of this logger.
    level = logging.getLogger("mkdocs").getEffectiveLevel()
    if level > logging.INFO:
        args.append("--quiet")
    elif level < logging.INFO:
        args.append("--verbose")
    # A file, not a pipe: a chatty build would fill a pipe nobody reads until the end.
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by finish() or stop())
    proc = subprocess.Popen(
        args,
        cwd=nl_config.parent,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
        preexec_fn=_die_with_parent,
    )
    _child = _Child(proc, log)


def finish() -> None:
    """Wait for the Dutch build, pass on what it said, and fail if it failed."""
    global _child
    child, _child = _child, None
    if child is None:
        raise PluginError("the Dutch build was never started")
    try:
        code = child.proc.wait()
        child.log.seek(0)
        said = child.log.read().decode("utf-8", "replace")
    finally:
        child.log.close()
    if said:
        sys.stderr.write(said)
        sys.stderr.flush()
    if code != 0:
        raise PluginError(
            f"the Dutch site (mkdocs.nl.yml) failed to build (exit {code}); see above"
        )


def stop() -> None:
    """Stop a Dutch build still under way: the English one failed or was interrupted."""
    global _child
    child, _child = _child, None
    if child is None:
        return
    if child.proc.poll() is None:
        child.proc.terminate()
        try:
            child.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.proc.kill()
            child.proc.wait()
    child.log.close()
