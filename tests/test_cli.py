"""The command line's edges: usage errors, unreadable input and the last-resort boundary."""

from __future__ import annotations

import json

from cdsplan.project import Project


def test_when_explains_a_multi_year_reading(cli):
    run = cli("when", "Hằng năm", "--year", "2023-2025", "--format", "json")
    assert run.code == 0
    assert [w["deadline"] for w in json.loads(run.out)] == ["2023-12-31", "2024-12-31", "2025-12-31"]


def test_when_rejects_unreadable_text_as_bad_input(cli):
    run = cli("when", "abc")
    assert run.code == 2
    assert run.err.startswith("cdsplan: error: cannot read 'abc'")
    assert "Quý I/2023" in run.err  # the hint lists forms it knows


def test_when_rejects_a_two_digit_year(cli):
    run = cli("when", "x", "--year", "23")
    assert (run.code, run.err) == (2, "cdsplan: error: --year '23': write a year (2023) or a period (2023-2025)\n")


def test_help_lists_every_command(cli):
    run = cli("--help")
    assert run.code == 0
    for name in ("check", "due", "tasks", "when", "schema", "render", "status", "diff"):
        assert name in run.out


def test_an_unexpected_error_is_one_line_not_a_traceback(cli, repo_cwd, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Project, "check", broken)
    monkeypatch.delenv("CDSPLAN_DEBUG", raising=False)
    run = cli("check")
    assert run.code == 3
    assert run.err == "cdsplan: internal error: RuntimeError: disk on fire (set CDSPLAN_DEBUG=1 for details, and please report it)\n"


def test_no_plans_folder_is_a_usage_error(cli, tmp_path):
    run = cli("check", cwd=tmp_path)
    assert run.code == 2
    assert "no plans folder at" in run.err
