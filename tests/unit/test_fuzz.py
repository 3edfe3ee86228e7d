"""Property-based fuzzing. The loader: whatever the files hold, `check` either passes or reports
located problems; it never crashes. The output: whatever data text or prose holds, the HTML
that reaches a reader has no handler, no script URL, no unknown element and no outside image."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from mkdocs.structure.toc import get_toc

from macros.facts import characters, factbase, located_yaml
from macros.facts.located_yaml import read_yaml
from macros.facts.problems import DataError
from macros.safety import prose
from tests.conftest import FIXTURE, REPO, examples
from tests.inert import data_with_text, every_page, live, site_markdown, site_markdown_toc

LOCATED = re.compile(r"^data/[\w./-]+:\d+:\d+: \S")
SETTINGS = settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _outcome(data: Path) -> None:
    """Pass, or fail with located problems; any other exception fails the property."""
    try:
        factbase.load(data)
    except DataError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert LOCATED.match(str(problem)), str(problem)


def _with_file(source: Path, rel: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(source, data)
        (data / rel).write_bytes(content)
        _outcome(data)


yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30)
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


@pytest.mark.usefixtures("yaml_reader")  # both readers (tests/conftest.py)
@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_as_a_claims_file(content):
    _with_file(FIXTURE, "claims/sample-news.yml", content)


@pytest.mark.usefixtures("yaml_reader")  # both readers (tests/conftest.py)
@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_text_as_an_actors_file(content):
    _with_file(
        FIXTURE,
        "actors.yml",
        content.encode("utf-8", "surrogatepass")
        if not any(0xD800 <= ord(c) <= 0xDFFF for c in content)
        else b"x: 1\n",
    )


@pytest.mark.usefixtures("yaml_reader")  # both readers (tests/conftest.py)
@SETTINGS
@given(yaml_values)
def test_arbitrary_yaml_structures_as_a_topics_file(value):
    _with_file(FIXTURE, "topics.yml", yaml.safe_dump(value, allow_unicode=True).encode())


@pytest.mark.usefixtures("yaml_reader")  # both readers (tests/conftest.py)
@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "id",
                "quote",
                "text",
                "kind",
                "said_by",
                "about",
                "topics",
                "date",
                "figure",
                "note",
                "extra",
            ]
        ),
        yaml_values,
        max_size=11,
    )
)
def test_arbitrary_claim_records(record):
    _with_file(
        FIXTURE,
        "claims/sample-news.yml",
        yaml.safe_dump({"claims": [record]}, allow_unicode=True).encode(),
    )


REAL_FILES = sorted(p.relative_to(REPO / "data").as_posix() for p in (REPO / "data").rglob("*.yml"))


@pytest.mark.usefixtures("yaml_reader")  # both readers (tests/conftest.py)
@SETTINGS
@given(st.sampled_from(REAL_FILES), st.data())
def test_mutations_of_the_real_data(rel, data):
    lines = (REPO / "data" / rel).read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(
            st.sampled_from(["delete", "duplicate", "swap", "insert", "indent", "truncate"])
        )
        if action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "insert":
            lines.insert(i, data.draw(st.text(max_size=20)) + "\n")
        elif action == "indent":
            lines[i] = " " * data.draw(st.integers(1, 3)) + lines[i]
        elif action == "truncate":
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
    text = "".join(lines)
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return
    _with_file(REPO / "data", rel, text.encode("utf-8"))


# Plain scalars written the many ways YAML 1.1 reads as something other than text.
_TRICKY = st.sampled_from(
    [
        "yes",
        "no",
        "on",
        "off",
        "y",
        "n",
        "~",
        "null",
        "Null",
        "NULL",
        "true",
        "False",
        "0",
        "-0",
        "+1",
        "1_000",
        "0o17",
        "017",
        "0x1F",
        "0b101",
        "1e3",
        ".5",
        "+.5",
        "-.inf",
        ".NaN",
        "1.2.3",
        "12:30",
        "190:20:30",
        "2025",
        "2025-01",
        "2025-12-02",
        "2025-12-02T10:00:00Z",
        "=",
        "<<",
        "-",
        "?",
        ":",
        "#",
        "!",
        "%",
        "@",
        "`",
        "''",
        '""',
        "a:b",
    ]
)


@pytest.mark.usefixtures("yaml_reader")  # both readers (tests/conftest.py)
@SETTINGS
@given(
    st.recursive(
        st.one_of(_TRICKY, st.text(max_size=12)),
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(st.one_of(_TRICKY, st.text(max_size=8)), children, max_size=4),
        ),
        max_leaves=20,
    ),
    st.booleans(),
)
def test_the_fast_path_reads_what_pyyaml_reads(value, flow):
    """Our own tag resolution and walk agree with PyYAML's C safe loader (whose timestamps we
    keep as text): a file is accepted exactly when it is plain data, with the same values and
    types, read fresh or from the parse cache."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=flow)
    # safe_dump quotes what would read as another type; unquote it so the resolver has work.
    text = re.sub(r"'([^'\n]*)'", r"\1", text)
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
        expected = yaml.load(text, Loader=_SafeTimestampsAsText)  # noqa: S506 - a safe loader
        # Any tag written in the file is refused, `!` alone included (PyYAML reads it as text).
        tagged = any(getattr(e, "tag", None) for e in yaml.parse(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError:
        return  # not YAML: the syntax error tests cover this
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yml"
        path.write_text(text, encoding="utf-8")
        doc, problems = read_yaml(path, "x.yml")
        again, _ = read_yaml(path, "x.yml")  # from the parse cache, when the first was accepted
    if characters.first_refused_in_file(text.removeprefix("\ufeff")):
        # a character no data file may hold, comments included, refused before any parsing
        assert doc is None and problems[0].message.startswith(
            ("the file holds", "the file contains")
        )
    elif node is None:
        assert doc is None and problems
    elif _plain_data(node, 0) and not tagged:
        assert doc is not None, (text, problems)
        for read in (doc, again):
            assert json.dumps(read.data) == json.dumps(expected)  # NaN-safe; 1, 1.0, True differ
            assert _types(read.data) == _types(expected)
    else:
        assert doc is None and problems, text


_INDICATORS = st.sampled_from(list("-?:,[]{}&*!.x \n") + ["---\n", "...\n", "&a ", "*a", "'", '"'])


@SETTINGS
@given(
    st.one_of(
        st.lists(_INDICATORS, max_size=60).map("".join),
        st.tuples(yaml_values, st.sampled_from([True, False, None]), st.booleans()).map(
            lambda v: yaml.safe_dump_all(
                [v[0], v[0]], default_flow_style=v[1], explicit_end=v[2], allow_unicode=True
            )
        ),
    )
)
def test_the_node_bound_is_never_below_the_node_count(text):
    """read_yaml counts a big file's values on the event stream only when the bound from its
    indicators passes the limit: the bound must hold for any text that parses at all."""
    try:
        events = list(yaml.parse(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError:
        return
    nodes = sum(1 for e in events if e.__class__ in located_yaml._NODE_EVENTS)
    assert nodes <= located_yaml._most_nodes(text), text


_ALLOWED = {f"tag:yaml.org,2002:{t}" for t in ["str", "int", "float", "bool", "null", "timestamp"]}


def _plain_data(node: yaml.Node, depth: int) -> bool:
    """Plain data as the contract means it, judged on PyYAML's own nodes."""
    if depth > 20:
        return False
    if isinstance(node, yaml.ScalarNode):
        return node.tag in _ALLOWED
    if isinstance(node, yaml.SequenceNode):
        return all(_plain_data(item, depth + 1) for item in node.value)
    keys = [k for k, _ in node.value]
    return (
        all(isinstance(k, yaml.ScalarNode) and k.tag == "tag:yaml.org,2002:str" for k in keys)
        and len({k.value for k in keys}) == len(keys)
        and all(_plain_data(v, depth + 1) for _, v in node.value)
    )


class _SafeTimestampsAsText(yaml.CSafeLoader):
    pass


_SafeTimestampsAsText.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def _types(value):
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return type(value).__name__


# Pieces of Markdown, HTML and URLs that have turned escaped or sanitised text live before.
_HOSTILE = st.sampled_from(
    [
        "![t](/x.png){: onerror=alert(1) }",
        "![t](https://outside.example/p.png)",
        "[a](javascript:alert(1))",
        "[a][r]\n\n[r]:\n    javascript:alert(1)",
        "{: onclick=alert(1) }",
        "{: autofocus=1 tabindex=0 onfocus=alert(1) }",
        "{: #id }",
        "{: id='a\"b' }",
        '{: style="background:url(https://outside.example/)" }',
        "{: href=javascript:alert(1) }",
        "{: src=https://outside.example/p.png }",
        "{:",
        "}",
        "[a](",
        "![i](",
        "](",
        ")",
        "[r]",
        "[r]: ",
        "[r]:\n    ",
        "jav&#x61;script:alert(1)",
        "javascript&colon;alert(1)",
        "javascript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "https://outside.example/p.png",
        "//outside.example/p.png",
        "/\\outside.example/p.png",
        "x.png",
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "<svg onload=alert(1)>",
        "<a href=javascript:alert(1)>",
        "<style>p{}</style>",
        "<div markdown=1>",
        "<!-- ",
        "&lt;",
        "&#x3C;",
        "\n",
        "\n\n",
        "# ",
        "## ",
        "| a | b |\n|---|--:|\n| 1 | 2 |",
        "*",
        "_",
        "`",
        '"',
        "'",
        "=",
        " ",
        # issue 26: terminals, look-alike addresses, images from above the site, GFM autolinks
        "\x1b]52;c;aGk=\x07",
        "\x1b[2K\x1b[1A",
        "\u202e",
        "\u200b",
        "&#x202E;",
        "&#27;",
        "![a](/other-repo/x.png)",
        "![a](../../../x.png)",
        "![a](%2e%2e/%2e%2e/x.png)",
        "***\n",
        "* * *\n",
        "https://www.rеutеrs.cоm/x",
        "https://www.reuters.com@outside.example/",
        "www.outside.example",
        "boss@outside.example",
        "@org/team",
        ":shipit:",
        "<https://outside.example>",
        # issue 26, round three: GitHub's references in the review diff
        "#123",
        "GH-45",
        "owner/repo#1",
        "16e2398",
        "a5c3785ed8d6a35868bc169f07e40e889087fd2e",
        "x@16e2398",
        # issue 26, the round after: look-alikes Chromium's spoof checks name
        "https://www.\u0430\u0440\u0440\u04cf\u0435.com/",
        "https://\u00df.\u00df/",
        "https://outside.example#@www.reuters.com/",
    ]
)
hostile_text = st.lists(st.one_of(_HOSTILE, st.text(max_size=4)), min_size=1, max_size=25).map(
    "".join
)
RENDER_SETTINGS = settings(
    max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@RENDER_SETTINGS
@given(hostile_text, st.sampled_from(["en", "nl"]), st.sampled_from([1, 100]))
def test_data_text_stays_inert_on_every_page(text, lang, page_size):
    """Dated events (the timeline's SVG), an actor, a pole and a summary holding `text`: every
    kind of page, through Markdown with the site's extensions, has nothing live."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            fb = factbase.load(data_with_text(Path(tmp) / "data", text))
        except DataError:
            assume(False)  # refused by check (template syntax, blank text...): never rendered
        for name, md in every_page(fb, lang, page_size):
            assert live(site_markdown(md)) == [], name


@SETTINGS
@given(hostile_text)
def test_prose_is_inert_after_the_sanitiser(text):
    html, toc_tokens = site_markdown_toc(text)
    assert live(prose.clean(html)) == []
    # On a prose page (one folder down), every image that is left stays inside the site.
    srcs = re.findall(r'<img [^>]*src="([^"]*)"', prose.clean(html, 1))
    assert all(prose.inside_site(src, 1) for src in srcs), srcs
    toc = get_toc(toc_tokens)
    try:
        prose.check_toc(toc)
    except prose.UnsafeHeading:
        return  # the build stops with the prose file's name
    for item in _flat(toc):
        assert "<" not in item.title and '"' not in item.id and " " not in item.id


def _flat(items):
    for item in items:
        yield item
        yield from _flat(item.children)


@SETTINGS
@given(hostile_text)
def test_what_the_project_prints_has_nothing_raw_for_a_terminal(text):
    from macros.facts import terminal

    once = terminal.escape(text)
    assert terminal.escape(once) == once
    assert all(c.isprintable() for c in once), repr(once)
    assert "\x1b" not in terminal.escape(text, lines=True)


@SETTINGS
@given(hostile_text)
def test_prose_the_character_rule_passes_holds_no_refused_character(text):
    from macros.facts import characters

    if prose.check_characters(text) is None:
        assert characters.first_refused(text.replace("\t", " "), line_breaks=True) is None


@SETTINGS
@given(hostile_text)
@example(":shipit::shipit:")  # a shortcode closing across another one's code span
@example("a:@b:")
@example("#123#123#123")  # references parted by code: no hex run of seven across them
def test_the_review_diff_links_nothing_whatever_the_data(text):
    import cmarkgfm
    from cmarkgfm.cmark import Options

    from macros.cli.diff import md

    html = cmarkgfm.github_flavored_markdown_to_html(
        "- added " + md(text), options=Options.CMARK_OPT_UNSAFE
    )
    assert "<a " not in html and "<img" not in html, html
    tags = set(re.findall(r"</?([a-z0-9]+)", html))
    assert tags <= {"ul", "li", "code", "p"}, html
    # GitHub looks for mentions, emoji and references in each text node: code parts them.
    outside_code = re.sub(r"<code>.*?</code>", " ", html)
    assert not re.search(r"(?<![\w`])@\w", outside_code), html
    assert not re.search(r":[\w+-]+:", outside_code), html
    assert not re.search(
        r"#[0-9]|(?<![0-9A-Za-z])(?i:gh)-[0-9]|(?<![0-9A-Za-z])[0-9a-fA-F]{7,40}(?![0-9A-Za-z])",
        outside_code,
    ), html
