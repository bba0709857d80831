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


# A rule's example may hold several files, each after a line `# --- path` (the first, with no
# such line, is plans/2024/vi-du.yaml).
FILE_MARK = "# --- "

EXAMPLE_PLAN = (
    "sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n"
    "      - {id: I.1, title: Một, lead: bo-yt, when: Quý I/2024, milestones: [{title: Sơ kết, when: tháng 2/2024}]}\n"
    "      - {id: I.2, title: Hai, lead: bo-yt, when: hằng quý}\n"
    "targets:\n  - {id: T.1, text: 80% dữ liệu mở, lead: bo-yt, measures: [{comparison: at_least, value: 80, unit: '%'}]}\n"
)


def with_records(records: str, agency: str = "bo-yt") -> str:
    """The example plan and a progress file of agency holding records (YAML list items)."""
    return (
        example(EXAMPLE_PLAN)
        + f"{FILE_MARK}progress/2024/{agency}.yaml\nschema: cdsplan/v1\nagency: {agency}\nyear: 2024\nrecords:\n"
        + records
    )


def example(body: str) -> str:
    """A small plan file around body (its sections), for a rule's examples."""
    return "schema: cdsplan/v1\nid: vi-du-2024\ntitle: Kế hoạch ví dụ năm 2024\nyear: 2024\nissuer: bo-tttt\n" + body
