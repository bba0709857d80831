"""Progress per agency and per occurrence: records in each agency's own file, and every view
answering from them (issue: one unit's report never changes another unit's standing)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cdsplan.progress.status import Request, record
from cdsplan.project import Project
from cdsplan.settings import find_settings

from .conftest import PLANS, ROOT

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A copy of this repository's plans, worked on from its root."""
    shutil.copytree(PLANS, tmp_path / "plans")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def status(*args: str, cli) -> object:
    return cli("status", *args)


def due_json(cli, *args: str) -> list[dict]:
    run = cli("due", *args, "--format", "json")
    assert run.code in (0, 1), run.err
    return json.loads(run.out)


@pytest.mark.vietnamese
def test_a_ministrys_own_record_leaves_every_other_holder_open(cli, project):
    run = cli("status", "ubqgcds-2023#PL.7.5", "done", "--agency", "Bộ Y tế", "--on", "2023-09-25", "--note", "Đã tổ chức hội thảo")
    assert run.code == 0, run.err
    assert (project / "progress" / "2023" / "bo-yt.yaml").is_file()
    assert cli("check").code == 0
    window = ("--month", "9", "--year", "2023", "--as-of", "2023-09-30")
    hanoi = [e for e in due_json(cli, *window, "--agency", "ha noi") if e["task"] == "PL.7.5"]
    assert [(e["holder"], e["status"], e["state"]) for e in hanoi] == [("ha-noi", "planned", "due")]
    national = [e for e in due_json(cli, *window) if e["task"] == "PL.7.5" and e["shared"]]
    (shared,) = [e["shared"] for e in national if e["holder"] == "bo-nganh-dia-phuong"]
    assert shared["done"] == 1 and shared["total"] > 60
    table = cli("due", *window).out
    assert f"đã hoàn thành 1/{shared['total']}" in table
    mine = [e for e in due_json(cli, *window, "--agency", "bo y te", "--include-done") if e["task"] == "PL.7.5"]
    assert [(e["status"], e["state"], e["note"]) for e in mine] == [("done", "done", "Đã tổ chức hội thảo")]


def test_a_yearly_item_done_for_2024_leaves_2025_open(cli, project):
    run = cli("status", "bkhcn-cds-2023-2025#PL.I.5", "done", "--on", "2024-12-20")
    assert run.code == 0, run.err
    assert "(2024)" in run.out and "occurrence 2024 chosen" in run.out  # chosen by the day, and said so
    entries = due_json(
        cli, "--from", "2024-01-01", "--to", "2025-12-31", "--as-of", "2025-12-31", "--include-done", "--plan", "bkhcn-cds-2023-2025"
    )
    mine = {e["period"]: e["state"] for e in entries if e["task"] == "PL.I.5" and e["kind"] == "task"}
    assert mine["2024"] == "done" and mine["2025"] == "due"


def test_a_target_value_shows_in_json_and_in_the_summary(cli, project):
    run = cli("status", "ubqgcds-2023#I.1.a", "--value", "85", "--on", "2023-12-20")
    assert run.code == 0, run.err
    window = ("--month", "12", "--year", "2023", "--as-of", "2023-12-31")
    (target,) = [e for e in due_json(cli, *window, "--agency", "ubqgcds") if e["task"] == "I.1.a"]
    assert target["achieved"] == [
        {"measure": 1, "comparison": "at_least", "planned": 100.0, "unit": "%", "achieved": 85.0, "on": "2023-12-20", "met": False}
    ]
    assert target["met"] is False
    summary = json.loads(cli("due", *window, "--summary", "--format", "json").out)
    row = next(r for r in summary if r["holder"] == "ubqgcds")
    assert row["total"] >= 1
    assert cli("status", "ubqgcds-2023#I.1.a", "--value", "85", "--measure", "3").code == 2  # it has one measure


def test_an_item_with_several_holders_needs_the_agency(cli, project):
    run = cli("status", "ubqgcds-2023#PL.7.5", "done", "--on", "2023-09-25")
    assert run.code == 2
    assert "is held by 99 agencies; say which one reports with --agency" in run.err and "Bộ Công an (bo-ca)" in run.err
    wrong = cli("status", "ubqgcds-2023#II.10", "done", "--agency", "ha noi", "--on", "2023-12-01")
    assert wrong.code == 2 and "does not hold" in wrong.err


