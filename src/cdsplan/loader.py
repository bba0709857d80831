"""Loading plan files into the model, keeping every problem at its file, line and column."""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .agencies import Registry
from . import SCHEMA_V1
from .model import AgencyFile, Located, Plan, Section, place
from .problems import Problem
from .sources import REGISTRY_NAME, collect, display, read_bytes
from .text import did_you_mean
from .yamlfile import Parsed, Path as DataPath, YamlError, decode, parse


# Each schema version this cdsplan reads, with the migration that lifts it to the
# current one (v1 is current: nothing to lift). A v2 adds {"cdsplan/v1": v1_to_v2}.
MIGRATIONS: dict[str, typing.Callable[[dict], dict]] = {SCHEMA_V1: lambda data: data}


@dataclass(slots=True)
class LoadedFile:
    """One file as read: its model (when valid), positions and problems."""

    path: str  # as shown to the user
    plan: Plan | None = None
    registry: AgencyFile | None = None
    parsed: Parsed | None = None
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: DataPath, *, key: bool = False) -> tuple[int, int]:
        return self.parsed.where(path, key=key) if self.parsed else (1, 1)


@dataclass(slots=True)
class Repository:
    """All plans of a tree and the agency registry, as loaded."""

    files: list[LoadedFile]
    plans: dict[str, Plan]
    registry: Registry | None
    registry_file: LoadedFile | None = None

    @property
    def problems(self) -> list[Problem]:
        return [problem for loaded in self.files for problem in loaded.problems]

    def file_of(self, plan: Plan) -> LoadedFile:
        return next(loaded for loaded in self.files if loaded.plan is plan)


def parse_bytes(shown: str, raw: bytes) -> tuple[Parsed | None, list[Problem]]:
    try:
        parsed = parse(shown, decode(shown, raw))
    except YamlError as exc:
        return None, [exc.problem]
    return parsed, list(parsed.problems)


def load_file(path: Path, max_bytes: int = 10_000_000) -> LoadedFile:
    """Read, parse and validate one plan file or the agency registry."""
    shown = display(path)
    raw, problems = read_bytes(path, max_bytes)
    if raw is None:
        return LoadedFile(shown, problems=problems)
    return load_bytes(shown, raw, registry=path.name == REGISTRY_NAME)


def load_bytes(shown: str, raw: bytes, *, registry: bool = False) -> LoadedFile:
    """Parse and validate a plan (or the registry) from its bytes; shown names it in problems."""
    parsed, problems = parse_bytes(shown, raw)
    loaded = LoadedFile(shown, parsed=parsed, problems=problems)
    if parsed is not None:
        model = validate(parsed, AgencyFile if registry else Plan, loaded.problems)
        if isinstance(model, Plan):
            place(model, model.line, model.column, file=shown)
            loaded.plan = model
        elif isinstance(model, AgencyFile):
            loaded.registry = model
    loaded.problems.sort()
    return loaded


def validate(parsed: Parsed, model_class: type[BaseModel], problems: list[Problem]) -> BaseModel | None:
    """The model of parsed data, or None with the reasons appended to problems."""
    data = parsed.data
    file = parsed.file
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        problems.append(
            Problem(file, 1, 1, "error", "not-a-mapping", f"the file holds {kind}; a plan is a mapping starting with 'schema: cdsplan/v1'")
        )
        return None
    data = _migrated(parsed, data, problems)
    if data is None:
        return None
    try:
        model = model_class.model_validate(data)
    except ValidationError as exc:
        problems.extend(_schema_problems(parsed, model_class, exc))
        return None
    _record_positions(model, parsed)
    return model


def _migrated(parsed: Parsed, data: dict, problems: list[Problem]) -> dict | None:
    schema = data.get("schema")
    migrate = MIGRATIONS.get(schema) if isinstance(schema, str) else None
    if migrate is not None:
        return migrate(data)
    if schema is None:
        message, where = "missing 'schema: cdsplan/v1': add it as the first line", (1, 1)
    elif isinstance(schema, str) and schema.startswith("cdsplan/"):
        message = f"this file is written for a newer cdsplan (schema {schema}); this cdsplan reads {', '.join(MIGRATIONS)}: upgrade cdsplan"
        where = parsed.where(("schema",))
    else:
        message, where = f"unknown schema {schema!r}: expected 'cdsplan/v1'", parsed.where(("schema",))
    problems.append(Problem(parsed.file, *where, "error", "schema-version", message))
    return None


def _schema_problems(parsed: Parsed, model_class: type[BaseModel], exc: ValidationError) -> list[Problem]:
    """One problem per place the data is wrong, at that place, in words a plan editor follows."""
    by_place: dict[DataPath, dict[str, Any]] = {}
    for error in exc.errors(include_url=False):
        place, rest = _split_loc(parsed, tuple(error["loc"]))
        if error["type"] == "missing":
            place = (*place, *rest[:1])
        by_place.setdefault(place, error)  # a union reports once per member: the first says enough
    problems = []
    for place, error in by_place.items():
        kind = error["type"]
        if kind == "extra_forbidden":
            key = str(place[-1])
            line, column = parsed.where(place, key=True)
            hint = did_you_mean(key, _field_names(model_class, place[:-1]))
            problems.append(Problem(parsed.file, line, column, "error", "unknown-key", f"unknown key '{key}'{hint}"))
        elif kind == "missing":
            line, column = parsed.where(place[:-1])
            problems.append(Problem(parsed.file, line, column, "error", "missing-key", f"missing key '{place[-1]}'"))
        else:
            line, column = parsed.where(place)
            name = ".".join(str(part) for part in place) or "file"
            problems.append(Problem(parsed.file, line, column, "error", "schema", f"{name}: {_message(place, error)}"))
    return problems


def _split_loc(parsed: Parsed, loc: tuple) -> tuple[DataPath, tuple]:
    """loc split into the longest part that names data in the file and the rest (union tags, a missing key)."""
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in parsed.values or loc[:cut] in parsed.keys:
            return loc[:cut], loc[cut:]
    return (), loc


def _message(place: DataPath, error: dict[str, Any]) -> str:
    if place and place[-1] == "when":
        return "write the deadline as text ('Quý I/2023'), a year (2023), a date (2023-09-15) or {start: …, deadline: …}"
    if place and place[-1] in ("lead", "support"):
        return "give an agency id or a list of agency ids"
    message = error["msg"]
    if error["type"] == "string_pattern_mismatch" and place and place[-1] == "id":
        return f"{message}: use lower-case letters, digits and '-' for plan ids, no spaces or '#' for task ids"
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


def load_repository(paths: Path | list[Path], *, max_file_mb: float = 10.0) -> Repository:
    """Every plan under paths, and the agency registry, as models (for render, status and diff)."""
    files, missing = collect([paths] if isinstance(paths, Path) else list(paths))
    max_bytes = int(max_file_mb * 1_000_000)
    loaded = [load_file(path, max_bytes) for path in files]
    loaded.extend(LoadedFile(problem.file, problems=[problem]) for problem in missing)
    loaded.sort(key=lambda item: item.path)
    plans: dict[str, Plan] = {}
    for item in loaded:
        if item.plan is not None:
            plans.setdefault(item.plan.id, item.plan)
    registry_file = next((item for item in loaded if item.registry is not None), None)
    registry = Registry(registry_file.registry.agencies) if registry_file else None
    return Repository(loaded, plans, registry, registry_file)
