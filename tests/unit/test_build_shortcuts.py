"""The build's two shortcuts for generated pages give exactly what the long way gives: raw blocks
stashed without Python-Markdown's HTML parse (macros/adapter/compat/markdown_stash.py), and the
search index read from a Lexbor tree instead of html.parser tokens
(macros/adapter/compat/search_parser.py)."""

from __future__ import annotations

import markdown
import pytest
from material.plugins.search.plugin import Parser as MaterialParser

from macros.adapter.compat import markdown_stash, search_parser
from macros.render.glossary import first_per_page
from tests.conftest import REPO
from tests.inert import _site_extensions, every_page

INDEXING = search_parser.Indexing()


def _convert(text: str, stash: bool) -> tuple[str, list, set[str]]:
    names, configs = _site_extensions()
    stash_blocks = markdown_stash.StashBlocks()
    extensions = [*names, stash_blocks] if stash else names
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    stash_blocks.expect_generated(stash)
    html = md.convert(text)
    return html, md.toc_tokens, set(stash_blocks.anchor_ids) if stash else set()


def _sections(parser_class, html: str, generated: bool) -> list[tuple]:
    INDEXING.expect_generated(generated)
    parser = parser_class()
    parser.feed(html)
    parser.close()
    return [(s.el.tag, s.id, s.depth, s.title, s.text) for s in parser.data]


@pytest.fixture(scope="module", params=["en", "nl"])
def pages(request, real_fb):
    return [
        (name, first_per_page(md)) for name, md in every_page(real_fb, request.param, page_size=3)
    ]


def test_every_generated_page_is_stashed_whole_and_converts_byte_for_byte(pages):
    for name, md in pages:
        assert markdown_stash.blocks(md), name  # the shortcut is taken, not fallen back from
        slow_html, slow_toc, _ = _convert(md, stash=False)
        fast_html, fast_toc, ids = _convert(md, stash=True)
        assert fast_html == slow_html, name
        assert fast_toc == slow_toc, name
        # What MkDocs' own scan of the raw HTML would have found, for its anchor validation.
        assert ids == _raw_html_ids(md), name


def _raw_html_ids(text: str) -> set[str]:
    """The ids MkDocs' own scan of a page's raw HTML finds (mkdocs.structure.pages)."""
    from mkdocs.structure.pages import _HTMLHandler

    handler = _HTMLHandler()
    handler.feed(text)
    return handler.present_anchor_ids


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\nplain *text* [link](javascript:x)\n",  # Markdown that is not a heading
        "# T\n\n<span>*a*</span>\n\n",  # not a block element
        "# T\n\n<div>a</div> tail\n\n",  # the line goes on after the block
        "# T\n\n<div><div>a</div>\n\n",  # never closed
    ],
)
def test_anything_but_headings_and_blocks_goes_to_markdown_whole(text):
    assert markdown_stash.blocks(text) is None
    assert _convert(text, stash=True)[0] == _convert(text, stash=False)[0]


def test_a_page_not_generated_is_never_stashed():
    text = "# T\n\n<div>a</div>\n\n"
    names, configs = _site_extensions()
    stash_blocks = markdown_stash.StashBlocks()
    md = markdown.Markdown(extensions=[*names, stash_blocks], extension_configs=configs)
    stash_blocks.expect_generated(False)
    md.convert(text)
    assert md.htmlStash.rawHtmlBlocks == ["<div>a</div>\n"]  # stored by Markdown's own parse
    assert stash_blocks.anchor_ids == set()


def test_every_generated_page_is_indexed_for_search_as_materials_parser_does(pages):
    for name, md in pages:
        html = _convert(md, stash=True)[0]
        assert search_parser._tree_safe(html), name  # the shortcut is taken
        expected = _sections(MaterialParser, html, generated=False)
        assert _sections(INDEXING.Parser, html, generated=True) == expected, name


@pytest.mark.parametrize(
    "html",
    [
        "\n<h1 id='t'>T</h1><p>a</p>",  # leading text makes a section of its own
        "<style>p{}</style><h1 id='t'>T</h1>",  # a tree moves it into <head>
        "<h1 id='t'>T</h1><p>a\r\nb</p>",  # a tree turns CR LF into LF
    ],
)
def test_html_a_tree_would_read_otherwise_is_indexed_by_materials_parser(html):
    assert _sections(INDEXING.Parser, html, generated=True) == _sections(
        MaterialParser, html, generated=False
    )


@pytest.mark.parametrize(
    "html",
    [
        # Material's quirks inside an excluded element: what they let through is indexed alike.
        '<h1 id="t">T</h1><div data-search-exclude=""><div>a</div><p>let through</p></div><p>b</p>',
        '<h1 id="t">T</h1><div data-search-exclude=""><h2 id="s">S</h2><p>c</p></div><p>d</p>',
        '<h1 id="t">T</h1><div data-search-exclude=""><p data-search-exclude="">x</p><p>y</p>'
        "</div>",
        '<div><h2 id="s">S</h2></div><div data-search-exclude=""><span>e</span></div><p>f</p>',
        '<h1 id="t">T</h1><div class="linenodiv" data-search-exclude=""><p>g</p></div><p>h</p>',
        '<h1 id="t">T</h1><section data-search-exclude=""><ul><li>i</li></ul></section><p>j</p>',
    ],
)
def test_an_excluded_element_is_indexed_as_materials_parser_does(html):
    assert search_parser._tree_safe(html)
    assert _sections(INDEXING.Parser, html, generated=True) == _sections(
        MaterialParser, html, generated=False
    )


def _file(src_uri: str, content: str):
    from mkdocs.structure.files import File

    file = File(src_uri, "/nowhere", "/nowhere-site", use_directory_urls=True)
    file.content_string = content
    return file


def test_only_a_page_that_is_one_renderer_call_counts_as_rendered():
    docs = REPO / "docs"
    stubs = {
        p.name
        for p in docs.glob("*.md")
        if markdown_stash.renderer_stub(_file(p.name, p.read_text()))
    }
    assert {"index.md", "glossary.md", "timeline.md"} <= stubs
    assert not {"method.md", "benchmarks.md"} & stubs  # contributors' prose: Markdown's own way
    assert not markdown_stash.renderer_stub(
        _file("x.md", "{{ glossary_page() }}\n\n<div>mine</div>\n")
    )
    assert not markdown_stash.renderer_stub(_file("x.md", '{{ prose("method") }}\n'))
    # mkdocs-macros' own macros write Markdown: only the project's page renderers take the shortcut
    assert not markdown_stash.renderer_stub(_file("x.md", "{{ macros_info() }}\n"))
    assert not markdown_stash.renderer_stub(_file("x.md", "{{ context() }}\n"))
