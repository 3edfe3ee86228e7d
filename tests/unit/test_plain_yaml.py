"""The line reader of data files (macros/facts/plain_yaml.py) against PyYAML: whatever it
accepts, it reads exactly as PyYAML's C safe loader and our walk do (same values, same types,
same order, same count of values); whatever PyYAML refuses, it declines."""

from __future__ import annotations

import math
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.cli import synth
from macros.facts import located_yaml, plain_yaml
from macros.facts.limits import MAX_DEPTH, MAX_NODES
from tests.conftest import FIXTURE, REPO, examples

SETTINGS = settings(
    max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

REFUSED = "refused"


def pyyaml_reading(text: str):
    """What the PyYAML path makes of a text: its data, or REFUSED."""
    try:
        node = yaml.compose(text, Loader=located_yaml._Composer)
    except yaml.YAMLError:
        return REFUSED
    if node is None or _events(text) > MAX_NODES:
        return REFUSED
    try:
        return located_yaml._plain(node, 0)
    except located_yaml._Refusal:
        return REFUSED


def _events(text: str) -> int:
    return sum(
        1
        for e in yaml.parse(text, Loader=yaml.CSafeLoader)
        if e.__class__ in located_yaml._NODE_EVENTS
    )


def fast_reading(text: str):
    return plain_yaml.read(text, located_yaml._plain_scalar, located_yaml._TYPED_FIRST)


def _same(a, b) -> bool:
    """Equal values of equal types in the same order (NaN equal to NaN)."""
    if a.__class__ is not b.__class__:
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def assert_agrees(text: str) -> None:
    """The reader declines, or reads what PyYAML reads; it never accepts what PyYAML refuses."""
    fast = fast_reading(text)
    if fast is None:
        return
    expected = pyyaml_reading(text)
    assert expected is not REFUSED, f"accepted what PyYAML refuses:\n{text}"
    assert _same(fast, expected), f"{text}\nfast: {fast!r}\nPyYAML: {expected!r}"
    reader = plain_yaml._Reader(located_yaml._plain_scalar, located_yaml._TYPED_FIRST)
    reader.read(text)
    assert reader.nodes == _events(text), text


# Scalars as the data files hold them, and the ones YAML 1.1 reads as something else.
TRICKY = [
    "yes", "No", "on", "OFF", "y", "n", "~", "null", "Null", "true", "False", "0", "-0", "+1",
    "1_000", "0o17", "017", "0x1F", "0b101", "1e3", "1.5e3", "1.0e+3", ".5", "+.5", "-.inf",
    ".NaN", "1.2.3", "12:30", "190:20:30", "2025", "2025-01", "2025-12-02",
    "2025-12-02T10:00:00Z", "=", "<<", "-", "--", "---", "...", "?", ":", "#", "!", "%", "@",
    "`", "&a", "*a", "|", ">", "''", '""', "a:b", "a: b", "a #b", "a#b", "[a]", "{a: b}",
    "a, b", "a,b", "http://x.org/a#b", "-x", "?x", ":x", " lead", "trail ", "two  spaces",
    "it's", 'say "hi"', "back\\slash", "tab\there", "cr\rhere", "line\nbreak", "\u2028",
    "\x85", "\ufeff", "ünïcödé", "China’s", "😀", "", " ", "9" * 30, "China's Next Miracle",
]  # fmt: skip
scalars = st.one_of(
    st.sampled_from(TRICKY),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.text(max_size=25),
    st.text(alphabet="ab -:#,'\"[]{}\\.", max_size=12),
)
keys = st.one_of(
    st.sampled_from(["id", "quote", "text", "en", "nl", "kind", "about", "topics", "note"]),
    st.sampled_from(TRICKY),
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,10}", fullmatch=True),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)
    ),
    max_leaves=25,
)
records = st.dictionaries(keys, values, min_size=1, max_size=8)


def _hand_scalar(value, draw) -> str:
    """A scalar written as a contributor would: plain if it can be, else quoted."""
    if isinstance(value, str):
        style = draw(st.sampled_from(["plain", "double", "single"]))
        if style == "double":
            return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if style == "single":
            return "'" + value.replace("'", "''") + "'"
        return value
    return yaml.safe_dump(value, default_flow_style=True).removesuffix("\n...\n").strip()


def _hand_written(value, draw, indent: int = 0, top: bool = True) -> list[str]:
    """Lines of `value` in the data files' own style: lists of records indented under their
    key, `{en: …, nl: …}` and short lists in flow style, comments and blank lines here and
    there. May well be invalid YAML: then PyYAML refuses it, and so must the reader."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict) and value:
        for key, item in value.items():
            written_key = _hand_scalar(key, draw) if draw(st.integers(0, 9)) == 0 else key
            if draw(st.integers(0, 12)) == 0:
                lines.append(pad + "# " + draw(st.text(alphabet="ab #:-'", max_size=8)))
            if draw(st.integers(0, 12)) == 0:
                lines.append("")
            flow = _flow(item, draw)
            if flow is not None:
                lines.append(f"{pad}{written_key}: {flow}")
            else:
                lines.append(f"{pad}{written_key}:")
                deeper = (
                    indent + draw(st.sampled_from([0, 2, 2, 4]))
                    if isinstance(item, list)
                    else indent + draw(st.sampled_from([2, 2, 4, 1]))
                )
                lines += _hand_written(item, draw, deeper, top=False)
        return lines
    if isinstance(value, list) and value:
        for item in value:
            flow = _flow(item, draw)
            if flow is not None:
                lines.append(f"{pad}- {flow}")
            else:
                inner = _hand_written(item, draw, indent + 2, top=False)
                first = inner[0][indent + 2 :] if inner[0].startswith(" " * (indent + 2)) else ""
                if first and not first.startswith("#") and draw(st.booleans()):
                    lines.append(f"{pad}- {first}")
                    lines += inner[1:]
                else:
                    lines.append(f"{pad}- {draw(st.sampled_from(['', '# x']))}".rstrip())
                    lines += inner
        return lines
    return [pad + (_flow(value, draw) or "{}")]


def _flow(value, draw) -> str | None:
    """`value` on one line, if it goes there: a scalar, `{en: …, nl: …}` or a short list."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        if all(not isinstance(v, (dict, list)) for v in value.values()) and draw(st.booleans()):
            inner = ", ".join(f"{k}: {_hand_scalar(v, draw)}" for k, v in value.items())
            return "{" + inner + "}"
        return None
    if isinstance(value, list):
        if not value:
            return "[]"
        if all(not isinstance(v, (dict, list)) for v in value) and draw(st.booleans()):
            return "[" + ", ".join(_hand_scalar(v, draw) for v in value) + "]"
        return None
    return _hand_scalar(value, draw)


