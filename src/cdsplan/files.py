"""Every file cdsplan reads or writes goes through here, and files are treated as untrusted data.

Reading (`read_regular`, `check_regular`): only regular files are read. A FIFO,
a device, a socket or a folder is refused without waiting on it; symlinks are
followed only when the file they lead to lies inside `root`; the size is
limited while reading, because `stat` cannot be trusted (a link to /dev/zero,
a file that grows, a /proc file whose size reads 0).

Writing (`write_atomic`, `write_output`): a temporary file beside the target is
written, fsynced and renamed over it, then the folder is fsynced, so a reader
sees the old bytes or the new ones, never half. Only regular files are
replaced; a symlink is written through to its final target, the link kept. The
permission bits and owner are kept, or the write is refused. Root is treated
as the owner: it may write what the owner's write bit allows, no more, so a CI
container running as root does not overwrite read-only files.

Temporaries are named `.NAME.<random>.cdsplan-tmp`. Their writer holds a flock
on them (on Windows an open file cannot be deleted), so any later write to the
same target can tell a dead writer's leftover from a live one and removes
only the former: a SIGKILL, a power cut or a SIGTERM (which this library does
not catch: only the CLI may own the process's signal handlers) leaves a
temporary behind that the next write removes.

Locking (`locked`): an exclusive lock with filelock on `.NAME.cdsplan-lock`
beside the target, for a read-modify-write. The lock file stays after
release, as filelock's Unix locks do: removing it lets two processes lock
different inodes of the same name (tox-dev/filelock#574).

Nothing here imports a module that Windows lacks (fcntl only inside a function,
where its absence is handled).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TypeAlias

from .errors import CdsplanError
from .i18n import _, ngettext
from .problems import Problem

PathLike: TypeAlias = str | os.PathLike[str]

TEMP_SUFFIX = ".cdsplan-tmp"
LOCK_SUFFIX = ".cdsplan-lock"
LOCK_TIMEOUT = 30.0  # seconds; a `status` holds its lock for milliseconds
CHUNK = 1 << 20
NAME_MAX = 255  # bytes in one path component (Linux, macOS; characters on Windows)

# Codes of a file that cannot be read: the user must fix it (exit status 2).
READ_CODES = frozenset(
    {"unreadable", "not-a-file", "too-large", "symlink-outside", "outside-root", "symlink-loop", "symlink-dangling", "name-too-long"}
)

_NONBLOCK: int = getattr(os, "O_NONBLOCK", 0)
_NOCTTY: int = getattr(os, "O_NOCTTY", 0)
_NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC: int = getattr(os, "O_CLOEXEC", 0)
_BINARY: int = getattr(os, "O_BINARY", 0)
_WINDOWS = os.name == "nt"


class FileProblem(CdsplanError):
    """A file cannot be read or written as asked: `code` names why, `reason` says what to do."""

    exit_code = 2

    def __init__(self, code: str, path: PathLike, reason: str, *, exit_code: int = 2) -> None:
        self.code = code
        self.path = Path(path)
        self.reason = reason
        self.exit_code = exit_code
        super().__init__(f"{display(self.path)}: {reason}")

    def as_problem(self) -> Problem:
        """The problem as `check` reports it (file, no line)."""
        return Problem(display(self.path), 0, 0, "error", self.code, self.reason)


def display(path: PathLike) -> str:
    """path relative to the working directory when it lies below it, with forward slashes.

    Strings only, no pathlib and no resolve(): it names every file a scan reads, and a symlink
    loop must still get a name."""
    name = os.fspath(path)
    cwd = os.getcwd()
    absolute = os.path.normpath(os.path.join(cwd, name))
    if absolute == cwd:
        return "."
    if is_below(absolute, cwd):
        return absolute[len(cwd.rstrip(os.sep)) + 1 :].replace(os.sep, "/")
    return absolute.replace(os.sep, "/")


def is_below(path: str, folder: str) -> bool:
    """Whether the normalised absolute path lies inside folder (not folder itself); names
    compare as the system does (case-insensitively on Windows), another drive never does."""
    prefix = os.path.normcase(folder.rstrip(os.sep) + os.sep)
    return os.path.normcase(path).startswith(prefix)


# --------------------------------------------------------------------------- #
# Reading
# --------------------------------------------------------------------------- #


def check_regular(path: PathLike, *, root: PathLike | None = None) -> FileProblem | None:
    """Why path cannot be read as a regular file, or None when it can; nothing is opened.

    For discovery: a FIFO, a device, a socket or a folder is reported, not waited on.
    """
    try:
        _checked(path, root)
    except FileProblem as problem:
        return problem
    return None


def read_regular(path: PathLike, *, max_bytes: int, root: PathLike | None = None) -> bytes:
    """The bytes of the regular file at path, at most max_bytes of them; a FileProblem otherwise.

    When root is given, the file read (every symlink followed) must lie inside it. The type
    is checked on the open descriptor; the root only on the resolved name, which someone who
    can swap folders inside the project while cdsplan runs could defeat, but they can edit
    the plans anyway: the rule is for links committed to the repository.
    """
    if max_bytes < 0:
        raise ValueError("max_bytes must not be negative")
    real = _checked(path, root)
    try:
        # Checked again on the descriptor: the name may have been swapped since the stat.
        # O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOCTTY: a terminal must not become ours.
        fd = os.open(real, os.O_RDONLY | _NONBLOCK | _NOCTTY | _NOFOLLOW | _CLOEXEC | _BINARY)
    except OSError as exc:
        raise _os_problem(exc, path, writing=False) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _not_a_file(path, mode)
        if _NONBLOCK:
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, min(CHUNK, max_bytes + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise FileProblem(
                    "too-large",
                    path,
                    _(
                        "is larger than {limit}, the most cdsplan reads from one file ([tool.cdsplan] max_file_mb): split it into smaller files"
                    ).format(limit=_size(max_bytes)),
                )
        return b"".join(chunks)
    except OSError as exc:
        raise _os_problem(exc, path, writing=False) from None
    finally:
        os.close(fd)


def _checked(path: PathLike, root: PathLike | None) -> str:
    """path resolved to the regular file it names (inside root, when given); a FileProblem otherwise."""
    try:
        real = _real_name(path)
        if root is not None:
            base = _real_folder(os.path.abspath(root))
            if not _inside(real, base):
                if os.path.normcase(os.path.abspath(path)) != os.path.normcase(real):
                    raise FileProblem(
                        "symlink-outside",
                        path,
                        _(
                            "is a symlink to {target}, outside {root}: cdsplan follows symlinks only inside the project; copy the file in instead"
                        ).format(target=display(real), root=base),
                    )
                raise FileProblem(
                    "outside-root",
                    path,
                    _("is outside {root}, the folder cdsplan reads: move it inside").format(root=base),
                )
        mode = os.stat(real).st_mode  # before any open: opening a device can act (a tape rewinds, a watchdog arms)
    except FileNotFoundError:
        if os.path.islink(path):
            raise FileProblem(
                "symlink-dangling",
                path,
                _("is a symlink to {target}, which does not exist: fix or remove the link").format(target=display(os.path.realpath(path))),
            ) from None
        raise FileProblem("unreadable", path, _("no such file: check the name")) from None
    except OSError as exc:
        raise _os_problem(exc, path, writing=False) from None
    except ValueError:  # an embedded NUL
        raise FileProblem("unreadable", path, _("the name contains a NUL character: check the name")) from None
    if not stat.S_ISREG(mode):
        raise _not_a_file(path, mode, real)
    return real


def _real_name(path: PathLike) -> str:
    """os.path.realpath(path, strict=True), with the folders' real names looked up once: a
    scan reads thousands of files in a few folders."""
    name = os.path.abspath(path)
    if stat.S_ISLNK(os.lstat(name).st_mode):
        return os.path.realpath(name, strict=True)
    folder, leaf = os.path.split(name)
    return os.path.join(_real_folder(folder), leaf) if leaf else name


@functools.lru_cache(maxsize=256)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder, strict=True)


def forget_folders() -> None:
    """Forget the folders' real names: a new scan looks again (a folder may have become a link)."""
    _real_folder.cache_clear()


