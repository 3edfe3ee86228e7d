"""Citations in the formats reference managers and writers use: CSL-JSON items (what Zotero,
Mendeley and pandoc import; the citation processors' input), APA and BibTeX (biblatex fields).

Two kinds of item: an article of the fact base (a newspaper or opinion article, with its author,
publisher and a date as precise as the evidence), and a page of this site (a web page, published
by the site, dated by the data behind it). Dates come from the data, never the clock.

EDTF to CSL `issued` (csl_date), valid CSL-JSON that citation processors render (citeproc-py
checks every form in tests/unit/test_csl_dates.py):
- a day, month or year is `date-parts` at that precision; a season is the year with `season`;
- "~" (around), "?" (uncertain) and "%" (both) set `circa`, CSL's one hedge (its styles test it
  as `is-uncertain-date`);
- a closed interval over years is a range of two `date-parts` at the precision both ends share
  ("2024-12-02/2025" is 2024–2025); an interval within one year is the part its ends share
  ("2024-03/2024-05" is 2024, "2024-03-01/2024-03-05" March 2024), since a range within a
  year loses its year in citeproc-py; one of a set ("[2023,2024]") is the range it lies in;
- an open end ("2024-12-02/..") is the start and a second part of year 0: the open range of
  CSL's own processor test suite (date_TextFormYeardateYearRangeOpen), read "2024–";
- an open start ("../2024") has no form in CSL (a year 0 start reads "0 AD"): it is a `literal`
  in words ("by 2024"), never its end day alone, which would read as exact;
- an unspecified decade ("202X") is the range of its years.
biblatex's `date` takes ISO 8601-2 (EDTF) as these ranges write it.
"""

from __future__ import annotations

import datetime
import json

from babel.dates import format_date, format_skeleton

from macros.facts.edtf_dates import Edtf, Point
from macros.facts.factbase import FactBase
from macros.facts.models import Source
from macros.render.date_text import date_words
from macros.render.labels import LANGS, locale_of, word

CSL_TYPE = {"news": "article-newspaper", "opinion": "article-newspaper", "newsletter": "report",
            "analysis": "report"}  # fmt: skip
# Lowercase words that open a family name ("van der Berg"): CSL's non-dropping particle.
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "ten", "ter", "te", "du", "da", "di",
                        "le", "la", "'t", "het", "vander", "vanden"})  # fmt: skip
_BIBLATEX_LANG = {"en": "english", "nl": "dutch"}


# --- CSL-JSON -------------------------------------------------------------------------------


def _point_parts(p: Point, last: bool = False) -> tuple[list[int], int | None]:
    """(date-parts, season) of one end. "X" digits read as 0 in a start and as 9 in an end (the
    last year they allow); an unspecified month or day ends the parts."""
    digits = p.unspecified_year_digits
    year = int(p.year.replace("X", "9" if last else "0"))
    if p.season:
        return [year], (p.season - 20) % 4 or 4  # EDTF 21-24 (also 25-41): spring..winter
    parts = [year]
    for part in (p.month, p.day):
        if digits or part is None or "X" in part:
            break
        parts.append(int(part))
    return parts, None


def _range(start: list[int], end: list[int]) -> list[list[int]]:
    """Two ends as CSL date-parts, at the precision both have: one part when they share their
    year (what they share), else a range."""
    n = min(len(start), len(end))
    start, end = start[:n], end[:n]
    if start[0] != end[0]:
        return [start, end]
    common = []
    for a, b in zip(start, end, strict=True):
        if a != b:
            break
        common.append(a)
    return [common]


def csl_date(e: Edtf, lang: str = "en") -> dict | None:
    """CSL's `issued` of an EDTF date, as precise as the date is (see the module's docstring);
    `lang` words the one form CSL cannot structure, an open start."""
    if e.start is None and e.end is None:
        return None
    if e.start is None:  # "../2024": CSL has no open start; its end day alone would read exact
        return {"literal": date_words(lang, e).striptags()}
    first = e.choices[0] if e.choices else e.start
    last = e.choices[-1] if e.choices else e.end
    parts, season = _point_parts(first)
    if e.choices or e.is_interval or first.unspecified_year_digits:
        if last is None:  # "2024-12-02/..": on that day or later
            out: dict = {"date-parts": [parts, [0]]}
        else:
            end, end_season = _point_parts(last, last=True)
            out = {"date-parts": _range(parts, end)}
            if season != end_season or len(out["date-parts"]) == 2:
                season = None  # a season range has no CSL form: its years (or year) say it
    else:
        out = {"date-parts": [parts]}
    if season:
        out["season"] = season
    ends = e.choices or tuple(p for p in (e.start, e.end) if p is not None)
    if any(p.qualifier for p in ends):
        out["circa"] = True
    return out


