"""The docs stay true: every `$ cdsplan …` example in README.md and docs/*.md is run and compared.

After a deliberate change of output, refresh the examples with
    CDSPLAN_UPDATE_DOCS=1 python -m pytest tests/test_docs.py
and review the diff.
"""

from __future__ import annotations

import os
import re
import shlex

import pytest

from .conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"(```console\n)\$ (cdsplan [^\n]*)\n(.*?)(```)", re.S)

pytestmark = pytest.mark.vietnamese


def examples():
    for path in DOCS:
        for match in BLOCK.finditer(path.read_text(encoding="utf-8")):
            yield pytest.param(path, match.group(2), match.group(3), id=f"{path.name}: {match.group(2)[:60]}")


@pytest.mark.parametrize(("path", "command", "shown"), list(examples()))
def test_example_output_is_what_cdsplan_prints(cli, repo_cwd, path, command, shown):
    run = cli(*shlex.split(command)[1:])
    actual = run.out + run.err
    if os.environ.get("CDSPLAN_UPDATE_DOCS") and actual != shown:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"$ {command}\n{shown}```", f"$ {command}\n{actual}```", 1), encoding="utf-8")
        return
    assert actual == shown, f"{path.name}: output of `{command}` changed (see the module docstring to refresh)"


def test_every_command_is_documented_in_the_readme():
    from cdsplan.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [command.name or command.callback.__name__ for command in app.registered_commands]
    missing = [name for name in names if f"cdsplan {name}" not in readme]
    assert not missing, f"README.md does not show: {missing}"
