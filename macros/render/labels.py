"""How renderers ask for the site's own words. The words live in gettext catalogs under
macros/locale/ (macros/i18n/catalogs.py; CONTRIBUTING.md says how to translate). A missing key
fails loudly (KeyError), never blank.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from macros.i18n import catalogs as i18n

# The languages the data is written in (every `Text` has both); UI languages are the catalogs'.
LANGS = ("en", "nl")

KIND_ORDER = ("fact", "statistic", "assessment", "forecast", "opinion", "question")


def word(lang: str, key: str) -> str:
    """The word in a UI language; an untranslated one falls back to English (`check` fails on
    it), a key no catalog knows raises KeyError."""
    words = i18n.words()
    translated = words.translations.get(lang, {})
    if key in translated:
        return translated[key]
    return words.english[key]


def ui_languages() -> tuple[str, ...]:
    return i18n.words().languages


def locale_of(lang: str) -> str:
    """The Babel locale whose rules format dates and numbers ("en_GB" for the English site)."""
    return i18n.words().locales.get(lang, lang)


def qualifier(lang: str, q: str) -> str:
    return (
        word(
            lang,
            {
                "more-than": "more_than",
                "about": "about_q",
                "at-least": "at_least",
                "fewer-than": "fewer_than",
                "up-to": "up_to",
            }[q],
        )
        if q != "exact"
        else ""
    )


@cache
def script_name(lang: str, code: str) -> str:
    """The name of a script (ISO 15924) in the site's language, from Babel ("Cyrillisch")."""
    return Locale(lang).scripts[code]


def language_name(lang: str, code: str) -> str:
    """The name of a language in the site's language, from Babel's locale data ("Frans")."""
    return Locale(lang).languages[code]
