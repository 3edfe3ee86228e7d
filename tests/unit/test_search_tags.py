"""The search index's tags: the other spellings of the actors an entry names, escaped, and
bounded per entry (issue 26, the fourth attacker of 2026-12-07: a claim naming 245 actors, each
with 20 aliases of 100 characters, made each search index 89 MB and a build 308 s at 4.7 GB)."""

from __future__ import annotations

from types import SimpleNamespace

from macros.facts.limits import MAX_ALIAS_LENGTH, MAX_ALIASES, MAX_TAG_CHARACTERS
from macros.outputs.search_index import with_spellings


def _fb(actors: dict[str, tuple[str, str, list[str]]]):
    return SimpleNamespace(
        actors={
            key: SimpleNamespace(name={"en": en, "nl": nl}, aliases=aliases)
            for key, (en, nl, aliases) in actors.items()
        }
    )


def test_an_entry_naming_an_actor_holds_its_other_spellings_escaped():
    fb = _fb({"russia": ("Russia", "Rusland", ["Moskou", "<b>Moscow</b>"])})
    (entry,) = with_spellings([{"location": "x/", "title": "Russia", "text": "says Russia"}], fb)
    assert entry["tags"] == ["Rusland", "Moskou", "&lt;b&gt;Moscow&lt;/b&gt;"]


def test_the_spellings_an_entry_is_tagged_with_are_bounded_whatever_it_names():
    aliases = [f"{n:02} " + "x" * (MAX_ALIAS_LENGTH - 3) for n in range(MAX_ALIASES)]
    fb = _fb({f"a{i}": (f"Qa{i}", "N" * 100, aliases) for i in range(245)})
    text = " ".join(f"Qa{i}" for i in range(245))
    (entry,) = with_spellings([{"location": "x/", "title": "t", "text": text}], fb)
    assert sum(map(len, entry["tags"])) <= MAX_TAG_CHARACTERS
    assert entry["tags"][0] == "N" * 100  # the first actor named is still found by either name
