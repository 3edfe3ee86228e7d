"""The benchmark: `python -m macros bench [--scales 1 10 100] [--runs 3]`. It prints figures; it is
not part of the test run.

For each scale it measures, as the median of several runs: load + validation, cold (nothing
parsed before) and warm (files parsed by an earlier load, from the parse cache); the full build
(both languages, with the parse cache off, so every file is parsed as on a first build); plain
MkDocs building the same pages pre-rendered to Markdown (no macros, no hooks), the floor for any
MkDocs site; then the largest HTML page, the gzip size of each language's search index and the
build's peak memory (all its processes together). At every scale it also measures how long
`mkdocs serve` takes to rebuild after one claim is edited.

With `--public-api-only` the builds and serve take the public path of every shortcut into
another project's internals (BRIEFING_PUBLIC_ONLY=1, macros/adapter/compat/); with `--both`, each
scale is measured both ways, side by side, in one run.
"""

from __future__ import annotations

import gzip
import os
import queue
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

from macros.adapter.compat import PUBLIC_ONLY_ENV
from macros.adapter.theme import override_words
from macros.cli import synth
from macros.facts import factbase
from macros.routes.reserved import read_config

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BRIEFING_NO_CACHE": "1"}
ENV.pop(PUBLIC_ONLY_ENV, None)
PUBLIC_ENV = {**ENV, PUBLIC_ONLY_ENV: "1"}
PLAIN_BUILD = (
    "import sys\n"
    "from mkdocs.commands.build import build\n"
    "from mkdocs.config import load_config\n"
    "build(load_config(sys.argv[1]))\n"
    "build(load_config(sys.argv[2]))\n"
)


