"""The fact base: every data file validated, cross-checked and indexed, ready for rendering.

`load(root)` either returns a complete FactBase or raises DataError carrying every problem found,
so that nothing downstream ever sees half-checked data.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from macros.facts import characters, edtf_dates, models, voice
from macros.facts.anchors import ReservedIds, heading_anchor
from macros.facts.data_files import DataFile, discover, load_files
from macros.facts.kinds import BY_FILE_KIND, KINDS
from macros.facts.limits import (
    MAX_CLAIMS_PER_SOURCE,
    MAX_MISSES,
    MAX_PAGES_PER_CLAIM,
    MAX_RECORD_PAGES,
    MAX_SPAN_HINTS,
    MAX_SUGGESTION_WORK,
    MAX_SUGGESTIONS,
    MAX_TEXT_BYTES,
)
from macros.facts.located_yaml import Loc
from macros.facts.problems import DataError, Problem, Suggestions, display_path, resolved
from macros.facts.quote_finder import QuoteFinder
from macros.facts.quote_index import UNKNOWN, QuoteIndex
from macros.facts.repo_files import Refused, read_text
from macros.facts.source_text import MIN_QUOTE_WORDS, Place, SourceText

AUTHOR = "author"  # `said_by: author`: the article's own voice


@dataclass(frozen=True)
class Relation:
    start: str  # the claim that states the relation
    kind: str  # supports, contradicts, qualifies, updates
    end: str  # the claim it relates to, from another source
    note: models.Text

    def seen_from(self, claim_id: str) -> tuple[str, str]:
        """(label key, the other claim): "contradicts" from its start, "contradicted_by" from
        its end."""
        if claim_id == self.start:
            return f"rel_{self.kind}", self.end
        return f"rel_{self.kind}_by", self.start


@dataclass
class FactBase:
    root: Path
    sources: dict[str, models.Source] = field(default_factory=dict)
    texts: dict[str, SourceText] = field(default_factory=dict)
    claims: dict[str, models.Claim] = field(default_factory=dict)  # by source, in document order
    claim_source: dict[str, str] = field(default_factory=dict)
    claim_place: dict[str, Place] = field(default_factory=dict)
    actors: dict[str, models.Actor] = field(default_factory=dict)
    topics: dict[str, models.Topic] = field(default_factory=dict)
    events: dict[str, models.Event] = field(default_factory=dict)
    terms: dict[str, models.Term] = field(default_factory=dict)
    comparisons: dict[str, models.TableComparison | models.AxesComparison] = field(
        default_factory=dict
    )
    # Where each record is written, for "edit this page" links: (kind, id) -> data path
    files: dict[tuple[str, str], str] = field(default_factory=dict)
    claims_by_source: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    claims_by_actor: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    claims_said_by: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    claims_by_topic: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    events_by_actor: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    events_by_topic: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    boilerplate: dict[str, dict[int, models.Boilerplate]] = field(default_factory=dict)
    metadata_paragraphs: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    # Located notes that do not stop a build: what a reviewer should look at.
    warnings: list[Problem] = field(default_factory=list)
    # Sources whose permission to quote is only requested, each at its line: check warns,
    # publishing refuses them (`python -m macros check --publish`).
    permission_requested: list[Problem] = field(default_factory=list)
    # What the fact base works out once when first asked (the reading order, quote finders).
    memo: dict[tuple | str, object] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    # Relations, each stated once on one claim (the `from`), shown on both claims' cards.
    relations: list[Relation] = field(default_factory=list)
    relations_of: dict[str, list[Relation]] = field(default_factory=lambda: defaultdict(list))

    def speakers(self, claim_id: str) -> list[str]:
        """Who asserts a claim (several for a joint statement); `author` resolves to the
        source's author, if any."""
        said_by = self.claims[claim_id].said_by
        if said_by == AUTHOR:
            return [self.sources[self.claim_source[claim_id]].author or AUTHOR]
        return self.claims[claim_id].said_by_all

    def speaker(self, claim_id: str) -> str:
        """The first of `speakers`: the only one but for a joint statement."""
        return self.speakers(claim_id)[0]

    def ordered(self, claim_ids) -> list[str]:
        """Claims in reading order, each once: by source (in the order of `sources`, the
        sources' ids alphabetically), then paragraph, then where in the paragraph the quote
        starts. The one ordering rule for citations (data/README.md, "Ordering")."""
        return sorted(dict.fromkeys(claim_ids), key=self._claim_rank().__getitem__)

    def _claim_rank(self) -> dict[str, int]:
        rank = self.memo.get("claim_rank")
        if rank is None:
            rank = self.memo["claim_rank"] = {c: i for i, c in enumerate(self.claims)}
        return rank

    def derived(self, key: tuple, compute):
        """`compute(self)`, worked out once per fact base: a value drawn from the records alone
        (the ids a list shows, in its order), the same for every page and language that asks.

        `key` names it, and `compute` must give the same value for the same records. While
        serving, a page that asks depends on the value, not on every record `compute` read
        (adapter/serve/incremental.py): a briefing whose claims are sorted by kind is drawn
        again when the sorted ids change, not whenever one of its claims' texts does."""
        memo_key = ("derived", key)
        try:
            return self.memo[memo_key]
        except KeyError:
            value = self.memo[memo_key] = compute(self)
            return value

    def newest_added(self) -> str:
        """The day the newest source entered the fact base: the date of every page but a source's
        own (which is the day its source was added). From the data: two builds of one commit
        agree. Worked out once; every call still reads the sources whole, so that while serving
        a page that shows the day depends on them all."""
        sources = self.sources.values()
        day = self.memo.get("newest_added")
        if day is None:
            day = self.memo["newest_added"] = max((s.added for s in sources), default="2000-01-01")
        return day

    def uncovered(self, source_id: str) -> list[int]:
        """Paragraphs of a source that no claim quotes and that are not declared boilerplate."""
        quoted = {self.claim_place[c].paragraph for c in self.claims_by_source[source_id]}
        return _uncovered(self, source_id, quoted)

    def check_warnings(self) -> list[Problem]:
        """Every warning `python -m macros check` prints (serve prints the same at each build):
        the data's, then each permission only requested, which publishing refuses."""
        requested = [replace(r, message=f"warning: {r.message}") for r in self.permission_requested]
        return [*self.warnings, *requested]

    def counts(self) -> dict[str, int]:
        """How many records of each kind (macros/facts/kinds.py), by table name."""
        return {kind.table: len(getattr(self, kind.table)) for kind in KINDS}


