"""A synthetic project N times the size of the real one, with the real one's shape: for the
benchmark and for tests that keep the build honest at scale.

Copy 1 is the real fact base; copy k > 1 repeats it with every id suffixed `-s<k>` and every
reference rewritten to match, its own source texts (so quotes stay verbatim) and both languages.

A feed does not only repeat itself: every new article names the United States, China and
Russia again, and falls under the same briefings. So the copies' claims also gather on the real
records: where a claim of copy k is about or said by `china-s<k>`, or is in the topic
`ai-race-s<k>`, it names `china` or `ai-race` instead, for a share of the claims that grows with
the scale (`gathered_share`). Which claims is fixed by a hash of the record, the claim and the
copy: the same scale gives the same data.
"""

from __future__ import annotations

import shutil
import zlib
from pathlib import Path

import yaml

PROJECT_FILES = ("mkdocs.yml", "mkdocs.nl.yml", "docs", "overrides", "macros")
_ACTOR_LISTS = ("about", "actors", "translators")
_ACTOR_FIELDS = ("said_by", "author", "publisher", "newsletter", "actor")


# The real actors a growing feed keeps naming; every real topic gathers as well.
GATHERING_ACTORS = ("united-states", "china", "russia")


def gathered_share(scale: int) -> float:
    """The share of the copies' claims that name a gathering record instead of its copy: none at
    scale 1, then 1 - 1/sqrt(scale) (0.29 at 2, 0.68 at 10, 0.82 at 30, 0.90 at 100, 0.97 at
    1000), so that the real records' pages grow faster than the scale, as a feed's do."""
    return 1 - scale**-0.5


def _gathers(record_id: str, claim_id: str, share: float) -> bool:
    """Whether this copy's claim names the real record: a fixed hash, below the share."""
    return zlib.crc32(f"{record_id} {claim_id}".encode()) < share * 2**32


def _gathered(claim: dict, k: int, share: float, topics: set[str]) -> dict:
    """A claim of copy k with some references to the copies of gathering records pointed at the
    real ones (see the module's docstring)."""
    if k == 1:
        return claim
    suffix = f"-s{k}"

    def real(ref: str, gathering) -> str:
        base = ref.removesuffix(suffix)
        if ref != base and base in gathering and _gathers(base, claim["id"], share):
            return base
        return ref

    out = dict(claim)
    out["about"] = [real(a, GATHERING_ACTORS) for a in claim["about"]]
    out["topics"] = [real(t, topics) for t in claim["topics"]]
    if isinstance(claim["said_by"], list):  # a joint statement
        out["said_by"] = [real(a, GATHERING_ACTORS) for a in claim["said_by"]]
    else:
        out["said_by"] = real(claim["said_by"], GATHERING_ACTORS)
    return out


def _suffix(value: str, k: int) -> str:
    return value if k == 1 else f"{value}-s{k}"


def _texts(node, k: int):
    """Mark human-readable texts of copy k, so copies are told apart in both languages."""
    if k == 1:
        return node
    if isinstance(node, dict):
        if set(node) == {"en", "nl"}:
            return {"en": f"{node['en']} ({k})", "nl": f"{node['nl']} ({k})"}
        return {key: _texts(v, k) if key not in ("quote",) else v for key, v in node.items()}
    if isinstance(node, list):
        return [_texts(v, k) for v in node]
    return node


def _references(record: dict, k: int) -> dict:
    out = dict(record)
    for key in _ACTOR_LISTS:
        if key in out:
            out[key] = [_suffix(a, k) for a in out[key]]
    for key in _ACTOR_FIELDS:
        if isinstance(out.get(key), str) and out[key] != "author":
            out[key] = _suffix(out[key], k)
        elif key == "said_by" and isinstance(out.get(key), list):  # a joint statement
            out[key] = [_suffix(a, k) for a in out[key]]
    if "relations" in out:
        out["relations"] = [{**r, "claim": _suffix(r["claim"], k)} for r in out["relations"]]
    if "topics" in out:
        out["topics"] = [_suffix(t, k) for t in out["topics"]]
    if "evidence" in out:
        out["evidence"] = [_suffix(c, k) for c in out["evidence"]]
    if isinstance(out.get("source"), str):
        out["source"] = _suffix(out["source"], k)
    if isinstance(out.get("date"), dict) and "source" in out["date"]:  # `date: {source: id}`
        out["date"] = {"source": _suffix(out["date"]["source"], k)}
    return out


def _record(record: dict, k: int) -> dict:
    out = _references(_texts(record, k), k)
    out["id"] = _suffix(record["id"], k)
    if k > 1 and "aliases" in out:
        # Marked like names: a hundred actors all called "Putin" is no feed's shape, and would
        # tag every entry that names Putin with four hundred spellings.
        out["aliases"] = [f"{alias} ({k})" for alias in out["aliases"]]
    return out


def _comparison(doc: dict, k: int) -> dict:
    out = _texts(dict(doc), k)
    out["id"] = _suffix(doc["id"], k)
    if isinstance(out.get("said_by"), str):
        out["said_by"] = _suffix(out["said_by"], k)
    out["columns"] = [_references(c, k) for c in out["columns"]]
    rows = []
    for row in out["rows"]:
        row = _references(row, k)
        if "cells" in row:
            row["cells"] = {c: _references(cell, k) for c, cell in row["cells"].items()}
        rows.append(row)
    out["rows"] = rows
    return out


def _dump(path: Path, doc: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8"
    )


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def write_data(real: Path, out: Path, scale: int) -> None:
    """The fact base `scale` times over, under `out` (a data folder)."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(real / "schema", out / "schema")
    lists = {
        "actors.yml": "actors",
        "topics.yml": "topics",
        "events.yml": "events",
        "glossary.yml": "terms",
    }
    for name, key in lists.items():
        records = _load(real / name)[key]
        _dump(out / name, {key: [_record(r, k) for k in range(1, scale + 1) for r in records]})
    topics = {t["id"] for t in _load(real / "topics.yml")["topics"]}
    share = gathered_share(scale)
    for k in range(1, scale + 1):
        for meta in sorted((real / "sources").glob("*.yml")):
            original = _load(meta)
            source = _record(original, k)
            if original["title_kind"] == "original" and original["language"] in ("en", "nl"):
                source["title"][original["language"]] = original["title"][original["language"]]
            _dump(out / "sources" / f"{source['id']}.yml", source)
            shutil.copy(meta.with_suffix(".txt"), out / "sources" / f"{source['id']}.txt")
            claims = _load(real / "claims" / meta.name)["claims"]
            copies = [_gathered(_record(c, k), k, share, topics) for c in claims]
            _dump(out / "claims" / f"{source['id']}.yml", {"claims": copies})
        for path in sorted((real / "comparisons").glob("*.yml")):
            doc = _comparison(_load(path), k)
            _dump(out / "comparisons" / f"{doc['id']}.yml", doc)


def write_project(repo: Path, out: Path, scale: int) -> Path:
    """A complete copy of the project whose fact base is `scale` times the real one."""
    out.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src, dst = repo / name, out / name
        if dst.exists():
            shutil.rmtree(dst) if dst.is_dir() else dst.unlink()
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dst)
    write_data(repo / "data", out / "data", scale)
    return out
