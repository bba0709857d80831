"""A cache of results keyed by content, like ruff's or mypy's: never stale, cheap to miss, and only data.

The key hashes the file's bytes, its displayed path, the options and the code that reads it
(every module of cdsplan at any depth, its message catalogues, and the libraries whose
answers it keeps), so an edit, an upgrade or a local change to cdsplan each make a miss.

An entry is typed msgpack (msgspec), never pickle: reading one cannot run code. Each starts
with a header naming the format version and a digest of the key and the payload, so a
damaged, truncated, foreign (another key's or another version's) or oversized entry is
ignored and rebuilt, never trusted. Entries are read as regular files only (a FIFO in the
cache does not hang a run) and written atomically. Entries live in `.cdsplan_cache/` beside
pyproject.toml; a cache that cannot be written is no cache.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar, cast

import msgspec

from .. import SCHEMA_V1

CACHE_DIR = ".cdsplan_cache"
MAGIC = b"CDSPLAN-CACHE\x00"
FORMAT = 2  # bump when the layout of the header or of any cached type changes
DIGEST = 32
# The national corpus's whole-tree index is about 20 MB; an entry far beyond is not ours (and
# reading it to find out would cost as much memory as it is large).
MAX_ENTRY_BYTES = 128 * 1024 * 1024

T = TypeVar("T")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """What the cached results depend on besides the files: cdsplan's own code and catalogues,
    and the libraries whose answers it keeps (pydantic validates, holidays names days off,
    msgspec lays out the entries)."""
    digest = hashlib.sha256(f"{SCHEMA_V1}\0{FORMAT}".encode())
    for library in ("pydantic", "holidays", "msgspec"):
        # Where the library is and when it was installed: an upgrade changes both, and finding
        # them imports nothing (importlib.metadata would cost more than the rest of a warm run).
        spec = importlib.util.find_spec(library)
        origin = spec.origin if spec and spec.origin else library
        digest.update(f"\0{origin}\0{os.stat(origin).st_mtime_ns if os.path.exists(origin) else 0}".encode())
    package = Path(__file__).resolve().parent.parent
    for source in sorted([*package.rglob("*.py"), *package.rglob("*.mo")]):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


class FileCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.writable = True
        self._encoder = msgspec.msgpack.Encoder()

    def key(self, name: str, content: bytes, *extra: str) -> str:
        digest = hashlib.sha256(code_fingerprint().encode())
        for part in (name, *extra):
            digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0" + content)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def has(self, key: str) -> bool:
        """Whether an entry is stored under key (it may still be refused when read)."""
        return os.path.isfile(os.path.join(self.folder, key[:2], key))  # strings: once per file of every run

    @staticmethod
    def _digest(key: str, payload: bytes | memoryview) -> bytes:
        return hashlib.blake2b(payload, digest_size=DIGEST, key=key.encode("ascii")[:64], person=b"cdsplan-cache").digest()

    def get(self, key: str, kind: type[T]) -> T | None:
        """The entry stored under key as a kind, or None when it is missing or not to be trusted."""
        from ..files import FileProblem, read_regular

        path = self._path(key)
        try:
            if os.stat(path).st_size > MAX_ENTRY_BYTES:  # refused unread (a sparse file costs no disk)
                return None
            raw = read_regular(path, max_bytes=MAX_ENTRY_BYTES)
        except (OSError, FileProblem):
            return None
        header = len(MAGIC) + 1 + DIGEST
        if len(raw) < header or not raw.startswith(MAGIC) or raw[len(MAGIC)] != FORMAT:
            return None
        digest, payload = raw[len(MAGIC) + 1 : header], memoryview(raw)[header:]  # a view: no copy of a 20 MB entry
        if self._digest(key, payload) != digest:
            return None
        decoder = _decoder(cast(Any, kind))  # outside the try: a type msgspec cannot decode is a bug
        try:
            return cast(T, decoder.decode(payload))
        except (msgspec.DecodeError, msgspec.ValidationError, ValueError, TypeError):
            return None

    def put(self, key: str, value: Any) -> None:
        from ..files import FileProblem, write_atomic

        if not self.writable:
            return
        try:
            payload = self._encoder.encode(value)
        except UnicodeEncodeError:  # a file name that is not UTF-8 (a lone surrogate): not kept
            return
        if len(payload) > MAX_ENTRY_BYTES - 64:  # get() would refuse it
            return
        try:
            # exist_ok everywhere: parallel workers create the same folders at the same moment.
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():  # keep the cache out of git without asking the user to edit .gitignore
                ignore.write_text("*\n", encoding="utf-8")
            target = self._path(key)
            target.parent.mkdir(exist_ok=True)
            write_atomic(target, MAGIC + bytes([FORMAT]) + self._digest(key, payload) + payload, follow_symlinks=False, durable=False)
        except (OSError, FileProblem):
            self.writable = False


@lru_cache(maxsize=32)
def _decoder(kind: Any) -> msgspec.msgpack.Decoder[Any]:
    return msgspec.msgpack.Decoder(kind)
