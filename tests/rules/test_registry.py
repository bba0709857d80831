"""The registry of rules is complete and true: every code raised is declared, every example
shows its rule, and the docs' code table is the registry's."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from cdsplan.files import READ_CODES
from cdsplan.rules import MODULES, RULES, markdown_table
from cdsplan.rules.base import EXAMPLE_AGENCIES, FILE_MARK

from ..conftest import ROOT, check

SOURCE = ROOT / "src" / "cdsplan"
DOCS = ROOT / "docs" / "output.md"
TABLE = re.compile(r"(<!-- rules:start -->\n)(.*?)(<!-- rules:end -->)", re.S)


def test_every_code_raised_in_the_source_is_declared():
    raised = set()
    for path in SOURCE.rglob("*.py"):
        raised |= set(re.findall(r"""\brule\(\s*["']([a-z0-9-]+)["']""", path.read_text(encoding="utf-8")))
    assert raised, "the scan finds the calls"
    assert raised - set(RULES) == set()
    assert READ_CODES - set(RULES) == set()


def test_each_module_declares_one_rule_named_after_it():
    for module in MODULES:
        assert module.__name__.rsplit(".", 1)[1] == module.RULE.code.replace("-", "_")
        assert module.__doc__ and module.__doc__.strip()
    assert len(RULES) == len(MODULES)


def test_sarif_names_differ_from_ids():
    for rule in RULES.values():
        assert rule.name.lower() != rule.code.lower() and rule.name.isidentifier(), rule.code


def _example_repository(tmp_path: Path, text: str) -> list[Path]:
    """The example's files in a project at tmp_path (the plan first, then `# --- path` parts)."""
    plans = tmp_path / "plans"
    (plans / "2024").mkdir(parents=True)
    agencies = "".join(f"  - id: {agency}\n    name: Cơ quan {agency}\n    kind: ministry\n" for agency in EXAMPLE_AGENCIES)
    (plans / "agencies.yaml").write_text("schema: cdsplan/v1\nagencies:\n" + agencies, encoding="utf-8")
    first, *others = text.split(FILE_MARK)
    (plans / "2024" / "vi-du.yaml").write_text(first, encoding="utf-8")
    paths = [plans]
    for part in others:
        name, _newline, body = part.partition("\n")
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
        paths.append(tmp_path / name)
    return paths


@pytest.mark.parametrize("code", sorted(code for code, rule in RULES.items() if rule.bad is not None))
def test_the_failing_example_fails_with_its_rule(tmp_path, code):
    problems = check(_example_repository(tmp_path, RULES[code].bad), root=tmp_path).problems
    assert code in {problem.code for problem in problems}, problems


@pytest.mark.parametrize("code", sorted(code for code, rule in RULES.items() if rule.good is not None))
def test_the_passing_example_passes(tmp_path, code):
    problems = check(_example_repository(tmp_path, RULES[code].good), root=tmp_path).problems
    assert problems == []


def test_docs_code_table_is_the_registry():
    text = DOCS.read_text(encoding="utf-8")
    match = TABLE.search(text)
    assert match, "docs/output.md keeps the table between <!-- rules:start --> and <!-- rules:end -->"
    if os.environ.get("CDSPLAN_UPDATE_DOCS") and match.group(2) != markdown_table():
        DOCS.write_text(text[: match.start(2)] + markdown_table() + text[match.end(2) :], encoding="utf-8")
        return
    assert match.group(2) == markdown_table(), (
        "docs/output.md's code table differs from the registry: CDSPLAN_UPDATE_DOCS=1 python -m pytest tests/rules"
    )


def test_every_rule_module_is_registered():
    modules = {path.stem for path in (SOURCE / "rules").glob("*.py")} - {"__init__", "base"}
    assert modules == {module.__name__.rsplit(".", 1)[1] for module in MODULES}
