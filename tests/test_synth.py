"""The synthetic corpus stays buildable: `synth` at a small scale passes the check and builds."""

from __future__ import annotations

from macros import factbase
from macros.__main__ import main

from .conftest import REPO
from .sitebuild import ids, mkdocs_build, parse

REAL = factbase.load(REPO / "data").counts()


def test_synth_multiplies_the_fact_base_and_builds(tmp_path, capsys):
    project = tmp_path / "synth"
    assert main(["synth", "--scale", "2", "--out", str(project)]) == 0
    assert main(["--data", str(project / "data"), "check"]) == 0
    synthetic = factbase.load(project / "data")
    assert synthetic.counts() == {kind: 2 * n for kind, n in REAL.items()}
    run = mkdocs_build(project)
    assert run.returncode == 0, run.stderr
    site = project / "site"
    for root in ("", "nl/"):
        page = site / root / "sources" / "coppens-no-ai-war-s2" / "index.html"
        claims = synthetic.claims_by_source["coppens-no-ai-war-s2"]
        assert claims and all(c.endswith("-s2") for c in claims)
        assert set(claims) <= ids(page)
        actor = parse(site / root / "actors" / "sberbank-s2" / "index.html")
        assert any("(2)" in "".join(h.itertext()) for h in actor.iter("h1"))
