"""Loading a file into the model, with every problem at its file, line and column.

When the data does not fit the schema, the schema problems are reported and the loader
salvages a model for the rules: a misspelt key that is near a missing one (`laed:` for
`lead:`) is read as that key, another unknown key is dropped, and an element that still does
not validate (a task, a target, an agency) is left out. So one typo does not hide the unknown
agencies, unreadable deadlines and impossible dates elsewhere in the file. A salvaged model
is only ever shown to the rules: `plan`/`registry` stay None for such a file, so nothing is
listed, rendered or edited from a file that `check` rejects.
"""

from __future__ import annotations

import copy
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from .. import SCHEMA_V1
from ..i18n import _
from ..model.agency import Agency, AgencyFile
from ..model.base import Located, place
from ..model.plan import Plan, Section, When
from ..model.progress import ProgressFile
from ..problems import Problem
from ..rules import rule
from ..rules.base import Rule
from ..text import closest, did_you_mean
from .yamlfile import DataPath, Parsed, YamlError, decode, parse

# Each schema version this cdsplan reads, with the migration that lifts it to the current one
# (v1 is current: nothing to lift). A v2 adds {"cdsplan/v1": v1_to_v2}.
MIGRATIONS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {SCHEMA_V1: lambda data: data}

# Rounds of salvage: each removes what the previous validation refused; a file needing more is
# reported with what was found so far.
SALVAGE_ROUNDS = 8

Model = Plan | AgencyFile | ProgressFile


@dataclass(slots=True)
class LoadedFile:
    """One file as read: its model (when valid), positions and problems."""

    path: str  # as shown to the user
    kind: str = "plan"  # plan | registry | progress
    parsed: Parsed | None = None
    plan: Plan | None = None  # the valid model, None when the file has schema problems
    registry: AgencyFile | None = None
    progress: ProgressFile | None = None
    salvaged: Model | None = None  # what the rules see: the valid model, or the salvaged one
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: DataPath, *, key: bool = False) -> tuple[int, int]:
        return self.parsed.where(path, key=key) if self.parsed else (1, 1)

    def at(self, checked: Rule, path: DataPath, message: str, *, key: bool = False, shift: int = 0) -> Problem:
        line, column = self.where(path, key=key)
        return checked.at(self.path, line, column + shift, message)

    @property
    def checked_plan(self) -> Plan | None:
        """The plan as the rules see it (salvaged when the file has schema problems)."""
        return self.salvaged if isinstance(self.salvaged, Plan) else None

    @property
    def checked_registry(self) -> AgencyFile | None:
        return self.salvaged if isinstance(self.salvaged, AgencyFile) else None

    @property
    def checked_progress(self) -> ProgressFile | None:
        return self.salvaged if isinstance(self.salvaged, ProgressFile) else None

    def section_paths(self) -> Iterator[tuple[Section, DataPath]]:
        """Every section of the checked plan with its data path, in document order."""
        plan = self.checked_plan
        return _sections(plan.sections, ()) if plan else iter(())

    def when_paths(self) -> Iterator[tuple[DataPath, When, bool]]:
        """Every deadline of the checked plan: its path, its value, and whether it must lie in
        the plan's period (tasks and milestones; targets may look further)."""
        plan = self.checked_plan
        if plan is None:
            return
        for index, target in enumerate(plan.targets):
            if target.when is not None:
                yield ("targets", index, "when"), target.when, False
        for section, path in self.section_paths():
            for index, task in enumerate(section.tasks):
                task_path = (*path, "tasks", index)
                yield (*task_path, "when"), task.when, True
                for number, milestone in enumerate(task.milestones):
                    yield (*task_path, "milestones", number, "when"), milestone.when, True

    def registry_paths(self) -> Iterator[tuple[Agency, DataPath]]:
        registry = self.checked_registry
        if registry is not None:
            for index, agency in enumerate(registry.agencies):
                yield agency, ("agencies", index)


