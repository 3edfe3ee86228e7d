"""A cold load parses on two cores (macros/facts/parallel_parse.py): it must give what one core
gives,
the same fact base and the same located problems in the same order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros.facts import factbase, located_yaml, parallel_parse, parse_cache
from macros.facts.problems import DataError
from tests.conftest import REPO
from tests.mutations import append, replace_in

# Every case both ways: the line reader first (PyYAML where it declines), and PyYAML alone.
pytestmark = pytest.mark.usefixtures("yaml_reader")


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    """The files this process parses itself."""
    parsed: list[str] = []

    def parse(unparsed):
        parsed.append(unparsed.shown_as)
        return located_yaml.parse(unparsed)

    monkeypatch.setattr(parallel_parse, "parse", parse)
    return parsed


def _load(data: Path, tmp_path: Path, monkeypatch, *, parallel: bool, run: str):
    """The fact base as JSON, or the problems, from a load with an empty parse cache."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / f"cache-{run}"))
    monkeypatch.setattr(parallel_parse, "MIN_PARALLEL_BYTES", 0 if parallel else 10**12)
    monkeypatch.setattr(parallel_parse, "_cores", lambda: 2)
    monkeypatch.setattr(parallel_parse, "PARTS", 2)  # a few files in each part, in order
    try:
        fb = factbase.load(data)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    tables = ("sources", "claims", "actors", "topics", "events", "terms", "comparisons")
    return json.dumps(
        {t: {k: v.model_dump(mode="json") for k, v in getattr(fb, t).items()} for t in tables}
        | {"places": {k: [p.paragraph, p.offset] for k, p in fb.claim_place.items()}},
        sort_keys=True,
    )


def test_the_real_data_loads_the_same_on_two_cores(tmp_path, monkeypatch, counted):
    one = _load(REPO / "data", tmp_path, monkeypatch, parallel=False, run="one")
    files = len(counted)
    counted.clear()
    two = _load(REPO / "data", tmp_path, monkeypatch, parallel=True, run="two")
    assert isinstance(one, str) and two == one
    assert 0 < len(counted) < files  # the worker parsed the rest


BROKEN = [
    replace_in("actors.yml", "name: {en: China,", 'name: {en: "Chi\\u200bna",'),
    replace_in("actors.yml", "kind: country", "kind: !!str country"),
    append("topics.yml", "\nextra: &a [1]\nmore: *a\n"),
    append("events.yml", "\nevents: []\n"),
    replace_in("sources/sample-news.yml", "url: null", "url: ftp://x"),
]


def test_located_problems_are_the_same_on_two_cores(data_dir, tmp_path, monkeypatch, counted):
    for mutate in BROKEN:
        mutate(data_dir)
    one = _load(data_dir, tmp_path, monkeypatch, parallel=False, run="one")
    files = len(counted)
    counted.clear()
    two = _load(data_dir, tmp_path, monkeypatch, parallel=True, run="two")
    assert isinstance(one, list) and len(one) >= len(BROKEN) - 1
    assert two == one
    assert 0 < len(counted) < files


@pytest.mark.parametrize(
    "worker",
    [
        "import sys; sys.exit(1)",
        # the first part's results, then death
        "import pathlib, pickle, sys; sys.path.append(sys.argv[1]); "
        "from macros.located_yaml import parse, Unparsed; f = pathlib.Path(sys.argv[3]); "
        "parts = pickle.loads((f / 'in').read_bytes()); "
        "(f / 'out-0').write_bytes(pickle.dumps([parse(Unparsed(s, r, r.decode())) "
        "for s, r in parts[0]])); print(0, flush=True)",
    ],
    ids=["never starts", "dies after one part"],
)
def test_files_of_a_dead_worker_are_parsed_here(worker, data_dir, tmp_path, monkeypatch, counted):
    BROKEN[0](data_dir)
    one = _load(data_dir, tmp_path, monkeypatch, parallel=False, run="one")
    files = len(counted)
    counted.clear()
    monkeypatch.setattr(parallel_parse, "_WORKER", worker)
    two = _load(data_dir, tmp_path, monkeypatch, parallel=True, run="two")
    assert two == one and 0 < len(counted) <= files


def test_the_worker_imports_no_module_from_the_current_folder(tmp_path, monkeypatch, counted):
    # A build runs in the project's folder: a `yaml.py` there (a pull request can add one) must
    # not be what the worker parses with.
    planted = tmp_path / "cwd"
    planted.mkdir()
    (planted / "yaml.py").write_text("raise SystemExit('the planted yaml.py ran')\n")
    monkeypatch.chdir(planted)
    monkeypatch.setenv("PYTHONPATH", str(planted))
    one = _load(REPO / "data", tmp_path, monkeypatch, parallel=False, run="one")
    files = len(counted)
    counted.clear()
    two = _load(REPO / "data", tmp_path, monkeypatch, parallel=True, run="two")
    assert two == one and 0 < len(counted) < files  # the worker ran, with the real PyYAML


@pytest.mark.parametrize("parallel", [True, False], ids=["two cores", "one core"])
def test_a_cold_load_leaves_every_file_it_parsed_in_the_cache(
    parallel, tmp_path, monkeypatch, counted
):
    """Each process writes its cache entries after handing its data over; the next load waits
    for those writes and parses nothing."""
    first = _load(REPO / "data", tmp_path, monkeypatch, parallel=parallel, run="same")
    assert counted
    counted.clear()
    monkeypatch.setattr(parallel_parse, "_start", lambda parts: pytest.fail("a worker started"))
    assert _load(REPO / "data", tmp_path, monkeypatch, parallel=parallel, run="same") == first
    assert counted == []


def test_the_cache_entries_of_a_load_go_where_its_cache_was(tmp_path, monkeypatch, counted):
    """Written after the load (here: only once the cache folder has changed), but to the cache
    folder in force while it parsed."""
    later: list = []
    monkeypatch.setattr(parallel_parse, "_keep_later", later.append)
    _load(REPO / "data", tmp_path, monkeypatch, parallel=False, run="first")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache-later"))
    for kept in later:
        parse_cache.write(kept)
    assert not (tmp_path / "cache-later").exists()
    assert len(list((tmp_path / "cache-first").rglob("*.json"))) == len(counted) > 0
