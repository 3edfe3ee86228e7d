"""The typed shape of every data file: the single source of truth for the JSON Schemas.

Models are strict (unknown keys and wrong types are errors) and frozen. Checks that need more than
one file (references, quotes against source texts) live in `factbase`.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from babel import Locale
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

from macros.facts import addresses, characters, edtf_dates
from macros.facts.limits import (
    MAX_ACTOR_NAME_LENGTH,
    MAX_ALIAS_LENGTH,
    MAX_ALIASES,
    MAX_COMPARISON_COLUMNS,
    MAX_EVIDENCE,
    MAX_EVIDENCE_PER_EVENT,
    MAX_RELATIONS_PER_CLAIM,
    MAX_TERM_WORDS,
    MAX_TITLE_LENGTH,
)
from macros.facts.problems import did_you_mean

SCHEMA_VERSION = "1.0"

# Template syntax; and, in macros/facts/characters.py, every invisible character (by Unicode
# property): tab and line breaks included, since each text is one line (YAML's `>` and `|` blocks
# keep line breaks, a plain multi-line scalar folds them into spaces).
_TEMPLATE = re.compile(r"\{[{%#]|[}%#]\}")


def _clean(value: str) -> str:
    """Refuses template syntax and invisible characters, saying which and where."""
    # Template syntax needs a brace; most texts have none, and `in` finds that out in C.
    if ("{" in value or "}" in value) and _TEMPLATE.search(value):
        raise ValueError("template syntax ({{ }}, {% %}, {# #}) is not allowed in data")
    found = characters.first_refused(value)
    if found:
        ch = found.group()
        raise ValueError(
            f"{characters.kind(ch)} are not allowed in text (found {characters.code_point(ch)} "
            f"at character {found.start() + 1})"
        )
    return value


def _plain(value: str) -> str:
    # Called for every text of every record: most pass at once (characters.plainly_clean).
    if characters.plainly_clean(value) and value and not value.isspace():
        return value
    if not value.strip():
        raise ValueError("must not be empty")
    return _clean(value)


ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://[^\s<>\"'`]+$"

PlainStr = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_plain)]
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=64),
    Field(description="kebab-case: lower-case letters, digits and single hyphens"),
]


def _each_once(ids: list[str]) -> list[str]:
    # A repeated id says nothing more, but multiplies what is published (facts.json) and
    # escapes the bound on the pages a claim is drawn on, which counts distinct pages.
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            raise ValueError(f"names '{value}' twice; list each id once")
        seen.add(value)
    return ids


Ids = Annotated[list[Id], AfterValidator(_each_once)]
# Each spelling is a pattern the search index tags entries with and the voice check looks for in
# every claim that names the actor: 90,000 of them on one line took check 10 s and a build 200 s
# (issue 26, the attacker of the round after the pull-request bound). The real actors have at
# most 4.
Alias = Annotated[str, StringConstraints(max_length=MAX_ALIAS_LENGTH), AfterValidator(_plain)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Text(Strict):
    """A human-readable text in both languages of the site."""

    en: PlainStr
    nl: PlainStr

    def __getitem__(self, lang: str) -> str:
        # A UI language the data is not written in (a third catalog) shows the English text.
        return getattr(self, lang) if lang in ("en", "nl") else self.en


ShortStr = Annotated[
    str, StringConstraints(max_length=MAX_ACTOR_NAME_LENGTH), AfterValidator(_plain)
]


class Name(Text):
    """An actor's name in both languages: shown wherever it is named, and a spelling the search
    index tags entries with, so as short as an alias."""

    en: ShortStr
    nl: ShortStr


TitleStr = Annotated[str, StringConstraints(max_length=MAX_TITLE_LENGTH), AfterValidator(_plain)]


class Title(Text):
    """A source's title or a briefing's name: repeated wherever the source is cited or the
    briefing is named (each citation's link carries its source's title), so bounded: titles of
    2,000 characters cited by 487 briefings of 74 claims each built 5.6 GB (the sixth attacker
    of 2026-12-07). The real ones have at most 160 characters."""

    en: TitleStr
    nl: TitleStr


# Claims a record cites (a briefing's summary, a cell, an axis, a term): each is a citation
# wherever the record is shown. The real records cite at most 28.
Evidence = Annotated[Ids, Field(min_length=1, max_length=MAX_EVIDENCE)]


def _date_text(value: object) -> object:
    # `date: 2022` arrives as a number; a year written either way means the same.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _edtf(value: str) -> str:
    edtf_dates.parse(value)  # raises ValueError with the message a contributor sees
    return value


DateValue = Annotated[
    str,
    BeforeValidator(_date_text),
    AfterValidator(_edtf),
    Field(
        description='An EDTF level-1 date: "2022", "2025-01", "2025-12-02", "2022~" '
        '(around), "2022?" (possibly), "202X" (the 2020s), "2024-12/2025-01" (between), '
        '"2025-12-02/.." (on or after), "../2024" (by); the precision follows from the form',
        json_schema_extra={"pattern": edtf_dates.SCHEMA_PATTERN},
    ),
]


class DateSpec(Strict):
    value: DateValue
    basis: Literal["stated", "inferred"]
    inferred_from: Text | None = None

    @model_validator(mode="after")
    def _explained(self) -> DateSpec:
        if self.basis == "inferred" and self.inferred_from is None:
            raise ValueError(
                "an inferred date needs `inferred_from` saying what it was inferred from"
            )
        if self.basis == "stated" and self.inferred_from is not None:
            raise ValueError("`inferred_from` belongs to inferred dates only (basis: inferred)")
        return self

    @property
    def edtf(self) -> edtf_dates.Edtf:
        return edtf_dates.parse(self.value)


# The fact base puts the source's date in its place when it loads (factbase._dates_from_sources).
class SourceDate(Strict):
    """`date: {source: id}`: the `published` date of that source, taken whole (value, basis and
    reasons), said once in its record instead of again on every claim and event it dates."""

    source: Id = Field(description="the id of the source whose `published` date this is")

    @model_validator(mode="before")
    @classmethod
    def _alone(cls, data: object) -> object:
        if isinstance(data, dict) and set(data) - {"source"}:
            raise ValueError(
                "`source` takes that source's date whole: remove "
                f"{', '.join(f'`{k}`' for k in data if k != 'source')}, or remove `source` "
                "and give the date itself"
            )
        return data


def _date_form(value: object) -> str:
    if isinstance(value, SourceDate) or isinstance(value, dict) and "source" in value:
        return "of-source"
    return "dated"


# A claim's or an event's date: given here, or the date of a source (one form or the other, so
# a mistake is reported against the form meant, not against both).
RecordDate = Annotated[
    Annotated[DateSpec, Tag("dated")] | Annotated[SourceDate, Tag("of-source")],
    Discriminator(_date_form),
]
_RECORD_DATE = (
    "when what it describes happened: a date (value, basis), or `{source: id}` for the "
    "`published` date of that source, taken whole; leave it out when undated"
)
# pydantic puts a tagged union's tag in an error's location; it is not a key of the data.
UNION_TAGS = frozenset({"table", "axes", "dated", "of-source"})


def _known_language(code: str) -> str:
    if code not in LANGUAGE_CODES:
        raise ValueError(
            f"unknown language code '{code}'{did_you_mean(code.lower(), LANGUAGE_CODES)}: "
            "give the two-letter ISO 639-1 code of the source's language (nl, en, fr, de, ...)"
        )
    return code


# Two-letter ISO 639-1 codes that Babel can name, so every source language has a name to show.
LANGUAGE_CODES = sorted(c for c in Locale("en").languages if re.fullmatch("[a-z]{2}", c))
LanguageCode = Annotated[
    str,
    AfterValidator(_known_language),
    Field(
        description="ISO 639-1 code of the source's language",
        json_schema_extra={"enum": LANGUAGE_CODES},
    ),
]


# The pattern alone let NUL, ESC, U+202E and `{{ }}` through into the HTML and facts.json.
HttpUrl = Annotated[
    str, StringConstraints(pattern=URL_PATTERN, max_length=2000), AfterValidator(_clean)
]


STUB_CLAIM = (
    "unfinished stub (written by new-source): shorten `quote` to the span that carries one claim "
    "(or keep the whole paragraph), give it a meaningful `id`, fill in `text` (en, nl), `kind`, "
    "`said_by`, `about` and `topics`, then delete the `todo` line; or delete the stub if the "
    "paragraph is boilerplate (then list it under `boilerplate` in the source record)"
)
STUB_SOURCE = (
    "unfinished source record (written by new-source): check `title` and `title_kind`, "
    "`author`, `publisher`, `published`, `url`, `permission`, `archive` and every proposed "
    "`boilerplate` line, then delete the `todo` line"
)


def _not_a_stub(message: str):
    def check(data: object) -> object:
        if isinstance(data, dict) and "todo" in data:
            raise ValueError(message)
        return data

    return check


class QuotedLine(Strict):
    """A line of the article quoted as metadata (a permission or disclaimer), with its meaning."""

    quote: PlainStr
    text: Text


PERMISSION_REQUESTED = "requested"


def _permission_form(value: object) -> object:
    # One message for any other value (`granted`, `yes`), not one per form it is not.
    if not (value is None or value == PERMISSION_REQUESTED or isinstance(value, dict | QuotedLine)):
        raise ValueError(
            f"write the permission line (`quote` and `text`), `{PERMISSION_REQUESTED}` while "
            f"permission to quote is being asked, or null (found {value!r})"
        )
    return value


# The permission line; `requested` while permission to quote is asked and not yet granted (check
# accepts it with a warning, publishing refuses it: `python -m macros check --publish`).
Permission = Annotated[
    QuotedLine | Literal["requested"] | None,
    BeforeValidator(_permission_form),
    Field(
        description="the article's permission line (quote, text); `requested` while permission "
        "to quote is asked and not yet granted (the site cannot be published then); or null"
    ),
]


class Boilerplate(Strict):
    quote: PlainStr
    reason: Text


def _iso_day(value: str) -> str:
    import datetime

    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a day of the calendar (YYYY-MM-DD)") from None
    return value


# The feeds date a source's entry by this, never by the build clock: a rebuild changes nothing.
AddedDate = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
    AfterValidator(_iso_day),
    Field(
        description="The day the source entered the fact base (YYYY-MM-DD): dates its feed entry"
    ),
]


class Source(Strict):
    """One article: its metadata. Its full text lies beside it as `<id>.txt`."""

    _stub = model_validator(mode="before")(_not_a_stub(STUB_SOURCE))

    id: Id
    title: Title
    title_kind: Literal["original", "editorial"]
    kind: Literal["news", "opinion", "newsletter", "analysis"]
    language: LanguageCode
    author: Id | None
    translators: Ids = []
    publisher: Id | None
    newsletter: Id | None = None
    published: DateSpec | None
    # http(s), no user information, a registrable host in one script per label
    # (macros/facts/addresses.py)
    url: Annotated[HttpUrl, BeforeValidator(addresses.check)] | None
    archived_from: PlainStr
    permission: Permission = None
    disclaimer: QuotedLine | None = None
    boilerplate: list[Boilerplate] = []
    # Issue 13's fields; issue 15 adds its own after these.
    note: Text | None = Field(
        None, description="what a reader should know about this source, in both languages"
    )
    archive: Literal["complete", "excerpt"] = Field(
        "complete",
        description="`excerpt` when the archived text holds only part of the article",
    )
    original_title: PlainStr | None = Field(
        None,
        description="the article's own title when its language is not a site language (en, nl); "
        "with `title_kind: original` it is checked against the text",
    )
    added: AddedDate

    @property
    def permission_line(self) -> QuotedLine | None:
        """The permission line the article prints, if any (not a pending request)."""
        return self.permission if isinstance(self.permission, QuotedLine) else None

    @model_validator(mode="after")
    def _original_title(self) -> Source:
        if self.original_title is not None and self.language in SITE_LANGUAGES:
            raise ValueError(
                f"`original_title` is for sources in other languages; a source in "
                f"'{self.language}' keeps its original title in `title.{self.language}`"
            )
        if (
            self.title_kind == "original"
            and self.language not in SITE_LANGUAGES
            and self.original_title is None
        ):
            raise ValueError(
                "`title_kind: original` on a source in a language the site is not written in "
                "needs `original_title`: the title as the article prints it"
            )
        return self


SITE_LANGUAGES = ("en", "nl")

RelationKind = Literal["supports", "contradicts", "qualifies", "updates"]


class Relation(Strict):
    """How a claim stands to a claim of another source; stated once, shown on both cards."""

    kind: RelationKind = Field(
        description="supports, contradicts, qualifies (narrows or adds a condition), or updates "
        "(reports a later state of the same matter)"
    )
    claim: Id = Field(description="the id of a claim from another source")
    note: Text = Field(description="why the quotes bear this relation out")


ClaimKind = Literal["fact", "statistic", "assessment", "opinion", "forecast", "question"]
Qualifier = Literal["exact", "about", "more-than", "at-least", "fewer-than", "up-to"]


class Figure(Strict):
    value: Annotated[float, Field(ge=0, allow_inf_nan=False)]
    unit: Text
    qualifier: Qualifier
    period: Text | None = None


class Claim(Strict):
    _stub = model_validator(mode="before")(_not_a_stub(STUB_CLAIM))

    id: Id
    quote: PlainStr
    text: Text
    kind: ClaimKind
    said_by: Id | Annotated[Ids, Field(min_length=2)] = Field(
        description="`author` for the article's own voice, else an actor id; a list of actor ids "
        "for a joint statement"
    )
    about: Annotated[Ids, Field(min_length=1)]
    topics: Annotated[Ids, Field(min_length=1)]
    date: RecordDate | None = Field(None, description=_RECORD_DATE)
    figure: Figure | None = None
    note: Text | None = None
    # Every card of either claim shows the relation, and each briefing of either lists it among
    # its disagreements: 4,000 relations made 2,800 extra pages (the real claims have at most 1).
    relations: Annotated[list[Relation], Field(max_length=MAX_RELATIONS_PER_CLAIM)] = []

    @property
    def said_by_all(self) -> list[str]:
        return [self.said_by] if isinstance(self.said_by, str) else list(self.said_by)


class ClaimsFile(Strict):
    claims: Annotated[list[Claim], Field(min_length=1)]


class Actor(Strict):
    id: Id
    name: Name
    kind: Literal[
        "country",
        "bloc",
        "company",
        "organisation",
        "person",
        "product",
        "publication",
        "group",
    ]
    description: Text
    aliases: Annotated[list[Alias], Field(max_length=MAX_ALIASES), AfterValidator(_each_once)] = []


class ActorsFile(Strict):
    actors: Annotated[list[Actor], Field(min_length=1)]


class Cell(Strict):
    term: Text | None = None
    text: Text
    evidence: Evidence


class Topic(Strict):
    id: Id
    name: Title
    summary: Text
    evidence: Evidence
    # One sentence, cited, for the home page's key takeaways (the summary is on the briefing).
    takeaway: Cell | None = None


class TopicsFile(Strict):
    topics: Annotated[list[Topic], Field(min_length=1)]


class Event(Strict):
    id: Id
    date: RecordDate | None = Field(None, description=_RECORD_DATE)
    title: Text
    actors: Ids = []
    topics: Ids = []
    # Every page that lists the event cites each (the real events cite one or two claims).
    evidence: Annotated[Ids, Field(min_length=1, max_length=MAX_EVIDENCE_PER_EVENT)]


class EventsFile(Strict):
    events: Annotated[list[Event], Field(min_length=1)]


def _few_words(text: Text | None) -> Text | None:
    # Every word of every text is a place where a term may start, and the glossary links walk a
    # term's words from there: a term of 991 words made 40 summaries of one repeated word build
    # for 80 s (issue 26, the second attacker of 2026-12-07). The real ones have at most 3.
    for lang in ("en", "nl"):
        if text is not None and len(re.findall(r"\w+", text[lang])) > MAX_TERM_WORDS:
            raise ValueError(f"may have at most {MAX_TERM_WORDS} words in each language")
    return text


class Term(Strict):
    id: Id
    term: Annotated[Text, AfterValidator(_few_words)]
    expansion: Annotated[Text | None, AfterValidator(_few_words)] = None
    definition: Text
    evidence: Annotated[Ids, Field(max_length=MAX_EVIDENCE)] = []


class GlossaryFile(Strict):
    terms: Annotated[list[Term], Field(min_length=1)]


class Column(Strict):
    id: Id
    label: Text
    actor: Id | None = None
    source: Id | None = None
    # The column's view in a few sentences, cited: the home page's bottom line shows each
    # column of the framings table this way (render/home.py).
    summary: Cell | None = None

    @model_validator(mode="after")
    def _one_subject(self) -> Column:
        if (self.actor is None) == (self.source is None):
            raise ValueError("a column stands for exactly one of `actor` or `source`")
        return self


class TableRow(Strict):
    id: Id
    label: Text
    cells: dict[Id, Cell]


class Poles(Strict):
    left: Text
    right: Text


class AxisRow(Strict):
    id: Id
    poles: Poles
    positions: dict[Id, Literal["left", "right", "middle"]]
    evidence: Evidence


class _ComparisonBase(Strict):
    id: Id
    title: Title
    intro: Text | None = None
    said_by: Id | None
    # Each row is drawn once per column (a cell, a dot on an axis, a pole's text beside it): 165
    # columns made 11 rows a 1.7 MB page and 40 such files a 41 s build that took 1.9 GB (the
    # third attacker of 2026-12-07). The real comparisons have 2.
    columns: Annotated[list[Column], Field(min_length=2, max_length=MAX_COMPARISON_COLUMNS)]
    note: Text | None = Field(
        None,
        description="the editorial note under an arrangement that is no one's framework "
        "(`said_by: null`); without it the site says it is an editorial arrangement",
    )

    def _check_keys(self, rows: list, field: str) -> None:
        wanted = [c.id for c in self.columns]
        for row in rows:
            got = list(getattr(row, field))
            if sorted(got) != sorted(wanted):
                raise ValueError(
                    f"row '{row.id}': `{field}` must have one entry per column "
                    f"({', '.join(wanted)}), found {', '.join(got) or 'none'}"
                )


class TableComparison(_ComparisonBase):
    kind: Literal["table"]
    rows: Annotated[list[TableRow], Field(min_length=1)]

    @model_validator(mode="after")
    def _cells_match_columns(self) -> TableComparison:
        self._check_keys(self.rows, "cells")
        return self


class AxesComparison(_ComparisonBase):
    kind: Literal["axes"]
    rows: Annotated[list[AxisRow], Field(min_length=1)]

    @model_validator(mode="after")
    def _positions_match_columns(self) -> AxesComparison:
        self._check_keys(self.rows, "positions")
        return self


Comparison = Annotated[TableComparison | AxesComparison, Field(discriminator="kind")]
