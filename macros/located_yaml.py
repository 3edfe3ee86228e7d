"""YAML files read into plain Python data, remembering where each value stood.

PyYAML's C composer gives nodes with positions; we build the data from those nodes ourselves so
that only plain types can come out (no tags that construct objects), aliases cannot multiply a
document, duplicate keys are refused and every value keeps its line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import parse_cache
from .problems import Problem

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Loc = tuple[int | str, ...]

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 20

_constructor = yaml.SafeLoader("")
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_SCALARS = {
    "tag:yaml.org,2002:str": lambda node: node.value,
    # Dates stay text: the fact base reads their precision from the written form.
    "tag:yaml.org,2002:timestamp": lambda node: node.value,
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": _constructor.construct_yaml_null,
}


class _Composer(_Loader):
    """The C safe loader's composer, with the tag resolution of YAML 1.1 that PyYAML's safe loader
    applies (its implicit resolvers, unchanged) minus its per-node bookkeeping for path
    resolvers, which the safe loader has none of. Parsing is the bulk of loading the fact base."""

    _by_first: dict[str, list] = {}

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self._by_first.get(value[:1], self._wildcard):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


_Composer._wildcard = _Loader.yaml_implicit_resolvers.get(None, [])
_Composer._by_first = {
    first: resolvers + _Composer._wildcard
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    if first is not None
}
assert not _Loader.yaml_path_resolvers  # resolve() above relies on there being none


class _Refusal(Exception):
    """Something the fast path will not accept; the located path then says where and why."""


_STR, _TIMESTAMP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


def _plain(node: yaml.Node, depth: int) -> Any:
    """The data of a node tree that is plain data, or _Refusal. The fast path: no positions."""
    if depth > MAX_DEPTH:
        raise _Refusal
    kind, tag = node.__class__, node.tag
    if kind is yaml.ScalarNode:
        if tag in (_STR, _TIMESTAMP):
            return node.value
        construct = _SCALARS.get(tag)
        if construct is None:
            raise _Refusal
        try:
            return construct(node)
        except ValueError:  # a number too long to read
            raise _Refusal from None
    if kind is yaml.MappingNode and tag == _MAP:
        result = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode or key_node.tag != _STR:
                raise _Refusal
            key = key_node.value
            if key in result:
                raise _Refusal
            result[key] = _plain(value_node, depth + 1)
        return result
    if kind is yaml.SequenceNode and tag == _SEQ:
        return [_plain(item, depth + 1) for item in node.value]
    raise _Refusal


@dataclass
class LocatedDocument:
    """The data of one YAML file and the (line, column) of every value in it, 1-based.

    Positions are worked out on first use: only files with a problem ever need them.
    """

    path: str
    data: Any
    positions: dict[Loc, tuple[int, int]] | None = field(default_factory=dict)
    text: str = ""

    def where(self, loc: Loc) -> tuple[int, int]:
        """The position of `loc`, or of its nearest ancestor we know."""
        if self.positions is None:
            self.positions = {}
            _build(yaml.compose(self.text, Loader=_Loader), (), self.positions, set(), 0)
        while loc not in self.positions and loc:
            loc = loc[:-1]
        return self.positions.get(loc, (1, 1))

    def problem(self, loc: Loc, message: str) -> Problem:
        line, col = self.where(loc)
        return Problem(self.path, line, col, message)


class _Refused(Exception):
    def __init__(self, node: yaml.Node, message: str):
        self.node = node
        self.message = message


def read_yaml(path: Path, shown_as: str) -> tuple[LocatedDocument | None, list[Problem]]:
    """Parse one file. Returns the document, or None and the problems that stopped it."""

    def at_start(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(shown_as, 1, 1, message)]

    try:
        raw = path.read_bytes()
    except OSError as exc:
        return at_start(f"cannot read the file: {exc.strerror}")
    if len(raw) > MAX_FILE_BYTES:
        return at_start(
            f"the file is {len(raw):,} bytes; files over {MAX_FILE_BYTES:,} bytes are refused"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                shown_as,
                line,
                col,
                "the file is not UTF-8: save it with UTF-8 encoding",
            )
        ]
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [Problem(shown_as, line, 1, "the file contains a NUL byte")]
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return at_start("the file is empty")
    cached = parse_cache.get(raw)
    if cached is not parse_cache.MISS:
        return LocatedDocument(shown_as, cached, positions=None, text=text), []
    try:
        node = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(shown_as, line, col, _syntax_message(exc, text, line))]
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return None, [Problem(shown_as, line, col, f"YAML syntax error: {exc.reason}")]
    except yaml.YAMLError as exc:
        return at_start(f"YAML syntax error: {exc}")
    if "&" not in text and "*" not in text:  # with no anchor or alias, no node is shared
        try:
            data = _plain(node, 0)
        except _Refusal:
            pass  # built again below, to say where and what
        else:
            parse_cache.put(raw, data)
            return LocatedDocument(shown_as, data, positions=None, text=text), []
    doc = LocatedDocument(shown_as, None)
    try:
        doc.data = _build(node, (), doc.positions, set(), 0)
    except _Refused as exc:
        mark = exc.node.start_mark
        return None, [Problem(shown_as, mark.line + 1, mark.column + 1, exc.message)]
    parse_cache.put(raw, doc.data)
    return doc, []


def _syntax_message(exc: yaml.MarkedYAMLError, text: str, line: int) -> str:
    lines = text.splitlines()
    where = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = where[: len(where) - len(where.lstrip())]
    if "\t" in indent or "\t" in str(exc.problem or ""):
        return "YAML syntax error: indentation uses a tab; indent with spaces"
    return f"YAML syntax error: {(exc.problem or 'invalid YAML').strip()}"


def _build(node: yaml.Node, loc: Loc, positions: dict, seen: set[int], depth: int) -> Any:
    if id(node) in seen:
        raise _Refused(node, "anchors and aliases (& and *) are not allowed; write the value out")
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _Refused(node, f"nesting deeper than {MAX_DEPTH} levels is not allowed")
    positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if not isinstance(node, yaml.ScalarNode) and node.tag not in _COLLECTION_TAGS:
        raise _Refused(node, f"the tag '{node.tag}' is not allowed; data is plain text and numbers")
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _Refused(key_node, "merge keys (<<) are not allowed")
                raise _Refused(key_node, "keys must be plain words")
            key = key_node.value
            if key in result:
                raise _Refused(key_node, f"duplicate key '{key}'")
            result[key] = _build(value_node, (*loc, key), positions, seen, depth + 1)
            positions[(*loc, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*loc, i), positions, seen, depth + 1) for i, item in enumerate(node.value)
        ]
    construct = _SCALARS.get(node.tag)
    if construct is None:
        raise _Refused(node, f"the tag '{node.tag}' is not allowed; data is plain text and numbers")
    try:
        return construct(node)
    except ValueError:  # Python refuses to read integers of over 4,300 digits
        raise _Refused(node, "this number is too long; write it in quotes if it is text") from None
