"""A build killed outright (SIGKILL runs no handler) leaves no process behind: the page audit's
worker, the multiprocessing resource tracker beside it and the second language's build all end
with it."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.builds.test_bench_stops import _session_members
from tests.conftest import REPO
from tests.sitebuild import project_env


@pytest.mark.build
def test_a_killed_build_leaves_no_child(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
        cwd=REPO,
        env={**project_env(REPO), "BRIEFING_NO_CACHE": "1", "TMPDIR": str(tmp_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        # Wait until the audit's worker (a multiprocessing spawn) runs beside the build.
        while time.monotonic() < deadline:
            if any("spawn_main" in c for c in _session_members(proc.pid)):
                break
            time.sleep(0.1)
        else:
            pytest.fail("the build started no audit worker")
        proc.kill()
        proc.wait(timeout=30)
        deadline = time.monotonic() + 15
        while _session_members(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _session_members(proc.pid) == []
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