def load(
    root: Path,
    reserved: ReservedIds | None = None,
    *,
    leave_out: str | None = None,
    kept: dict | None = None,
) -> FactBase:
    """Every data file validated and cross-checked, or DataError with every problem found.
    `reserved`: the page addresses and anchors no id may take (macros/routes/reserved.py);
    without it, ids are not checked against the site's own names. `leave_out`: a source whose
    record and claims are passed over (`suggest` reads the rest while that source is
    unfinished). `kept`: the caller's record of the files of its last load, so that a file
    whose text did not change is not parsed and validated again (data_files.load_files); the
    cross-checks always run on every file."""
    # Loading allocates about a million small objects that all stay alive; the cyclic garbage
    # collector would rescan them again and again for nothing (it nearly doubled the time).
    collecting = gc.isenabled()
    gc.disable()
    edtf_dates.new_load()
    resolved.cache_clear()
    try:
        return _load(Path(root), reserved or ReservedIds(), leave_out, kept)
    finally:
        if collecting:
            gc.enable()


def _load(
    root: Path, reserved: ReservedIds, leave_out: str | None = None, kept: dict | None = None
) -> FactBase:
    if not root.is_dir():
        raise DataError([Problem(str(root), 1, 1, "the data folder does not exist")])
    found, problems = discover(root)
    if leave_out is not None:
        skipped = {root / "sources" / f"{leave_out}.yml", root / "claims" / f"{leave_out}.yml"}
        found = [(kind, path) for kind, path in found if path not in skipped]
    files: list[DataFile] = []
    broken: set[str] = set()  # kinds with a file that did not load: their ids are unknown
    for (kind, _), (loaded, file_problems) in zip(
        found, load_files(found, root, kept), strict=True
    ):
        problems += file_problems
        if loaded:
            files.append(loaded)
        else:
            broken.add(kind)
    fb = FactBase(root)
    problems += _register(fb, files, broken, reserved)
    problems += _check_claims_per_source(files)
    problems += _check_record_pages(files)
    problems += _check_pages_per_claim(files)
    problems += _check_references(fb, files, broken)
    problems += _check_quotes(fb, files)
    problems += _check_kinds(fb, files)
    problems += _check_relations(fb, files)
    problems += _check_coverage(fb, files, problems)
    problems += _check_heading_ids(fb, files)
    problems += _check_source_dates(fb, files)
    voice_errors, voice_warnings = voice.check(
        fb, files
    )  # the site's own voice (macros/facts/voice.py)
    problems += voice_errors
    if problems:
        raise DataError(problems)
    _dates_from_sources(fb)
    _index(fb, files)
    fb.warnings = _uncited(fb, files) + _repeated_dates(fb, files) + voice_warnings
    fb.permission_requested = _permission_requested(files)
    return fb


