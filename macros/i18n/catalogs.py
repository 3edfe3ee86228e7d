"""The site's own words, in gettext catalogs managed with Babel.

macros/locale/messages.pot holds every word in English, the source language: `msgctxt` is the key
renderers ask for (`v.w("date_around")`), `msgid` the English text. Each other UI language is a
folder, macros/locale/<lang>/LC_MESSAGES/messages.po, with the same keys and the translation in
`msgstr`. A UI language is added by adding its folder: nothing in Python names the languages.

The site reads the .po files directly through Babel rather than compiled .mo files: nothing
binary sits in git, and there is no compile step to forget between fixing a word and seeing it.
The header's `Language:` gives the locale whose rules format dates and numbers (en_GB for the
English site: "2 December 2025").

Commands (`python -m macros i18n ...`): extract, update, compile, check, migrate.
"""

from __future__ import annotations

import datetime
import io
import re
import string
import time
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parent.parent  # macros/
REPO = PACKAGE.parent
LOCALE_DIR = PACKAGE / "locale"
SOURCE_LANG = "en"
TEMPLATE = "messages.pot"
# Fixed so that rewriting a catalog changes only what changed (no new timestamp in every diff).
_EPOCH = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
_WIDTH = 100


def _show(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def _read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, abort_invalid=True)


def _write(path: Path, catalog: Catalog) -> None:
    buf = io.BytesIO()
    write_po(buf, catalog, width=_WIDTH, sort_output=False, ignore_obsolete=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())


def _by_key(catalog: Catalog) -> dict[str, Message]:
    return {m.context: m for m in catalog if m.id and m.context}


@dataclass
class Words:
    """Every UI language's words, read from one locale folder."""

    template: Catalog
    english: dict[str, str]
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    locales: dict[str, str] = field(default_factory=dict)

    @property
    def languages(self) -> tuple[str, ...]:
        return (SOURCE_LANG, *sorted(self.translations))


def load(locale_dir: Path | None = None) -> Words:
    locale_dir = locale_dir or LOCALE_DIR
    template = _read(locale_dir / TEMPLATE)
    english = {k: m.id for k, m in _by_key(template).items()}
    words = Words(template, english, locales={SOURCE_LANG: str(template.locale or "en")})
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/messages.po")):
        lang = po.parent.parent.name
        catalog = _read(po)
        # Untranslated or fuzzy entries are left out: `check` fails on them, and a lookup falls
        # back to English rather than showing a guess.
        words.translations[lang] = {
            k: m.string for k, m in _by_key(catalog).items() if m.string and not m.fuzzy
        }
        words.locales[lang] = str(catalog.locale or lang)
    return words


_cache: dict[Path, tuple[float, tuple, Words]] = {}


def words(locale_dir: Path | None = None) -> Words:
    """The catalogs, read again when a file in the folder changed (mkdocs serve rebuilds after an
    edit). Renderers ask for thousands of words a build, so the files are looked at no more than
    once a second."""
    locale_dir = locale_dir or LOCALE_DIR
    hit = _cache.get(locale_dir)
    now = time.monotonic()
    if hit and now - hit[0] < 1.0:
        return hit[2]
    stamp = tuple(
        (str(p), p.stat().st_mtime_ns) for p in sorted(locale_dir.glob("**/*.po*")) if p.is_file()
    )
    if hit and hit[1] == stamp:
        _cache[locale_dir] = (now, stamp, hit[2])
        return hit[2]
    loaded = load(locale_dir)
    _cache[locale_dir] = (now, stamp, loaded)
    return loaded


# ---- check -------------------------------------------------------------------------------------


