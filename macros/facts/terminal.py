"""The one escaper for every text the project prints to a terminal or a CI log.

A contributor's bytes reach a maintainer's terminal in many ways: a problem message quoting a
value, `python -m macros quote` printing an archived paragraph, MkDocs' own log line about an
unrecognised link target in prose, Markdown's warnings. An escape sequence among them (ESC ] 52
writes the clipboard in terminals that allow it; ESC [ 2 K and ESC [ 1 A erase and rewrite the line
above) or a bidi control (which reorders what is read) would act on the terminal instead of being
read. `escape()` writes every such character as its Python escape (`\\x1b`, `\\u202e`), the way
`repr` does, and is idempotent: what it returns passes through it unchanged.

It lives in `facts/`, the lowest layer, because the located problems of `facts/problems.py` use it
too; the adapter installs `TerminalSafe` over every log record of the build process
(`install()`), and the commands print through `say()`.
"""

from __future__ import annotations

import logging
import sys

from macros.facts.characters import first_refused

# Line breaks and tabs are kept where a message is made of several lines (a log record with a
# traceback, a list of problems): they move the cursor only to the next line or tab stop.
_KEPT = "\n\t"


def escape(text: str, *, lines: bool = False) -> str:
    """`text` safe to print: every control (C0, C1, DEL), bidi, zero-width, tag, private-use,
    unassigned or otherwise invisible character written as its escape. With `lines`, LF and TAB
    are kept (a message of several lines); without, they are escaped too."""
    if text.isascii() and text.isprintable():  # both O(1)/C-speed: most lines
        return text
    if first_refused(text) is None and text.isprintable():
        return text
    out = []
    for ch in text:
        if lines and ch in _KEPT:
            out.append(ch)
        elif not ch.isprintable() or first_refused(ch) is not None:
            out.append(_escaped(ch))
        else:
            out.append(ch)
    return "".join(out)


def _escaped(ch: str) -> str:
    shown = repr(ch)[1:-1]
    if shown == ch:  # printable to Python but refused here (a filler such as U+3164)
        shown = f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"
    return shown


def say(*parts: object, file=None, sep: str = " ", end: str = "\n") -> None:
    """print(), escaped: what `quote`, `suggest`, `new-source` and `check` print."""
    text = sep.join(str(p) for p in parts)
    (file or sys.stdout).write(escape(text, lines=True) + end)


class TerminalSafe(logging.Filter):
    """Escapes a log record's message (its arguments merged in) in place; keeps every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        _escape_record(record)
        return True


def _escape_record(record: logging.LogRecord) -> None:
    if getattr(record, "_terminal_safe", False):
        return
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 (a broken format string: logging reports it itself)
        return
    record.msg, record.args = escape(message, lines=True), None
    record._terminal_safe = True


_FILTER = TerminalSafe()
_installed = False


def install() -> None:
    """Escape every log record this process makes, whatever logger it comes from.

    A filter set on a logger sees only the records logged on that logger, not those of its
    children (`mkdocs.structure.pages`, which reports unrecognised links) nor of Markdown's
    `MARKDOWN` logger; so the filter runs where each record is made (the record factory), and is
    also set on the handlers of the root and `mkdocs` loggers for records made before. Safe to
    call more than once.
    """
    global _installed
    for name in ("", "mkdocs", "MARKDOWN", "mkdocs_macros"):
        for handler in logging.getLogger(name).handlers:
            if _FILTER not in handler.filters:
                handler.addFilter(_FILTER)
    if _installed:
        return
    made = logging.getLogRecordFactory()

    def factory(*args, **kwargs):
        record = made(*args, **kwargs)
        _escape_record(record)
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
