"""Rendering `check` results: text, JSON, GitHub workflow commands, SARIF 2.1.0."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .. import __version__
from ..i18n import _, ngettext
from ..problems import CheckResult, Problem

FORMATS = ("text", "json", "github", "sarif")

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"
INFORMATION_URI = "https://pypi.org/project/cdsplan/"


def severity_word(severity: str) -> str:
    return _("error") if severity == "error" else _("warning")


def problem_line(problem: Problem, colour: bool = False) -> str:
    """`file:line:col: severity: message [code]`, the line every tool that reads compiler output knows."""
    from ..console import safe

    severity, place = severity_word(problem.severity), problem.place
    if colour:
        severity = f"{_COLOURS[problem.severity]}{severity}{_RESET}"
        place = f"{_BOLD}{place}{_RESET}"
    return f"{safe(place)}: {severity}: {safe(problem.message)} [{problem.code}]"


def problem_lines(problems: Iterable[Problem], colour: bool = False) -> str:
    return "".join(problem_line(problem, colour) + "\n" for problem in problems)


def text(result: CheckResult, colour: bool = False) -> str:
    lines = problem_lines(result.problems, colour)
    files = ngettext("{count} file", "{count} files", result.files).format(count=result.files)
    if result.problems:
        summary = _("{errors} error(s), {warnings} warning(s) in {files}").format(
            errors=result.errors, warnings=result.warnings, files=files
        )
    else:
        summary = _("{files} checked: no problems").format(files=files)
    return lines + summary + "\n"


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
    """SARIF 2.1.0 for code-scanning dashboards: every rule of the registry with its metadata,
    each result pointing at its rule by id and index."""
    from ..rules import RULES

    rules = list(RULES.values())
    index = {rule.code: number for number, rule in enumerate(rules)}
    results = []
    for problem in result.problems:
        location: dict[str, Any] = {"artifactLocation": {"uri": problem.file}}
        if problem.line:
            location["region"] = {"startLine": problem.line, "startColumn": max(problem.column, 1)}
        results.append(
            {
                "ruleId": problem.code,
                "ruleIndex": index[problem.code],
                "level": problem.severity,
                "message": {"text": _sarif_message(problem.message)},
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
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [
                            {
                                "id": rule.code,
                                "name": rule.name,
                                "shortDescription": {"text": _sarif_message(_(rule.summary))},
                                "fullDescription": {"text": _sarif_message(_(rule.summary) + ". " + _(rule.help))},
                                "help": {"text": _(rule.help), "markdown": _rule_markdown(rule)},
                                "defaultConfiguration": {"level": rule.severity},
                                "properties": {"scope": rule.scope},
                            }
                            for rule in rules
                        ],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _sarif_message(text: str) -> str:
    """A SARIF plain-text message is one sentence ending in a period (SARIF2001 asks it)."""
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _rule_markdown(rule: Any) -> str:
    parts = [_(rule.help)]
    if rule.bad:
        parts += ["", _("Rejected:"), "", "```yaml", rule.bad.rstrip("\n"), "```"]
    if rule.good:
        parts += ["", _("Accepted:"), "", "```yaml", rule.good.rstrip("\n"), "```"]
    return "\n".join(parts)


def render(result: CheckResult, fmt: str, colour: bool = False) -> str:
    if fmt == "json":
        return as_json(result)
    if fmt == "github":
        return github(result)
    if fmt == "sarif":
        return sarif(result)
    return text(result, colour)
