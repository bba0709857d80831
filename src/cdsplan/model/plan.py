"""The plan model (schema cdsplan/v1): what a plan file may say, as pydantic models.

The loader validates parsed YAML against these classes; every other module
reads plans only through them.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, field_validator, model_validator

from ..i18n import _
from .base import PLAN_ID, AgencyIds, Located, OneOrMany, Strict

LOCAL_ID = r"^[^\s#]+$"  # the document's own numbering: "IV.28.a", "PL.12", "III.13.đ"
PERIOD = re.compile(r"^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$")
# The years a plan may speak of, and the longest period: a plan beyond them is a typo, and
# every occurrence of "hằng tháng" over a century would be listed.
FIRST_YEAR, LAST_YEAR = 1945, 2100
MAX_PERIOD_YEARS = 50

State = Literal["planned", "in_progress", "done", "cancelled"]
Comparison = Literal["at_least", "above", "at_most", "below"]


class WindowSpec(Strict):
    """An explicit window: `when: {start: 2024-10-01, deadline: 2024-10-10}`."""

    start: dt.date | None = None
    deadline: dt.date


# A deadline: the source's words, a bare year, an ISO date or an explicit window.
When = str | int | dt.date | WindowSpec


class Status(Strict):
    state: State
    on: dt.date | None = None
    note: str | None = None


def _state_shorthand(value: object) -> object:
    return {"state": value} if isinstance(value, str) else value


# `status: done` is short for `status: {state: done}`.
StatusOrState = Annotated[
    Status | None,
    BeforeValidator(_state_shorthand),
    WithJsonSchema({"anyOf": [Status.model_json_schema(), {"enum": list(typing.get_args(State))}, {"type": "null"}]}),
]


class Milestone(Located):
    title: str
    when: When


class Task(Located):
    id: Annotated[str, Field(pattern=LOCAL_ID)]
    title: str
    lead: Annotated[OneOrMany, Field(min_length=1)]
    support: AgencyIds
    when: When
    milestones: list[Milestone] = Field(default_factory=list)
    status: StatusOrState = None
    notes: str | None = None

    @property
    def state(self) -> State:
        return self.status.state if self.status else "planned"


class Section(Located):
    id: Annotated[str, Field(pattern=LOCAL_ID)]
    title: str
    theme: str | None = None
    appendix: bool = False  # a Phụ lục: printed after the plan, on a page of its own (top-level sections only)
    text: Annotated[OneOrMany, Field(default_factory=list)]
    sections: list[Section] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)

    def iter_tasks(self) -> Iterator[Task]:
        yield from self.tasks
        for section in self.sections:
            yield from section.iter_tasks()

    def iter_sections(self) -> Iterator[Section]:
        yield self
        for section in self.sections:
            yield from section.iter_sections()


class Measure(Strict):
    comparison: Comparison
    value: float
    unit: str | None = None
    subject: str | None = None


class Target(Located):
    id: Annotated[str, Field(pattern=LOCAL_ID)]
    area: str | None = None
    text: str
    measures: list[Measure] = Field(default_factory=list)
    when: When | None = None
    lead: AgencyIds
    notes: str | None = None


class Issue(Strict):
    """How a document is issued: its number and symbol, day, place and signature."""

    number: str | None = None
    symbol: str | None = None
    date: dt.date | None = None
    place: str | None = None
    signer: str | None = None
    signer_title: str | None = None

    @field_validator("number", mode="before")
    @classmethod
    def _number_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value

    @property
    def reference(self) -> str:
        """'3392/QĐ-BKHCN', or '      /QĐ-UBQGCĐS' with the blank kept visible."""
        number = self.number or " " * 6
        return f"{number}/{self.symbol}" if self.symbol else number


_ARTICLE_NUMBER = re.compile(r"^\s*Điều\s+\d+\s*[.:]", re.IGNORECASE)


class Article(Strict):
    """One article (Điều) of a decision as it is written, without its number: the render
    numbers them ("Điều 1.", "Điều 2.", …) in the order given."""

    # the article's paragraphs: its first sentence, then its points (a), b), …) or more paragraphs
    text: Annotated[OneOrMany, Field(min_length=1)]
    # a top-level section of the plan whose tasks and targets are this article's points: it is
    # printed here, in the decision, and not again in the Kế hoạch (they are still followed up)
    section: Annotated[str, Field(pattern=LOCAL_ID)] | None = None

    @field_validator("text")
    @classmethod
    def _no_number(cls, text: list[str]) -> list[str]:
        if text and _ARTICLE_NUMBER.match(text[0]):
            raise ValueError(_("write the article without its number ('Điều 1.'): cdsplan numbers the articles in their order"))
        return text


def _article_shorthand(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value


# An article is its text (one paragraph), or `{text: [...], section: ...}`.
ArticleOrText = Annotated[
    Article,
    BeforeValidator(_article_shorthand),
    WithJsonSchema({"anyOf": [{"type": "string"}, Article.model_json_schema()]}),
]


class Decision(Issue):
    """The Quyết định that issues the plan: its title, the proposal it follows, its articles."""

    title: str | None = None
    proposal: str | None = None  # "Theo đề nghị của …", after the căn cứ, before "QUYẾT ĐỊNH:"
    articles: list[ArticleOrText] = Field(default_factory=list)


class Source(Strict):
    kind: Literal["decision", "press"]
    document: str | None = None
    note: str | None = None


class Amendment(Strict):
    decision: str
    date: dt.date | None = None
    title: str | None = None
    plan: Annotated[str, Field(pattern=PLAN_ID)] | None = None
    replaces_tasks: bool = False


class Plan(Located):
    schema_: Literal["cdsplan/v1"] = Field(alias="schema")
    id: Annotated[str, Field(pattern=PLAN_ID)]
    title: str
    year: Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)] | None = None
    period: str | None = None
    issuer: str
    # The Quyết định that issues the plan; null for a Kế hoạch issued on its own (see `issued`).
    decision: Decision | None = Field(default_factory=Decision)
    issued: Issue | None = None  # a Kế hoạch issued on its own: its own number ("KH-…"), day and signature
    source: Source | None = None
    legal_basis: list[str] = Field(default_factory=list)
    theme: str | None = None
    amends: Amendment | None = None
    recipients: list[str] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    notes: str | None = None

    @model_validator(mode="after")
    def _year_or_period(self) -> Plan:
        if (self.year is None) == (self.period is None):
            raise ValueError(_("a plan states exactly one of `year` (2023) or `period` (2023-2025)"))
        if self.period is not None:
            match = PERIOD.match(self.period)
            if not match or int(match[1]) > int(match[2]):
                raise ValueError(_("period {period!r} is not 'YYYY-YYYY' with the first year first").format(period=self.period))
            first, last = int(match[1]), int(match[2])
            if not FIRST_YEAR <= first <= last <= LAST_YEAR or last - first + 1 > MAX_PERIOD_YEARS:
                raise ValueError(
                    _("period {period!r}: a plan's years lie within {first}-{last} and span at most {limit} years").format(
                        period=self.period, first=FIRST_YEAR, last=LAST_YEAR, limit=MAX_PERIOD_YEARS
                    )
                )
        return self

    @model_validator(mode="after")
    def _issued_once(self) -> Plan:
        if self.decision is not None and self.issued is not None:
            raise ValueError(
                _("a plan is issued by a decision or on its own: give `decision` or `issued` (with `decision: null`), not both")
            )
        top = {section.id: section for section in self.sections}
        for section in self.iter_sections():
            if section.appendix and section.id not in top:
                raise ValueError(_("section {id}: only a top-level section can be an appendix").format(id=section.id))
        for number, article in enumerate(self.decision.articles if self.decision else [], 1):
            if article.section is None:
                continue
            if article.section not in top:
                raise ValueError(
                    _("article {number} names section {id!r}, which is not a top-level section of the plan").format(
                        number=number, id=article.section
                    )
                )
            if top[article.section].appendix:
                raise ValueError(
                    _("article {number} names section {id!r}, an appendix: an appendix is printed after the plan").format(
                        number=number, id=article.section
                    )
                )
        return self

    @property
    def signed(self) -> dt.date | None:
        """The day the plan was signed: its decision's, or its own when it is issued on its own."""
        if self.decision is not None:
            return self.decision.date
        return self.issued.date if self.issued is not None else None

    @property
    def file(self) -> str:
        """The file the plan was read from, as shown to the user."""
        return str((self.__pydantic_private__ or {}).get("file", ""))

    @property
    def first_year(self) -> int:
        if self.year is not None:
            return self.year
        return int(PERIOD.match(self.period or "")[1])  # type: ignore[index]

    @property
    def last_year(self) -> int:
        if self.year is not None:
            return self.year
        return int(PERIOD.match(self.period or "")[2])  # type: ignore[index]

    def iter_sections(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.iter_sections()

    def iter_tasks(self) -> Iterator[Task]:
        for section in self.sections:
            yield from section.iter_tasks()

    def section(self, section_id: str) -> Section:
        for section in self.iter_sections():
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def task(self, task_id: str) -> Task:
        for task in self.iter_tasks():
            if task.id == task_id:
                return task
        raise KeyError(task_id)


Section.model_rebuild()


def plain_when(when: When) -> str | int | dt.date | dict[str, dt.date | None]:
    """A `when` as the deadline reader takes it (an explicit window becomes a mapping)."""
    return when.model_dump() if isinstance(when, WindowSpec) else when


def when_text(when: When) -> str:
    """A `when` as the plan writes it: the source's words, a year, an ISO date or 'start – deadline'."""
    if isinstance(when, WindowSpec):
        return f"{when.start.isoformat() + ' – ' if when.start else ''}{when.deadline.isoformat()}"
    if isinstance(when, dt.date):
        return when.isoformat()
    return str(when)
