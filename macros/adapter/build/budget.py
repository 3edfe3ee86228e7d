"""What a build may produce, whatever the data (issue 26, finding 1).

A valid claims file can make a page of megabytes and a site of hundreds (every claim about every
actor gathers on each actor page). The budgets in macros/facts/limits.py hold what the build
makes: each page as it is written (the message names the page and the data file behind it), the
whole site once every language is built, and the peak memory of the whole process tree (this
process, the other language's and the audit's workers: the sum of each one's peak, which is at
least the tree's peak at any moment).
"""

from __future__ import annotations

import os
import resource
from pathlib import Path

from mkdocs.exceptions import PluginError

from macros.facts.limits import (
    BUILD_MEMORY_PER_RECORD,
    MAX_BUILD_MEMORY,
    MAX_PAGE_BYTES,
    MAX_SITE_BYTES,
    SITE_BYTES_PER_RECORD,
)


def site_budget(records: int) -> int:
    """Bytes the whole site may take for a fact base of `records` records."""
    return MAX_SITE_BYTES + SITE_BYTES_PER_RECORD * records


def memory_budget(records: int) -> int:
    """Bytes of memory the build's process tree may take for `records` records."""
    return MAX_BUILD_MEMORY + BUILD_MEMORY_PER_RECORD * records


def _mb(n: int) -> str:
    return f"{n / 1_000_000:,.1f} MB"


def check_page(url: str, data_file: str | None, size: int) -> None:
    if size > MAX_PAGE_BYTES:
        where = data_file or "docs/"
        raise PluginError(
            f"{where}:1:1: the page /{url} would be {_mb(size)}; a page may be at most "
            f"{_mb(MAX_PAGE_BYTES)}. The records in this file put too much on one page "
            "(a record referred to by very many claims, or very long texts): split them"
        )


def site_bytes(site_dir: Path) -> int:
    total = 0
    for folder, _dirs, files in os.walk(site_dir):
        for name in files:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue
    return total


def check_site(
    site_dir: Path, largest: tuple[int, str, str | None] | None, records: int = 0
) -> None:
    total = site_bytes(site_dir)
    limit = site_budget(records)
    if total > limit:
        size, url, data_file = largest or (0, "", None)
        raise PluginError(
            f"{data_file or 'data/'}:1:1: the site would be {_mb(total)}; it may be at most "
            f"{_mb(limit)} for {records:,} records (its largest page, /{url}, is {_mb(size)} and "
            "comes from "
            "this file)"
        )


# Pages between two readings of the memory peak while a build runs (each reads getrusage).
MEMORY_EVERY = 32


def check_growing(
    written: int, pages: int, largest: tuple[int, str, str | None] | None, counts: dict
) -> None:
    """The site and memory budgets while a language's pages are written (`written` bytes so
    far, in `pages` pages): the same limits as at the end, reached sooner."""
    records = sum(counts.values())
    if written > site_budget(records):
        size, url, data_file = largest or (0, "", None)
        raise PluginError(
            f"{data_file or 'data/'}:1:1: the site would be more than {_mb(written)}; it may be "
            f"at most {_mb(site_budget(records))} for {records:,} records (its largest page so "
            f"far, /{url}, is {_mb(size)} and comes from this file)"
        )
    if pages % MEMORY_EVERY == 0:
        check_memory(largest, records=records)


def tree_peak_memory() -> int:
    """Bytes: this process's peak plus the peaks of the children it has waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) * 1024  # kilobytes on Linux


def check_memory(
    largest: tuple[int, str, str | None] | None, peak: int | None = None, records: int = 0
) -> None:
    peak = tree_peak_memory() if peak is None else peak
    limit = memory_budget(records)
    if peak > limit:
        size, url, data_file = largest or (0, "", None)
        raise PluginError(
            f"{data_file or 'data/'}:1:1: the build took {peak / 2**20:,.0f} MiB of memory; it "
            f"may take at most {limit / 2**20:,.0f} MiB for {records:,} records (its largest "
            f"page, /{url}, is "
            f"{_mb(size)} and comes from this file)"
        )
