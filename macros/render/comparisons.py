"""Comparisons: tables of paired cells, and axes between two poles drawn as SVG with a table as
their text alternative. Every cell cites its evidence as the rest of the site does: its quote
shows on hover, focus or tap, its permalink is one click away."""

from __future__ import annotations

from markupsafe import Markup

from macros.facts import models
from macros.render.claims import actor_link, citations
from macros.render.html import block, heading, scroll_region, tag, text
from macros.render.view import View


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


def _evidence(v: View, claim_ids: list[str]) -> Markup:
    """A cell's citations, as everywhere else: each ¶ leads to the claim's permalink and shows
    its quote on hover, focus or tap (the page carries one preview per claim)."""
    return tag("span", citations(v, claim_ids), class_="cell-evidence")


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
                        term, text(cell.text[v.lang]), _evidence(v, cell.evidence)
                    ),
                    data_label=col.label[v.lang],
                )
            )
        rows.append(tag("tr", Markup("").join(cells), id=f"{c.id}-{row.id}"))
    return tag("table", tag("thead", head) + tag("tbody", Markup("").join(rows)))


def axes_svg(v: View, c: models.AxesComparison) -> Markup:
    """Each axis a line between its poles; each column a labelled mark at its position.

    The poles are written above the ends of their line rather than beside it: a drawing narrow
    enough for a phone keeps its text at a readable size when scaled down to one."""
    width, row_h, pad = 400, 76, 12
    at = {"left": pad, "middle": width / 2, "right": width - pad}
    anchor = {"left": "start", "middle": "middle", "right": "end"}
    marks = []
    for i, row in enumerate(c.rows):
        y = 34 + i * row_h
        marks.append(
            tag("line", x1=str(pad), y1=str(y), x2=str(width - pad), y2=str(y), class_="axis")
        )
        for side, x in (("left", pad), ("right", width - pad)):
            marks.append(
                tag(
                    "text",
                    text(getattr(row.poles, side)[v.lang]),
                    x=str(x),
                    y=str(y - 14),
                    text_anchor=anchor[side],
                    class_="pole",
                )
            )
        for j, col in enumerate(c.columns):
            where = row.positions[col.id]
            x = at[where]
            marks.append(tag("circle", cx=f"{x:.0f}", cy=str(y), r="7", class_=f"mark mark-{j}"))
            marks.append(
                tag(
                    "text",
                    text(col.label[v.lang]),
                    x=f"{x:.0f}",
                    y=str(y + 24),
                    text_anchor=anchor[where],
                    class_=f"mark-label mark-{j}",
                )
            )
    height = 34 + (len(c.rows) - 1) * row_h + 34
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
        cells.append(tag("td", _evidence(v, row.evidence), data_label=v.w("evidence")))
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
        # The drawing's labels are not text to search: the table below says the same in sentences.
        out.append(
            block(tag("figure", axes_svg(v, c), class_="axes-figure", data_search_exclude=""))
        )
        out.append(heading(2, v.w("text_alternative")))
        out.append(
            block(
                scroll_region(
                    axes_table(v, c), v.w("text_alternative"), "table-wrap comparison axes-table"
                )
            )
        )
    return "".join(out)
