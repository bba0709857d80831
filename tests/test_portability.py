"""cdsplan imports and runs where POSIX-only modules do not exist (Windows offices): every module
is imported, and `check` runs, with fcntl, termios, pwd, grp and resource made unimportable."""

from __future__ import annotations

import subprocess
import sys

from .conftest import FIXTURES, ROOT

SCRIPT = """
import sys
for name in ("fcntl", "termios", "pwd", "grp", "resource", "posix"):
    if name != "posix":
        sys.modules[name] = None  # import fails as it does on Windows
import importlib, pkgutil
import cdsplan
for module in pkgutil.walk_packages(cdsplan.__path__, "cdsplan."):
    importlib.import_module(module.name)
from cdsplan.cli import main
sys.argv = ["cdsplan", "check", sys.argv[1]]
main()
"""


def test_every_module_imports_and_check_runs_without_posix_only_modules(tmp_path):
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(FIXTURES / "mini" / "plans")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={"PATH": "", "CDSPLAN_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT / "src"), "CDSPLAN_LANG": "en"},
    )
    assert run.returncode == 0, run.stderr
    assert "no problems" in run.stdout