def _register(
    fb: FactBase, files: list[DataFile], broken: set[str], reserved: ReservedIds
) -> list[Problem]:
    problems: list[Problem] = []
    first_seen: dict[tuple[str, str], tuple[DataFile, Loc]] = {}

    paths, anchors = reserved.paths, reserved.anchors

    def add(kind: str, table: dict, record, f: DataFile, loc: Loc) -> None:
        key = (kind, record.id)
        taken = None
        if kind in _PAGE_KINDS and record.id in paths:
            taken = f"its page would take the site's address {paths[record.id]}"
        elif kind in _ANCHOR_KINDS and _ANCHOR_KINDS[kind].format(record.id) in anchors:
            taken = (
                f"its anchor '#{_ANCHOR_KINDS[kind].format(record.id)}' is a heading the site "
                "already has on the page that shows it"
            )
        if taken:  # still registered: references to it are not unknown
            problems.append(f.doc.problem((*loc, "id"), f"{kind} id '{record.id}': {taken}"))
        if key in first_seen:
            first, first_loc = first_seen[key]
            line, _ = first.doc.where(first_loc)  # only now: positions cost a second parse
            problems.append(
                f.doc.problem(
                    (*loc, "id"),
                    f"duplicate {kind} id '{record.id}' (first defined at {first.shown_as}:{line})",
                )
            )
            return
        first_seen[key] = (f, loc)
        fb.files[key] = f.shown_as
        table[record.id] = record

    for f in files:
        m = f.model
        if f.kind in ("source", "comparison") and m.id != f.path.stem:
            # One record per file: its permalink and its file name are the same word.
            problems.append(
                f.doc.problem(
                    ("id",), f"{f.kind} id '{m.id}' must equal the file name '{f.path.stem}'"
                )
            )
            continue
        if f.kind == "source":
            text_path = f.path.with_suffix(".txt")
            try:
                text = _archived_text(text_path, fb.root)
            except FileNotFoundError:
                problems.append(
                    f.doc.problem(
                        ("id",),
                        f"source '{m.id}': its text {display_path(text_path, fb.root)} is missing; "
                        "every source keeps its full text beside its metadata",
                    )
                )
                continue
            except Refused as exc:
                shown = display_path(text_path, fb.root)
                problems.append(Problem(shown, exc.line, exc.col, exc.message))
                continue
            add("source", fb.sources, m, f, ())
            fb.texts[m.id] = SourceText(text)
        else:
            kind = BY_FILE_KIND[f.kind]
            table = getattr(fb, kind.table)
            if kind.records_field is None:
                add(kind.name, table, m, f, ())
                continue
            for i, record in enumerate(getattr(m, kind.records_field)):
                add(kind.name, table, record, f, (kind.records_field, i))
    suggest = Suggestions(fb.sources)
    for f in files:
        if f.kind == "claims" and f.path.stem not in fb.sources and "source" not in broken:
            problems.append(
                f.doc.problem(
                    (),
                    f"claims file for unknown source '{f.path.stem}'"
                    f"{suggest(f.path.stem)}; name it after its source's id",
                )
            )
    return problems


# Control characters in an archived text: only the newline that ends a paragraph belongs there.
def _archived_text(path: Path, root: Path) -> str:
    text = read_text(path, root, MAX_TEXT_BYTES)
    # The same rule as every text field (macros/facts/characters.py), line breaks (LF) allowed.
    found = characters.first_refused(text, line_breaks=True)
    if found:
        at = found.start()
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        ch = found.group()
        what = (
            "a carriage return: save the file with Unix line endings (LF)"
            if ch == "\r"
            else f"{characters.code_point(ch)}, one of the "
            f"{characters.kind(ch, line_breaks=True)}; only visible text and line breaks (LF) "
            "are allowed"
        )
        raise Refused(f"the archived text holds {what}", line, col)
    return text


# Records with a page of their own (<section>/<id>/), and records that are an anchor on a page.
_PAGE_KINDS = {k.name for k in KINDS if k.page_folder}
# The text each record page's heading is made of (the toc slugifies it into the heading's id).
_HEADING_FIELDS = {k.file_kind: k.heading_field for k in KINDS if k.heading_field}


def _element_ids(fb: FactBase) -> dict[str, str]:
    """The ids the renderers give elements, each with what carries it: a heading anchor equal
    to one is a duplicate id on a page that shows both (the build's page audit fails on it)."""
    ids: dict[str, str] = {}
    for eid in fb.events:
        ids.setdefault(f"event-{eid}", f"the event '{eid}' (timeline item)")
        ids.setdefault(f"date-note-{eid}", f"the note on how event '{eid}' was dated")
    for cid in fb.claims:
        ids.setdefault(cid, f"the claim '{cid}' (its anchor)")
    for tid in fb.terms:
        ids.setdefault(tid, f"the term '{tid}' (glossary entry)")
    for cid, comparison in fb.comparisons.items():
        for row in comparison.rows:
            ids.setdefault(f"{cid}-{row.id}", f"the row '{row.id}' of the comparison '{cid}'")
    return ids


def _check_heading_ids(fb: FactBase, files: list[DataFile]) -> list[Problem]:
    """A record page's heading takes the anchor of its name or title in either language; an
    actor named "Event chatgpt-launched" took `event-chatgpt-launched`, an event's id on that
    page. Any heading anchor equal to an element id the site makes is refused (on every page,
    not only the one that shows both: which pages show what changes more often than ids do)."""
    if not files:
        return []
    ids = _element_ids(fb)
    problems = []
    for f in files:
        field = _HEADING_FIELDS.get(f.kind)
        if field is None:
            continue
        record_kind = BY_FILE_KIND[f.kind]
        many = record_kind.records_field
        records = (
            [((many, i), r) for i, r in enumerate(getattr(f.model, many))]
            if many
            else [((), f.model)]
        )
        kind = record_kind.name
        for loc, record in records:
            for lang in ("en", "nl"):
                anchor = heading_anchor(getattr(record, field)[lang])
                if anchor in ids:
                    problems.append(
                        f.doc.problem(
                            (*loc, field, lang),
                            f"{kind} '{record.id}': its {field} makes the heading anchor "
                            f"'#{anchor}', already the id of {ids[anchor]}; reword the {field}",
                        )
                    )
    return problems


