"""Prose from contributors (docs/_prose/) reaches readers only through the allowlist sanitiser:
Markdown makes the HTML, macros/safety/prose.py cleans it."""

from __future__ import annotations

import re

import html5lib
import pytest
from mkdocs.exceptions import PluginError

from macros.adapter.site_pages import prose_text
from macros.facts.limits import MAX_PROSE_BYTES, MAX_PROSE_LINE
from macros.safety import prose
from tests.conftest import FIXTURE, REPO
from tests.inert import data_with_text, live, site_markdown
from tests.sitebuild import mkdocs_build, pages, parse, project_copy

# Finding B of issue 11: each passed a strict build before the sanitiser.
PAYLOADS = {
    "attr_list on the next line": "Para\n{: autofocus=1 tabindex=0 onfocus=alert(1) }",
    "onclick on a paragraph": "Click me\n{: onclick=alert(1) }",
    "onmouseover on a heading": "## Hover {: onmouseover=alert(1) }",
    "onclick on a heading": "# Title {: onclick=alert(1) }",
    "entity-encoded scheme": "[x](jav&#x61;script:alert(1))",
    "named-entity colon": "[x](javascript&colon;alert(1))",
    "reference split over lines": "[x][r]\n\n[r]:\n    javascript:alert(1)",
    "href set by attr_list": "[x](index.md){: href=javascript:alert(1) }",
    "angle-bracket target": "[x](<javascript:alert(1)>)",
    "mixed-case scheme": "[x](JaVaScRiPt:alert(1))",
    "numeric entity": "[x](&#106;avascript:alert(1))",
    "tab inside the scheme": "[x](java&#9;script:alert(1))",
    "leading space": "[x](&#x20;javascript:alert(1))",
    "autolink-looking raw HTML": "<javascript:alert(1)>",
    "xlink:href by attr_list": "[x](index.md){: xlink:href=javascript:alert(1) }",
    "formaction by attr_list": "[x](index.md){: formaction=javascript:alert(1) }",
    "srcset by attr_list": "![x](assets/briefing.css){: srcset='https://outside.example/a 1x' }",
    "data: link": "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "vbscript: link": "[x](vbscript:msgbox(1))",
    "outside image": "![t](https://outside.example/p.png)",
    "scheme-relative image": "![t](//outside.example/p.png)",
    "backslash image": "![t](/\\outside.example/p.png)",
    "image src by attr_list": "![t](a.png){: src=https://outside.example/p.png }",
    "style with an outside url": 'Para\n{: style="background:url(https://outside.example/)" }',
    "style on a link": '[x](index.md){: style="position:fixed;top:0" }',
    "javascript in an id": "## H {: #x onclick=alert(1) }",
}


def _page(markdown_text: str) -> str:
    # as on a prose page, one folder below the site's root (method/)
    return prose.clean(site_markdown(markdown_text), 1)


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_nothing_live_survives_the_sanitiser(payload):
    assert live(site_markdown(payload)), "the payload is live before cleaning (test is void)"
    assert live(_page(payload)) == []


@pytest.mark.parametrize(
    "markdown_text, kept",
    [
        ("[a](https://example.org/x)", 'href="https://example.org/x"'),
        ("[a](../sources/)", 'href="../sources/"'),
        ("[a](#how)", 'href="#how"'),
        ("[a](mailto:x@example.org)", 'href="mailto:x@example.org"'),
        ("![alt](../assets/x.png)", 'src="../assets/x.png"'),
        ("## Section", '<h2 id="section">Section<a class="headerlink" href="#section"'),
        ("| a | b |\n|---|--:|\n| 1 | 2 |", '<td style="text-align: right;">2</td>'),
        ("*e* **s** `c`", "<em>e</em> <strong>s</strong> <code>c</code>"),
        ("> q", "<blockquote>"),
        ("1. one\n2. two", "<ol>"),
    ],
)
def test_what_prose_needs_is_kept(markdown_text, kept):
    assert kept in _page(markdown_text)


@pytest.mark.parametrize("path", sorted((REPO / "docs/_prose").glob("*.md")), ids=lambda p: p.name)
def test_the_real_prose_is_unchanged_by_the_sanitiser_but_for_serialisation(path):
    html = site_markdown(path.read_text(encoding="utf-8"))
    cleaned = prose.clean(html)

    def shape(fragment):
        doc = html5lib.parseFragment(fragment, namespaceHTMLElements=False)
        return [(el.tag, sorted(el.attrib.items()), el.text, el.tail) for el in doc.iter()]

    assert shape(cleaned) == shape(html)


