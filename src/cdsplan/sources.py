"""Which files a command reads: plan files under the given paths, and the agency registry.

Kept apart from the loader so that a command answered from the cache finds and
reads its files without importing the model.
"""

from __future__ import annotations

import os
from pathlib import Path

from .problems import Problem

REGISTRY_NAME = "agencies.yaml"
SUFFIXES = (".yaml", ".yml")


def display(path: Path) -> str:
    """path relative to the working directory when it lies below it, with forward slashes."""
    absolute = os.path.abspath(path)  # not resolve(): a symlink loop must still get a name
    relative = os.path.relpath(absolute, os.getcwd())
    return Path(absolute if relative.startswith("..") else relative).as_posix()


def discover(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """The YAML files under paths (folders walked, hidden ones skipped), and paths that cannot be read."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir() and not path.name.endswith(SUFFIXES):
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                base = Path(folder)
                for name in dirs:
                    if name.endswith(SUFFIXES):
                        problems.append(_not_a_file(base / name))
                found.extend(base / name for name in sorted(files) if name.endswith(SUFFIXES))
        elif path.is_dir():
            problems.append(_not_a_file(path))
        elif path.is_file() or path.is_symlink():
            found.append(path)
        else:
            problems.append(Problem(display(path), 0, 0, "error", "unreadable", "no such file or folder"))
    return sorted(set(found)), problems


def _not_a_file(path: Path) -> Problem:
    return Problem(display(path), 0, 0, "error", "not-a-file", "is a folder, not a plan file: rename it")


def read_bytes(path: Path, max_bytes: int) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, or why they cannot be read (missing, a loop, too large)."""
    shown = display(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [
                Problem(
                    shown, 1, 1, "error", "too-large",
                    f"the file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit for one plan "
                    "([tool.cdsplan] max_file_mb): split it into several plans",
                )
            ]
        return path.read_bytes(), []
    except OSError as exc:
        return None, [Problem(shown, 0, 0, "error", "unreadable", f"cannot read: {exc.strerror or exc}")]


def collect(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """The YAML files under paths plus the agency registry (found among them or beside them)."""
    files, missing = discover(paths)
    if not any(path.name == REGISTRY_NAME for path in files):
        registry_path = find_registry(paths)
        if registry_path is not None:
            files.append(registry_path)
    return sorted(files), missing


def find_registry(roots: list[Path]) -> Path | None:
    """agencies.yaml in a root or one of its parent folders (a file argument's plans/ tree)."""
    for root in roots:
        start = root.resolve()
        for folder in (start if start.is_dir() else start.parent, *start.parents):
            candidate = folder / REGISTRY_NAME
            if candidate.is_file():
                return candidate
            if (folder / "pyproject.toml").exists() or (folder / ".git").exists():
                break
    return None
