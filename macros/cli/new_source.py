"""`python -m macros new-source ID --text FILE`: a new article archived and stubbed out.

It writes three files: the archived text (one paragraph per line, normalised as data/README.md
prescribes), the source record and a claims file with one stub per paragraph (or sentence), its
quote already verbatim. Stubs and the record carry a `todo` line that `check` refuses, saying
what to fill in: nothing written here reaches the site before a person has reviewed it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from macros.facts.models import ID_PATTERN, LANGUAGE_CODES, SITE_LANGUAGES
from macros.facts.problems import did_you_mean, display_path
from macros.facts.source_text import MIN_QUOTE_WORDS, words
from macros.facts.voice import states_something

# What the archive may not hold (data/README.md): controls but the line break; and what no quote
# may hold (models._clean): bidirectional controls and zero-width characters.
_DROPPED = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
    r"\u200b-\u200d\u2060\ufeff]"
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)]?\s+(?=(?:[\"'“‘(]|« ?)?[A-ZÀ-ÖØ-Þ0-9])")
# Words: a line this long at most, without a closing stop, is a title, a heading or a byline
# ("De blinde vlek van Europa", "Waarom China de AI-race anders speelt dan Amerika").
SHORT_LINE = 16


class Refused(Exception):
    pass


@dataclass
class Written:
    text: Path
    source: Path
    claims: Path
    stubs: int
    boilerplate: int
    asserting: int = 0  # short lines (a title, a heading) that state something: stubs too


def normalise(raw: bytes) -> tuple[list[str], int]:
    """The paragraphs of an article, and how many characters were dropped.

    Blank lines separate paragraphs when there are any (a hard-wrapped text is joined back into
    paragraphs); otherwise every line is one. Runs of whitespace become one space."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Refused(
            f"the text is not UTF-8 (byte {exc.start + 1}); save it as UTF-8 first"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = _DROPPED.sub(lambda m: " " if m.group() == "\t" else "", text)
    dropped = sum(1 for m in _DROPPED.finditer(text) if m.group() != "\t")
    lines = [" ".join(line.split()) for line in cleaned.split("\n")]
    if "" in lines[1:-1] and any(a and b for a, b in zip(lines, lines[1:], strict=False)):
        blocks, current = [], []
        for line in lines + [""]:
            if line:
                current.append(line)
            elif current:
                blocks.append(" ".join(current))
                current = []
        return blocks, dropped
    return [line for line in lines if line], dropped


def is_short(paragraph: str) -> bool:
    """A title, heading or byline: a short line with no closing stop."""
    return words(paragraph) < SHORT_LINE and not re.search(r"[.!?…:;\"'”’»]$", paragraph)


def sentences(paragraph: str) -> list[str]:
    """A paragraph cut at sentence ends; a piece too short to carry a claim joins the previous."""
    pieces: list[str] = []
    for piece in _SENTENCE_END.split(paragraph):
        if pieces and min(words(piece), words(pieces[-1])) < MIN_QUOTE_WORDS:
            pieces[-1] += " " + piece
        else:
            pieces.append(piece)
    return pieces


def _q(value: str) -> str:
    # A JSON string is a YAML double-quoted scalar: any text, written so it reads back the same.
    return json.dumps(value, ensure_ascii=False)