def _sections(sections: list[Section], path: DataPath) -> Iterator[tuple[Section, DataPath]]:
    for index, section in enumerate(sections):
        section_path = (*path, "sections", index)
        yield section, section_path
        yield from _sections(section.sections, section_path)


def parse_bytes(shown: str, raw: bytes) -> tuple[Parsed | None, list[Problem]]:
    try:
        parsed = parse(shown, decode(shown, raw))
    except YamlError as exc:
        return None, [exc.problem]
    return parsed, list(parsed.problems)


MODELS: dict[str, type[Model]] = {"plan": Plan, "registry": AgencyFile, "progress": ProgressFile}


def load_bytes(shown: str, raw: bytes, *, kind: str = "plan") -> LoadedFile:
    """Parse and validate a plan, the registry or a progress file from its bytes; shown names
    it in problems."""
    parsed, problems = parse_bytes(shown, raw)
    loaded = LoadedFile(shown, kind, parsed=parsed, problems=problems)
    if parsed is not None:
        model, salvaged = validate(parsed, MODELS[kind], loaded.problems)
        loaded.salvaged = salvaged
        if isinstance(model, Plan) and not loaded.problems:
            loaded.plan = model
        elif isinstance(model, AgencyFile):
            loaded.registry = model
        elif isinstance(model, ProgressFile) and not loaded.problems:
            loaded.progress = model
        if isinstance(salvaged, Plan):
            place(salvaged, salvaged.line, salvaged.column, file=shown)
    loaded.problems.sort()
    return loaded


def validate(parsed: Parsed, model_class: type[Model], problems: list[Problem]) -> tuple[Model | None, Model | None]:
    """(the model, what the rules may check) of parsed data; the reasons appended to problems.

    The model is None when the data does not fit the schema; what the rules may check is then
    the salvaged model, or None when nothing could be salvaged."""
    data = parsed.data
    if not isinstance(data, dict):
        # translators: fills {kind} in "the file holds {kind}; a plan is a mapping …"
        kind = _("a list") if isinstance(data, list) else _("a single value")
        problems.append(
            rule("not-a-mapping").at(
                parsed.file, 1, 1, _("the file holds {kind}; a plan is a mapping starting with 'schema: cdsplan/v1'").format(kind=kind)
            )
        )
        return None, None
    migrated = _migrated(parsed, data, problems)
    if migrated is None:
        return None, None
    try:
        model = model_class.model_validate(migrated)
    except ValidationError as exc:
        salvaged = _salvage(parsed, model_class, migrated, exc, problems)
        return None, salvaged
    _record_positions(model, parsed)
    return model, model


def _salvage(parsed: Parsed, model_class: type[Model], data: dict[str, Any], exc: ValidationError, problems: list[Problem]) -> Model | None:
    # a value the reader already refused (an impossible date) is not also a schema problem
    reported = {(problem.line, problem.column) for problem in problems}
    work = copy.deepcopy(data)
    positions = parsed  # from here on its positions follow the salvaged data, for the rules
    for _round in range(SALVAGE_ROUNDS):
        for problem in _schema_problems(positions, model_class, exc):
            if (problem.line, problem.column) not in reported:
                reported.add((problem.line, problem.column))
                problems.append(problem)
        if not _prune(positions, model_class, work, exc):
            return None
        try:
            model = model_class.model_validate(work)
        except ValidationError as again:
            exc = again
            continue
        _record_positions(model, positions)
        return model
    return None


