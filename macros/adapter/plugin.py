"""The MkDocs plugin (`plugins: - briefing` in mkdocs.yml, found through the entry point in
pyproject.toml): generate a page per record, point "edit" at the data behind each page, audit
every page, publish the downloads, and build the site's other languages beside the first.

State lives on the instance: MkDocs keeps one instance per process (across `mkdocs serve`
rebuilds, and for the other languages' configs loaded in the same process), so what one
language's build holds is kept per language (`_Build`), and what outlives a build (the fact
base, the incremental state, the staging) on the plugin itself.

Every reach into another project's internals is in adapter/compat/, taken only where its
versions were verified and `public_api_only` is off.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from macros.adapter import compat, site_pages, theme
from macros.adapter.build import budget
from macros.adapter.build.parallel import Children
from macros.adapter.build.staging import Staging, WarningCount
from macros.adapter.compat import child_processes
from macros.adapter.compat.markdown_stash import StashBlocks, renderer_stub
from macros.adapter.compat.search_parser import Indexing
from macros.adapter.compat.theme_scripts import theme_scripts
from macros.adapter.config import BriefingConfig, config_file, root
from macros.adapter.serve import address as serve_address
from macros.adapter.serve import quiet
from macros.adapter.serve.incremental import Incremental
from macros.adapter.serve.incremental import reuse as serve_reuse
from macros.facts import schema, terminal
from macros.outputs import downloads, open_data, page_meta, search_index
from macros.render import claims, glossary
from macros.render.html import word_gaps
from macros.render.labels import word
from macros.routes import site_map
from macros.safety import page_audit, prose

log = logging.getLogger("mkdocs.plugins.briefing")

_SHOWN_PAGES = 10
_SHOWN_PROBLEMS = 50  # in the terminal; the page lists every one


@dataclass
class _Build:
    """What one language's build under way holds."""

    config: object
    lang: str
    root: str  # where this language lives in the site: '' or '<lang>/'
    stash: StashBlocks | None
    problems: list | None = None  # while serving: why the data did not load
    fb: object = None  # the fact base: looked up once, not once per page
    generated: dict = field(default_factory=dict)  # src_uri -> (renderer, arguments)
    rendered: set = field(default_factory=set)  # the pages whose Markdown is all a renderer's
    nav: object = None
    auditor: page_audit.Auditor | None = None
    themes: dict = field(default_factory=dict)  # base_url -> what the theme writes there
    env: object = None  # the theme's templates, for its inline scripts
    template_base_url: dict = field(default_factory=dict)
    publish_to: str | None = None  # the first language: where the staged site goes
    warnings: WarningCount | None = None  # the first language, strict: MkDocs' abort ahead
    largest: tuple | None = None  # (bytes, url, data file) of the largest page written
    written: int = 0  # bytes of the pages written so far
    converted: int = 0  # pages whose Markdown is converted so far
    pages: int = 0


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.fact_bases = site_pages.FactBases()
        self.staging = Staging()
        self.children = Children()
        self.indexing = Indexing()
        self.incremental: Incremental | None = None  # while serving
        self.builds: dict[str, _Build] = {}  # by language: the builds under way
        self.main: _Build | None = None  # the first language's build (staged, published)
        self.choice: compat.Choice | None = None
        self._warned: str | None = None
        self.addresses: dict[str, set[str]] = {}  # while serving: pages by language
        self.search_memos: dict[str, search_index.Memo] = {}  # while serving: by language

    # -- what the other modules ask ----------------------------------------------------------

    @property
    def languages(self) -> list[str]:
        return list(self.config.languages)

    def is_main(self, config) -> bool:
        return config["theme"]["language"] == self.languages[0]

    def fact_base(self, config):
        """The fact base of this project's data/ (loaded once per change); raises DataProblems."""
        return self.fact_bases.get(site_pages.data_dir(config), site_pages.project_reserved(config))

    def _choose(self) -> compat.Choice:
        public = self.config.public_api_only or compat.public_only_env()
        choice = compat.choose(public)
        if choice.warning and choice.warning != self._warned:
            compat.log.warning(choice.warning)  # one line, once per process and cause
            self._warned = choice.warning
        self.choice = choice
        return choice

    # -- events --------------------------------------------------------------------------------

    def on_startup(self, *, command, dirty):
        # No contributor byte reaches the terminal or the CI log raw: MkDocs quotes prose link
        # targets in its log lines, Markdown its warnings (macros/facts/terminal.py).
        terminal.install()
        self.serving = command == "serve"
        if self.serving:
            self.staging.remove_in_background = True
            serve_address.stop_like_ctrl_c()
            quiet.quiet_macros()

    # Before mkdocs-macros (priority 0) imports the macros: it runs a macros.py beside the
    # macros/ package in place of the package, whatever sys.path says. First of all on_config
    # handlers, so that the warning count starts where MkDocs' own does.
    @event_priority(100)
    def on_config(self, config):
        terminal.install()  # also when on_startup did not run (a build driven from Python)
        shadow = Path(config["config_file_path"]).parent / "macros.py"
        if shadow.exists():
            raise PluginError(
                f"{shadow.name}: mkdocs-macros would run it in place of macros/; remove it"
            )
        lang = config["theme"]["language"]
        if lang not in self.languages:
            raise PluginError(
                f"{config['config_file_path']}: theme.language {lang!r} is not one of the "
                f"briefing plugin's languages {self.languages}"
            )
        # The theme's own words that Material does not translate: heading anchors' title, the
        # 404 page and the footer (overrides/), from the catalogs.
        toc = config["mdx_configs"].setdefault("toc", {})
        toc["permalink_title"] = word(lang, "permalink_title")
        config["extra"]["briefing_words"] = theme.override_words(lang)
        choice = self._choose()
        site_pages.refuse_symlinks(config)
        main = self.is_main(config)
        site_pages.refuse_reserved(config, self.languages[1:] if main else ())
        here = root(self.languages, lang)
        if here and config["site_url"]:
            # This language's pages live under <lang>/: their canonical addresses and sitemap
            # say so.
            base = config["site_url"].rstrip("/").removesuffix(f"/{lang}")
            config["site_url"] = f"{base}/{here}"
        # Where this language's home page is, for the pages whose links are not relative (404).
        config["extra"]["briefing_home"] = config["site_url"] or f"/{here}"
        if config["site_url"]:
            # Every language's root, for the hreflang twins in the sitemap (overrides/).
            site = config["site_url"].rstrip("/").removesuffix(f"/{here.rstrip('/')}")
            config["extra"]["briefing_roots"] = [
                {"lang": x, "url": f"{site}/{root(self.languages, x)}"} for x in self.languages
            ]
        stash = StashBlocks() if "markdown_stash" in choice else None
        build = self.builds[lang] = _Build(config, lang, here, stash)
        if main:
            self.main = build
            if config["strict"]:
                build.warnings = WarningCount().attach()
            build.publish_to = self.staging.stage(config)
            if self.serving:
                self._serve_shortcuts(config, choice)
        if stash is not None:
            config["markdown_extensions"].append(stash)
        if "search_parser" in choice:
            self.indexing.install()
        else:
            self.indexing.uninstall()
        return config

    def _serve_shortcuts(self, config, choice) -> None:
        if self.incremental is None:
            main = config["config_file_path"]
            files = [config_file(main, self.languages, lang) for lang in self.languages]
            self.incremental = Incremental([f.resolve() for f in files], self.fact_bases)
        steps = "serve_reuse" in choice
        walk = "theme_files_once" in choice
        self.incremental.install(steps=steps, walk=walk)

    def _build_of(self, config) -> _Build:
        return self.builds[config["theme"]["language"]]

    def _reusing(self) -> bool:
        return self.incremental is not None and self.incremental.reusing

    def on_pre_build(self, config):
        build = self._build_of(config)
        build.auditor = page_audit.Auditor()
        build.themes = {}

    def on_files(self, files, config):
        build = self._build_of(config)
        build.problems = None
        if self.is_main(config) and not self.serving:
            # MkDocs has just emptied the site folder: <lang>/ is free to fill.
            for lang in self.languages[1:]:
                self.children.start(config, lang, *self._other_site(config, lang))
        try:
            build.fb = fb = self.fact_base(config)
        except site_pages.DataProblems as exc:
            if not self.serving:
                raise
            self.children.stop()  # the error page stands for every language
            if self.incremental is not None:
                self.incremental.forget()  # and the next build starts from nothing
            build.fb, build.generated, build.problems = None, {}, exc.problems
            if self.is_main(config):
                _say_problems(exc.problems)
            return self._error_files(files, config, build)
        if self.serving and self.is_main(config):
            _say_warnings(fb.check_warnings())
        # Prose is checked here, where a PluginError is a plain message; inside a macro,
        # mkdocs-macros would print it with a traceback.
        site_pages.refuse_stray_prose(Path(config["docs_dir"]), self.languages)
        for page in site_map.PROSE_PAGES:
            site_pages.prose_text(Path(config["docs_dir"]), page.removesuffix(".md"), build.lang)
        build.generated = site_pages.generated_pages(fb, site_pages.page_size(config), build.lang)
        build.rendered = set()
        for src_uri in build.generated:
            if files.get_file_from_path(src_uri) is None:
                source = site_pages.generated_source(src_uri)
                files.append(File.generated(config, src_uri, content=source))
        if self._reusing():
            self.incremental.begin(config, fb, files, build.generated)
        if self.serving:  # the addresses the error page takes over if the data breaks
            self.addresses[build.lang] = {f.src_uri for f in files.documentation_pages()}
        return files

    def on_nav(self, nav, config, files):
        self._build_of(config).nav = nav
        return nav

    def on_pre_page(self, page, config, files):
        if self.incremental is not None:
            self.incremental.page_begin(config)
        return page

    def _error_files(self, files, config, build: _Build):
        """The site while its data is broken: the page listing the problems at every address a
        reader may be on (every page of docs/ and every page of the last good build, in this
        language; any other address gets it as the 404 page), with the theme's assets. Each
        reloads by itself when the data is good again."""
        addresses = {f.src_uri for f in files.documentation_pages()}
        addresses |= self.addresses.get(build.lang, set())
        for file in list(files.documentation_pages()):
            files.remove(file)
        page = site_pages.GENERATED_SOURCE + site_pages.error_page(build.problems, build.lang)
        for src_uri in sorted(addresses | {"index.md"}):
            files.append(File.generated(config, src_uri, content=page))
        config["nav"] = ["index.md"]
        return files

    def on_page_markdown(self, markdown, page, config, files):
        build = self._build_of(config)
        generated = bool(page.file.generated_by) and page.file.src_uri in build.generated
        if generated:
            render, arguments = build.generated[page.file.src_uri]
            drawn = self.fact_bases.drawn(build.fb)
            markdown = render(site_pages.view(build.fb, config, page.url, drawn), *arguments)
        rendered = generated or renderer_stub(page.file)
        if page.file.src_uri == "index.md":
            # The home page is read in a minute: no table of contents beside it (Material's
            # `hide`; docs/index.md stays a single renderer call, see compat/markdown_stash.py).
            page.meta.setdefault("hide", ["toc"])
        if rendered:
            build.rendered.add(page.file.src_uri)
        if build.stash is not None:
            build.stash.expect_generated(rendered)
        markdown = glossary.first_per_page(markdown)
        markdown = claims.one_preview_per_claim(markdown)
        # For the benchmark's plain-MkDocs floor: keep every page as rendered (macros/cli/bench.py).
        dump = os.environ.get("BRIEFING_DUMP_MARKDOWN")
        if dump:
            target = Path(dump) / build.lang / page.file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
        return markdown

    def on_page_content(self, html, page, config, files):
        build = self._build_of(config)
        build.converted += 1
        if not self.serving and build.fb is not None and build.converted % budget.MEMORY_EVERY == 0:
            # MkDocs converts every page before it writes one: the memory budget is watched
            # here too (titles cited by hundreds of briefings held 5.6 GB before the first page
            # was written).
            budget.check_memory(build.largest, records=sum(build.fb.counts().values()))
        if self.incremental is not None:
            self.incremental.page_pause(page, config)
        if build.stash is not None and page.file.src_uri in build.rendered:
            build.stash.complete_anchor_ids(page)  # what MkDocs' skipped parse would find
        # Prose pages are contributors' Markdown: only what the allowlist keeps reaches the page.
        if page.file.src_uri not in site_map.PROSE_PAGES:
            # Words kept apart for search (render/html.py: word_gaps).
            return word_gaps(html)
        try:
            prose.check_toc(page.toc)
        except prose.UnsafeHeading as exc:
            where = site_pages.data_file_of(build.fb, page.file.src_uri, build.lang)
            raise PluginError(f"{where}: {exc}") from None
        return prose.clean(html, page.url.count("/"))

    def _theme(self, build: _Build, config, base_url: str) -> page_audit.Theme:
        themes = None
        if self.incremental is not None:  # while serving: kept until the theme changes
            themes = self.incremental.theme_cache(config)
        if themes is None:
            themes = build.themes
        theme = themes.get(base_url)
        if theme is None:
            scripts = theme_scripts(build.env, config, base_url)
            theme = themes[base_url] = page_audit.Theme(
                base_url, scripts, page_audit.policy(scripts)
            )
        return theme

    def on_env(self, env, config, files):
        build = self._build_of(config)
        build.env = env  # the theme's templates, for its inline scripts
        if self.incremental is not None:  # templates compiled once, not at every rebuild
            env.bytecode_cache = self.incremental.bytecode
            self.incremental.check_nav(config, build.nav, files)
        return env

    def _audit(self, build: _Build, output: str, base_url: str, url: str, data_file) -> str:
        theme = self._theme(build, build.config, base_url)
        output = page_audit.with_policy(output, theme.policy)
        where = f"/{build.root}{url}" + (f" (from {data_file})" if data_file else "")
        build.auditor.add(where, output, theme)
        return output

    def on_post_page(self, output, page, config):
        build = self._build_of(config)
        if config["site_url"]:
            output = open_data.without_theme_hreflang(output)
        data_file = site_pages.data_file_of(build.fb, page.file.src_uri, build.lang)
        # What the build makes is held to a budget too, not only what it reads: the message names
        # the data file behind the page (macros/adapter/build/budget.py).
        size = len(output.encode("utf-8", "replace"))
        budget.check_page(build.root + page.url, data_file, size)
        if build.largest is None or size > build.largest[0]:
            build.largest = (size, build.root + page.url, data_file)
        build.written, build.pages = build.written + size, build.pages + 1
        if not self.serving and build.fb is not None:
            # The site and memory budgets are also watched as the pages are written, so that a
            # build over them stops there instead of after every page (an unforeseen fan-out
            # took 69 s and 4 GB before the check at the end refused it).
            budget.check_growing(build.written, build.pages, build.largest, build.fb.counts())
        output = self._audit(build, output, get_relative_url(".", page.url), page.url, data_file)
        if self.incremental is not None:
            self.incremental.page_end(page, config)
        return output

    def on_template_context(self, context, template_name, config):
        self._build_of(config).template_base_url[template_name] = context["base_url"]
        return context

    def on_post_template(self, output_content, template_name, config):
        if template_name.endswith(".html"):
            build = self._build_of(config)
            base_url = build.template_base_url[template_name]
            return self._audit(build, output_content, base_url, template_name, None)
        return output_content

    def _check_audit(self, build: _Build) -> None:
        failed = build.auditor.failures()
        if not failed:
            return
        shown = [
            "\n".join([f"  {where}:", *(f"    {line}" for line in found)])
            for where, found in failed[:_SHOWN_PAGES]
        ]
        more = len(failed) - len(shown)
        duplicates_only = all(
            line.startswith("duplicate id ") for _, found in failed for line in found
        )
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
    def on_page_context(self, context, page, config, nav):
        build = self._build_of(config)
        if self.incremental is not None:
            self.incremental.page_begin(config)
        self.indexing.expect_generated(page.file.src_uri in build.rendered)
        if build.problems is not None:
            page.edit_url = None
            return context
        target = site_pages.data_file_of(build.fb, page.file.src_uri, build.lang)
        page.edit_url = edit_base(config) + target if target else None
        context["open_head"] = self._open_head(build, page, config)
        # The theme writes <meta name="description"> from the page's meta, unescaped: escaped
        # here, once.
        page.meta["description"] = escape(
            page_meta.description(
                build.fb, page.file.src_uri, build.lang, config["site_description"] or ""
            )
        )
        return context

    def _open_site(self, build: _Build, config, page_url: str = "") -> open_data.Site:
        base = config["site_url"]
        if base and build.root:
            base = base.rstrip("/").removesuffix(f"/{build.lang}") + "/"
        return open_data.Site(base, build.lang, page_url)

    def _open_head(self, build: _Build, page, config):
        """JSON-LD, share cards, citation tags and feed links of a page (overrides/main.html)."""
        return open_data.head(
            build.fb,
            config["site_name"],
            config["site_description"] or "",
            page.file.src_uri,
            page.url,
            page.title or config["site_name"],
            self._open_site(build, config, page.url),
        )

    def _write_open_outputs(self, build: _Build, config) -> None:
        """Feeds per language (in each language's folder)."""
        site_root = Path(config["site_dir"])
        site_ = self._open_site(build, config, open_data.FEED_DIR + "/")
        authority = config["extra"]["tag_authority"]
        reuse = serve_reuse if self.incremental is not None else None
        feeds = open_data.feeds(build.fb, config["site_name"], site_, authority, reuse)
        for name, text in feeds.items():
            (site_root / name).parent.mkdir(parents=True, exist_ok=True)
            (site_root / name).write_text(text, encoding="utf-8")

    def on_serve(self, server, config, builder):
        # The last moment before MkDocs binds: ./scripts/serve has held the port until now.
        serve_address.release(server.server_address)
        server.watch(str(site_pages.data_dir(config)))
        server.watch(str(Path(config["config_file_path"]).parent / "macros"))
        return server

    def on_post_build(self, config):
        build = self._build_of(config)
        self._check_audit(build)
        if build.problems is not None:
            # Any other address shows the problems too.
            site_dir = Path(config["site_dir"])
            shutil.copy(site_dir / "index.html", site_dir / "404.html")
            if self.is_main(config) and self.serving:
                for lang in self.languages[1:]:  # each language shows them in its own words
                    self._build_in_process(config, lang)
            self._publish(build, config)
            return
        if self.incremental is not None:  # the reused pages' search entries, back in place
            self.incremental.search_and_state(config, build.nav)
        # After the search plugin wrote it: lighter, a claim per entry, names in every spelling.
        # While serving, what the last index of this language worked out per entry is kept.
        memo = None
        if self.serving:
            memo = self.search_memos.setdefault(build.lang, search_index.Memo())
        search_index.lighten_index(Path(config["site_dir"]), build.fb, build.lang, memo)
        if not config["site_url"]:
            # Without site_url MkDocs writes "None/..." as every address in the sitemap: publish
            # no sitemap rather than a wrong one.
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                (Path(config["site_dir"]) / name).unlink(missing_ok=True)
        fb = build.fb
        out = Path(config["site_dir"]) / "data"
        out.mkdir(parents=True, exist_ok=True)
        drawn = self.fact_bases.drawn(fb)
        if "downloads" not in drawn:  # the same files for every language: made once
            drawn["downloads"] = {
                "facts.json": downloads.facts_json(fb),
                "claims.csv": downloads.claims_csv(fb),
                "sources.json": open_data.csl_json(fb),
                "sources.schema.json": open_data.csl_schema(),
                **schema.schemas(),
            }
        for name, text in drawn["downloads"].items():
            (out / name).write_text(text, encoding="utf-8")
        self._write_open_outputs(build, config)
        if self.is_main(config):
            for lang in self.languages[1:]:
                if self.serving:
                    self._build_in_process(config, lang)
                else:
                    self.children.finish(lang, site_pages.language_name(lang))
            if not self.serving:  # every language is in the staged site now
                records = sum(build.fb.counts().values())
                budget.check_site(Path(config["site_dir"]), build.largest, records)
                budget.check_memory(build.largest, records=records)
            self._publish(build, config)

    def _publish(self, build: _Build, config) -> None:
        if build is not self.main:
            return
        warned = build.warnings is not None and build.warnings.count > 0
        published = self.staging.publish(config, build.publish_to, warned)
        self._end(build)
        if published and self.incremental is not None:
            target = Path(build.publish_to)
            sites = {lang: str(target / root(self.languages, lang)) for lang in self.languages}
            sites[self.languages[0]] = str(target)
            self.incremental.published(sites)

    def _end(self, build: _Build) -> None:
        if build.warnings is not None:
            build.warnings.detach()
            build.warnings = None

    def _build_in_process(self, config, lang: str) -> None:
        """While serving, another language is built here, after the first, not in a second
        process: its incremental state (serve/incremental.py) then lives on this plugin, and an
        incremental build is small enough that the second core would buy little.

        Its config is loaded in this process, so MkDocs hands it this very plugin instance: the
        first language's build stays in `self.builds` under its own language meanwhile."""
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config

        other_file, site_dir = self._other_site(config, lang)
        other = load_config(str(other_file), site_dir=str(site_dir))
        other["site_url"] = config["site_url"]  # the serve address; on_config adds <lang>/
        name = site_pages.language_name(lang)
        log.debug(f"Building the {name} site to directory: {other['site_dir']}")
        try:
            with quiet.second_build():
                mkdocs_build(other, serve_url=config["site_url"])
        except Exception as exc:  # noqa: BLE001 (MkDocs has printed why)
            raise PluginError(
                f"the {name} site ({Path(other['config_file_path']).name}) failed to build: {exc}"
            ) from None
        finally:
            self.builds.pop(lang, None)

    def _other_site(self, config, lang: str) -> tuple[Path, Path]:
        """The config file and the site folder of another language, for both of its ways of
        being built (a second process for `mkdocs build`, this one for `mkdocs serve`)."""
        return (
            config_file(config["config_file_path"], self.languages, lang),
            Path(config["site_dir"]) / lang,
        )

    def on_build_error(self, *, error):
        self.children.stop()
        if self.incremental is not None:
            self.incremental.discarded()
        self._discard()

    def on_shutdown(self):
        # Also after mkdocs-macros' sys.exit(100) on a macro error, which skips on_build_error.
        self.children.stop()
        self._discard()
        # Every child this process started ends, and is reaped, before it does: the page
        # audit's worker, then multiprocessing's resource tracker (compat/child_processes.py).
        page_audit.shutdown()
        child_processes.stop_resource_tracker()

    def _discard(self) -> None:
        main, self.main = self.main, None
        if main is not None:
            self._end(main)
            self.staging.discard(main.publish_to)


