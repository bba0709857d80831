"""Rendering `check` results: text, JSON, GitHub workflow commands, SARIF 2.1.0."""

from __future__ import annotations

import json

from . import __version__
from .check import CheckResult
from .problems import Problem

FORMATS = ("text", "json", "github", "sarif")

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def _place(problem: Problem) -> str:
    return f"{problem.file}:{problem.line}:{problem.column}" if problem.line else problem.file


def text(result: CheckResult, colour: bool = False) -> str:
    lines = []
    for problem in result.problems:
        severity = problem.severity
        place = _place(problem)
        if colour:
            severity = f"{_COLOURS[severity]}{severity}{_RESET}"
            place = f"{_BOLD}{place}{_RESET}"
        lines.append(f"{place}: {severity}: {problem.message} [{problem.code}]")
    noun = "file" if result.files == 1 else "files"
    if result.problems:
        lines.append(f"{result.errors} error(s), {result.warnings} warning(s) in {result.files} {noun}")
    else:
        lines.append(f"{result.files} {noun} checked: no problems")
    return "\n".join(lines) + "\n"


def as_json(result: CheckResult) -> str:
    return json.dumps([problem.as_dict() for problem in result.problems], ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(result: CheckResult) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    lines = []
    for problem in result.problems:
        props = [f"file={_escape_property(problem.file)}"]
        if problem.line:
            props += [f"line={problem.line}", f"col={problem.column}"]
        props.append(f"title={_escape_property('cdsplan ' + problem.code)}")
        lines.append(f"::{problem.severity} {','.join(props)}::{_escape_data(problem.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def sarif(result: CheckResult) -> str:
    """SARIF 2.1.0 for code-scanning dashboards."""
    codes = sorted({problem.code for problem in result.problems})
    results = []
    for problem in result.problems:
        location: dict = {"artifactLocation": {"uri": problem.file}}
        if problem.line:
            location["region"] = {"startLine": problem.line, "startColumn": max(problem.column, 1)}
        results.append(
            {
                "ruleId": problem.code,
                "ruleIndex": codes.index(problem.code),
                "level": problem.severity,
                "message": {"text": problem.message},
                "locations": [{"physicalLocation": location}],
            }
        )
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cdsplan",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/cdsplan/",
                        "rules": [{"id": code, "name": code, "shortDescription": {"text": code}} for code in codes],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def render(result: CheckResult, fmt: str, colour: bool = False) -> str:
    if fmt == "json":
        return as_json(result)
    if fmt == "github":
        return github(result)
    if fmt == "sarif":
        return sarif(result)
    return text(result, colour)
