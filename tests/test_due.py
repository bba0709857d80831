"""`cdsplan due` and `cdsplan tasks` over the real plans and small fixtures, with fixed dates."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import unicodedata

import pytest

from cdsplan.schedule.due import Query, asked_agencies, classify, month_window
from cdsplan.schedule.due import entries as find_entries

from .conftest import FIXTURES, load_plans

D = dt.date


@pytest.fixture(scope="module")
def real(repository):
    return repository, repository.occurrences


def agency_ids(registry, query):
    return frozenset(agency.id for agency in registry.find(query))


def entries(occurrences, query, registry, standing=None, **options):
    """The entries of a view, with query.agencies as the ids asked for (mapped to holders as --agency does)."""
    if query.agencies is not None:
        query = dataclasses.replace(query, agencies=asked_agencies(registry, query.agencies, query.as_of))
    return find_entries(occurrences, query, registry, standing, **options).entries


def listed(real, start, end, as_of, agency=None, plan=None, **options):
    repo, occurrences = real
    agencies = agency_ids(repo.registry, agency) if agency else None
    plans = frozenset([plan]) if plan else None
    return entries(occurrences, Query(start, end, as_of, agencies, plans, **options), repo.registry, repo.project.standing)


def keyed(found):
    return {(e.occurrence.plan.id, e.occurrence.item.id, e.occurrence.kind, e.state) for e in found}


def test_province_items_due_in_september_2023(real):
    found = listed(real, *month_window(2023, 9), D(2023, 9, 1))
    due = {
        (e.occurrence.item.id, e.occurrence.milestone.title if e.occurrence.milestone else None)
        for e in found
        if e.state == "due" and e.occurrence.plan.id == "ubqgcds-2023" and e.occurrence.item.id.startswith("IV.")
    }
    # Hà Nội, Bà Rịa – Vũng Tàu, Hải Phòng: "tổ chức sơ kết triển khai trong tháng 9/2023"
    for task in ("IV.1", "IV.4", "IV.28.a", "IV.63"):
        assert (task, "Tổ chức sơ kết triển khai") in due
    for entry in found:
        if entry.state == "due":
            assert D(2023, 9, 1) <= entry.occurrence.deadline <= D(2023, 9, 30)


def test_overdue_counts_days_late(real):
    found = listed(real, *month_window(2023, 9), D(2023, 9, 15), "ha noi")
    plan_issued = next(e for e in found if e.occurrence.kind == "milestone" and e.occurrence.window.deadline == D(2023, 3, 31))
    assert plan_issued.state == "overdue"
    assert plan_issued.days == -168
    assert plan_issued.occurrence.when == "trong Quý I/2023"


def test_the_three_2024_submissions_before_15_august(real):
    found = listed(real, *month_window(2024, 8), D(2024, 8, 1), plan="btttt-ndcds-2024")
    submissions = {e.occurrence.item.id for e in found if e.occurrence.when == "trước ngày 15/8/2024"}
    assert submissions == {"IV.1.2", "IV.2.3", "IV.3.2"}
    for entry in found:
        if entry.occurrence.when == "trước ngày 15/8/2024":
            assert (entry.occurrence.start, entry.occurrence.deadline, entry.state) == (None, D(2024, 8, 14), "due")
    late = listed(real, *month_window(2024, 9), D(2024, 9, 2), plan="btttt-ndcds-2024")
    assert {e.occurrence.item.id for e in late if e.state == "overdue" and e.occurrence.when == "trước ngày 15/8/2024"} == submissions


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_yearly_items_of_the_most_catalogue_fall_due_each_december(real, year):
    found = listed(real, *month_window(year, 12), D(year, 12, 1), plan="bkhcn-cds-2023-2025")
    yearly = {e.occurrence.item.id for e in found if e.state == "due" and e.occurrence.when == "Hằng năm"}
    plan = real[0].plans["bkhcn-cds-2023-2025"]
    expected = {task.id for task in plan.iter_tasks() if task.when == "Hằng năm"}
    assert yearly == expected and len(expected) >= 20
    for entry in found:
        if entry.occurrence.when == "Hằng năm" and entry.state == "due":
            assert (entry.occurrence.start, entry.occurrence.deadline) == (D(year, 1, 1), D(year, 12, 31))
            assert entry.occurrence.total == 3 and entry.occurrence.number == year - 2022


def test_multi_year_task_is_upcoming_while_in_progress(real):
    found = listed(real, *month_window(2024, 5), D(2024, 5, 1), plan="bkhcn-cds-2023-2025")
    states = {e.state for e in found if e.occurrence.when == "2023-2025"}
    assert states == {"upcoming"}


@pytest.mark.parametrize("query", ["bo y te", "Bộ Y tế", "BYT", "bo-yt", unicodedata.normalize("NFD", "BỘ Y TẾ")])
def test_agency_matching_ignores_accents_case_and_normal_form(real, query):
    assert agency_ids(real[0].registry, query) == {"bo-yt"}


def test_agency_matching_finds_provinces_by_bare_name(real):
    assert agency_ids(real[0].registry, "hoa binh") == {"hoa-binh"}
    assert agency_ids(real[0].registry, "Hoà Bình") == {"hoa-binh"}  # old tone placement


def test_successor_inherits_open_tasks_after_the_merger(real):
    repo, occurrences = real
    window = (D(2025, 1, 1), D(2025, 12, 31))
    before = entries(occurrences, Query(*window, D(2025, 2, 1), agency_ids(repo.registry, "Bộ KH&CN")), repo.registry)
    after = entries(occurrences, Query(*window, D(2025, 3, 1), agency_ids(repo.registry, "Bộ KH&CN")), repo.registry)
    assert not [e for e in before if e.inherited_from == "bo-tttt"]
    inherited = [e for e in after if e.inherited_from == "bo-tttt"]
    assert inherited and all(e.holder == "bo-khcn" and "bo-tttt" in e.occurrence.lead for e in inherited)
    # and the other way: asking for the old ministry still finds its tasks, now held by the successor
    old = entries(occurrences, Query(*window, D(2025, 3, 1), agency_ids(repo.registry, "Bộ TT&TT")), repo.registry)
    assert {e.holder for e in old} == {"bo-khcn"}


def test_done_items_are_hidden_unless_asked(tmp_path):
    repo = load_plans(FIXTURES / "mini" / "plans")
    occurrences = repo.occurrences
    query = Query(*month_window(2023, 9), D(2023, 9, 20))
    assert "I.3" not in {e.occurrence.item.id for e in entries(occurrences, query, repo.registry)}
    query = Query(*month_window(2023, 9), D(2023, 9, 20), include_done=True)
    done = [e for e in entries(occurrences, query, repo.registry) if e.occurrence.item.id == "I.3"]
    assert [e.state for e in done] == ["done"]


def test_state_rules_in_one_table():
    repo = load_plans(FIXTURES / "mini" / "plans")
    by_id = {(o.item.id, o.kind): o for o in repo.occurrences}
    september = Query(*month_window(2023, 9), D(2023, 9, 1))
    assert classify(by_id[("I.1", "task")], september) == "overdue"  # Quý I
    assert classify(by_id[("I.2", "milestone")], september) == "due"  # sơ kết tháng 9
    assert classify(by_id[("I.2", "task")], september) == "later"  # tháng 12: not begun in September
    assert classify(by_id[("I.2", "task")], Query(*month_window(2023, 12), D(2023, 12, 1))) == "due"


def test_weekend_deadline_is_flagged_with_the_next_working_day(real):
    found = listed(real, *month_window(2023, 9), D(2023, 9, 1), "ha noi")
    sept = next(e for e in found if e.occurrence.deadline == D(2023, 9, 30))
    assert (sept.day_off, sept.working_deadline) == ("Thứ Bảy", D(2023, 10, 2))


def test_json_contract(cli, repo_cwd):
    run = cli("due", "--month", "9", "--year", "2023", "--as-of", "2023-09-15", "--agency", "ha noi", "--format", "json")
    records = json.loads(run.out)
    required = {
        "plan",
        "task",
        "title",
        "lead",
        "support",
        "when",
        "start",
        "deadline",
        "status",
        "state",
        "file",
        "line",
        "days",
        "milestone",
    }
    assert records and all(required <= set(record) for record in records)
    own = [record for record in records if record["lead"] == ["ha-noi"]]
    first = own[0]
    assert first["file"] == "plans/2023/ubqgcds-2023.yaml" and first["line"] > 0
    assert first["state"] == "overdue" and first["holder"] == "ha-noi" and first["via_group"] is None
    shared = [record for record in records if record["via_group"] == "dia-phuong"]
    assert shared and all(record["holder"] == "ha-noi" for record in shared)


def test_csv_opens_in_excel_with_vietnamese_intact(cli, repo_cwd):
    run = cli("due", "--month", "9", "--year", "2023", "--as-of", "2023-09-15", "--agency", "ha noi", "--format", "csv")
    assert run.out.startswith("\ufeffplan,task,")
    rows = list(csv.DictReader(io.StringIO(run.out.lstrip("\ufeff"))))
    own = [row for row in rows if row["lead"] == "ha-noi"]
    assert own and "quận, huyện" in own[0]["title"]
    assert all(row["holder"] == "ha-noi" for row in rows)


def test_ics_has_one_event_per_occurrence_with_stable_uids(real):
    from icalendar import Calendar

    from cdsplan.reports.due import ics

    query = Query(*month_window(2023, 9), D(2023, 9, 15))

    def events():
        found = entries(real[1], query, real[0].registry)
        return list(Calendar.from_ical(ics(found, query, real[0].registry)).walk("VEVENT"))

    first, second = events(), events()
    uids = [str(event["uid"]) for event in first]
    assert len(uids) == len(set(uids)) > 10
    assert uids == [str(event["uid"]) for event in second]
    hanoi = next(e for e in first if "ubqgcds-2023#IV.1]" in str(e["summary"]) and e.decoded("dtstart") == D(2023, 9, 30))
    assert "Sơ kết" in str(hanoi["summary"]) or "sơ kết" in str(hanoi["summary"])


def test_fail_on_overdue(cli, repo_cwd):
    assert cli("due", "--month", "9", "--year", "2023", "--as-of", "2023-09-15", "--fail-on-overdue").code == 1
    assert (
        cli("due", "--month", "1", "--year", "2023", "--as-of", "2023-01-01", "--plan", "bkhcn-ndcds-2023", "--fail-on-overdue").code == 0
    )


def test_bad_options_are_usage_errors(cli, repo_cwd):
    run = cli("due", "--from", "2023-09-01")
    assert (run.code, run.err) == (2, "cdsplan: error: --from and --to go together\n")
    assert cli("due", "--plan", "ubqgcds-2203").err == "cdsplan: error: no plan 'ubqgcds-2203' (did you mean 'ubqgcds-2023'?)\n"
    assert cli("due", "--agency", "bo nonexistent").code == 2


def test_tasks_lists_every_occurrence(cli, repo_cwd, real):
    records = json.loads(cli("tasks", "--format", "json", "--as-of", "2024-01-01").out)
    per_lead = sum(len(o.lead) for o in real[1])
    assert len(records) == per_lead
    assert {r["state"] for r in records} <= {"done", "overdue", "due", "upcoming", "later"}


def test_a_province_also_gets_what_every_province_was_asked(real):
    found = listed(real, *month_window(2023, 3), D(2023, 3, 1), "ha noi")
    shared = {(e.occurrence.item.id, e.via_group) for e in found if e.via_group}
    assert ("IV.0", "dia-phuong") in shared  # "trong Quý I/2023 ban hành kế hoạch chuyển đổi số …"
    assert ("PL.1.3", "bo-nganh-dia-phuong") in shared
    assert all(e.holder == "ha-noi" for e in found)
    ministry = listed(real, *month_window(2023, 3), D(2023, 3, 1), "bo y te")
    assert ("III.0", "bo-nganh") in {(e.occurrence.item.id, e.via_group) for e in ministry}
    assert "IV.0" not in {e.occurrence.item.id for e in ministry}


def test_table_fits_80_columns_and_has_no_colour_off_a_terminal(cli, repo_cwd):
    run = cli("due", "--month", "9", "--year", "2023", "--as-of", "2023-09-15", "--include-done")
    lines = run.out.splitlines()
    assert len(lines) > 100
    assert max(len(line) for line in lines) <= 80
    assert "\x1b[" not in run.out
    assert "Thành phố Hà Nội" in run.out  # Vietnamese intact


@pytest.mark.parametrize("as_of", [dt.date(2023, 3, 1), dt.date(2023, 6, 30), dt.date(2024, 1, 15)])
def test_a_group_item_nobody_recorded_is_judged_once_as_every_holder_would_be(real, monkeypatch, as_of):
    """The national view judges a group's item once when no holder recorded anything (a monthly
    task to thousands of units); it must say what judging each holder says."""
    from cdsplan.progress.records import Standing

    repo, occurrences = real
    query = Query(dt.date(2023, 1, 1), dt.date(2023, 12, 31), as_of)
    nobody = Standing(())
    fast = find_entries(occurrences, query, repo.registry, nobody).entries
    monkeypatch.setattr(Standing, "any_record", lambda self, occurrence: True)
    slow = find_entries(occurrences, query, repo.registry, nobody).entries
    shared = [entry for entry in fast if entry.shared is not None]
    assert shared and (as_of < dt.date(2023, 6, 1) or any(entry.shared.late for entry in shared))
    assert fast == slow
