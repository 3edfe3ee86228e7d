"""The site's words live in gettext catalogs (macros/locale/); dates and numbers follow the
locale's rules; a third UI language needs a catalog and nothing else."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest

from macros.facts.models import Figure, Text
from macros.i18n import catalogs as i18n
from macros.render import labels
from macros.render.claims import figure_text, number
from macros.render.html import text
from tests.conftest import FIXTURE, REPO
from tests.inert import every_page

NL_PO = Path("macros/locale/nl/LC_MESSAGES/messages.po")


def _text(fragment: object) -> str:
    doc = html5lib.parseFragment(str(fragment), namespaceHTMLElements=False)
    return "".join(doc.itertext())


def _project(tmp_path: Path) -> Path:
    """A copy of the code and the small fixture data, whose `check` we can break."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "macros", root / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(FIXTURE, root / "data")
    shutil.copytree(REPO / "docs", root / "docs")
    for name in ("mkdocs.yml", "mkdocs.nl.yml"):
        shutil.copy(REPO / name, root / name)
    return root


def _check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-P", "-m", "macros", "check"],
        cwd=root,
        check=False,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_labels_py_holds_no_sentence():
    assert i18n.check() == []
    assert labels.word("nl", "date_around") == "rond {date}"
    assert labels.word("en", "date_around") == "around {date}"
    with pytest.raises(KeyError):
        labels.word("en", "no_such_word")


def _break(root: Path, old: str, new: str) -> int:
    po = root / NL_PO
    text = po.read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    po.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ('msgstr "rond {date}"', 'msgstr ""', "'date_around' is not translated"),
        (
            'msgctxt "date_around"',
            '#, fuzzy\nmsgctxt "date_around"',
            "'date_around' is marked fuzzy",
        ),
        ('msgstr "rond {date}"', 'msgstr "rond {datum}"', "must use the placeholders ['date']"),
    ],
)
def test_a_bad_translation_fails_check_with_file_and_line(tmp_path, old, new, says):
    root = _project(tmp_path)
    assert _check(root).returncode == 0
    line = _break(root, old, new)
    result = _check(root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    located = [x for x in result.stderr.splitlines() if says in x]
    assert located, result.stderr
    path, at, _ = located[0].split(":", 2)
    assert path == str(NL_PO)
    # The message's line (Babel's: its msgctxt or msgid) is within two lines of the edit.
    assert abs(int(at) - line) <= 2


def test_a_missing_entry_fails_check_naming_the_catalog_and_the_english(tmp_path):
    root = _project(tmp_path)
    po = root / NL_PO
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgctxt "date_by"\nmsgid "by {date}"\nmsgstr "uiterlijk {date}"\n', ""
        ),
        encoding="utf-8",
    )
    result = _check(root)
    assert result.returncode == 1
    assert f"{NL_PO}:1:1: no nl translation of 'date_by' ('by {{date}}', " in result.stderr
    assert "macros/locale/messages.pot:" in result.stderr


def test_update_marks_a_changed_english_word_fuzzy(tmp_path):
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    pot = locale / "messages.pot"
    pot.write_text(pot.read_text().replace('"around {date}"', '"circa {date}"'))
    assert any("now 'circa {date}'" in p for p in i18n.check(locale))
    i18n.update(locale)
    assert any("'date_around' is marked fuzzy" in p for p in i18n.check(locale))


# Every date form in both languages is proved by tests/unit/test_dates.py (Babel's month names and
# date order); here the numbers.
NUMBERS = [
    (50, "50", "50"),
    (20_000, "20,000", "20.000"),
    (1.5, "1.5", "1,5"),
    (1234.25, "1,234.25", "1.234,25"),
    (500_000_000, "500 million", "500 miljoen"),
    (1_500_000, "1.5 million", "1,5 miljoen"),
    (2_000_000_000, "2 billion", "2 miljard"),
    (1_234_567, "1,234,567", "1.234.567"),
]


@pytest.mark.parametrize(("value", "en", "nl"), NUMBERS)
def test_every_number_form_in_both_languages(value, en, nl, view):
    from macros.facts import factbase

    fb = factbase.load(FIXTURE)
    assert number(view(fb, "en", ""), value) == en
    assert number(view(fb, "nl", ""), value) == nl


def test_figures_read_naturally_in_both_languages(view):
    from macros.facts import factbase

    fb = factbase.load(FIXTURE)
    figure = Figure(
        value=500_000_000,
        unit=Text(en="users", nl="gebruikers"),
        qualifier="more-than",
        period=Text(en="per week", nl="per week"),
    )
    assert figure_text(view(fb, "en", ""), figure) == "more than 500 million users per week"
    assert figure_text(view(fb, "nl", ""), figure) == "meer dan 500 miljoen gebruikers per week"


def test_a_third_ui_language_from_a_catalog_alone(tmp_path, monkeypatch):
    """German from tests/fixtures/i18n/de/ copied next to the real catalogs: no code changes.
    The data stays bilingual, so data text (titles, claims, notes) shows in English."""
    from macros.facts import factbase

    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    shutil.copytree(Path(__file__).parents[1] / "fixtures/i18n/de", locale / "de")
    assert i18n.check(locale) == []
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    assert labels.ui_languages() == ("en", "de", "nl")
    fb = factbase.load(REPO / "data")
    rendered = dict(every_page(fb, "de"))
    assert rendered["home"].startswith("# Briefing KI\\-Geopolitik")
    assert "Zeitleiste" in rendered["timeline"]
    site = "\n".join(rendered.values())
    assert "Dezember 2025" in site  # month names and date order from Babel's de locale
    assert "500 Millionen" in site  # compact numbers too
    assert "mehr als" in site
    claim = next(iter(fb.claims.values()))
    assert str(text(claim.text["en"])) in site  # data text: English
    assert str(text(claim.text["nl"])) not in site
    for word in ("Tijdlijn", "Bronnen", "Timeline", "Sources"):
        assert f"# {word}\n" not in site