_ANCHOR_KINDS = {k.name: k.anchor for k in KINDS if k.anchor}


def _references(f: DataFile) -> Iterator[tuple[Loc, str, str]]:
    """Every (location, kind of record, id) a file refers to."""
    m = f.model
    if f.kind == "source":
        for name in ("author", "publisher", "newsletter"):
            if getattr(m, name):
                yield (name,), "actor", getattr(m, name)
        for i, a in enumerate(m.translators):
            yield ("translators", i), "actor", a
    elif f.kind == "claims":
        for i, c in enumerate(m.claims):
            if isinstance(c.said_by, list):
                for j, a in enumerate(c.said_by):
                    yield ("claims", i, "said_by", j), "actor", a
            elif c.said_by != AUTHOR:
                yield ("claims", i, "said_by"), "actor", c.said_by
            for j, r in enumerate(c.relations):
                yield ("claims", i, "relations", j, "claim"), "claim", r.claim
            for j, a in enumerate(c.about):
                yield ("claims", i, "about", j), "actor", a
            for j, t in enumerate(c.topics):
                yield ("claims", i, "topics", j), "topic", t
            if isinstance(c.date, models.SourceDate):
                yield ("claims", i, "date", "source"), "source", c.date.source
    elif f.kind in {"topics", "events", "glossary"}:
        plural = {"topics": "topics", "events": "events", "glossary": "terms"}[f.kind]
        for i, r in enumerate(getattr(m, plural)):
            for j, c in enumerate(r.evidence):
                yield (plural, i, "evidence", j), "claim", c
            for j, c in enumerate(getattr(r, "takeaway", None) and r.takeaway.evidence or []):
                yield (plural, i, "takeaway", "evidence", j), "claim", c
            for name, kind in (("actors", "actor"), ("topics", "topic")):
                for j, x in enumerate(getattr(r, name, None) or []):
                    yield (plural, i, name, j), kind, x
            if isinstance(getattr(r, "date", None), models.SourceDate):
                yield (plural, i, "date", "source"), "source", r.date.source
    elif f.kind == "comparison":
        if m.said_by:
            yield ("said_by",), "actor", m.said_by
        for i, col in enumerate(m.columns):
            if col.actor:
                yield ("columns", i, "actor"), "actor", col.actor
            if col.source:
                yield ("columns", i, "source"), "source", col.source
            for j, c in enumerate(col.summary.evidence if col.summary else []):
                yield ("columns", i, "summary", "evidence", j), "claim", c
        for i, row in enumerate(m.rows):
            if m.kind == "table":
                for key, cell in row.cells.items():
                    for j, c in enumerate(cell.evidence):
                        yield ("rows", i, "cells", key, "evidence", j), "claim", c
            else:
                for j, c in enumerate(row.evidence):
                    yield ("rows", i, "evidence", j), "claim", c


_DEFINED_IN = {
    "actor": "actors",
    "topic": "topics",
    "claim": "claims",
    "source": "source",
}


def _check_references(fb: FactBase, files: list[DataFile], broken: set[str]) -> list[Problem]:
    tables = {
        "actor": fb.actors,
        "topic": fb.topics,
        "claim": fb.claims,
        "source": fb.sources,
    }
    problems = []
    budget = [MAX_SUGGESTION_WORK]
    suggest = {kind: Suggestions(table, budget) for kind, table in tables.items()}
    # A speaker may also be the keyword `author`: `said_by: autor` is offered it.
    speakers = Suggestions([*fb.actors, AUTHOR], budget)
    for f in files:
        for loc, kind, ref in _references(f):
            if ref not in tables[kind] and _DEFINED_IN[kind] not in broken:
                hints = speakers if f.kind == "claims" and "said_by" in loc else suggest[kind]
                hint = hints(ref) if len(problems) < MAX_SUGGESTIONS else ""
                problems.append(f.doc.problem(loc, f"unknown {kind} '{ref}'{hint}"))
    return problems


