"""`cdsplan check`: domain rules, exit codes and every output format against golden files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import FIXTURES, PLANS, ROOT, check

GOLDEN = Path(__file__).parent / "golden"
BAD = "tests/fixtures/bad/plans"


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_each_format_matches_its_golden_file(cli, repo_cwd, fmt):
    run = cli("check", BAD, "--format", fmt)
    assert run.code == 1
    assert run.out == (GOLDEN / f"check.{fmt}").read_text(encoding="utf-8")


def test_library_reports_each_rule_at_its_place(repo_cwd):
    result = check([Path(BAD)])
    found = {(p.line, p.column, p.code, p.severity) for p in result.problems}
    assert found == {
        (12, 15, "unknown-agency", "error"),
        (14, 13, "duplicate-id", "error"),
        (17, 21, "bad-when", "error"),
        (20, 15, "unknown-agency", "error"),
        (21, 15, "outside-period", "warning"),
    }
    by_line = {p.line: p.message for p in result.problems}
    assert by_line[12].startswith("unknown agency 'bo-y-te' (did you mean 'bo-yt', Bộ Y tế?)")
    assert "tháng 2/2023 has 28 days" in by_line[17]
    assert result.exit_code() == 1


def test_sarif_is_structurally_valid(cli, repo_cwd):
    log = json.loads(cli("check", BAD, "--format", "sarif").out)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert result["level"] in ("error", "warning")


def test_clean_plans_exit_zero(cli):
    run = cli("check", cwd=FIXTURES / "mini")
    assert run.code == 0
    assert run.out == "2 files checked: no problems\n"


def test_warnings_fail_only_when_strict(cli, tmp_path):
    plans = tmp_path / "plans"
    (plans / "2023").mkdir(parents=True)
    (plans / "agencies.yaml").write_bytes((FIXTURES / "mini" / "plans" / "agencies.yaml").read_bytes())
    text = (FIXTURES / "mini" / "plans" / "2023" / "mini.yaml").read_text(encoding="utf-8")
    (plans / "2023" / "mini.yaml").write_text(text.replace("trong tháng 12/2023", "trong tháng 1/2024"), encoding="utf-8")
    assert cli("check", str(plans)).code == 0
    strict = cli("check", str(plans), "--strict")
    assert strict.code == 1
    assert "falls outside the plan's 2023 [outside-period]" in strict.out


def test_duplicate_plan_ids_across_files(tmp_path):
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_bytes((FIXTURES / "mini" / "plans" / "2023" / "mini.yaml").read_bytes())
    (tmp_path / "agencies.yaml").write_bytes((FIXTURES / "mini" / "plans" / "agencies.yaml").read_bytes())
    problems = [p for p in check([tmp_path]).problems if p.code == "duplicate-id"]
    assert len(problems) == 1
    assert problems[0].file.endswith("b.yaml") and problems[0].line == 3
    assert "plan id 'mini-2023' is already used by" in problems[0].message


def test_unreadable_path_exits_two(cli, repo_cwd):
    run = cli("check", "no/such/plans")
    assert run.code == 2
    assert run.out.startswith("no/such/plans: error: no such file or folder [unreadable]")


def test_no_argument_checks_the_configured_plans_folder(cli, repo_cwd):
    run = cli("check")
    assert run.out.endswith("checked: no problems\n") or "error" in run.out
    assert str(len(list(PLANS.rglob("*.yaml")))) in run.out.splitlines()[-1]


def test_usage_errors_exit_two_without_traceback(cli, repo_cwd):
    run = cli("check", "--format", "xml")
    assert run.code == 2
    assert "Traceback" not in run.err and "--format: choose one of" in run.err


def test_schema_command_prints_the_plan_schema(cli, repo_cwd):
    schema = json.loads(cli("schema").out)
    assert schema["title"] == "Plan"
    assert {"schema", "id", "title", "sections"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False
    shipped = json.loads((ROOT / "schema" / "cdsplan-v1.json").read_text(encoding="utf-8"))
    assert shipped == schema, "schema/cdsplan-v1.json is stale: run `cdsplan schema > schema/cdsplan-v1.json`"
    registry = json.loads(cli("schema", "--registry").out)
    assert json.loads((ROOT / "schema" / "cdsplan-agencies-v1.json").read_text(encoding="utf-8")) == registry
    progress = json.loads(cli("schema", "--progress").out)
    assert json.loads((ROOT / "schema" / "cdsplan-progress-v1.json").read_text(encoding="utf-8")) == progress
    assert progress["title"] == "ProgressFile" and "records" in progress["properties"]


def test_every_real_plan_names_the_schema_for_editors():
    for path in sorted(PLANS.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = "cdsplan-agencies-v1.json" if path.name == "agencies.yaml" else "cdsplan-v1.json"
        assert first.startswith("# yaml-language-server: $schema=") and first.endswith(target), path
        assert (path.parent / first.split("=", 1)[1]).resolve() == ROOT / "schema" / target


def test_the_json_schema_accepts_every_real_plan_and_the_registry():
    """What editors validate against (yaml-language-server) agrees with the loader."""
    import datetime as dt

    from jsonschema import Draft202012Validator

    from cdsplan.reading.yamlfile import parse

    def as_json(value):
        if isinstance(value, dict):
            return {key: as_json(item) for key, item in value.items()}
        if isinstance(value, list):
            return [as_json(item) for item in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    plan_schema = json.loads((ROOT / "schema" / "cdsplan-v1.json").read_text(encoding="utf-8"))
    registry_schema = json.loads((ROOT / "schema" / "cdsplan-agencies-v1.json").read_text(encoding="utf-8"))
    for path in sorted(PLANS.rglob("*.yaml")):
        schema = registry_schema if path.name == "agencies.yaml" else plan_schema
        data = as_json(parse(str(path), path.read_text(encoding="utf-8")).data)
        errors = [error.message for error in Draft202012Validator(schema).iter_errors(data)]
        assert errors == [], path


ONE_RUN = """\
schema: cdsplan/v1
id: mot-lan-2024
title: Kế hoạch thử
year: 2024
issuer: bo-tttt
sections:
  - id: I
    title: NHIỆM VỤ
    tasks:
      - id: I.1
        title: Một
        laed: bo-yt
        when: Quý I/2024
      - id: I.2
        title: Hai
        lead: bo-xyz
        when: Quý II/2024
      - id: I.3
        title: Ba
        lead: bo-yt
        when: khi nào xong
      - id: I.4
        title: Bốn
        lead: bo-yt
        when: 2024-09-31
