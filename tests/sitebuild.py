"""Building the site (or a copy of the project with other data) and reading its HTML as a
browser would (html5lib)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import html5lib

REPO = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("mkdocs.yml", "mkdocs.nl.yml", "docs", "overrides", "macros")


def project_env(project: Path, **extra: str) -> dict[str, str]:
    """The environment a build of `project` runs in. The installed `macros` is this checkout's
    (scripts/setup): a copy of the project, whose macros/ a test may change, runs its own
    instead, found through a folder that holds nothing but a link to it (never the copy's root,
    where a yaml.py would shadow PyYAML). The page audit's worker inherits it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}
    own = project / "macros"
    if own.is_dir() and own.resolve() != (REPO / "macros").resolve():
        folder = project.parent / f".{project.name}.python-path"
        folder.mkdir(exist_ok=True)
        if not (folder / "macros").is_symlink():
            (folder / "macros").symlink_to(own.resolve(), target_is_directory=True)
        env["PYTHONPATH"] = str(folder)
    return env


def mkdocs_build(
    project: Path, out: Path | None = None, site_url: str | None = None
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in `project`, into `out` (default: the project's site/), with
    `site_url` if given (as `mkdocs serve` sets it, for comparing a served site with a build)."""
    env = project_env(project, **({"SITE_URL": site_url} if site_url else {}))
    target = ["-d", str(out)] if out else []
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *target],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def project_copy(target: Path, data: Path) -> Path:
    """The project's site machinery with another data folder: what a contributor's PR builds."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, target / name)
    shutil.copytree(data, target / "data")
    return target


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serving:
    """A running `mkdocs serve`: its process and what it has printed so far."""

    def __init__(self, process: subprocess.Popen, port: int):
        self.process, self.port, self.lines = process, port, []
        threading.Thread(target=lambda: self.lines.extend(process.stderr), daemon=True).start()

    def wait_for(self, text: str, after: int = 0) -> str:
        """The first line from `after` on that holds `text` (two minutes at most)."""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.process.poll() is None:
            found = [line for line in self.lines[after:] if text in line]
            if found:
                return found[0]
            time.sleep(0.1)
        raise AssertionError(f"no {text!r} from mkdocs serve:\n{''.join(self.lines)}")


@contextmanager
def mkdocs_serving(project: Path, *args: str) -> Iterator[Serving]:
    """`mkdocs serve` in `project` on a free port, stopped as Ctrl-C stops it (it then removes
    its folder)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *args],
        cwd=project,
        env=project_env(project),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield Serving(process, port)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


@cache
def parse(path: Path):
    with open(path, "rb") as f:
        return html5lib.parse(f, namespaceHTMLElements=False)


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def url_of(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return "/" + rel.removesuffix("index.html")


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file a relative link on `page` leads to, and its fragment."""
    parts = urlsplit(urljoin("http://site" + url_of(site, page), href))
    path = parts.path
    target = site / path.lstrip("/")
    if path.endswith("/") or not path:
        target = target / "index.html"
    return target, parts.fragment


def ids(path: Path) -> set[str]:
    return {el.get("id") for el in parse(path).iter() if el.get("id")}


def broken_links(site: Path) -> list[str]:
    """Every link between pages of `site` that leads nowhere, as 'page: href'."""
    broken = []
    for page in pages(site):
        for a in parse(page).iter("a"):
            href = a.get("href") or ""
            if not href or urlsplit(href).scheme or href.startswith(("#", "mailto:")):
                continue
            target, fragment = resolve(site, page, href)
            if not target.exists() or (
                fragment and target.suffix == ".html" and fragment not in ids(target)
            ):
                broken.append(f"{page.relative_to(site)}: {href}")
    return broken
