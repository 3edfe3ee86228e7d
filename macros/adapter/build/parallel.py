"""The site's other languages, each built in a process of its own while this one builds the first.

The machine that builds the site has two cores at least; building the languages one after the
other left one idle. The first language's build starts `mkdocs build -f <that language's config>`
into `<lang>/` of its own staging folder (build/staging.py) as soon as MkDocs has emptied that
folder, and waits for it before it publishes. The second process loads the fact base itself:
handing over the parsed fact base would cost a pickle as large as the parse, while the parse cache
(facts/parse_cache.py) makes the second load cheap. Every layer (audit, policy, sanitiser,
budgets) runs in the other process as it did in line: it is the same plugin.

`mkdocs serve` does not use it: there the other languages are built in the serving process, after
the first, so that their incremental state (serve/incremental.py) lives on between rebuilds.

Failure rule: a build of another language that fails fails the first one, which then discards
the staging folder; a first-language build that fails stops the others. Either way `site/` stays
the old site.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from mkdocs.exceptions import PluginError

from macros.facts import terminal
from macros.facts.process_tree import die_with_parent

_SGR = re.compile("\x1b\\[[0-9;]*m")


@dataclass
class _Child:
    proc: subprocess.Popen
    log: IO[bytes]
    config_name: str


class Children:
    """The builds of the other languages under way, by language (owned by the plugin)."""

    def __init__(self) -> None:
        self._children: dict[str, _Child] = {}

    def start(self, config, lang: str, config_file: Path, site_dir: Path) -> None:
        """Start building one language (its config file) into `site_dir`."""
        self.stop(lang)  # a serve rebuild that never reached on_post_build
        args = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file)]
        args += ["-d", str(site_dir)]
        if config["strict"]:
            args.append("--strict")
        # As talkative as this build: `mkdocs build -q` or `-v` sets the level of this logger.
        level = logging.getLogger("mkdocs").getEffectiveLevel()
        if level > logging.INFO:
            args.append("--quiet")
        elif level < logging.INFO:
            args.append("--verbose")
        # A file, not a pipe: a chatty build would fill a pipe nobody reads until the end.
        log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by finish() or stop())
        proc = subprocess.Popen(
            args,
            cwd=config_file.parent,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            # A killed English build (kill -9) runs no hook: without this the Dutch one would go on
            # writing into a staging folder the next build removes as left over.
            preexec_fn=functools.partial(die_with_parent, os.getpid()),
        )
        self._children[lang] = _Child(proc, log, config_file.name)

    def finish(self, lang: str, name: str) -> None:
        """Wait for one language's build, pass on what it said, and fail if it failed."""
        child = self._children.pop(lang, None)
        if child is None:
            raise PluginError(f"the {name} build was never started")
        try:
            code = child.proc.wait()
            child.log.seek(0)
            said = child.log.read().decode("utf-8", "replace")
        finally:
            child.log.close()
        if said:
            # The child escapes its own records; what it printed before its plugin loaded (a
            # traceback quoting a config value) is escaped here.
            # MkDocs colours its level names (click's SGR codes, to a file as well): those are
            # dropped, not shown as escapes.
            sys.stderr.write(terminal.escape(_SGR.sub("", said), lines=True))
            sys.stderr.flush()
        if code != 0:
            raise PluginError(
                f"the {name} site ({child.config_name}) failed to build (exit {code}); see above"
            )

    def stop(self, lang: str | None = None) -> None:
        """Stop builds still under way (one language's, or all): the first one failed or was
        interrupted."""
        langs = list(self._children) if lang is None else [lang]
        for one in langs:
            child = self._children.pop(one, None)
            if child is None:
                continue
            if child.proc.poll() is None:
                child.proc.terminate()
                try:
                    child.proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    child.proc.kill()
                    child.proc.wait()
            child.log.close()
