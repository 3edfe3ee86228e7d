"""Property-based fuzzing of the loader: whatever the files hold, `check` either passes or reports
located problems. It never crashes."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros import factbase
from macros.located_yaml import read_yaml
from macros.problems import DataError

from .conftest import FIXTURE, REPO

LOCATED = re.compile(r"^data/[\w./-]+:\d+:\d+: \S")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


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


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_as_a_claims_file(content):
    _with_file(FIXTURE, "claims/sample-news.yml", content)


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


@SETTINGS
@given(yaml_values)
def test_arbitrary_yaml_structures_as_a_topics_file(value):
    _with_file(FIXTURE, "topics.yml", yaml.safe_dump(value, allow_unicode=True).encode())


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
    if node is None:
        assert doc is None and problems
    elif _plain_data(node, 0) and not tagged:
        assert doc is not None, (text, problems)
        for read in (doc, again):
            assert json.dumps(read.data) == json.dumps(expected)  # NaN-safe; 1, 1.0, True differ
            assert _types(read.data) == _types(expected)
    else:
        assert doc is None and problems, text


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
