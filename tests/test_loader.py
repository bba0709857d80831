"""The loader: every kind of bad input becomes a located problem, never a traceback."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from cdsplan.reading.loader import load_bytes

from .conftest import FIXTURES, check


def load_file(path: Path):
    return load_bytes(str(path), path.read_bytes(), kind="registry" if path.name == "agencies.yaml" else "plan")


MINI = FIXTURES / "mini" / "plans"
VALID = (MINI / "2023" / "mini.yaml").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str | bytes, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def only(loaded):
    assert len(loaded.problems) == 1, loaded.problems
    return loaded.problems[0]


def test_valid_plan_loads_with_positions():
    loaded = load_file(MINI / "2023" / "mini.yaml")
    assert loaded.problems == []
    plan = loaded.plan
    assert plan.id == "mini-2023"
    task = plan.task("I.2")
    assert (task.line, task.column) == (20, 9)
    assert task.lead == ["hoa-binh"]
    assert plan.task("I.1").lead == ["bo-yt"]
    assert plan.task("I.3").status.state == "done"  # `on:` is a key, not YAML 1.1's True
    assert plan.task("I.2").milestones[0].line == 25


def test_bom_and_crlf_simply_work(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode("utf-8"))
    loaded = load_file(path)
    assert loaded.problems == []
    assert loaded.plan.task("I.2").line == 20


def test_nfd_text_is_read_as_nfc(tmp_path):
    path = write(tmp_path, unicodedata.normalize("NFD", VALID))
    loaded = load_file(path)
    assert loaded.problems == []
    assert loaded.plan.title == "Kế hoạch thử nghiệm năm 2023"
    assert unicodedata.is_normalized("NFC", loaded.plan.task("I.1").title)


def test_billion_laughs_is_refused_quickly(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}]"
        for n in range(1, 10)
    ]
    loaded = load_file(write(tmp_path, "\n".join(lines) + "\n"))
    codes = {problem.code for problem in loaded.problems}
    assert "alias" in codes
    first = next(problem for problem in loaded.problems if problem.code == "alias")
    assert (first.line, first.column, first.message.startswith("anchors and aliases")) == (1, 5, True)  # the first anchor


def test_duplicate_key(tmp_path):
    text = VALID.replace("year: 2023\n", "year: 2023\nyear: 2024\n")
    problem = next(p for p in load_file(write(tmp_path, text)).problems if p.code == "duplicate-key")
    assert (problem.line, problem.column) == (6, 1)
    assert problem.message == "duplicate key 'year' (first at line 5): keep one"


def test_tab_indentation(tmp_path):
    text = VALID.replace("    title: NHIỆM VỤ", "\ttitle: NHIỆM VỤ")
    problem = only(load_file(write(tmp_path, text)))
    assert problem.code == "yaml-syntax"
    assert problem.line == 13
    assert "indent with spaces, not tabs" in problem.message


@pytest.mark.parametrize(
    ("raw", "column"),
    [
        ("schema: cdsplan/v1\ntitle: caf\u00e9\n".encode("latin-1"), 11),
        (b"schema: cdsplan/v1\ntitle: K\xea\xec ho\xf2ch\n", 9),  # "Kế hoạch" in Windows-1258
    ],
    ids=["latin-1", "cp1258"],
)
def test_not_utf8(tmp_path, raw, column):
    problem = only(load_file(write(tmp_path, raw)))
    assert (problem.code, problem.line, problem.column) == ("encoding", 2, column)
    assert "save it as UTF-8" in problem.message


def test_impossible_date(tmp_path):
    text = VALID.replace("on: 2023-09-10", "on: 2023-02-30")
    problem = next(p for p in load_file(write(tmp_path, text)).problems if p.code == "invalid-date")
    assert (problem.line, problem.column) == (33, 15)
    assert problem.message.startswith("2023-02-30 is not a real date")


def test_empty_file(tmp_path):
    problem = only(load_file(write(tmp_path, "")))
    assert (problem.code, problem.line) == ("empty-file", 1)


def test_comment_only_file_is_empty(tmp_path):
    assert only(load_file(write(tmp_path, "# nothing yet\n"))).code == "empty-file"


def test_top_level_list(tmp_path):
    problem = only(load_file(write(tmp_path, "- a\n- b\n")))
    assert problem.code == "not-a-mapping"
    assert "holds a list" in problem.message


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper
    (problem,) = check([tmp_path]).problems
    assert problem.code == "too-large"
    assert "10 MB limit" in problem.message and "max_file_mb" in problem.message


def test_unknown_key_suggests_the_right_one(tmp_path):
    text = VALID.replace("        lead: bo-yt", "        laed: bo-yt")
    problems = load_file(write(tmp_path, text)).problems
    unknown = next(p for p in problems if p.code == "unknown-key")
    assert (unknown.line, unknown.column) == (17, 9)
    assert unknown.message == "unknown key 'laed' (did you mean 'lead'?)"
    missing = next(p for p in problems if p.code == "missing-key")
    assert missing.message == "missing key 'lead'"
    assert missing.line == 15


def test_wrong_type_is_located_at_the_value(tmp_path):
    text = VALID.replace("when: trong tháng 12/2023", "when: [1, 2]")
    problem = only(load_file(write(tmp_path, text)))
    assert (problem.code, problem.line, problem.column) == ("schema", 23, 15)
    assert "write the deadline as text" in problem.message


def test_newer_schema_version(tmp_path):
    problem = only(load_file(write(tmp_path, VALID.replace("schema: cdsplan/v1", "schema: cdsplan/v2"))))
    assert problem.code == "schema-version"
    assert problem.line == 2
    assert "written for a newer cdsplan (schema cdsplan/v2)" in problem.message


def test_missing_schema(tmp_path):
    problem = only(load_file(write(tmp_path, "id: x\n")))
    assert problem.message == "missing 'schema: cdsplan/v1': add it as the first line"


def test_year_and_period_together(tmp_path):
    problem = only(load_file(write(tmp_path, VALID.replace("year: 2023", "year: 2023\nperiod: 2023-2025"))))
    assert problem.code == "schema"
    assert "exactly one of `year`" in problem.message


def test_folder_named_like_a_plan(tmp_path):
    (tmp_path / "x.yaml").mkdir()
    problems = check([tmp_path]).problems
    assert [(p.file.endswith("x.yaml"), p.code) for p in problems] == [(True, "not-a-file")]


def test_symlink_loop(tmp_path):
    os.symlink(tmp_path / "loop.yaml", tmp_path / "loop.yaml")
    (problem,) = check([tmp_path]).problems
    assert problem.code == "symlink-loop"
    assert "loop.yaml" in problem.file
