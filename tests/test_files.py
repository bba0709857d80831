"""cdsplan.files: hostile files are refused with the right code, and writes are all or nothing.

Each hostile case asserts the exact FileProblem code, and the autouse fixture checks
that nothing outside tmp_path changed. A case that hangs on a regression (a FIFO,
/dev/zero) runs in a child Python with a timeout, so it fails instead of hanging the suite.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdsplan.errors import CdsplanError
from cdsplan.files import (
    LOCK_SUFFIX,
    READ_CODES,
    TEMP_SUFFIX,
    FileProblem,
    _real_name,
    check_regular,
    display,
    forget_folders,
    locked,
    read_regular,
    remove_stale_temporaries,
    write_atomic,
    write_output,
)
from cdsplan.problems import Problem

POSIX = pytest.mark.skipif(os.name == "nt", reason="FIFOs, sockets, devices, POSIX modes and owners are POSIX's")
LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux's /proc")
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
NOBODY = 65534
LIMIT = 1 << 20


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(TEMP_SUFFIX))


def _snapshot(folder: Path, skip: Path | None = None) -> dict[str, tuple[int, int, int]]:
    entries = {}
    for entry in os.scandir(folder):
        if skip is None or Path(entry.path) != skip:
            info = entry.stat(follow_symlinks=False)
            entries[entry.name] = (info.st_mode, info.st_size, info.st_mtime_ns)
    return entries


@pytest.fixture(autouse=True)
def outside_untouched(tmp_path: Path) -> Iterator[None]:
    """Nothing outside tmp_path changes: the working folder, the other test folders, /dev/null and /dev/zero."""
    devices = [Path("/dev/null"), Path("/dev/zero")] if os.name != "nt" else []

    def state() -> object:
        return (
            _snapshot(Path.cwd()),
            _snapshot(tmp_path.parent, skip=tmp_path),
            [(os.lstat(device).st_mode, os.lstat(device).st_rdev) for device in devices],
        )

    before = state()
    yield
    assert state() == before


def isolated(code: str, cwd: Path) -> str:
    """Run code in a child Python and return what it prints (a FileProblem prints its code):
    a regression that blocks on a FIFO or reads /dev/zero forever fails after 10 s."""
    script = (
        "from cdsplan.files import *\ntry:\n"
        + textwrap.indent(textwrap.dedent(code), "    ")
        + "\nexcept FileProblem as problem:\n    print(problem.code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, timeout=10, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def code_of(action: Callable[[], object]) -> str:
    with pytest.raises(FileProblem) as caught:
        action()
    return caught.value.code


@pytest.fixture
def public_folder() -> Iterator[Path]:
    """A folder another user can reach (tmp_path's parents are private to us)."""
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o755)
        yield Path(folder)


