"""Settings from `[tool.cdsplan]` in the nearest pyproject.toml, each value checked for its type.

A wrong value is a usage error naming the key and the file (a string where a boolean
belongs, NaN, a negative size), never a silent fallback: `before_inclusive = "false"`
must not read as true.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import UsageError
from .files import NAME_MAX, FileProblem, read_regular
from .i18n import LANGUAGES, _

# The largest plan file cdsplan reads (MB); the national corpus is 7.5 MB over 325 files.
MAX_FILE_MB_LIMIT = 100.0
# The longest reply period a reminder letter may give (days).
MAX_REPLY_DAYS = 365
# pyproject.toml files are a few kilobytes; one over a megabyte is not read.
MAX_PYPROJECT_BYTES = 1_000_000


@dataclass(frozen=True, slots=True)
class Settings:
    root: Path  # the folder holding pyproject.toml (or the working directory)
    plans: Path  # the plans folder checked when no path is given
    templates: Path
    progress: Path  # the progress records, one file per agency and year
    origin: Path | None = None  # the pyproject.toml they came from
    before_inclusive: bool = False  # read "trước ngày D" as ending on D instead of D - 1
    max_file_mb: float = 10.0
    cache: bool = True
    lang: str | None = None  # None: the default language (Vietnamese)
    template_seconds: float = 30.0  # a template running longer is stopped (docs/limits.md)
    # Who writes the reminder letters and the progress report (docs/letters.md):
    sender: str | None = None  # the agency id of the office that writes (the registry names it)
    sender_symbol: str | None = None  # its symbol in document numbers: "UBQGCĐS" in "Số: 12/UBQGCĐS-TCT"
    place: str | None = None  # where it writes: "Hà Nội"
    signer: str | None = None  # who signs: "Nguyễn Văn A"
    signer_title: str | None = None  # the signature block's lines: "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG"
    reply_days: int = 10  # a letter asks for a report back within this many days

    @property
    def max_bytes(self) -> int:
        return int(self.max_file_mb * 1_000_000)


def find_settings(start: Path | None = None) -> Settings:
    """The settings for the project containing start (default: the working directory)."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                document = tomllib.loads(read_regular(pyproject, max_bytes=MAX_PYPROJECT_BYTES).decode("utf-8"))
            except FileProblem as exc:
                if exc.code == "too-large":
                    raise UsageError(
                        _("{file}: is larger than {limit} MB, far more than a pyproject.toml holds: is it the right file?").format(
                            file=pyproject, limit=MAX_PYPROJECT_BYTES // 1_000_000
                        )
                    ) from None
                raise UsageError(str(exc)) from None
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise UsageError(_("{file}: cannot read [tool.cdsplan]: {reason}").format(file=pyproject, reason=exc)) from None
            except RecursionError:  # tomllib recurses into nested arrays and tables
                raise UsageError(_("{file}: cannot read [tool.cdsplan]: nested too deeply").format(file=pyproject)) from None
            tool = document.get("tool", {})
            if not isinstance(tool, dict):
                raise UsageError(_("{file}: [tool] must be a table").format(file=pyproject))
            table = tool.get("cdsplan")
            if table is not None:
                if not isinstance(table, dict):
                    raise UsageError(_("{file}: [tool.cdsplan] must be a table").format(file=pyproject))
                return settings_from(folder, table, pyproject)
    return settings_from(start, {}, None)


def _text(key: str, value: Any, origin: Path | None) -> str:
    if not isinstance(value, str) or not value.strip() or "\0" in value:
        raise _bad(key, value, origin, _("a folder name in quotes"))
    if any(len(os.fsencode(part)) > NAME_MAX for part in re.split(r"[/\\]", value)):
        raise _bad(key, value, origin, _("a folder name whose parts are at most {limit} bytes").format(limit=NAME_MAX))
    return value


def _flag(key: str, value: Any, origin: Path | None) -> bool:
    if not isinstance(value, bool):
        raise _bad(key, value, origin, _("true or false, without quotes"))
    return value


def _size(key: str, value: Any, origin: Path | None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or not 0 < value <= MAX_FILE_MB_LIMIT:
        raise _bad(key, value, origin, _("a number of megabytes above 0 and at most {limit:g}").format(limit=MAX_FILE_MB_LIMIT))
    return float(value)


def _seconds(key: str, value: Any, origin: Path | None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or not 0 < value <= 3600:
        raise _bad(key, value, origin, _("a number of seconds above 0 and at most 3600"))
    return float(value)


def _words(key: str, value: Any, origin: Path | None) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 500:
        raise _bad(key, value, origin, _("a text in quotes (at most 500 characters)"))
    return value.strip()


def _days(key: str, value: Any, origin: Path | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_REPLY_DAYS:
        raise _bad(key, value, origin, _("a whole number of days from 1 to {limit}").format(limit=MAX_REPLY_DAYS))
    return value


def _language(key: str, value: Any, origin: Path | None) -> str:
    if value not in LANGUAGES:
        raise _bad(key, value, origin, " / ".join(f'"{name}"' for name in LANGUAGES))
    return str(value)


def _bad(key: str, value: Any, origin: Path | None, expected: str) -> UsageError:
    return UsageError(
        _("{file}: [tool.cdsplan] {key} = {value!r} is not valid: write {expected}").format(
            file=origin or "pyproject.toml", key=key, value=value, expected=expected
        )
    )


_CHECKS: Mapping[str, Callable[[str, Any, Path | None], Any]] = {
    "plans": _text,
    "templates": _text,
    "progress": _text,
    "before_inclusive": _flag,
    "max_file_mb": _size,
    "cache": _flag,
    "lang": _language,
    "template_seconds": _seconds,
    "sender": _words,
    "sender_symbol": _words,
    "place": _words,
    "signer": _words,
    "signer_title": _words,
    "reply_days": _days,
}


def settings_from(root: Path, table: Mapping[str, Any], origin: Path | None) -> Settings:
    """Settings from a `[tool.cdsplan]` table read from origin (None: no file, the defaults)."""
    unknown = sorted(set(table) - set(_CHECKS))
    if unknown:
        raise UsageError(
            _("{file}: unknown [tool.cdsplan] setting {key!r}; known: {known}").format(
                file=origin, key=unknown[0], known=", ".join(sorted(_CHECKS))
            )
        )
    values = {key: _CHECKS[key](key, value, origin) for key, value in table.items()}
    return Settings(
        root=root,
        plans=root / values.get("plans", "plans"),
        templates=root / values.get("templates", "templates"),
        progress=root / values.get("progress", "progress"),
        origin=origin,
        before_inclusive=values.get("before_inclusive", False),
        max_file_mb=values.get("max_file_mb", 10.0),
        cache=values.get("cache", True),
        lang=values.get("lang"),
        template_seconds=values.get("template_seconds", 30.0),
        sender=values.get("sender"),
        sender_symbol=values.get("sender_symbol"),
        place=values.get("place"),
        signer=values.get("signer"),
        signer_title=values.get("signer_title"),
        reply_days=values.get("reply_days", 10),
    )
