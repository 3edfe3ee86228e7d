"""A newcomer's first hour: a busy port and a held dpkg lock end in one plain sentence (or a
working second address), never a traceback or a raw apt error."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

from tests.conftest import REPO


def _scripts(tmp_path: Path) -> Path:
    """The project's scripts, with the setup, Python and MkDocs stubbed: we test the decisions
    serve makes before it builds, not the build. The stub mkdocs prints the arguments it got."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "scripts", root / "scripts")
    (root / "scripts" / "setup").write_text("#!/usr/bin/env bash\necho SETUP-RAN\n")
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / ".venv" / "bin" / "python").write_text("#!/usr/bin/env bash\nexit 0\n")
    (root / ".venv" / "bin" / "mkdocs").write_text('#!/usr/bin/env bash\necho "MKDOCS $*"\n')
    for stub in (root / "scripts" / "setup", *(root / ".venv" / "bin").iterdir()):
        stub.chmod(0o755)
    return root


def _serve(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["scripts/serve", *args], cwd=root, capture_output=True, text=True, timeout=60, check=False
    )


@contextlib.contextmanager
def _listening(port: int = 0):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", port))
    except OSError:  # someone else already serves there: busy all the same
        s.close()
        yield port
        return
    s.listen()
    try:
        yield s.getsockname()[1]
    finally:
        s.close()


def test_a_busy_address_given_with_a_is_one_plain_line_before_any_build(tmp_path):
    root = _scripts(tmp_path)
    with _listening() as port:
        done = _serve(root, "-a", f"127.0.0.1:{port}")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines == [
        f"serve: port {port} on 127.0.0.1 is already in use (another ./scripts/serve?); "
        f"choose another with ./scripts/serve -a 127.0.0.1:{port + 1}"
    ]
    assert "SETUP-RAN" not in done.stdout and "MKDOCS" not in done.stdout


def test_a_free_address_given_with_a_is_passed_on(tmp_path):
    root = _scripts(tmp_path)
    with _listening() as port:
        pass  # now free
    done = _serve(root, "-a", f"127.0.0.1:{port}")
    assert done.returncode == 0, done.stderr
    assert f"MKDOCS serve -a 127.0.0.1:{port}" in done.stdout


def test_a_second_serve_takes_the_next_free_port_and_says_where(tmp_path):
    root = _scripts(tmp_path)
    with _listening(8000):
        done = _serve(root)
    assert done.returncode == 0, done.stderr
    said = next(x for x in done.stdout.splitlines() if x.startswith("serve: port 8000 is in use"))
    chosen = int(said.rsplit(":", 1)[1].split("/")[0])
    assert chosen > 8000
    assert f"MKDOCS serve -a 127.0.0.1:{chosen}" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_a_malformed_address_is_a_plain_sentence(tmp_path):
    done = _serve(_scripts(tmp_path), "-a", "8001")
    assert done.returncode == 2
    assert "give it as HOST:PORT" in done.stderr and "SETUP-RAN" not in done.stdout


# ---- the dpkg lock ---------------------------------------------------------------------------

# apt-get as it behaves with -o DPkg::Lock::Timeout=N: it waits up to N seconds for the lock
# (here a file held with flock by the test), then fails with apt's own error.
FAKE_APT = """#!/usr/bin/env bash
wait=0
for a in "$@"; do case "$a" in DPkg::Lock::Timeout=*) wait="${a#*=}" ;; esac; done
if ! flock -w "$wait" "$FAKE_DPKG_LOCK" true; then
  echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)" >&2
  exit 100
fi
echo "$*" >> "$FAKE_APT_LOG"
"""


def _install(tmp_path: Path, wait: int) -> tuple[subprocess.CompletedProcess, float]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for name, body in (("apt-get", FAKE_APT), ("sudo", '#!/usr/bin/env bash\nexec "$@"\n')):
        (bin_dir / name).write_text(body)
        (bin_dir / name).chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "FAKE_DPKG_LOCK": str(tmp_path / "lock-frontend"),
        "FAKE_APT_LOG": str(tmp_path / "apt.log"),
        "DPKG_LOCK_WAIT": str(wait),
        "TMPDIR": str(tmp_path),
    }
    start = time.monotonic()
    done = subprocess.run(
        [REPO / "scripts" / "install-packages", "chromium", "default-jre-headless"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done, time.monotonic() - start


def _hold(path: Path):
    f = path.open("w")
    fcntl.flock(f, fcntl.LOCK_EX)
    return f


def test_a_held_dpkg_lock_is_waited_for_then_a_plain_sentence(tmp_path):
    lock = _hold(tmp_path / "lock-frontend")
    try:
        done, took = _install(tmp_path, wait=2)
    finally:
        lock.close()
    assert done.returncode == 1
    assert took >= 2  # it waited
    assert "waiting up to 2 s" in done.stdout
    assert done.stderr.startswith(
        "setup: another program is still installing packages (it holds the dpkg lock) after 2 s"
    )
    assert "E: Could not get lock" not in done.stdout + done.stderr  # kept in the log only
    log = done.stderr.rsplit("apt's output: ", 1)[1].strip()
    assert "E: Could not get lock" in Path(log).read_text()


def test_installs_go_on_once_the_lock_is_released(tmp_path):
    lock = _hold(tmp_path / "lock-frontend")
    threading.Timer(1.0, lock.close).start()
    done, took = _install(tmp_path, wait=30)
    assert done.returncode == 0, done.stderr
    assert 1.0 <= took < 30
    calls = (tmp_path / "apt.log").read_text().splitlines()
    assert calls[-1].endswith("install -y chromium default-jre-headless")
    assert all("DPkg::Lock::Timeout=30" in c for c in calls)
