"""The search index of a generated page, read by Lexbor instead of Python's html.parser.

Material's search plugin splits each page into sections with its own `Parser`, an html.parser
subclass: tokenising every page in Python cost the build about as much as all of Markdown (see
the Benchmarks page). For a page we generate, the same `Parser` is kept and given the very same
calls (start tag, text, end tag, in document order) from a tree Lexbor parsed in C, so the index
entries are Material's own. Our markup is well nested and every `<` in data is escaped
(render/html.py), so the tree holds the elements as written; anything that would make a tree
differ from the token stream (leading text, head elements, CR or NUL characters) sends the page
back to html.parser, as does every page that is not generated.
"""

from __future__ import annotations

from material.plugins.search import plugin as search_plugin
from selectolax.lexbor import LexborHTMLParser

_MaterialParser = search_plugin.Parser
_VOID = search_plugin.void
_RAW = ("<script", "<style", "<meta", "<link", "<title", "<base", "<template", "<noscript")


def _walk(parser, node) -> None:
    child = node.first_child
    while child is not None:
        tag = child.tag
        if tag == "-text":
            parser.handle_data(child.text_content)
        elif tag != "-comment":
            attrs = child.attributes
            parser.handle_starttag(tag, list(attrs.items()))
            if not ("data-search-exclude" in attrs and _inert(parser, child)):
                _walk(parser, child)
            if tag not in _VOID:
                parser.handle_endtag(tag)
        child = child.next


_HEADINGS = ", ".join(f"h{n}[id]" for n in range(1, 7))
_NEVER_UNSKIPPED = frozenset({"script", "style", "object"})


def _inert(parser, element) -> bool:
    """Whether Material's parser, given this excluded element's content, would change nothing:
    then the content need not be walked. It adds nothing from inside an excluded element, except
    through three quirks, each of which sends the content through the parser as usual: a heading
    with an id starts a section anyway; an element whose tag is already skipped takes that skip
    away when it closes (skipped elements compare by tag); a section opened deeper than this
    element is left when any element inside it closes."""
    if not parser.skip.intersection(parser.context):
        return False  # not skipped after all (Material reads one attribute of a few)
    if parser.section is None or parser.section.depth > len(parser.context):
        return False
    skipped = {getattr(s, "tag", s) for s in parser.skip} - _NEVER_UNSKIPPED
    selector = ", ".join([*sorted(skipped), _HEADINGS])
    # Lexbor's css_first matches the element itself too: ask each child, about its subtree.
    return all(child.css_first(selector) is None for child in element.iter())


def _tree_safe(html: str) -> bool:
    return (
        html.startswith("<")
        and "\r" not in html
        and "\x00" not in html
        and not any(raw in html for raw in _RAW)
    )


class Indexing:
    """One per plugin: whether the page the search plugin indexes next is one we generated, and
    the parser class that reads it (bound to this object), installed in Material's module while
    the shortcut is taken."""

    def __init__(self) -> None:
        self.next_generated = False
        indexing = self

        class Parser(_MaterialParser):
            def feed(self, data: str) -> None:
                generated, indexing.next_generated = indexing.next_generated, False
                if not (generated and _tree_safe(data)):
                    super().feed(data)
                    return
                doc = LexborHTMLParser(data)
                if doc.head is not None and doc.head.first_child is not None:
                    super().feed(data)
                    return
                _walk(self, doc.body)

        self.Parser = Parser

    def expect_generated(self, generated: bool) -> None:
        """Say whether the page the search plugin indexes next is one we generated."""
        self.next_generated = generated

    def install(self) -> None:
        search_plugin.Parser = self.Parser

    def uninstall(self) -> None:
        """Material's own parser again (the public path)."""
        if search_plugin.Parser is self.Parser:
            search_plugin.Parser = _MaterialParser