def as_nobody(action: Callable[[], object]) -> str:
    """The FileProblem code (or "ok") of action run in a forked child as the user nobody."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            action()
            result = "ok"
        except FileProblem as problem:
            result = problem.code
        except BaseException as exc:
            result = f"error {exc!r}"
        os.write(writer, result.encode())
        os._exit(0)
    os.close(writer)
    os.waitpid(pid, 0)
    with os.fdopen(reader, "rb") as stream:
        return stream.read().decode()


needs_root = pytest.mark.skipif(not ROOT, reason="needs root (to own files as another user)")


# --------------------------------------------------------------------------- #
# The error type
# --------------------------------------------------------------------------- #


def test_file_problem_is_a_one_line_user_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    with pytest.raises(FileProblem) as caught:
        read_regular(tmp_path / "plans", max_bytes=LIMIT)
    problem = caught.value
    assert isinstance(problem, CdsplanError)
    assert (problem.code, problem.exit_code) == ("not-a-file", 2)
    assert str(problem) == "plans: is a folder, not a regular file: replace it with a file or remove it"
    assert "\n" not in str(problem)
    assert problem.as_problem() == Problem("plans", 0, 0, "error", "not-a-file", problem.reason)
    assert problem.code in READ_CODES


def test_missing_file(tmp_path: Path) -> None:
    assert code_of(lambda: read_regular(tmp_path / "nothing.yaml", max_bytes=LIMIT)) == "unreadable"


def test_embedded_nul(tmp_path: Path) -> None:
    assert code_of(lambda: read_regular(f"{tmp_path}/a\0b.yaml", max_bytes=LIMIT)) == "unreadable"
    assert code_of(lambda: write_atomic(f"{tmp_path}/a\0b.yaml", b"x")) == "not-writable"


# --------------------------------------------------------------------------- #
# Reading hostile files
# --------------------------------------------------------------------------- #


def test_regular_file_and_symlink_inside_root_are_read(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.yaml").write_bytes(b"schema: cdsplan/v1\n")
    (tmp_path / "link.yaml").symlink_to("plans/a.yaml")
    assert read_regular(tmp_path / "link.yaml", max_bytes=LIMIT, root=tmp_path) == b"schema: cdsplan/v1\n"
    assert check_regular(tmp_path / "link.yaml", root=tmp_path) is None


@POSIX
def test_fifo_as_plan(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.yaml")
    assert isolated("print(read_regular('x.yaml', max_bytes=100))", tmp_path) == "not-a-file"
    assert isolated("print(check_regular('x.yaml').code)", tmp_path) == "not-a-file"
    assert stat.S_ISFIFO(os.lstat(tmp_path / "x.yaml").st_mode)


@POSIX
def test_symlink_to_dev_zero(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").symlink_to("/dev/zero")
    assert isolated("print(read_regular('x.yaml', max_bytes=100))", tmp_path) == "not-a-file"
    assert isolated("print(read_regular('x.yaml', max_bytes=100, root='.'))", tmp_path) == "symlink-outside"


@LINUX
def test_size_is_limited_while_reading_not_by_stat(tmp_path: Path) -> None:
    # /proc files are regular and their size reads 0, like a file that grows while read.
    maps = Path(f"/proc/{os.getpid()}/maps")
    assert os.stat(maps).st_size == 0
    assert code_of(lambda: read_regular(maps, max_bytes=64)) == "too-large"


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), limit=st.integers(min_value=0, max_value=300))
def test_read_limit(tmp_path: Path, data: bytes, limit: int) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(data)
    if len(data) <= limit:
        assert read_regular(path, max_bytes=limit) == data
    else:
        assert code_of(lambda: read_regular(path, max_bytes=limit)) == "too-large"


def test_read_of_several_chunks(tmp_path: Path) -> None:
    data = os.urandom(3 * (1 << 20) + 5)
    (tmp_path / "big.yaml").write_bytes(data)
    assert read_regular(tmp_path / "big.yaml", max_bytes=len(data)) == data


@POSIX
def test_symlink_to_dev_null(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").symlink_to("/dev/null")
    assert isolated("print(read_regular('x.yaml', max_bytes=100))", tmp_path) == "not-a-file"


@POSIX
def test_socket_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a socket's path must be short
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("x.yaml")
        assert code_of(lambda: read_regular("x.yaml", max_bytes=100)) == "not-a-file"
        problem = check_regular("x.yaml")
        assert problem is not None and problem.code == "not-a-file"
        assert "a socket" in problem.reason


def test_directory_named_yaml(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").mkdir()
    assert code_of(lambda: read_regular(tmp_path / "x.yaml", max_bytes=100)) == "not-a-file"
    problem = check_regular(tmp_path / "x.yaml")
    assert problem is not None and problem.code == "not-a-file"


@POSIX
def test_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    assert code_of(lambda: read_regular(tmp_path / "a.yaml", max_bytes=100)) == "symlink-loop"
    assert code_of(lambda: write_atomic(tmp_path / "a.yaml", b"x")) == "symlink-loop"
    assert code_of(lambda: locked(tmp_path / "a.yaml").__enter__()) == "symlink-loop"
    assert sorted(os.listdir(tmp_path)) == ["a.yaml", "b.yaml"]


@POSIX
def test_dangling_symlink(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").symlink_to("gone.yaml")
    assert code_of(lambda: read_regular(tmp_path / "x.yaml", max_bytes=100)) == "symlink-dangling"
    (tmp_path / "y.yaml").symlink_to("no-folder/gone.yaml")
    assert code_of(lambda: write_atomic(tmp_path / "y.yaml", b"x")) == "symlink-dangling"
    assert sorted(os.listdir(tmp_path)) == ["x.yaml", "y.yaml"]


@POSIX
def test_symlink_pointing_outside_root(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    (outside / "secret.yaml").write_bytes(b"password: hunter2\n")
    (project / "plan.yaml").symlink_to(outside / "secret.yaml")
    (project / "folder").symlink_to(outside)
    assert code_of(lambda: read_regular(project / "plan.yaml", max_bytes=LIMIT, root=project)) == "symlink-outside"
    assert code_of(lambda: read_regular(project / "folder" / "secret.yaml", max_bytes=LIMIT, root=project)) == "symlink-outside"
    problem = check_regular(project / "plan.yaml", root=project)
    assert problem is not None and problem.code == "symlink-outside"
    assert code_of(lambda: read_regular(outside / "secret.yaml", max_bytes=LIMIT, root=project)) == "outside-root"
    # Without a root the caller vouches for the path.
    assert read_regular(project / "plan.yaml", max_bytes=LIMIT) == b"password: hunter2\n"


def test_name_component_of_300_bytes(tmp_path: Path) -> None:
    name = tmp_path / ("ệ" * 100 + ".yaml")  # 300 bytes of UTF-8
    assert code_of(lambda: read_regular(name, max_bytes=100)) == "name-too-long"
    assert code_of(lambda: write_atomic(name, b"x")) == "name-too-long"
    assert code_of(lambda: write_output(tmp_path / ("x" * 300) / "plan.md", b"x")) == "name-too-long"
    assert code_of(lambda: locked(name).__enter__()) == "name-too-long"
    assert os.listdir(tmp_path) == []


@POSIX
@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(length=st.integers(min_value=1, max_value=85))
def test_longest_names_still_write_and_lock(tmp_path: Path, length: int) -> None:
    # Up to the 255-byte limit: the temporary's and the lock's longer names are shortened.
    name = tmp_path / ("ệ" * length)
    name.write_bytes(b"old")
    with locked(name) as target:
        assert write_atomic(target, b"new") == name
    assert name.read_bytes() == b"new"
    assert leftovers(tmp_path) == []
    name.unlink()


def test_unreadable_file_without_permission(tmp_path: Path, public_folder: Path) -> None:
    if ROOT:  # root reads anything: check the refusal as another user
        (public_folder / "plan.yaml").write_bytes(b"x")
        os.chmod(public_folder / "plan.yaml", 0o000)
        assert as_nobody(lambda: read_regular(public_folder / "plan.yaml", max_bytes=100)) == "unreadable"
        assert as_nobody(lambda: read_regular(public_folder / "ok.yaml", max_bytes=100)) == "unreadable"  # missing
    elif os.name != "nt":
        (tmp_path / "plan.yaml").write_bytes(b"x")
        os.chmod(tmp_path / "plan.yaml", 0o000)
        assert code_of(lambda: read_regular(tmp_path / "plan.yaml", max_bytes=100)) == "unreadable"
    else:
        pytest.skip("Windows has no mode bits to deny reading")


@LINUX
def test_unreadable_file_even_for_root() -> None:
    # Regular, but reading it fails (its offset 0 is not mapped): an I/O error, not a crash.
    problem = check_regular(f"/proc/{os.getpid()}/mem")
    assert problem is None
    assert code_of(lambda: read_regular(f"/proc/{os.getpid()}/mem", max_bytes=100)) == "unreadable"


# --------------------------------------------------------------------------- #
# Writing over hostile targets
# --------------------------------------------------------------------------- #


@POSIX
def test_write_onto_a_character_device(tmp_path: Path) -> None:
    (tmp_path / "out.md").symlink_to("/dev/null")
    assert code_of(lambda: write_output(tmp_path / "out.md", b"x")) == "not-a-file"
    assert code_of(lambda: write_atomic("/dev/null", b"x")) == "not-a-file"
    assert os.path.islink(tmp_path / "out.md") and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    try:
        os.mknod(tmp_path / "device", stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        return  # no CAP_MKNOD here: the symlink and /dev/null cases stand in
    assert code_of(lambda: write_output(tmp_path / "device", b"x")) == "not-a-file"
    assert stat.S_ISCHR(os.lstat(tmp_path / "device").st_mode)


@POSIX
def test_write_onto_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "out.md")
    assert isolated("write_output('out.md', b'x')", tmp_path) == "not-a-file"
    assert stat.S_ISFIFO(os.lstat(tmp_path / "out.md").st_mode)
    assert sorted(os.listdir(tmp_path)) == ["out.md"]


def test_write_onto_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("reports").mkdir()
    with pytest.raises(FileProblem) as caught:
        write_output("reports", b"x", default_name="ke-hoach-2025.md")
    assert caught.value.code == "not-a-file"
    assert str(caught.value) == "reports: is a folder: give a file name, such as reports/ke-hoach-2025.md"
    assert code_of(lambda: write_atomic("reports", b"x")) == "not-a-file"
    assert os.listdir("reports") == [] and sorted(os.listdir(".")) == ["reports"]


def test_write_output_into_a_missing_folder_creates_nothing(tmp_path: Path) -> None:
    assert code_of(lambda: write_output(tmp_path / "out" / "plan.md", b"x")) == "no-folder"
    assert os.listdir(tmp_path) == []


@POSIX
def test_write_through_a_symlink_to_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_bytes(b"old")
    os.chmod(tmp_path / "real.md", 0o640)
    (tmp_path / "out.md").symlink_to("real.md")
    assert write_output(tmp_path / "out.md", b"new") == tmp_path / "real.md"
    assert os.readlink(tmp_path / "out.md") == "real.md"
    assert (tmp_path / "real.md").read_bytes() == b"new"
    assert stat.S_IMODE(os.stat(tmp_path / "real.md").st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["out.md", "real.md"]


@POSIX
def test_write_through_a_symlink_to_an_absent_file(tmp_path: Path) -> None:
    (tmp_path / "out.md").symlink_to("new.md")
    assert write_output(tmp_path / "out.md", b"new") == tmp_path / "new.md"
    assert os.path.islink(tmp_path / "out.md") and (tmp_path / "new.md").read_bytes() == b"new"


@POSIX
def test_write_without_following_replaces_the_link_only(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").write_bytes(b"keep me")
    (tmp_path / "entry").symlink_to("elsewhere")
    assert write_atomic(tmp_path / "entry", b"cached", follow_symlinks=False) == tmp_path / "entry"
    assert not os.path.islink(tmp_path / "entry") and (tmp_path / "entry").read_bytes() == b"cached"
    assert (tmp_path / "elsewhere").read_bytes() == b"keep me"


@POSIX
def test_write_onto_a_read_only_file(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_bytes(b"old")
    os.chmod(tmp_path / "plan.yaml", 0o444)
    with pytest.raises(FileProblem) as caught:
        write_atomic(tmp_path / "plan.yaml", b"new")
    assert caught.value.code == "not-writable"
    assert caught.value.reason == "is read-only: make it writable first (chmod u+w)"
    assert code_of(lambda: locked(tmp_path / "plan.yaml").__enter__()) == "not-writable"
    assert (tmp_path / "plan.yaml").read_bytes() == b"old"
    assert sorted(os.listdir(tmp_path)) == ["plan.yaml"]  # no lock file either


@POSIX
def test_write_into_an_unwritable_folder(tmp_path: Path) -> None:
    # Root would pass the kernel's check: it is held to the owner's write bit.
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "plan.yaml").write_bytes(b"old")
    os.chmod(folder, 0o555)
    try:
        assert code_of(lambda: write_atomic(folder / "plan.yaml", b"new")) == "not-writable"
        assert code_of(lambda: write_atomic(folder / "new.yaml", b"new")) == "not-writable"
        assert code_of(lambda: locked(folder / "plan.yaml").__enter__()) == "not-writable"
        assert sorted(os.listdir(folder)) == ["plan.yaml"]
        assert (folder / "plan.yaml").read_bytes() == b"old"
    finally:
        os.chmod(folder, 0o755)


@needs_root
def test_write_into_an_unwritable_folder_as_another_user(public_folder: Path) -> None:
    (public_folder / "plan.yaml").write_bytes(b"old")
    os.chmod(public_folder / "plan.yaml", 0o666)
    assert as_nobody(lambda: write_atomic(public_folder / "plan.yaml", b"new")) == "not-writable"
    assert (public_folder / "plan.yaml").read_bytes() == b"old"


@needs_root
def test_root_writes_a_writable_file_keeping_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"old")
    os.chown(path, 12345, 23456)
    os.chmod(path, 0o640)
    write_atomic(path, b"new")
    info = os.stat(path)
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (12345, 23456, 0o640)
    assert path.read_bytes() == b"new"


@needs_root
def test_owner_that_cannot_be_kept_is_refused(public_folder: Path) -> None:
    # nobody may write the file and the folder, but the new file would be nobody's, not root's.
    os.chmod(public_folder, 0o777)
    (public_folder / "plan.yaml").write_bytes(b"old")
    os.chmod(public_folder / "plan.yaml", 0o666)
    assert as_nobody(lambda: write_atomic(public_folder / "plan.yaml", b"new")) == "not-writable"
    assert (public_folder / "plan.yaml").read_bytes() == b"old"
    assert os.stat(public_folder / "plan.yaml").st_uid == 0
    assert sorted(os.listdir(public_folder)) == ["plan.yaml"]


@POSIX
def test_modes_kept_and_new_files_follow_the_umask(tmp_path: Path) -> None:
    (tmp_path / "private.yaml").write_bytes(b"old")
    os.chmod(tmp_path / "private.yaml", 0o600)
    write_atomic(tmp_path / "private.yaml", b"new")
    assert stat.S_IMODE(os.stat(tmp_path / "private.yaml").st_mode) == 0o600
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.yaml", b"new")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new.yaml").st_mode) == 0o640
    write_atomic(tmp_path / "given.yaml", b"x", mode=0o604)
    assert stat.S_IMODE(os.stat(tmp_path / "given.yaml").st_mode) == 0o604


@pytest.mark.parametrize(
    ("failure", "expected"),
    [(OSError(errno.ENOSPC, "No space left on device"), FileProblem), (KeyboardInterrupt(), KeyboardInterrupt)],
    ids=["disk-full", "ctrl-c"],
)
def test_a_failed_write_leaves_the_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException, expected: type[BaseException]
) -> None:
    (tmp_path / "plan.yaml").write_bytes(b"old")

    def fail(fd: int, data: object) -> int:
        raise failure

    monkeypatch.setattr(os, "write", fail)
    with pytest.raises(expected) as caught:
        write_atomic(tmp_path / "plan.yaml", b"new")
    monkeypatch.undo()
    if isinstance(caught.value, FileProblem):
        assert caught.value.code == "not-writable" and "disk is full" in caught.value.reason
    assert (tmp_path / "plan.yaml").read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["plan.yaml"]


# --------------------------------------------------------------------------- #
# Temporaries of killed writers
# --------------------------------------------------------------------------- #

SLOW_WRITER = """
import os, sys, time
from cdsplan.files import write_atomic
real_write, started = os.write, []
def slow_write(fd, data):
    if not started:
        started.append(True)
        print("writing", flush=True)
    time.sleep(0.002)
    return real_write(fd, data[:4096])
