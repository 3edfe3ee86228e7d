"""The site's own voice (macros/facts/voice.py): each check fails on a fixture made for it, at its
line, and passes once the sentence is anchored in a date or a speaker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.cli.commands import main
from macros.facts import voice
from tests.conftest import examples
from tests.mutations import assert_refused_at
from tests.mutations import replace_in as _replace

CLAIMS = "claims/sample-news.yml"
SOURCE = "sources/sample-news.yml"

# The fixture's figure claim made a statistic (a key figure on the home page) said by Russia.
_STATISTIC = _replace(
    CLAIMS,
    "    kind: fact\n    said_by: author\n    about: [united-states]",
    "    kind: statistic\n    said_by: russia\n    about: [united-states]",
)


def _both(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    def apply(d: Path) -> None:
        for m in mutations:
            m(d)

    return apply


# (kind of mistake, how to make it, where it must be reported, words the message must hold)
CASES = [
    (
        "time word, English",
        _replace("actors.yml", "description: {en: A country., nl: Een land.}\n  - id: china",
                 "description: {en: The incoming country., nl: Een land.}\n  - id: china"),
        "data/actors.yml:5:",
        "actor 'russia': description (en) says \"incoming\"",
    ),
    (
        "time word, Dutch",
        _replace("actors.yml", "description: {en: A country., nl: Een land.}\n  - id: china",
                 "description: {en: A country., nl: Het huidige land.}\n  - id: china"),
        "data/actors.yml:5:",
        "(nl) says \"huidige\"",
    ),
    (
        "time word in a comparison cell",
        _replace("comparisons/sides.yml", "{en: Seeks China., nl: Zoekt China.}",
                 "{en: Now seeks China., nl: Zoekt China.}"),
        "data/comparisons/sides.yml:",
        "row 'stance', column 'ru' (en) says \"Now\"",
    ),
    (
        "time word in a topic summary",
        _replace("topics.yml", "nl: Rusland zoekt samenwerking.",
                 "nl: Rusland zoekt nu samenwerking."),
        "data/topics.yml:",
        "topic 'cooperation': summary (nl) says \"nu\"",
    ),
    (
        "time word in an undated event's title",
        _replace("events.yml", "title: {en: Russia turns to China,",
                 "title: {en: Russia recently turns to China,"),
        "data/events.yml:",
        "event 'russia-turns-to-china': title (en) says \"recently\"",
    ),
    (
        "time word in a claim's restatement",
        _replace(CLAIMS, "text: {en: Russia seeks cooperation with China.,",
                 "text: {en: Russia is now seeking cooperation with China.,"),
        "data/claims/sample-news.yml:4:",
        "claim 'russia-seeks-china': text (en) says \"now\"",
    ),
    (
        "an open question that 'remains', in a claim's restatement",
        _replace(CLAIMS, "text: {en: The US is weighing export controls.,",
                 "text: {en: Whether the US will impose controls remains the question.,"),
        "data/claims/sample-news.yml:",
        "claim 'us-weighs-controls': text (en) says \"remains\"",
    ),
    (
        "a Dutch 'blijft' in a claim's restatement",
        _replace(CLAIMS, "nl: Rusland zoekt samenwerking met China.}",
                 "nl: 'Of Rusland samenwerking zoekt, blijft de vraag.'}"),
        "data/claims/sample-news.yml:4:",
        "claim 'russia-seeks-china': text (nl) says \"blijft\"",
    ),
    (
        "key figure without its speaker",
        _STATISTIC,
        "data/claims/sample-news.yml:",
        "a key figure's text (en) must say who gives the figure; it does not name 'Russia'",
    ),
    (
        "key figure of reported speech without the reporting author",
        _both(
            _STATISTIC,
            _replace(SOURCE, "author: null", "author: china"),
            _replace(CLAIMS, "{en: The US is weighing export controls., nl: De VS overwegen "
                     "exportbeperkingen.}",
                     "{en: Russia says the US is weighing export controls., nl: Volgens China "
                     "zegt Rusland dat de VS exportbeperkingen overwegen.}"),
        ),
        "data/claims/sample-news.yml:",
        "it does not name 'China', in whose article it is reported",
    ),
    (
        "figure in words called exact",
        _replace(CLAIMS, "qualifier: more-than", "qualifier: exact"),
        "data/claims/sample-news.yml:20:",
        "qualifier 'exact' for a figure the quote gives in words",
    ),
    (
        "claim quoting a declared boilerplate paragraph",
        _replace(
            CLAIMS,
            "  - id: us-weighs-controls\n",
            "  - id: heading-as-claim\n"
            "    quote: Tussenkop\n"
            "    text: {en: A heading., nl: Een kop.}\n"
            "    kind: fact\n"
            "    said_by: author\n"
            "    about: [russia]\n"
            "    topics: [cooperation]\n"
            "  - id: us-weighs-controls\n",
        ),
        "data/claims/sample-news.yml:10:",
        "claim 'heading-as-claim' quotes paragraph 2, which the source declares boilerplate",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("mistake", "make", "where", "words"), CASES, ids=[c[0] for c in CASES])
def test_own_voice_mistake_is_located(data_dir, capsys, mistake, make, where, words):
    make(data_dir)
    assert_refused_at(data_dir, capsys, where, words)


# The same sentences, anchored: said as of a date, or attributed before the word.
ANCHORED = [
    _replace("actors.yml", "description: {en: A country., nl: Een land.}\n  - id: china",
             "description: {en: According to the report the incoming country., nl: Volgens het "
             "bericht het huidige land.}\n  - id: china"),
    _replace("actors.yml", "description: {en: A country., nl: Een land.}\n  - id: china",
             "description: {en: The incoming country as of the report., nl: Ten tijde van het "
             "bericht het huidige land.}\n  - id: china"),
    _replace("actors.yml", "description: {en: A country., nl: Een land.}\n  - id: china",
             "description: {en: \"A 'new' country.\", nl: Een land.}\n  - id: china"),
    _replace("events.yml", "title: {en: Export controls weighed,",
             "title: {en: New export controls weighed,"),  # a dated event: as of its date
    _replace(CLAIMS, "text: {en: Russia seeks cooperation with China.,",
             "text: {en: \"When the report was written, Russia was by now seeking China.\","),
    _replace(CLAIMS, "nl: Rusland zoekt samenwerking met China.}",
             "nl: 'Toen het bericht werd geschreven, bleef de vraag of Rusland nu China zocht.'}"),
    _both(_STATISTIC, _replace(CLAIMS, "en: The US is weighing export controls.",
                               "en: 'According to Russia, the US weighs export controls.'"),
          _replace(CLAIMS, "nl: De VS overwegen exportbeperkingen.}",
                   "nl: 'Volgens Rusland overwegen de VS exportbeperkingen.'}")),
]  # fmt: skip


@pytest.mark.parametrize("make", ANCHORED)
def test_anchored_sentence_passes(data_dir, capsys, make):
    make(data_dir)
    assert main(["--data", str(data_dir), "check"]) == 0, capsys.readouterr().err


def test_boilerplate_that_states_something_is_a_located_warning(data_dir, capsys):
    for rel in (SOURCE, "sources/sample-news.txt"):
        path = data_dir / rel
        path.write_text(path.read_text().replace("Tussenkop", "Er is geen oorlog"))
    assert main(["--data", str(data_dir), "check"]) == 0
    err = capsys.readouterr().err
    assert "data/sources/sample-news.yml:16:" in err, err
    assert "warning: source 'sample-news': boilerplate line 'Er is geen oorlog' states" in err


def test_heading_that_only_introduces_is_no_warning(data_dir, capsys):
    assert main(["--data", str(data_dir), "check"]) == 0
    assert "boilerplate" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("line", "states"),
    [
        ("Er is geen AI-oorlog tussen China en de VS", True),
        ("There is no AI war between China and the US", True),
        ("Waarom er GEEN AI-oorlog is: A versus I", False),
        ("Waarom blijft de illusie van een AI-wedloop bestaan?", False),
        ("Het nieuwe boek van deze auteur:", False),
        ("De blinde vlek van Europa", False),
    ],
)
def test_states_something(line, states):
    assert voice.states_something(line) is states


@pytest.mark.parametrize(
    ("sentence", "lang", "word"),
    [
        ("Incoming US president who, according to the report, said so.", "en", "Incoming"),
        ("US president who, according to the report, is the incoming one.", "en", None),
        ("Leider van de vertrekkende regering.", "nl", "vertrekkende"),
        ("Volgens het bericht zoekt Moskou nu steun.", "nl", None),
        ("Toen het bericht werd geschreven, overwoog de regering nieuwe beperkingen.", "nl", None),
        ("A fact. Now another one.", "en", "Now"),
        ("The renewal of knowledge.", "en", None),  # a word, not a part of one
        ("Whether Trump will continue remains the big question.", "en", "remains"),
        ("When the report was written, the question remains open.", "en", None),
        ("According to Coppens, almost every company now builds open models.", "en", None),
        ("Almost every company, when he wrote, built open models now.", "en", None),
    ],
)
def test_unanchored_time_word(sentence, lang, word):
    assert voice.unanchored_time_word(sentence, lang) == word


def test_a_claim_text_that_points_back_is_a_located_warning(data_dir, capsys):
    _replace(CLAIMS, "text: {en: Russia seeks cooperation with China.,",
             "text: {en: Russia seeks this cooperation with China.,")(data_dir)  # fmt: skip
    assert main(["--data", str(data_dir), "check"]) == 0
    err = capsys.readouterr().err
    assert "data/claims/sample-news.yml:4:" in err, err
    assert "warning: claim 'russia-seeks-china': text (en) says \"this cooperation\"" in err


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("This could also affect the cooperation.", "en", "This could"),
        ("New US export restrictions could also affect the cooperation.", "en", None),
        ("Dit kan ook gevolgen hebben voor de samenwerking.", "nl", "Dit kan"),
        ("Moscow seeks support to get round these restrictions.", "en", "these restrictions"),
        ("Coppens argues that this is very dangerous.", "en", None),
        ("He calls it 'this approach'.", "en", None),  # the source's words
        (
            "Volgens analisten kan China baat hebben bij deze samenwerking.",
            "nl",
            "deze samenwerking",
        ),
        ("Coppens stelt dat dit zeer gevaarlijk is.", "nl", None),
        ("Volgens het bericht kunnen nieuwe exportbeperkingen gevolgen hebben.", "nl", None),
    ],
)
def test_points_back(text, lang, words):
    assert voice.points_back(text, lang) == words


# Texts made of the words the checks look for, the ones that attribute or date a sentence, parts
# of them ("renewal", "nummer"), quotation marks, hyphens, sentence ends and letters that case
# folding changes ("ß", "ſ", "K" the Kelvin sign, the "st" ligature, dotted "İ").
_VOICE_WORDS = sorted(
    set().union(*voice.TIME_WORDS.values(), *voice._DEMONSTRATIVES.values())
    | {"according to", "volgens", "as of", "ten tijde van", "when he wrote", "renewal", "knows",
       "nummer", "NOW", "Nu", "Dit", "lateﬆ", "ſoon", "today", "is", "was", "the", "de"}
)  # fmt: skip
_voice_texts = st.lists(
    st.one_of(
        st.sampled_from(_VOICE_WORDS),
        st.sampled_from([" ", ". ", "? ", ", ", "'", '"', "‘", "’", "“", "”", "-", "ß", "K", "İ"]),
        st.text(max_size=4),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=examples(300), deadline=None)
@given(_voice_texts, st.sampled_from(["en", "nl"]))
def test_the_word_filter_changes_no_finding(text, lang):
    """The checks skip a text or sentence in which no word is one they look for; without that
    shortcut they find exactly the same."""
    found = (voice.unanchored_time_word(text, lang), voice.points_back(text, lang))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(voice, "_holds_one_of", lambda text, words: True)
        assert (voice.unanchored_time_word(text, lang), voice.points_back(text, lang)) == found


_ATTRIBUTIONS = sorted(set().union(*voice.ATTRIBUTION.values()))


@settings(max_examples=examples(300), deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_ATTRIBUTIONS), st.sampled_from([" ", ",", "-", "x", "é"])),
        max_size=12,
    ).map("".join),
    st.sampled_from(["en", "nl"]),
)
def test_any_attribution_is_what_one_of_them_is(text, lang):
    """One search for all attributions finds one exactly where a search for each would."""
    expected = any(voice._has_phrase(text, a) for a in voice.ATTRIBUTION[lang])
    assert (voice._ATTRIBUTED[lang].search(text) is not None) is expected


def _unanchored_searching_each_prefix(text: str, lang: str) -> str | None:
    """The check as it was: a search of the sentence up to each time word (quadratic)."""
    for sentence in voice._SENTENCE.split(text):
        bare = voice._QUOTED.sub(lambda m: " " * len(m.group(0)), sentence)
        folded = bare.casefold()
        if voice._says_as_of(folded, lang):
            continue
        for m in voice._WORD.finditer(bare):
            if m.group(0).casefold() not in voice.TIME_WORDS[lang]:
                continue
            if not voice._ATTRIBUTED[lang].search(folded[: m.start()]):
                return m.group(0)
    return None


_TIME_WORDS = sorted(set().union(*voice.TIME_WORDS.values()))


@settings(max_examples=examples(400), deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_ATTRIBUTIONS),
            st.sampled_from(_TIME_WORDS),
            st.sampled_from([" ", ",", ". ", "x", "'", "é"]),
        ),
        max_size=16,
    ).map("".join),
    st.sampled_from(["en", "nl"]),
)
def test_the_time_word_check_finds_what_a_search_before_each_word_finds(text, lang):
    assert voice.unanchored_time_word(text, lang) == _unanchored_searching_each_prefix(text, lang)


def test_the_time_word_check_reads_a_sentence_once_whatever_its_time_words(monkeypatch):
    # The second attacker of 2026-12-07: 230 comparison rows whose cells were "q q … says now
    # now …" (2,000 characters) took check 25 s: every time word searched the sentence before it.
    scans: list[str] = []

    class Counting:
        def __init__(self, pattern):
            self.pattern = pattern

        def finditer(self, text):
            scans.append(text)
            return self.pattern.finditer(text)

    patterns = {k: Counting(p) for k, v in voice._ATTRIBUTION_STARTS.items() for p in [v]}
    monkeypatch.setattr(voice, "_ATTRIBUTION_STARTS", patterns)
    text = "q " * 500 + "says " + "now " * 333
    assert voice.unanchored_time_word(text, "en") is None
    assert len(scans) == 1  # the sentence is read once for every attribution


def test_no_attribution_starts_another():
    # The one pass finds one attribution where each starts: one that began another would hide it.
    for phrases in voice.ATTRIBUTION.values():
        assert not [(a, b) for a in phrases for b in phrases if a != b and b.startswith(a)]