def surname(fb: FactBase, actor_id: str, lang: str) -> str:
    """How a short citation names an actor: a person by the family name with its particles ("de
    Vries"; in Dutch "De Vries", as Dutch writes a surname without the given name), anyone else by
    the whole name."""
    name = csl_name(fb, actor_id, lang)
    if "literal" in name:
        return name["literal"]
    family = " ".join(p for p in (name.get("non-dropping-particle"), name["family"]) if p)
    return family[:1].upper() + family[1:] if lang == "nl" else family


def csl_name(fb: FactBase, actor_id: str, lang: str) -> dict:
    """A person's name split into family and given (particles kept with the family name, as
    CSL's non-dropping particle); any other actor is one literal name."""
    actor = fb.actors[actor_id]
    name = actor.name[lang]
    words = name.split()
    if actor.kind != "person" or len(words) < 2:
        return {"literal": name}
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in _PARTICLES:
        i -= 1
    out = {"family": words[-1], "given": " ".join(words[:i])}
    if i < len(words) - 1:
        out["non-dropping-particle"] = " ".join(words[i:-1])
    return out


def _title_lang(s: Source) -> str:
    return s.language if s.language in LANGS else "en"


def source_item(fb: FactBase, s: Source, ui_lang: str | None = None) -> dict:
    """The original article as a CSL item: its own title, real type, people and date (names and
    the genre in `ui_lang`, the citing page's language, else the article's)."""
    lang = _title_lang(s)
    ui = ui_lang or lang
    # A title the site gave an untitled article is a description, in square brackets (APA 7,
    # 9.21): a reference manager would otherwise save it as the article's own title.
    title = f"[{s.title[ui]}]" if s.title_kind == "editorial" else s.title[lang]
    item: dict = {"id": s.id, "type": CSL_TYPE[s.kind], "title": title,
                  "language": s.language}  # fmt: skip
    if s.kind == "opinion":
        item["genre"] = word(ui, "opinion")
    if s.author:
        item["author"] = [csl_name(fb, s.author, ui)]
    if s.translators:
        item["translator"] = [csl_name(fb, t, ui) for t in s.translators]
    if s.publisher:
        item["publisher"] = fb.actors[s.publisher].name[ui]
        item["container-title"] = fb.actors[s.publisher].name[ui]
    if s.url:
        item["URL"] = str(s.url)
    if s.published:
        issued = csl_date(s.published.edtf, ui)
        if issued:
            item["issued"] = issued
    return item


def page_item(site_name: str, item_id: str, title: str, day: str, lang: str, url: str) -> dict:
    """A page of this site as a CSL web page: the site is its author and publisher."""
    item: dict = {
        "id": item_id,
        "type": "webpage",
        "title": title,
        "author": [{"literal": site_name}],
        "container-title": site_name,
        "publisher": site_name,
        "issued": {"date-parts": [[int(n) for n in day.split("-")]]},
        "language": lang,
    }
    if url:
        item["URL"] = url
    return item


def csl_text(item: dict) -> str:
    return json.dumps([item], ensure_ascii=False, indent=2, sort_keys=True)


# --- APA --------------------------------------------------------------------------------------


def _apa_point(parts: list[int], lang: str) -> str:
    if len(parts) == 3:
        day = datetime.date(*parts)
        shown = format_date(day, "MMMM d" if lang == "en" else "d MMMM", locale=locale_of(lang))
        return f"{parts[0]}, {shown}"
    if len(parts) == 2:
        return f"{parts[0]}, " + format_skeleton("MMMM", datetime.date(*parts, 1),
                                                  locale=locale_of(lang))  # fmt: skip
    return str(parts[0])


def _apa_date(issued: dict | None, lang: str) -> str:
    if not issued:
        return word(lang, "cite_apa_nd")
    if "literal" in issued:
        return issued["literal"]
    parts = issued["date-parts"]
    shown = _apa_point(parts[0], lang)
    if len(parts) == 2:
        shown += "–" + (_apa_point(parts[1], lang) if parts[1] != [0] else "")
    if issued.get("circa"):
        shown = f"{word(lang, 'cite_apa_circa')} {shown}"
    return shown


