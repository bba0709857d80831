"""The agency registry's file format (plans/agencies.yaml): who an id is, its kind, its successor."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from .base import PLAN_ID, Located, OneOrMany

AgencyKind = Literal[
    "ministry",
    "government-agency",
    "committee",
    "province",
    "unit",
    "press",
    "publisher",
    "association",
    "enterprise",
    "group",
    "person",
]


class Agency(Located):
    id: Annotated[str, Field(pattern=PLAN_ID)]
    name: str
    short: Annotated[OneOrMany, Field(default_factory=list)]
    aliases: Annotated[OneOrMany, Field(default_factory=list)]
    kind: AgencyKind
    parent: str | None = None
    covers: list[AgencyKind] = Field(default_factory=list)  # a group's members: the kinds it addresses
    succeeded_by: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def exists_on(self, day: dt.date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


class AgencyFile(Located):
    schema_: Literal["cdsplan/v1"] = Field(alias="schema")
    sources: list[str] = Field(default_factory=list)
    agencies: list[Agency]
