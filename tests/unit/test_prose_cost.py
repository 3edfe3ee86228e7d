"""Issue 26, finding 7 and build point 1: the prose budget counts every construct whose rendering
grows faster than the text, so prose within the limits renders in time that grows linearly.

Relative timing, as the issue asks: the same construct (or random prose within the limits) at a
quarter of the budget and at the whole budget; linear is 4 times the time, quadratic 16."""

from __future__ import annotations

import random
import time

import pytest

from macros.facts.limits import MAX_PROSE_BREAKS, MAX_PROSE_BYTES
from macros.safety import prose
from tests.inert import site_markdown

# One unit of each construct; a file is the unit repeated to a size.
CONSTRUCTS = {
    "thematic breaks ***": "***\n",
    "thematic breaks ___": "___\n",
    "thematic breaks * * *": "* * *\n",
    "rules ---": "---\n",
    "setext underlines": "a\n===\n",
    "paragraph and break": "a\n\n***\n\n",
    "headings": "# h\n",
    "emphasis runs": "*a **b _c __d ",
    "unclosed brackets": "[a ",
    "nested lists": "- a\n    - b\n        - c\n            - d\n",
    "nested quotes": "> > > > a\n",
    "long lines": "word " * 190 + "\n",
}


def _sized(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _render_time(text: str) -> float:
    # CPU time of this process, not wall time: other processes on a busy machine (the test run's
    # own workers) must not make a linear render look quadratic.
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        site_markdown(text)
        best = min(best, time.process_time() - start)
    return best


def _within(text: str) -> str:
    """The longest start of `text`, cut at a line, that the prose budget accepts."""
    lines = text.split("\n")
    problem = prose.check_source(text)
    if problem is None:
        return text
    return "\n".join(lines[: problem[0] - 1])


@pytest.mark.parametrize("unit", CONSTRUCTS.values(), ids=CONSTRUCTS.keys())
def test_each_construct_within_the_budget_renders_in_linear_time(unit):
    whole = _within(_sized(unit, MAX_PROSE_BYTES))
    quarter = whole[: len(whole) // 4].rsplit("\n", 1)[0]
    small, large = _render_time(quarter), _render_time(whole)
    assert large <= 8 * small + 0.05, (len(quarter), small, len(whole), large)


def test_fifty_kilobytes_of_thematic_breaks_are_refused_with_their_place():
    """Finding 7: 50 kB of `***` rendered for 9 s; four such files made the build 26 s."""
    for unit in ("***\n", "___\n", "* * *\n", " - - -\n"):
        problem = prose.check_source(_sized(unit, MAX_PROSE_BYTES))
        assert problem is not None and problem[0] == MAX_PROSE_BREAKS + 1, unit
        assert "thematic breaks" in problem[2]


def _random_prose(rng: random.Random, size: int) -> str:
    """Random prose of the constructs above, kept under each count the budget sets (headings and
    underlines, thematic breaks, brackets per paragraph)."""
    limited = {"# h\n": "headings", "a\n===\n": "headings", "---\n": "headings",
               "***\n": "breaks", "___\n": "breaks", "* * *\n": "breaks",
               "a\n\n***\n\n": "breaks"}  # fmt: skip
    used = {"headings": 0, "breaks": 0}  # `---` counts as both: 90 in all keeps both under 100
    pieces = [*CONSTRUCTS.values(), "plain words in a line\n", "\n\n", "[a](b.md) ", "`c` "]
    parts, length = [], 0
    while length < size:
        piece = rng.choice(pieces)
        kind = limited.get(piece)
        if kind and sum(used.values()) >= 90:
            continue
        if kind:
            used[kind] += 1
            piece = "\n" + piece  # a line of its own, never joined to the piece before
        if "[" in piece or piece.startswith("- "):
            piece = "\n\n" + piece + "\n\n"  # its own paragraph: brackets and indents count per one
        parts.append(piece)
        length += len(piece)
    return "".join(parts)[:size]


@pytest.mark.parametrize("seed", range(4))
def test_random_prose_within_the_limits_renders_in_linear_time(seed):
    rng = random.Random(seed)
    text = _within(_random_prose(rng, MAX_PROSE_BYTES))
    assert len(text) > MAX_PROSE_BYTES * 0.9, "the generator left the limits (test is void)"
    quarter = _within(text[: len(text) // 4].rsplit("\n", 1)[0])
    small, large = _render_time(quarter), _render_time(text)
    assert large <= 8 * small + 0.05, (len(quarter), small, len(text), large)
