"""Dates in the Extended Date/Time Format (EDTF, Library of Congress), level 1, as the data
writes them: "2022", "2025-12-02", "2022~", "202X", "2024-12/2025-01", "2025-12-02/..", "../2024".

The `edtf` package is the authority on the grammar and on the earliest and latest day a date
allows. Two things it does not do are done here: it accepts days that do not exist (2025-02-29),
and it reads every level at once, while the site renders only the level-1 forms listed in FORMS.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import io
import math
import re
from dataclasses import dataclass

from edtf.parser.grammar import level0Expression, level1Expression
from edtf.parser.grammar import parse_edtf as _parse_any_level
from pyparsing import ParserElement

# The years the site dates (a typo such as "2205" is caught rather than published).
FIRST_YEAR, LAST_YEAR = 1900, 2099

FORMS = (
    '"2022", "2025-01" or "2025-12-02"; "2022~" (around), "2022?" (possibly), '
    '"2022%" (possibly around), "202X" (the 2020s), "2025-21" (spring 2025), '
    '"2024-12/2025-01" (between), "2025-12-02/.." (on or after), "../2024" (by), '
    '"[2023,2024]" (one of: 2023 or 2024); '
    "see data/README.md"
)

_UNSPECIFIED = (
    "'{value}': an unknown digit (X) may end the year (\"202X\", the 2020s) or stand for a "
    'whole month or day ("2025-XX", "2025-03-XX"), nothing else'
)
# [0-9], not \d: Python's \d also matches other scripts' digits ("٢٠٢٢").
_POINT = r"([0-9]{4}|[0-9]{3}X|[0-9]{2}XX|[0-9]XXX)(?:-([0-9]{2}|XX)(?:-([0-9]{2}|XX))?)?([~?%]?)"
_VALUE = re.compile(rf"{_POINT}(?:/(?:{_POINT}|\.\.))?|\.\./{_POINT}")
_ONE_POINT = re.compile(_POINT)
# EDTF level 2's "one of a set": "[2023,2024]" is 2023 or 2024 (an article's "last year" when
# the article itself is dated only to within two years). Members are single dates, in order.
_ONE_OF = re.compile(rf"\[({_POINT}(?:,{_POINT})+)\]")
MAX_CHOICES = 4
# The same forms for editors' JSON Schema checks; the model's own check gives the messages.
SCHEMA_PATTERN = f"^(?:{_VALUE.pattern}|{_ONE_OF.pattern})$"

_LEVEL_0_OR_1 = level0Expression ^ level1Expression

# The longest form the site accepts, "2024-12-02%/2025-01-31%", has 23 characters. A value is
# measured before anything parses it: the grammar backtracks, and a 2 kB value took 9 s.
MAX_LENGTH = 40
# What any EDTF level writes with ("Y17E7", "[1667,1668..1670]", "{2020,2021}", "2004-?06"):
# anything else is no date at any level, and the grammar is not asked.
_EDTF_ALPHABET = re.compile(r"[0-9XYSE~?%./\-\[\]{},^T:Z+ ]+")
# Values no longer than this that fail the level-1 forms are tried against the whole grammar,
# to say "EDTF, but not a form this site uses"; it takes up to 0.25 s on a hostile 24 characters
# (pyparsing backtracks), so at most MAX_DIAGNOSES distinct values per load are tried; the rest
# get the plain message.
_DIAGNOSE_LENGTH = 24
MAX_DIAGNOSES = 10
_diagnosed: dict[str, bool] = {}
_tries = [0]
_CACHE_SIZE = 4096
_cache: dict[str, Edtf | str] = {}
# The forms the data writes are read by _common_bounds without the grammar: it takes about a
# millisecond a value (six under load), and 5,500 events with distinct valid dates took 31 s of
# `check`. Anything else is the grammar's to judge, for at most MAX_GRAMMAR_DATES distinct values
# per load (tests/unit/test_dates.py holds the shortcut to the grammar over every form).
MAX_GRAMMAR_DATES = 50
_grammar_reads = [0]
# A single date: "2025", "2025-03", "2025-03-14", "202X", "20XX", "2025-XX", "2025-XX-XX",
# "2025-03-XX", each with a qualifier or none; a season ("2025-21") without one.
_COMMON_POINT = re.compile(
    r"(?:[0-9]{4}|[0-9]{3}X|[0-9]{2}XX)[~?%]?"
    r"|[0-9]{4}-(?:(?:0[1-9]|1[0-2])(?:-[0-9]{2}|-XX)?|XX(?:-XX)?)[~?%]?"
    r"|[0-9]{4}-2[1-4]"
)
# An end of an interval: digits only, a season qualified or not, or open ("..").
_COMMON_END = re.compile(r"\.\.|[0-9]{4}(?:-(?:0[1-9]|1[0-2]|2[1-4])(?:-[0-9]{2})?)?[~?%]?")
# Months of a season, as the edtf package reads them (edtf.appsettings.SEASON_MONTHS_RANGE).
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 12)}


class _Undiagnosed(ValueError):
    """The plain message, given because the budget was spent: not cached, the next load may say
    more."""


def new_load() -> None:
    """A fresh budget of full-grammar diagnoses and reads (factbase.load calls it)."""
    _tries[0] = 0
    _grammar_reads[0] = 0


SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}


@dataclass(frozen=True)
class Point:
    """One end of a date as written: year (with X for unspecified digits), month, day."""

    year: str
    month: str | None
    day: str | None
    qualifier: str  # "", "~" approximate, "?" uncertain, "%" both

    @property
    def season(self) -> int | None:
        return (
            int(self.month)
            if self.month and self.month.isdigit() and int(self.month) > 12
            else None
        )

    @property
    def unspecified_year_digits(self) -> int:
        return self.year.count("X")

    @property
    def iso(self) -> str | None:
        """The point as an HTML date ("2025", "2025-12", "2025-12-02"), when it is one."""
        if "X" in self.year or self.season:
            return None
        parts = [self.year]
        for part in (self.month, self.day):
            if part is None or part == "XX":
                break
            parts.append(part)
        return "-".join(parts)


@dataclass(frozen=True)
class Edtf:
    value: str
    start: Point | None  # None: open (".."); a single date is its own start and end
    end: Point | None
    is_interval: bool
    earliest: datetime.date | None  # None: no earliest day (an open start)
    latest: datetime.date | None  # None: no latest day (an open end)
    # One of a set ("[2023,2024]"): its members; start and end are the first and the last.
    choices: tuple[Point, ...] = ()


def _day(bound) -> datetime.date | None:
    if isinstance(bound, float) and math.isinf(bound):
        return None
    return datetime.date(bound.tm_year, bound.tm_mon, bound.tm_mday)


def _point(text: str | None) -> Point | None:
    if text is None or text == "..":
        return None
    year, month, day, qualifier = _ONE_POINT.fullmatch(text).groups()
    return Point(year, month, day, qualifier)


def _calendar_problem(value: str) -> str | None:
    """A month or day that does not exist, said plainly (the grammar only says 'invalid')."""
    for year, month, day in re.findall(r"(?<![0-9-])([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?", value):
        m = int(month)
        if not (1 <= m <= 12 or (m in SEASONS and not day)):
            return f"'{value}' has no month {m}"
        if day:
            last = calendar.monthrange(int(year), m)[1]
            if not 1 <= int(day) <= last:
                return f"'{value}' is not a date: that month has {last} days"
    return None


@contextlib.contextmanager
def _quiet():
    # The parser prints to stdout when a form fails inside it ("../202X", "2025-1X"): a line
    # with no location in the middle of check's output.
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            yield
    finally:
        # edtf turns on pyparsing's packrat cache, which keeps the exceptions of the last parse
        # with their tracebacks: their frames held the whole stack that asked, the loader's
        # fact base included, until the next parse (one a serve reload may never make).
        ParserElement.reset_cache()


def _valid_at_any_level(value: str) -> bool | None:
    """Whether `value` is EDTF at some level; None when that was not worked out (too long, or
    the run's budget of full-grammar tries is spent)."""
    if value in _diagnosed:
        return _diagnosed[value]
    if not _EDTF_ALPHABET.fullmatch(value):
        return False
    if len(value) > _DIAGNOSE_LENGTH or _tries[0] >= MAX_DIAGNOSES:
        return None
    _tries[0] += 1
    if len(_diagnosed) >= _CACHE_SIZE:
        _diagnosed.clear()
    try:
        with _quiet():
            valid = _parse_any_level(value) is not None
    except Exception:  # noqa: BLE001 - it raises more than its own exception on odd input
        valid = False
    _diagnosed[value] = valid
    return valid


def _point_bounds(year: str, month: str | None, day: str | None) -> tuple[datetime.date, ...]:
    """The first and last day a point allows (a qualifier does not move them): what the edtf
    package's lower_strict and upper_strict give, worked out directly."""
    first_year, last_year = int(year.replace("X", "0")), int(year.replace("X", "9"))
    if month is None or month == "XX":
        return datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 31)
    first_month, last_month = _SEASON_MONTHS.get(int(month), (int(month), int(month)))
    if day is None or day == "XX":
        last_day = calendar.monthrange(last_year, last_month)[1]
        return datetime.date(first_year, first_month, 1), datetime.date(
            last_year, last_month, last_day
        )
    return (datetime.date(first_year, first_month, int(day)),) * 2


