"""A source's address is what it looks like.

`https://www.rеutеrs.cоm/` (a Cyrillic е and о among Latin letters) reads as Reuters and leads
elsewhere; `https://www.reuters.com@evil.example/` leads to evil.example. So a `url` is http(s),
carries no user information, and names a registrable host: labels of letters, digits and hyphens
under a top-level domain, or, where it is not ASCII, labels each written in one script (the
"highly restrictive" level of Unicode's UTS #39, applied per label as browsers do: a Latin-Cyrillic
mix is refused; Latin with Han, Hiragana and Katakana, Bopomofo or Hangul is allowed). The
published link text is the ASCII form (`xn--…`), and a non-ASCII host is also shown as written,
with its script named (`unicode_form`). Script properties are the `regex` module's.

Two more of Chromium's spoof checks (components/url_formatter/spoof_checks): a label of Cyrillic
letters that all look like Latin ones (`аррӏе`, one script, so the rule above passes it) under a
top-level domain that is not Cyrillic, and UTS #46's deviation characters (ß, ς), which resolvers
following IDNA 2003 map to other letters (`ß` to `ss`), so one address leads to two hosts. And
an `@` in the query or fragment (`https://evil.example#@www.reuters.com`) reads as the
user-information form, which leads to the name after it.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

import idna
import regex

from macros.facts import characters

# ISO 15924 codes of the scripts a label may be written in (Babel names them in each language).
SCRIPTS = {
    "Latin": "Latn",
    "Cyrillic": "Cyrl",
    "Greek": "Grek",
    "Armenian": "Armn",
    "Georgian": "Geor",
    "Arabic": "Arab",
    "Hebrew": "Hebr",
    "Devanagari": "Deva",
    "Bengali": "Beng",
    "Thai": "Thai",
    "Han": "Hani",
    "Hiragana": "Hira",
    "Katakana": "Kana",
    "Hangul": "Hang",
    "Bopomofo": "Bopo",
    "Ethiopic": "Ethi",
}
_SCRIPT_OF = [(code, regex.compile(rf"\p{{Script={name}}}")) for name, code in SCRIPTS.items()]
_NEUTRAL = regex.compile(r"[\p{Script=Common}\p{Script=Inherited}]")
# UTS #39, 5.2 "Highly Restrictive": one script, or Latin with one of the CJK sets.
_ALLOWED_MIXES = (
    frozenset({"Latn", "Hani", "Hira", "Kana"}),
    frozenset({"Latn", "Hani", "Bopo"}),
    frozenset({"Latn", "Hani", "Hang"}),
)
# Chromium's cyrillic_letters_latin_alike_ (idn_spoof_checker.cc).
_LATIN_ALIKE_CYRILLIC = frozenset("асԁеһіјӏорԛѕԝхуъЬҽпгѵѡ")
# The Cyrillic top-level domains delegated in the root zone (IANA), under which a Cyrillic label
# is read as Cyrillic: a label merely written in Cyrillic (`сом`, which reads as `com`) is not one.
_CYRILLIC_TLDS = frozenset(
    ["рф", "рус", "москва", "дети", "сайт", "онлайн", "орг", "ком", "католик"]
    + ["бел", "укр", "қаз", "срб", "мкд", "мон", "бг"]
)
# Han and Katakana strokes that read as '/', '-' or 'l' beside Latin letters or digits
# (`goog丨e.com`, `reuters一com`): Chromium's dangerous patterns refuse them there.
_STROKES = frozenset("一丨丶丿乀乁亅ノソゾンー")
_DEVIATIONS = {"ß": "ss", "ς": "σ"}
_LDH = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_TLD = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")


def script_of(ch: str) -> str | None:
    """The ISO 15924 code of a letter's script; None for digits, hyphens and combining marks
    (Common, Inherited); '?' for a script no label may use."""
    if _NEUTRAL.match(ch):
        return None
    for code, pattern in _SCRIPT_OF:
        if pattern.match(ch):
            return code
    return "?"


def label_scripts(label: str) -> set[str]:
    return {s for s in map(script_of, label) if s is not None}


def _single_script(scripts: set[str]) -> bool:
    return len(scripts) <= 1 or any(scripts <= mix for mix in _ALLOWED_MIXES)


# What a label shown as written may hold: letters, combining marks, digits and hyphens (IDNA's
# shape). Punycode can carry any code point, and the decoded form is shown on the source's page:
# a soft hyphen or an RLO there hides or reorders what a reader sees, a '.', '/' or '@' makes it
# read as another address.
_WRITTEN_LABEL = regex.compile(r"[\p{L}\p{M}\p{Nd}-]+")
# What browsers (UTS #46) read as a label's dot: "evil。example" goes to evil.example.
_DOTS = "\u3002\uff0e\uff61"


def _unicode_label(label: str) -> str:
    if label.startswith("xn--"):
        try:
            written = label[4:].encode("ascii").decode("punycode")
        except (UnicodeError, ValueError):
            raise ValueError(f"host label '{label}' is not valid punycode") from None
        refused = characters.first_refused(written)
        if refused:
            raise ValueError(
                f"host label '{label}' reads as a label holding "
                f"{characters.code_point(refused.group())}, one of the "
                f"{characters.kind(refused.group())}: it would be shown on the page"
            )
        if not written:
            raise ValueError(f"host label '{label}' is empty once decoded")
        odd = _odd_character(written)
        if odd:
            raise ValueError(
                f"host label '{label}' reads as a label holding '{odd}': a label is letters, "
                "digits and hyphens"
            )
        return written
    return label


def _odd_character(written: str) -> str | None:
    """The first character a label shown as written may not hold."""
    return next((ch for ch in written if not _WRITTEN_LABEL.fullmatch(ch)), None)


def _shaped(written: str) -> str:
    """`written`, if it is a label's shape; raises ValueError naming what is not."""
    if not written:
        raise ValueError("the host has an empty label ('..')")
    odd = None if written.isascii() else _odd_character(written)
    if odd:
        raise ValueError(
            f"host label '{written}' holds '{odd}': a label is letters, digits and hyphens"
            + (", and a browser reads this one as a dot" if odd in _DOTS else "")
        )
    return written