def _inside(path: str, folder: str) -> bool:
    return os.path.normcase(path) == os.path.normcase(folder) or is_below(path, folder)


def _size(count: int) -> str:
    if count >= 1_000_000:
        return _("{mb:g} MB").format(mb=count / 1e6)
    return ngettext("{count} byte", "{count} bytes", count).format(count=count)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a FIFO (named pipe)")
    if stat.S_ISCHR(mode):
        return _("a character device")
    if stat.S_ISBLK(mode):
        return _("a block device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("a special file")


def _not_a_file(path: PathLike, mode: int, real: str | None = None, *, writing: bool = False) -> FileProblem:
    kind = _kind(mode)
    if real is not None and os.path.normcase(os.path.abspath(path)) != os.path.normcase(os.path.abspath(real)):
        # translators: the file's name and ": " come first; {kind} is "a folder", "a socket" … (_kind above)
        what = _("is a symlink to {target}, which is {kind}, not a regular file").format(target=display(real), kind=kind)
    else:
        what = _("is {kind}, not a regular file").format(kind=kind)
    advice = _("give the name of a file to write") if writing else _("replace it with a file or remove it")
    return FileProblem("not-a-file", path, f"{what}: {advice}")


def _os_problem(exc: OSError, path: PathLike, *, writing: bool) -> FileProblem:
    """The FileProblem an OSError from reading or writing path means."""
    number = exc.errno
    failed = "not-writable" if writing else "unreadable"
    if number == errno.ENAMETOOLONG:
        return FileProblem(
            "name-too-long",
            path,
            _("a part of the path is longer than the file system allows ({limit} bytes): shorten it").format(limit=NAME_MAX),
        )
    if number == errno.ELOOP:
        return FileProblem("symlink-loop", path, _("is a symlink loop (it leads back to itself): fix or remove the link"))
    if number == errno.EISDIR:
        return _not_a_file(path, stat.S_IFDIR, writing=writing)
    if number == errno.ENXIO:  # a socket, or a device without its driver
        return FileProblem("not-a-file", path, _("is not a regular file: replace it with a file or remove it"))
    if number in (errno.ENOENT, errno.ENOTDIR):
        if writing:
            return FileProblem("no-folder", path, _("cannot write: its folder does not exist; create it first"))
        return FileProblem("unreadable", path, _("no such file: check the name"))
    if number in (errno.EACCES, errno.EPERM):
        if writing and _WINDOWS:  # most often a document open in Word
            return FileProblem(
                failed, path, _("cannot write: the file is read-only or open in another program; close it there and try again")
            )
        if writing:
            return FileProblem(failed, path, _("cannot write: permission denied; make it writable or write elsewhere"))
        return FileProblem(failed, path, _("cannot read: permission denied; make it readable (chmod u+r) or run cdsplan as its owner"))
    if number == errno.EROFS:
        return FileProblem(failed, path, _("cannot write: the file system is read-only; write elsewhere"))
    if number in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return FileProblem(failed, path, _("cannot write: the disk is full; free some space and try again"))
    error = exc.strerror or str(exc)
    if writing:
        return FileProblem(failed, path, _("cannot write: {error}").format(error=error))
    return FileProblem(failed, path, _("cannot read: {error}").format(error=error))


# --------------------------------------------------------------------------- #
# Writing
# --------------------------------------------------------------------------- #


def write_atomic(path: PathLike, data: bytes, *, mode: int | None = None, follow_symlinks: bool = True, durable: bool = True) -> Path:
    """Replace the regular file at path (or create it) with data, all or nothing; the path written.

    mode: the new permission bits (default: the existing file's, else 0o666 & ~umask).
    follow_symlinks: a symlink at path is written through to its final target and kept;
    when False the link itself is replaced by the file (for files cdsplan owns, like
    cache entries), leaving its target untouched.
    durable: fsync the file and its folder, so that the new content survives a power cut;
    False for what can be rebuilt (cache entries: a first run writes hundreds).
    Keeps the existing file's owner and group, or refuses when it cannot.
    """
    return _write(path, data, mode=mode, follow_symlinks=follow_symlinks, durable=durable)


def write_output(path: PathLike, data: bytes, *, default_name: str | None = None) -> Path:
    """write_atomic for `-o PATH`: writes path (or its symlink's target) and creates nothing else.

    default_name, when given, is the file name a refusal of a folder suggests.
    """
    return _write(path, data, mode=None, follow_symlinks=True, output=True, default_name=default_name)


def remove_stale_temporaries(path: PathLike) -> list[Path]:
    """Remove the temporaries that killed writers of path left; the ones removed.

    A live writer's temporary is never removed (it holds a flock on it; on Windows
    an open file cannot be deleted), so this is safe without holding `locked(path)`.
    """
    return _remove_stale(os.path.realpath(path))


def _write(
    path: PathLike,
    data: bytes,
    *,
    mode: int | None,
    follow_symlinks: bool,
    output: bool = False,
    default_name: str | None = None,
    durable: bool = True,
) -> Path:
    target, info = _write_target(path, follow_symlinks=follow_symlinks, output=output, default_name=default_name)
    _check_writable(path, target, info)
    _remove_stale(target)
    folder = os.path.dirname(target) or "."
    if mode is None and info is not None:
        mode = stat.S_IMODE(info.st_mode) & 0o777  # kept, but no set-id bits on rewritten content
    try:
        # Private until the mode is set; with no mode to set, the umask (and a default ACL)
        # apply as to any new file.
        fd, temporary = _create_temporary(folder, os.path.basename(target), 0o600 if mode is not None else 0o666)
    except OSError as exc:
        raise _os_problem(exc, path, writing=True) from None
    try:
        if info is not None:
            _keep_owner(fd, info, path)
        if mode is not None and hasattr(os, "fchmod"):  # Windows: only a read-only flag, never set here
            os.fchmod(fd, mode)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view[:CHUNK]) :]
        if durable:
            os.fsync(fd)
        if _WINDOWS:  # Windows can neither rename nor delete a file that is open
            os.close(fd)
            fd = -1
        os.replace(temporary, target)
    except BaseException as exc:
        if fd >= 0 and _WINDOWS:
            os.close(fd)
            fd = -1
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise _os_problem(exc, path, writing=True) from None
        raise
    finally:
        if fd >= 0:
            os.close(fd)  # after the rename on POSIX: until then our flock marks the temporary as live
    if durable:
        _fsync_folder(folder)
    return Path(target)


