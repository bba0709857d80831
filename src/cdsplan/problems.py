"""Problems found in plan files: plain data, rendered by the reporters."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


# Codes whose problem means the input could not be read at all (exit status 2).
UNREADABLE_CODES = frozenset({"unreadable", "not-a-file"})
