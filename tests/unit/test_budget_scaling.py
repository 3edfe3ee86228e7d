"""The site and memory budgets grow with the fact base (a feed that grows is valid input); the
attack of issue 26 finding 1 stays outside them."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from macros.adapter.build import budget
from macros.facts.limits import MAX_BUILD_MEMORY, MAX_SITE_BYTES


def test_budgets_start_at_the_small_site_and_grow_with_the_records():
    assert budget.site_budget(0) == MAX_SITE_BYTES
    assert budget.memory_budget(0) == MAX_BUILD_MEMORY
    assert budget.site_budget(13_000) > 600_000_000  # scale 100: about 9,000 pages
    assert budget.memory_budget(13_000) > 2 * 2**30


def test_the_attack_of_1150_claims_stays_outside_the_budgets():
    records = 74 + 1_150 + 80  # the real claims, the appended ones, the other records
    assert budget.site_budget(records) < 447_000_000
    assert budget.memory_budget(records) < 5 * 10**9


def test_a_grown_fact_base_within_its_memory_budget_passes_and_beyond_it_fails():
    largest = (100_000, "actors/china/", "data/actors.yml")
    budget.check_memory(largest, peak=2 * 2**30, records=13_000)
    with pytest.raises(PluginError, match="data/actors.yml:1:1: the build took"):
        budget.check_memory(largest, peak=2 * 2**30, records=100)
