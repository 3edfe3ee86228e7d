"""`./scripts/serve` and `mkdocs serve` as a contributor meets them: broken data at start and
while serving shows the problems at every address in both languages and in the terminal; the
port is held from the moment it is chosen; SIGTERM, SIGINT and SIGHUP leave no process behind."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import FIXTURE, REPO, edit
from tests.sitebuild import Serving, free_port, project_copy, project_env

pytestmark = pytest.mark.build

GOOD = "    evidence: [russia-seeks-china]"
BAD = f'{GOOD}\n    "<b>x</b>": 1'
PROBLEM = "data/topics.yml:6:5: topic 'cooperation': unknown field '<b>x</b>'"
EN, NL = "The data has 1 problem(s)", "De data bevat 1 fout(en)"


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _project(tmp_path: Path) -> Path:
    """A copy of the project with the fixture's data and the real scripts; setup stubbed (this
    checkout's .venv is the environment) so that ./scripts/serve starts in seconds."""
    project = project_copy(tmp_path / "project", FIXTURE)
    shutil.copytree(REPO / "scripts", project / "scripts")
    (project / "scripts" / "setup").write_text("#!/usr/bin/env bash\necho 'setup: up to date'\n")
    (project / ".venv" / "bin").mkdir(parents=True)
    python = project / ".venv" / "bin" / "python"
    # The copy's own macros/ (project_env's PYTHONPATH), which env.sh would unset.
    python.write_text(
        "#!/usr/bin/env bash\n"
        f'export PYTHONPATH="$BRIEFING_TEST_PATH"\nexec {sys.executable} "$@"\n'
    )
    for stub in (project / "scripts" / "setup", python):
        stub.chmod(0o755)
    return project