def _idna_2008(label: str, written: str) -> None:
    """Raises ValueError unless `written` is a label browsers open as it is shown: valid under
    IDNA 2008 (no upper case, full-width or mathematical letters, which browsers map to others
    or refuse) and, given as punycode, written as its own encoding."""
    try:
        encoded = idna.alabel(written).decode("ascii")
    except idna.IDNAError as exc:
        raise ValueError(
            f"host label '{written}' is not a valid internationalised label ({exc}): what is "
            "shown is not the address a browser opens"
        ) from None
    if label.startswith("xn--") and encoded != label:
        raise ValueError(f"host label '{label}' is not written as its own encoding ({encoded})")


def check(value: object) -> object:
    """`value` if it is an address a reader can trust to be what it looks like, its host in
    ASCII (`xn--…`) if it was written otherwise; raises ValueError saying why not. (The model's
    URL pattern is checked afterwards.)"""
    if not isinstance(value, str):
        return value
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError("must be an http:// or https:// address")
    if "@" in parts.netloc:
        raise ValueError(
            "an address may not hold a user name or password before '@': "
            f"'{parts.netloc.split('@')[0]}@' makes a reader see one site and go to another"
        )
    try:
        port = parts.port
    except ValueError:
        raise ValueError("the address's port is not a number from 0 to 65535") from None
    host = parts.hostname or ""
    host = host[:-1] if host.endswith(".") else host
    if not host:
        raise ValueError("the address has no host")
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    else:
        raise ValueError("the address names a numeric IP address; give the site's domain name")
    labels = host.lower().split(".")
    if len(labels) < 2:
        raise ValueError(f"'{host}' is not a registrable domain (e.g. example.org)")
    # In a path it follows a '/' and reads as part of the path (`medium.com/@author`).
    if "@" in parts.query + parts.fragment:
        raise ValueError(
            "an address may not hold '@' in its query or fragment: 'evil.example#@reuters.com' "
            "reads as an address of reuters.com; write it as %40"
        )
    written_labels = [_shaped(_unicode_label(label)) for label in labels]
    cyrillic_tld = written_labels[-1] in _CYRILLIC_TLDS
    ascii_labels = []
    for label, written in zip(labels, written_labels, strict=True):
        if not written.isascii():
            _idna_2008(label, written)
        stroke = next((ch for ch in written if ch in _STROKES), None)
        if stroke and regex.search(r"[a-z0-9]", written):
            raise ValueError(
                f"host label '{written}' holds '{stroke}' beside Latin letters or digits, where "
                "it reads as a stroke of another letter or a '/', '-' or 'l'"
            )
        deviation = next((ch for ch in written if ch in _DEVIATIONS), None)
        if deviation:
            raise ValueError(
                f"host label '{written}' holds '{deviation}', which older resolvers read as "
                f"'{_DEVIATIONS[deviation]}': one address would lead to two hosts"
            )
        # A label mixing Cyrillic with Latin is refused below, as a mix.
        cyrillic = {ch for ch in written if script_of(ch) == "Cyrl"}
        single = label_scripts(written) == {"Cyrl"}
        if single and not cyrillic_tld and cyrillic <= _LATIN_ALIKE_CYRILLIC:
            raise ValueError(
                f"host label '{written}' is written in Cyrillic letters that all look like Latin "
                "ones: it reads as another address; browsers show such a host in punycode"
            )
        scripts = label_scripts(written)
        if not _single_script(scripts):
            names = ", ".join(sorted(k for k, v in SCRIPTS.items() if v in scripts))
            raise ValueError(
                f"host label '{written}' mixes scripts ({names}): letters that look alike "
                "from different scripts make one address look like another; write it in one"
            )
        if "?" in scripts:
            raise ValueError(f"host label '{written}' is written in a script addresses may not use")
        try:
            ascii_label = (
                label if written.isascii() else "xn--" + written.encode("punycode").decode()
            )
        except UnicodeError:
            raise ValueError(f"host label '{written}' cannot be written in ASCII") from None
        if not _LDH.fullmatch(ascii_label):
            raise ValueError(
                f"host label '{written}' is not a domain name label (letters, digits, hyphens)"
            )
        ascii_labels.append(ascii_label)
    if not _TLD.fullmatch(ascii_labels[-1]):
        raise ValueError(f"'{host}' does not end in a top-level domain (e.g. .org, .nl)")
    if all(label.isascii() for label in labels):
        return value
    # Kept, and so published (link, facts.json, citation tags), in its ASCII form.
    netloc = ".".join(ascii_labels) + (f":{port}" if port else "")
    return parts._replace(netloc=netloc).geturl()


def unicode_form(url: str) -> tuple[str, set[str]] | None:
    """(the address with its host as written, the scripts of its non-ASCII labels) for an
    address whose host is not ASCII (it reaches us as `xn--`), or None."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    labels = host.split(".")
    if not any(label.startswith("xn--") for label in labels):
        return None
    written = [_unicode_label(label) for label in labels]
    scripts = set().union(*(label_scripts(w) for w in written if not w.isascii()))
    netloc = ".".join(written) + (f":{parts.port}" if parts.port else "")
    return parts._replace(netloc=netloc).geturl(), scripts