def test_a_recurring_item_needs_an_occurrence_its_window_holds(cli, project):
    run = cli("status", "bkhcn-cds-2023-2025#PL.I.5", "done", "--occurrence", "2031", "--on", "2024-12-20")
    assert run.code == 2 and "has no occurrence '2031'" in run.err and "2023, 2024, 2025" in run.err
    assert cli("status", "bkhcn-cds-2023-2025#PL.I.5", "in_progress", "--occurrence", "2025", "--on", "2024-12-20").code == 0


def test_dry_run_shows_the_diff_and_writes_nothing(cli, project):
    run = cli("status", "ubqgcds-2023#II.10", "in_progress", "--on", "2023-10-02", "--note", "Đang xây dựng", "--dry-run")
    assert run.code == 0
    assert "+  - item: ubqgcds-2023#II.10" in run.out and "(dry run: nothing written)" in run.out
    assert not (project / "progress").exists()


def test_an_append_keeps_every_byte_of_the_file(cli, project):
    folder = project / "progress" / "2023"
    folder.mkdir(parents=True)
    original = (
        "\ufeff# Tiến độ của Bộ Y tế — chú thích giữ nguyên\r\n"
        "schema: cdsplan/v1\r\nagency: bo-yt\r\nyear: 2023\r\nrecords:\r\n"
        "    - item: ubqgcds-2023#II.10   # ghi chú cuối dòng\r\n      state: in_progress\r\n      on: 2023-10-02\r\n"
    ).encode("utf-8")
    (folder / "bo-yt.yaml").write_bytes(original)
    assert cli("status", "ubqgcds-2023#II.10", "done", "--on", "2023-12-15").code == 0
    after = (folder / "bo-yt.yaml").read_bytes()
    assert after.startswith(original)
    assert after[len(original) :] == b"    - item: ubqgcds-2023#II.10\r\n      state: done\r\n      on: 2023-12-15\r\n"
    done = [
        e
        for e in due_json(cli, "--month", "12", "--year", "2023", "--as-of", "2023-12-31", "--agency", "bo y te", "--include-done")
        if e["task"] == "II.10"
    ]
    assert [e["status"] for e in done] == ["done"]  # the latest record is the standing


def test_bulk_closes_an_agencys_open_items_of_a_plan(cli, project):
    run = cli(
        "status", "--plan", "bkhcn-cds-2023-2025", "--agency", "bo-khcn-ttcntt", "cancelled", "--on", "2025-06-30", "--note", "Bãi bỏ"
    )
    assert run.code == 0, run.err
    text = (project / "progress" / "2025" / "bo-khcn-ttcntt.yaml").read_text(encoding="utf-8")
    assert text.count("- item:") >= 3 and "state: cancelled" in text
    assert cli("check").code == 0
    left = due_json(
        cli,
        "--from",
        "2023-01-01",
        "--to",
        "2025-12-31",
        "--as-of",
        "2025-06-30",
        "--agency",
        "bo-khcn-ttcntt",
        "--plan",
        "bkhcn-cds-2023-2025",
    )
    assert left == []


def test_check_rejects_a_record_by_an_agency_that_does_not_hold_the_item(cli, project):
    folder = project / "progress" / "2023"
    folder.mkdir(parents=True)
    (folder / "ha-noi.yaml").write_text(
        "schema: cdsplan/v1\nagency: ha-noi\nyear: 2023\nrecords:\n  - item: ubqgcds-2023#II.10\n    state: done\n    on: 2023-12-01\n",
        encoding="utf-8",
    )
    run = cli("check")
    assert run.code == 1
    assert "progress/2023/ha-noi.yaml:5:11: error: Thành phố Hà Nội does not hold ubqgcds-2023#II.10" in run.out


