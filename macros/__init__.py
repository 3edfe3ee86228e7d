"""mkdocs-macros adapter: loads the fact base and registers the renderers as macros.

Nothing is rendered here; see macros/render/. A hand-written page is one line, e.g.
`{{ glossary_page() }}`. Pages generated from records call the same renderers from the hook
(macros/hooks.py), without a Jinja pass.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PROJECT = Path(__file__).resolve().parent.parent


def _keep_project_off_sys_path() -> None:
    # mkdocs-macros imports this package by putting the project first on sys.path, and leaves it
    # there: every module imported later in the build (lazily, or tried as an optional import)
    # could then come from a file at the project's root, a `pydantic.py` in a pull request.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _PROJECT]


def define_env(env) -> None:
    _keep_project_off_sys_path()
    from . import site
    from .render import pages
    from .render.claims import View
    from .site import PROSE_PAGES, RECORD_PAGES, data_dir, fact_base, prose_text
    from .site import view as site_view

    try:
        fb = fact_base(data_dir(env.conf))
    except site.DataProblems:
        if site.serving:
            return  # the hook serves a page listing the problems; no macro is rendered
        raise
    lang = env.conf["theme"]["language"]
    docs = Path(env.conf["docs_dir"])

    def view() -> View:
        return site_view(fb, env.conf, env.page.url)

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
                f"docs/{page}: prose() is only allowed on the pages in macros/site.py "
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