class _Item:
    def __init__(self, title, id, children=()):
        self.title, self.id, self.children = title, id, list(children)


def test_toc_titles_become_text_and_unsafe_ids_are_refused():
    items = [_Item("A &lt;b&gt; <em>x</em>", "a", [_Item("<img src=x onerror=alert(1)>", "b")])]
    prose.check_toc(items)
    assert items[0].title == "A &lt;b&gt; x" and items[0].children[0].title == ""
    for bad in ['x"onmouseover="alert(1)', "x y", "", "a>b", "__search"]:
        with pytest.raises(prose.UnsafeHeading, match="heading id"):
            prose.check_toc([_Item("t", bad)])


# Material writes toc ids into the sidebar unescaped: this one would add a live handler there.
SIDEBAR_BREAKOUT = "## Away {: id='x\"onmouseover=\"alert(1)' }"


def _write_prose(project, extra: str) -> None:
    for path in (project / "docs/_prose").glob("method.*.md"):
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def _live_in_page(path) -> list[str]:
    """Handlers, script or data URLs and outside images anywhere in a built page."""
    found = []
    for el in parse(path).iter():
        for name, value in el.attrib.items():
            name = str(name).lower()
            url = "".join(ch for ch in value if ord(ch) > 32).lower()
            if name.startswith("on") or (name == "style" and "url(" in url):
                found.append(f"{path.name}: {name}")
            if url.startswith(("javascript:", "data:", "vbscript:")) or "outside.example" in url:
                found.append(f"{path.name}: {name}={value[:40]}")
    return found


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory):
    """The fixture site with finding A's title on dated events and every prose payload."""
    root = tmp_path_factory.mktemp("prose-payloads")
    data = data_with_text(root / "data", "ChatGPT is launched ![t](/x.png){: onerror=alert(1) }")
    project = project_copy(root / "project", data)
    # Raw HTML stops the build early (site.prose_text, tested in test_publish.py); the rest is
    # Markdown that builds, and that only the sanitiser keeps inert.
    # Images from outside the site are refused at the source too (prose.check_characters).
    markdown_only = [
        p
        for p in PAYLOADS.values()
        if not re.search(r"<[A-Za-z!/?]", p) and prose.check_characters(p) is None
    ]
    assert len(markdown_only) >= 20
    _write_prose(project, "".join(f"\n\n{p}\n" for p in markdown_only))
    run = mkdocs_build(project, project / "site")
    assert run.returncode == 0, run.stderr
    return project / "site"


def test_a_built_site_with_every_payload_has_nothing_live(payload_site):
    built = pages(payload_site)
    assert {"method/index.html", "nl/method/index.html", "timeline/index.html"} <= {
        p.relative_to(payload_site).as_posix() for p in built
    }
    assert [f for page in built for f in _live_in_page(page)] == []


def test_the_prose_toc_still_lists_its_headings(payload_site):
    doc = parse(payload_site / "method/index.html")
    links = {a.get("href") for a in doc.iter("a") if "md-nav__link" in (a.get("class") or "")}
    assert {"#how-facts-are-taken", "#corrections", "#hover"} <= links
    assert doc.find(".//h2[@id='how-facts-are-taken']/a[@class='headerlink']") is not None


@pytest.mark.build
def test_a_heading_id_that_breaks_out_of_the_sidebar_fails_the_build(tmp_path):
    project = project_copy(tmp_path / "project", FIXTURE)
    _write_prose(project, f"\n\n{SIDEBAR_BREAKOUT}\n")
    run = mkdocs_build(project)
    assert run.returncode == 1
    assert "docs/_prose/method.en.md: heading id 'x\"onmouseover=\"alert(1)'" in run.stderr
    assert "Traceback" not in run.stderr


