"""Shared test helpers: the real plans, a runner for the CLI's real entry point."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# A two-ministry registry for tests that build plans in a temporary repository.
TINY_AGENCIES = """\
schema: cdsplan/v1
agencies:
  - id: bo-tttt
    name: Bộ Thông tin và Truyền thông
    kind: ministry
  - id: bo-yt
    name: Bộ Y tế
    kind: ministry
"""


@pytest.fixture(autouse=True)
def _english(request):
    """Tests read messages in English (the message ids) unless marked `vietnamese`, as the
    docs' examples and the tests of the language itself are: the CLI speaks Vietnamese by
    default. The library speaks the ids until a language is chosen; the CLI chooses one on
    every run, so each test starts and ends with the library's own. (Not through
    monkeypatch: tests' own monkeypatch.chdir must be undone before other fixtures look.)"""
    from cdsplan.i18n import set_language

    saved = os.environ.get("CDSPLAN_LANG")
    if request.node.get_closest_marker("vietnamese") is None:
        os.environ["CDSPLAN_LANG"] = "en"
    else:
        os.environ.pop("CDSPLAN_LANG", None)
    set_language("en")
    yield
    set_language("en")
    if saved is None:
        os.environ.pop("CDSPLAN_LANG", None)
    else:
        os.environ["CDSPLAN_LANG"] = saved


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run `cdsplan ARGS` through cdsplan.cli.main, the same path a user's shell takes."""
    from cdsplan.cli import main

    def run(*args: str, cwd: Path | None = None) -> Run:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.setattr(sys, "argv", ["cdsplan", *args])
        capsys.readouterr()
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def repo_cwd(monkeypatch):
    """Work from the repository root, as a user running `cdsplan` there."""
    monkeypatch.chdir(ROOT)
    return ROOT


@dataclass
class Repository:
    """The plans of a folder as the tests look at them: each plan's model, and the project."""

    project: object
    plans: dict
    registry: object
    occurrences: list


def load_plans(folder: Path) -> Repository:
    from cdsplan.project import Project
    from cdsplan.settings import settings_from

    project = Project(settings_from(ROOT, {}, None), [folder])
    plans = {plan.id: plan for plan in project.plans_in([item.path for item in project.index.files], action="test")}
    return Repository(project, plans, project.registry, project.occurrences())


@pytest.fixture(scope="session")
def repository():
    return load_plans(PLANS)


@pytest.fixture(autouse=True, scope="session")
def _temporary_cache(tmp_path_factory):
    """No test reads or writes the checkout's .cdsplan_cache: one temporary cache per test run."""
    import os

    from cdsplan.project import CACHE_DIR_VARIABLE

    previous = os.environ.get(CACHE_DIR_VARIABLE)
    os.environ[CACHE_DIR_VARIABLE] = str(tmp_path_factory.mktemp("cdsplan-cache"))
    yield
    if previous is None:
        os.environ.pop(CACHE_DIR_VARIABLE, None)
    else:
        os.environ[CACHE_DIR_VARIABLE] = previous


def check(paths, *, cache=None, before_inclusive=False, root=None):
    """`cdsplan check` of paths through the library, as the tests of rules use it; root is the
    project folder (its progress/ is where records are), by default the working directory."""
    import dataclasses

    from cdsplan.project import Project
    from cdsplan.settings import settings_from

    settings = dataclasses.replace(settings_from(Path(root or Path.cwd()), {}, None), before_inclusive=before_inclusive)
    return Project(settings, [Path(path) for path in paths], cache=cache).check()