@SETTINGS
@given(values, st.sampled_from([False, None, True]), st.sampled_from([2, 4]), st.booleans())
def test_what_pyyaml_dumps_is_read_alike(value, flow, indent, unicode):
    """safe_dump's styles: block and flow, quoted and escaped, wrapped at 20 columns or not."""
    for width in (20, 10_000):
        text = yaml.safe_dump(
            {"claims": [value]},
            default_flow_style=flow,
            indent=indent,
            allow_unicode=unicode,
            width=width,
            sort_keys=False,
        )
        assert_agrees(text)


@SETTINGS
@given(records, st.data())
def test_what_a_contributor_writes_is_read_alike(record, data):
    text = "\n".join(["claims:", *_hand_written([record], data.draw, 2)]) + "\n"
    assert_agrees(text)


LINE_EDITS = ["delete", "duplicate", "swap", "insert", "indent", "dedent", "truncate", "join"]


@SETTINGS
@given(records, st.data())
def test_broken_lines_are_declined_or_read_alike(record, data):
    """Contributors' slips: lines lost, doubled, moved, shifted, cut or joined."""
    lines = ["claims:", *_hand_written([record], data.draw, 2)]
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(lines) - 1))
        edit = data.draw(st.sampled_from(LINE_EDITS))
        if edit == "delete" and len(lines) > 1:
            del lines[i]
        elif edit == "duplicate":
            lines.insert(i, lines[i])
        elif edit == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif edit == "insert":
            lines.insert(i, data.draw(st.text(alphabet="ab -:#,'\"[]{}&*!|>?%@\\\t", max_size=12)))
        elif edit == "indent":
            lines[i] = " " * data.draw(st.integers(1, 3)) + lines[i]
        elif edit == "dedent":
            lines[i] = lines[i][data.draw(st.integers(1, 3)) :]
        elif edit == "truncate":
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
        elif edit == "join" and i + 1 < len(lines):
            glue = data.draw(st.sampled_from(["", " ", ": "]))
            lines[i : i + 2] = [lines[i] + glue + lines[i + 1]]
    assert_agrees("\n".join(lines) + data.draw(st.sampled_from(["\n", "", "\n\n"])))


INDICATORS = list("-?:,[]{}#&*!|>'\"%@`ab \n")
INDICATORS += ["- ", ": ", "  ", "\n  ", "\n- ", "---\n", "...\n"]


@SETTINGS
@given(st.lists(st.sampled_from(INDICATORS), max_size=50).map("".join))
def test_indicators_anywhere_are_declined_or_read_alike(text):
    assert_agrees(text)


@SETTINGS
@given(st.text(max_size=200))
def test_any_text_is_declined_or_read_alike(text):
    assert_agrees(text)


def _data_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yml") if "schema" not in p.parts)


def test_the_real_data_is_read_alike():
    for path in _data_files(REPO / "data") + _data_files(FIXTURE):
        assert_agrees(path.read_text(encoding="utf-8"))


def test_every_file_the_benchmark_corpus_writes_takes_the_fast_path(tmp_path):
    """The synthetic corpus of the benchmark is what the cold-load target is measured on: if the
    reader declined its files, loading would fall back to PyYAML, correct but slow."""
    synth.write_data(REPO / "data", tmp_path / "data", 2)
    for path in _data_files(tmp_path / "data"):
        text = path.read_text(encoding="utf-8")
        assert fast_reading(text) is not None, path
        assert_agrees(text)


def test_the_limits_hold_at_their_edges():
    """One value over MAX_NODES, or one level over MAX_DEPTH, is declined (PyYAML's path then
    says where); at the limit the file is read."""
    at_limit = "a:\n" + "- x\n" * (MAX_NODES - 3)  # the mapping, its key, the list, its items
    assert fast_reading(at_limit) is not None
    assert_agrees(at_limit)
    assert fast_reading(at_limit + "- x\n") is None
    assert pyyaml_reading(at_limit + "- x\n") is REFUSED

    def nested(levels: int, last: str) -> str:
        return "".join(f"{'  ' * i}k:\n" for i in range(levels)) + "  " * levels + last + "\n"

    assert_agrees(nested(MAX_DEPTH - 1, "k: x"))  # x at depth MAX_DEPTH
    assert fast_reading(nested(MAX_DEPTH - 1, "k: x")) is not None
    for too_deep in (nested(MAX_DEPTH, "k: x"), nested(MAX_DEPTH - 1, "k: [x]")):
        assert pyyaml_reading(too_deep) is REFUSED
        assert fast_reading(too_deep) is None
    assert_agrees(nested(MAX_DEPTH - 1, "k: []"))
