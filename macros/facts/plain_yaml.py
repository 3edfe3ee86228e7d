"""The YAML the data files are written in, read line by line without building nodes.

A data file is a block of mappings and lists, one entry a line, each value a plain, quoted or
flow scalar on that line. This reader takes such a file straight to its data; at any line or
character it does not know, and at anything it would have to refuse, it declines (None), and the
file goes to PyYAML (located_yaml.py), which reads it or says where and why it cannot. So the
reader never has to be right about what it declines: only about what it accepts, which must be
exactly what PyYAML's C safe loader and our walk of its nodes make of it (same values, types and
order; tests/unit/test_plain_yaml.py).

It declines: tabs, carriage returns and every character libyaml treats apart (line separators,
NEL, BOM, non-printables); a scalar that spans lines, block scalars (`|`, `>`), escapes other than
`\\"` and `\\\\`; anchors, aliases, tags, directives and document markers; explicit (`?`) and
quoted keys, keys that are not words or that YAML 1.1 reads as another type (`yes`, `null`);
nested flow collections; duplicate keys; more than MAX_NODES values, or nesting deeper than
MAX_DEPTH (PyYAML's path then reports them at their place).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from typing import Any

from macros.facts.limits import MAX_DEPTH, MAX_NODES

# Characters the reader takes: LF, printable ASCII, and printable Unicode but for what libyaml
# reads as a line break or a byte-order mark (U+0085, U+2028, U+2029, U+FEFF).
_OTHER_CHARACTER = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)

# Scalars on one line. Plain: not starting with an indicator (`-`, `?` and `:` only before a
# character that can go on), holding no `: ` and no ` #`, ending in no space. Each is written so
# that a run of ordinary characters is one step of the regex engine: the reader's time is
# mostly spent here.
_DQ = r'"[^"\\\n]*(?:\\["\\][^"\\\n]*)*"'
_SQ = r"'[^'\n]*(?:''[^'\n]*)*'"
_PLAIN_START = r"""(?:[^\s\-?:,\[\]{}#&*!|>'"%@`]|[-?:](?=[^\s,\[\]{}]))"""
_PLAIN = _PLAIN_START + r"[^\n:#]*(?:(?::(?! |$)|(?<! )#)[^\n:#]*)*(?<! )"
# In a flow collection a plain scalar holds no `:`, `#`, `,`, bracket or brace at all.
_FLOW_PLAIN = (
    r"""(?:[^\s\-?:,\[\]{}#&*!|>'"%@`]|-(?=[^\s:,\[\]{}#]))"""
    r"[^\s:,\[\]{}#]*(?:[ ]+[^\s:,\[\]{}#]+)*"
)
_KEY = r"[A-Za-z_][A-Za-z0-9_-]{0,127}"
_FLOW_ITEM = f"(?:{_DQ}|{_SQ}|{_FLOW_PLAIN})"
_FLOW_SEQ = rf"\[ *(?:{_FLOW_ITEM}(?: *, *{_FLOW_ITEM})*)? *\]"
_FLOW_MAP = rf"\{{ *(?:{_KEY}: +{_FLOW_ITEM}(?: *, *{_KEY}: +{_FLOW_ITEM})*)? *\}}"
_VALUE = f"(?:{_DQ}|{_SQ}|{_FLOW_SEQ}|{_FLOW_MAP}|{_PLAIN})"

# Every line of a text, as (indentation, dashes, key, value, value after a dash, other): a line
# of the subset is `key:` with or without a value, or a value after a dash, after any dashes,
# and may end in a comment; or it is a comment or blank. Any other line is all in `other`.
_LINES = re.compile(
    rf"^( *)((?:- +)*)(?:({_KEY}):(?: +({_VALUE}))?|({_VALUE}))? *(?:(?<![^ \n])#.*)?$"
    r"|^(.+)$",
    re.MULTILINE,
)
_DASH = re.compile(r"- +")
_FLOW_ITEMS = re.compile(rf" *({_FLOW_ITEM}) *,?")
_FLOW_PAIRS = re.compile(rf" *({_KEY}): +({_FLOW_ITEM}) *,?")
_ESCAPE = re.compile(r"\\(.)")


class _Decline(Exception):
    """The text is not in the subset: PyYAML reads it."""


def read(text: str, plain_scalar: Callable[[str], Any], typed_first: Container[str]) -> Any:
    """The data of `text`, or None when the reader declines it. `plain_scalar` gives the value
    of a plain scalar as PyYAML's resolver and constructors give it, or raises ValueError where
    our walk refuses it; a plain scalar whose first character is not in `typed_first` is text."""
    # More lines than values allowed: too many values, or comments to count apart; PyYAML's
    # path counts before it builds anything (a 2 MB file of `- {}` is 400,000 lines).
    if _OTHER_CHARACTER.search(text) or text.count("\n") > MAX_NODES:
        return None
    try:
        return _Reader(plain_scalar, typed_first).read(text)
    except (_Decline, ValueError):
        return None


class _Reader:
    def __init__(self, plain_scalar: Callable[[str], Any], typed_first: Container[str]):
        self.plain_scalar = plain_scalar
        self.typed_first = typed_first
        self.nodes = 0  # values, keys included, as libyaml's events count them
        # The open containers, outermost first: [column, container, is a mapping, the key
        # awaiting its value on the lines below or None]; a container's depth is its index.
        self.stack: list[list] = []
        self.root: list = []
        self.text_keys: set[str] = set()  # keys seen to read as text: a few dozen words

    def read(self, text: str) -> Any:
        stack = self.stack
        text_keys = self.text_keys
        typed_first = self.typed_first
        plain_scalar = self.plain_scalar
        nodes = 0
        # The common lines are handled here, the rest in the methods below (with the count of
        # values handed over in self.nodes).
        for indent, dashes, key, value, item, other in _LINES.findall(text):
            if other:
                raise _Decline
            column = len(indent)
            if dashes:
                while stack and stack[-1][0] > column:
                    if stack.pop()[3] is not None:
                        nodes += 1  # a key left awaiting its value: null
                top = stack[-1] if stack else None
                if top is not None and top[0] == column and not top[2] and dashes == "- ":
                    seq = top[1]  # the next item of the list open here: most dash lines
                    column += 2
                else:
                    self.nodes = nodes
                    seq, column = self.sequence_after(column, dashes)
                    nodes = self.nodes
                nodes += 1  # the item
                if not key:
                    if not item:
                        raise _Decline  # `-` alone: its item would be on the lines below
                    first = item[0]
                    if first == "[" or first == "{":
                        self.nodes = nodes
                        seq.append(self.flow(item, len(stack)))
                        nodes = self.nodes
                    else:
                        seq.append(self.scalar(item))
                    continue
                if len(stack) >= MAX_DEPTH:
                    raise _Decline
                mapping: dict = {}
                seq.append(mapping)
                top = [column, mapping, True, None]
                stack.append(top)
            elif key:
                top = stack[-1] if stack else None
                if top is None or top[0] != column or not top[2]:
                    self.nodes = nodes
                    self.mapping_at(column)
                    nodes = self.nodes
                    top = stack[-1]
                elif top[3] is not None:
                    top[3] = None
                    nodes += 1  # the previous key's null value
                mapping = top[1]  # the next key of the mapping open here: most lines
            elif item:
                raise _Decline  # a value on a line of its own: a scalar that spans lines
            else:
                continue  # a comment or a blank line
            nodes += 1  # the key
            if key in mapping or (key not in text_keys and not self.is_text(key)):
                raise _Decline
            if not value:
                mapping[key] = None
                top[3] = key
                continue
            nodes += 1
            first = value[0]
            if first == '"':
                inner = value[1:-1]
                mapping[key] = _ESCAPE.sub(r"\1", inner) if "\\" in inner else inner
            elif first == "'":
                mapping[key] = value[1:-1].replace("''", "'")
            elif first == "[" or first == "{":
                self.nodes = nodes
                mapping[key] = self.flow(value, len(stack))
                nodes = self.nodes
            elif first in typed_first:
                mapping[key] = plain_scalar(value)
            else:
                mapping[key] = value
        self.nodes = nodes
        self.close(-1)
        if not self.root or self.nodes > MAX_NODES:
            raise _Decline
        return self.root[0]

    def is_text(self, key: str) -> bool:
        """Whether a key reads as text, not as a boolean, a null or a number (`yes:`)."""
        if self.plain_scalar(key).__class__ is not str:
            return False
        self.text_keys.add(key)
        return True

    def scalar(self, written: str) -> Any:
        first = written[0]
        if first == '"':
            inner = written[1:-1]
            return _ESCAPE.sub(r"\1", inner) if "\\" in inner else inner
        if first == "'":
            return written[1:-1].replace("''", "'")
        if first in self.typed_first:
            return self.plain_scalar(written)
        return written

    def flow(self, written: str, depth: int) -> list | dict:
        """A flow collection at `depth`, its items one deeper."""
        if self.nodes + written.count(",") >= MAX_NODES:
            raise _Decline  # more values than allowed, or nearly: PyYAML's path counts them
        if written[0] == "[":
            items = _FLOW_ITEMS.findall(written, 1, len(written) - 1)
            self.nodes += len(items)
            data: list | dict = [self.scalar(item) for item in items]
        else:
            data = {}
            for key, value in _FLOW_PAIRS.findall(written, 1, len(written) - 1):
                if key in data or not self.is_text(key):
                    raise _Decline
                data[key] = self.scalar(value)
            self.nodes += 2 * len(data)
        if data and depth >= MAX_DEPTH:
            raise _Decline
        return data

    def push(self, column: int, container: list | dict) -> None:
        """Open a block container (it always has a value one deeper), after counting it."""
        if len(self.stack) >= MAX_DEPTH:
            raise _Decline
        self.nodes += 1
        self.stack.append([column, container, container.__class__ is dict, None])

    def close(self, column: int) -> None:
        """Close every container deeper than `column`; a key left awaiting a value is null."""
        stack = self.stack
        while stack and stack[-1][0] > column:
            if stack.pop()[3] is not None:
                self.nodes += 1

    def open_under(self, column: int, container: list | dict) -> bool:
        """Open `container` at `column` as the value the top mapping's last key awaits, or as
        the document; False when neither is there to take it."""
        stack = self.stack
        if not stack:
            if self.root:
                return False  # a second document
            self.root.append(container)
        else:
            top = stack[-1]
            if top[3] is None:
                return False
            top[1][top[3]] = container
            top[3] = None
        self.push(column, container)
        return True

    def mapping_at(self, column: int) -> dict:
        """The mapping whose next key is at `column`, on a line without a dash."""
        self.close(column)
        stack = self.stack
        if stack and stack[-1][0] == column and not stack[-1][2]:
            # a list written at its key's column ends at the next key of that mapping
            if len(stack) > 1 and stack[-2][0] == column:
                stack.pop()
            else:
                raise _Decline
        if stack and stack[-1][0] == column:
            top = stack[-1]
            if top[3] is not None:
                top[3] = None
                self.nodes += 1  # the previous key's null value
            return top[1]
        mapping: dict = {}
        if not self.open_under(column, mapping):  # the mapping under `key:`
            raise _Decline
        return mapping

    def sequence_at(self, column: int) -> list:
        """The list whose next item starts with a dash at `column`."""
        self.close(column)
        stack = self.stack
        if stack and stack[-1][0] == column:
            top = stack[-1]
            if not top[2]:
                return top[1]
            if top[3] is None:
                raise _Decline  # a dash among the keys of a mapping
            # `key:` then `- item` at the key's own column: the list is the key's value
        seq: list = []
        if not self.open_under(column, seq):
            raise _Decline
        return seq

    def sequence_after(self, column: int, dashes: str) -> tuple[list, int]:
        """The list that the last dash of a line's `dashes` (at `column`) adds an item to, and
        the column after them; `- - x` opens a list in a list."""
        seq = self.sequence_at(column)
        if dashes.count("-") > 1:
            *outer, dashes = _DASH.findall(dashes)
            for dash in outer:
                column += len(dash)
                inner: list = []
                seq.append(inner)
                self.push(column, inner)
                seq = inner
        return seq, column + len(dashes)
