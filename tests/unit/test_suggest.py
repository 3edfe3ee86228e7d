"""`suggest` ranks the topics and terms a new article's claims fit, best first with the count; an
article about the US and China is not offered every topic; a term is found where Dutch splits its
compound; and before the claims pass check, the article's paragraphs stand in for them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.cli.commands import main
from macros.cli.mentions import Words
from macros.facts import factbase
from tests.conftest import REPO


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("exportbeperkingen op chips", "exportbeperkingen"),
        ("export-beperkingen", "exportbeperkingen"),
        ("nieuwe export- en importbeperkingen", "exportbeperkingen"),  # the head shared
        ("exportregels en -beperkingen", "exportbeperkingen"),  # the tail shared
        ("beperkingen op de export van chips", "exportbeperkingen"),  # in separate words
        ("de export kent beperkingen", "exportbeperkingen"),
        ("overheids- en bedrijfsbeleid", "overheidsbeleid"),  # with its linking s
        ("AI-chips", "AI chips"),
        ("chips voor AI", "AI-chips"),
        ("aichips", "AI chips"),
        ("restrictions on export", "export restrictions"),
    ],
)
def test_a_term_is_found_written_together_apart_or_split(text: str, term: str):
    assert Words(text).mentions(term)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("exportbeleid en importbeperkingen", "exportbeperkingen"),  # two other compounds
        ("beperkingen voor de bouw van dit huis en de export", "exportbeperkingen"),  # too far
        ("het basisonderwijs en het model", "basismodel"),  # neither part written as shared
        ("een sanctie", "sancties"),  # no stemming
        ("de AI-chipsector", "AI chips"),
    ],
)
def test_a_term_is_not_found_in_what_only_resembles_it(text: str, term: str):
    assert not Words(text).mentions(term)


def test_a_split_search_reads_a_window_per_hit_not_the_text_per_word():
    # 20,000 words sharing nothing with the term: every split is a set lookup that misses.
    words = Words(" ".join(f"woord{i}" for i in range(20_000)))
    assert not words.mentions("exportbeperkingen")


# A short Dutch article about the US and China (as most claims are) that touches export
# restrictions in two split forms and nothing else the fact base has a topic for.
ARTICLE = [
    "Amerika en China praten opnieuw met elkaar",
    "De Verenigde Staten en China bespreken volgens diplomaten export- en importbeperkingen voor "
    "chips.",
    "Volgens de krant leggen de Verenigde Staten China ook beperkingen op de export van software "
    "op.",
    "China en de Verenigde Staten spreken volgende maand opnieuw met elkaar in Genève.",
]
SOURCE = """\
id: talks
title: {en: America and China talk again, nl: "Amerika en China praten opnieuw met elkaar"}
title_kind: original
kind: news
language: nl
author: null
translators: []
publisher: null
published: null
url: null
archived_from: talks.txt
boilerplate:
  - quote: "Amerika en China praten opnieuw met elkaar"
    reason: {en: The article's title, nl: De titel van het artikel}
added: "2026-12-07"
"""


def _claim(cid: str, n: int, en: str, nl: str) -> str:
    return (
        f"  - id: {cid}\n    quote: {ARTICLE[n - 1]!r}\n"
        f"    text: {{en: {en!r}, nl: {nl!r}}}\n"
        "    kind: fact\n    said_by: author\n    about: [united-states, china]\n"
        "    topics: [ai-race]\n"
    ).replace("\\'", "''")


CLAIMS = "claims:\n" + "".join(
    [
        _claim(
            "talks-on-trade-curbs",
            2,
            "According to diplomats cited in the article, the US and China are discussing "
            "export and import restrictions on chips.",
            "Volgens diplomaten die het artikel aanhaalt, bespreken de VS en China export- en "
            "importbeperkingen voor chips.",
        ),
        _claim(
            "us-curbs-software-exports",
            3,
            "According to a newspaper cited in the article, the US also restricts exports of "
            "software to China.",
            "Volgens een krant die het artikel aanhaalt, beperken de VS ook de export van "
            "software naar China.",
        ),
        _claim(
            "talks-in-geneva",
            4,
            "According to the article, China and the US will meet again in Geneva the following "
            "month.",
            "Volgens het artikel spreken China en de VS de maand daarop opnieuw met elkaar in "
            "Genève.",
        ),
    ]
)


@pytest.fixture
def real_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    (data / "sources/talks.txt").write_text("\n".join(ARTICLE) + "\n", encoding="utf-8")
    (data / "sources/talks.yml").write_text(SOURCE, encoding="utf-8")
    return data


def _suggest(data: Path, capsys) -> list[str]:
    assert main(["--data", str(data), "suggest", "talks"]) == 0
    return capsys.readouterr().out.splitlines()


def test_topics_and_terms_are_ranked_by_the_claims_they_fit(real_data: Path, capsys):
    (real_data / "claims/talks.yml").write_text(CLAIMS, encoding="utf-8")
    fb = factbase.load(real_data)
    # Every topic has claims about China and the US: the old rule offered all seven.
    assert all(
        {"china", "united-states"} & {a for c in claims for a in fb.claims[c].about}
        for claims in fb.claims_by_topic.values()
    )
    out = _suggest(real_data, capsys)
    topics = [re.match(r"(\d+) claims? fits? topic '([a-z-]+)'", x) for x in out]
    assert [(m.group(2), int(m.group(1))) for m in topics if m] == [
        ("ai-race", 3),  # the three list it in `topics`
        ("chips-and-sanctions", 2),  # marked by the term the two split claims use
    ]
    assert any(
        x.startswith("2 claims fit topic 'chips-and-sanctions'")
        and "talks-on-trade-curbs, us-curbs-software-exports" in x
        and "the terms export-controls" in x
        for x in out
    ), out
    assert (
        "2 claims fit term 'export-controls' (export restrictions): talks-on-trade-curbs, "
        "us-curbs-software-exports; add those that use it to its evidence"
    ) in out
    assert out.index(next(x for x in out if "topic 'ai-race'" in x)) < out.index(
        next(x for x in out if "topic 'chips-and-sanctions'" in x)
    )
    assert "claim 'talks-in-geneva': cited by no topic summary, event, term or comparison" in out
    assert out[-1] == f"{len(out) - 1} suggestions for talks, best fit first; nothing was written"


def test_before_its_claims_pass_check_the_paragraphs_stand_in(real_data: Path, capsys):
    # Stubs as new-source writes them: check refuses them, suggest still answers.
    (real_data / "claims/talks.yml").write_text(
        "claims:\n  - todo: fill in\n    id: talks-p2\n    quote: x\n", encoding="utf-8"
    )
    assert main(["--data", str(real_data), "check"]) == 1
    capsys.readouterr()
    out = _suggest(real_data, capsys)
    assert out[0] == (
        "data/sources/talks.txt:1:1: note: the records of 'talks' do not pass check yet, so its "
        "paragraphs stand in for its claims below (python -m macros check says what to finish)"
    )
    assert (
        "2 paragraphs fit term 'export-controls' (export restrictions): ¶2, ¶3; add their claims "
        "to its evidence"
    ) in out
    assert any(
        x.startswith("2 paragraphs fit topic 'chips-and-sanctions'") and "give their claims" in x
        for x in out
    ), out
    assert not any("topic 'europe'" in x or "topic 'military-ai'" in x for x in out)


def test_broken_data_elsewhere_still_stops_suggest(real_data: Path, capsys):
    (real_data / "claims/talks.yml").write_text(CLAIMS, encoding="utf-8")
    actors = real_data / "actors.yml"
    actors.write_text(actors.read_text().replace("kind: country", "kind: planet", 1))
    assert main(["--data", str(real_data), "suggest", "talks"]) == 1
    err = capsys.readouterr().err
    assert "failed: fix the data first (python -m macros check)" in err
    assert "Traceback" not in err


# A claim that analysts make about the US and China, and one about Putin and Sberbank.
SPOKEN = [
    "Volgens analisten praten de Verenigde Staten en China nog jaren met elkaar.",
    "Poetin liet Sberbank volgens de krant opnieuw met China praten.",
]


def _spoken(data: Path) -> None:
    text = data / "sources/talks.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\n".join(SPOKEN) + "\n", "utf-8")
    extra = (
        "  - id: analysts-expect-long-talks\n"
        f"    quote: {SPOKEN[0]!r}\n"
        "    text: {en: 'According to analysts, the US and China will go on talking for years.',"
        " nl: 'Volgens analisten praten de VS en China nog jaren met elkaar.'}\n"
        "    kind: forecast\n    said_by: analysts\n    about: [united-states, china]\n"
        "    topics: [ai-race]\n"
        "  - id: putin-sends-sberbank-again\n"
        f"    quote: {SPOKEN[1]!r}\n"
        "    text: {en: 'According to the newspaper, Putin had Sberbank talk to China again.',"
        " nl: 'Volgens de krant liet Poetin Sberbank opnieuw met China praten.'}\n"
        "    kind: fact\n    said_by: author\n    about: [vladimir-putin, sberbank, china]\n"
        "    topics: [ai-race]\n"
    )
    (data / "claims/talks.yml").write_text(CLAIMS + extra, encoding="utf-8")


def test_who_says_a_claim_suggests_no_topic_what_it_is_about_does(real_data: Path, capsys):
    """ "Analysts" speak on any topic: a claim they make is not offered the topics of the one
    claim they made before (military AI, Russia–China cooperation); a claim about Putin and
    Sberbank is offered the topic whose claims are about them."""
    _spoken(real_data)
    fb = factbase.load(real_data)
    assert "analysts" in fb.claims["china-may-gain-russian-military-tech"].said_by_all
    out = _suggest(real_data, capsys)
    assert not any("actors analysts" in x for x in out), out
    cooperation = [x for x in out if "topic 'russia-china-cooperation'" in x]
    assert cooperation and cooperation[0].startswith("1 claim fits"), out
    assert (
        "putin-sends-sberbank-again (through the actors sberbank, vladimir-putin)"
        in (cooperation[0])
    )
    assert not any("topic 'military-ai'" in x for x in out), out


def test_a_paragraph_naming_a_speaker_only_is_offered_no_topic_for_it(real_data: Path, capsys):
    """Before the claims pass check, a paragraph that names "analisten" is not offered the topics
    of the claim analysts made, which lists them in `about` as well as in `said_by`."""
    _spoken(real_data)
    (real_data / "claims/talks.yml").write_text("claims:\n  - todo: x\n", encoding="utf-8")
    out = _suggest(real_data, capsys)
    assert not any("actors analysts" in x for x in out), out
    assert any(
        x.startswith("1 paragraph fits topic 'russia-china-cooperation'") and "¶6" in x for x in out
    ), out