def _fields(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<unbalanced braces>"}


def check(locale_dir: Path | None = None) -> list[str]:
    """Every missing, empty, fuzzy or mis-shaped translation, as `path:line:col: message`."""
    locale_dir = locale_dir or LOCALE_DIR
    problems: list[str] = []
    pot = locale_dir / TEMPLATE
    try:
        template = _read(pot)
    except Exception as exc:  # PoFileError, OSError, UnicodeError: all a located line
        return [f"{_show(pot)}:1:1: cannot read the catalog: {exc}"]
    source = _by_key(template)
    for m in template:
        if m.id and not m.context:
            problems.append(
                f"{_show(pot)}:{m.lineno}:1: {m.id!r} has no msgctxt (the key renderers ask for)"
            )
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/messages.po")):
        lang = po.parent.parent.name
        try:
            catalog = _read(po)
        except Exception as exc:
            problems.append(f"{_show(po)}:1:1: cannot read the catalog: {exc}")
            continue
        have = _by_key(catalog)
        for key, src in source.items():
            m = have.get(key)
            if m is None:
                problems.append(
                    f"{_show(po)}:1:1: no {lang} translation of {key!r} ({src.id!r}, "
                    f"{_show(pot)}:{src.lineno}); run `python -m macros i18n update` and "
                    "translate it"
                )
            elif not m.string:
                problems.append(f"{_show(po)}:{m.lineno}:1: {key!r} is not translated")
            elif m.fuzzy:
                problems.append(
                    f"{_show(po)}:{m.lineno}:1: {key!r} is marked fuzzy (the English changed or "
                    "the translation is a guess); check it and remove the `#, fuzzy` line"
                )
            elif m.id != src.id:
                problems.append(
                    f"{_show(po)}:{m.lineno}:1: {key!r} translates {m.id!r}, but the English is "
                    f"now {src.id!r}; run `python -m macros i18n update`"
                )
            elif _fields(m.string) != _fields(src.id):
                problems.append(
                    f"{_show(po)}:{m.lineno}:1: {key!r} must use the placeholders "
                    f"{sorted(_fields(src.id))}, not {sorted(_fields(m.string))}"
                )
        for key, m in have.items():
            if key not in source:
                problems.append(
                    f"{_show(po)}:{m.lineno}:1: {key!r} is not in {_show(pot)}; run "
                    "`python -m macros i18n update` to drop it"
                )
    return problems


# ---- extract, update, compile --------------------------------------------------------------------


def extract(locale_dir: Path | None = None, code: Path = PACKAGE / "render") -> Path:
    """Rewrite the template with, for each key, where the code asks for it (`#:` lines), so a
    translator sees where a word appears. The English text itself is kept as written."""
    locale_dir = locale_dir or LOCALE_DIR
    pot = locale_dir / TEMPLATE
    template = _read(pot)
    keys = _by_key(template)
    found: dict[str, list[tuple[str, int]]] = {k: [] for k in keys}
    pattern = re.compile(r"""["']([a-z][a-z0-9_]*)["']""")
    for py in sorted(code.rglob("*.py")):
        for n, line in enumerate(py.read_text(encoding="utf-8").splitlines(), 1):
            for key in pattern.findall(line):
                if key in found:
                    found[key].append((_show(py), n))
    for key, m in keys.items():
        m.locations = found[key]
    template.creation_date = template.creation_date or _EPOCH
    _write(pot, template)
    return pot


def update(locale_dir: Path | None = None) -> list[Path]:
    """Bring every translation in line with the template: new keys appear untranslated, changed
    English marks the translation fuzzy, keys gone from the template are dropped."""
    locale_dir = locale_dir or LOCALE_DIR
    template = _read(locale_dir / TEMPLATE)
    # Matched by key (msgctxt), not by Babel's guess from similar English.
    written = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/messages.po")):
        catalog = _read(po)
        have = _by_key(catalog)
        fresh = Catalog(
            locale=catalog.locale,
            project=catalog.project,
            copyright_holder=catalog.copyright_holder,
            creation_date=catalog.creation_date,
            fuzzy=False,
        )
        for key, src in _by_key(template).items():
            old = have.get(key)
            if old is None:
                fresh.add(src.id, "", context=key, locations=src.locations)
            else:
                changed = old.id != src.id
                flags = set(old.flags) | ({"fuzzy"} if changed else set())
                fresh.add(
                    src.id,
                    old.string,
                    context=key,
                    locations=src.locations,
                    flags=flags,
                    user_comments=old.user_comments,
                )
        _write(po, fresh)
        written.append(po)
    return written


def compile_mo(out: Path, locale_dir: Path | None = None) -> list[Path]:
    """Write .mo files (for gettext tools; the site itself reads the .po files)."""
    locale_dir = locale_dir or LOCALE_DIR
    written = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/messages.po")):
        target = out / po.relative_to(locale_dir).with_suffix(".mo")
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as f:
            write_mo(f, _read(po), use_fuzzy=False)
        written.append(target)
    return written