os.write = slow_write
write_atomic(sys.argv[1], b"n" * (8 << 20))
"""


@POSIX
@pytest.mark.slow
def test_sigkill_during_a_write(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"old")
    child = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(target)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == "writing\n"
        time.sleep(0.2)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=10)
        if child.stdout is not None:
            child.stdout.close()
    assert target.read_bytes() == b"old"
    (left,) = leftovers(tmp_path)
    assert 0 < os.path.getsize(tmp_path / left) < 8 << 20  # killed mid-write
    write_atomic(target, b"new")
    assert leftovers(tmp_path) == [] and target.read_bytes() == b"new"


KEEPS_WRITING = """
import sys
from cdsplan.files import write_atomic
print("ready", flush=True)
for version in range(10**6):
    write_atomic(sys.argv[1], str(version % 10).encode() * (1 << 20))
"""


@POSIX
@pytest.mark.slow
def test_a_kill_at_any_moment_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    interrupted = 0
    for delay in (0.0, 0.01, 0.03, 0.05, 0.1, 0.15, 0.2, 0.3):
        child = subprocess.Popen([sys.executable, "-c", KEEPS_WRITING, str(target)], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(delay)
        child.kill()
        child.wait(timeout=10)
        child.stdout.close()
        if target.exists():
            data = target.read_bytes()
            assert len(data) == 1 << 20 and data == data[:1] * len(data)
        interrupted += len(remove_stale_temporaries(target))
        assert leftovers(tmp_path) == []
    assert interrupted  # some kills did land in the middle of a write


def test_a_live_writers_temporary_is_kept(tmp_path: Path) -> None:
    fcntl = pytest.importorskip("fcntl")
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"old")
    live, dead = tmp_path / f".plan.yaml.{'a' * 16}{TEMP_SUFFIX}", tmp_path / f".plan.yaml.{'b' * 16}{TEMP_SUFFIX}"
    live.write_bytes(b"half")
    dead.write_bytes(b"half")
    with open(live, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        assert remove_stale_temporaries(target) == [dead]
        write_atomic(target, b"new")
        assert leftovers(tmp_path) == [live.name]
    assert remove_stale_temporaries(target) == [live]
    assert sorted(os.listdir(tmp_path)) == ["plan.yaml"]


# --------------------------------------------------------------------------- #
# Locking
# --------------------------------------------------------------------------- #

APPENDER = """
import sys, time
from cdsplan.files import locked, read_regular, write_atomic
path, line, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
time.sleep(max(0.0, start - time.time()))
with locked(path) as target:
    data = read_regular(target, max_bytes=1 << 20)
    time.sleep(0.02)  # a lost update needs only this window
    write_atomic(target, data + line.encode() + b"\\n")
