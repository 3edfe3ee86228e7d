"""EDTF dates as CSL `issued` (macros/render/cite_formats.py: csl_date): every form the data may
hold maps to valid CSL-JSON that a real citation processor (citeproc-py) renders with the years
the evidence allows, nothing more exact and nothing lost (issue 23, CSL-JSON).

Found before: "2022?" lost its uncertainty, "../2024" became the exact day 2024 (read "(2024)"),
"[2023,2024]" became 2023, a range within one year ("2024-03/2024-05") rendered with no year at
all, one within one month crashed citeproc-py, and "2024-12-02/2025" rendered "2 December–None".
"""

from __future__ import annotations

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as cite_formatter
from citeproc.source.json import CiteProcJSON

from macros.facts.edtf_dates import parse
from macros.render import cite_formats

# (EDTF, CSL issued, the years a reader must see in the rendered reference)
FORMS = [
    ("2025-12-02", {"date-parts": [[2025, 12, 2]]}, "2025"),
    ("2025-12", {"date-parts": [[2025, 12]]}, "2025"),
    ("2022", {"date-parts": [[2022]]}, "2022"),
    ("2022~", {"date-parts": [[2022]], "circa": True}, "2022"),
    ("2022?", {"date-parts": [[2022]], "circa": True}, "2022"),
    ("2022%", {"date-parts": [[2022]], "circa": True}, "2022"),
    ("202X", {"date-parts": [[2020], [2029]]}, "2020–2029"),
    ("20XX", {"date-parts": [[2000], [2099]]}, "2000–2099"),
    ("2025-XX", {"date-parts": [[2025]]}, "2025"),
    ("2025-03-XX", {"date-parts": [[2025, 3]]}, "2025"),
    ("2025-21", {"date-parts": [[2025]], "season": 1}, "2025"),
    ("2025-24", {"date-parts": [[2025]], "season": 4}, "2025"),
    ("2024-12/2025-01", {"date-parts": [[2024, 12], [2025, 1]]}, "2024–2025"),
    ("2022~/2023?", {"date-parts": [[2022], [2023]], "circa": True}, "2022–2023"),
    ("2024-12-02/2025", {"date-parts": [[2024], [2025]]}, "2024–2025"),
    ("2024-03/2024-05", {"date-parts": [[2024]]}, "2024"),
    ("2024-03-01/2024-03-05", {"date-parts": [[2024, 3]]}, "2024"),
    ("2024-21/2024-23", {"date-parts": [[2024]]}, "2024"),
    ("2024-21/2025-23", {"date-parts": [[2024], [2025]]}, "2024–2025"),
    ("[2023,2024]", {"date-parts": [[2023], [2024]]}, "2023–2024"),
    ("[2024-03,2024-05]", {"date-parts": [[2024]]}, "2024"),
    # An open end: the start and year 0, CSL's processor test suite's open range.
    ("2024-12-02/..", {"date-parts": [[2024, 12, 2], [0]]}, "2024–"),
    ("2024/..", {"date-parts": [[2024], [0]]}, "2024–"),
    # An open start has no CSL form: words, never the end day as if exact.
    ("../2024", {"literal": "by 2024"}, "by 2024"),
    ("../2025-01-20", {"literal": "by 20 January 2025"}, "by 20 January 2025"),
]


def _render(issued: dict) -> tuple[str, str]:
    """(bibliography entry, in-text citation) of an item with this date, as citeproc-py gives
    them in the author-date style it bundles."""
    item = {"id": "x", "type": "article-newspaper", "title": "T", "container-title": "C",
            "author": [{"family": "Coppens", "given": "Pascal"}], "issued": issued}  # fmt: skip
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON([item]), cite_formatter.plain)
    citation = Citation([CitationItem("x")])
    bib.register(citation)
    cited = str(bib.cite(citation, lambda _item: None))
    return str(bib.bibliography()[0]), cited


def _valid_csl_date(issued: dict) -> None:
    """CSL-JSON's date model (csl-data.json): date-parts, one or two ends of one to three
    numbers, real months and days, a year 0 only as an open range's second end; or a literal."""
    assert set(issued) <= {"date-parts", "season", "circa", "literal"}, issued
    if "literal" in issued:
        assert set(issued) == {"literal"} and issued["literal"].strip()
        return
    parts = issued["date-parts"]
    assert 1 <= len(parts) <= 2
    for i, end in enumerate(parts):
        assert 1 <= len(end) <= 3 and all(isinstance(n, int) for n in end), parts
        if end == [0]:
            assert i == 1, parts  # the open end of a range, nothing else
            continue
        assert 1900 <= end[0] <= 2099
        if len(end) > 1:
            assert 1 <= end[1] <= 12
        if len(end) > 2:
            assert 1 <= end[2] <= 31
    if len(parts) == 2 and parts[1] != [0]:
        assert parts[0][0] < parts[1][0], parts  # a range spans years (one within a year is not)
    if "season" in issued:
        assert issued["season"] in (1, 2, 3, 4) and len(parts) == 1


@pytest.mark.parametrize(("value", "issued", "years"), FORMS, ids=[f[0] for f in FORMS])
def test_every_edtf_form_is_valid_csl_that_citeproc_renders_with_its_years(value, issued, years):
    mapped = cite_formats.csl_date(parse(value), "en")
    assert mapped == issued
    _valid_csl_date(mapped)
    entry, cited = _render(mapped)
    assert f"({years})" in entry and years in cited, (entry, cited)
    for wrong in ("None", "0 AD", "n.d.", "–0"):
        assert wrong not in entry and wrong not in cited, (entry, cited)


def test_an_open_start_is_worded_in_the_citing_language():
    assert cite_formats.csl_date(parse("../2025-01-20"), "nl") == {
        "literal": "uiterlijk 20 januari 2025"
    }


@pytest.mark.parametrize(
    ("value", "apa", "bib"),
    [
        ("2022?", "ca. 2022", "2022~"),
        ("2022~/2023?", "ca. 2022–2023", "2022~/2023~"),
        ("2024-12-02/..", "2024, December 2–", "2024-12-02/.."),
        ("2025-21", "2025", "2025-21"),
        ("../2024", "by 2024", None),
    ],
)
def test_apa_and_biblatex_read_the_same_mapping(value, apa, bib):
    item = {"id": "x", "type": "article-newspaper", "title": "T", "language": "en",
            "issued": cite_formats.csl_date(parse(value), "en")}  # fmt: skip
    assert f"({apa})." in cite_formats.apa(item, "en")
    field = [line for line in cite_formats.bibtex(item).splitlines() if "date =" in line]
    assert field == ([f"  date = {{{bib}}},"] if bib else [])
