"""`cdsplan diff`: plan versions compared in temporary git repositories."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from cdsplan.errors import UsageError
from cdsplan.history.diff import HistoryDiff, diff, snapshot
from cdsplan.reading import loader
from cdsplan.reports.diff import render
from cdsplan.settings import settings_from

from .conftest import TINY_AGENCIES as AGENCIES

PLAN = """\
schema: cdsplan/v1
id: thu-2024
title: Kế hoạch thử nghiệm năm 2024
year: 2024
issuer: bo-tttt
targets:
  - id: T.1
    area: Dữ liệu số
    text: 100% cơ sở dữ liệu được kết nối
    measures:
      - comparison: at_least
        value: 100
        unit: "%"
sections:
  - id: I
    title: NHIỆM VỤ
    tasks:
      - id: I.1
        title: Ban hành kế hoạch dữ liệu mở
        lead: bo-yt
        support: [bo-tttt]
        when: trong Quý I/2024
      - id: I.2
        title: Tổ chức sơ kết
        lead: bo-tttt
        when: trước ngày 15/9/2024
      - id: I.3
        title: Gửi báo cáo
        lead: bo-tttt
        when: Hằng năm
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    """A git repository with plans/ committed once; the working directory is its root."""
    for name, value in {
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q")
    (tmp_path / "plans" / "2024").mkdir(parents=True)
    (tmp_path / "plans" / "agencies.yaml").write_text(AGENCIES, encoding="utf-8")
    write(tmp_path, "plans/2024/thu.yaml", PLAN)
    commit(tmp_path, "first")
    return tmp_path


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def write(root: Path, path: str, text: str) -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_bytes(text.encode())


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def edit(root: Path, old: str, new: str, path: str = "plans/2024/thu.yaml") -> None:
    text = (root / path).read_text(encoding="utf-8")
    assert old in text
    write(root, path, text.replace(old, new, 1))


def settings():
    return settings_from(Path.cwd(), {}, None)


def compare(*args: str) -> HistoryDiff:
    return diff(list(args), settings=settings())


def changes(result: HistoryDiff, plan: str = "thu-2024") -> list[tuple[str, str]]:
    found = next(item for item in result.plans if item.plan == plan)
    return [(change.kind, change.item) for change in found.tasks]


def only(result: HistoryDiff, kind: str, item: str):
    return next(change for plan in result.plans for change in plan.tasks if (change.kind, change.item) == (kind, item))


def test_moved_deadline_with_old_and_new_resolved_dates(repo):
    edit(repo, "when: trước ngày 15/9/2024", "when: trước ngày 30/9/2024")
    commit(repo, "move")
    result = compare("HEAD~1", "HEAD")
    assert changes(result) == [("deadline", "I.2")]
    change = only(result, "deadline", "I.2")
    assert change.moved
    assert compare("HEAD~1..HEAD").as_data() == result.as_data()  # git's range spelling too
    assert change.old == {"when": "trước ngày 15/9/2024", "windows": [{"start": None, "deadline": "2024-09-14"}]}
    assert change.new == {"when": "trước ngày 30/9/2024", "windows": [{"start": None, "deadline": "2024-09-29"}]}
    assert "~ task I.2 deadline moved: trước ngày 15/9/2024 (→ 2024-09-14) → trước ngày 30/9/2024 (→ 2024-09-29)" in render(result, "text")


def test_reworded_deadline_with_the_same_dates_is_not_a_move(repo):
    edit(repo, "when: trong Quý I/2024", "when: Quý I/2024")
    result = compare()
    change = only(result, "deadline", "I.1")
    assert not change.moved
    assert "deadline re-worded (same dates)" in render(result, "text")


def test_reworded_title(repo):
    edit(repo, "title: Gửi báo cáo\n", "title: Gửi báo cáo tổng hợp\n")
    commit(repo, "reword")
    result = compare("HEAD~1", "HEAD")
    assert changes(result) == [("reworded", "I.3")]
    assert only(result, "reworded", "I.3").old == "Gửi báo cáo"
    assert only(result, "reworded", "I.3").new == "Gửi báo cáo tổng hợp"
    assert "~ task I.3 re-worded: «Gửi báo cáo» → «Gửi báo cáo tổng hợp»" in render(result, "text")


def test_removed_and_added_tasks(repo):
    edit(repo, "      - id: I.2\n        title: Tổ chức sơ kết\n        lead: bo-tttt\n        when: trước ngày 15/9/2024\n", "")
    text = (repo / "plans/2024/thu.yaml").read_text(encoding="utf-8")
    write(
        repo, "plans/2024/thu.yaml", text + "      - id: I.4\n        title: Tổng kết\n        lead: bo-yt\n        when: tháng 12/2024\n"
    )
    commit(repo, "remove")
    result = compare("HEAD~1", "HEAD")
    assert changes(result) == [("added", "I.4"), ("removed", "I.2")]
    removed = only(result, "removed", "I.2")
    assert removed.old["title"] == "Tổ chức sơ kết" and removed.old["windows"] == [{"start": None, "deadline": "2024-09-14"}]
    text_output = render(result, "text")
    assert "+ task I.4 added: Tổng kết — lead bo-yt; tháng 12/2024 (2024-12-01 → 2024-12-31)" in text_output
    assert "- task I.2 removed: Tổ chức sơ kết — lead bo-tttt; trước ngày 15/9/2024 (→ 2024-09-14)" in text_output


def test_renumbered_task_is_followed_by_its_title(repo):
    edit(repo, "id: I.3\n", "id: I.3a\n")
    assert changes(compare()) == [("renumbered", "I.3a")]


def test_reassigned_status_and_target_changes(repo):
    edit(repo, "        lead: bo-yt\n        support: [bo-tttt]\n", "        lead: bo-tttt\n        support: [bo-yt]\n")
    edit(repo, "        when: Hằng năm\n", "        when: Hằng năm\n        status:\n          state: done\n          on: 2024-10-01\n")
    edit(repo, "        value: 100\n", "        value: 90\n")
    result = compare()
    assert changes(result) == [("reassigned", "I.1"), ("status", "I.3")]
    assert only(result, "reassigned", "I.1").new == {"lead": ["bo-tttt"], "support": ["bo-yt"]}
    assert only(result, "status", "I.3").old == {"state": "planned", "on": None, "note": None}
    assert only(result, "status", "I.3").new == {"state": "done", "on": "2024-10-01", "note": None}
    target = result.plans[0].targets[0]
    assert (target.kind, target.item) == ("changed", "T.1")
    assert target.old == {"measures": [{"comparison": "at_least", "value": 100.0, "unit": "%", "subject": None}]}
    text_output = render(result, "text")
    assert "~ task I.1 re-assigned: lead bo-yt; support bo-tttt → lead bo-tttt; support bo-yt" in text_output
    assert "~ task I.3 status: not reported → done (2024-10-01)" in text_output
    assert "~ target T.1 changed: measures: at_least 100% → measures: at_least 90%" in text_output


def test_renamed_file_is_followed_by_plan_id(repo):
    git(repo, "mv", "plans/2024/thu.yaml", "plans/2024/ke-hoach-thu.yaml")
    edit(repo, "title: Tổ chức sơ kết\n", "title: Tổ chức sơ kết 6 tháng\n", "plans/2024/ke-hoach-thu.yaml")
    commit(repo, "rename")
    result = compare("HEAD~1", "HEAD")
    assert len(result.plans) == 1
    plan = result.plans[0]
    assert (plan.plan, plan.change, plan.moved) == ("thu-2024", "modified", True)
    assert (plan.old_file, plan.new_file) == ("plans/2024/thu.yaml", "plans/2024/ke-hoach-thu.yaml")
    assert changes(result) == [("reworded", "I.2")]
    assert "file moved: plans/2024/thu.yaml → plans/2024/ke-hoach-thu.yaml" in render(result, "text")


def test_invalid_old_revision_is_reported_not_a_crash(repo):
    write(repo, "plans/2024/thu.yaml", PLAN.replace("lead: bo-yt\n", "lead: [bo-yt\n"))  # broken YAML, committed
    commit(repo, "broken")
    write(repo, "plans/2024/thu.yaml", PLAN)
    commit(repo, "fixed")
    result = compare("HEAD~1", "HEAD")
    assert len(result.plans) == 1
    plan = result.plans[0]
    assert (plan.plan, plan.change, plan.file) == ("thu-2024", "invalid", "plans/2024/thu.yaml")  # paired by path
    assert [p.code for p in plan.old_problems] == ["yaml-syntax"] and plan.new_problems == []
    for fmt in ("text", "json", "md"):
        assert "yaml-syntax" in render(result, fmt)
    assert "(it loads at HEAD" in render(result, "text")


def test_invalid_schema_at_one_revision_keeps_the_plan_id(repo):
    edit(repo, "        lead: bo-yt\n", "        laed: bo-yt\n")
    result = compare()
    plan = result.plans[0]
    assert (plan.plan, plan.change) == ("thu-2024", "invalid")
    assert plan.old_problems == [] and any("unknown key 'laed'" in problem.message for problem in plan.new_problems)


def test_newer_schema_is_reported_as_written_for_a_newer_cdsplan(repo):
    edit(repo, "schema: cdsplan/v1", "schema: cdsplan/v2")
    plan = compare().plans[0]
    assert plan.change == "invalid"
    assert "written for a newer cdsplan (schema cdsplan/v2)" in plan.new_problems[0].message


def test_a_migration_lifts_an_older_schema(monkeypatch):
    """loader.MIGRATIONS is where a new schema version plugs in: here a made-up v0 lifted to v1."""

    def v0_to_v1(data: dict) -> dict:
        lifted = {key: value for key, value in data.items() if key != "name"}
        return {**lifted, "schema": "cdsplan/v1", "title": data["name"]}

    monkeypatch.setitem(loader.MIGRATIONS, "cdsplan/v0", v0_to_v1)
    old = PLAN.replace("schema: cdsplan/v1", "schema: cdsplan/v0").replace("title: Kế hoạch", "name: Kế hoạch")
    version = snapshot(settings(), {"old.yaml": old.encode(), "agencies.yaml": AGENCIES.encode()})["thu-2024"]
    assert version.problems == [] and version.plan is not None and version.plan.title == "Kế hoạch thử nghiệm năm 2024"


def test_plans_added_and_removed(repo):
    write(repo, "plans/2025/moi.yaml", PLAN.replace("id: thu-2024", "id: moi-2025").replace("2024", "2025"))
    commit(repo, "add")
    git(repo, "rm", "-q", "plans/2024/thu.yaml")
    result = compare()  # HEAD against the working tree
    assert [(plan.plan, plan.change) for plan in result.plans] == [("thu-2024", "removed")]
    result = compare("HEAD~1")  # one revision against the working tree
    assert [(plan.plan, plan.change) for plan in result.plans] == [("thu-2024", "removed"), ("moi-2025", "added")]
    assert "plan added: 3 tasks, 1 target — Kế hoạch thử nghiệm năm 2025" in render(result, "text")


def test_bom_and_crlf_at_a_revision_read_like_the_working_tree(repo):
    (repo / "plans/2024/thu.yaml").write_bytes(b"\xef\xbb\xbf" + PLAN.encode().replace(b"\n", b"\r\n"))
    commit(repo, "crlf")
    assert compare("HEAD~1", "HEAD").plans == []
    assert compare().plans == []


def test_paths_restrict_the_comparison(repo):
    write(repo, "plans/2025/moi.yaml", PLAN.replace("id: thu-2024", "id: moi-2025").replace("2024", "2025"))
    edit(repo, "title: Gửi báo cáo\n", "title: Gửi báo cáo năm\n")
    assert [plan.plan for plan in compare("HEAD", "plans/2024").plans] == ["thu-2024"]
    assert [plan.plan for plan in compare("plans/2025").plans] == ["moi-2025"]


def test_no_changes(repo):
    result = compare()
    assert result.plans == []
    assert render(result, "text").endswith("no changes in plans, progress\n")
    assert json.loads(render(result, "json"))["plans"] == []


def test_records_added_since_a_revision_are_listed_by_agency(repo):
    write(
        repo,
        "progress/2024/bo-yt.yaml",
        "schema: cdsplan/v1\nagency: bo-yt\nyear: 2024\nrecords:\n  - item: thu-2024#I.1\n    state: done\n    on: 2024-05-02\n    note: Xong\n",
    )
    result = compare()
    assert result.plans == []
    (change,) = result.progress
    assert (change.file, change.agency, [record["item"] for record in change.added]) == (
        "progress/2024/bo-yt.yaml",
        "bo-yt",
        ["thu-2024#I.1"],
    )
    text = render(result, "text")
    assert "+ thu-2024#I.1: done on 2024-05-02 «Xong»" in text and "1 record added in 1 progress file" in text
    assert json.loads(render(result, "json"))["progress"][0]["added"][0]["state"] == "done"


def test_json_and_markdown_shapes(repo):
    edit(repo, "when: trước ngày 15/9/2024", "when: trước ngày 30/9/2024")
    result = compare()
    data = json.loads(render(result, "json"))
    assert data["from"]["rev"] == "HEAD" and len(data["from"]["commit"]) == 40
    assert data["to"] == {"rev": None, "commit": None, "label": "working tree"}
    assert data["plans"][0]["tasks"] == [
        {
            "task": "I.2",
            "change": "deadline",
            "old": {"when": "trước ngày 15/9/2024", "windows": [{"start": None, "deadline": "2024-09-14"}]},
            "new": {"when": "trước ngày 30/9/2024", "windows": [{"start": None, "deadline": "2024-09-29"}]},
            "moved": True,
        }
    ]
    md = render(result, "md")
    assert md.startswith("# Plans: HEAD (")
    assert "| task | I.2 | deadline moved | trước ngày 15/9/2024 (→ 2024-09-14) | trước ngày 30/9/2024 (→ 2024-09-29) |" in md


def test_outside_a_git_repository_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="is not inside a git repository") as info:
        compare()
    assert info.value.exit_code == 2


