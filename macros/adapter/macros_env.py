"""The mkdocs-macros adapter (mkdocs.yml names this file as its module_name, which it loads by
path, leaving sys.path alone): loads the fact base and registers the renderers as macros.

Nothing is rendered here; see macros/render/. A hand-written page is one line, e.g.
`{{ glossary_page() }}`. Pages generated from records call the same renderers from the plugin
(macros/adapter/plugin.py), without a Jinja pass. The fact base is the plugin's (loaded once per
change, whichever asks first).
"""

from __future__ import annotations

from pathlib import Path

from macros.adapter import site_pages
from macros.adapter.site_pages import RECORD_PAGES, prose_text
from macros.render import pages
from macros.render.view import View
from macros.routes.site_map import PROSE_PAGES


def define_env(env) -> None:

    plugin = env.conf["plugins"]["briefing"]
    try:
        fb = plugin.fact_base(env.conf)
    except site_pages.DataProblems:
        if plugin.serving:
            return  # the plugin serves a page listing the problems; no macro is rendered
        raise
    lang = env.conf["theme"]["language"]
    docs = Path(env.conf["docs_dir"])

    def view() -> View:
        return site_pages.view(fb, env.conf, env.page.url, plugin.fact_bases.drawn(fb))

    for render in (pages.home, pages.data_page):
        env.macro(_page(render, view), render.__name__)
    for render, _ in pages.INDEXES.values():
        env.macro(_index_page(render, view), render.__name__)
    for render, _ in RECORD_PAGES.values():
        env.macro(_record_page(render, view), render.__name__)

    def prose(name: str) -> str:
        # Only the pages whose HTML the hook sanitises may show contributors' prose.
        page = env.page.file.src_uri
        if page not in PROSE_PAGES:
            raise ValueError(
                f"docs/{page}: prose() is only allowed on the pages in macros/routes/site_map.py "
                "PROSE_PAGES, whose HTML is sanitised"
            )
        return prose_text(docs, name, lang)

    env.macro(prose, "prose")


def _page(render, view):
    return lambda: render(view())


def _index_page(render, view):
    return lambda page=1: render(view(), page)


def _record_page(render, view):
    return lambda record_id: render(view(), record_id)
