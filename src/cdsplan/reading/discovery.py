"""Which files a command reads: plan files under the given paths, the agency registry, and the
progress records; and reading them as untrusted data.

Kept apart from the loader so that a command answered from the cache finds and reads its
files without importing the model.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from ..files import FileProblem, display, forget_folders, read_regular
from ..i18n import _
from ..problems import Problem
from ..rules import rule

REGISTRY_NAME = "agencies.yaml"
SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Found:
    """A file to read, and the folder whose walk found it (symlinks may not lead out of it)."""

    path: Path
    root: Path | None  # None: named on the command line, followed wherever it points


def discover(paths: list[Path], project: Path | None = None) -> tuple[list[Found], list[Problem]]:
    """The YAML files under paths (folders walked, hidden ones skipped), and paths that cannot be read.

    A symlink found by walking a folder is followed only within project (the folder holding
    pyproject.toml) when the folder lies in it, else only within the folder itself."""
    forget_folders()
    found: dict[Path, Found] = {}
    problems: list[Problem] = []
    for path in paths:
        try:
            is_dir, exists = path.is_dir(), os.path.lexists(path)
        except OSError as exc:  # a name too long, a folder we may not enter
            code = "name-too-long" if exc.errno == errno.ENAMETOOLONG else "unreadable"
            problems.append(rule(code).at(display(path), 0, 0, _("cannot read: {reason}").format(reason=exc.strerror or exc)))
            continue
        if is_dir and not path.name.endswith(SUFFIXES):
            problems += _walk(path, found, _root(path, project))
        elif is_dir:
            problems.append(_not_a_file(path))
        elif exists:
            found.setdefault(path, Found(path, None))
        else:
            problems.append(rule("unreadable").at(display(path), 0, 0, _("no such file or folder")))
    return sorted(found.values(), key=lambda item: item.path), problems


def _root(top: Path, project: Path | None) -> Path:
    if project is not None and Path(os.path.abspath(top)).is_relative_to(os.path.abspath(project)):
        return project
    return top


def _walk(top: Path, found: dict[Path, Found], root: Path) -> list[Problem]:
    problems: list[Problem] = []

    def refuse(error: OSError) -> None:
        # An unreadable folder is a problem to report, not a folder to skip silently.
        where = Path(error.filename) if error.filename else top
        problems.append(rule("unreadable").at(display(where), 0, 0, _("cannot read: {reason}").format(reason=error.strerror or error)))

    for folder, dirs, files in os.walk(top, onerror=refuse):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        for name in dirs:
            if name.endswith(SUFFIXES):
                problems.append(_not_a_file(base / name))
        for name in sorted(files):
            if name.endswith(SUFFIXES) and not name.startswith("."):
                found.setdefault(base / name, Found(base / name, root))
    return problems


def _not_a_file(path: Path) -> Problem:
    return rule("not-a-file").at(display(path), 0, 0, _("is a folder, not a plan file: rename it"))


def read(found: Found, max_bytes: int, shown: str) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, or why they cannot be read (missing, not a regular file, too large, a
    symlink leading out of its folder); shown is its name in problems."""
    try:
        return read_regular(found.path, max_bytes=max_bytes, root=found.root), []
    except FileProblem as exc:
        if exc.code == "too-large":
            message = _(
                "the file is over the {limit:g} MB limit for one file ([tool.cdsplan] max_file_mb): split it into several plans"
            ).format(limit=max_bytes / 1e6)
            return None, [rule("too-large").at(shown, 1, 1, message)]
        return None, [rule(exc.code).at(shown, 0, 0, exc.reason)]


def find_registry(roots: list[Path]) -> Path | None:
    """agencies.yaml in a root or one of its parent folders (a file argument's plans/ tree)."""
    for root in roots:
        try:
            start = root.resolve()
            for folder in (start if start.is_dir() else start.parent, *start.parents):
                candidate = folder / REGISTRY_NAME
                if candidate.is_file():
                    return candidate
                if (folder / "pyproject.toml").exists() or (folder / ".git").exists():
                    break
        except OSError:
            continue  # a path that cannot be looked at is reported by discover
    return None
