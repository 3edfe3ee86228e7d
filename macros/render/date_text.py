"""Dates in words, in the reader's language: "2 December 2025", "around 2022", "the 2020s",
"between December 2024 and January 2025", "on or after 2 December 2025", "by 2024".

Day and month names and the order of day, month and year come from Babel's locale data (the
catalog's locale: en_GB, nl); the frames around them from the catalogs (macros/locale/). Every
end that is a calendar date is a <time> element, so machines read what readers read.
"""

from __future__ import annotations

import datetime

from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from markupsafe import Markup, escape

from macros.facts.edtf_dates import Edtf, Point
from macros.render.html import tag, text
from macros.render.labels import locale_of, word

_QUALIFIED = {"~": "date_around", "?": "date_possibly", "%": "date_possibly_around"}


def _frame(lang: str, key: str, **parts: Markup | str) -> Markup:
    # The frame is our own text; escape it, then place the already-safe parts in it.
    return Markup(str(escape(word(lang, key)))).format(**parts)


def point_words(lang: str, p: Point) -> Markup:
    """One end of a date, with its qualifier ("around", "possibly")."""
    shown = _bare_point(lang, p)
    if p.qualifier:
        shown = _frame(lang, _QUALIFIED[p.qualifier], date=shown)
    return shown


def _bare_point(lang: str, p: Point) -> Markup:
    year = int(p.year.replace("X", "0"))
    if p.unspecified_year_digits == 1:
        shown = _frame(lang, "date_decade", decade=str(year))
    elif p.unspecified_year_digits:
        last = year + 10**p.unspecified_year_digits - 1
        shown = _frame(lang, "date_between", start=_time(str(year)), end=_time(str(last)))
    elif p.season:
        shown = _frame(lang, f"season_{p.season}", year=_time(p.year))
    else:
        iso = p.iso
        parts = [int(n) for n in iso.split("-")]
        if len(parts) == 3:
            label = format_date(datetime.date(*parts), "long", locale=locale_of(lang))
        elif len(parts) == 2:
            label = format_skeleton("yMMMM", datetime.date(*parts, 1), locale=locale_of(lang))
        else:
            label = format_skeleton("y", datetime.date(parts[0], 1, 1), locale=locale_of(lang))
        shown = _time(iso, label)
    return shown


def _time(iso: str, label: str | None = None) -> Markup:
    return tag("time", text(label or iso), datetime=iso)


def date_words(lang: str, d: Edtf) -> Markup:
    if d.choices:  # "2023 or 2024", "2023 of 2024": the locale's own list words (Babel, CLDR)
        words = [str(point_words(lang, p)) for p in d.choices]
        return Markup(format_list(words, style="or", locale=locale_of(lang)))
    if not d.is_interval:
        return point_words(lang, d.start)
    if d.start is None:
        return _frame(lang, "date_by", date=point_words(lang, d.end))
    if d.end is None:
        return _frame(lang, _open_end(d), date=point_words(lang, d.start))
    return _frame(
        lang, "date_between", start=point_words(lang, d.start), end=point_words(lang, d.end)
    )


def when_words(lang: str, d: Edtf) -> Markup:
    """The date as a phrase of time that completes a sentence ("the report said …"): "in
    January 2025", "on 2 December 2025", "in spring 2025", "around 2022", "possibly in 2022",
    "between … and …", "on or after …", "by 2024", "in 2023 or 2024"."""
    if d.choices:
        days = all(p.iso and p.iso.count("-") == 2 for p in d.choices)
        return _frame(lang, "date_on" if days else "date_in", date=date_words(lang, d))
    if not d.is_interval:
        return _point_when(lang, d.start)
    if d.start is not None and d.end is None and _open_end(d) == "date_or_later":
        return _frame(lang, "date_in", date=date_words(lang, d))  # "in December 2025 or later"
    return date_words(lang, d)  # "between …", "on or after …", "by …" say when already


def _open_end(d: Edtf) -> str:
    """The frame of an open end: "on or after" a day, "… or later" a month or a year."""
    on_a_day = d.start.day not in (None, "XX") and "X" not in d.start.year
    return "date_on_or_after" if on_a_day else "date_or_later"


def _point_when(lang: str, p: Point) -> Markup:
    if p.qualifier in ("~", "%"):  # "around 2022" says when already
        return point_words(lang, p)
    if p.unspecified_year_digits > 1:  # "between 2000 and 2099"
        shown = _bare_point(lang, p)
    elif p.season:
        shown = _frame(lang, f"in_season_{p.season}", year=_time(p.year))
    elif p.iso and p.iso.count("-") == 2:  # a day
        shown = _frame(lang, "date_on", date=_bare_point(lang, p))
    else:
        shown = _frame(lang, "date_in", date=_bare_point(lang, p))
    if p.qualifier == "?":
        shown = _frame(lang, "date_possibly", date=shown)
    return shown
