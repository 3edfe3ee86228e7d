"""Which page shows which record: the site's sections, the address of every page, and the file a
contributor edits to change what a page shows. Pure data and string functions: renderers, the
id check and the MkDocs adapter all read them from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from math import ceil

from macros.facts.kinds import KINDS

# A page per record: folder -> the kind of record it shows (macros/facts/kinds.py).
RECORD_FOLDERS = {k.page_folder: k.name for k in KINDS if k.page_folder}
# The record pages that continue at <folder>/<id>/page/<n>/ (what gathers on them has no bound).
PAGED_FOLDERS = tuple(k.page_folder for k in KINDS if k.page_folder and k.paged)

# Index pages that continue at <section>/page/<n>/ (macros/render/pages.py draws each).
INDEX_SECTIONS = (
    "briefings",
    "timeline",
    "comparisons",
    "actors",
    "sources",
    "figures",
    "questions",
    "glossary",
)

# The file behind each page that no single record drives: a list drawn from one data file leads
# to that file; a page drawn from many (sources, comparisons, figures, questions, data) to the
# data contract, which says which file holds what; the Method page says so, and
# tests/builds/test_site.py checks every page against it.
INDEX_DATA = {
    # The home page opens on the bottom line: the framings' column summaries (its takeaways are
    # in data/topics.yml, which the Briefings page edits).
    "index.md": "data/comparisons/framings.yml",
    "briefings/index.md": "data/topics.yml",
    "timeline.md": "data/events.yml",
    "comparisons/index.md": "data/README.md",
    "actors/index.md": "data/actors.yml",
    "sources/index.md": "data/README.md",
    "figures.md": "data/README.md",
    "questions.md": "data/README.md",
    "glossary.md": "data/glossary.yml",
    "data.md": "data/README.md",
}

# The folder of the Atom feeds, in each language's root (outputs/open_data.py writes them).
FEED_DIR = "feeds"

# Pages of contributors' prose (docs/_prose/<page>.<lang>.md), whose HTML is sanitised.
PROSE_PAGES = {"method.md", "benchmarks.md"}


def page_count(total: int, size: int) -> int:
    return max(1, ceil(total / size))


def page_url(section: str, number: int) -> str:
    """Page 1 of a list keeps the section's own address (`glossary/`); page n lives at
    `glossary/page/n/`, which no record page can take because record ids contain no slash."""
    return f"{section}/" if number == 1 else f"{section}/page/{number}/"


def page_src(section: str, number: int) -> str:
    """The generated source file of page `number` (> 1) of a section."""
    return f"{section}/page/{number}.md"


def record_src(folder: str, record_id: str, number: int = 1) -> str:
    """The generated source file of page `number` of a record's page: `actors/china.md`, then
    `actors/china/page/2.md` (at `actors/china/page/2/`, page_url of `actors/china`)."""
    return f"{folder}/{record_id}.md" if number == 1 else page_src(f"{folder}/{record_id}", number)


def record_page(src_uri: str) -> tuple[str, str, int] | None:
    """(folder, record id, page number) of a record's page, by its source file; None for any
    other page. Says nothing of whether the record exists."""
    folder, _, rest = src_uri.partition("/")
    if folder not in RECORD_FOLDERS or not rest.endswith(".md"):
        return None
    record_id, paged, number = rest.removesuffix(".md").partition("/page/")
    if "/" in record_id or not record_id or record_id == "index":
        return None
    if not paged:
        return folder, record_id, 1
    if folder in PAGED_FOLDERS and number.isdigit() and int(number) > 1:
        return folder, record_id, int(number)
    return None


def data_file_of(files: Mapping[tuple[str, str], str], src_uri: str, lang: str) -> str | None:
    """The file a contributor edits to change what a page shows (`files`: (kind, id) -> the
    data file of each record, as the fact base keeps it)."""
    if src_uri in INDEX_DATA:
        return INDEX_DATA[src_uri]
    record = record_page(src_uri)
    if record is not None:  # every page of a record: the file that holds the record
        folder, record_id, _ = record
        return files.get((RECORD_FOLDERS[folder], record_id))
    section, paged, _ = src_uri.partition("/page/")
    if paged:
        first = f"{section}.md" if f"{section}.md" in INDEX_DATA else f"{section}/index.md"
        return INDEX_DATA.get(first)
    if src_uri in PROSE_PAGES:
        return f"docs/_prose/{src_uri.removesuffix('.md')}.{lang}.md"
    return None
