"""What a rule is: its code, severity, scope, words for the user, and examples that show it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..problems import Problem, Severity

# What a rule looks at: the file as YAML and schema ("read", raised while reading), one plan or
# registry file ("file", its result kept in the cache with the file), or the whole tree
# ("repository", run on every check over the files' indexes).
Scope = Literal["read", "file", "repository"]

# The registry every example is checked against (tests/rules), so that examples stay short.
EXAMPLE_AGENCIES = ("bo-tttt", "bo-yt", "ha-noi")


@dataclass(frozen=True, slots=True)
class Rule:
    code: str  # the contract: `unknown-agency`, shown in every format and in SARIF's ruleId
    severity: Severity
    scope: Scope
    summary: str  # one line, an English message id (translated where shown)
    help: str  # what to do about it, a message id
    bad: str | None = None  # a plan file (YAML) that this rule rejects; None when no text shows it
    good: str | None = None  # the same file mended
    title: str | None = None  # a name for people where the code's own words would only repeat it

    @property
    def name(self) -> str:
        """The rule's name for SARIF (`UnknownAgency`), which must differ from its id."""
        return self.title or "".join(part.capitalize() for part in self.code.split("-"))

    def at(self, file: str, line: int, column: int, message: str) -> Problem:
        """A problem of this rule at file:line:column."""
        return Problem(file, line, column, self.severity, self.code, message)


def example(body: str) -> str:
    """A small plan file around body (its sections), for a rule's examples."""
    return (
        "schema: cdsplan/v1\nid: vi-du-2024\ntitle: Kế hoạch ví dụ năm 2024\nyear: 2024\nissuer: bo-tttt\n"
        + body
    )