def _sheet(cli, project, tmp_path, rows: dict[int, dict[str, str]]) -> Path:
    from openpyxl import load_workbook

    path = tmp_path / "hn.xlsx"
    assert (
        cli(
            "due", "--month", "9", "--year", "2023", "--as-of", "2023-09-30", "--agency", "ha noi", "--format", "xlsx", "-o", str(path)
        ).code
        == 0
    )
    book = load_workbook(path)
    sheet = book.active
    for row, cells in rows.items():
        for column, value in cells.items():
            sheet[f"{column}{row}"] = value
    book.save(path)
    return path


def test_an_imported_sheet_with_one_bad_row_writes_nothing_and_names_the_row(cli, project, tmp_path):
    sheet = _sheet(cli, project, tmp_path, {2: {"H": "done", "I": "25/09/2023"}, 3: {"H": "done", "I": "31/02/2023"}})
    run = cli("status", "--import", str(sheet))
    assert run.code == 1
    assert f"{sheet.name}:3:I: '31/02/2023' is not a day" in run.err
    assert not (project / "progress").exists()
    good = _sheet(
        cli, project, tmp_path, {2: {"H": "done", "I": "25/09/2023"}, 3: {"H": "Đang thực hiện", "I": "26/09/2023", "J": "Đã trình"}}
    )
    assert cli("status", "--import", str(good)).code == 0
    text = (project / "progress" / "2023" / "ha-noi.yaml").read_text(encoding="utf-8")
    assert text.count("- item:") == 2 and "state: in_progress" in text and "note: Đã trình" in text


def test_a_sheet_row_that_check_would_reject_is_named_with_its_column(cli, project, tmp_path):
    sheet = _sheet(cli, project, tmp_path, {2: {"B": "bo-yt", "H": "done", "I": "25/09/2023"}})
    run = cli("status", "--import", str(sheet))
    assert run.code == 1 and f"{sheet.name}:2:" in run.err and "nothing written" in run.err
    assert not (project / "progress").exists()


