"""What the theme (Material for MkDocs) puts on the site besides the pages."""

from __future__ import annotations

from pathlib import Path

import material

from macros.render.labels import word

# The theme's own words that Material does not translate (overrides/404.html and the footer).
OVERRIDE_WORDS = (
    "not_found_title",
    "not_found_text",
    "footer_licence",
    "footer_source",
    "suggest_correction",
)


def theme_folders() -> list[str]:
    """The folders Material writes beside the pages (assets/, ...): no record page may take one."""
    templates = Path(material.__file__).parent / "templates"
    return sorted(entry.name for entry in templates.iterdir() if entry.is_dir())


def override_words(lang: str) -> dict[str, str]:
    """The words overrides/ shows, in one language, from the catalogs (`extra.briefing_words`)."""
    return {key: word(lang, key) for key in OVERRIDE_WORDS}