def _check_quotes(fb: FactBase, files: list[DataFile]) -> list[Problem]:
    problems = []
    hints = 0  # each "runs across paragraphs" hint searches the whole text once more
    misses: dict[str, int] = defaultdict(int)
    # The files that quote each source, in their order: one pass, not one per source (which
    # grew with the square of the corpus).
    quoting: dict[str, list[DataFile]] = defaultdict(list)
    for f in files:
        if f.kind == "source":
            quoting[f.model.id].append(f)
        elif f.kind == "claims":
            quoting[f.path.stem].append(f)

    def place(f: DataFile, source_id: str, loc: Loc, quote: str, what: str) -> Place | None:
        nonlocal hints
        text = fb.texts[source_id]
        if misses[source_id] >= MAX_MISSES:
            problems.append(
                f.doc.problem(
                    loc,
                    f"{what}: quote not looked up: over {MAX_MISSES} quotes of this source are "
                    "missing from its text already; fix those first",
                )
            )
            return None
        at = _quote_index(fb, quoting[source_id], source_id).offset(quote)
        if at is UNKNOWN:
            problems.append(
                f.doc.problem(
                    loc,
                    f"{what}: quote not looked up: this source's quotes and text repeat one "
                    "another so much that checking them all would take too long; quote fewer, "
                    "longer spans",
                )
            )
            return None
        found = text.locate(quote) if at is None else text.place_at(at)
        if found is None:
            misses[source_id] += 1
            hints += 1
            shown_text = display_path(fb.root / "sources" / (source_id + ".txt"), fb.root)
            if hints <= MAX_SPAN_HINTS and text.spans_paragraphs(quote):
                hint = "it runs across paragraphs; quote within one paragraph"
            else:
                hint = f"copy it character for character from {shown_text}"
                # The closest span, first difference marked: bounded like the span hint, since
                # each lookup compares against a paragraph.
                near = _finder(fb, source_id).find(quote) if hints <= MAX_SPAN_HINTS else None
                if near is not None:
                    hint += f"; closest is paragraph {near.paragraph}: {near.marked}"
            problems.append(
                f.doc.problem(loc, f"{what}: quote not found verbatim in its source: {hint}")
            )
        return found

    for f in files:
        if f.kind == "source" and f.model.id in fb.texts:
            s = f.model
            if s.title_kind == "original":
                # In its own language: title.en or title.nl, else `original_title`.
                at = ("title", s.language) if s.language in models.SITE_LANGUAGES else None
                place(
                    f,
                    s.id,
                    at or ("original_title",),
                    s.title[s.language] if at else s.original_title,
                    f"source '{s.id}': original title",
                )
            fb.boilerplate[s.id] = {}
            for name, line in (("permission", s.permission_line), ("disclaimer", s.disclaimer)):
                if line:
                    at = place(f, s.id, (name, "quote"), line.quote, f"source '{s.id}': {name}")
                    if at:
                        fb.metadata_paragraphs[s.id].add(at.paragraph)
            for i, b in enumerate(s.boilerplate):
                at = place(
                    f,
                    s.id,
                    ("boilerplate", i, "quote"),
                    b.quote,
                    f"source '{s.id}': boilerplate",
                )
                if at:
                    fb.boilerplate[s.id][at.paragraph] = b
        elif f.kind == "claims" and f.path.stem in fb.texts:
            source = fb.sources[f.path.stem]
            title_anchors = {heading_anchor(t) for t in (source.title.en, source.title.nl)}
            for i, c in enumerate(f.model.claims):
                if fb.claims.get(c.id) is not c:
                    continue  # a duplicate, reported already
                if c.id in title_anchors:
                    problems.append(
                        f.doc.problem(
                            ("claims", i, "id"),
                            f"claim id '{c.id}': its anchor '#{c.id}' is the title of its source "
                            "page; choose another id",
                        )
                    )
                at = place(f, f.path.stem, ("claims", i, "quote"), c.quote, f"claim '{c.id}'")
                if at and not fb.texts[f.path.stem].carries_claim(c.quote, at):
                    problems.append(
                        f.doc.problem(
                            ("claims", i, "quote"),
                            f"claim '{c.id}': the quote is too short to carry a claim; quote at "
                            f"least {MIN_QUOTE_WORDS} words, or a whole paragraph of the source",
                        )
                    )
                elif at:
                    fb.claim_place[c.id] = at
                    fb.claim_source[c.id] = f.path.stem
    return problems


def _source_quotes(files: list[DataFile], source_id: str) -> Iterator[str]:
    """Every quote checked against one source's text (as _check_quotes looks them up)."""
    for f in files:
        if f.kind == "source" and f.model.id == source_id:
            s = f.model
            yield s.title[s.language] if s.language in models.SITE_LANGUAGES else ""
            yield s.original_title or ""
            for line in (s.permission_line, s.disclaimer):
                if line:
                    yield line.quote
            for b in s.boilerplate:
                yield b.quote
        elif f.kind == "claims" and f.path.stem == source_id:
            for c in f.model.claims:
                yield c.quote


def _quote_index(fb: FactBase, files: list[DataFile], source_id: str) -> QuoteIndex:
    """All of one source's quotes found in one pass over its text (macros/facts/quote_index.py)."""
    key = ("quote-index", source_id)
    if key not in fb.memo:
        fb.memo[key] = QuoteIndex(fb.texts[source_id], _source_quotes(files, source_id))
    return fb.memo[key]


def _finder(fb: FactBase, source_id: str) -> QuoteFinder:
    key = ("quote-finder", source_id)
    if key not in fb.memo:
        fb.memo[key] = QuoteFinder(fb.texts[source_id])
    return fb.memo[key]


