"""The real data plus a third article (tests/fixtures/third-article/), as a contributor's pull
request adds one: a signed Dutch news report with a stated date, a url, a newer `added` day and
an id that sorts before the real sources. Tests that state facts about the data run over both
fact bases, so that they hold for the data, not for today's two articles (CONTRIBUTING.md, §8)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
THIRD = REPO / "tests" / "fixtures" / "third-article"
THIRD_ID = "ai-chips-europe"
# The claims each topic's evidence gains, as the contributor adds them (suggest, then topics.yml).
TOPIC_EVIDENCE = {
    "europe": ["europe-wants-own-ai-chips", "commission-proposes-chip-plan"],
    "chips-and-sanctions": ["europe-dependent-on-us-chips", "plan-against-export-curbs"],
}


def with_third_article(target: Path, data: Path = REPO / "data") -> Path:
    """A copy of `data` at `target` with the third article, its actors and its topic evidence."""
    shutil.copytree(data, target)
    for rel in (f"sources/{THIRD_ID}.txt", f"sources/{THIRD_ID}.yml", f"claims/{THIRD_ID}.yml"):
        shutil.copy(THIRD / rel, target / rel)
    actors = target / "actors.yml"
    # The article's actors the data does not have yet: a contributor's own article may already
    # have added one ('european-commission' is the natural id for any EU article).
    known = {a["id"] for a in yaml.safe_load(actors.read_text(encoding="utf-8"))["actors"]}
    blocks = re.split(r"(?m)^(?=  - id: )", (THIRD / "actors.yml").read_text(encoding="utf-8"))
    extra = "".join(b for b in blocks[1:] if re.match(r"  - id: ([\w-]+)", b)[1] not in known)
    actors.write_text(actors.read_text(encoding="utf-8").rstrip("\n") + "\n" + extra, "utf-8")
    topics = target / "topics.yml"
    text = topics.read_text(encoding="utf-8")
    for topic, claims in TOPIC_EVIDENCE.items():
        head = f"  - id: {topic}\n"
        start = text.index(head)
        at = text.index("    evidence:\n", start) + len("    evidence:\n")
        text = text[:at] + "".join(f"      - {c}\n" for c in claims) + text[at:]
    topics.write_text(text, encoding="utf-8")
    return target
