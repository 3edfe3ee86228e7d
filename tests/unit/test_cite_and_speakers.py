"""Who speaks, said the same way wherever a claim is cited (issue 22, second reader, findings 8
and 16): a publisher's own words around a piece are cited as its note, not as reported by the
author; reported speech names the reporting author on the figures page as on the home page."""

from __future__ import annotations

import pytest

from macros.cli.commands import main
from macros.facts import factbase
from macros.render.cite import citation_text
from macros.render.pages import figures_page, home
from macros.render.view import View
from tests.conftest import REPO, make_view


def _view(fb, lang: str) -> View:
    return make_view(fb, lang, "figures/")


@pytest.mark.parametrize(
    ("lang", "start"),
    [
        (
            "en",
            "ChinaSquare, publisher's note accompanying Pascal Coppens, "
            "“Er is geen AI-oorlog tussen China en de VS” [There is no AI war",
        ),
        ("nl", "ChinaSquare, noot van de uitgever bij Pascal Coppens, “Er is geen AI-oorlog"),
    ],
)
def test_a_publishers_own_words_are_cited_as_its_note(lang, start, real_fb):
    for claim_id in ("coppens-presents-chinas-next-miracle", "book-published-by-pelckmans-2025"):
        cite = citation_text(_view(real_fb, lang), claim_id)
        assert cite.startswith(start), cite
        assert "as reported in" not in cite and "zoals weergegeven in" not in cite


@pytest.mark.parametrize(
    ("lang", "start"),
    [
        (
            "en",
            "Jensen Huang, as reported in Pascal Coppens, ChinaSquare: "
            "“Er is geen AI-oorlog tussen China en de VS” [There is no AI war",
        ),
        ("nl", "Jensen Huang, zoals weergegeven in Pascal Coppens, ChinaSquare: “Er is geen"),
    ],
)
def test_reported_speech_is_still_cited_as_reported(lang, start, real_fb):
    cite = citation_text(_view(real_fb, lang), "huang-half-of-ai-developers-in-china")
    assert cite.startswith(start), cite


def test_the_authors_own_claim_names_author_and_publisher(real_fb):
    cite = citation_text(_view(real_fb, "en"), "no-ai-war-greatest-confusion")
    assert cite.startswith(
        "Pascal Coppens, ChinaSquare: “Er is geen AI-oorlog tussen China en de VS” "
        "[There is no AI war"
    ), cite


@pytest.mark.parametrize(
    ("lang", "as_reported"), [("en", "as reported by"), ("nl", "zoals weergegeven door")]
)
def test_figures_page_names_the_reporter_of_reported_speech_like_the_home_page(
    lang, as_reported, real_fb, view
):
    v = _view(real_fb, lang)
    page = figures_page(v)
    row = page[page.index("huang-half-of-ai-developers-in-china") :]
    row = row[: row.index("</tr>")]
    assert f"Jensen Huang</a>, {as_reported} <a" in row, row
    assert ">Pascal Coppens</a>" in row
    # The author's own figure names no reporter.
    own = page[page.index("over-500-million-chinese-use-local-llm") :]
    assert as_reported not in own[: own.index("</tr>")]
    assert f"Jensen Huang</a>, {as_reported} <a" in home(view(real_fb, lang, ""))


def test_a_term_inside_a_compound_word_is_not_linked(real_fb, view):
    from macros.render.glossary import glossed

    v = view(real_fb, "nl", "briefings/x/")
    out = str(glossed(v, "Rusland zoekt AI-samenwerking met China; AI helpt, en AI-chips ook."))
    assert "</span>-samenwerking" not in out and "AI-samenwerking" in out
    assert ">AI</a></span> helpt" in out
    assert ">AI-chips</a>" in out  # a term that is the whole compound still links
    assert out.count('class="gloss"') == 2
    # Only a compound is skipped: a term after a dash of its own, or ending a sentence, links.
    assert 'class="gloss"' in str(glossed(v, "Een model – AI – werkt."))
    assert 'class="gloss"' in str(glossed(v, "Het gaat om AI."))


@pytest.mark.parametrize(
    ("lang", "start"),
    [
        ("en", "Russia and China, as reported in "),
        ("nl", "Rusland en China, zoals weergegeven in "),
    ],
)
def test_a_joint_statement_cites_every_speaker(tmp_path, lang, start):
    import shutil

    from tests.conftest import FIXTURE

    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    third = REPO / "tests/fixtures/third-source"
    # Archived as a contributor archives it (hard wraps undone), then the finished records.
    args = ["--data", str(data), "new-source", "accord-ia", "--text", str(third / "article.txt")]
    assert main([*args, "--language", "fr"]) == 0
    for rel in ("sources/accord-ia.yml", "claims/accord-ia.yml"):
        shutil.copy(third / rel, data / rel)
    fb = factbase.load(data)
    assert fb.speakers("no-third-country-targeted") == ["russia", "china"]
    cite = citation_text(make_view(fb, lang, ""), "no-third-country-targeted")
    assert cite.startswith(start), cite


@pytest.mark.parametrize(("lang", "path"), [("en", " sources/"), ("nl", " nl/sources/")])
def test_the_citation_without_site_url_gives_the_path_in_its_language(lang, path, real_fb):
    cite = citation_text(_view(real_fb, lang), "no-ai-war-greatest-confusion")
    assert f"{path}coppens-no-ai-war/#no-ai-war-greatest-confusion " in cite, cite


@pytest.mark.parametrize(
    ("lang", "claim_id", "title"),
    [
        # The published title in quotation marks, the site's translation in square brackets.
        (
            "en",
            "no-ai-war-greatest-confusion",
            ": “Er is geen AI-oorlog tussen China en de VS” [There is no AI war between China and "
            "the US], ",
        ),
        ("nl", "no-ai-war-greatest-confusion", ": “Er is geen AI-oorlog tussen China en de VS”, "),
        # An editorial title (the article has none) is never shown as if it were published.
        ("en", "us-weighs-new-chip-export-curbs", "[Russia seeks AI cooperation with China], "),
        ("nl", "us-weighs-new-chip-export-curbs", "[Rusland zoekt AI-samenwerking met China], "),
    ],
)
def test_only_a_published_title_is_cited_in_quotation_marks(real_fb, lang, claim_id, title):
    cite = citation_text(_view(real_fb, lang), claim_id)
    assert title in cite, cite
    assert "“Russia seeks" not in cite and "“Rusland zoekt" not in cite
    assert "“There is no" not in cite


def test_a_short_citation_keeps_a_surname_s_particle(real_fb, view):
    # "Anna de Vries" is cited "de Vries" (Dutch: "De Vries"), not "Vries".
    import copy

    from macros.facts import models
    from macros.render.claims import source_label

    fb = copy.copy(real_fb)
    fb.actors = dict(real_fb.actors)
    fb.actors["pascal-coppens"] = real_fb.actors["pascal-coppens"].model_copy(
        update={"name": models.Text(en="Anna de Vries", nl="Anna de Vries")}
    )
    for lang, shown in (("en", "de Vries"), ("nl", "De Vries")):
        assert source_label(view(fb, lang), "coppens-no-ai-war") == shown
