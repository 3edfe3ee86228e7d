"""MkDocs hooks: generate a page per record, point "edit" at the data behind each page, publish
the downloads, and build the Dutch site beside the English one (in a second process).

MkDocs loads this file by path, outside the package, hence the import path set-up.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

_REPO = Path(__file__).resolve().parents[2]


def _import_project_macros() -> None:
    """Import the `macros` package beside this file, without putting the project on sys.path:
    there, every file at the project's root would shadow the module of the same name (a
    `yaml.py` would be imported in place of PyYAML)."""
    loaded = sys.modules.get("macros")
    if loaded is not None and Path(loaded.__file__).resolve().parent == _REPO / "macros":
        return
    for name in [n for n in sys.modules if n == "macros" or n.startswith("macros.")]:
        del sys.modules[name]  # another project's copy: none of it may stay
    spec = importlib.util.spec_from_file_location(
        "macros",
        _REPO / "macros" / "__init__.py",
        submodule_search_locations=[str(_REPO / "macros")],
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["macros"] = module
    spec.loader.exec_module(module)


_worker_path: Path | None = None


def _share_with_workers() -> None:
    """Let the page audit's worker process (spawned: it copies our sys.path) import `macros`
    too, through a folder that holds nothing but a link to it, put last on the path so that it
    can shadow nothing. Checked at every build: the macros plugin rewrites sys.path."""
    global _worker_path
    if _worker_path is None:
        _worker_path = Path(tempfile.mkdtemp(prefix="briefing-macros-path-"))
        (_worker_path / "macros").symlink_to(_REPO / "macros", target_is_directory=True)
        atexit.register(shutil.rmtree, _worker_path, ignore_errors=True)
    if str(_worker_path) not in sys.path:
        sys.path.append(str(_worker_path))


_import_project_macros()

from macros.adapter import site_pages  # noqa: E402
from macros.adapter.build import parallel, staging  # noqa: E402
from macros.adapter.compat import markdown_stash, search_parser  # noqa: E402
from macros.adapter.serve import incremental  # noqa: E402
from macros.facts import schema  # noqa: E402
from macros.outputs import downloads, open_data, search_index  # noqa: E402
from macros.render import claims, glossary  # noqa: E402
from macros.routes import site_map  # noqa: E402
from macros.safety import page_audit, prose  # noqa: E402


def _is_main_build(config) -> bool:
    # The English build is the one MkDocs runs; it builds the Dutch one itself.
    return config["theme"]["language"] == "en"


_last_config = None  # on_build_error and on_shutdown are not given the config
_problems: list | None = None  # while serving: why the data did not load


def on_startup(command, dirty):
    site_pages.serving = command == "serve"
    if site_pages.serving:
        incremental.install()
        staging.remove_in_background = True


# Before mkdocs-macros (priority 0) imports the macros: it runs a macros.py beside the macros/
# package in place of the package, whatever sys.path says.
@event_priority(100)
def on_config(config):
    global _last_config
    shadow = Path(config["config_file_path"]).parent / "macros.py"
    if shadow.exists():
        raise PluginError(
            f"{shadow.name}: mkdocs-macros would run it in place of macros/; remove it"
        )
    site_pages.refuse_symlinks(config)
    site_pages.refuse_reserved(config)
    if not _is_main_build(config) and config["site_url"]:
        # The Dutch pages live under nl/: their canonical addresses and sitemap say so.
        config["site_url"] = config["site_url"].rstrip("/").removesuffix("/nl") + "/nl/"
    if _is_main_build(config):
        staging.stage(config)
        _last_config = config
    config["markdown_extensions"].append(markdown_stash.StashBlocks())
    search_parser.install()
    return config


_fb = None  # the fact base of the build under way: looked up once, not once per page
_generated: dict[str, tuple] = {}  # src_uri -> (renderer, argument) of the pages we generate
_rendered: set[str] = (
    set()
)  # the pages whose Markdown is all a renderer's (macros/markdown_stash.py)


def on_files(files, config):
    global _fb, _generated, _problems
    _problems = None
    if _is_main_build(config) and not site_pages.serving:
        parallel.start(config)  # MkDocs has just emptied the site folder: nl/ is free to fill
    try:
        _fb = fb = site_pages.fact_base(
            site_pages.data_dir(config), site_pages.project_reserved(config)
        )
    except site_pages.DataProblems as exc:
        if not site_pages.serving:
            raise
        parallel.stop()  # the error page stands for both languages
        incremental.forget()  # and the next build starts from nothing
        _fb, _generated, _problems = None, {}, exc.problems
        return _error_files(files, config)
    # Prose is checked here, where a PluginError is a plain message; inside a macro,
    # mkdocs-macros would print it with a traceback.
    for page in site_map.PROSE_PAGES:
        site_pages.prose_text(
            Path(config["docs_dir"]), page.removesuffix(".md"), config["theme"]["language"]
        )
    _generated = site_pages.generated_pages(fb, site_pages.page_size(config))
    _rendered.clear()
    for src_uri in _generated:
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, content=site_pages.GENERATED_SOURCE))
    if site_pages.serving:
        incremental.begin(config, fb, files, _generated)
    return files


_nav = None


def on_nav(nav, config, files):
    global _nav
    _nav = nav
    return nav


def on_pre_page(page, config, files):
    incremental.page_begin(config)
    return page


def _error_files(files, config):
    """The site while its data is broken: one page listing the problems, the theme's assets."""
    for file in list(files.documentation_pages()):
        files.remove(file)
    page = site_pages.GENERATED_SOURCE + site_pages.error_page(
        _problems, config["theme"]["language"]
    )
    files.append(File.generated(config, "index.md", content=page))
    config["nav"] = ["index.md"]
    return files