def _write_target(
    path: PathLike, *, follow_symlinks: bool, output: bool = False, default_name: str | None = None
) -> tuple[str, os.stat_result | None]:
    """The file a write to path replaces (a symlink followed to its final target), and its stat when it exists."""
    name = os.fspath(path)
    try:
        try:
            info: os.stat_result | None = os.lstat(name)
        except FileNotFoundError:
            info = None
        target = name
        if info is not None and stat.S_ISLNK(info.st_mode):
            if not follow_symlinks:
                info = None  # the link itself is replaced: nothing of it to keep
            else:
                try:
                    target = os.path.realpath(name, strict=True)
                    info = os.stat(target)
                except FileNotFoundError:
                    target, info = os.path.realpath(name), None
                    if not os.path.isdir(os.path.dirname(target)):
                        raise FileProblem(
                            "symlink-dangling",
                            path,
                            _("is a symlink to {target}, whose folder does not exist: fix the link or create the folder").format(
                                target=display(target)
                            ),
                        ) from None
        folder = os.path.dirname(target) or "."
        if not os.path.isdir(folder):
            raise FileProblem(
                "no-folder", path, _("cannot write: there is no folder {folder}; create it first").format(folder=display(folder))
            )
    except OSError as exc:
        raise _os_problem(exc, path, writing=True) from None
    except ValueError:  # an embedded NUL
        raise FileProblem("not-writable", path, _("the name contains a NUL character: check the name")) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode) and output and target == name:
            example = display(Path(name) / (default_name or "NAME"))
            raise FileProblem("not-a-file", path, _("is a folder: give a file name, such as {example}").format(example=example))
        raise _not_a_file(path, info.st_mode, target, writing=True)
    return target, info


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _check_writable(path: PathLike, target: str, info: os.stat_result | None) -> None:
    """Refuse a read-only target or folder. Root passes every access check, so its writes
    are held to the owner's write bit instead: read-only means read-only in CI too."""
    as_root = _is_root()
    if info is not None and not (info.st_mode & stat.S_IWUSR and (as_root or os.access(target, os.W_OK))):
        raise FileProblem("not-writable", path, _("is read-only: make it writable first (chmod u+w)"))
    folder = os.path.dirname(target) or "."
    try:
        folder_mode = os.stat(folder).st_mode
    except OSError as exc:
        raise _os_problem(exc, path, writing=True) from None
    if not (os.access(folder, os.W_OK | os.X_OK) and (not as_root or folder_mode & stat.S_IWUSR)):
        raise FileProblem(
            "not-writable",
            path,
            _("cannot write in the folder {folder}: it is read-only; make it writable first or write elsewhere").format(
                folder=display(folder)
            ),
        )


