"""Checks on the site's own voice (data/README.md, "The site's own voice"; issue 22).

Every sentence the site says itself (actor descriptions, topic summaries, event titles, glossary
definitions, comparison texts, notes) is attributed to a source or neutral between them, and is
said as of a date where it could change. Where the data can decide it, these functions say so,
each problem at its place:

- a time-relative word ("incoming", "now", "nieuw", "momenteel", "remains" …) in the site's own
  voice, with no "as of" date and no attribution before it in its sentence: on a site read years
  later it reads as current. A claim's `text` is checked too: it restates the source in the site's
  words, and "Moscow is now seeking" read in 2026 says what was true on the day of the report;
- a key figure (a `statistic`, shown alone as a card on the home page) whose text does not name
  who says it, or, for reported speech, in whose article; and a figure qualified `exact` that the
  quote gives in words ("de helft"), not in digits;
- as a warning, a claim text that points back ("these restrictions", "deze samenwerking") to a
  sentence its card does not show: a claim is read alone;
- a claim that quotes a paragraph the source declares boilerplate (it is one or the other), and,
  as a warning, a boilerplate line that states something (a title that states a thesis): what
  an article asserts is a claim, even in a heading.

Plain functions of the loaded records, returning Problems; `check` runs them all and returns
(errors, warnings), the warnings' messages starting with "warning: ".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

import ahocorasick

from macros.facts import models
from macros.facts.data_files import DataFile
from macros.facts.located_yaml import Loc
from macros.facts.problems import Problem

AUTHOR = "author"  # as in factbase: `said_by: author`, the article's own voice

# Words whose truth depends on the day they are read.
TIME_WORDS = {
    "en": frozenset({
        "incoming", "outgoing", "current", "currently", "now", "nowadays", "new", "newly",
        "recent", "recently", "former", "formerly", "latest", "today", "upcoming", "soon",
        "present-day", "remains",
    }),
    "nl": frozenset({
        "aantredend", "aantredende", "inkomend", "inkomende", "vertrekkend", "vertrekkende",
        "uittredend", "uittredende", "huidig", "huidige", "momenteel", "nu", "thans",
        "tegenwoordig", "nieuw", "nieuwe", "nieuws", "recent", "recente", "recentelijk",
        "onlangs", "voormalig", "voormalige", "gewezen", "inmiddels", "binnenkort", "vandaag",
        "actueel", "actuele", "blijft",
    }),
}  # fmt: skip

# A sentence holding one of these says as of when it holds.
AS_OF = {
    "en": ("as of", "at the time of", "at the time", "when the report was written",
           "when the article was written", "when it was written", "written in", "written on",
           "written between", "when he wrote", "when she wrote", "when they wrote"),
    "nl": ("ten tijde van", "op het moment van", "toen het bericht", "toen het artikel", "destijds",
           "geschreven in", "geschreven op", "geschreven tussen", "toen hij schreef",
           "toen zij schreef", "toen ze schreef"),
}  # fmt: skip

# Words that attribute what follows them in the sentence to a source or a speaker.
ATTRIBUTION = {
    "en": ("according to", "in his view", "in her view", "in their view", "view,", "says",
           "said", "argues", "argued", "states", "stated", "writes", "wrote", "reports",
           "reported", "warns", "asks", "calls", "cites", "describes", "claims", "adds",
           "names", "observes"),
    "nl": ("volgens", "aldus", "zegt", "zei", "stelt", "schrijft", "meldt", "noemt",
           "waarschuwt", "vraagt", "beschrijft", "vindt", "voegt", "naar eigen zeggen"),
}  # fmt: skip

# Finite verbs that make a heading a statement ("Er is geen AI-oorlog …").
_VERBS = {
    "is", "zijn", "was", "waren", "wordt", "worden", "werd", "werden", "heeft", "hebben",
    "had", "kan", "kunnen", "moet", "moeten", "zal", "zullen", "blijft", "blijven", "wil",
    "willen", "staat", "ligt", "are", "were", "has", "have", "will", "can", "must", "does",
}  # fmt: skip
_QUESTION_WORDS = {
    "waarom", "wat", "wie", "hoe", "wanneer", "waar", "welk", "welke",
    "why", "what", "who", "how", "when", "where", "which",
}  # fmt: skip

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|‘[^’]*’|“[^”]*”")


def check(fb, files: list[DataFile]) -> tuple[list[Problem], list[Problem]]:
    """Every own-voice problem of the fact base, as (errors, warnings)."""
    found = [
        *time_relative(files),
        *pointing_back(files),
        *key_figures(fb, files),
        *boilerplate_claims(fb, files),
    ]
    warnings = [p for p in found if p.message.startswith("warning: ")]
    return [p for p in found if p not in warnings], warnings


# Time-relative words ------------------------------------------------------------------------


def own_voice(files: list[DataFile]) -> Iterator[tuple[DataFile, Loc, str, models.Text]]:
    """(file, place, what, text) for every field the site says in its own voice, and every
    claim's restatement. A dated event's title is said as of its date, which the timeline shows
    with it."""
    for f in files:
        m = f.model
        if f.kind == "actors":
            for i, a in enumerate(m.actors):
                yield f, ("actors", i, "description"), f"actor '{a.id}': description", a.description
        elif f.kind == "topics":
            for i, t in enumerate(m.topics):
                yield f, ("topics", i, "summary"), f"topic '{t.id}': summary", t.summary
                if t.takeaway:
                    where = ("topics", i, "takeaway", "text")
                    yield f, where, f"topic '{t.id}': takeaway", t.takeaway.text
        elif f.kind == "events":
            for i, e in enumerate(m.events):
                if e.date is None:
                    yield f, ("events", i, "title"), f"event '{e.id}': title", e.title
        elif f.kind == "glossary":
            for i, t in enumerate(m.terms):
                yield f, ("terms", i, "definition"), f"term '{t.id}': definition", t.definition
        elif f.kind == "source":
            if m.note:
                yield f, ("note",), f"source '{m.id}': note", m.note
        elif f.kind == "claims":
            for i, c in enumerate(m.claims):
                yield f, ("claims", i, "text"), f"claim '{c.id}': text", c.text
                if c.note:
                    yield f, ("claims", i, "note"), f"claim '{c.id}': note", c.note
                for j, r in enumerate(c.relations):
                    what = f"claim '{c.id}': relation to '{r.claim}'"
                    yield f, ("claims", i, "relations", j, "note"), what, r.note
        elif f.kind == "comparison":
            what = f"comparison '{m.id}'"
            for name in ("intro", "note"):
                if getattr(m, name):
                    yield f, (name,), f"{what}: {name}", getattr(m, name)
            for i, col in enumerate(m.columns):
                if col.summary:
                    where = ("columns", i, "summary", "text")
                    yield f, where, f"{what}: column '{col.id}': summary", col.summary.text
            if m.kind == "table":
                for i, row in enumerate(m.rows):
                    for col, cell in row.cells.items():
                        yield (
                            f,
                            ("rows", i, "cells", col, "text"),
                            f"{what}: row '{row.id}', column '{col}'",
                            cell.text,
                        )


def time_relative(files: list[DataFile]) -> list[Problem]:
    problems = []
    for f, loc, what, text in own_voice(files):
        for lang in ("en", "nl"):
            word = unanchored_time_word(text[lang], lang)
            if word:
                problems.append(
                    f.doc.problem(
                        (*loc, lang),
                        f'{what} ({lang}) says "{word}" in the own voice of the site: true '
                        "only on some day, it reads as current years later. Say as of when (as "
                        "of the report …, ten tijde van …) or whose words they are (according "
                        "to …, volgens …)",
                    )
                )
    return problems


def unanchored_time_word(text: str, lang: str) -> str | None:
    """The first time-relative word of `text` that no "as of" in its sentence and no
    attribution before it in its sentence anchors; words inside quotation marks are the
    source's, not the site's."""
    time_words = TIME_WORDS[lang]
    if not _holds_one_of(text, time_words):
        return None
    for sentence in _SENTENCE.split(text):
        if not _holds_one_of(sentence, time_words):
            continue
        bare = _QUOTED.sub(lambda m: " " * len(m.group(0)), sentence)
        folded = bare.casefold()
        if _says_as_of(folded, lang):
            continue
        first, cut = _attributions(folded, lang)
        for m in _WORD.finditer(bare):
            if m.group(0).casefold() not in time_words:
                continue
            # What searching folded[: m.start()] for an attribution would find, worked out once
            # for the sentence: searching again for each time word made a sentence of many of
            # them after an attribution quadratic (a 2,000-character cell took 30 ms).
            if not ((first is not None and first <= m.start()) or m.start() in cut):
                return m.group(0)
    return None


def _attributions(folded: str, lang: str) -> tuple[int | None, set[int]]:
    """(where the first attribution of `folded` that stands as a whole phrase ends, where every
    one would end as a whole phrase if the text were cut right after it)."""
    first, cut = None, set()
    for m in _ATTRIBUTION_STARTS[lang].finditer(folded):
        end = m.end(1)
        cut.add(end)
        if end == len(folded) or not _WORD_CHARACTER.match(folded, end):
            first = end if first is None else min(first, end)
    return first, cut


def _says_as_of(folded: str, lang: str) -> bool:
    return any(marker in folded for marker in AS_OF[lang])


def time_bound(claim: models.Claim) -> bool:
    """Whether a claim holds only as of its source: its text, in either language, says so
    outside quotation marks ("When the report was written, …", "toen hij schreef"), as the
    check above has it say wherever a time-relative word would otherwise read as current. The
    site then says when its source said it (macros/render/as_of.py)."""
    return any(_says_as_of(_QUOTED.sub(" ", claim.text[lang]).casefold(), lang) for lang in AS_OF)


def _holds_one_of(text: str, words: frozenset[str]) -> bool:
    """Whether any word of `text` is one of `words` (casefolded), quoted or not: most texts hold
    none, and the word-by-word walks above and below then have nothing to find. (A word outside
    quotation marks is a word of the text: blanking a quoted span, which starts and ends with a
    quotation mark, neither joins nor splits the words around it.)"""
    # First as parts of the text, in one pass in C: casefold() folds each character on its own,
    # so a word that folds to one of `words` leaves that one in the folded text.
    if next(_parts_finder(words).iter(text.casefold()), None) is None:
        return False
    return not words.isdisjoint(map(str.casefold, _WORD.findall(text)))


@cache
def _parts_finder(words: frozenset[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def _has_phrase(text: str, phrase: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text) is not None


# Each attribution where it starts a word, in one pass (a lookahead, so that matches may
# overlap); where it ends is looked at by _attributions. No phrase starts another.
_ATTRIBUTION_STARTS = {
    lang: re.compile(r"(?<!\w)(?=(" + "|".join(map(re.escape, phrases)) + "))")
    for lang, phrases in ATTRIBUTION.items()
}
_WORD_CHARACTER = re.compile(r"\w")
# Any attribution, as a whole phrase: what _has_phrase finds for one of them, in one search.
_ATTRIBUTED = {
    lang: re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)")
    for lang, phrases in ATTRIBUTION.items()
}


# Claims that point back ------------------------------------------------------------------------

# A demonstrative before a noun ("these restrictions", "deze samenwerking") points at a sentence
# the card does not show: a claim is shown alone (a topic page, the figures, a citation preview).
_DEMONSTRATIVES = {"en": frozenset({"this", "these", "those"}), "nl": frozenset({"deze", "dit"})}
# Words after which the demonstrative stands alone ("this is very dangerous"): not pointing back.
_NOT_A_NOUN = {
    "is", "was", "are", "were", "would", "will", "could", "can", "may", "might", "must", "has",
    "had", "have", "does", "did", "zijn", "waren", "zou", "zal", "kan", "moet", "heeft",
    "hebben", "zeer", "erg", "ook", "niet", "wel", "al", "nog",
}  # fmt: skip


def pointing_back(files: list[DataFile]) -> list[Problem]:
    """A warning for every claim text that says "this …" / "deze …" outside quotation marks."""
    problems = []
    for f in files:
        if f.kind != "claims":
            continue
        for i, c in enumerate(f.model.claims):
            for lang in ("en", "nl"):
                words = points_back(c.text[lang], lang)
                if words:
                    problems.append(
                        f.doc.problem(
                            ("claims", i, "text", lang),
                            f"warning: claim '{c.id}': text ({lang}) says \"{words}\", which "
                            "points back to a sentence the card does not show; a claim is read "
                            "alone, so name what is meant (the restrictions on …, de beperkingen "
                            "op …)",
                        )
                    )
    return problems


def points_back(text: str, lang: str) -> str | None:
    """The first demonstrative and the word after it, outside quotation marks, if any: before a
    noun, or opening the text ("This could also affect …"), where it can only mean what came
    before."""
    if not _holds_one_of(text, _DEMONSTRATIVES[lang]):
        return None
    bare = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    words = list(_WORD.finditer(bare))
    for n, (this, after) in enumerate(zip(words, words[1:], strict=False)):
        if this.group(0).casefold() in _DEMONSTRATIVES[lang] and (
            n == 0 or after.group(0).casefold() not in _NOT_A_NOUN
        ):
            return f"{this.group(0)} {after.group(0)}"
    return None


# Key figures -----------------------------------------------------------------------------------


def key_figures(fb, files: list[DataFile]) -> list[Problem]:
    problems = []
    for f in files:
        if f.kind != "claims" or f.path.stem not in fb.sources:
            continue
        source = fb.sources[f.path.stem]
        for i, c in enumerate(f.model.claims):
            if c.figure and c.figure.qualifier == "exact" and not re.search(r"\d", c.quote):
                problems.append(
                    f.doc.problem(
                        ("claims", i, "figure", "qualifier"),
                        f"claim '{c.id}': qualifier 'exact' for a figure the quote gives in "
                        "words, not digits ('half', 'a dozen'): use 'about' and keep the word "
                        "in the unit",
                    )
                )
            if c.kind != "statistic":
                continue  # key figures are statistics: their card shows the text alone
            for lang in ("en", "nl"):
                missing = _unnamed(fb, source, c, lang)
                if missing:
                    problems.append(
                        f.doc.problem(
                            ("claims", i, "text", lang),
                            f"claim '{c.id}': a key figure's text ({lang}) must say who gives "
                            f"the figure; it does not name {missing} (write: according to …, "
                            "volgens …)",
                        )
                    )
    return problems


def _unnamed(fb, source: models.Source, claim: models.Claim, lang: str) -> str | None:
    """What the claim's text fails to name: its speaker, or the author who reports them. An
    unsigned article's own voice has no name to give: the card says "the article (unsigned)"."""
    text = _fold(claim.text[lang])
    speakers = claim.said_by_all
    for who in speakers:
        actor_id = source.author if who == AUTHOR else who
        if actor_id and not _names(fb, actor_id, text):
            return f"'{_name(fb, actor_id, lang)}'"
    reported = AUTHOR not in speakers and source.author and source.author not in speakers
    if reported and not _names(fb, source.author, text):
        return f"'{_name(fb, source.author, lang)}', in whose article it is reported"
    return None


