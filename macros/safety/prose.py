"""Contributors' prose (docs/_prose/) as it may reach a reader: the HTML that Markdown made of it,
cleaned by an allowlist sanitiser (nh3, the binding to the Rust crate ammonia).

Markdown lets prose set any attribute (`attr_list`: `{: onfocus=... }`) and any link target
(`jav&#x61;script:`, a reference definition split over two lines), and a check on the source
cannot see what the HTML will be. So the HTML is cleaned, after Markdown, whatever the source was.
No MkDocs import: the hook calls `clean()` and `check_toc()` for prose pages.
"""

from __future__ import annotations

import functools
import re
from html.entities import html5
from urllib.parse import unquote, urlsplit

import nh3
from markupsafe import Markup, escape

from macros.facts import characters
from macros.facts.limits import (
    MAX_PROSE_BRACKETS,
    MAX_PROSE_BREAKS,
    MAX_PROSE_HEADINGS,
    MAX_PROSE_INDENT,
    MAX_PROSE_LINE,
    MAX_PROSE_QUOTE_DEPTH,
)

# What Python-Markdown makes of prose with the site's extensions (attr_list, toc, tables), and no
# more: no div, span, iframe, form, svg or style, and no class but the toc's permalink.
TAGS = frozenset(
    {
        *(f"h{n}" for n in range(1, 7)),
        "p",
        "br",
        "hr",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "a",
        "em",
        "strong",
        "code",
        "pre",
        "blockquote",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "img",
        "abbr",
        "sub",
        "sup",
    }
)
ATTRIBUTES = {
    # ids make the toc and the ¶ permalinks work; check_toc() keeps the sidebar's copy safe too
    **{f"h{n}": {"id"} for n in range(1, 7)},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    # Aligned table columns: Markdown's exact `style="text-align: …;"` and nothing else (the
    # page's Content-Security-Policy allows exactly these three by hash; `align` is obsolete HTML)
    "th": {"style"},
    "td": {"style"},
}
TABLE_ALIGN = frozenset(f"text-align: {side};" for side in ("left", "right", "center"))
CLASSES = {"a": {"headerlink"}}
SCHEMES = frozenset({"http", "https", "mailto"})
# Material names its own elements __search, __drawer...: prose ids may not take theirs.
_SAFE_ID = re.compile(r"(?!__)[A-Za-z0-9_-]+")


def _relative(url: str) -> bool:
    """A path on this site: no scheme, no host, nothing a browser reads as `//host`."""
    if not url or "\\" in url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return False
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith("//")


def inside_site(url: str, depth: int = 0) -> bool:
    """An image path that stays inside this site, seen from a page `depth` folders below the
    site's root: relative, not from the root (`/x.png` on a github.io address is another
    project's site) and never up above the root (`../../x.png` leaves this site the same way;
    `%2e%2e` is `..` to a browser)."""
    if not _relative(url) or url.startswith("/"):
        return False
    path = unquote(urlsplit(url).path)
    if "\\" in path:
        return False
    level = depth
    for segment in path.split("/"):
        if segment == "..":
            level -= 1
            if level < 0:
                return False
        elif segment not in ("", "."):
            level += 1
    return True


def _attribute(element: str, attribute: str, value: str, depth: int = 0) -> str | None:
    if element == "img" and attribute == "src" and not inside_site(value, depth):
        # an image from elsewhere (or from another project's pages on the same host) would
        # tell another site who reads the page
        return None
    if attribute == "id" and not _SAFE_ID.fullmatch(value):
        return None
    if attribute == "style" and value not in TABLE_ALIGN:
        return None
    return value


@functools.cache
def _cleaner(depth: int) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(TAGS),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        allowed_classes={k: set(v) for k, v in CLASSES.items()},
        attribute_filter=functools.partial(_attribute, depth=depth),
        url_schemes=set(SCHEMES),
        strip_comments=True,
        link_rel=None,
    )


def clean(html: str, depth: int = 0) -> str:
    """The prose HTML with everything outside the allowlist removed (text is kept), for a page
    `depth` folders below the site's root (`method/` is 1)."""
    return _cleaner(depth).clean(html)


class UnsafeHeading(ValueError):
    pass


def check_toc(items) -> None:
    """The page's table of contents (MkDocs AnchorLinks), made safe in place.

    Material writes a toc entry's id into an href and its title as HTML, unescaped, in the
    sidebar: outside the page content that clean() sees. A title is reduced to its text; an id
    that is not a plain slug is refused, since dropping it would break the link silently.
    """
    for item in items:
        if not _SAFE_ID.fullmatch(item.id):
            raise UnsafeHeading(
                f"heading id {item.id!r} is not allowed: use letters, digits, - and _ only, "
                "not starting with __"
            )
        item.title = str(escape(Markup(item.title).striptags()))
        check_toc(item.children)


_HEADING = re.compile(r" {0,3}(#{1,6}(\s|$)|(=+|-+)\s*$)")
_QUOTES = re.compile(r"(?: {0,3}>)+")
# A thematic break (CommonMark 4.1; Python-Markdown's is close): Markdown's time grows with the
# square of their number (50 kB of `***` lines rendered for 9 s).
_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")