def _check_claims_per_source(files: list[DataFile]) -> list[Problem]:
    """A source's page shows all its claims, each at its permalink (`sources/<id>/#<claim>`),
    so it is not paged like an actor's; one article's claims are held to a number instead
    (macros/facts/limits.py; ARCHITECTURE.md, "Record pages")."""
    problems = []
    for f in files:
        n = len(f.model.claims) if f.kind == "claims" else 0
        if n > MAX_CLAIMS_PER_SOURCE:
            problems.append(
                f.doc.problem(
                    ("claims", MAX_CLAIMS_PER_SOURCE, "id"),
                    f"source '{f.path.stem}' has {n:,} claims; a source may have at most "
                    f"{MAX_CLAIMS_PER_SOURCE:,}, since its page shows every one of them at its "
                    "permalink: keep the claims that carry the article",
                )
            )
    return problems


def _check_record_pages(files: list[DataFile]) -> list[Problem]:
    """The site has at most MAX_RECORD_PAGES record pages a language: each costs the build time
    whatever it holds, so a pull request of thousands of empty actors is refused here, at the
    first record beyond, rather than after a build of a minute (macros/facts/limits.py)."""
    count = 0
    for kind in KINDS:
        if not kind.page_folder:
            continue
        for f in files:
            if f.kind != kind.file_kind:
                continue
            records = getattr(f.model, kind.records_field) if kind.records_field else [f.model]
            if count + len(records) <= MAX_RECORD_PAGES:
                count += len(records)
                continue
            index = MAX_RECORD_PAGES - count
            where = (kind.records_field, index, "id") if kind.records_field else ("id",)
            return [
                f.doc.problem(
                    where,
                    f"{kind.name} '{records[index].id}' would be record page "
                    f"{MAX_RECORD_PAGES + 1:,}; the site may have at most {MAX_RECORD_PAGES:,} "
                    "(sources, actors, briefings and comparisons together, each a page in "
                    "every language), so that any fact base builds in bounded time",
                )
            ]
    return []


def _check_pages_per_claim(files: list[DataFile]) -> list[Problem]:
    """A claim is drawn on its source's page and on the page of each actor and topic it names:
    at most MAX_PAGES_PER_CLAIM pages, so that the same claims cannot be spread over every page
    of the site (the site budget refuses that only after the whole build)."""
    problems = []
    for f in files:
        if f.kind == "events":
            problems += _check_pages_per_event(f)
        if f.kind != "claims":
            continue
        for i, claim in enumerate(f.model.claims):
            actors = (set(claim.about) | set(claim.said_by_all)) - {AUTHOR}
            pages = 1 + len(actors) + len(set(claim.topics))
            if pages > MAX_PAGES_PER_CLAIM:
                problems.append(
                    f.doc.problem(
                        ("claims", i, "about"),
                        f"claim '{claim.id}' would be drawn on {pages} pages (its source's, "
                        "and one for each actor and topic it names: "
                        f"{len(actors)} and {len(set(claim.topics))}); a claim may be on at most "
                        f"{MAX_PAGES_PER_CLAIM}: name the actors and topics it is chiefly about",
                    )
                )
    return problems


def _check_pages_per_event(f: DataFile) -> list[Problem]:
    """An event is drawn on the timeline and on the page of each actor and topic it names, with
    a link to each: at most MAX_PAGES_PER_CLAIM pages, as a claim (500 events each naming every
    actor and topic and citing every claim made a 783 MB site, refused only after a 69 s build
    that took 4 GB)."""
    problems = []
    for i, event in enumerate(f.model.events):
        pages = 1 + len(set(event.actors)) + len(set(event.topics))
        if pages > MAX_PAGES_PER_CLAIM:
            problems.append(
                f.doc.problem(
                    ("events", i, "actors"),
                    f"event '{event.id}' would be drawn on {pages} pages (the timeline, and one "
                    f"for each actor and topic it names: {len(set(event.actors))} and "
                    f"{len(set(event.topics))}); an event may be on at most {MAX_PAGES_PER_CLAIM}: "
                    "name the actors and topics it is chiefly about",
                )
            )
    return problems


def _check_kinds(fb: FactBase, files: list[DataFile]) -> list[Problem]:
    """A claim's kind must fit what it holds and who says it (docs/_prose/method.en.md)."""
    problems = []
    for f in files:
        if f.kind != "claims":
            continue
        source = fb.sources.get(f.path.stem)
        for i, c in enumerate(f.model.claims):
            at = ("claims", i, "kind")
            if c.kind == "statistic" and c.figure is None:
                problems.append(
                    f.doc.problem(
                        at,
                        f"claim '{c.id}': a statistic needs `figure` (value, unit, qualifier); "
                        "a claim without a number is a fact, an assessment or an opinion",
                    )
                )
            own_voice = source is not None and c.said_by in (AUTHOR, source.author)
            if c.kind == "assessment" and own_voice and source.kind == "opinion":
                problems.append(
                    f.doc.problem(
                        at,
                        f"claim '{c.id}': an assessment is a reporter's judgement or that of "
                        "someone the article cites; the author's own voice in an opinion piece "
                        "is an opinion: use kind opinion (or fact, statistic, forecast, question)",
                    )
                )
    return problems


