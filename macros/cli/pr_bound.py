"""`python -m macros pr-bound BASE_REF`: whether one pull request stays within what it may add.

Each file is bounded on its own (macros/facts/limits.py); this bounds their sum, so that the cost
contract of SECURITY.md (checked in ≤ 2 s, built in ≤ 30 s at ≤ 1 GiB on the real data) holds for
any pull request that passes. It runs first in CI (scripts/review-guard), and cheaply: the files
and bytes are counted from `git diff` before anything is parsed; only a change within those is
read, as `macros diff` reads it, to count its records and the pages its claims are drawn on.

A relation counts as a record, drawn on the pages of both its claims. A removed record costs
nothing, and a changed one counts as much as an added one: a pull request
that rewrites the real claims into the most costly shape pays for each.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from macros.cli.diff import KINDS, DiffError, checkout_data, records
from macros.facts.factbase import AUTHOR
from macros.facts.limits import (
    MAX_PAGES_PER_CLAIM,
    MAX_PR_BYTES,
    MAX_PR_CLAIM_PAGES,
    MAX_PR_FILES,
    MAX_PR_RECORDS,
)

PATHS = ("data", "docs/_prose")
# Read with no user or repository attributes: a `.gitattributes` of the pull request cannot make
# its files binary (uncounted) or route them through a diff driver.
_GIT = ["git", "-c", "core.attributesFile=/dev/null", "-c", "core.quotePath=true"]
_DIFF = ["diff", "--no-renames", "--no-ext-diff", "--no-textconv", "--text"]


def _git(repo: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*_GIT, "-C", str(repo), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _output(repo: Path, *args: str) -> bytes:
    proc = _git(repo, *args)
    out, err = proc.communicate(timeout=120)
    if proc.returncode != 0:
        raise DiffError(f"git {args[0]}: {err.decode(errors='replace').strip()}")
    return out


def changed_files(repo: Path, base_ref: str) -> list[str]:
    """Files under data/ and docs/_prose/ that HEAD adds, changes or removes since `base_ref`."""
    out = _output(repo, *_DIFF, "--name-only", "-z", base_ref, "HEAD", "--", *PATHS)
    return [name.decode("utf-8", errors="replace") for name in out.split(b"\0") if name]


def added_bytes(repo: Path, base_ref: str, stop_after: int) -> tuple[int, str]:
    """(bytes of the lines HEAD adds since `base_ref`, the file being read when they passed
    `stop_after`, where reading stopped), read as `git diff` streams them."""
    proc = _git(repo, *_DIFF, "-U0", "--no-color", base_ref, "HEAD", "--", *PATHS)
    total, in_hunk, name = 0, False, b""
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            if line.startswith(b"diff --git "):
                in_hunk = False
            elif not in_hunk and line.startswith(b"+++ "):
                name = line[4:].rstrip(b"\n").removeprefix(b"b/")  # as core.quotePath wrote it
            elif line.startswith(b"@@"):
                in_hunk = True
            elif in_hunk and line.startswith(b"+"):
                total += len(line) - 1
                if total > stop_after:
                    break
    finally:
        proc.kill()
        proc.wait()
    return total, name.decode("ascii", errors="replace")


def claim_pages(claim: dict) -> int:
    """Pages a claim is drawn on, as `check` counts them: its source's, and one per actor it is
    about or said by and per topic (a value that is not a list counts as one)."""
    actors = (_ids(claim.get("about")) | _ids(claim.get("said_by"))) - {AUTHOR}
    return 1 + len(actors) + len(_ids(claim.get("topics")))


def _ids(value: object) -> set[str]:
    items = value if isinstance(value, list) else [value] if value is not None else []
    return {str(item) for item in items}


def event_pages(event: dict) -> int:
    """Pages an event is drawn on, as `check` counts them: the timeline, and one per actor and
    topic it names."""
    return 1 + len(_ids(event.get("actors"))) + len(_ids(event.get("topics")))


def _records_in(kind: str, record: dict) -> int:
    """How many records one counts as: a comparison, one and one for each row, column and cell
    (each row is drawn once per column: 230 rows of long cells were one record and took check
    25 s, 40 comparisons of 165 columns built for 41 s); a source, one and each boilerplate
    entry (each a quote looked up in its text); anything else, one."""

    def count(field: str) -> int:
        items = record.get(field)
        return len(items) if isinstance(items, list) else 0

    if kind == "comparisons":
        return 1 + count("rows") + count("columns") + count("rows") * count("columns")
    if kind == "sources":
        return 1 + count("boilerplate")
    return 1


def _stated_by(key: str) -> str:
    """The claim that states a relation, from its key in `macros diff`'s records."""
    return key.split(" ", 1)[0]


