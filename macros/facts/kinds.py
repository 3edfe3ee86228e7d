"""The kinds of record, in one table: where each is written, what validates it, where the fact
base keeps it, and whether it has a page or an anchor of its own.

Loading (data_files, factbase), the routes (routes/site_map.py), the id check, mkdocs serve's
dependency tracking (adapter/serve/incremental.py) and the downloads (outputs/downloads.py) all
read this table; tests/unit/test_kinds_registry.py fails when one of them misses a kind. Adding a
kind: a model in models.py, a row here, a table on FactBase, and a renderer if it has pages
(ARCHITECTURE.md, "Adding a record kind").
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.facts import models


@dataclass(frozen=True)
class RecordKind:
    name: str  # the word messages use, and the key of FactBase.files: "claim"
    table: str  # the FactBase attribute holding the records by id: "claims"
    file_kind: str  # the kind of file it is written in: "claims"
    file_model: type  # what validates such a file
    # Where the files are: "actors.yml" (one file of records) or "claims/" (a file per source
    # or per record, named <id>.yml)
    place: str
    records_field: str | None  # the file's list of records; None: the file is one record
    download: str  # its key in data/facts.json
    page_folder: str | None = None  # a page per record at <page_folder>/<id>/
    anchor: str | None = None  # its anchor on the page that shows it: "{}", "event-{}"
    heading_field: str | None = None  # what its page's heading says (the toc makes it an id)
    # Its page lists what gathers on it without bound (the claims about an actor, in a topic:
    # a feed adds some every day), so it continues at <page_folder>/<id>/page/<n>/. A source's
    # page is not paged: it holds one article's claims, at their permalinks, and a source may
    # have at most limits.MAX_CLAIMS_PER_SOURCE of them (ARCHITECTURE.md, "Record pages").
    paged: bool = False


# In the order the downloads list them.
KINDS = (
    RecordKind(
        "source", "sources", "source", models.Source, "sources/", None, "sources",
        page_folder="sources", heading_field="title",
    ),
    RecordKind(
        "claim", "claims", "claims", models.ClaimsFile, "claims/", "claims", "claims",
        anchor="{}",
    ),
    RecordKind(
        "actor", "actors", "actors", models.ActorsFile, "actors.yml", "actors", "actors",
        page_folder="actors", heading_field="name", paged=True,
    ),
    RecordKind(
        "topic", "topics", "topics", models.TopicsFile, "topics.yml", "topics", "topics",
        page_folder="briefings", heading_field="name", paged=True,
    ),
    RecordKind(
        "event", "events", "events", models.EventsFile, "events.yml", "events", "events",
        anchor="event-{}",
    ),
    RecordKind(
        "comparison", "comparisons", "comparison", models.Comparison, "comparisons/", None,
        "comparisons", page_folder="comparisons", heading_field="title",
    ),
    RecordKind(
        "term", "terms", "glossary", models.GlossaryFile, "glossary.yml", "terms", "glossary",
        anchor="{}",
    ),
)  # fmt: skip

BY_FILE_KIND = {k.file_kind: k for k in KINDS}