def _apa_name(name: dict) -> str:
    if "literal" in name:
        return name["literal"]
    initials = " ".join(f"{g[0]}." for g in name["given"].replace("-", " ").split())
    family = " ".join(p for p in (name.get("non-dropping-particle"), name["family"]) if p)
    return f"{family}, {initials}"


def _apa_names(names: list[dict], lang: str) -> str:
    shown = [_apa_name(n) for n in names]
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + f", {word(lang, 'cite_apa_and')} " + shown[-1]


def apa(item: dict, lang: str, locator: str = "") -> str:
    """APA 7 (reference list form), as plain text: author. (date). title [genre]. publisher.
    locator. URL. An item with no author starts with its title."""
    title = item["title"]
    if item.get("genre"):
        title += f" [{item['genre']}]"
    date = f"({_apa_date(item.get('issued'), lang)})."
    # An initial ends the names with its own full stop ("Coppens, P."): no second one.
    if item.get("author"):
        head = [_apa_names(item["author"], lang).removesuffix(".") + ".", date, title + "."]
    else:
        head = [title + ".", date]
    authors = {n.get("literal") for n in item.get("author", [])}
    publisher = item.get("publisher")
    if publisher and publisher not in authors:
        head.append(publisher + ".")
    if locator:
        head.append(locator + ".")
    if item.get("URL"):
        head.append(item["URL"])
    return " ".join(head)


# --- BibTeX (biblatex) --------------------------------------------------------------------------

_BIB_ESCAPE = str.maketrans({"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%",
                             "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_",
                             "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"})  # fmt: skip
_BIB_TYPE = {"article-newspaper": "article", "report": "report", "webpage": "online"}


def bib_escape(value: str) -> str:
    """A value no data can break out of a BibTeX field with."""
    return value.translate(_BIB_ESCAPE)


def _bib_name(name: dict) -> str:
    if "literal" in name:
        return "{" + bib_escape(name["literal"]) + "}"  # a body: one name, not split
    family = " ".join(p for p in (name.get("non-dropping-particle"), name["family"]) if p)
    return bib_escape(f"{family}, {name['given']}")


def _bib_date(issued: dict) -> str | None:
    """biblatex's ISO 8601-2 date of a CSL date; none for a literal (an open start)."""
    if "date-parts" not in issued:
        return None
    circa = "~" if issued.get("circa") else ""

    def iso(parts: list[int]) -> str:
        return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts)) + circa

    parts = issued["date-parts"]
    shown = iso(parts[0])
    if issued.get("season"):
        shown = f"{parts[0][0]}-{20 + issued['season']}{circa}"
    if len(parts) == 2:
        shown += "/" + (iso(parts[1]) if parts[1] != [0] else "..")
    return shown


def bibtex(item: dict, note: str = "", url: str = "") -> str:
    fields: list[tuple[str, str]] = []
    if item.get("author"):
        fields.append(("author", " and ".join(_bib_name(n) for n in item["author"])))
    fields.append(("title", "{" + bib_escape(item["title"]) + "}"))
    if item.get("type") == "article-newspaper" and item.get("container-title"):
        fields.append(("journaltitle", bib_escape(item["container-title"])))
        fields.append(("entrysubtype", "newspaper"))
    elif item.get("publisher"):
        fields.append(("organization" if item["type"] == "webpage" else "institution",
                       bib_escape(item["publisher"])))  # fmt: skip
    if item.get("genre"):
        fields.append(("type", bib_escape(item["genre"])))
    if item.get("translator"):
        fields.append(("translator", " and ".join(_bib_name(n) for n in item["translator"])))
    date = _bib_date(item["issued"]) if item.get("issued") else None
    if date:
        fields.append(("date", date))
    if url or item.get("URL"):
        # biblatex reads a url verbatim: no escapes, only braces kept out (percent-encoded).
        address = (url or item["URL"]).replace("{", "%7B").replace("}", "%7D")
        fields.append(("url", address.replace("\\", "%5C")))
    lang = _BIBLATEX_LANG.get(item.get("language", ""), item.get("language", ""))
    if lang:
        fields.append(("langid", bib_escape(lang)))
    if note:
        fields.append(("note", bib_escape(note)))
    key = "".join(ch for ch in item["id"] if ch.isalnum() or ch in "-_:") or "item"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{_BIB_TYPE.get(item['type'], 'misc')}{{{key},\n{body}\n}}"