def _tree_rss_kib(root: int) -> int:
    """Resident memory (KiB) of a process and all its descendants, read from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(stat.rpartition(")")[2].split()[1])
        rss[pid] = next(
            (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0
        )
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(rss.get(pid, 0) for pid in tree)


def _timed(args: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int]:
    """Wall time and peak memory (KiB) of one child process, its own children included: the
    Dutch build and the page audit run in processes of their own, at the same time, so the peak
    is that of their sum, sampled every 0.2 s."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as log:  # a pipe would fill up and stall a chatty build
        proc = subprocess.Popen(
            args, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=log
        )
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.2):
                peak[0] = max(peak[0], _tree_rss_kib(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            # Stopped (SIGINT, or SIGTERM made one by run()): the build stops its own children.
            proc.terminate()
            proc.wait()
            raise
        finally:
            done.set()
        elapsed = time.perf_counter() - start
        sampler.join()
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            raise SystemExit(f"failed in {cwd}: {' '.join(args)}\n{log.read().decode()[-3000:]}")
    return elapsed, max(peak[0], usage.ru_maxrss)


def _plain_project(project: Path) -> None:
    """The same site as Markdown already rendered, built by MkDocs and Material alone."""
    dump = project / "rendered"
    env = {**ENV, "BRIEFING_DUMP_MARKDOWN": str(dump)}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(project / "site-dump")],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    base = read_config(project / "mkdocs.yml")
    for lang in ("en", "nl"):
        config = dict(base)
        config.pop("hooks", None)
        config["plugins"] = [{"search": {"lang": lang}}]
        config["theme"] = {**base["theme"], "language": lang}
        config["docs_dir"] = str(dump / lang)
        config["site_dir"] = str(project / "plain-site" / ("nl" if lang == "nl" else ""))
        config["exclude_docs"] = ""
        # The same overrides/ as the site's, given the words the plugin gives them.
        home = "/" if lang == "en" else f"/{lang}/"
        words = override_words(lang)
        config["extra"] = {**base.get("extra", {}), "briefing_words": words, "briefing_home": home}
        shutil.copytree(project / "docs" / "assets", dump / lang / "assets", dirs_exist_ok=True)
        (project / f"plain-{lang}.yml").write_text(yaml.safe_dump(config, allow_unicode=True))


def _serve_rebuild(project: Path, scale: int, env: dict) -> float:
    """Seconds from editing one claim to `mkdocs serve` having rebuilt both languages."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stderr], daemon=True).start()
    seen: list[str] = []

    def wait_for(pattern: str, count: int, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while count and time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.1)
            except queue.Empty:
                continue
            seen.append(line)
            count -= pattern in line
        return not count

    try:
        # A whole build first, both languages one after the other in the serving process (the
        # incremental state lives there): many minutes at scale 100 on a busy machine.
        if not wait_for("Serving on", 1, 300 + 20 * scale):
            raise SystemExit("mkdocs serve did not start:\n" + "".join(seen[-20:]))
        claims = project / "data" / "claims" / "russia-china-ai-cooperation.yml"
        # The file watcher can miss an edit made as serving begins (a benchmark run once waited
        # for a rebuild that never came): edit again if no rebuild follows. The clock starts at
        # the edit that is rebuilt.
        for _ in range(3):
            doc = yaml.safe_load(claims.read_text())
            doc["claims"][0]["text"]["en"] += " (edited)"
            edited = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000)
            start = time.perf_counter()
            claims.write_text(edited)
            # One line per rebuild (serve/quiet.py), once the Dutch build inside it is done too.
            if wait_for("Documentation built in", 1, 30 + 5 * scale):
                return time.perf_counter() - start
        raise SystemExit("mkdocs serve did not rebuild after three edits:\n" + "".join(seen[-20:]))
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def measure(repo: Path, scale: int, runs: int, workdir: Path, public: bool = False) -> dict:
    env = PUBLIC_ENV if public else ENV
    name = f"scale-{scale}" + ("-public" if public else "")
    project = synth.write_project(repo, workdir / name, scale)
    data = project / "data"
    cold, warm = [], []
    for run in range(runs):
        os.environ["BRIEFING_CACHE_DIR"] = str(workdir / f"parse-cache-{scale}-{run}")
        for times in (cold, warm):  # the first load fills the cache the second one reads
            start = time.perf_counter()
            fb = factbase.load(data)
            times.append(time.perf_counter() - start)
    _plain_project(project)
    full, plain, memory = [], [], []
    for _ in range(runs):
        seconds, peak = _timed([sys.executable, "-m", "mkdocs", "build", "--strict"], project, env)
        full.append(seconds)
        memory.append(peak)
        seconds, _ = _timed(
            [sys.executable, "-c", PLAIN_BUILD, "plain-en.yml", "plain-nl.yml"], project
        )
        plain.append(seconds)
    site = project / "site"
    largest = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    search = {
        lang: len(gzip.compress((site / root / "search" / "search_index.json").read_bytes()))
        for lang, root in (("en", ""), ("nl", "nl"))
    }
    result = {
        "scale": scale,
        "public": public,
        "counts": fb.counts(),
        "pages": len(list(site.rglob("*.html"))),
        "load": statistics.median(cold),
        "load_warm": statistics.median(warm),
        "build": statistics.median(full),
        "plain": statistics.median(plain),
        "largest_page": (largest.relative_to(site).as_posix(), largest.stat().st_size),
        "search_gzip": search,
        "peak_mib": max(memory) / 1024,
    }
    result["serve_rebuild"] = statistics.median(
        _serve_rebuild(project, scale, env) for _ in range(runs)
    )
    return result


def report(results: list[dict]) -> str:
    lines = [
        "| scale | claims | pages | load + validation, cold / warm | full build | plain MkDocs "
        "| ratio | serve, one claim edited | largest page | search (gzip) en / nl "
        "| peak memory |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|",
    ]
    for r in results:
        name, size = r["largest_page"]
        lines.append(
            f"| {r['scale']}{' (public API only)' if r.get('public') else ''} "
            f"| {r['counts']['claims']:,} | {r['pages']:,} "
            f"| {r['load']:.2f} / {r['load_warm']:.2f} s "
            f"| {r['build']:.1f} s | {r['plain']:.1f} s | {r['build'] / r['plain']:.2f} "
            f"| {r['serve_rebuild']:.1f} s "
            f"| {size / 1024:,.0f} KB ({name}) | {r['search_gzip']['en'] / 1024:,.0f} / "
            f"{r['search_gzip']['nl'] / 1024:,.0f} KB | {r['peak_mib']:,.0f} MiB |"
        )
    by_scale = {r["scale"]: r for r in results if not r.get("public")}
    if 10 in by_scale and 100 in by_scale:
        lines.append("")
        lines.append(
            f"time(100) / time(10), full build: "
            f"{by_scale[100]['build'] / by_scale[10]['build']:.1f}"
        )
    return "\n".join(lines)


def run(
    repo: Path,
    scales: list[int],
    runs: int,
    keep: Path | None = None,
    public_api_only: bool = False,
    both: bool = False,
) -> None:
    # SIGTERM (a process manager, a CI timeout) stops the benchmark as Ctrl-C does: the build or
    # server under way is stopped with it, and no child is left running.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    workdir = keep or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    try:
        _run(repo, scales, runs, workdir, public_api_only, both)
    finally:
        if keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


def _run(
    repo: Path, scales: list[int], runs: int, workdir: Path, public_api_only: bool, both: bool
) -> None:
    load_before = os.getloadavg()
    results = []
    ways = [False, True] if both else [public_api_only]
    for scale in scales:
        for public in ways:
            n = runs if scale < 100 else max(1, runs // 2)
            results.append(measure(repo, scale, n, workdir, public))
            print(report(results[-1:]).splitlines()[-1], flush=True)
    uname = os.uname()
    print(
        f"\nmachine: {uname.sysname} {uname.machine}, {os.cpu_count()} cores, Python "
        f"{sys.version.split()[0]}; date: {time.strftime('%Y-%m-%d')}; runs: {runs} "
        "(median; half as many at scale 100); load average (1 min) "
        f"{load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after\n"
    )
    print(report(results))