def _common_bounds(value: str) -> tuple[datetime.date | None, datetime.date | None] | None:
    """The strict bounds of `value` when it is one of the common forms (already matched by
    _VALUE and free of calendar problems); None when the grammar must judge it."""
    if "/" not in value:
        if not _COMMON_POINT.fullmatch(value):
            return None
        point = _point(value)
        return _point_bounds(point.year, point.month, point.day)
    ends = value.split("/")
    if not all(_COMMON_END.fullmatch(end) for end in ends):
        return None
    start, end = (_point(end) for end in ends)
    return (
        None if start is None else _point_bounds(start.year, start.month, start.day)[0],
        None if end is None else _point_bounds(end.year, end.month, end.day)[1],
    )


def _grammar_bounds(value: str) -> tuple[datetime.date | None, datetime.date | None]:
    """The edtf package's strict bounds of `value`, or ValueError (also when this load has read
    MAX_GRAMMAR_DATES uncommon dates already: each costs milliseconds)."""
    if _grammar_reads[0] >= MAX_GRAMMAR_DATES:
        raise _Undiagnosed(
            f"'{value}' is not one of the common forms, and a check reads at most "
            f"{MAX_GRAMMAR_DATES} dates of other forms; write it as one of: {FORMS}"
        )
    _grammar_reads[0] += 1
    with _quiet():
        parsed = _LEVEL_0_OR_1.parse_string(value, parse_all=True)[0]
    return _day(parsed.lower_strict()), _day(parsed.upper_strict())


