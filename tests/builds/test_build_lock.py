"""One build of a site at a time: a second build waits for the first (or gives up plainly), each
build stages in a folder of its own, and `site/` is always a whole site, old or new."""

from __future__ import annotations

import fcntl
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURE, edit
from tests.sitebuild import mkdocs_build, mkdocs_serving, project_copy, project_env

pytestmark = pytest.mark.build  # every test here builds a site


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def _start(project: Path, out: Path | None = None, **env: str) -> subprocess.Popen:
    target = ["-d", str(out)] if out else []
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *target],
        cwd=project,
        env=project_env(project, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".site*"))


@pytest.fixture(scope="module")
def one_build(tmp_path_factory) -> set[str]:
    """The files of the minimal site built once, alone."""
    project = project_copy(tmp_path_factory.mktemp("alone") / "project", FIXTURE)
    run = mkdocs_build(project)
    assert run.returncode == 0, run.stderr
    return _files(project / "site")


def test_two_builds_at_once_both_publish_a_whole_site(tmp_path, one_build):
    project = project_copy(tmp_path / "project", FIXTURE)
    builds = [_start(project), _start(project)]
    results = [b.communicate(timeout=600) for b in builds]
    for build, (_, err) in zip(builds, results, strict=True):
        assert build.returncode == 0, err
        assert "Traceback" not in err
    waited = [err for _, err in results if "Waiting for the other build of" in err]
    assert len(waited) == 1, "the second build should have waited for the first"
    assert f"{project / 'site'} (pid " in waited[0]
    assert _files(project / "site") == one_build
    assert _leftovers(project) == []


def test_a_failed_build_beside_a_good_one_leaves_the_good_site(tmp_path, one_build):
    good = project_copy(tmp_path / "good", FIXTURE)
    bad = project_copy(tmp_path / "bad", FIXTURE)
    edit(bad / "data/actors.yml", "kind: country", "kind: planet")
    site = tmp_path / "site"  # both build into the same folder
    builds = [_start(good, site), _start(bad, site)]
    (_, good_err), (_, bad_err) = (b.communicate(timeout=600) for b in builds)
    assert builds[0].returncode == 0, good_err
    assert builds[1].returncode == 1
    assert "data/actors.yml:4:5:" in bad_err and "Traceback" not in bad_err
    assert _files(site) == one_build
    assert _leftovers(tmp_path) == []


def test_a_build_gives_up_plainly_while_another_holds_the_lock(tmp_path):
    project = project_copy(tmp_path / "project", FIXTURE)
    # What a build killed mid-way leaves: swept up by the next build, not by one that waits.
    for name in (".site.staging-dead", ".site.old-dead"):
        (project / name / "assets").mkdir(parents=True)
    lock = project / ".site.lock"
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        held.write("4242\n")
        held.flush()
        run = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=project,
            env=project_env(project, BRIEFING_BUILD_WAIT="1"),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert f"another build of {project / 'site'} (pid 4242) is still running" in run.stderr
    assert not (project / "site").exists()
    assert _leftovers(project) == [".site.lock", ".site.old-dead", ".site.staging-dead"]
    # The holder is gone (as when it was killed): the next build cleans up after it.
    run = mkdocs_build(project)
    assert run.returncode == 0, run.stderr
    assert _leftovers(project) == []


def test_a_reader_never_finds_the_site_missing_during_a_rebuild(tmp_path):
    project = project_copy(tmp_path / "project", FIXTURE)
    assert mkdocs_build(project).returncode == 0
    site = project / "site"
    (site / "marker").write_text("the old site")
    missing, looks = [], 0
    done = threading.Event()

    def read() -> None:
        nonlocal looks
        deadline = time.monotonic() + 300
        while not done.is_set() and time.monotonic() < deadline:
            looks += 1
            try:
                (site / "index.html").read_bytes()
            except FileNotFoundError:
                missing.append(looks)

    reader = threading.Thread(target=read)
    reader.start()
    build = _start(project)
    _, err = build.communicate(timeout=300)
    # Keep reading a little after the swap, then stop.
    time.sleep(0.2)
    done.set()
    reader.join()
    assert build.returncode == 0, err
    assert not (site / "marker").exists(), "the rebuild should have replaced the site"
    assert looks > 100
    assert missing == []


def test_serve_holds_the_lock_only_while_it_rebuilds(tmp_path):
    project = project_copy(tmp_path / "project", FIXTURE)
    with mkdocs_serving(project, "--verbose") as serve:  # verbose: it names the staging folder
        serve.wait_for("Serving on")
        staged = Path(serve.wait_for("Building the Dutch site to directory:").split()[-1]).parent
        served = Path(staged.name.split(".staging-")[0].removeprefix(".")).name
        lock = staged.parent / f".{served}.lock"
        assert not lock.exists(), "serve keeps the lock between rebuilds"
        seen = len(serve.lines)
        edit(project / "data/actors.yml", "kind: country", "kind: country # edited")
        serve.wait_for("Reloading browsers", after=seen)
        assert not lock.exists()
        assert not list(staged.parent.glob(f".{served}.staging-*"))
        # A build of site/ meanwhile neither waits for serve nor disturbs it.
        run = mkdocs_build(project)
        assert run.returncode == 0 and "Waiting" not in run.stderr, run.stderr
        assert serve.process.poll() is None
    assert not staged.parent.joinpath(served).exists()
