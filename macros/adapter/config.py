"""The plugin's options (mkdocs.yml, `plugins: - briefing: {...}`), typed.

- `languages`: the site's languages, first the one mkdocs.yml builds at the root; each other
  language `xx` is built from `mkdocs.xx.yml` beside it (which INHERITs mkdocs.yml and sets
  `theme.language: xx`) into `xx/` of the site. The data's languages are declared in the models;
  this list says which of them the site publishes, and where.
- `public_api_only`: take the public path for every shortcut into another project's internals
  (adapter/compat/); the environment variable BRIEFING_PUBLIC_ONLY=1 does the same.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c

from macros.facts.models import SITE_LANGUAGES


class BriefingConfig(base.Config):
    # By default every language the data is written in (declared once, in the models).
    languages = c.ListOfItems(c.Type(str), default=list(SITE_LANGUAGES))
    public_api_only = c.Type(bool, default=False)

    def validate(self):
        failed, warnings = super().validate()
        languages = self.get("languages") or []
        if not failed:
            if not languages:
                failed.append(("languages", c.ValidationError("name at least one language")))
            elif len(set(languages)) != len(languages):
                failed.append(("languages", c.ValidationError("a language is named twice")))
            elif any(not lang.isalpha() or not lang.islower() for lang in languages):
                failed.append(
                    ("languages", c.ValidationError("give languages as codes such as 'en'"))
                )
        return failed, warnings


def config_file(main_config_file: str | Path, languages: list[str], lang: str) -> Path:
    """The config file that builds `lang`: mkdocs.yml for the first, mkdocs.<lang>.yml beside
    it for the others."""
    main = Path(main_config_file)
    if lang == languages[0]:
        return main
    return main.with_name(f"{main.stem}.{lang}{main.suffix}")


def root(languages: list[str], lang: str) -> str:
    """Where a language's site lives inside the site: '' for the first, '<lang>/' otherwise."""
    return "" if lang == languages[0] else f"{lang}/"