"""


def test_a_misspelt_key_does_not_hide_the_other_problems(tmp_path):
    plans = tmp_path / "plans"
    (plans / "2024").mkdir(parents=True)
    (plans / "agencies.yaml").write_text((FIXTURES / "bad" / "plans" / "agencies.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (plans / "2024" / "p.yaml").write_text(ONE_RUN, encoding="utf-8")
    found = {(p.line, p.code) for p in check([plans]).problems}
    assert {(12, "unknown-key"), (16, "unknown-agency"), (21, "bad-when"), (25, "invalid-date")} <= found


def test_a_misspelt_key_near_a_missing_one_is_checked_as_that_key(tmp_path):
    plans = tmp_path / "plans"
    (plans / "2024").mkdir(parents=True)
    (plans / "agencies.yaml").write_text((FIXTURES / "bad" / "plans" / "agencies.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (plans / "2024" / "p.yaml").write_text(ONE_RUN.replace("laed: bo-yt", "laed: bo-yte"), encoding="utf-8")
    problems = check([plans]).problems
    assert ("unknown-agency", 12, 15) in {(p.code, p.line, p.column) for p in problems}  # at laed's value


def test_a_bad_registry_entry_is_reported_at_its_line_and_the_rest_still_checks(tmp_path):
    plans = tmp_path / "plans"
    (plans / "2024").mkdir(parents=True)
    registry = (FIXTURES / "bad" / "plans" / "agencies.yaml").read_text(encoding="utf-8")
    (plans / "agencies.yaml").write_text(registry.replace("kind: ministry", "kind: ministery", 1), encoding="utf-8")
    (plans / "2024" / "p.yaml").write_text(ONE_RUN.replace("laed:", "lead:"), encoding="utf-8")
    problems = check([plans]).problems
    registry_problems = [p for p in problems if p.file.endswith("agencies.yaml")]
    assert [p.code for p in registry_problems] == ["schema"] and registry_problems[0].line > 1
    assert "no-registry" not in {p.code for p in problems}
    assert [p.line for p in problems if p.code == "unknown-agency"] == [16]  # bo-xyz; the others are known


@pytest.mark.parametrize(
    ("text", "position", "hint"),
    [
        ("title: Kế hoạch: năm 2024\n", (1, 8), "put the whole value in double quotes"),
        ('title: "Kế hoạch năm 2024\nyear: 2024\n', (1, 8), "the quote opened here is not closed"),
        ("sections:\n\t- id: I\n", (2, 1), "indent with spaces, not tabs"),
    ],
)
def test_yaml_syntax_errors_point_at_the_cause_with_a_hint(tmp_path, text, position, hint):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    (problem,) = check([path]).problems
    assert problem.code == "yaml-syntax" and (problem.line, problem.column) == position and hint in problem.message


def test_positions_count_lines_as_editors_do(tmp_path):
    """U+2028 inside a title is not a line break for an editor or for git: positions stay right."""
    path = tmp_path / "p.yaml"
    path.write_text(
        "schema: cdsplan/v1\ntitle: 'a\u2028b'\nid: x-2024\nyear: 2024\nissuer: bo-tttt\nsections:\n  - {id: I, title: X, tasks: [{id: I.1, title: T, lead: bo-tttt, when: bad when}]}\n",
        encoding="utf-8",
    )
    (problem,) = [p for p in check([path]).problems if p.code == "bad-when"]
    assert problem.line == 7


def test_sarif_multitool_finds_nothing_to_say(cli, repo_cwd, tmp_path):
    """Microsoft's SARIF validator (npm @microsoft/sarif-multitool; .ci/run installs it)."""
    import os
    import shutil
    import subprocess

    tool = os.environ.get("SARIF_MULTITOOL") or shutil.which("sarif-multitool")
    if not tool or not os.path.exists(tool):
        if os.environ.get("CI"):
            pytest.fail("sarif-multitool is not installed (npm install @microsoft/sarif-multitool)")
        pytest.skip("sarif-multitool is not installed (npm install @microsoft/sarif-multitool)")
    log = tmp_path / "check.sarif"
    log.write_text(cli("check", BAD, "--format", "sarif").out, encoding="utf-8")
    run = subprocess.run([tool, "validate", str(log)], capture_output=True, text=True, timeout=300)
    findings = [line for line in run.stdout.splitlines() if ": warning " in line or ": error " in line or ": note " in line]
    assert run.returncode == 0 and findings == [], run.stdout


