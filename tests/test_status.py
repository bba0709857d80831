"""`cdsplan status`: byte-exact round trips, minimal edits, refusals, atomic and locked writes."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from cdsplan import files
from cdsplan.errors import CdsplanError, UsageError
from cdsplan.model.plan import Plan
from cdsplan.progress import status as status_module
from cdsplan.progress.status import set_status, task_paths
from cdsplan.progress.yamledit import Document, EditError, NewStatus, render_scalar, set_task_status
from cdsplan.project import Refused as PlanRefused
from cdsplan.reading.loader import load_bytes, validate
from cdsplan.reading.yamlfile import parse
from cdsplan.settings import settings_from

from .conftest import PLANS, ROOT, check
from .conftest import TINY_AGENCIES as AGENCIES

TODAY = dt.date(2024, 12, 31)


PLAN = """\
# Kế hoạch thử nghiệm — giữ nguyên chú thích này.
schema: cdsplan/v1
id: thu-2024
title: "Kế hoạch thử nghiệm năm 2024"
year: 2024
issuer: bo-tttt
decision:
  number: '123'
  symbol: QĐ-BTTTT
  date: 2024-03-15
sections:
  - id: I
    title: NHIỆM VỤ   # tiêu đề mục

    tasks:
      - id: I.1
        title: 'Ban hành kế hoạch: dữ liệu mở'
        lead: bo-yt
        support: [ bo-tttt ]
        when: trong Quý II/2024

      - id: I.2
        title: Tổ chức sơ kết
        lead: [bo-yt]
        when: trong tháng
          12/2024
      - id: I.3
        title: Gửi báo cáo
        lead: bo-tttt
        when: trước ngày 15/9/2024
        status:
          state: in_progress   # đã gọi điện
          on: 2024-04-01
          note: "Đang soạn thảo"
        notes: |
          Ghi chú nhiều dòng.
          Dòng hai.
      - id: I.4
        title: Rà soát
        lead: bo-tttt
        when: cuối năm
        status: done
  - id: II
    title: TỔ CHỨC THỰC HIỆN
    tasks:
      - id: II.1
        title: Theo dõi
        lead: bo-tttt
        when: Hằng năm
        notes: >-
          Văn bản không nêu thời hạn.