def relation_pages(key: str, relation: dict, claims: dict[str, dict]) -> int:
    """Pages a relation is drawn on: every card of the claim that states it and of the claim it
    names (a claim not found counts as the most a claim may be on); the briefings' lists of
    disagreements are among them, one per topic of either claim."""
    ends = (claims.get(_stated_by(key)), claims.get(str(relation.get("claim"))))
    return sum(claim_pages(c) if isinstance(c, dict) else MAX_PAGES_PER_CLAIM for c in ends)


def _file_of(kind: str, key: str, record: dict, claims: dict[str, dict]) -> str:
    if kind == "relations":
        record = claims.get(_stated_by(key), {})
        kind = "claims"
    if kind == "claims":
        return f"data/claims/{record.get('_source')}.yml"
    if kind in ("sources", "comparisons"):
        return f"data/{kind}/{key}.yml"
    return f"data/{KINDS[kind]}"


def _changed(before: dict, after: dict) -> Iterator[tuple[str, str, dict]]:
    """(kind, id, record) of each record added or changed, kind by kind in file order."""
    for kind, now in after.items():
        was = before.get(kind, {})
        for key, record in now.items():
            if was.get(key) != record:
                yield kind, key, record


def _line_of(repo: Path, shown: str, key: str) -> int:
    path = repo / shown
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 1
    found = re.search(rf"^[ \t-]*id:[ \t]*['\"]?{re.escape(key)}['\"]?[ \t]*$", text, re.M)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def _place(repo: Path, kind: str, key: str, record: dict, claims: dict[str, dict]) -> str:
    """'file:line:1: what', for the message about a record (a relation is placed at the claim
    that states it)."""
    shown = _file_of(kind, key, record, claims)
    stating = _stated_by(key) if kind == "relations" else key
    what = f"a relation of claim '{stating}'" if kind == "relations" else f"{kind[:-1]} '{key}'"
    return f"{shown}:{_line_of(repo, shown, stating)}:1: {what}"


def problems(repo: Path, data: Path, base_ref: str) -> list[str]:
    """What the pull request (HEAD since `base_ref`) adds beyond the bounds, each message placed
    at a file, line and column; none if it is within them."""
    files = changed_files(repo, base_ref)
    if len(files) > MAX_PR_FILES:
        return [
            f"{files[MAX_PR_FILES]}:1:1: this pull request adds, changes or removes "
            f"{len(files):,} files under data/ and docs/_prose/; one may touch at most "
            f"{MAX_PR_FILES} (split it: each pull request is checked, built and reviewed whole)"
        ]
    size, where = added_bytes(repo, base_ref, MAX_PR_BYTES)
    if size > MAX_PR_BYTES:
        return [
            f"{where}:1:1: this pull request adds more than "
            f"{MAX_PR_BYTES:,} bytes of lines under data/ and docs/_prose/; one may add at most "
            f"{MAX_PR_BYTES:,} (split it)"
        ]
    with tempfile.TemporaryDirectory(prefix="briefing-pr-bound-") as tmp:
        before = records(checkout_data(repo, base_ref, Path(tmp)))
    after = records(data)
    pages = 0
    count = 0
    for kind, key, record in _changed(before, after):
        count += _records_in(kind, record)
        if count > MAX_PR_RECORDS:
            return [
                f"{_place(repo, kind, key, record, after['claims'])} is record "
                f"{count:,} this pull request adds or changes; one may add or change at most "
                f"{MAX_PR_RECORDS} (split it)"
            ]
        if kind in ("claims", "relations", "events"):
            if kind == "claims":
                pages += min(claim_pages(record), MAX_PAGES_PER_CLAIM + 1)
            elif kind == "events":
                pages += min(event_pages(record), MAX_PAGES_PER_CLAIM + 1)
            else:
                pages += relation_pages(key, record, after["claims"])
            if pages > MAX_PR_CLAIM_PAGES:
                return [
                    f"{_place(repo, kind, key, record, after['claims'])} brings the pages "
                    f"that this pull request's claims, relations and events are drawn on to "
                    f"{pages:,}; they may be drawn on at most {MAX_PR_CLAIM_PAGES:,} (a claim on "
                    "its source's page, an event on the timeline, and each on one page per actor "
                    "and topic it names; a relation on its two claims' pages: name fewer, or "
                    "split the pull request)"
                ]
    return []


def summary(repo: Path, data: Path, base_ref: str) -> tuple[int, list[str]]:
    """(exit status, lines to print)."""
    found = problems(repo, data, base_ref)
    if found:
        return 1, found
    return 0, [
        f"pr-bound: within what one pull request may add ({MAX_PR_FILES} files, "
        f"{MAX_PR_BYTES:,} bytes, {MAX_PR_RECORDS} records, {MAX_PR_CLAIM_PAGES:,} pages drawn)"
    ]
