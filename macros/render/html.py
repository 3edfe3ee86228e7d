"""Turning data text into Markdown and HTML that can only ever show that text.

Data goes out through two doors only: `text()` for HTML (every data string, escaped by markupsafe)
and `heading()` for Markdown headings (which MkDocs also uses for titles, the sidebar and search).
"""

from __future__ import annotations

import posixpath
import re
from functools import cache

from markupsafe import Markup, escape

# Python-Markdown's backslash escapes (markdown.Markdown.ESCAPED_CHARS); entities cover <, > and &.
_MD_SPECIAL = set("\\`*_{}[]()#+-.!")


def text(value: str) -> Markup:
    return escape(value)


def heading(level: int, value: str, anchor: str | None = None) -> str:
    """A Markdown heading showing `value` literally."""
    out = []
    for ch in value.replace("\n", " "):
        if ch in "<>&\"'":
            out.append(str(escape(ch)))
        elif ch in _MD_SPECIAL:
            out.append("\\" + ch)
        else:
            out.append(ch)
    suffix = f" {{ #{anchor} }}" if anchor else ""
    return f"{'#' * level} {''.join(out)}{suffix}\n"


def tag(name: str, content: str | Markup = "", **attrs: str | None) -> Markup:
    """An element; attribute values are escaped, content must already be Markup or escaped."""
    rendered = "".join(f' {_attribute(k)}="{escape(v)}"' for k, v in attrs.items() if v is not None)
    body = escape(content)
    if name in _GAPS:
        # Search reads a table as running text: without a space between its cells and rows,
        # their texts run together ("(news report)No AI war"). A browser ignores the space.
        body = _GAPS[name].sub(r"\1 \2", str(body))
    return _markup(f"<{name}{rendered}>{body}</{name}>")


_ROWS = re.compile(r"(</(?:tr|thead|tbody)>)(<(?:tr|tbody)[\s>])")
_GAPS = {
    "tr": re.compile(r"(</t[hd]>)(<t[hd][\s>])"),
    "thead": _ROWS,
    "tbody": _ROWS,
    "table": _ROWS,
}


def _markup(html: str) -> Markup:
    # Markup(html) without Markup.__new__'s check for an __html__ method: `html` is a str just
    # built from escaped parts, and this is the rendering's most frequent call.
    return str.__new__(Markup, html)


@cache
def _attribute(keyword: str) -> str:
    """class_ -> class, aria_label -> aria-label (a trailing _ dodges Python's keywords)."""
    return keyword.rstrip("_").replace("_", "-")


def first_per_page(pattern: re.Pattern, markdown: str, key: int, repeat: int) -> str:
    """Each match of `pattern` kept whole at the first occurrence of its group `key` on the page;
    a later one is replaced by its group `repeat`. Fragments are drawn once for many pages: only
    the whole page knows which occurrence comes first."""
    seen: set[str] = set()

    def once(m: re.Match) -> str:
        if m[key] in seen:
            return m[repeat]
        seen.add(m[key])
        return m[0]

    return pattern.sub(once, markdown)


def scroll_region(content: Markup, label: str, class_: str) -> Markup:
    """A box that scrolls sideways on narrow screens, reachable and named for keyboard users."""
    return tag("div", content, class_=class_, tabindex="0", role="region", aria_label=label)


# Tags whose element Python-Markdown keeps as one raw block when it starts a line: a subset of
# markdown.util.BLOCK_LEVEL_ELEMENTS (tests/unit/test_render.py keeps it one).
BLOCK_TAGS = frozenset(
    {"article", "blockquote", "details", "div", "dl", "figure", "nav", "ol", "p", "section"}
    | {"table", "ul"}
)
_START = re.compile(r"<([a-z][a-z0-9]*)[\s>]")


def block(html: str | Markup) -> str:
    """Raw HTML set apart so that Markdown passes it through untouched, byte for byte.

    Python-Markdown leaves alone only an element of a block-level tag that starts a line. Any
    other HTML (an <svg>, a <span>, bare text) gets inline Markdown and attr_list run over it,
    which turns escaped data such as `![t](/x.png){: onerror=... }` into live markup; so what is
    not exactly one such element is wrapped in a <div>. `html` comes from tag(): well nested,
    with every `<` in data escaped.
    """
    html = str(html)
    if html and not _one_block(html):
        html = f"<div>{html}</div>"
    return f"\n\n{html}\n\n"


def _one_block(html: str) -> bool:
    start = _START.match(html)
    if start is None or start[1] not in BLOCK_TAGS:
        return False
    close = f"</{start[1]}>"
    if not html.endswith(close):
        return False
    if html.count(close) == 1:  # well nested: the element that starts here is the only one
        return True
    depth = 0
    for found in _same_tag(start[1]).finditer(html):
        depth += -1 if found[1] else 1
        if depth == 0:  # the first element closes here: is it the end, or do others follow?
            return found.end() == len(html)
    return False


@cache
def _same_tag(name: str) -> re.Pattern:
    return re.compile(rf"<(/?){name}[\s>]")


# Where a fragment drawn for pages at any depth climbs to the root (Linker.marked): a character of
# Unicode's private use area, which no text of the data can hold (facts/characters.py refuses the
# category Co), replaced by each page's own way up.
ROOT_MARK = "\ue000"


class Linker:
    """Relative links from one page of the site to another, so the site works under any prefix.

    A link climbs to the site root and goes down from there, so it is the same on every page at
    one depth: what is drawn once (a claim card) can serve all of those pages, and, drawn with
    `marked()`, pages at every depth (`rooted`).
    """

    def __init__(self, page_url: str):
        # page_url as MkDocs gives it: '' for home, 'actors/russia/' for a record page
        directory = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
        self.root = "../" * len([part for part in directory.split("/") if part])

    @classmethod
    def marked(cls) -> Linker:
        """Links that climb to ROOT_MARK instead of the root. Only for links to a page below the
        root (a link to the home page is './' at the root, which the mark cannot give)."""
        linker = cls("")
        linker.root = ROOT_MARK
        return linker

    def rooted(self, drawn: Markup) -> Markup:
        """What was drawn with `marked()`, as drawn on this page."""
        return Markup(str(drawn).replace(ROOT_MARK, self.root))

    def to(self, target: str, fragment: str | None = None) -> str:
        return (self.root + target or "./") + (f"#{fragment}" if fragment else "")


# Elements whose end, when the next element starts right after it, ends a word: a date and the
# title beside it, a label and its value, a list item and the next. A link's end is not among
# them (its hidden preview follows it, and a space there would show before the bracket).
_WORD_END = re.compile(
    r"(</(?:span|strong|em|b|i|time|small|q|div|dt|dd|li|p|h[1-6]|section|article|summary"
    r"|details|label|button|td|th|tr|figcaption|blockquote|nav|ul|ol|dl|table)>)(<[a-zA-Z])"
)


def word_gaps(html: str) -> str:
    """A page's HTML with a space where one element ends and the next begins, so that search
    (which reads the page as running text) keeps the words apart: "2022 ChatGPT is launched",
    not "2022ChatGPT is launched". Between blocks a browser shows nothing of the space; inside
    a <pre> it would, so preformatted text is left as it is."""
    parts = _PRE.split(html)
    return "".join(p if i % 2 else _WORD_END.sub(r"\1 \2", p) for i, p in enumerate(parts))


_PRE = re.compile(r"(<pre[\s>].*?</pre>)", re.S)