def on_page_markdown(markdown, page, config, files):
    generated = bool(page.file.generated_by) and page.file.src_uri in _generated
    if generated:
        render, argument = _generated[page.file.src_uri]
        markdown = render(site_pages.view(_fb, config, page.url), argument)
    rendered = generated or markdown_stash.renderer_stub(page.file)
    if rendered:
        _rendered.add(page.file.src_uri)
    markdown_stash.expect_generated(rendered)
    markdown = glossary.first_per_page(markdown)
    markdown = claims.one_preview_per_claim(markdown)
    # For the benchmark's plain-MkDocs floor: keep every page as rendered (see macros/bench.py).
    dump = os.environ.get("BRIEFING_DUMP_MARKDOWN")
    if dump:
        target = Path(dump) / config["theme"]["language"] / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    return markdown


def on_page_content(html, page, config, files):
    incremental.page_pause(page, config)
    if page.file.src_uri in _rendered and page.present_anchor_ids is not None:
        page.present_anchor_ids |= (
            markdown_stash.anchor_ids
        )  # what MkDocs' skipped parse would find
    # Prose pages are contributors' Markdown: only what the allowlist keeps reaches the page.
    if page.file.src_uri not in site_map.PROSE_PAGES:
        return html
    try:
        prose.check_toc(page.toc)
    except prose.UnsafeHeading as exc:
        where = site_pages.data_file_of(_fb, page.file.src_uri, config["theme"]["language"])
        raise PluginError(f"{where}: {exc}") from None
    return prose.clean(html)


def on_pre_build(config):
    global _auditor, _themes
    _share_with_workers()
    _auditor = page_audit.Auditor()
    _themes = {}


# The audit (macros/page_audit.py): every page is checked as it is written, both languages and
# `mkdocs serve` included; the build fails after the last page, naming every page that failed.
_auditor = page_audit.Auditor()
_themes: dict[str, page_audit.Theme] = {}  # base_url -> what the theme writes on such a page
_env = None
_template_base_url: dict[str, str] = {}


