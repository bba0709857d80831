"""The real plans as a whole: they pass `check --strict`, and their counts match the sources."""

from __future__ import annotations

import collections
import unicodedata

import pytest

from cdsplan.schedule.occurrences import plan_occurrences

from .conftest import PLANS, check

# Counted in ../shared/seeds: tasks, targets, milestones, and occurrences by kind
# (a "Hằng năm" task of the 2023–2025 catalogue occurs three times).
COUNTS = {
    "ubqgcds-2023": (201, 36, 97, {"task": 207, "milestone": 97, "target": 36}),
    "bkhcn-ndcds-2023": (11, 0, 0, {"task": 11}),
    "bkhcn-cds-2023-2025": (66, 4, 0, {"task": 122, "target": 4}),
    "btttt-ndcds-2024": (43, 0, 2, {"task": 43, "milestone": 2}),
    "bkhcn-ndcds-2025": (7, 0, 0, {"task": 7}),
}


def test_every_plan_passes_check_strict():
    result = check([PLANS])
    assert result.problems == []
    assert result.exit_code(strict=True) == 0
    assert result.files == 6


@pytest.mark.parametrize("plan_id", sorted(COUNTS))
def test_counts_match_the_source(repository, plan_id):
    plan = repository.plans[plan_id]
    tasks, targets, milestones, occurrences = COUNTS[plan_id]
    assert len(list(plan.iter_tasks())) == tasks
    assert len(plan.targets) == targets
    assert sum(len(task.milestones) for task in plan.iter_tasks()) == milestones
    assert collections.Counter(o.kind for o in plan_occurrences(plan)) == occurrences


def test_the_amending_decision_points_at_3026(repository):
    amends = repository.plans["bkhcn-cds-2023-2025"].amends
    assert (amends.decision, amends.date.isoformat(), amends.replaces_tasks) == ("3026/QĐ-BKHCN", "2021-11-24", True)


def test_blank_decision_numbers_stay_blank(repository):
    decision = repository.plans["ubqgcds-2023"].decision
    assert (decision.number, decision.date, decision.symbol) == (None, None, "QĐ-UBQGCĐS")
    assert decision.reference == "      /QĐ-UBQGCĐS"


def test_the_2025_plan_is_marked_as_a_press_summary(repository):
    assert repository.plans["bkhcn-ndcds-2025"].source.kind == "press"


def test_plan_files_are_nfc():
    for path in PLANS.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path


def test_tasks_without_a_source_time_take_the_plans_own_span(repository):
    """Where the source gives no time the plan's year (or period) stands in, never an invented date."""
    undated = 0
    for plan in repository.plans.values():
        span = plan.year if plan.year is not None else plan.period
        for task in plan.iter_tasks():
            if task.notes and "Văn bản không nêu thời hạn; lấy" in task.notes:
                undated += 1
                assert task.when == span, (plan.id, task.id, task.when)
    assert undated > 80
