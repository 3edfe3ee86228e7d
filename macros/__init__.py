"""mkdocs-macros adapter: loads the fact base and registers the renderers as macros.

Nothing is rendered here; see macros/render/. A page is one line, e.g. `{{ actor_page("russia") }}`.
"""

from __future__ import annotations

from pathlib import Path


def define_env(env) -> None:
    from .render import pages
    from .render.claims import View
    from .render.html import Linker
    from .site import data_dir, fact_base, prose_text

    fb = fact_base(data_dir(env.conf))
    lang = env.conf["theme"]["language"]
    docs = Path(env.conf["docs_dir"])

    def view() -> View:
        return View(fb, lang, Linker(env.page.url))

    for name in (
        "home",
        "briefings_index",
        "timeline_page",
        "comparisons_index",
        "actors_index",
        "sources_index",
        "figures_page",
        "questions_page",
        "glossary_page",
        "data_page",
    ):
        env.macro(_page(getattr(pages, name), view), name)
    for name in ("topic_page", "actor_page", "source_page", "comparison_page"):
        env.macro(_record_page(getattr(pages, name), view), name)
    env.macro(lambda name: prose_text(docs, name, lang), "prose")


def _page(render, view):
    return lambda: render(view())


def _record_page(render, view):
    return lambda record_id: render(view(), record_id)