def _keep_owner(fd: int, info: os.stat_result, path: PathLike) -> None:
    """Give the temporary the target's owner and group, or refuse: replacing a file must not hand it to us."""
    if not hasattr(os, "fchown"):  # Windows: no POSIX owner to keep
        return
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.fchown(fd, info.st_uid, info.st_gid)
    except PermissionError:
        if mine.st_uid != info.st_uid:
            reason = _("belongs to another user (uid {uid}), and replacing it would make it yours: ask its owner to run cdsplan").format(
                uid=info.st_uid
            )
        else:
            reason = _(
                "belongs to the group {gid}, which you are not in, and replacing it would change its group: ask its owner to run cdsplan"
            ).format(gid=info.st_gid)
        raise FileProblem("not-writable", path, reason) from None


def _short(name: str, room: int) -> str:
    """name, or its start and a hash of it when it is longer than room bytes (a temporary's or lock's name must fit NAME_MAX)."""
    if len(os.fsencode(name)) <= room:
        return name
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:8]
    start = name
    while len(os.fsencode(start)) > room - len(digest) - 1:
        start = start[:-1]
    return f"{start}~{digest}"


def _temporary_stem(name: str) -> str:
    return _short(name, NAME_MAX - len("..") - 16 - len(TEMP_SUFFIX))  # ".{stem}.{16 hex}{suffix}"