def check_source(text: str) -> tuple[int, int, str] | None:
    """The first place (line, column, message) where prose leaves the shapes Markdown renders
    in bounded time, or None. Python-Markdown is quadratic in unclosed brackets (`[`, `![`, `[a](`)
    within one paragraph, in headings, setext underlines and thematic breaks (each splits the
    page's blocks again), and slower with every nesting level and long line; a source check
    keeps a small file from hanging the build. The limits are in macros/facts/limits.py.
    """
    brackets = headings = breaks = 0
    for number, line in enumerate(text.split("\n"), start=1):
        # Blank as Markdown reads it: spaces and tabs only (a line of no-break spaces does not
        # end the paragraph, and must not reset the count).
        if not line.strip(" \t\r"):
            brackets = 0  # a blank line ends the paragraph Markdown's inline patterns run over
            continue
        if len(line) > MAX_PROSE_LINE:
            return (
                number,
                MAX_PROSE_LINE + 1,
                (
                    f"a line has at most {MAX_PROSE_LINE:,} characters (this one has "
                    f"{len(line):,}); break it"
                ),
            )
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip(" "))
        if indent > MAX_PROSE_INDENT:
            return (
                number,
                1,
                (
                    f"indented {indent} spaces; prose is indented at most {MAX_PROSE_INDENT} "
                    "(lists nested four deep)"
                ),
            )
        quotes = _QUOTES.match(line)
        if quotes and quotes.group().count(">") > MAX_PROSE_QUOTE_DEPTH:
            return number, 1, f"blockquotes nest at most {MAX_PROSE_QUOTE_DEPTH} deep"
        if _BREAK.match(line):
            breaks += 1
            if breaks > MAX_PROSE_BREAKS:
                return (
                    number,
                    1,
                    f"a prose page has at most {MAX_PROSE_BREAKS} thematic breaks "
                    "(lines of ***, ___ or - - -)",
                )
        if _HEADING.match(line):
            headings += 1
            if headings > MAX_PROSE_HEADINGS:
                return number, 1, f"a prose page has at most {MAX_PROSE_HEADINGS} headings"
        for found in re.finditer(r"\[", line):
            brackets += 1
            if brackets > MAX_PROSE_BRACKETS:
                return (
                    number,
                    found.start() + 1,
                    (
                        f"a paragraph holds at most {MAX_PROSE_BRACKETS} '[' (links and images); "
                        "split it or close its brackets"
                    ),
                )
    return None


# A character written as a reference (`&#x202E;`, `&#27;`) is that character once Markdown has
# turned the prose into HTML.
_REFERENCE = re.compile(r"&#(?:[xX]([0-9A-Fa-f]{1,8})|([0-9]{1,10}));")
_NAMED_REFERENCE = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31};)")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]*)")


def check_characters(text: str) -> tuple[int, int, str] | None:
    """The first character of prose (text, link targets, image paths, heading ids) that the
    project's one character rule refuses (macros/facts/characters.py: controls but the line
    break, bidi controls, zero-width and tag characters...), written or as a numeric reference;
    and the first image whose path leaves this site. (line, column, message) or None."""
    # Tabs indent Markdown as spaces do (check_source counts them): the one control kept but LF.
    found = characters.first_refused(text.replace("\t", " "), line_breaks=True)
    references = [] if "&#" not in text else list(_REFERENCE.finditer(text))
    for ref in references:
        number = int(ref.group(1), 16) if ref.group(1) else int(ref.group(2))
        ch = chr(number) if number <= 0x10FFFF else "\x00"
        if characters.first_refused(ch) is not None and (
            found is None or ref.start() < found.start()
        ):
            return _at(
                text,
                ref.start(),
                f"{characters.kind(ch)} are not allowed in prose "
                f"(found {characters.code_point(ch)} written as {ref.group(0)!r})",
            )
    # Named references too: "&rlm;", "&ZeroWidthSpace;", "&shy;" are the characters they name.
    for ref in _NAMED_REFERENCE.finditer(text) if "&" in text else ():
        named = html5.get(ref.group(1), "")
        bad = next((c for c in named if characters.first_refused(c) is not None), None)
        if bad is not None and (found is None or ref.start() < found.start()):
            return _at(
                text,
                ref.start(),
                f"{characters.kind(bad)} are not allowed in prose "
                f"(found {characters.code_point(bad)} written as {ref.group(0)!r})",
            )
    if found is not None:
        ch = found.group()
        return _at(
            text,
            found.start(),
            f"{characters.kind(ch, line_breaks=True)} are not "
            f"allowed in prose (found {characters.code_point(ch)}); delete it",
        )
    for image in _IMAGE.finditer(text) if "![" in text else ():
        if image.group(1) and not inside_site(image.group(1)):
            return _at(
                text,
                image.start(1),
                f"image {image.group(1)!r} is not inside this site; "
                "images are relative paths under docs/ (no leading '/', no '..' above "
                "docs/, no other site)",
            )
    return None


def _at(text: str, offset: int, message: str) -> tuple[int, int, str]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1, message
