"""Settings from `[tool.cdsplan]` in the nearest pyproject.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError


@dataclass(frozen=True, slots=True)
class Settings:
    root: Path  # the folder holding pyproject.toml (or the working directory)
    plans: Path  # the plans folder checked when no path is given
    templates: Path
    before_inclusive: bool = False  # read "trước ngày D" as ending on D instead of D - 1
    max_file_mb: float = 10.0  # the national corpus is 6 MB over 325 files
    cache: bool = True


def find_settings(start: Path | None = None) -> Settings:
    """The settings for the project containing start (default: the working directory)."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                table = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("cdsplan")
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise UsageError(f"{pyproject}: cannot read [tool.cdsplan]: {exc}") from None
            if table is not None:
                return _settings(folder, table, pyproject)
    return _settings(start, {}, None)


def _settings(root: Path, table: dict, origin: Path | None) -> Settings:
    known = {"plans", "templates", "before_inclusive", "max_file_mb", "cache"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise UsageError(f"{origin}: unknown [tool.cdsplan] setting {unknown[0]!r}; known: {', '.join(sorted(known))}")
    try:
        return Settings(
            root=root,
            plans=root / str(table.get("plans", "plans")),
            templates=root / str(table.get("templates", "templates")),
            before_inclusive=bool(table.get("before_inclusive", False)),
            max_file_mb=float(table.get("max_file_mb", 10.0)),
            cache=bool(table.get("cache", True)),
        )
    except (TypeError, ValueError) as exc:
        raise UsageError(f"{origin}: bad [tool.cdsplan] value: {exc}") from None