def _prune(positions: Parsed, model_class: type[BaseModel], data: dict[str, Any], exc: ValidationError) -> bool:
    """Mend or remove in data what exc refuses; False when nothing could be done."""
    errors = [(error, *_split_loc(positions, tuple(error["loc"]))) for error in exc.errors(include_url=False)]
    missing: dict[DataPath, list[str]] = {}
    for error, place_, rest in errors:
        if error["type"] == "missing" and rest:
            missing.setdefault(place_, []).append(str(rest[0]))
    changed = False
    provided: set[DataPath] = set()
    for error, key_path, _rest in errors:
        if error["type"] != "extra_forbidden" or not key_path:
            continue
        parent = _at(data, key_path[:-1])
        if not isinstance(parent, dict) or key_path[-1] not in parent:
            continue
        near = closest(str(key_path[-1]), missing.get(key_path[:-1], []))
        value = parent.pop(key_path[-1])
        changed = True
        if near:
            # `laed:` beside a missing `lead:`: read as `lead` for the rules, at laed's place
            target = (*key_path[:-1], near[0])
            parent[near[0]] = value
            positions.values[target] = positions.where(key_path)
            positions.keys[target] = positions.where(key_path, key=True)
            provided.add(target)
    drop: set[DataPath] = set()
    for error, place_, rest in errors:
        if error["type"] == "extra_forbidden":
            continue
        if error["type"] == "missing":
            place_ = (*place_, *rest[:1])
            if place_ in provided:
                continue
        element = _element(place_)
        if element is None:
            if error["type"] == "missing" or not _optional(model_class, place_):
                return changed
            element = place_
        drop.add(element)
    for path in sorted(drop, key=_deepest_last_first, reverse=True):
        container = _at(data, path[:-1])
        if isinstance(container, list) and isinstance(path[-1], int) and path[-1] < len(container):
            del container[path[-1]]
            _shift_positions(positions, path)
        elif isinstance(container, dict):
            container.pop(path[-1], None)
    return changed or bool(drop)


def _deepest_last_first(path: DataPath) -> tuple[int, list[tuple[int, int | str]]]:
    return len(path), [(0, part) if isinstance(part, int) else (1, part) for part in path]


def _shift_positions(positions: Parsed, removed: DataPath) -> None:
    """After list item `removed` is deleted, the items after it move up one: so do their positions."""
    depth = len(removed) - 1
    parent, index = removed[:-1], removed[-1]
    assert isinstance(index, int)
    for table in (positions.values, positions.keys):
        moved: dict[DataPath, tuple[int, int]] = {}
        for path, position in table.items():
            number = path[depth] if len(path) > depth and path[:depth] == parent else None
            if isinstance(number, int) and number >= index:
                if number > index:
                    moved[(*parent, number - 1, *path[depth + 1 :])] = position
                continue
            moved[path] = position
        table.clear()
        table.update(moved)


def _element(path: DataPath) -> DataPath | None:
    """The nearest list item (a task, target, section, milestone, agency) holding path."""
    for cut in range(len(path), 0, -1):
        if isinstance(path[cut - 1], int):
            return path[:cut]
    return None


def _optional(model_class: type[BaseModel], path: DataPath) -> bool:
    """Whether the plan-level key at path may be left out."""
    if len(path) != 1:
        return False
    info = {field_info.alias or name: field_info for name, field_info in model_class.model_fields.items()}.get(str(path[0]))
    return info is not None and not info.is_required()


def _at(data: Any, path: DataPath) -> Any:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _migrated(parsed: Parsed, data: dict[str, Any], problems: list[Problem]) -> dict[str, Any] | None:
    schema = data.get("schema")
    migrate = MIGRATIONS.get(schema) if isinstance(schema, str) else None
    if migrate is not None:
        return migrate(data)
    if schema is None:
        message, where = _("missing 'schema: cdsplan/v1': add it as the first line"), (1, 1)
    elif isinstance(schema, str) and schema.startswith("cdsplan/"):
        message = _("this file is written for a newer cdsplan (schema {schema}); this cdsplan reads {known}: upgrade cdsplan").format(
            schema=schema, known=", ".join(MIGRATIONS)
        )
        where = parsed.where(("schema",))
    else:
        message, where = _("unknown schema {schema!r}: expected 'cdsplan/v1'").format(schema=schema), parsed.where(("schema",))
    problems.append(rule("schema-version").at(parsed.file, *where, message))
    return None


