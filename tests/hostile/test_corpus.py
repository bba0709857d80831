"""The hostile corpus (cases.py), each case a child process in a fresh project.

The selected cases run once per session, several at a time (each in its own folder, measured
alone by os.wait4); each test then judges one case's result, so a failure names its case.
`python -m tests.hostile` prints every result, for a look at all of them at once.
"""

from __future__ import annotations

import os
import stat
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .cases import CASES, EXTENDED
from .runner import ROOT, Result, problems_of, run, snapshot, warm_cache

BY_NAME = {case.name: case for case in CASES}
# HOSTILE=all runs the variants too (about three times as long)
SELECTED = sorted(name for name in BY_NAME if os.environ.get("HOSTILE") == "all" or name not in EXTENDED)
# One more than the cores: while one case's child waits (starting, writing), another works.
WORKERS = max(3, min(5, (os.cpu_count() or 2) + 1))
DEVICES = [Path("/dev/null"), Path("/dev/zero"), Path("/dev/full")]

pytestmark = pytest.mark.slow


def run_all(names: list[str], folder: Path, workers: int = WORKERS) -> dict[str, Result]:
    shared = folder / "shared"
    (shared / "home").mkdir(parents=True)
    cases_folder = folder / "cases"
    cases_folder.mkdir()
    warm_cache(shared)
    # the slowest first, so that the pool is not left waiting on one long case at the end
    order = sorted(names, key=lambda name: (not name.startswith(("tpl-", "cache-sparse", "import-xlsx", "diff-huge")), name))
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(lambda name: run(BY_NAME[name], cases_folder, shared), order))
    return {result.case.name: result for result in results}


def _devices() -> list[tuple[int, int, int]]:
    return [(info.st_mode, info.st_rdev, info.st_ino) for info in (os.lstat(device) for device in DEVICES if device.exists())]


def _checkout() -> dict[str, object]:
    return {name: snapshot(ROOT / name) for name in ("plans", "templates", "schema", "pyproject.toml", "src/cdsplan/templates")}


@pytest.fixture(scope="session")
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    selected = [
        item.callspec.params["name"]
        for item in request.session.items
        if getattr(item, "originalname", None) == "test_hostile" and hasattr(item, "callspec")
    ]
    folder = tmp_path_factory.mktemp("hostile")
    os.chmod(folder, 0o755)  # cases run as another user reach their folders through it
    before = (_checkout(), _devices(), sorted(os.listdir(folder.parent)))
    started = time.monotonic()
    results = run_all(selected, folder)
    seconds = time.monotonic() - started
    after = (_checkout(), _devices(), sorted(os.listdir(folder.parent)))
    return {"results": results, "seconds": seconds, "before": before, "after": after, "folder": folder}


@pytest.mark.parametrize("name", SELECTED)
def test_hostile(name: str, corpus: dict[str, object]) -> None:
    result = corpus["results"][name]  # type: ignore[index]
    assert isinstance(result, Result)
    if result.skipped:
        pytest.skip(result.skipped)
    problems = problems_of(result)
    if result.case.known:
        if not problems:
            pytest.fail(f"{name} passes now: remove its `known` ({result.case.known})")
        pytest.xfail(f"{result.case.known}: {'; '.join(problems)[:300]}")
    assert not problems, f"{result.brief()}\n" + "\n".join(problems) + f"\nstderr: {result.err[-2000:]}"


def test_nothing_outside_the_cases_changed(corpus: dict[str, object]) -> None:
    """The checkout's plans and templates, /dev/null, /dev/zero and /dev/full, and the folders
    beside the corpus's are as they were."""
    assert corpus["after"] == corpus["before"]


def test_the_corpus_is_big_and_every_case_ran(corpus: dict[str, object]) -> None:
    """Its time is measured, not asserted (a busy machine is no bug): `python -m tests.hostile --ci` prints it."""
    assert len(CASES) >= 60
    results = corpus["results"]
    assert isinstance(results, dict) and sorted(results) == sorted(SELECTED)


def test_no_case_left_a_special_file_behind(corpus: dict[str, object]) -> None:
    """A FIFO or device made for a case stays inside the case's folder."""
    folder = corpus["folder"]
    assert isinstance(folder, Path)
    for entry in os.scandir(folder):
        assert stat.S_ISDIR(entry.stat(follow_symlinks=False).st_mode), entry.name
