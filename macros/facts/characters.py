"""Characters no text of ours needs and that could hide, reorder or split what a reviewer reads.

Refused by Unicode property, not by a list of code points, so that a character nobody thought of
is refused with its kind: every control (Cc: C0, C1, tab and line breaks), format character (Cf:
bidi controls, zero-width characters, tag characters U+E0000-E007F, invisible operators
U+2061-2064, the soft hyphen), private-use (Co), surrogate (Cs) and unassigned (Cn) code point,
the line and paragraph separators (Zl, Zp), and every Default_Ignorable_Code_Point (fillers such as
U+3164 and U+115F, variation selectors, U+034F, U+17B4) that a font draws as nothing. The
property tables are those of the `regex` module, which follows the current Unicode release.

The real data needs none of them: no emoji sequence (ZWJ, variation selectors) and no soft hyphen
in the Dutch text. Archived texts keep their line breaks (LF) and nothing else from this set:
Python's splitlines() also breaks at U+2028, U+2029, U+0085, VT, FF and FS-RS, which GitHub does
not show as line breaks, so paragraph numbers would differ from what a reviewer sees.
"""

from __future__ import annotations

import re
import unicodedata

import regex

_CLASSES = r"\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}"
_REFUSED = regex.compile(f"[{_CLASSES}]")
_REFUSED_BUT_LF = regex.compile(f"[[{_CLASSES}]--[\\n]]", regex.V1)
_BIDI = regex.compile(r"\p{Bidi_Control}")
# Every ASCII character is assigned and none is a format or ignorable one: in ASCII the refused
# set is the controls alone. Most texts are ASCII, and the standard library's byte-class search
# over them is many times faster than `regex` testing Unicode properties character by character
# (it was the largest cost of validating the fact base). tests/unit/test_defences_data.py checks
# that both give the same answer for every ASCII character.
_ASCII_REFUSED = re.compile(r"[\x00-\x1f\x7f]")
_ASCII_REFUSED_BUT_LF = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")

_KINDS = {
    "Cc": "control characters",
    "Zl": "control characters",
    "Zp": "control characters",
    "Co": "private-use characters",
    "Cs": "surrogate code points",
    "Cn": "unassigned code points",
}


# The refused characters that str.isprintable() passes: the default-ignorable marks and letters
# that draw as nothing (isprintable() already fails every other class refused here, with
# Python's own, older, Unicode tables). A text that passes both needs no property lookup;
# tests/unit/test_defences_data.py checks the list against every code point.
_PRINTABLE_BUT_REFUSED = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u3164\ufe00-\ufe0f\uffa0"
    "\U000e0100-\U000e01ef]"
)


_ASCII_REFUSED_OR_BRACE = re.compile(r"[\x00-\x1f\x7f{}]")
_PRINTABLE_BUT_REFUSED_OR_BRACE = re.compile(
    "[{}" + _PRINTABLE_BUT_REFUSED.pattern.removeprefix("[").removesuffix("]") + "]"
)


def plainly_clean(text: str) -> bool:
    """True when `text` surely holds no refused character and no brace (so no template syntax),
    found out in one pass in C: what nearly every text of the data is. False says nothing."""
    if text.isascii():
        return _ASCII_REFUSED_OR_BRACE.search(text) is None
    return text.isprintable() and _PRINTABLE_BUT_REFUSED_OR_BRACE.search(text) is None


def first_refused(text: str, *, line_breaks: bool = False):
    """The first refused character of `text` as a match (`.start()`, `.group()`), or None;
    with `line_breaks`, LF is allowed."""
    if text.isascii():  # O(1): CPython marks a string that is all ASCII when it makes it
        return (_ASCII_REFUSED_BUT_LF if line_breaks else _ASCII_REFUSED).search(text)
    printable = (
        all(line.isprintable() for line in text.split("\n")) if line_breaks else text.isprintable()
    )
    if printable and not _PRINTABLE_BUT_REFUSED.search(text):
        return None
    return (_REFUSED_BUT_LF if line_breaks else _REFUSED).search(text)


# The raw text of a YAML file may hold tab and line ends (LF, or CR LF), nothing else of the
# refused set: in a comment, which no field check sees, NEL, LS, PS or a lone CR is a line break
# to YAML (or to a terminal) but not to `git diff`, so a key can hide inside a comment line
# from a reviewer; a bidi control or tag character can reorder or hide what it shows.
_FILE_ENDS = str.maketrans("", "", "\t\n\r")
_ASCII_REFUSED_IN_FILE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)")
_REFUSED_IN_FILE = regex.compile(f"[[{_CLASSES}]--[\\t\\n\\r]]|\\r(?!\\n)", regex.V1)


def first_refused_in_file(text: str):
    """The first refused character of a data file's raw text (comments included) as a match, or
    None: tab, LF and CR before LF are allowed."""
    if text.isascii():
        return _ASCII_REFUSED_IN_FILE.search(text)
    if text.translate(_FILE_ENDS).isprintable() and not _PRINTABLE_BUT_REFUSED.search(text):
        return _ASCII_REFUSED_IN_FILE.search(text)  # a lone CR, if any
    return _REFUSED_IN_FILE.search(text)


def code_point(ch: str) -> str:
    """`U+200B ZERO WIDTH SPACE`; a control, which has no name, as its escape: `U+001B '\\x1b'`."""
    name = unicodedata.name(ch, "") or repr(ch)
    return f"U+{ord(ch):04X} {name}"


def kind(ch: str, *, line_breaks: bool = False) -> str:
    """What a refused character is, in a contributor's words (plural); with `line_breaks`, for
    a text where LF is allowed."""
    if ch in "\n\r\t" and not line_breaks:
        return "line breaks and tabs"
    if _BIDI.match(ch):
        return "bidirectional control characters"
    return _KINDS.get(unicodedata.category(ch), "invisible (format or ignorable) characters")