def _create_temporary(folder: str, name: str, mode: int) -> tuple[int, str]:
    """A new temporary for name in folder, held (flock) so that no cleaner takes it for a dead writer's."""
    stem = _temporary_stem(name)
    for _attempt in range(100):
        temporary = os.path.join(folder, f".{stem}.{os.urandom(8).hex()}{TEMP_SUFFIX}")
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY, mode)
        except FileExistsError:
            continue
        # A cleaner may have taken it between our open and our flock: then it is (being) removed.
        if _try_hold(fd) is not False and os.fstat(fd).st_nlink > 0:
            return fd, temporary
        os.close(fd)
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", folder)


def _try_hold(fd: int) -> bool | None:
    """Take an exclusive flock on fd without waiting: True, False when another process holds
    it, None when this system or file system has no flock."""
    try:
        import fcntl
    except ImportError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return None
    return True


def _remove_stale(target: str) -> list[Path]:
    folder = os.path.dirname(target) or "."
    # The random part: 16 hex digits; earlier cdsplan versions used tempfile's 8 characters.
    pattern = re.compile(re.escape(f".{_temporary_stem(os.path.basename(target))}.") + r"[0-9a-z_]+" + re.escape(TEMP_SUFFIX))
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    removed = []
    for name in names:
        if pattern.fullmatch(name) and _remove_if_abandoned(os.path.join(folder, name)):
            removed.append(Path(folder, name))
    return removed


def _remove_if_abandoned(temporary: str) -> bool:
    if _WINDOWS:
        try:
            os.unlink(temporary)  # fails while its writer has it open
        except OSError:
            return False
        return True
    try:
        fd = os.open(temporary, os.O_RDONLY | _NONBLOCK | _NOFOLLOW | _CLOEXEC)
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        # Removed only when we hold it (its writer is gone) and the name is still that file.
        if not stat.S_ISREG(info.st_mode) or _try_hold(fd) is not True or not os.path.samestat(info, os.lstat(temporary)):
            return False
        os.unlink(temporary)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _fsync_folder(folder: str) -> None:
    """Make the rename durable; Windows cannot open a folder, and NTFS journals renames itself."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# --------------------------------------------------------------------------- #
# Locking
# --------------------------------------------------------------------------- #


@contextlib.contextmanager
def locked(path: PathLike, timeout: float = LOCK_TIMEOUT) -> Iterator[Path]:
    """Hold an exclusive cross-process lock for a read-modify-write of path; yields the file to
    read and write (path with symlinks resolved).

    Refuses, before creating the lock file, what write_atomic would refuse.
    """
    target, info = _write_target(path, follow_symlinks=True)
    _check_writable(path, target, info)
    import filelock  # here, not at the top: a read-only command should not pay for its import

    folder = os.path.dirname(target) or "."
    name = os.path.join(folder, f".{_short(os.path.basename(target), NAME_MAX - 1 - len(LOCK_SUFFIX))}{LOCK_SUFFIX}")
    lock = filelock.FileLock(name, timeout=timeout)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise FileProblem(
            "busy", path, _("is being edited by another cdsplan (waited {seconds:g} s); try again").format(seconds=timeout), exit_code=1
        ) from None
    except OSError as exc:
        raise FileProblem(
            "not-writable", path, _("cannot create the lock file {lock}: {error}").format(lock=display(name), error=exc.strerror or exc)
        ) from None
    try:
        yield Path(target)
    finally:
        lock.release()
