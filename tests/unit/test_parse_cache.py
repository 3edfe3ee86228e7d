"""Parsed files are reused only for the very same bytes and parser, and a bad entry is a miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.facts import located_yaml, parse_cache

DOC = "actors:\n  - id: russia\n    name: {en: Russia, nl: Rusland}\n    since: 2022-01\n    n: 3\n"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(folder))
    monkeypatch.delenv("BRIEFING_NO_CACHE", raising=False)
    return folder


def _read(path: Path):
    doc, problems = located_yaml.read_yaml(path, path.name)
    assert not problems
    return doc.data


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json"))


def _no_parsing(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(located_yaml.yaml, "compose", refuse)


def test_the_same_bytes_are_not_parsed_twice(cache, tmp_path, monkeypatch):
    path = tmp_path / "actors.yml"
    path.write_text(DOC, encoding="utf-8")
    first = _read(path)
    assert len(_entries(cache)) == 1
    _no_parsing(monkeypatch)
    again = _read(path)
    assert again == first
    russia = {"id": "russia", "name": {"en": "Russia", "nl": "Rusland"}, "since": "2022-01", "n": 3}
    assert again == {"actors": [russia]}
    assert type(again["actors"][0]["n"]) is int


def test_other_bytes_are_parsed(cache, tmp_path, monkeypatch):
    path = tmp_path / "actors.yml"
    path.write_text(DOC, encoding="utf-8")
    _read(path)
    path.write_text(DOC.replace("n: 3", "n: 4"), encoding="utf-8")
    assert _read(path)["actors"][0]["n"] == 4
    assert len(_entries(cache)) == 2


def test_a_corrupt_entry_is_a_miss_and_is_replaced(cache, tmp_path):
    path = tmp_path / "actors.yml"
    path.write_text(DOC, encoding="utf-8")
    expected = _read(path)
    (entry,) = _entries(cache)
    entry.write_text('{"actors": [', encoding="utf-8")
    assert _read(path) == expected
    assert parse_cache.get(path.read_bytes()) == expected


def test_a_file_with_a_problem_is_not_kept(cache, tmp_path):
    path = tmp_path / "actors.yml"
    path.write_text("actors: !!python/object:os.system {}\n", encoding="utf-8")
    doc, problems = located_yaml.read_yaml(path, path.name)
    assert doc is None and problems
    assert _entries(cache) == []


def test_the_cache_can_be_turned_off(cache, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    path = tmp_path / "actors.yml"
    path.write_text(DOC, encoding="utf-8")
    _read(path)
    assert not cache.exists()


def test_where_the_cache_lives(monkeypatch, tmp_path):
    monkeypatch.delenv("BRIEFING_CACHE_DIR", raising=False)
    monkeypatch.setenv("BRIEFING_NO_CACHE", "0")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # ignored, as the XDG rules say
    assert parse_cache.folder() == tmp_path / ".cache" / "ai-geopolitics-briefing"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert parse_cache.folder() == tmp_path / "xdg" / "ai-geopolitics-briefing"
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    assert parse_cache.folder() is None


def test_a_file_the_line_reader_read_is_not_read_again(cache, tmp_path, monkeypatch):
    path = tmp_path / "actors.yml"
    path.write_text(DOC, encoding="utf-8")
    first = _read(path)
    assert len(_entries(cache)) == 1
    _no_parsing(monkeypatch)
    monkeypatch.setattr(located_yaml.plain_yaml, "read", lambda *args: pytest.fail("read again"))
    assert _read(path) == first