def test_a_csv_sheet_imports_too(cli, project, tmp_path):
    sheet = tmp_path / "hn.csv"
    sheet.write_text(
        "item,agency,occurrence,milestone,state,on,note\nubqgcds-2023#IV.0,ha-noi,2023-Q1,,done,2023-03-30,Kế hoạch số 12/KH-UBND\n",
        encoding="utf-8-sig",
    )
    run = cli("status", "--import", str(sheet))
    assert run.code == 0, run.err
    assert "Kế hoạch số 12/KH-UBND" in (project / "progress" / "2023" / "ha-noi.yaml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_two_agencies_recording_at_the_same_moment_both_keep_their_records(project):
    script = textwrap.dedent(
        """
        import datetime as dt, sys, time
        from pathlib import Path
        from cdsplan.progress import status
        from cdsplan.settings import find_settings
        original = status.write_atomic
        def slow(*args, **kwargs):
            time.sleep(0.4)  # both are between reading and writing at once
            return original(*args, **kwargs)
        status.write_atomic = slow
        status.record(find_settings(), [status.Request(sys.argv[1], "done", sys.argv[2], on=dt.date(2023, 9, 25))], today=dt.date(2026, 12, 1))
        """
    )
    jobs = [
        subprocess.Popen([sys.executable, "-c", script, "ubqgcds-2023#PL.7.5", agency], cwd=project)
        for agency in ("bo-yt", "ha-noi", "bo-yt", "da-nang")
    ]
    jobs[2].args[-2] = "ubqgcds-2023#PL.6.5"
    assert [job.wait(60) for job in jobs] == [0, 0, 0, 0]
    assert (project / "progress" / "2023" / "ha-noi.yaml").read_text(encoding="utf-8").count("- item:") == 1
    assert (project / "progress" / "2023" / "bo-yt.yaml").read_text(encoding="utf-8").count("- item:") == 2  # same file, both kept


def test_one_number_for_one_question_on_the_real_plans(cli, project):
    """`due --summary`, `due --include-done` and `tasks` count the same entries for the same question."""
    assert cli("status", "ubqgcds-2023#PL.7.5", "done", "--agency", "bo-yt", "--on", "2023-09-25").code == 0
    assert cli("status", "ubqgcds-2023#II.10", "in_progress", "--on", "2023-09-20").code == 0
    window = ("--month", "10", "--year", "2025", "--as-of", "2025-10-31")
    for agency in ("Bộ KH&CN", "Bộ TT&TT", "Đà Nẵng", "Quảng Nam", "bo y te"):
        listed = due_json(cli, *window, "--agency", agency, "--include-done")
        (row,) = json.loads(cli("due", *window, "--agency", agency, "--summary", "--format", "json").out)
        assert row["total"] == len(listed), agency
        assert row["overdue"] == sum(e["state"] == "overdue" for e in listed)
    # a successor's list is the same whichever name it is asked by
    assert due_json(cli, *window, "--agency", "Bộ TT&TT") == due_json(cli, *window, "--agency", "Bộ KH&CN")
    assert due_json(cli, *window, "--agency", "Quảng Nam") == due_json(cli, *window, "--agency", "Đà Nẵng")
    national = json.loads(cli("due", *window, "--summary", "--format", "json").out)
    per_agency = {row["holder"]: row["total"] for row in national}
    assert per_agency["bo-khcn"] == len(due_json(cli, *window, "--agency", "bo-khcn", "--include-done"))


@pytest.mark.vietnamese
def test_overdue_since_keeps_long_dead_items_out_and_says_how_many(cli, project):
    window = ("--month", "10", "--year", "2025", "--as-of", "2025-10-31", "--agency", "Bộ KH&CN")
    everything = due_json(cli, *window)
    recent = due_json(cli, *window, "--overdue-since", "2025-01-01")
    old = [e for e in everything if e["state"] == "overdue" and e["deadline"] < "2025-01-01"]
    assert old and len(recent) == len(everything) - len(old)
    assert f"({len(old)} mục quá hạn trước ngày 01/01/2025 không liệt kê" in cli("due", *window, "--overdue-since", "2025-01-01").out


def test_repeated_agency_and_plan_options_accumulate_and_units_come_with_a_ministry(cli, project):
    window = ("--month", "10", "--year", "2025", "--as-of", "2025-10-31")
    both = {e["holder"] for e in due_json(cli, *window, "--agency", "bo y te", "--agency", "ha noi")}
    assert both == {"bo-yt", "ha-noi"}
    plans = {e["plan"] for e in due_json(cli, *window, "--plan", "bkhcn-cds-2023-2025", "--plan", "bkhcn-ndcds-2025")}
    assert plans == {"bkhcn-cds-2023-2025", "bkhcn-ndcds-2025"}
    alone = {e["holder"] for e in due_json(cli, *window, "--agency", "Bộ KH&CN")}
    units = {e["holder"] for e in due_json(cli, *window, "--agency", "Bộ KH&CN", "--include-units")}
    assert alone == {"bo-khcn"} and {"bo-khcn", "bo-khcn-ttcntt", "bo-khcn-vp"} <= units


def test_status_blocks_move_into_records_and_nothing_else_changes(cli, tmp_path, monkeypatch):
    from .conftest import FIXTURES

    shutil.copytree(FIXTURES / "mini", tmp_path / "mini")
    monkeypatch.chdir(tmp_path / "mini")
    plan = tmp_path / "mini" / "plans" / "2023" / "mini.yaml"
    before = plan.read_text(encoding="utf-8")
    window = ("--month", "9", "--year", "2023", "--as-of", "2023-09-20", "--include-done")
    standing = sorted((e["task"], e["status"]) for e in due_json(cli, *window))
    run = cli("status", "--migrate")
    assert run.code == 0, run.err
    after = plan.read_text(encoding="utf-8")
    start = before.index("        status:")
    end = before.index("\n", before.index("note:", start)) + 1 if "note:" in before[start:] else None
    removed = before[start:end]
    assert after == before.replace(removed, "", 1)
    assert "status:" not in after and cli("check").code == 0
    assert sorted((e["task"], e["status"]) for e in due_json(cli, *window)) == standing


def test_the_library_refuses_a_future_day():
    settings = find_settings(ROOT)
    with pytest.raises(Exception, match="in the future"):
        record(settings, [Request("ubqgcds-2023#II.10", "done", on=dt.date(2999, 1, 1))], today=TODAY, dry_run=True)
    assert Project.open(settings).check().errors == 0