def _schema_problems(parsed: Parsed, model_class: type[BaseModel], exc: ValidationError) -> list[Problem]:
    """One problem per place the data is wrong, at that place, in words a plan editor follows."""
    by_place: dict[DataPath, dict[str, Any]] = {}
    for details in exc.errors(include_url=False):
        place_, rest = _split_loc(parsed, tuple(details["loc"]))
        if details["type"] == "missing":
            place_ = (*place_, *rest[:1])
        by_place.setdefault(place_, cast(dict[str, Any], details))  # a union reports once per member: the first says enough
    problems = []
    for place_, error in by_place.items():
        kind = error["type"]
        if kind == "extra_forbidden":
            key = str(place_[-1])
            line, column = parsed.where(place_, key=True)
            hint = did_you_mean(key, _field_names(model_class, place_[:-1]))
            problems.append(rule("unknown-key").at(parsed.file, line, column, _("unknown key '{key}'{hint}").format(key=key, hint=hint)))
        elif kind == "missing":
            line, column = parsed.where(place_[:-1])
            problems.append(rule("missing-key").at(parsed.file, line, column, _("missing key '{key}'").format(key=place_[-1])))
        else:
            line, column = parsed.where(place_)
            name = ".".join(str(part) for part in place_) or _("file")
            problems.append(rule("schema").at(parsed.file, line, column, f"{name}: {_message(place_, error)}"))
    return problems


def _split_loc(parsed: Parsed, loc: tuple[Any, ...]) -> tuple[DataPath, tuple[Any, ...]]:
    """loc split into the longest part that names data in the file and the rest (union tags, a missing key)."""
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in parsed.values or loc[:cut] in parsed.keys:
            return loc[:cut], loc[cut:]
    return (), loc


def _message(place_: DataPath, error: dict[str, Any]) -> str:
    if place_ and place_[-1] == "when":
        return _("write the deadline as text ('Quý I/2023'), a year (2023), a date (2023-09-15) or {start: …, deadline: …}")
    if place_ and place_[-1] in ("lead", "support"):
        return _("give an agency id or a list of agency ids")
    message = str(error["msg"])
    if error["type"] == "string_pattern_mismatch" and place_ and place_[-1] == "id":
        return message + _(": use lower-case letters, digits and '-' for plan ids, no spaces or '#' for task ids")
    return message


def _field_names(model_class: type[BaseModel], path: DataPath) -> list[str]:
    """The keys allowed at path, found by walking the model's annotations."""
    annotation: Any = model_class
    for part in path:
        model = _model_in(annotation)
        if isinstance(part, int):
            annotation = _item_type(annotation)
        elif model is not None:
            fields = {info.alias or name: info for name, info in model.model_fields.items()}
            if part not in fields:
                return []
            annotation = fields[part].annotation
    model = _model_in(annotation)
    return [info.alias or name for name, info in model.model_fields.items()] if model else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        model = _model_in(arg)
        if model is not None and typing.get_origin(annotation) is not list:
            return model
    return None


def _item_type(annotation: Any) -> Any:
    for candidate in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(candidate) is list:
            return typing.get_args(candidate)[0]
    return annotation


def _record_positions(model: BaseModel, parsed: Parsed) -> None:
    """Give every located element of a plan or of the registry its line and column in the file."""
    values = parsed.values

    def mark(element: Located, path: DataPath) -> None:
        place(element, *values.get(path, (1, 1)))

    def section(element: Section, path: DataPath) -> None:
        mark(element, path)
        for index, task in enumerate(element.tasks):
            task_path = (*path, "tasks", index)
            mark(task, task_path)
            for number, milestone in enumerate(task.milestones):
                mark(milestone, (*task_path, "milestones", number))
        for index, child in enumerate(element.sections):
            section(child, (*path, "sections", index))

    if isinstance(model, Plan):
        mark(model, ())
        for index, target in enumerate(model.targets):
            mark(target, ("targets", index))
        for index, child in enumerate(model.sections):
            section(child, ("sections", index))
    elif isinstance(model, AgencyFile):
        mark(model, ())
        for index, agency in enumerate(model.agencies):
            mark(agency, ("agencies", index))
    elif isinstance(model, ProgressFile):
        mark(model, ())
        for index, record in enumerate(model.records):
            mark(record, ("records", index))