def write(
    data: Path,
    source_id: str,
    text_file: Path,
    *,
    language: str,
    kind: str,
    url: str | None = None,
    published: str | None = None,
    author: str | None = None,
    publisher: str | None = None,
    title_en: str | None = None,
    title_nl: str | None = None,
    per_sentence: bool = False,
    basis: str | None = None,
    because_en: str | None = None,
    because_nl: str | None = None,
) -> Written:
    if not re.fullmatch(ID_PATTERN, source_id) or len(source_id) > 64:
        raise Refused(
            f"'{source_id}' is not an id: kebab-case, lower-case letters, digits and single hyphens"
        )
    if language not in LANGUAGE_CODES:
        raise Refused(f"unknown language code '{language}'{did_you_mean(language, LANGUAGE_CODES)}")
    paths = Written(
        data / "sources" / f"{source_id}.txt",
        data / "sources" / f"{source_id}.yml",
        data / "claims" / f"{source_id}.yml",
        0,
        0,
    )
    for path in (paths.text, paths.source, paths.claims):
        if path.exists():
            raise Refused(f"{display_path(path, data)} exists already; nothing was written")
    try:
        raw = text_file.read_bytes()
    except OSError as exc:
        raise Refused(f"cannot read {text_file}: {exc.strerror}") from None
    paragraphs, _ = normalise(raw)
    if not paragraphs:
        raise Refused(f"{text_file} holds no text")
    published_lines = _published(published, basis, because_en, because_nl)

    # A short line that states something (a title stating a thesis) is a claim, not boilerplate
    # (data/README.md, "What an article asserts is a claim"): check's rule, so that check does
    # not warn about what new-source proposed.
    short = [(n, p) for n, p in enumerate(paragraphs, 1) if is_short(p)]
    asserting = {n for n, p in short if states_something(p)}
    short = [(n, p) for n, p in short if n not in asserting]
    stubs = []
    for n, paragraph in enumerate(paragraphs, 1):
        if n in asserting:
            what = "title" if n == 1 else "short line"
            stubs.append(
                f"  # ¶{n}, the {what}: it states something, so it is a claim, not boilerplate\n"
                f"  - todo: the {what} states something (a verb, no question); fill it in as a "
                "claim, or, if it asserts nothing, delete this stub and list the line under "
                "`boilerplate`\n"
                f"    id: {source_id}-p{n}\n"
                f"    quote: {_q(paragraph)}\n"
            )
            continue
        if is_short(paragraph):
            continue
        pieces = sentences(paragraph) if per_sentence else [paragraph]
        for k, piece in enumerate(pieces, 1):
            suffix = f"-{k}" if len(pieces) > 1 else ""
            stubs.append(
                f"  # ¶{n}\n"
                "  - todo: a stub, not a claim (check says what to fill in)\n"
                f"    id: {source_id}-p{n}{suffix}\n"
                f"    quote: {_q(piece)}\n"
            )

    title = {"en": title_en or "", "nl": title_nl or ""}
    # The first line, if it reads as a title, is proposed as the article's own title.
    own_title = paragraphs[0] if is_short(paragraphs[0]) else None
    original_title = None
    if own_title and language in SITE_LANGUAGES and not title[language]:
        title[language] = own_title
    elif own_title and language not in SITE_LANGUAGES:
        original_title = own_title
    original = bool(original_title) or (language in SITE_LANGUAGES and title.get(language))
    lines = [
        "# yaml-language-server: $schema=../schema/source.schema.json",
        "todo: review this record (check says what to look at)",
        f"id: {source_id}",
        "title:",
        f"  en: {_q(title['en'])}",
        f"  nl: {_q(title['nl'])}",
        f"title_kind: {'original' if original else 'editorial'}",
        f"kind: {kind}",
        f"language: {language}",
        f"author: {author or 'null'}",
        "translators: []",
        f"publisher: {publisher or 'null'}",
        "newsletter: null",
        *published_lines,
        f"url: {_q(url) if url else 'null'}",
        f"archived_from: {_q(text_file.name)}",
        "permission: null  # or the article's permission line; `requested` while you ask for one",
        "disclaimer: null",
        f"added: {_q(date.today().isoformat())}  # the day it enters the fact base (feeds)",
    ]
    if original_title:
        at = lines.index("title_kind: original") + 1
        lines.insert(at, f"original_title: {_q(original_title)}  # as published; check it")
    if short:
        lines.append(
            "boilerplate:  # proposed: the title and short lines (headings, bylines) that state "
            "nothing"
        )
        for n, paragraph in short:
            reason = (
                "{en: The article's title, nl: De titel van het artikel}"
                if n == 1 and own_title
                else "{en: Heading or byline, nl: Kop of auteursregel}"
            )
            lines += [f"  - quote: {_q(paragraph)}  # ¶{n}", f"    reason: {reason}"]
    else:
        lines.append("boilerplate: []")
    lines.append("archive: complete  # or excerpt, when the text is only part of the article")

    paths.text.parent.mkdir(parents=True, exist_ok=True)
    paths.claims.parent.mkdir(parents=True, exist_ok=True)
    paths.text.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    paths.source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    paths.claims.write_text(
        "# yaml-language-server: $schema=../schema/claims.schema.json\n"
        "claims:\n" + "\n".join(stubs),
        encoding="utf-8",
    )
    paths.stubs, paths.boilerplate, paths.asserting = len(stubs), len(short), len(asserting)
    return paths


def _published(
    value: str | None, basis: str | None, because_en: str | None, because_nl: str | None
) -> list[str]:
    """The `published` lines. A date whose basis is not given is proposed as inferred, with an
    empty reason that check refuses: a date copied from a listing or a file's name is not
    stated by the article, and nobody publishes "the article says" by default."""
    if (because_en or because_nl) and basis != "inferred":
        raise Refused(
            "--because-en and --because-nl say why a date is inferred: add --basis inferred"
        )
    if value is None:
        if basis:
            raise Refused("--basis says how a date is known: give the date with --published")
        return ["published: null"]
    if basis == "stated":
        return [f"published:\n  value: {_q(value)}\n  basis: stated"]
    note = "" if basis else "  # `stated` if the article prints this date; else say why below"
    return [
        f"published:\n  value: {_q(value)}\n  basis: inferred{note}",
        f"  inferred_from:\n    en: {_q(because_en or '')}\n    nl: {_q(because_nl or '')}",
    ]
