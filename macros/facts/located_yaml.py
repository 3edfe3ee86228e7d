"""YAML files read into plain Python data, remembering where each value stood.

A file in the subset the data files are written in is read by plain_yaml.py, without nodes or
positions. Any other file comes here: PyYAML's C composer gives nodes with positions, and we
build the data from those nodes ourselves so that only plain types can come out (no tags that
construct objects), aliases cannot multiply a document, duplicate keys are refused and every
value keeps its line and column. Positions are only worked out (here, by PyYAML) for a file with
a problem to point at.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from macros.facts import characters, parse_cache, plain_yaml
from macros.facts.limits import MAX_DEPTH, MAX_NODES, MAX_YAML_BYTES
from macros.facts.problems import Problem
from macros.facts.repo_files import Refused, decode, read_bytes

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Loc = tuple[int | str, ...]

MAX_FILE_BYTES = MAX_YAML_BYTES

# Tags written in a file are refused, `!!str` included: a value is what it reads as. Our composer
# names the tags it resolves itself with a space, which no tag written in YAML can hold, so an
# explicit `!!int ""` can never pass for a resolved integer (it used to reach the constructor
# and crash it). `!` alone (the non-specific tag) resolves to _WRITTEN, refused the same way.
_RESOLVED = "resolved "
_WRITTEN = "written !"


def _resolved(tag: str) -> str:
    return _RESOLVED + tag


_constructor = yaml.SafeLoader("")
_SCALARS = {
    _resolved("tag:yaml.org,2002:str"): lambda node: node.value,
    # Dates stay text: the fact base reads their precision from the written form.
    _resolved("tag:yaml.org,2002:timestamp"): lambda node: node.value,
    _resolved("tag:yaml.org,2002:int"): _constructor.construct_yaml_int,
    _resolved("tag:yaml.org,2002:float"): _constructor.construct_yaml_float,
    _resolved("tag:yaml.org,2002:bool"): _constructor.construct_yaml_bool,
    _resolved("tag:yaml.org,2002:null"): _constructor.construct_yaml_null,
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

    # libyaml calls this only for a node written without a tag, or with `!` alone.
    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self._by_first.get(value[:1], self._wildcard):
                    if regexp.match(value):
                        return tag
                return _STR
            return _STR if implicit[1] else _WRITTEN  # quoted, or `! value`
        if not implicit:
            return _WRITTEN
        return _SEQ if kind is yaml.SequenceNode else _MAP


def _resolvers(resolvers: list) -> list:
    return [(_resolved(tag), regexp) for tag, regexp in resolvers]


_Composer._wildcard = _resolvers(_Loader.yaml_implicit_resolvers.get(None, []))
_Composer._by_first = {
    first: _resolvers(resolvers) + _Composer._wildcard
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    if first is not None
}
assert not _Loader.yaml_path_resolvers  # resolve() above relies on there being none
# A plain scalar starting with any other character is text (no resolver matches any first
# character: PyYAML has none).
assert not _Composer._wildcard
_TYPED_FIRST = frozenset(_Composer._by_first)


class _Refusal(Exception):
    """Something the fast path will not accept; the located path then says where and why."""


_STR, _TIMESTAMP = _resolved("tag:yaml.org,2002:str"), _resolved("tag:yaml.org,2002:timestamp")
_MAP, _SEQ = _resolved("tag:yaml.org,2002:map"), _resolved("tag:yaml.org,2002:seq")
_COLLECTION_TAGS = {_MAP, _SEQ}


@lru_cache(maxsize=4096)  # the same few words and dates over and over (`kind: fact`)
def _plain_scalar(value: str) -> Any:
    """What the C safe loader and _plain make of a plain scalar (a timestamp stays text), for
    plain_yaml.py; ValueError for what _plain refuses."""
    resolvers = _Composer._by_first.get(value[:1], _Composer._wildcard)
    tag = next((tag for tag, regexp in resolvers if regexp.match(value)), None)
    if tag is None:
        return value
    if tag == _TIMESTAMP:
        return value
    construct = _SCALARS.get(tag)
    if construct is None:
        raise ValueError(tag)  # `=` and `<<`: not plain data
    return construct(yaml.ScalarNode(tag, value))


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
            _build(yaml.compose(self.text, Loader=_Composer), (), self.positions, set(), 0)
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


Read = tuple[LocatedDocument | None, list[Problem]]


@dataclass
class Unparsed:
    """A file read and checked, that the parse cache does not hold: what parse() needs."""

    shown_as: str
    raw: bytes
    text: str


def read_yaml(path: Path, shown_as: str, root: Path | None = None) -> Read:
    """Parse one file of the tree `root` (by default, its own folder). Returns the document, or
    None and the problems that stopped it."""
    read = prepare(path, shown_as, root)
    return parse(read) if isinstance(read, Unparsed) else read


def prepare(path: Path, shown_as: str, root: Path | None = None) -> Read | Unparsed:
    """The file read, checked and, when the parse cache has it, its document; else Unparsed."""

    def at_start(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(shown_as, 1, 1, message)]

    try:
        raw = read_bytes(path, path.parent if root is None else root, MAX_FILE_BYTES)
        text = decode(raw)
    except FileNotFoundError:
        return at_start("cannot read the file: No such file or directory")
    except Refused as exc:
        return None, [Problem(shown_as, exc.line, exc.col, exc.message)]
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [Problem(shown_as, line, 1, "the file contains a NUL byte")]
    hidden = characters.first_refused_in_file(text)
    if hidden:
        return None, [_hidden_problem(shown_as, text, hidden.start(), hidden.group())]
    # A file whose first visible character is not `#` has a line that is not a comment; only
    # one that starts with a comment is split into lines (every line break is whitespace).
    head = text.lstrip()
    if not head or (
        head.startswith("#")
        and all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines())
    ):
        return at_start("the file is empty")
    cached = parse_cache.get(raw)
    if cached is not parse_cache.MISS:
        return LocatedDocument(shown_as, cached, positions=None, text=text), []
    return Unparsed(shown_as, raw, text)


def _hidden_problem(shown_as: str, text: str, at: int, ch: str) -> Problem:
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    what = (
        "a carriage return not followed by a line feed (a line break to YAML, not to "
        "`git diff`): save the file with Unix line endings (LF)"
        if ch == "\r"
        else f"{characters.code_point(ch)}, one of the {characters.kind(ch, line_breaks=True)}"
    )
    return Problem(
        shown_as,
        line,
        col,
        f"the file holds {what}; a data file, comments included, may hold only visible text, "
        "tabs and line breaks",
    )


def parse(unparsed: Unparsed) -> Read:
    """The document of a file that prepare() read, or the problems that stopped it."""
    doc, problems = _parse(unparsed)
    if doc is not None:
        parse_cache.put(unparsed.raw, doc.data)
    return doc, problems


def _parse(unparsed: Unparsed) -> Read:
    shown_as, text = unparsed.shown_as, unparsed.text

    def at_start(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(shown_as, 1, 1, message)]

    # Most data files are in the subset plain_yaml.py reads, several times faster than PyYAML
    # composes them; what it declines takes the path below, which reads or refuses it.
    if not os.environ.get("BRIEFING_PYYAML_ONLY"):
        data = plain_yaml.read(text, _plain_scalar, _TYPED_FIRST)
        if data is not None:
            return LocatedDocument(shown_as, data, positions=None, text=text), []
    if len(text) > MAX_NODES and _most_nodes(text) > MAX_NODES:
        too_many = _too_many_nodes(text)
        if too_many:
            return None, [Problem(shown_as, *too_many)]
    if _BARE_TAG.search(text):
        bare = _bare_tag(text)
        if bare:
            return None, [Problem(shown_as, *bare)]
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
            return LocatedDocument(shown_as, data, positions=None, text=text), []
    doc = LocatedDocument(shown_as, None)
    try:
        doc.data = _build(node, (), doc.positions, set(), 0)
    except _Refused as exc:
        mark = exc.node.start_mark
        return None, [Problem(shown_as, mark.line + 1, mark.column + 1, exc.message)]
    return doc, []


def _most_nodes(text: str) -> int:
    """An upper bound on the values in a YAML text, from counts of its indicators (in C).

    Every value but the first (the document) fills a place that an indicator opens: a key and
    its value are the two of a `:` or `?` (or of a `,` or `{` in a flow mapping, where the value
    may be left out), a list item is the one of a `-` (or of a `[` or `,` in a flow list). An
    alias is a value like any other, and a document after the first starts at `---` (a `...`
    is counted too). Indicators inside quoted text only make the bound looser. Counting the
    events of a big file cost more than composing it."""
    pairs = text.count(":") + text.count("?") + text.count(",") + text.count("{")
    return 1 + 2 * pairs + text.count("-") + text.count("[") + text.count("...")


_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


def _too_many_nodes(text: str) -> tuple[int, int, str] | None:
    """Where a file passes MAX_NODES values, counted on libyaml's event stream before any node is
    built: a 2 MB file of `- {}` is 400,000 nodes, which took minutes and gigabytes to refuse
    further down. A syntax error stops the count; compose reports it."""
    count = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if event.__class__ in _NODE_EVENTS:
                count += 1
                if count > MAX_NODES:
                    mark = event.start_mark
                    return (
                        mark.line + 1,
                        mark.column + 1,
                        f"the file holds more than {MAX_NODES:,} values; split it or shorten it",
                    )
    except yaml.YAMLError:
        return None
    return None


# `! value` (the non-specific tag) reaches resolve() looking exactly like a plain scalar; the
# events tell them apart. Scanned only when the text has a lone `!` where a tag could stand.
_BARE_TAG = re.compile(r"(?:^|[\s\[{,])!(?=[\s\]},]|$)", re.MULTILINE)


def _bare_tag(text: str) -> tuple[int, int, str] | None:
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if getattr(event, "tag", None) == "!":
                mark = event.start_mark
                return mark.line + 1, mark.column + 1, _tag_message(_WRITTEN)
    except yaml.YAMLError:
        return None  # compose reports it
    return None


def _syntax_message(exc: yaml.MarkedYAMLError, text: str, line: int) -> str:
    lines = text.splitlines()
    where = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = where[: len(where) - len(where.lstrip())]
    if "\t" in indent or "\t" in str(exc.problem or ""):
        return "YAML syntax error: indentation uses a tab; indent with spaces"
    problem = (exc.problem or "invalid YAML").strip()
    if any(problem.startswith(p) for p in _INDENTATION_PROBLEMS):
        # PyYAML's words for what is nearly always a line indented more or less than its peers.
        return (
            f"YAML syntax error: {problem}: most likely this line is indented more or less than "
            "the lines it belongs with; indent it as they are (two spaces a level)"
        )
    return f"YAML syntax error: {problem}"


_INDENTATION_PROBLEMS = (
    "mapping values are not allowed",
    "did not find expected '-' indicator",
    "did not find expected key",
    "expected <block end>",
)


def _build(node: yaml.Node, loc: Loc, positions: dict, seen: set[int], depth: int) -> Any:
    if id(node) in seen:
        raise _Refused(node, "anchors and aliases (& and *) are not allowed; write the value out")
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _Refused(node, f"nesting deeper than {MAX_DEPTH} levels is not allowed")
    positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if not node.tag.startswith(_RESOLVED):
        raise _Refused(node, _tag_message(node.tag))
    if not isinstance(node, yaml.ScalarNode) and node.tag not in _COLLECTION_TAGS:
        raise _Refused(node, "this value is not plain data")  # cannot happen: libyaml's kinds
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                if key_node.tag == _resolved("tag:yaml.org,2002:merge"):
                    raise _Refused(key_node, "merge keys (<<) are not allowed")
                if not key_node.tag.startswith(_RESOLVED):
                    raise _Refused(key_node, _tag_message(key_node.tag))
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
        raise _Refused(node, "this value is not plain data")  # every resolved scalar is known
    try:
        return construct(node)
    except ValueError:  # over 4,300 digits, which Python will not read, or a bare "._"
        raise _Refused(
            node, "this number is too long or cannot be read; write it in quotes if it is text"
        ) from None


def _tag_message(tag: str) -> str:
    written = "!" if tag == _WRITTEN else tag.replace("tag:yaml.org,2002:", "!!")
    return (
        f"tags are not allowed; write the value without '{written}' (data is plain text, numbers, "
        "lists and mappings)"
    )
