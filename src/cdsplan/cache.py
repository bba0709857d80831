"""A cache of loaded files keyed by content, like ruff's or mypy's: never stale, cheap to miss.

The key hashes the file's bytes, its displayed path, the schema version and
the code that reads it (cdsplan's own sources and pydantic's version), so an
edit to the file, an upgrade or a local change to cdsplan each make a miss.
Entries live in `.cdsplan_cache/` beside pyproject.toml; an unreadable or
corrupt entry is a miss, and a cache that cannot be written is no cache.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import SCHEMA_V1

CACHE_DIR = ".cdsplan_cache"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """What the cached objects depend on besides the file: cdsplan's sources, pydantic, and the
    holidays package (the index records which deadlines fall on a day off)."""
    digest = hashlib.sha256(f"{SCHEMA_V1}\0{pickle.HIGHEST_PROTOCOL}".encode())
    for library in ("pydantic", "holidays"):
        # Where the library is and when it was installed: an upgrade changes both, and finding
        # them imports nothing (importlib.metadata would cost more than the rest of a warm run).
        spec = importlib.util.find_spec(library)
        origin = spec.origin if spec and spec.origin else library
        digest.update(f"\0{origin}\0{os.stat(origin).st_mtime_ns if os.path.exists(origin) else 0}".encode())
    package = Path(__file__).parent
    for source in sorted(package.rglob("*.py")):  # subpackages too (cdsplan.deadlines)
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


class FileCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.writable = True

    def key(self, name: str, content: bytes, *extra: str) -> str:
        digest = hashlib.sha256(code_fingerprint().encode())
        for part in (name, *extra):
            digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0" + content)
        return digest.hexdigest()

    def get(self, key: str) -> Any | None:
        try:
            with open(self.folder / key[:2] / key, "rb") as handle:
                return pickle.load(handle)
        except Exception:  # a missing, truncated or foreign entry is only a miss
            return None

    def put(self, key: str, value: Any) -> None:
        if not self.writable:
            return
        target = self.folder / key[:2] / key
        try:
            # exist_ok everywhere: parallel workers create the same folders at the same moment.
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():  # keep the cache out of git without asking the user to edit .gitignore
                ignore.write_text("*\n", encoding="utf-8")
            target.parent.mkdir(exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, target)
        except OSError:
            self.writable = False