@pytest.mark.parametrize(
    ("task_id", "found"),
    [
        ("\u0406.5", "looks like the Latin 'I'"),  # Cyrillic І
        ("I.5\u03bf", "looks like the Latin 'o'"),  # Greek ο
        ("I.\u4e00", "a letter of another script"),  # 一
        ("Đ.5", None),  # Vietnamese letters are Latin
        ("I.5ư", None),
    ],
)
def test_an_id_in_another_script_is_an_error_at_the_id(tmp_path, task_id, found):
    plans = tmp_path / "plans"
    (plans / "2024").mkdir(parents=True)
    (plans / "agencies.yaml").write_text((FIXTURES / "bad" / "plans" / "agencies.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    clean = (
        ONE_RUN.replace("laed:", "lead:")
        .replace("bo-xyz", "bo-yt")
        .replace("khi nào xong", "Quý III/2024")
        .replace("2024-09-31", "2024-09-30")
    )
    (plans / "2024" / "p.yaml").write_text(clean.replace("- id: I.4", f'- id: "{task_id}"'), encoding="utf-8")
    problems = check([plans]).problems
    if found is None:
        assert problems == []
    else:
        assert [(p.code, p.line, p.column) for p in problems] == [("foreign-letter", 22, 13)] and found in problems[0].message
