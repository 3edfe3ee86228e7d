"""What the theme (Material for MkDocs) puts on the site besides the pages."""

from __future__ import annotations

from pathlib import Path

import material


def theme_folders() -> list[str]:
    """The folders Material writes beside the pages (assets/, ...): no record page may take one."""
    templates = Path(material.__file__).parent / "templates"
    return sorted(entry.name for entry in templates.iterdir() if entry.is_dir())
