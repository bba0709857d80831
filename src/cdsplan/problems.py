"""Problems found in plan files, and the result of `check`: plain data, rendered by the reporters."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    file: str
    line: int  # 1-based; 0 for a path that could not be read at all
    column: int
    severity: Severity
    code: str  # a rule's code: cdsplan.rules.RULES
    message: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    @property
    def place(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file


# Codes whose problem means the input could not be read at all (exit status 2).
UNREADABLE_CODES = frozenset(
    {"unreadable", "not-a-file", "symlink-outside", "outside-root", "symlink-loop", "symlink-dangling", "name-too-long"}
)


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Every problem of a tree of plans, sorted by file and position, and how many files were read."""

    problems: list[Problem]
    files: int

    @property
    def errors(self) -> int:
        return sum(problem.severity == "error" for problem in self.problems)

    @property
    def warnings(self) -> int:
        return sum(problem.severity == "warning" for problem in self.problems)

    def exit_code(self, strict: bool = False) -> int:
        """0 clean, 1 problems (warnings too when strict), 2 a path could not be read."""
        if any(problem.code in UNREADABLE_CODES for problem in self.problems):
            return 2
        if self.errors or (strict and self.warnings):
            return 1
        return 0
