"""Index pages split into numbered pages, so that no page grows with the fact base (their
addresses: macros/routes/site_map.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from markupsafe import Markup

from macros.render.html import block, tag, text
from macros.render.view import View
from macros.routes.site_map import page_count, page_url

T = TypeVar("T")


@dataclass(frozen=True)
class Window:
    """One page of a list: its entries, where it stands and the way to the others."""

    section: str
    number: int
    pages: int

    def title(self, v: View, name: str) -> str:
        # Page 1 keeps the plain name: MkDocs shows it in the navigation too.
        if self.number == 1:
            return name
        return f"{name} ({v.w('page').lower()} {self.number} {v.w('of')} {self.pages})"

    def nav(self, v: View) -> Markup:
        """Links to every page of the list; nothing when it fits on one."""
        if self.pages == 1:
            return Markup("")
        before, after = self._steps(v)
        numbers = [
            tag("li", tag("span", text(str(n)), aria_current="page"))
            if n == self.number
            else self._link(v, n, str(n))
            for n in range(1, self.pages + 1)
        ]
        # Where the reader stands, in words: page 1's title does not say it is one of several.
        where = f"{v.w('page')} {self.number} {v.w('of')} {self.pages}"
        return tag(
            "nav",
            tag("span", text(where), class_="pager-where")
            + tag("ol", Markup("").join(before + numbers + after)),
            class_="pager",
            aria_label=f"{v.w('pages')}: {v.w(self.section)}",
        )

    def footer(self, v: View) -> Markup:
        """Previous and next at the end of a page: the full list stays at the top, once."""
        if self.pages == 1:
            return Markup("")
        before, after = self._steps(v)
        return tag("ul", Markup("").join(before + after), class_="pager-steps")

    def _steps(self, v: View) -> tuple[list[Markup], list[Markup]]:
        before = [self._link(v, self.number - 1, v.w("previous"), rel="prev")]
        after = [self._link(v, self.number + 1, v.w("next"), rel="next")]
        return before if self.number > 1 else [], after if self.number < self.pages else []

    def around(self, v: View, body: str) -> str:
        """Markdown: the page list, the entries, then the step to the neighbours."""
        return block(self.nav(v)) + body + block(self.footer(v))

    def _link(self, v: View, n: int, label: str, rel: str | None = None) -> Markup:
        return tag("li", tag("a", text(label), href=v.link.to(page_url(self.section, n)), rel=rel))


def window(v: View, items: list[T], section: str, number: int) -> tuple[list[T], Window]:
    """The entries on page `number` of `items`, and that page's place in the list."""
    size = v.page_size
    pages = page_count(len(items), size)
    if not 1 <= number <= pages:
        raise ValueError(f"{section}: there is no page {number} (the list has {pages})")
    return items[(number - 1) * size : number * size], Window(section, number, pages)
