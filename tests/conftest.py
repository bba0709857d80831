"""Shared test helpers: the real plans, a runner for the CLI's real entry point."""

from __future__ import annotations

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


@pytest.fixture(scope="session")
def repository():
    from cdsplan.loader import load_repository

    return load_repository(PLANS)
