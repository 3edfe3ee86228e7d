"""While serving, one "Documentation built" line per rebuild: the second language's build, run in
the same process (plugin._build_in_process), and mkdocs-macros' start-up notes say nothing a
contributor acts on. Warnings and errors still pass; `mkdocs serve -v` shows everything."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

MACROS_LOGGER = "mkdocs.plugins.mkdocs_macros"  # mkdocs-macros' "[macros] - …" lines
BUILD_LOGGER = "mkdocs.commands.build"  # "Cleaning site directory", "Documentation built in …"


def _verbose() -> bool:
    return logging.getLogger("mkdocs").getEffectiveLevel() < logging.INFO


def quiet_macros() -> None:
    if not _verbose():
        logging.getLogger(MACROS_LOGGER).setLevel(logging.WARNING)


class _BelowWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING


@contextmanager
def second_build() -> Iterator[None]:
    """Around another language's in-process build: its build notes are not said twice."""
    if _verbose():
        yield
        return
    logger, drop = logging.getLogger(BUILD_LOGGER), _BelowWarning()
    logger.addFilter(drop)
    try:
        yield
    finally:
        logger.removeFilter(drop)