def test_raw_html_in_prose_is_refused_early_with_its_place(tmp_path):
    folder = tmp_path / "_prose"
    folder.mkdir()
    (folder / "x.en.md").write_text("# X\n\nSee  <b>this</b>\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"_prose/x\.en\.md:3:6: raw HTML is not allowed"):
        prose_text(tmp_path, "x", "en")
    (folder / "x.en.md").write_text("# X\n\n[x](javascript:alert(1))\n", encoding="utf-8")
    assert prose_text(tmp_path, "x", "en")  # Markdown: left to the sanitiser


@pytest.mark.build
def test_prose_on_a_page_the_hook_does_not_sanitise_fails_the_build(tmp_path):
    project = project_copy(tmp_path / "project", FIXTURE)
    (project / "docs/other.md").write_text('{{ prose("method") }}\n', encoding="utf-8")
    run = mkdocs_build(project)
    assert run.returncode != 0
    assert "docs/other.md: prose() is only allowed on the pages in" in run.stderr


# --- time: Python-Markdown is quadratic in unclosed brackets ('[' * 5000 took 59 s) ------------

SHAPES = [
    ("[" * 41, "3:41: a paragraph holds at most 40 '['"),
    ("[a\n" * 41, "43:1: a paragraph holds at most 40 '['"),
    ("![" * 41, "3:82: a paragraph holds at most 40 '['"),
    ("[a](" * 41, "3:161: a paragraph holds at most 40 '['"),
    ("[" * 5000, "3:1001: a line has at most 1,000 characters (this one has 5,000)"),
    (" " * 17 + "- a", "3:1: indented 17 spaces; prose is indented at most 16"),
    ("\t\t\t\t\t- a", "3:1: indented 20 spaces"),
    ("> > > > > a", "3:1: blockquotes nest at most 4 deep"),
    (">>>>>" * 100 + " a", "3:1: blockquotes nest at most 4 deep"),
    ("# a\n" * 100, "102:1: a prose page has at most 100 headings"),
]


@pytest.mark.parametrize(("shape", "message"), SHAPES, ids=[m for _, m in SHAPES])
def test_prose_markdown_is_slow_on_is_refused_with_its_place(shape, message, tmp_path):
    folder = tmp_path / "_prose"
    folder.mkdir()
    (folder / "x.en.md").write_text(f"# X\n\n{shape}\n", encoding="utf-8")
    with pytest.raises(PluginError, match=re.escape(f"_prose/x.en.md:{message}")):
        prose_text(tmp_path, "x", "en")


def test_brackets_are_counted_per_paragraph(tmp_path):
    folder = tmp_path / "_prose"
    folder.mkdir()
    (folder / "x.en.md").write_text("# X\n\n" + ("[a] " * 40 + "\n\n") * 100, encoding="utf-8")
    assert prose_text(tmp_path, "x", "en")


def _fill(block: str) -> str:
    return (block * (MAX_PROSE_BYTES // len(block) + 1))[:MAX_PROSE_BYTES]


# Markdown's worst cases within the limits, each a whole prose file (scripts/bench_check.py
# --prose prints the times of these and more).
WITHIN = {
    "brackets": _fill("[" * 40 + "\n\n"),
    "images": _fill("![" * 40 + "\n\n"),
    "unclosed links": _fill("[a](" * 40 + "\n\n"),
    "emphasis": _fill("_a_ " * 249 + "\n"),
    "backslashes": _fill("\\" * 999 + "\n"),
    "table": "| a | b |\n| - | - |\n" + _fill("| x | y |\n")[:-30],
}


@pytest.mark.parametrize("text", WITHIN.values(), ids=WITHIN.keys())
def test_prose_within_the_limits_is_accepted_and_rendered(text, tmp_path):
    # How long each worst case takes is a figure: `python scripts/bench_check.py --prose`.
    folder = tmp_path / "_prose"
    folder.mkdir()
    (folder / "x.en.md").write_text(text, encoding="utf-8")
    assert site_markdown(prose_text(tmp_path, "x", "en"))


@pytest.mark.parametrize("path", sorted((REPO / "docs/_prose").glob("*.md")), ids=lambda p: p.name)
def test_the_real_prose_is_far_within_the_limits(path):
    text = path.read_text(encoding="utf-8")
    assert prose.check_source(text) is None
    assert len(text.encode()) * 5 < MAX_PROSE_BYTES
    assert max(len(line) for line in text.splitlines()) * 5 < MAX_PROSE_LINE


@pytest.mark.parametrize("ref", ["&rlm;", "&lrm;", "&zwj;", "&zwnj;", "&shy;", "&ZeroWidthSpace;"])
def test_a_named_reference_to_a_refused_character_is_refused(ref):
    # Found by the attacker of issue 26: only numeric references were read.
    for text in (f"Body {ref} text", f"## Heading{ref}x", f"[t](https://example.org/a{ref}b)"):
        found = prose.check_characters(text)
        assert found is not None and ref in found[2], text
    assert prose.check_characters("Fish &amp; chips&nbsp;here") is None


def test_a_line_of_no_break_spaces_does_not_end_the_paragraph_s_bracket_count():
    # Markdown does not read a line of U+00A0 as blank; the count must go on across it.
    text = ("[" * 40 + "\n\u00a0\n") * 3
    found = prose.check_source(text)
    assert found is not None and "'['" in found[2]
    assert prose.check_source(("[" * 40 + "\n \t\n") * 3) is None  # a blank line does end it