"""


@pytest.mark.slow
def test_concurrent_writers_all_keep_their_edits(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"")
    start = time.time() + 2.0  # every child imported and waiting
    children = [subprocess.Popen([sys.executable, "-c", APPENDER, str(target), f"line {n}", str(start)]) for n in range(8)]
    assert [child.wait(timeout=60) for child in children] == [0] * 8
    assert sorted(target.read_text().splitlines()) == [f"line {n}" for n in range(8)]
    assert sorted(os.listdir(tmp_path)) == [f".plan.yaml{LOCK_SUFFIX}", "plan.yaml"]


def test_lock_held_elsewhere_times_out_with_a_clear_message(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"x")
    with locked(target), pytest.raises(FileProblem) as caught, locked(target, timeout=0.1):
        pass
    assert caught.value.code == "busy" and caught.value.exit_code == 1
    assert caught.value.reason == "is being edited by another cdsplan (waited 0.1 s); try again"
    with locked(target) as again:  # released
        assert again == target


@POSIX
def test_lock_follows_the_symlink_to_its_target(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "real.yaml").write_bytes(b"x")
    (tmp_path / "link.yaml").symlink_to("plans/real.yaml")
    with locked(tmp_path / "link.yaml") as target:
        assert target == tmp_path / "plans" / "real.yaml"
        assert (tmp_path / "plans" / f".real.yaml{LOCK_SUFFIX}").exists()


BLOCKED = """
import sys
for name in ("fcntl", "termios", "pwd", "grp"):
    sys.modules[name] = None  # as on Windows
