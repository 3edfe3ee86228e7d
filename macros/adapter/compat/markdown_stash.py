"""Generated pages skip Python-Markdown's HTML parse: their raw blocks go straight to its stash.

A page made from records (macros/render/) is Markdown headings and raw HTML blocks, nothing else
(render/html.py: `heading()` and `block()`). Python-Markdown and MkDocs each parsed every block
with Python's html.parser only to store it verbatim, about a third of a build's CPU at scale. Here
each block is stored as it stands, before either parse runs; the headings still go through
Markdown, so the toc, the titles and the heading ids MkDocs and Material read stay theirs.

The blocks are found by their own structure: data reaches a generated page escaped, so every `<`
on it is ours, and a block ends where its first element closes. A page that is anything else
(a line that is neither a heading nor a block) is left whole to Markdown, as before.
"""

from __future__ import annotations

import html
import re
from functools import cache

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from macros.render.html import BLOCK_TAGS

_START = re.compile(r"<([a-z][a-z0-9]*)[\s>]")
# The ids MkDocs would have collected from the raw HTML (for its anchor validation): an id on any
# element, a name on <a>. Attribute values are escaped, so a `"` ends each one.
_ID = re.compile(r'\sid="([^"]*)"|<a\s[^>]*?\bname="([^"]*)"')


# A hand-written page that is one call of a page renderer (docs/glossary.md holds
# `{{ glossary_page() }}`), prose() excepted: once mkdocs-macros has run, its Markdown is all the
# renderer's.
_RENDERER_STUB = re.compile(r"\s*\{\{\s*(\w+)\(\s*\)\s*\}\}\s*")


@cache
def _page_renderers() -> frozenset[str]:
    from macros.render import pages

    return frozenset(
        [pages.home.__name__, pages.data_page.__name__]
        + [render.__name__ for render, _ in pages.INDEXES.values()]
    )


def renderer_stub(file) -> bool:
    """Whether a documentation file is nothing but one call of a page renderer."""
    if file.generated_by or not file.src_uri.endswith(".md"):
        return False
    found = _RENDERER_STUB.fullmatch(file.content_string)
    # Only the project's page renderers: mkdocs-macros' own macros (macros_info(), context())
    # and prose() write Markdown that must be parsed as such.
    return found is not None and found[1] in _page_renderers()


@cache
def _same_tag(name: str) -> re.Pattern:
    return re.compile(rf"<(/?){name}[\s>]")


def blocks(text: str) -> list[tuple[int, int]] | None:
    """(start, end) of each raw block of a generated page, in order; None if anything between
    them is not a heading line, or a block does not stand alone as Python-Markdown wants it (its
    element closed, then a blank line)."""
    out: list[tuple[int, int]] = []
    pos, size = 0, len(text)
    while True:
        while pos < size and text[pos] == "\n":
            pos += 1
        if pos == size:
            return out
        if text[pos] == "#":
            end = text.find("\n", pos)
            pos = size if end < 0 else end
            continue
        start = _START.match(text, pos)
        if start is None or start[1] not in BLOCK_TAGS:
            return None
        depth, end = 0, -1
        for found in _same_tag(start[1]).finditer(text, pos):
            depth += -1 if found[1] else 1
            if depth == 0:
                end = found.end()
                break
        if end < 0 or text[end - 1] != ">" or not text.startswith("\n\n", end):
            return None
        out.append((pos, end))
        pos = end


class _StashBlocks(Preprocessor):
    def __init__(self, md: Markdown, owner: StashBlocks):
        super().__init__(md)
        self.owner = owner

    def run(self, lines: list[str]) -> list[str]:
        owner = self.owner
        generated, owner.next_generated = owner.next_generated, False
        owner.anchor_ids = anchor_ids = set()
        if not generated:
            return lines
        text = "\n".join(lines)
        found = blocks(text)
        if found is None:
            return lines
        # Exactly what Markdown's HtmlBlockPreprocessor makes of such a block: the block and
        # the newline after it stashed, a placeholder and a blank line in its place.
        out: list[str] = []
        last = 0
        for start, end in found:
            part = text[start:end]
            anchor_ids.update(html.unescape(a or b) for a, b in _ID.findall(part))
            out += [text[last:start], self.md.htmlStash.store(part + "\n"), "\n\n"]
            last = end + 1
        out.append(text[last:])
        return "".join(out).split("\n")


class StashBlocks(Extension):
    """One per build (the plugin adds it to the build's markdown_extensions): it knows whether
    the page about to be converted is one we generated, and the ids found on the last page."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.next_generated = False
        self.anchor_ids: set[str] = set()  # of the last page converted through the stash

    def expect_generated(self, generated: bool) -> None:
        """Say whether the page about to be converted is one we generated (on_page_markdown)."""
        self.next_generated = generated

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After whitespace is normalised (30), before MkDocs' anchor scan (21) and Markdown's
        # own HTML block parse (20).
        md.preprocessors.register(_StashBlocks(md, self), "briefing_stash_blocks", 25)

    def complete_anchor_ids(self, page) -> None:
        """on_page_content: the ids MkDocs' own scan of the stashed blocks would have found, for
        its anchor validation (it never saw those blocks)."""
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= self.anchor_ids
