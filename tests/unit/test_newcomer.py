"""A newcomer's first hour: a busy port and a held dpkg lock end in one plain sentence (or a
working second address, held from the moment it is chosen), never a traceback or a raw apt
error."""

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


def _run_serve(monkeypatch, *args: str) -> tuple[int, list[list[str]], list[bool]]:
    """scripts/serve's Python half (macros/adapter/serve/address.py) with MkDocs' serve stubbed:
    the arguments MkDocs got, and whether the port was still held when it started."""
    import mkdocs.__main__

    from macros.adapter.serve import address

    calls, held = [], []

    def fake_main(argv, prog_name):
        calls.append(argv)
        host, port = argv[2].rsplit(":", 1)
        probe = socket.socket()
        try:
            probe.bind((host, int(port)))
            held.append(False)
        except OSError:
            held.append(True)
        finally:
            probe.close()
        address.release((host, int(port)))  # as the plugin's on_serve does

    monkeypatch.setattr(mkdocs.__main__.cli, "main", fake_main)
    return address.run(list(args)), calls, held


def test_a_busy_address_given_with_a_is_one_plain_line_naming_a_free_one(monkeypatch, capsys):
    with _listening() as port, _listening(port + 1):
        code, calls, _ = _run_serve(monkeypatch, "-a", f"127.0.0.1:{port}")
        err = capsys.readouterr().err
        (line,) = err.strip().splitlines()
        assert code == 1 and calls == []
        assert line.startswith(f"serve: port {port} on 127.0.0.1 is already in use")
        suggested = int(line.rsplit(":", 1)[1])
        assert suggested not in (port, port + 1)  # the next port is busy too: not suggested
        with socket.socket() as s:
            s.bind(("127.0.0.1", suggested))  # the one suggested is free


def test_a_free_address_given_with_a_is_held_and_passed_on(monkeypatch):
    with _listening() as port:
        pass  # now free
    code, calls, held = _run_serve(monkeypatch, "-a", f"127.0.0.1:{port}")
    assert code == 0
    assert calls == [["serve", "-a", f"127.0.0.1:{port}"]]
    assert held == [True]  # nothing else could take it before MkDocs' server binds


def test_a_second_serve_takes_the_next_free_port_and_says_where(monkeypatch, capsys):
    with _listening(8000):
        code, calls, held = _run_serve(monkeypatch)
    out = capsys.readouterr().out
    assert code == 0
    said = next(x for x in out.splitlines() if x.startswith("serve: port 8000 is in use"))
    chosen = int(said.rsplit(":", 1)[1].split("/")[0])
    assert chosen > 8000
    assert calls == [["serve", "-a", f"127.0.0.1:{chosen}"]] and held == [True]


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