import warnings
warnings.simplefilter("ignore")  # filelock says it falls back to a soft lock
from cdsplan.files import check_regular, locked, read_regular, remove_stale_temporaries, write_atomic
with locked("plan.yaml") as target:
    write_atomic(target, read_regular(target, max_bytes=100) + b"b\\n")
write_atomic("new.yaml", b"c\\n")
remove_stale_temporaries("plan.yaml")
assert check_regular("plan.yaml") is None
print(open("plan.yaml").read() + open("new.yaml").read(), end="")
"""


def test_works_without_posix_only_modules(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_bytes(b"a\n")
    done = subprocess.run([sys.executable, "-c", BLOCKED], cwd=tmp_path, capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "a\nb\nc\n"
    assert leftovers(tmp_path) == []


def test_display_names_files_below_the_working_folder_relatively(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    assert display(tmp_path / "plans" / "a.yaml") == "plans/a.yaml"
    assert display("plans/../plans/./a.yaml") == "plans/a.yaml"
    assert display(tmp_path) == display(".") == "."
    assert display(tmp_path.parent / "other.yaml") == (tmp_path.parent / "other.yaml").as_posix()
    assert display("../other.yaml") == (tmp_path.parent / "other.yaml").as_posix()
    # a sibling whose name starts like the working folder's is not below it
    assert display(str(tmp_path) + "-x/a.yaml") == (tmp_path.parent / (tmp_path.name + "-x") / "a.yaml").as_posix()


@pytest.mark.parametrize("layout", ["plain", "linked-folder", "linked-file", "linked-both"])
def test_a_file_is_resolved_as_realpath_resolves_it(tmp_path: Path, layout: str) -> None:
    """The folders' real names are looked up once per scan; the answer is still realpath's."""
    (tmp_path / "real" / "2023").mkdir(parents=True)
    (tmp_path / "real" / "2023" / "a.yaml").write_bytes(b"x: 1\n")
    folder = tmp_path / "real" / "2023"
    if layout in ("linked-folder", "linked-both"):
        (tmp_path / "link").symlink_to(folder)
        folder = tmp_path / "link"
    path = folder / "a.yaml"
    if layout in ("linked-file", "linked-both"):
        (tmp_path / "b.yaml").symlink_to(path)
        path = tmp_path / "b.yaml"
    forget_folders()
    assert _real_name(path) == os.path.realpath(path, strict=True)
    assert read_regular(path, max_bytes=LIMIT, root=tmp_path) == b"x: 1\n"


def test_a_folder_that_became_a_link_is_seen_by_the_next_scan(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    (project / "2023").mkdir(parents=True)
    (project / "2023" / "a.yaml").write_bytes(b"x: 1\n")
    (outside / "2023").mkdir(parents=True)
    (outside / "2023" / "a.yaml").write_bytes(b"secret: 1\n")
    forget_folders()
    assert read_regular(project / "2023" / "a.yaml", max_bytes=LIMIT, root=project) == b"x: 1\n"
    (project / "2023" / "a.yaml").unlink()
    (project / "2023").rmdir()
    (project / "2023").symlink_to(outside / "2023")
    forget_folders()  # what discovery does first
    assert code_of(lambda: read_regular(project / "2023" / "a.yaml", max_bytes=LIMIT, root=project)) == "symlink-outside"
