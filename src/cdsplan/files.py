"""Reading and writing files as untrusted data (interim: replaced by the files branch)."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import CdsplanError
from .i18n import _


class FileProblem(CdsplanError):
    exit_code = 2

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def read_regular(path: Path, *, max_bytes: int, root: Path | None = None) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileProblem("unreadable", _("cannot read: {reason}").format(reason=exc.strerror or exc)) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileProblem("not-a-file", _("not a regular file"))
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileProblem("too-large", _("over the {limit:g} MB limit").format(limit=max_bytes / 1e6))
    return data


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> Path:
    target = Path(os.path.realpath(path))
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".cdsplan-tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return target


@contextlib.contextmanager
def locked(path: Path, timeout: float = 30.0) -> Iterator[None]:
    from filelock import FileLock, Timeout

    target = Path(os.path.realpath(path))
    lock = FileLock(str(target.parent / f".{target.name}.cdsplan-lock"), timeout=timeout)
    try:
        with lock:
            yield
    except Timeout:
        raise FileProblem("unreadable", _("{path} is being edited by another cdsplan; try again").format(path=path)) from None