def _say_problems(problems) -> None:
    """The problems in the terminal too, at every build that meets them. Written, not logged:
    with `strict: true` a logged warning would abort the build that shows them in the browser."""
    n = len(problems)
    lines = [str(p) for p in problems[:_SHOWN_PROBLEMS]]  # each escaped by Problem.__str__
    if n > len(lines):
        lines.append(f"… and {n - len(lines):,} more problems")
    sys.stderr.write(
        "\n".join(lines)
        + f"\nserve: the data has {n} problem{'s' if n != 1 else ''}; every address of the site "
        "shows them until the next good save\n"
    )
    sys.stderr.flush()


def _say_warnings(warnings) -> None:
    """What `python -m macros check` warns about, at every build serve makes of good data, one
    line each (escaped by Problem.__str__): a contributor who only runs serve sees them too.
    Written, not logged, as the problems are."""
    if not warnings:
        return
    lines = [str(w) for w in warnings[:_SHOWN_PROBLEMS]]
    if len(warnings) > len(lines):
        lines.append(
            f"… and {len(warnings) - len(lines):,} more warnings (python -m macros check lists "
            "them all)"
        )
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()


def edit_base(config) -> str:
    """repo_url + edit_uri, Material's convention: the repository is named in one place."""
    return config["repo_url"].rstrip("/") + "/" + config["edit_uri"].strip("/") + "/"