def _check_relations(fb: FactBase, files: list[DataFile]) -> list[Problem]:
    """A relation joins claims of two sources, is stated once, and `updates` never loops."""
    problems = []
    source_of = {c.id: f.path.stem for f in files if f.kind == "claims" for c in f.model.claims}
    stated: dict[frozenset, str] = {}
    updates: dict[str, list[str]] = defaultdict(list)
    where: dict[tuple[str, str], tuple[DataFile, Loc]] = {}
    for f in files:
        if f.kind != "claims":
            continue
        for i, c in enumerate(f.model.claims):
            for j, r in enumerate(c.relations):
                at = ("claims", i, "relations", j, "claim")
                if r.claim not in source_of:
                    continue  # unknown: reported by _check_references
                if source_of[r.claim] == f.path.stem:
                    problems.append(
                        f.doc.problem(
                            at,
                            f"claim '{c.id}': its relation to '{r.claim}' is within one source; "
                            "relations join claims of different sources (how one article "
                            "stands to another)",
                        )
                    )
                    continue
                pair = frozenset((c.id, r.claim))
                if pair in stated:
                    problems.append(
                        f.doc.problem(
                            at,
                            f"claim '{c.id}': a relation with '{r.claim}' is stated already (on "
                            f"'{stated[pair]}'); state it once, both cards show it",
                        )
                    )
                    continue
                stated[pair] = c.id
                if r.kind == "updates":
                    updates[c.id].append(r.claim)
                    where[(c.id, r.claim)] = (f, at)
    for start, end in _cycle_edges(updates):
        f, at = where[(start, end)]
        problems.append(
            f.doc.problem(
                at,
                f"claim '{start}': `updates` '{end}' closes a cycle of updates; a later report "
                "updates an earlier one, never the other way round",
            )
        )
    return problems


def _check_coverage(fb: FactBase, files: list[DataFile], found: list[Problem]) -> list[Problem]:
    """Every source has claims, and every paragraph of its text is quoted by one or declared
    boilerplate: a paragraph passed over is something the article says that nobody checked.
    A source whose claims file has problems already is left until they are fixed: its missing
    quotes would show as uncovered paragraphs too."""
    problems = []
    claims_files = {f.path.stem: f for f in files if f.kind == "claims"}
    troubled = {p.path for p in found}
    covered: dict[str, set[int]] = defaultdict(set)
    for cid, source_id in fb.claim_source.items():
        covered[source_id].add(fb.claim_place[cid].paragraph)
    for f in files:
        if f.kind != "source" or f.model.id not in fb.texts:
            continue
        source_id = f.model.id
        claims = claims_files.get(source_id)
        if claims is None and (fb.root / "claims" / f"{source_id}.yml").exists():
            continue  # there, but it did not load: its own problems say why
        if claims is None:
            problems.append(
                f.doc.problem(
                    ("id",),
                    f"source '{source_id}' has no claims file: write "
                    f"{display_path(fb.root / 'claims' / (source_id + '.yml'), fb.root)} "
                    f"(`python -m macros new-source` writes one with a stub per paragraph)",
                )
            )
            continue
        if claims.shown_as in troubled:
            continue
        text = fb.texts[source_id]
        shown = display_path(fb.root / "sources" / (source_id + ".txt"), fb.root)
        for n in _uncovered(fb, source_id, covered[source_id]):
            problems.append(
                Problem(
                    shown,
                    text.lines[n - 1],
                    1,
                    f"paragraph {n} is neither quoted by a claim nor declared boilerplate: "
                    f"add a claim quoting it to {claims.shown_as}, or a `boilerplate` entry "
                    "with its reason to the source",
                )
            )
    return problems


def _uncovered(fb: FactBase, source_id: str, quoted: set[int]) -> list[int]:
    """The one coverage rule, for check and for FactBase.uncovered alike."""
    text = fb.texts[source_id]
    covered = quoted | set(fb.boilerplate.get(source_id, {})) | fb.metadata_paragraphs[source_id]
    # A paragraph printed twice (a repeated title) is covered by its first appearance.
    covered_text = {text.paragraphs[n - 1] for n in covered}
    return [
        n
        for n, paragraph in enumerate(text.paragraphs, start=1)
        if n not in covered and paragraph not in covered_text
    ]


def _dated_records(files: list[DataFile]) -> Iterator[tuple[DataFile, Loc, str, object]]:
    """(file, place of its date, "claim 'x'" or "event 'x'", record) for every claim and event
    that has a date."""
    for f in files:
        if f.kind in ("claims", "events"):
            many = "claims" if f.kind == "claims" else "events"
            for i, r in enumerate(getattr(f.model, many)):
                if r.date is not None:
                    yield f, (many, i, "date"), f"{many[:-1]} '{r.id}'", r


def _check_source_dates(fb: FactBase, files: list[DataFile]) -> list[Problem]:
    """`date: {source: X}` needs X to have a date: an undated source dates nothing."""
    problems = []
    for f, loc, what, record in _dated_records(files):
        date = record.date
        if (
            isinstance(date, models.SourceDate)
            and date.source in fb.sources
            and fb.sources[date.source].published is None
        ):
            problems.append(
                f.doc.problem(
                    (*loc, "source"),
                    f"{what}: field 'date': source '{date.source}' has no `published` date "
                    "to take; give the date itself, or leave it undated (remove `date`)",
                )
            )
    return problems


