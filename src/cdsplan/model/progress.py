"""Progress records (schema cdsplan/v1): what one agency reports of the items it holds.

A record is about one item — a task, one of its milestones, or a target — for one holder
agency and one occurrence: the state reached and the day, a note, evidence; for a target, the
achieved value of each measure. Records live in `progress/<year>/<agency-id>.yaml`, one file
per agency and year, so that each unit can own its file in git (CODEOWNERS) and nothing else.
Records are appended, never rewritten: the latest by day is the agency's standing, the earlier
ones its history.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator

from ..i18n import _
from .base import PLAN_ID, Located, OneOrMany, Strict
from .plan import State

ITEM_REF = r"^[a-z0-9][a-z0-9-]*#[^\s#]+$"  # plan#task or plan#target


class Reading(Strict):
    """The achieved value of one measure of a target."""

    measure: Annotated[int, Field(ge=1)] = 1  # 1-based, in the order the target lists them
    value: float
    unit: str | None = None  # when given, the measure's own unit ("%")


class Record(Located):
    item: Annotated[str, Field(pattern=ITEM_REF)]
    occurrence: str | int | None = None  # "2024", "2024-Q3", "2024-H1", "2024-09", or a deadline "2024-09-14"
    milestone: Annotated[int, Field(ge=1)] | None = None  # 1-based, among the task's milestones
    state: State | None = None
    on: dt.date
    note: str | None = None
    evidence: Annotated[OneOrMany, Field(default_factory=list)]  # "Báo cáo số 45/BC-UBND ngày 20/9/2023", or a link
    values: list[Reading] = Field(default_factory=list)

    @model_validator(mode="after")
    def _says_something(self) -> Record:
        if self.state is None and not self.values:
            raise ValueError(_("a record gives a `state` (planned, in_progress, done, cancelled), `values` for a target, or both"))
        return self

    @property
    def plan(self) -> str:
        return self.item.partition("#")[0]

    @property
    def local_id(self) -> str:
        return self.item.partition("#")[2]


class ProgressFile(Located):
    schema_: Literal["cdsplan/v1"] = Field(alias="schema")
    agency: Annotated[str, Field(pattern=PLAN_ID)]
    year: int
    records: list[Record] = Field(default_factory=list)