def _serving(process: subprocess.Popen) -> Serving:
    serving = Serving.__new__(Serving)
    serving.process, serving.port, serving.lines = process, 0, []
    threading.Thread(target=lambda: serving.lines.extend(process.stdout), daemon=True).start()
    return serving


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _started(pid: int) -> str | None:
    """When a process started (its /proc stat field 22), or None if no process has that id: a
    pid taken again by another process is not the one that was looked at before."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except OSError:
        return None


def _stop(serving: Serving) -> None:
    if serving.process.poll() is None:
        serving.process.send_signal(signal.SIGINT)
        serving.process.wait(timeout=60)


def test_serve_starts_on_broken_data_and_shows_it_everywhere_then_recovers(tmp_path):
    project = _project(tmp_path)
    edit(project / "data/topics.yml", GOOD, BAD)
    port = free_port()
    serve = _serving_of(project, ["scripts/serve", "-a", f"127.0.0.1:{port}"])
    try:
        serve.wait_for("Serving on")
        said = "".join(serve.lines)
        assert PROBLEM in said, said  # in the terminal, located
        assert "Traceback" not in said
        assert said.count("Documentation built") == 1, said
        assert "[macros]" not in said
        base = f"http://127.0.0.1:{port}"
        for path, words in (("/", EN), ("/briefings/", EN), ("/nl/", NL), ("/nl/briefings/", NL)):
            status, page = _get(base + path)
            assert (status, words in page) == (200, True), (path, status)
            assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page
        assert EN in _get(base + "/no-such-page/")[1]
        seen = len(serve.lines)
        edit(project / "data/topics.yml", BAD, GOOD)
        serve.wait_for("Reloading browsers", after=seen)
        assert "Key takeaways" in _get(base + "/")[1]
        assert "problem(s)" not in _get(base + "/briefings/")[1]
        assert "fout(en)" not in _get(base + "/nl/")[1]
    finally:
        _stop(serve)


def test_data_broken_while_serving_shows_at_every_page_both_languages_and_the_terminal(tmp_path):
    project = _project(tmp_path)
    port = free_port()
    serve = _serving_of(project, ["scripts/serve", "-a", f"127.0.0.1:{port}"])
    try:
        serve.wait_for("Serving on")
        base = f"http://127.0.0.1:{port}"
        assert _get(base + "/actors/russia/")[0] == 200
        for _ in range(2):  # every failed rebuild says it, not only the first
            seen = len(serve.lines)
            edit(project / "data/topics.yml", GOOD, BAD)
            serve.wait_for("Reloading browsers", after=seen)
            said = "".join(serve.lines[seen:])
            assert PROBLEM in said and said.count("Documentation built") <= 1, said
            assert "[macros]" not in said and "Dutch" not in said
            # A page the data made (not in docs/) shows the problems too, in both languages.
            for path, words in (("/actors/russia/", EN), ("/nl/actors/russia/", NL)):
                status, page = _get(base + path)
                assert (status, words in page) == (200, True), (path, status)
            seen = len(serve.lines)
            edit(project / "data/topics.yml", BAD, GOOD)
            serve.wait_for("Reloading browsers", after=seen)
            assert "problem" not in "".join(serve.lines[seen:])
            assert EN not in _get(base + "/actors/russia/")[1]
    finally:
        _stop(serve)


def test_serve_prints_the_warnings_check_prints_at_every_build(tmp_path, capsys):
    """A contributor who only runs serve sees what check warns about: one line each, the same
    lines, at the first build and at every rebuild, and none once the data is clean."""
    from macros.cli.commands import main

    project = _project(tmp_path)
    edit(project / "data/sources/sample-news.yml", "url: null", "url: null\npermission: requested")
    claims = project / "data/claims/sample-news.yml"
    edit(claims, "The US is weighing export controls.", "The US is weighing these controls.")
    assert main(["--data", str(project / "data"), "check"]) == 0
    warned = [x for x in capsys.readouterr().err.splitlines() if ": warning: " in x]
    assert len(warned) == 2, warned  # the pointing-back text and the permission only requested
    port = free_port()
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    serve = _serving_of(project, cmd)
    try:
        serve.wait_for("Serving on")
        said = [line.rstrip("\n") for line in serve.lines]
        assert [x for x in said if "warning" in x] == warned, said
        seen = len(serve.lines)
        edit(claims, "these controls", "these export controls")  # another build, same warnings
        serve.wait_for("Reloading browsers", after=seen)
        said = [line.rstrip("\n") for line in serve.lines[seen:]]
        assert [x for x in said if "warning" in x] == [
            warned[0].replace('"these controls"', '"these export"'),
            warned[1],
        ], said
        seen = len(serve.lines)
        edit(claims, "these export controls", "export controls")
        serve.wait_for("Reloading browsers", after=seen)
        said = [line.rstrip("\n") for line in serve.lines[seen:]]
        assert [x for x in said if "warning" in x] == [warned[1]], said
    finally:
        _stop(serve)


def test_the_port_is_held_from_the_start_so_nothing_takes_it_during_the_first_build(tmp_path):
    project = _project(tmp_path)
    port = free_port()
    serve = _serving_of(project, ["scripts/serve", "-a", f"127.0.0.1:{port}"])
    try:
        serve.wait_for("Building documentation")
        intruder = socket.socket()
        with pytest.raises(OSError):  # another program trying the port meanwhile is refused
            intruder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            intruder.bind(("127.0.0.1", port))
            intruder.listen()
        intruder.close()
        assert f"Serving on http://127.0.0.1:{port}/" in serve.wait_for("Serving on")
        assert _get(f"http://127.0.0.1:{port}/")[0] == 200
    finally:
        _stop(serve)


def _serving_of(project: Path, cmd: list[str]) -> Serving:
    env = project_env(project)
    env["BRIEFING_TEST_PATH"] = env.get("PYTHONPATH", "")
    process = subprocess.Popen(
        cmd,
        cwd=project,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    return _serving(process)


@pytest.mark.parametrize("how", ["mkdocs serve", "./scripts/serve"])
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=str)
def test_a_stop_signal_leaves_no_process_behind(tmp_path, how, sig):
    project = _project(tmp_path)
    port = free_port()
    cmd = (
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
        if how == "mkdocs serve"
        else ["scripts/serve", "-a", f"127.0.0.1:{port}"]
    )
    serve = _serving_of(project, cmd)
    children: set[int] = set()
    try:
        serve.wait_for("Serving on")
        children = _descendants(serve.process.pid)
        # The page audit's worker and multiprocessing's resource tracker.
        assert len(children) >= 2, "the page audit's worker should be running"
        started = {p: _started(p) for p in children}
        serve.process.send_signal(sig)
        serve.process.wait(timeout=60)
        # Serve waited for every child before it ended: none is left running, and none is left
        # for PID 1 to reap (a `<defunct>` entry, as the resource tracker was when it outlived
        # serve; macros/adapter/compat/child_processes.py).
        left = [p for p in children if _started(p) is not None and _started(p) == started[p]]
        assert not left, f"children left at serve's end: {left}\n" + "".join(serve.lines)
        assert "Traceback" not in "".join(serve.lines)
        assert "leaked" not in "".join(serve.lines)  # the tracker found nothing left to clean
    finally:
        for pid in [serve.process.pid, *children]:  # what a failure left, not other tests'
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