def _names(fb, actor_id: str | None, text: str) -> bool:
    actor = fb.actors.get(actor_id) if actor_id else None
    if actor is None:
        return True  # an unknown actor is reported elsewhere
    names = {actor.name.en, actor.name.nl, *(actor.aliases or [])}
    if actor.kind == "person":
        names |= {n.split()[-1] for n in list(names) if n.split()}
    return any(_has_phrase(text, _fold(n)) for n in names if n)


def _name(fb, actor_id: str, lang: str) -> str:
    actor = fb.actors.get(actor_id)
    return actor.name[lang] if actor else actor_id


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("’", "'").casefold()


# Boilerplate ------------------------------------------------------------------------------------


def boilerplate_claims(fb, files: list[DataFile]) -> list[Problem]:
    problems = []
    for f in files:
        if f.kind == "claims" and f.path.stem in fb.texts:
            sid = f.path.stem
            text = fb.texts[sid]
            declared = {text.paragraphs[n - 1]: n for n in fb.boilerplate.get(sid, {})}
            for i, c in enumerate(f.model.claims):
                at = fb.claim_place.get(c.id)
                if at is None or fb.claim_source.get(c.id) != sid:
                    continue
                n = declared.get(text.paragraphs[at.paragraph - 1])
                if n is not None:
                    problems.append(
                        f.doc.problem(
                            ("claims", i, "quote"),
                            f"claim '{c.id}' quotes paragraph {at.paragraph}, which the source "
                            f"declares boilerplate (paragraph {n}): a paragraph that states a "
                            "claim is not boilerplate; delete its `boilerplate` entry",
                        )
                    )
        elif f.kind == "source":
            s = f.model
            title = _fold(s.title[s.language]) if s.language in ("en", "nl") else None
            for i, b in enumerate(s.boilerplate):
                if states_something(b.quote):
                    is_title = title is not None and _fold(b.quote).strip() == title.strip()
                    problems.append(
                        f.doc.problem(
                            ("boilerplate", i, "quote"),
                            f"warning: source '{s.id}': boilerplate "
                            f"{'title' if is_title else 'line'} '{b.quote}' states something "
                            "(it has a verb and is no question nor a lead-in): what an article "
                            "asserts, even in a title, is a claim; quote it in a claim instead",
                        )
                    )
    return problems


def states_something(line: str) -> bool:
    """A heading that makes a statement: a finite verb, not a question, not a lead-in ("…:")."""
    stripped = line.strip()
    if not stripped or stripped.endswith(("?", ":")):
        return False
    words = [w.casefold() for w in _WORD.findall(stripped)]
    if not words or words[0] in _QUESTION_WORDS:
        return False
    return any(w in _VERBS for w in words)