def _dates_from_sources(fb: FactBase) -> None:
    """Every `date: {source: X}` replaced by X's `published` date, whole: renderers, downloads
    and serve's change tracking see the date itself, exactly as X's record gives it."""
    for table in (fb.claims, fb.events):
        for rid, record in table.items():
            if isinstance(record.date, models.SourceDate):
                published = fb.sources[record.date.source].published
                table[rid] = record.model_copy(update={"date": published})


def _repeated_dates(fb: FactBase, files: list[DataFile]) -> list[Problem]:
    """An inferred date, reasons and all, copied from the source it comes from: said twice, it
    can drift apart. A claim is compared with its own source, an event with its evidence's."""
    warnings = []
    for f, loc, what, record in _dated_records(files):
        date = record.date
        if not isinstance(date, models.DateSpec) or date.basis != "inferred":
            continue
        if f.kind == "claims":
            sources = [f.path.stem]
        else:
            sources = list(dict.fromkeys(fb.claim_source[c] for c in record.evidence))
        same = next(
            (s for s in sources if s in fb.sources and fb.sources[s].published == date), None
        )
        if same:
            warnings.append(
                f.doc.problem(
                    loc,
                    f"warning: {what}: field 'date': its value and reasons repeat the `published` "
                    f"date of source '{same}'; write `date: {{source: {same}}}` to say them once",
                )
            )
    return warnings


def _permission_requested(files: list[DataFile]) -> list[Problem]:
    """Sources whose permission to quote is asked and not yet granted, each at its line."""
    return [
        f.doc.problem(
            ("permission",),
            f"source '{f.model.id}': permission to quote is only requested; the site may not be "
            "published until you replace `requested` with the article's permission line (or "
            "null) and say in the pull request who granted it",
        )
        for f in files
        if f.kind == "source" and f.model.permission == models.PERMISSION_REQUESTED
    ]


def _uncited(fb: FactBase, files: list[DataFile]) -> list[Problem]:
    """Claims that no topic summary, event, glossary term or comparison cites: on their source,
    actor and topic pages, but in no synthesis (`python -m macros suggest` lists where they may
    belong)."""
    cited = set(cited_claims(fb))
    warnings = []
    for f in files:
        if f.kind != "claims":
            continue
        for i, c in enumerate(f.model.claims):
            if c.id not in cited:
                warnings.append(
                    f.doc.problem(
                        ("claims", i, "id"),
                        f"warning: claim '{c.id}' is cited by no topic summary, event, term or "
                        "comparison",
                    )
                )
    return warnings


def cited_claims(fb: FactBase) -> Iterator[str]:
    """Every claim id an evidence list of a topic, event, term or comparison names."""
    for table in (fb.topics, fb.events, fb.terms):
        for record in table.values():
            yield from record.evidence
    for topic in fb.topics.values():
        if topic.takeaway:
            yield from topic.takeaway.evidence
    for c in fb.comparisons.values():
        for col in c.columns:
            if col.summary:
                yield from col.summary.evidence
        for row in c.rows:
            if c.kind == "table":
                for cell in row.cells.values():
                    yield from cell.evidence
            else:
                yield from row.evidence


def _cycle_edges(graph: dict[str, list[str]]) -> list[tuple[str, str]]:
    """The edges that close a cycle, one per cycle found by a depth-first walk."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    closing = []
    for root in list(graph):
        if root in state:
            continue
        stack = [(root, iter(graph.get(root, ())))]
        state[root] = 1
        while stack:
            node, nexts = stack[-1]
            for nxt in nexts:
                if state.get(nxt) == 1:
                    closing.append((node, nxt))
                elif nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, iter(graph.get(nxt, ()))))
                    break
            else:
                state[node] = 2
                stack.pop()
    return closing


def _index(fb: FactBase, files: list[DataFile]) -> None:
    source_order = {s: i for i, s in enumerate(fb.sources)}
    ordered = sorted(
        fb.claims,
        key=lambda c: (
            source_order[fb.claim_source[c]],
            fb.claim_place[c].paragraph,
            fb.claim_place[c].offset,
        ),
    )
    fb.claims = {c: fb.claims[c] for c in ordered}
    for cid, claim in fb.claims.items():
        fb.claims_by_source[fb.claim_source[cid]].append(cid)
        for actor in dict.fromkeys(claim.about):
            fb.claims_by_actor[actor].append(cid)
        for topic in dict.fromkeys(claim.topics):
            fb.claims_by_topic[topic].append(cid)
        for who in dict.fromkeys(fb.speakers(cid)):
            fb.claims_said_by[who].append(cid)
        for r in claim.relations:
            relation = Relation(cid, r.kind, r.claim, r.note)
            fb.relations.append(relation)
            fb.relations_of[cid].append(relation)
            fb.relations_of[r.claim].append(relation)
    for eid, event in fb.events.items():
        for actor in dict.fromkeys(event.actors):
            fb.events_by_actor[actor].append(eid)
        for topic in dict.fromkeys(event.topics):
            fb.events_by_topic[topic].append(eid)
