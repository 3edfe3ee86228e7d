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
# Parsed files are cached between loads (macros/parse_cache.py): the tests keep theirs apart.
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


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def base(site):
    """The real site served on localhost, for the browser tests of a module."""
    from .browser import served

    with served(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright, for the browser tests of a module."""
    from .browser import chromium

    with chromium() as b:
        yield b
