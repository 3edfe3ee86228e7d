"""The benchmark stops on SIGTERM as on Ctrl-C, and leaves no build or server running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO


def _session_members(sid: int) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        # Field 6 of /proc/<pid>/stat is the session id (after the parenthesised name).
        if int(stat.rsplit(")", 1)[1].split()[3]) == sid:
            found.append(cmdline)
    return found


@pytest.mark.build
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_benchmark_leaves_no_child(tmp_path, sig):
    proc = subprocess.Popen(
        [sys.executable, "-m", "macros", "bench", "--scales", "1", "--runs", "1"],
        cwd=REPO,
        env={**os.environ, "TMPDIR": str(tmp_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        # Wait until it has a build of its own running, then stop it.
        while time.monotonic() < deadline:
            if any("mkdocs" in c for c in _session_members(proc.pid)):
                break
            time.sleep(0.2)
        else:
            pytest.fail("the benchmark started no build")
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err[-2000:]
        assert "Traceback" not in err.decode(), err[-2000:]
        deadline = time.monotonic() + 10
        while _session_members(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _session_members(proc.pid) == []
        # Its working folder is gone too.
        assert not list(tmp_path.glob("briefing-bench-*"))
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
