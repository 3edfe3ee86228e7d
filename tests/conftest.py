from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "minimal"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# Parsed files are cached between loads (macros/facts/parse_cache.py): the tests keep theirs apart.
os.environ["BRIEFING_CACHE_DIR"] = tempfile.mkdtemp(prefix="briefing-test-cache-")
atexit.register(shutil.rmtree, os.environ["BRIEFING_CACHE_DIR"], ignore_errors=True)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once with --strict for every test that reads it."""
    from .sitebuild import mkdocs_build

    out = tmp_path_factory.mktemp("site") / "site"
    run = mkdocs_build(REPO, out)
    assert run.returncode == 0, run.stderr
    return out


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the minimal valid fact base, free to break."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target


# Data files are read by the line reader (macros/facts/plain_yaml.py) where it can, by PyYAML
# where it declines; BRIEFING_PYYAML_ONLY=1 sends every file to PyYAML. The catalogues of bad and
# hostile input run both ways (`pytestmark = pytest.mark.usefixtures("yaml_reader")`): every
# message must be the same whichever reader saw the file first.
PYYAML_ONLY = "BRIEFING_PYYAML_ONLY"


@pytest.fixture(scope="module", params=["line reader", "PyYAML only"])
def yaml_reader(request, tmp_path_factory):
    """Each way with a parse cache of its own: one way's entries would spare the other its
    parsing."""
    saved = {name: os.environ.get(name) for name in (PYYAML_ONLY, "BRIEFING_CACHE_DIR")}
    os.environ.pop(PYYAML_ONLY, None)
    if request.param == "PyYAML only":
        os.environ[PYYAML_ONLY] = "1"
    os.environ["BRIEFING_CACHE_DIR"] = str(tmp_path_factory.mktemp("parse-cache"))
    try:
        yield request.param
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def base(site):
    """The real site served on localhost, for the browser tests of a module."""
    from .chromium import served

    with served(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright, for the browser tests of a module."""
    from .chromium import chromium

    with chromium() as b:
        yield b


# The quick loop (`scripts/test --quick`, README) runs every test but those that build a site,
# serve one or start a browser: `-m "not build"`. A test is marked `build` when it takes one of
# these fixtures, or by hand (`@pytest.mark.build`). In the quick loop a build or a browser that
# is started anyway fails the test that started it (below), so an unmarked slow test shows up
# instead of slowing the loop.
BUILDING_FIXTURES = {
    "site",
    "one_build",
    "built",
    "fixture_site",
    "hostile_site",
    "payload_site",
    "synth",
    "browser",
    "tampered",
    "published",
    "published_again",
    "third_site",
}
QUICK_ENV = "BRIEFING_QUICK"


def examples(full: int) -> int:
    """Hypothesis examples per property: all of them in the full run (CI), a fifth in the quick
    loop, which is for catching the obvious while editing."""
    return max(10, full // 5) if os.environ.get(QUICK_ENV) else full


def pytest_configure(config):
    config.addinivalue_line("markers", "build: builds or serves a site, or starts a browser")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)
    # A catalogue's builds run once, with both readers as a load uses them: PyYAML alone adds
    # nothing a build would show that the load of the same data does not (and costs minutes).
    twice = [
        item
        for item in items
        if item.get_closest_marker("build")
        and getattr(item, "callspec", None) is not None
        and item.callspec.params.get("yaml_reader") == "PyYAML only"
    ]
    if twice:
        config.hook.pytest_deselected(items=twice)
        dropped = set(map(id, twice))
        items[:] = [item for item in items if id(item) not in dropped]


if os.environ.get(QUICK_ENV):
    import subprocess

    _popen_init = subprocess.Popen.__init__

    def _no_site_builds(self, args, *rest, **kwargs):
        words = [str(a) for a in args] if isinstance(args, (list, tuple)) else [str(args)]
        # The program run, not its arguments: installing the chromium package is no browser.
        program = Path(words[0]).name if words else ""
        runs_mkdocs = program == "mkdocs" or words[1:3] == ["-m", "mkdocs"]
        if runs_mkdocs or program in ("chromium", "chromium-browser"):
            raise RuntimeError(
                f"the quick loop builds no site and starts no browser: mark this test "
                f"@pytest.mark.build ({' '.join(words)})"
            )
        _popen_init(self, args, *rest, **kwargs)

    subprocess.Popen.__init__ = _no_site_builds

    import mkdocs.commands.build

    def _no_build_in_process(*args, **kwargs):
        raise RuntimeError("the quick loop builds no site: mark this test @pytest.mark.build")

    mkdocs.commands.build.build = _no_build_in_process


# One fact base per test session (and xdist worker), loaded when a test first asks: a test module
# that loaded it at import time cost every worker the load, whatever tests it ran.
@pytest.fixture(scope="session")
def real_fb():
    """The fact base of the real data (data/)."""
    from macros.facts import factbase

    return factbase.load(REPO / "data")


@pytest.fixture(scope="session")
def mini_fb():
    """The fact base of the minimal fixture (tests/fixtures/minimal)."""
    from macros.facts import factbase

    return factbase.load(FIXTURE)


def make_view(fb, lang: str = "en", url: str = "", **options):
    """A View as a page at `url` (MkDocs' page.url: '' for home) draws with, for renderer tests."""
    from macros.render.html import Linker
    from macros.render.view import View

    return View(fb, lang, Linker(url), **options)


@pytest.fixture
def view():
    """make_view, for tests: view(fb, "nl", "glossary/", page_size=2)."""
    return make_view
