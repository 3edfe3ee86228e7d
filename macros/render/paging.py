"""Lists split into numbered pages, so that no page grows with the fact base: the index pages
(`glossary/`, `glossary/page/2/`) and the pages of records that gather without bound
(`actors/china/`, `actors/china/page/2/`). Their addresses: macros/routes/site_map.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from markupsafe import Markup

from macros.render.html import block, tag, text
from macros.render.view import View
from macros.routes.site_map import page_count, page_url

T = TypeVar("T")


# A pager lists every page up to this many; beyond, the first two, the last two and the two on
# either side of the page shown, the gaps marked "…": a pager listing all of a record's thousand
# pages made every one of them heavy, and the site grow with the square of the record's claims.
NAV_ALL = 9
NAV_AROUND = 2


def nav_numbers(number: int, pages: int) -> list[int | None]:
    """The page numbers a pager shows, in order, None where it skips some."""
    if pages <= NAV_ALL:
        return list(range(1, pages + 1))
    shown = {1, 2, pages - 1, pages}
    shown |= set(range(number - NAV_AROUND, number + NAV_AROUND + 1))
    out: list[int | None] = []
    for n in sorted(n for n in shown if 1 <= n <= pages):
        if out and n > out[-1] + 1:
            out.append(None)
        out.append(n)
    return out


@dataclass(frozen=True)
class Window:
    """One page of a list: its entries, where it stands and the way to the others.

    `section` names an index (its address and the pager's label, `glossary`); a record's pages
    give their address (`actors/china`) and the pager's label (the record's name) instead."""

    section: str
    number: int
    pages: int
    address: str | None = None  # where page 1 is, without its slash; the section's by default
    label: str | None = None  # what the pager is of; the section's word by default

    def title(self, v: View, name: str) -> str:
        # Page 1 keeps the plain name: MkDocs shows it in the navigation too.
        if self.number == 1:
            return name
        return f"{name} ({v.w('page').lower()} {self.number} {v.w('of')} {self.pages})"

    def nav(self, v: View) -> Markup:
        """Links to the pages of the list (see nav_numbers); nothing when it fits on one."""
        if self.pages == 1:
            return Markup("")
        before, after = self._steps(v)
        numbers = [
            tag("li", tag("span", text("…"), aria_hidden="true"), class_="pager-gap")
            if n is None
            else tag("li", tag("span", text(str(n)), aria_current="page"))
            if n == self.number
            else self._link(v, n, str(n))
            for n in nav_numbers(self.number, self.pages)
        ]
        # Where the reader stands, in words: page 1's title does not say it is one of several.
        where = f"{v.w('page')} {self.number} {v.w('of')} {self.pages}"
        return tag(
            "nav",
            tag("span", text(where), class_="pager-where")
            + tag("ol", Markup("").join(before + numbers + after)),
            class_="pager",
            aria_label=f"{v.w('pages')}: {self.label or v.w(self.section)}",
            # Navigation, not content: in the search index it ran into the page's own entry
            # ("Page 1 of 3 1 2 3 Next").
            data_search_exclude="",
        )

    def footer(self, v: View) -> Markup:
        """Previous and next at the end of a page: the full list stays at the top, once."""
        if self.pages == 1:
            return Markup("")
        before, after = self._steps(v)
        return tag(
            "ul", Markup("").join(before + after), class_="pager-steps", data_search_exclude=""
        )

    def _steps(self, v: View) -> tuple[list[Markup], list[Markup]]:
        before = [self._link(v, self.number - 1, v.w("previous"), rel="prev")]
        after = [self._link(v, self.number + 1, v.w("next"), rel="next")]
        return before if self.number > 1 else [], after if self.number < self.pages else []

    def around(self, v: View, body: str) -> str:
        """Markdown: the page list, the entries, then the step to the neighbours."""
        return block(self.nav(v)) + body + block(self.footer(v))

    def _link(self, v: View, n: int, label: str, rel: str | None = None) -> Markup:
        href = v.link.to(page_url(self.address or self.section, n))
        return tag("li", tag("a", text(label), href=href, rel=rel))


def window(v: View, items: list[T], section: str, number: int) -> tuple[list[T], Window]:
    """The entries on page `number` of `items`, and that page's place in the list."""
    size = v.page_size
    pages = page_count(len(items), size)
    if not 1 <= number <= pages:
        raise ValueError(f"{section}: there is no page {number} (the list has {pages})")
    return items[(number - 1) * size : number * size], Window(section, number, pages)


def lists_pages(lengths, size: int) -> int:
    """Pages of a record that shows several lists side by side, `size` of each a page: as many
    as its longest list needs."""
    return max([page_count(n, size) for n in lengths], default=1)


def slice_of(items: list[T], size: int, number: int, newest_last: bool = False) -> list[T]:
    """The entries of one list on page `number` of a record (nothing once the list has run
    out). `newest_last`: the list is in time order (a timeline) and its pages start from its
    end, so that page 1 shows the latest entries, still in time order."""
    if not newest_last:
        return items[(number - 1) * size : number * size]
    end = len(items) - (number - 1) * size
    return items[max(0, end - size) : max(0, end)]