def _theme(config, base_url: str) -> page_audit.Theme:
    themes = incremental.theme_cache(config)  # while serving: kept until the theme changes
    if themes is None:
        themes = _themes
    theme = themes.get(base_url)
    if theme is None:
        scripts = page_audit.theme_scripts(_env, config, base_url)
        theme = themes[base_url] = page_audit.Theme(base_url, scripts, page_audit.policy(scripts))
    return theme


def on_env(env, config, files):
    global _env
    _env = env  # the theme's templates, for its inline scripts
    if site_pages.serving:  # templates compiled once, not at every rebuild
        env.bytecode_cache = incremental.BYTECODE
    incremental.check_nav(config, _nav, files)
    return env


def _audit(config, output: str, base_url: str, url: str, data_file: str | None) -> str:
    theme = _theme(config, base_url)
    output = page_audit.with_policy(output, theme.policy)
    root = "nl/" if config["theme"]["language"] == "nl" else ""
    where = f"/{root}{url}" + (f" (from {data_file})" if data_file else "")
    _auditor.add(where, output, theme)
    return output


def on_post_page(output, page, config):
    if config["site_url"]:
        output = open_data.without_theme_hreflang(output)
    data_file = site_pages.data_file_of(_fb, page.file.src_uri, config["theme"]["language"])
    output = _audit(config, output, get_relative_url(".", page.url), page.url, data_file)
    incremental.page_end(page, config)
    return output


def on_template_context(context, template_name, config):
    _template_base_url[template_name] = context["base_url"]
    return context


def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):
        base_url = _template_base_url[template_name]
        return _audit(config, output_content, base_url, template_name, None)
    return output_content


_SHOWN_PAGES = 10


def _check_audit(config) -> None:
    failed = _auditor.failures()
    if not failed:
        return
    shown = [
        "\n".join([f"  {where}:", *(f"    {line}" for line in found)])
        for where, found in failed[:_SHOWN_PAGES]
    ]
    more = len(failed) - len(shown)
    duplicates_only = all(line.startswith("duplicate id ") for _, found in failed for line in found)
    what = (
        "an id given to more than one element (links to it would go to the first)"
        if duplicates_only
        else "markup that could run or load something in a reader's browser, or a duplicate id"
    )
    raise PluginError(
        f"{len(failed)} page(s) hold {what} (see SECURITY.md):\n"
        + "\n".join(shown)
        + (f"\n  ... and {more} more page(s)" if more else "")
    )


# Before the search plugin (priority 0) indexes the page.
@event_priority(50)
def on_page_context(context, page, config, nav):
    incremental.page_begin(config)
    search_parser.expect_generated(page.file.src_uri in _rendered)
    if _problems is not None:
        page.edit_url = None
        return context
    target = site_pages.data_file_of(_fb, page.file.src_uri, config["theme"]["language"])
    page.edit_url = edit_base(config) + target if target else None
    context["open_head"] = _open_head(page, config)
    return context


def _open_site(config, page_url: str = "") -> open_data.Site:
    lang = config["theme"]["language"]
    base = config["site_url"]
    if base and lang == "nl":
        base = base.rstrip("/").removesuffix("/nl") + "/"
    return open_data.Site(base, lang, page_url)


def _open_head(page, config):
    """JSON-LD, share cards, citation tags and feed links of a page (overrides/main.html)."""
    return open_data.head(
        _fb,
        config["site_name"],
        config["site_description"] or "",
        page.file.src_uri,
        page.url,
        page.title or config["site_name"],
        _open_site(config, page.url),
    )


def _write_open_outputs(config) -> None:
    """Feeds per language (in each language's folder) and CSL-JSON of the sources."""
    root = Path(config["site_dir"])
    site_ = _open_site(config, open_data.FEED_DIR + "/")
    authority = config["extra"]["tag_authority"]
    for name, text in open_data.feeds(
        _fb, config["site_name"], site_, authority, incremental.reuse
    ).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def on_serve(server, config, builder):
    server.watch(str(site_pages.data_dir(config)))
    server.watch(str(Path(config["config_file_path"]).parent / "macros"))
    return server


