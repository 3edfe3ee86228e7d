"""Property-based fuzzing of the loader: whatever the files hold, `check` either passes or reports
located problems. It never crashes."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros import factbase
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