"""

OTHER = """\
schema: cdsplan/v1
id: khac-2023
title: Kế hoạch khác năm 2023
year: 2023
issuer: bo-tttt
sections:
  - id: I
    title: NHIỆM VỤ
    tasks:
      - id: I.1
        title: Một nhiệm vụ cùng số hiệu
        lead: bo-tttt
        when: 2023
      - id: K.9
        title: Nhiệm vụ có số hiệu riêng
        lead: bo-tttt
        when: trong tháng 9/2023"""  # no line break at the end of the file


@pytest.fixture
def plans(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)  # files are shown relative to the working directory
    folder = tmp_path / "plans"
    (folder / "2024").mkdir(parents=True)
    (folder / "2023").mkdir()
    (folder / "agencies.yaml").write_text(AGENCIES, encoding="utf-8")
    (folder / "2024" / "thu.yaml").write_bytes(PLAN.encode())
    (folder / "2023" / "khac.yaml").write_bytes(OTHER.encode())
    return folder


def load_file(path: Path):
    return load_bytes(str(path), path.read_bytes())


def run(plans: Path, ref: str, state: str, **options):
    return set_status(settings_from(plans.parent, {}, None), ref, state, today=TODAY, **options)


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """(removed lines, added lines) between two texts."""
    removed, added = [], []
    for line in difflib.unified_diff(old.split("\n"), new.split("\n"), n=0, lineterm=""):
        if line.startswith(("---", "+++", "@@")):
            continue
        (removed if line.startswith("-") else added).append(line[1:])
    return removed, added


def data_of(text: str) -> dict:
    return parse("x.yaml", text).data


def task_data(data: dict, task_id: str) -> dict:
    def walk(sections):
        for section in sections:
            yield from section.get("tasks", [])
            yield from walk(section.get("sections", []))

    return next(task for task in walk(data["sections"]) if task["id"] == task_id)


def test_fixture_passes_check(plans):
    result = check([plans])
    assert [p for p in result.problems if p.severity == "error"] == []


# --------------------------------------------------------------------------- #
# The round-trip layer on the real plans
# --------------------------------------------------------------------------- #

REAL_FILES = sorted(PLANS.rglob("*.yaml"))


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda path: path.relative_to(PLANS).as_posix())
def test_real_files_round_trip_byte_exact(path):
    raw = path.read_bytes()
    assert Document.from_bytes(raw, str(path)).to_bytes() == raw
    for variant in (b"\xef\xbb\xbf" + raw, raw.replace(b"\n", b"\r\n")):  # BOM and CRLF survive too
        assert Document.from_bytes(variant).to_bytes() == variant


def _representative_tasks(path: Path) -> list[tuple[str, tuple]]:
    """One task per layout (its last key and that value's kind, a status or not), and the file's last task."""
    loaded = load_file(path)
    assert loaded.plan is not None, loaded.problems
    chosen: dict[tuple, tuple[str, tuple]] = {}
    last = None
    for task, task_path in task_paths(loaded.plan):
        raw = loaded.parsed.data
        for part in task_path:
            raw = raw[part]
        last_key = list(raw)[-1]
        signature = (last_key, type(raw[last_key]).__name__, "status" in raw, "\n" in str(raw[last_key]))
        chosen.setdefault(signature, (task.id, task_path))
        last = (task.id, task_path)
    picked = list(chosen.values())
    if last not in picked:
        picked.append(last)
    return picked


@pytest.mark.parametrize("path", [p for p in REAL_FILES if p.name != "agencies.yaml"], ids=lambda path: path.relative_to(PLANS).as_posix())
def test_status_edits_on_real_plans_touch_only_status_lines(path):
    raw = path.read_bytes()
    document = Document.from_bytes(raw, str(path))
    old_plan = load_file(path).plan
    for task_id, task_path in _representative_tasks(path):
        first = set_task_status(document, task_path, NewStatus("done", dt.date(2024, 5, 2), "Đã xong: 100%"), str(path))
        removed, added = changed_lines(document.text, first.text)
        assert removed == []
        indent = " " * (len(added[0]) - len(added[0].lstrip()))
        assert added == [f"{indent}status:", f"{indent}  state: done", f"{indent}  on: 2024-05-02", f"{indent}  note: 'Đã xong: 100%'"], task_id
        second = set_task_status(first, task_path, NewStatus("in_progress", dt.date(2024, 6, 1)), str(path))
        removed, added = changed_lines(first.text, second.text)
        assert removed == [f"{indent}  state: done", f"{indent}  on: 2024-05-02", f"{indent}  note: 'Đã xong: 100%'"]
        assert added == [f"{indent}  state: in_progress", f"{indent}  on: 2024-06-01"]
        # The model reads the edited file as the same plan with that one status.
        problems: list = []
        parsed = parse(str(path), second.text)
        plan, _salvaged = validate(parsed, Plan, problems)
        assert problems == [] and isinstance(plan, Plan)
        assert plan.task(task_id).status.model_dump() == {"state": "in_progress", "on": dt.date(2024, 6, 1), "note": None}
        expected = old_plan.model_dump()
        assert {k: v for k, v in plan.model_dump().items() if k != "sections"} == {k: v for k, v in expected.items() if k != "sections"}


# --------------------------------------------------------------------------- #
# What an edit changes — and keeps
# --------------------------------------------------------------------------- #


def test_new_status_is_added_after_the_tasks_keys(plans):
    file = plans / "2024" / "thu.yaml"
    result = run(plans, "thu-2024#I.1", "in_progress", on=dt.date(2024, 4, 2), note="Đã ban hành: dự thảo")
    assert result.written and result.changed
    assert result.summary() == "plans/2024/thu.yaml: thu-2024#I.1 planned → in_progress on 2024-04-02 (Đã ban hành: dự thảo)"
    text = file.read_text(encoding="utf-8")
    removed, added = changed_lines(PLAN, text)
    assert removed == []
    assert added == ["        status:", "          state: in_progress", "          on: 2024-04-02", "          note: 'Đã ban hành: dự thảo'"]
    # placed after `when:`, before the blank line that separates the tasks
    assert "        when: trong Quý II/2024\n        status:\n" in text
    assert "          note: 'Đã ban hành: dự thảo'\n\n      - id: I.2\n" in text


def test_existing_block_changes_only_its_values_and_keeps_comments(plans):
    file = plans / "2024" / "thu.yaml"
    run(plans, "thu-2024#I.3", "done", on=dt.date(2024, 9, 10), note="Đã gửi")
    text = file.read_text(encoding="utf-8")
    removed, added = changed_lines(PLAN, text)
    assert removed == ["          state: in_progress   # đã gọi điện", "          on: 2024-04-01", '          note: "Đang soạn thảo"']
    assert added == ["          state: done   # đã gọi điện", "          on: 2024-09-10", "          note: Đã gửi"]


def test_without_note_an_old_note_is_dropped(plans):
    file = plans / "2024" / "thu.yaml"
    run(plans, "thu-2024#I.3", "done", on=dt.date(2024, 9, 10))
    removed, added = changed_lines(PLAN, file.read_text(encoding="utf-8"))
    assert removed == ["          state: in_progress   # đã gọi điện", "          on: 2024-04-01", '          note: "Đang soạn thảo"']
    assert added == ["          state: done   # đã gọi điện", "          on: 2024-09-10"]
    assert task_data(data_of(file.read_text(encoding="utf-8")), "I.3")["notes"] == "Ghi chú nhiều dòng.\nDòng hai.\n"


def test_shorthand_status_becomes_a_block(plans):
    file = plans / "2024" / "thu.yaml"
    run(plans, "thu-2024#I.4", "cancelled", on=dt.date(2024, 11, 1))
    removed, added = changed_lines(PLAN, file.read_text(encoding="utf-8"))
    assert removed == ["        status: done"]
    assert added == ["        status:", "          state: cancelled", "          on: 2024-11-01"]


def test_after_a_folded_block_scalar_and_at_end_of_file(plans):
    run(plans, "II.1", "done", on=dt.date(2024, 12, 30))
    text = (plans / "2024" / "thu.yaml").read_text(encoding="utf-8")
    assert text.endswith("        notes: >-\n          Văn bản không nêu thời hạn.\n        status:\n          state: done\n          on: 2024-12-30\n")
    assert task_data(data_of(text), "II.1")["notes"] == "Văn bản không nêu thời hạn."
    # a file without a final line break keeps having none
    run(plans, "K.9", "done", on=dt.date(2023, 9, 30))
    other = (plans / "2023" / "khac.yaml").read_bytes()
    assert other == OTHER.encode() + b"\n        status:\n          state: done\n          on: 2023-09-30"


def test_multi_line_plain_scalar_before_the_status(plans):
    run(plans, "thu-2024#I.2", "done", on=dt.date(2024, 12, 20))
    text = (plans / "2024" / "thu.yaml").read_text(encoding="utf-8")
    assert "        when: trong tháng\n          12/2024\n        status:\n          state: done\n" in text


def test_crlf_bom_and_file_mode_are_kept(plans):
    file = plans / "2024" / "thu.yaml"
    original = b"\xef\xbb\xbf" + PLAN.encode().replace(b"\n", b"\r\n")
    file.write_bytes(original)
    file.chmod(0o640)
    run(plans, "thu-2024#I.1", "done", on=dt.date(2024, 6, 30), note="Xong")
    new = file.read_bytes()
    assert new.startswith(b"\xef\xbb\xbf")
    assert new.count(b"\n") == new.count(b"\r\n")  # every line still ends in CRLF
    assert oct(file.stat().st_mode & 0o777) == oct(0o640)
    removed, added = changed_lines(original.decode("utf-8-sig"), new.decode("utf-8-sig"))
    assert removed == []
    assert added == ["        status:\r", "          state: done\r", "          on: 2024-06-30\r", "          note: Xong\r"]


def test_symlinked_plan_is_edited_through_the_link(plans, tmp_path):
    real = tmp_path / "real.yaml"
    real.write_bytes((plans / "2024" / "thu.yaml").read_bytes())
    (plans / "2024" / "thu.yaml").unlink()
    (plans / "2024" / "thu.yaml").symlink_to(real)
    run(plans, "thu-2024#I.1", "done", on=dt.date(2024, 6, 30))
    assert (plans / "2024" / "thu.yaml").is_symlink()
    assert "state: done" in real.read_text(encoding="utf-8")


def test_same_status_again_changes_nothing(plans):
    file = plans / "2024" / "thu.yaml"
    result = run(plans, "thu-2024#I.3", "in_progress", on=dt.date(2024, 4, 1), note="Đang soạn thảo")
    assert not result.changed and not result.written and result.diff == ""
    assert result.summary().endswith("already recorded, nothing to change")
    assert file.read_bytes() == PLAN.encode()


def test_dry_run_prints_the_diff_and_writes_nothing(plans):
    file = plans / "2024" / "thu.yaml"
    result = run(plans, "thu-2024#I.1", "done", on=dt.date(2024, 6, 30), dry_run=True)
    assert file.read_bytes() == PLAN.encode()
    assert not result.written
    assert result.diff.startswith("--- a/") and "\n+++ b/" in result.diff
    assert [line for line in result.diff.splitlines() if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))] == [
        "+        status:",
        "+          state: done",
        "+          on: 2024-06-30",
    ]


def test_dry_run_diff_marks_a_missing_final_line_break(plans):
    result = run(plans, "K.9", "done", on=dt.date(2023, 9, 30), dry_run=True)
    assert "\\ No newline at end of file" in result.diff


@pytest.mark.parametrize(
    "note",
    ["Đã xong", "a: b", "- x", "#1", "yes", "null", "2024-01-01", "10", "  lead", "x #y", "dòng 1\ndòng 2", "it's", '"q"', "a\tb", "\u2028", "~"],
)
def test_notes_are_quoted_as_needed_and_read_back(note):
    scalar = render_scalar(note)
    assert "\n" not in scalar
    assert parse("x", f"note: {scalar}\n").data["note"] == note


ODD = """\
sections:
  - id: I
    tasks:
      - id: I.1
        status:
          # giữa khối
          state: in_progress
          on: 2024-01-01   # ngày
          note: >
            dòng một
            dòng hai

        # chú thích cuối
        notes: abc
      - id: I.2
        status: {state: done, on: 2024-02-01}  # gọn
        when: 2024
      - id: I.3
        notes:
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_odd_layouts(newline):
    document = Document(ODD.replace("\n", newline))
    day = dt.date(2024, 5, 1)
    first = set_task_status(document, ("sections", 0, "tasks", 0), NewStatus("done", day, "mới"))
    removed, added = changed_lines(ODD, first.text.replace("\r\n", "\n"))
    assert removed == ["          state: in_progress", "          on: 2024-01-01   # ngày", "          note: >", "            dòng một", "            dòng hai"]
    assert added == ["          state: done", "          on: 2024-05-01   # ngày", "          note: mới"]  # comments stay
    second = set_task_status(document, ("sections", 0, "tasks", 1), NewStatus("cancelled", day))
    removed, added = changed_lines(ODD, second.text.replace("\r\n", "\n"))
    assert removed == ["        status: {state: done, on: 2024-02-01}  # gọn"]
    assert added == ["        status:", "          state: cancelled", "          on: 2024-05-01  # gọn"]
    third = set_task_status(document, ("sections", 0, "tasks", 2), NewStatus("done", day))
    assert third.text.replace("\r\n", "\n") == ODD + "        status:\n          state: done\n          on: 2024-05-01\n"
    for edited in (first, second, third):
        assert edited.text.count("\n") == edited.text.count(newline)


def test_flow_style_task_is_refused_with_a_clear_message():
    text = "schema: cdsplan/v1\nsections:\n  - id: I\n    title: X\n    tasks: [{id: I.1, title: T, lead: a, when: 2024}]\n"
    with pytest.raises(EditError, match="flow style"):
        set_task_status(Document(text), ("sections", 0, "tasks", 0), NewStatus("done", dt.date(2024, 1, 1)))


# --------------------------------------------------------------------------- #
# References, dates and refusals
# --------------------------------------------------------------------------- #


def test_task_id_alone_when_unique(plans):
    assert run(plans, "K.9", "done", on=dt.date(2023, 9, 30)).ref == "khac-2023#K.9"


def test_ambiguous_task_id_is_a_usage_error(plans):
    with pytest.raises(UsageError, match=r"task id 'I.1' is in 2 plans \(khac-2023#I.1, thu-2024#I.1\): write plan#task") as info:
        run(plans, "I.1", "done")
    assert info.value.exit_code == 2


def test_unknown_plan_and_task_suggest_the_closest(plans):
    with pytest.raises(UsageError, match=r"no plan 'thu-2042' \(did you mean 'thu-2024'\?\)"):
        run(plans, "thu-2042#I.1", "done")
    with pytest.raises(UsageError, match=r"plan thu-2024 has no task 'I.11' \(did you mean 'I.1'\?\)"):
        run(plans, "thu-2024#I.11", "done")
    with pytest.raises(UsageError, match=r"unknown state 'finished'"):
        run(plans, "K.9", "finished")


def test_dates_in_the_future_or_before_the_plan_are_refused(plans):
    with pytest.raises(UsageError, match=r"--on 2025-01-01 is in the future \(today is 2024-12-31\)"):
        run(plans, "thu-2024#I.1", "done", on=dt.date(2025, 1, 1))
    with pytest.raises(UsageError, match=r"--on 2024-03-14 is before plan thu-2024 was issued \(2024-03-15"):
        run(plans, "thu-2024#I.1", "done", on=dt.date(2024, 3, 14))
    with pytest.raises(UsageError, match=r"--on 2022-12-31 is before plan khac-2023 begins \(1 January 2023"):
        run(plans, "K.9", "done", on=dt.date(2022, 12, 31))
    assert run(plans, "K.9", "done", on=dt.date(2023, 1, 1)).written
    assert run(plans, "thu-2024#I.1", "done").new.on == TODAY  # --on defaults to today


def test_plan_with_check_errors_is_refused_untouched(plans):
    file = plans / "2024" / "thu.yaml"
    broken = PLAN.replace("lead: bo-yt\n", "lead: bo-yte\n", 1)
    file.write_text(broken, encoding="utf-8")
    with pytest.raises(PlanRefused) as info:
        run(plans, "thu-2024#I.2", "done")
    assert info.value.exit_code == 1
    message = str(info.value)
    assert message.startswith("cannot record progress: plans/2024/thu.yaml does not pass `cdsplan check`; fix these first:\n")
    assert "plans/2024/thu.yaml:18:15: error: unknown agency 'bo-yte'" in message
    assert file.read_text(encoding="utf-8") == broken


def test_plan_that_does_not_load_is_refused_with_its_problems(plans):
    file = plans / "2024" / "thu.yaml"
    file.write_text(PLAN.replace("        lead: bo-yt\n", "        laed: bo-yt\n", 1), encoding="utf-8")
    with pytest.raises(PlanRefused, match=r"unknown key 'laed' \(did you mean 'lead'\?\)"):
        run(plans, "thu-2024#I.2", "done")


def test_newer_schema_is_refused_with_the_newer_cdsplan_message(plans):
    file = plans / "2024" / "thu.yaml"
    file.write_text(PLAN.replace("schema: cdsplan/v1", "schema: cdsplan/v2"), encoding="utf-8")
    with pytest.raises(PlanRefused, match="written for a newer cdsplan"):
        run(plans, "thu-2024#I.1", "done")


def test_warnings_do_not_stop_an_edit(plans):
    file = plans / "2024" / "thu.yaml"
    file.write_text(PLAN.replace("when: cuối năm", "when: 2025"), encoding="utf-8")  # outside the year: a warning
    assert run(plans, "thu-2024#I.1", "done").written


# --------------------------------------------------------------------------- #
# Atomic writes and the lock
# --------------------------------------------------------------------------- #


def leftovers(folder: Path) -> list[str]:
    """Hidden files beside the plans, but the lock files (filelock keeps them, as pip's do)."""
    return sorted(path.name for path in folder.iterdir() if path.name.startswith(".") and not path.name.endswith(".cdsplan-lock"))


def test_crash_before_rename_leaves_the_original_and_no_temporary(plans, monkeypatch):
    folder = plans / "2024"

    def crash(source, target):
        assert Path(source).read_bytes() != PLAN.encode()  # the new content was fully written …
        raise OSError(28, "No space left on device")  # … and then the rename fails

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(CdsplanError, match="^plans/2024/thu.yaml: cannot write: the disk is full; free some space and try again$"):
        run(plans, "thu-2024#I.1", "done")
    assert (folder / "thu.yaml").read_bytes() == PLAN.encode()
    assert leftovers(folder) == []


def test_killed_between_write_and_rename(plans, tmp_path):
    """A real crash (SIGKILL) just before the rename: the plan is intact; the next run clears the debris."""
    script = tmp_path / "crash.py"
    script.write_text(
        textwrap.dedent(
            """
            import datetime as dt, os, signal, sys
            from pathlib import Path
            from cdsplan.progress.status import set_status
            os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
            from cdsplan.settings import settings_from
            set_status(settings_from(Path(sys.argv[1]).parent, {}, None), "thu-2024#I.1", "done", today=dt.date(2024, 12, 31))
            """
        ),
        encoding="utf-8",
    )
    process = subprocess.run([sys.executable, str(script), str(plans)], capture_output=True, timeout=60)
    assert process.returncode == -signal.SIGKILL
    folder = plans / "2024"
    assert (folder / "thu.yaml").read_bytes() == PLAN.encode()
    debris = leftovers(folder)
    assert len(debris) == 1
    assert [name for name in debris if name.startswith(".thu.yaml.") and name.endswith(".cdsplan-tmp")] != []
    assert run(plans, "thu-2024#I.1", "done").written
    assert leftovers(folder) == []


def test_no_lock_or_temporary_file_is_left_behind(plans):
    run(plans, "thu-2024#I.1", "done")
    run(plans, "K.9", "done", on=dt.date(2023, 9, 30))
    assert leftovers(plans / "2024") == [] and leftovers(plans / "2023") == []


def _slow_edits(monkeypatch, seconds: float) -> None:
    original = status_module.set_task_status

    def slow(*args, **kwargs):
        time.sleep(seconds)  # between reading the file and writing it back
        return original(*args, **kwargs)

    monkeypatch.setattr(status_module, "set_task_status", slow)


def _two_at_once(plans: Path) -> list[BaseException]:
    errors: list[BaseException] = []

    def worker(ref: str) -> None:
        try:
            run(plans, ref, "done")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(ref,)) for ref in ("thu-2024#I.1", "thu-2024#II.1")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors


def test_two_concurrent_edits_of_one_file_both_land(plans, monkeypatch):
    _slow_edits(monkeypatch, 0.3)
    assert _two_at_once(plans) == []
    data = data_of((plans / "2024" / "thu.yaml").read_text(encoding="utf-8"))
    assert task_data(data, "I.1")["status"]["state"] == "done"
    assert task_data(data, "II.1")["status"]["state"] == "done"
    assert leftovers(plans / "2024") == []


def test_without_the_lock_one_concurrent_edit_would_be_lost(plans, monkeypatch):
    """The control for the test above: it does detect a lost update."""
    import contextlib

    _slow_edits(monkeypatch, 0.3)
    monkeypatch.setattr(status_module, "locked", lambda path: contextlib.nullcontext())
    assert _two_at_once(plans) == []
    data = data_of((plans / "2024" / "thu.yaml").read_text(encoding="utf-8"))
    states = [task_data(data, task).get("status", {}).get("state") for task in ("I.1", "II.1")]
    assert states.count("done") == 1


def test_two_processes_at_once_both_land(plans, tmp_path):
    script = tmp_path / "slow.py"
    script.write_text(
        textwrap.dedent(
            """
            import datetime as dt, sys, time
            from pathlib import Path
            import cdsplan.progress.status as status
            from cdsplan.settings import settings_from
            original = status.set_task_status
            def slow(*args, **kwargs):
                Path(sys.argv[3]).touch()  # inside the lock, the file read
                time.sleep(0.5)
                return original(*args, **kwargs)
            status.set_task_status = slow
            status.set_status(settings_from(Path(sys.argv[1]).parent, {}, None), sys.argv[2], "done", today=dt.date(2024, 12, 31))
            """
        ),
        encoding="utf-8",
    )
    first_inside = tmp_path / "first-inside"
    first = subprocess.Popen([sys.executable, str(script), str(plans), "thu-2024#I.1", str(first_inside)])
    deadline = time.monotonic() + 30
    while not first_inside.exists() and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.01)
    assert first_inside.exists()
    second = subprocess.Popen([sys.executable, str(script), str(plans), "thu-2024#II.1", str(tmp_path / "second-inside")])
    assert first.wait(60) == 0 and second.wait(60) == 0
    data = data_of((plans / "2024" / "thu.yaml").read_text(encoding="utf-8"))
    assert task_data(data, "I.1")["status"]["state"] == "done"
    assert task_data(data, "II.1")["status"]["state"] == "done"
    assert leftovers(plans / "2024") == []