def on_post_build(config):
    _check_audit(config)
    if _problems is not None:
        # Any address the reader was on shows the problems too, and reloads with the site_pages.
        site_dir = Path(config["site_dir"])
        shutil.copy(site_dir / "index.html", site_dir / "404.html")
        staging.publish(config)
        return
    if site_pages.serving:  # the reused pages' search entries, back in their place
        incremental.search_and_state(config, _nav)
    search_index.lighten_index(Path(config["site_dir"]))  # after the search plugin wrote it
    if not config["site_url"]:
        # Without site_url MkDocs writes "None/..." as every address in the sitemap: publish
        # no sitemap rather than a wrong one.
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (Path(config["site_dir"]) / name).unlink(missing_ok=True)
    fb = _fb
    out = Path(config["site_dir"]) / "data"
    out.mkdir(parents=True, exist_ok=True)
    drawn = site_pages.drawn(fb)
    if "downloads" not in drawn:  # the same files for both languages: made once
        drawn["downloads"] = {
            "facts.json": downloads.facts_json(fb),
            "claims.csv": downloads.claims_csv(fb),
            "sources.json": open_data.csl_json(fb),
            "sources.schema.json": open_data.csl_schema(),
            **schema.schemas(),
        }
    for name, text in drawn["downloads"].items():
        (out / name).write_text(text, encoding="utf-8")
    _write_open_outputs(config)
    if _is_main_build(config):
        if site_pages.serving:
            _build_dutch(config)
        else:
            parallel.finish()
        staging.publish(config)
        target = config["extra"].get("_publish_to")
        if site_pages.serving and target and config["site_dir"] == target:
            incremental.published({"en": target, "nl": str(Path(target) / "nl")})


def _build_dutch(config) -> None:
    """While serving, the Dutch site is built here, after the English one, not in a second
    process: its incremental state (macros/incremental.py) then lives in this process, and an
    incremental build is small enough that the second core would buy little.

    MkDocs loads a hooks file once per process (an lru_cache), so the Dutch build runs this very
    module: the English build's globals are put aside and back around it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    global _last_config
    saved = {name: globals()[name] for name in _PER_BUILD}
    _last_config = None  # the Dutch build's on_shutdown must not discard the English staging

    nl = load_config(
        str(Path(config["config_file_path"]).with_name("mkdocs.nl.yml")),
        site_dir=str(Path(config["site_dir"]) / "nl"),
    )
    nl["site_url"] = config["site_url"]  # the serve address; on_config adds nl/
    staging.log.info(f"Building the Dutch site to directory: {nl['site_dir']}")
    nl.plugins.on_startup(command="serve", dirty=False)
    try:
        build(nl, serve_url=config["site_url"])
    except Exception as exc:  # noqa: BLE001 (MkDocs has printed why)
        raise PluginError(f"the Dutch site (mkdocs.nl.yml) failed to build: {exc}") from None
    finally:
        nl.plugins.on_shutdown()
        globals().update(saved)


# What one build keeps in this module's globals (see _build_dutch).
_PER_BUILD = (
    "_last_config",
    "_problems",
    "_fb",
    "_generated",
    "_nav",
    "_auditor",
    "_themes",
    "_env",
    "_template_base_url",
)


def on_build_error(error):
    parallel.stop()
    incremental.discarded()
    if _last_config is not None:
        staging.discard(_last_config)


def on_shutdown():
    # Also after mkdocs-macros' sys.exit(100) on a macro error, which skips on_build_error.
    parallel.stop()
    if _last_config is not None:
        staging.discard(_last_config)


def edit_base(config) -> str:
    """repo_url + edit_uri, Material's convention: the repository is named in one place."""
    return config["repo_url"].rstrip("/") + "/" + config["edit_uri"].strip("/") + "/"
