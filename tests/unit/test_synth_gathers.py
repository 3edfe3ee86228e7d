"""The synthetic corpus grows like a feed (issue 24 point 1): besides its copies, the real United
States, China and Russia, and the real briefings, gather a growing share of the copies' claims, so
that their pages grow faster than the scale; the data stays valid and the same at each run."""

from __future__ import annotations

from pathlib import Path

import yaml

from macros.cli import synth
from macros.facts import factbase
from tests.conftest import REPO


def _claims(data: Path) -> list[dict]:
    return [
        c
        for path in sorted((data / "claims").glob("*.yml"))
        for c in yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]
    ]


def _naming(claims: list[dict], record: str) -> int:
    said = lambda c: c["said_by"] if isinstance(c["said_by"], list) else [c["said_by"]]  # noqa: E731
    return sum(record in c["about"] or record in said(c) or record in c["topics"] for c in claims)


def test_the_real_actors_and_topics_gather_more_claims_as_the_scale_grows(tmp_path):
    topics = [t["id"] for t in yaml.safe_load((REPO / "data/topics.yml").read_text())["topics"]]
    real = _claims(REPO / "data")
    counts: dict[str, list[int]] = {}
    for scale in (1, 2, 4, 8):
        out = tmp_path / f"s{scale}"
        synth.write_data(REPO / "data", out, scale)
        claims = _claims(out)
        assert len(claims) == scale * len(real)  # the copies are kept
        for record in (*synth.GATHERING_ACTORS, *topics):
            counts.setdefault(record, []).append(_naming(claims, record))
    for record in synth.GATHERING_ACTORS:
        found = counts[record]
        assert found[0] == _naming(real, record)  # scale 1 is the real fact base
        assert found == sorted(set(found)), (record, found)  # grows with every scale
        # Faster than the scale: each copy adds more the larger the scale (a growing share).
        per_copy = [
            (n - found[0]) / (scale - 1) for n, scale in zip(found[1:], (2, 4, 8), strict=True)
        ]
        assert per_copy == sorted(per_copy) and per_copy[-1] > per_copy[0], (record, per_copy)
    for topic in topics:
        assert counts[topic][-1] > 2 * counts[topic][0], (topic, counts[topic])


def test_the_grown_corpus_is_valid_and_the_same_at_every_run(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    synth.write_data(REPO / "data", first, 3)
    synth.write_data(REPO / "data", second, 3)
    for path in sorted(first.rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path
    fb = factbase.load(first)  # the check passes
    real = factbase.load(REPO / "data")
    assert fb.counts() == {kind: 3 * n for kind, n in real.counts().items()}
    for actor in synth.GATHERING_ACTORS:
        assert len(fb.claims_by_actor[actor]) > len(real.claims_by_actor[actor])
        gathered = [c for c in fb.claims_by_actor[actor] if c not in real.claims]
        assert gathered and all(c.endswith(("-s2", "-s3")) for c in gathered)
