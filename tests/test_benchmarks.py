"""The benchmark keeps working: its corpus passes `check --strict`, its injected error is found
at its line, and the runner runs every step. The budgets themselves are the runner's business
(benchmarks/run.py), never timed assertions here."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import unicodedata
from pathlib import Path
from random import Random

import pytest
import yaml

from cdsplan.deadlines import Context, read_when
from cdsplan.model.plan import plain_when

from .conftest import check

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _load_generate():
    spec = importlib.util.spec_from_file_location("cdsplan_benchmarks_generate", BENCHMARKS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


generate = _load_generate()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    info = generate.generate(folder, tasks=200, files=10, seed=0, records=600)
    assert (info["tasks"], info["plans"]) == (200, 10)
    assert 400 < info["records"] < 800 and info["files"] == 11 + info["record_files"]
    return folder


def test_the_corpus_passes_check_strict(corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    result = check([Path("plans"), Path("progress")], root=corpus)
    assert result.problems == []
    assert result.exit_code(strict=True) == 0
    assert result.files == 11 + len(list((corpus / "progress").rglob("*.yaml")))  # ten plans, the registry, the records


def test_the_corpus_looks_like_the_real_plans(corpus):
    files = sorted((corpus / "plans").glob("*/*.yaml"))
    assert [path.parent.name for path in files].count("2021") == 2  # ten files over five years
    assert (corpus / "pyproject.toml").read_text(encoding="utf-8") == '[tool.cdsplan]\nplans = "plans"\n'
    text = "".join(path.read_text(encoding="utf-8") for path in files)
    assert unicodedata.is_normalized("NFC", text)
    assert "\t" not in text
    for part in ("id: ubqgcds-2021", "targets:", "measures:", "milestones:", "support: [", "# "):
        assert part in text
    records = "".join(path.read_text(encoding="utf-8") for path in sorted((corpus / "progress").rglob("*.yaml")))
    for part in ("records:", "state: done", "state: in_progress", "occurrence:", "values:"):
        assert part in records


@pytest.mark.parametrize(
    "text",
    ["2023-2025", "3392", "1.5", "12:30", "on", "Lưu: VT.", "a #b", "- x", "“Make in Viet Nam”", "CHỦ TỊCH\nTHỦ TƯỚNG", "Quý I/2023"],
)
def test_scalars_read_back_as_the_same_text(text):
    written = generate.scalar(text)
    assert yaml.load(f"key: {written}", Loader=yaml.CSafeLoader) == {"key": text}
    if text in ("2023-2025", "Quý I/2023"):
        assert written == text  # plain, as the real plans write it


def test_the_same_seed_gives_the_same_files(corpus, tmp_path):
    generate.generate(tmp_path, tasks=200, files=10, seed=0)
    for path in sorted((corpus / "plans").rglob("*.yaml")):
        assert (tmp_path / path.relative_to(corpus)).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize("first, last", [(year, year) for year in generate.YEARS] + [(2021, 2025), (2023, 2025)])
def test_every_deadline_form_is_read_inside_the_plan_period(first, last):
    """Thousands of draws, so that every form the generator knows is read, not only those in a small corpus."""
    context = Context(first, last)
    rng = Random(f"when:{first}-{last}")
    for _ in range(1500):
        value = generate.when_in_period(rng, first, last) if last > first else generate.when_in_year(rng, first, multi_year=False)
        windows = read_when(plain_when(value), context)
        assert windows, value
        assert all(first <= window.deadline.year <= last for window in windows), value


def test_the_injected_error_is_found_at_its_line(tmp_path, monkeypatch):
    generate.generate(tmp_path, tasks=200, files=10, seed=3)
    injected = generate.inject_error(tmp_path, seed=3)
    line = (tmp_path / injected.file).read_text(encoding="utf-8").splitlines()[injected.line - 1]
    assert line[injected.column - 1 :] == injected.bad
    monkeypatch.chdir(tmp_path)
    result = check([Path("plans")])
    assert [(p.file, p.line, p.column, p.code) for p in result.problems] == [
        (injected.file, injected.line, injected.column, "unknown-agency")
    ]
    assert f"unknown agency '{injected.bad}'" in result.problems[0].message


def test_the_runner_runs_every_step(tmp_path):
    report = tmp_path / "report.json"
    run = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--smoke", "--no-budgets", "--json", str(report)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    results = json.loads(report.read_text(encoding="utf-8"))
    assert [item["key"] for item in results["results"]] == [
        "parse",
        "typer",
        "typer_help",
        "check_cold",
        "check_warm",
        "due_warm",
        "due_new",
        "help",
    ]
    assert all(item["seconds"] > 0 for item in results["results"])
    assert results["injected_error"]["where"] in run.stdout
    assert "cdsplan check, cold" in run.stdout and "peak memory" in run.stdout