def test_lock_times_out_with_a_clear_message(plans, monkeypatch):
    file = plans / "2024" / "thu.yaml"
    with files.locked(file), pytest.raises(CdsplanError, match="being edited by another cdsplan"), files.locked(file, timeout=0.05):
        pass  # pragma: no cover


# --------------------------------------------------------------------------- #
# The command line
# --------------------------------------------------------------------------- #


def test_python_dash_m_runs_the_cli():
    process = subprocess.run([sys.executable, "-m", "cdsplan", "--help"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert process.returncode == 0 and "Usage" in process.stdout


def _has_command(name: str) -> bool:
    from cdsplan.cli import app

    return any((command.name or command.callback.__name__) == name for command in app.registered_commands)


needs_status_command = pytest.mark.skipif(not _has_command("status"), reason="the `status` command is not wired into cli.py yet")


@pytest.fixture
def project(plans: Path) -> Path:
    (plans.parent / "pyproject.toml").write_text('[tool.cdsplan]\nplans = "plans"\n', encoding="utf-8")
    return plans.parent


@needs_status_command
def test_cli_status_writes_and_reports(cli, project):
    result = cli("status", "thu-2024#I.1", "done", "--on", "2024-06-30", "--note", "Xong", cwd=project)
    assert (result.code, result.err) == (0, "")
    assert result.out == "plans/2024/thu.yaml: thu-2024#I.1 planned → done on 2024-06-30 (Xong)\n"


@needs_status_command
def test_cli_status_dry_run_prints_the_diff(cli, project):
    result = cli("status", "K.9", "in_progress", "--on", "2023-09-01", "--dry-run", cwd=project)
    assert result.code == 0
    assert result.out.startswith("--- a/plans/2023/khac.yaml\n+++ b/plans/2023/khac.yaml\n@@")
    assert (project / "plans" / "2023" / "khac.yaml").read_text(encoding="utf-8") == OTHER


@needs_status_command
def test_cli_status_exit_codes(cli, project):
    future = cli("status", "K.9", "done", "--on", "2999-01-01", cwd=project)
    assert future.code == 2 and future.err.startswith("cdsplan: error: --on 2999-01-01 is in the future")
    assert cli("status", "K.9", "finished", cwd=project).code == 2
    assert cli("status", "nope#1", "done", cwd=project).code == 2
    (project / "plans" / "2023" / "khac.yaml").write_text(OTHER.replace("lead: bo-tttt", "lead: bo-x"), encoding="utf-8")
    refused = cli("status", "K.9", "done", "--on", "2023-09-30", cwd=project)
    assert refused.code == 1 and "does not pass `cdsplan check`" in refused.err and refused.err.count("\n") >= 2  # and check's lines