def _bounds(point: Point) -> tuple[datetime.date, datetime.date]:
    # A qualifier does not move the strict bounds, and "2024-21~" is grammatical only inside
    # an interval: the point is measured without it.
    return _point_bounds(point.year, point.month, point.day)


def parse(value: str) -> Edtf:
    """The date `value` means, or ValueError saying plainly what is wrong with it.

    Cached, failures too: the grammar takes milliseconds per value and the data repeats its dates.
    """
    result = _cache.get(value)
    if result is None:
        try:
            result = _parse(value)
        except _Undiagnosed:
            raise
        except ValueError as exc:
            result = str(exc)
        if len(_cache) >= _CACHE_SIZE:
            _cache.clear()
        _cache[value] = result
    if isinstance(result, str):
        raise ValueError(result)
    return result


def _parse(value: str) -> Edtf:
    if len(value) > MAX_LENGTH:
        raise ValueError(
            f"a date has at most {MAX_LENGTH} characters (this one has {len(value):,}): {FORMS}"
        )
    if value.startswith("[") and value.endswith("]") and len(value) > 2:
        return _one_of(value)
    written = _VALUE.fullmatch(value)
    if written is None:
        problem = _calendar_problem(value)
        if problem:
            raise ValueError(problem)
        if value.startswith("/") or value.endswith("/"):
            raise ValueError(
                f"'{value}' leaves an end of the interval empty (unknown); write '..' for an "
                'open end, as in "2025-12-02/.." (on or after) or "../2024" (by)'
            )
        if "X" in value:
            raise ValueError(_UNSPECIFIED.format(value=value))
        if value == "../..":
            raise ValueError("'../..' is open at both ends: it dates nothing; leave `date` out")
        valid = _valid_at_any_level(value)
        if valid:
            raise ValueError(
                f"'{value}' is EDTF, but not one of the level-1 forms this site uses: {FORMS}"
            )
        if valid is None:
            raise _Undiagnosed(f"must be a date written in EDTF: {FORMS}")
        raise ValueError(f"must be a date written in EDTF: {FORMS}")
    problem = _calendar_problem(value)
    if problem:
        raise ValueError(problem)
    try:
        bounds = _common_bounds(value) or _grammar_bounds(value)
    except _Undiagnosed:
        raise
    except Exception:  # noqa: BLE001 - see _valid_at_any_level
        if "X" in value:
            raise ValueError(_UNSPECIFIED.format(value=value)) from None
        raise ValueError(f"'{value}' is not EDTF level 1: {FORMS}") from None
    if "/" in value:
        start_text, end_text = value.split("/")
        start, end = _point(start_text), _point(end_text)
    else:
        start = end = _point(value)
    earliest, latest = bounds
    for bound in (earliest, latest):
        if bound is not None and not FIRST_YEAR <= bound.year <= LAST_YEAR:
            raise ValueError(
                f"'{value}' reaches the year {bound.year}; this site dates things between "
                f"{FIRST_YEAR} and {LAST_YEAR}"
            )
    closed = start is not None and end is not None and start is not end
    if closed and not _bounds(start)[1] < _bounds(end)[0]:
        raise ValueError(f"'{value}': an interval must end after its start")
    return Edtf(value, start, end, "/" in value, earliest, latest)


def _one_of(value: str) -> Edtf:
    """`[A,B]`: A or B, each a single date of the forms above, in order, at most MAX_CHOICES."""
    members = value[1:-1].split(",")
    if len(members) > MAX_CHOICES:
        raise ValueError(f"'{value}': one of a set has at most {MAX_CHOICES} dates")
    for member in members:
        if not _ONE_POINT.fullmatch(member):
            raise ValueError(
                f'\'{value}\': each date of a set is a single date ("2023", "2025-01", '
                f"\"2025-12-02\"), written out, not '{member}'"
            )
    if len(members) < 2:
        raise ValueError(f"'{value}': one of a set needs two dates or more, as in \"[2023,2024]\"")
    dates = [_parse(member) for member in members]
    for before, after in zip(dates, dates[1:], strict=False):
        if not before.latest < after.earliest:
            raise ValueError(f"'{value}': the dates of a set go from earliest to latest, apart")
    return Edtf(
        value,
        dates[0].start,
        dates[-1].start,
        False,
        dates[0].earliest,
        dates[-1].latest,
        tuple(d.start for d in dates),
    )
