"""Comparisons: tables of paired cells, and axes between two poles drawn as SVG with a table as
their text alternative. Every cell's evidence is one click (or one tap) away."""

from __future__ import annotations

from markupsafe import Markup

from .. import models
from .claims import View, actor_link, citations, quote_lang
from .html import block, heading, scroll_region, tag, text


def _column_head(v: View, column: models.Column) -> Markup:
    return text(column.label[v.lang])


def _attribution(v: View, comparison) -> Markup:
    if comparison.said_by:
        return tag(
            "p",
            Markup("{} {}: {}").format(
                tag("span", text(v.w("opinion")), class_="kind kind-opinion"),
                v.w("whose_framework"),
                actor_link(v, comparison.said_by),
            ),
            class_="attribution",
        )
    # An editorial arrangement says what it arranges in its own `note`, else in general words.
    note = comparison.note[v.lang] if comparison.note else v.w("editorial_arrangement")
    return tag("p", text(note), class_="attribution")


def _quotes(v: View, claim_ids: list[str]) -> Markup:
    """The evidence quotes, folded away under the citations. Out of the search index: each
    quote is indexed once, on its claim's source page."""
    quotes = Markup("").join(
        tag("blockquote", text(v.fb.claims[c].quote), lang=quote_lang(v.fb, c)) for c in claim_ids
    )
    return tag(
        "details",
        tag("summary", text(v.w("evidence"))) + citations(v, claim_ids) + quotes,
        class_="evidence",
        data_search_exclude="",
    )


def table(v: View, c: models.TableComparison) -> Markup:
    head = tag(
        "tr",
        tag("th", Markup("&nbsp;"), scope="col")
        + Markup("").join(tag("th", _column_head(v, col), scope="col") for col in c.columns),
    )
    rows = []
    for row in c.rows:
        cells = [tag("th", text(row.label[v.lang]), scope="row")]
        for col in c.columns:
            cell = row.cells[col.id]
            term = tag("strong", text(cell.term[v.lang]), class_="term") if cell.term else ""
            cells.append(
                tag(
                    "td",
                    Markup("{} {} {}").format(
                        term, text(cell.text[v.lang]), _quotes(v, cell.evidence)
                    ),
                    data_label=col.label[v.lang],
                )
            )
        rows.append(tag("tr", Markup("").join(cells), id=f"{c.id}-{row.id}"))
    return tag("table", tag("thead", head) + tag("tbody", Markup("").join(rows)))


def axes_svg(v: View, c: models.AxesComparison) -> Markup:
    """Each axis a line between its poles; each column a labelled mark at its position."""
    width, row_h, pad = 640, 70, 150
    at = {"left": pad, "middle": width / 2, "right": width - pad}
    marks = []
    for i, row in enumerate(c.rows):
        y = 30 + i * row_h
        marks.append(
            tag("line", x1=str(pad), y1=str(y), x2=str(width - pad), y2=str(y), class_="axis")
        )
        marks.append(
            tag(
                "text",
                text(row.poles.left[v.lang]),
                x=str(pad - 10),
                y=str(y + 5),
                text_anchor="end",
                class_="pole",
            )
        )
        marks.append(
            tag(
                "text",
                text(row.poles.right[v.lang]),
                x=str(width - pad + 10),
                y=str(y + 5),
                class_="pole",
            )
        )
        for j, col in enumerate(c.columns):
            x = at[row.positions[col.id]]
            marks.append(tag("circle", cx=f"{x:.0f}", cy=str(y), r="8", class_=f"mark mark-{j}"))
            marks.append(
                tag(
                    "text",
                    text(col.label[v.lang]),
                    x=f"{x:.0f}",
                    y=str(y + 26),
                    text_anchor="middle",
                    class_=f"mark-label mark-{j}",
                )
            )
    height = 30 + len(c.rows) * row_h
    return tag(
        "svg",
        Markup("").join(marks),
        viewBox=f"0 0 {width} {height}",
        role="img",
        aria_label=c.title[v.lang],
        class_="axes",
    )


def axes_table(v: View, c: models.AxesComparison) -> Markup:
    head = tag(
        "tr",
        tag("th", text(v.w("axis")), scope="col")
        + Markup("").join(tag("th", _column_head(v, col), scope="col") for col in c.columns)
        + tag("th", text(v.w("evidence")), scope="col"),
    )
    rows = []
    for row in c.rows:
        poles = {
            "left": row.poles.left[v.lang],
            "right": row.poles.right[v.lang],
            "middle": v.w("middle"),
        }
        cells = [
            tag("th", text(f"{row.poles.left[v.lang]} ↔ {row.poles.right[v.lang]}"), scope="row")
        ]
        cells += [
            tag("td", text(poles[row.positions[col.id]]), data_label=col.label[v.lang])
            for col in c.columns
        ]
        cells.append(tag("td", _quotes(v, row.evidence), data_label=v.w("evidence")))
        rows.append(tag("tr", Markup("").join(cells), id=f"{c.id}-{row.id}"))
    return tag("table", tag("thead", head) + tag("tbody", Markup("").join(rows)))


def comparison(v: View, c) -> str:
    """Markdown for a comparison's page body (without its title)."""
    out = []
    if c.intro:
        out.append(block(tag("p", text(c.intro[v.lang]), class_="intro")))
    out.append(block(_attribution(v, c)))
    if c.kind == "table":
        out.append(
            block(
                scroll_region(
                    table(v, c), c.title[v.lang], f"table-wrap comparison comparison-{c.id}"
                )
            )
        )
    else:
        out.append(block(tag("figure", axes_svg(v, c), class_="axes-figure")))
        out.append(heading(2, v.w("text_alternative")))
        out.append(
            block(
                scroll_region(
                    axes_table(v, c), v.w("text_alternative"), "table-wrap comparison axes-table"
                )
            )
        )
    return "".join(out)