def test_unknown_revision_and_empty_repository(repo, tmp_path):
    with pytest.raises(UsageError, match="'no-such-rev' is neither a git revision nor an existing path"):
        compare("no-such-rev")
    with pytest.raises(UsageError, match="outside the git repository"):
        compare("HEAD", str(tmp_path.parent))
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "-q")
    with pytest.raises(UsageError, match="no commit yet"):
        diff([], settings=settings(), cwd=empty)


# --------------------------------------------------------------------------- #
# The command line
# --------------------------------------------------------------------------- #


def _has_command(name: str) -> bool:
    from cdsplan.cli import app

    return any((command.name or command.callback.__name__) == name for command in app.registered_commands)


needs_diff_command = pytest.mark.skipif(not _has_command("diff"), reason="the `diff` command is not wired into cli.py yet")


@needs_diff_command
def test_cli_diff(cli, repo):
    (repo / "pyproject.toml").write_text('[tool.cdsplan]\nplans = "plans"\n', encoding="utf-8")
    edit(repo, "title: Gửi báo cáo\n", "title: Gửi báo cáo năm\n")
    result = cli("diff", "--format", "json", cwd=repo)
    assert result.code == 0, result.err
    assert json.loads(result.out)["plans"][0]["tasks"][0]["change"] == "reworded"
    assert cli("diff", "HEAD", "plans", "-f", "md", cwd=repo).out.startswith("# Plans: HEAD (")


@needs_diff_command
def test_cli_diff_outside_git_exits_2(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "plans").mkdir()
    result = cli("diff", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("cdsplan: error: ") and "is not inside a git repository" in result.err and result.err.count("\n") == 1
