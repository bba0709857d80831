"""Running one hostile case: a fresh project, `python -m cdsplan ARGV` in a child, and what it did.

A case (cases.py) is data: the files of its project, the command line, the exit status it must
end with. `run` lays the project out in the case's own folder, runs the command as a user's
shell would (a child process, its own cache folder, a time limit), and measures the child
alone (`os.wait4`: its peak memory and its time, even while other cases run beside it).
`problems_of` says what is wrong with the result, beyond the exit status:

- a message that is not one line: every line on standard error is `cdsplan: …` or a
  problem at `file:line:col:`, and there is at most one `cdsplan: error:`; `check`'s standard
  output is only problem lines and its summary;
- "internal error" or "Traceback" anywhere;
- a run over `SECONDS` of processor time, `WAIT_SECONDS` of wall time (a hang: others working
  on the same machine may slow a case down, but do not make it use more processor time), or
  `MEGABYTES` of peak memory;
- any file of the case's folder that changed without the case saying it may (the project, the
  folder beside it that symlinks lead to), and raw escape sequences on a terminal.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import pty
import re
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import cdsplan

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_HOME = str(Path(cdsplan.__file__).resolve().parents[1])
MINI = ROOT / "tests" / "fixtures" / "mini"

SECONDS = 10.0  # the most processor time one case may take (the kernel stops it a second later)
WAIT_SECONDS = 20.0  # a case still running then is killed: a hang fails instead of hanging the suite
ADDRESS_SPACE = 3 << 30  # a child may map at most this much: a memory bomb fails its case, not the machine
MEGABYTES = 300.0  # the most memory one case may take at its peak
HASHED = 16 << 20  # files up to this size are compared by content, larger ones (sparse) by their stat

# What standard error may hold: cdsplan's own one-line messages and check's problem lines.
PROBLEM_LINE = re.compile(r"^.+?(?::\d+(?::\d+)?)?: (?:error|warning|note|info)\b")  # line and column: when known
OWN_LINE = re.compile(r"^cdsplan: ")
# A line of a refusal that points at its cause: FILE:LINE[:COLUMN]: … (a sheet's column is a letter).
LOCATED_LINE = re.compile(r"^\S.*?:\d+(?::(?:\d+|[A-Z]{1,3}))?: \S")
# A usage error (typer's, as click shows it): the usage line, a hint and the error.
USAGE_LINE = re.compile(r"^(?:Usage: cdsplan |Try 'cdsplan |Error: )")
SUMMARY_LINE = re.compile(r"^(?:\d+ error\(s\), \d+ warning\(s\) in \d+ files?|.*\b(?:no problems|OK)\b.*)$")
FORBIDDEN = ("internal error", "Traceback")


# --------------------------------------------------------------------------- #
# What a case's files may be
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class Fifo:
    """A named pipe nobody writes to: whoever opens it to read blocks."""


@dataclass(frozen=True)
class Link:
    """A symlink; `{outside}`, `{project}` and `{case}` in target are the case's folders."""

    target: str


@dataclass(frozen=True)
class Sparse:
    """A file of size bytes that takes no disk: prefix, then zeros."""

    size: int
    prefix: bytes = b""


@dataclass(frozen=True)
class Folder:
    """An empty folder (a folder named like a plan)."""


@dataclass(frozen=True)
class Device:
    """A character device made with mknod (a copy of /dev/null by default), only for root."""

    major: int = 1
    minor: int = 3


@dataclass(frozen=True)
class Mode:
    """content with these permission bits (and owner: uid, gid; None keeps ours)."""

    content: str | bytes
    mode: int
    uid: int | None = None
    gid: int | None = None


Content = str | bytes | Fifo | Link | Sparse | Folder | Device | Mode | None  # None: remove a file of the base project


@dataclass(frozen=True)
class Case:
    name: str
    argv: tuple[str, ...]
    code: int | tuple[int, ...]  # the exit status (one of them)
    files: Mapping[str, Content] = field(default_factory=dict)  # relative to the project ("../outside/x" beside it)
    base: str = "mini"  # mini: the tests' mini project; bare: a pyproject.toml and nothing else
    env: Mapping[str, str] = field(default_factory=dict)
    stdin: bytes | None = None
    writes: tuple[str, ...] = ()  # paths (relative to the case folder, globs) the command may change
    out: str | None = None  # a regular expression stdout must match (search)
    err: str | None = None  # a regular expression stderr must match (search)
    not_out: str | None = None  # a regular expression neither stdout nor stderr may match
    shell: str | None = None  # run through `bash -c SHELL`, "$@" being the cdsplan command
    tty: bool = False  # stdout and stderr on a terminal (NO_COLOR set): nothing raw may reach it
    seconds: float = SECONDS  # its bound on processor time
    as_user: bool = False  # permission bits apply: run as root, it runs without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
    root_only: bool = False  # needs root (mknod, chown)
    prepare: Callable[[Path], object] | None = None  # more setup, given the project folder
    before: tuple[tuple[str, ...], ...] = ()  # cdsplan commands run first (to fill the cache), unmeasured
    tamper: Callable[[Path, Path], object] | None = None  # after `before`: given (project, cache)
    why: str = ""  # what the case attacks, for the report
    known: str | None = None  # a bug found and not fixed yet: the case is expected to fail (strictly), and why

    @property
    def codes(self) -> tuple[int, ...]:
        return self.code if isinstance(self.code, tuple) else (self.code,)


@dataclass
class Result:
    case: Case
    code: int
    out: str
    err: str
    seconds: float  # wall time
    megabytes: float
    changed: list[str]
    cpu: float = 0.0  # processor time, the child's and its children's
    skipped: str | None = None

    def brief(self) -> str:
        first = (self.err.strip().splitlines() or [""])[0]
        return f"{self.case.name}: exit {self.code}, {self.cpu:.1f} s ({self.seconds:.1f} s wall), {self.megabytes:.0f} MB, {first[:160]!r}"


# --------------------------------------------------------------------------- #
# Laying out a case
# --------------------------------------------------------------------------- #


def _places(case_dir: Path) -> dict[str, str]:
    return {"case": str(case_dir), "project": str(case_dir / "project"), "outside": str(case_dir / "outside")}


def expand(text: str, case_dir: Path) -> str:
    for name, value in _places(case_dir).items():
        text = text.replace("{" + name + "}", value)
    return text


def _make(path: Path, content: Content, case_dir: Path) -> None:
    if content is None:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif os.path.lexists(path):
            path.unlink()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if os.path.lexists(path):
        path.unlink()
    if isinstance(content, str):
        path.write_text(expand(content, case_dir), encoding="utf-8", newline="")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, Fifo):
        os.mkfifo(path)
    elif isinstance(content, Link):
        os.symlink(expand(content.target, case_dir), path)
    elif isinstance(content, Sparse):
        with open(path, "wb") as handle:
            handle.write(content.prefix)
            handle.truncate(content.size)
    elif isinstance(content, Folder):
        path.mkdir()
    elif isinstance(content, Device):
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(content.major, content.minor))
    elif isinstance(content, Mode):
        _make(path, content.content, case_dir)
        if content.uid is not None or content.gid is not None:
            os.chown(path, -1 if content.uid is None else content.uid, -1 if content.gid is None else content.gid)
        os.chmod(path, content.mode)


def lay_out(case: Case, case_dir: Path) -> Path:
    """The case's project (and the folder beside it), made in case_dir; the project's path."""
    project = case_dir / "project"
    outside = case_dir / "outside"
    outside.mkdir(parents=True)
    # Something outside the project that a symlink may try to reach, and that must not change.
    (outside / "secret.yaml").write_text((MINI / "plans" / "2023" / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (outside / "note.txt").write_text("must not change\n", encoding="utf-8")
    if case.base == "mini":
        shutil.copytree(MINI, project)
    else:
        project.mkdir()
        (project / "pyproject.toml").write_text("[tool.cdsplan]\n", encoding="utf-8")
    for name, content in case.files.items():
        _make(project / name, content, case_dir)
    if case.prepare is not None:
        case.prepare(project)
    return project


# --------------------------------------------------------------------------- #
# What changed
# --------------------------------------------------------------------------- #


def snapshot(folder: Path, skip: tuple[Path, ...] = ()) -> dict[str, object]:
    """Every entry under folder (symlinks not followed, special files not opened): its kind,
    mode, owner and content (a hash), or size and time for large files."""
    state: dict[str, object] = {}
    skipped = {os.fspath(path) for path in skip}

    def visit(path: str, relative: str) -> None:
        try:
            info = os.lstat(path)
        except OSError:
            return
        if stat.S_ISREG(info.st_mode):
            if info.st_size <= HASHED:
                try:
                    with open(path, "rb") as handle:
                        digest = hashlib.sha256(handle.read()).hexdigest()
                except OSError:
                    digest = "unreadable"
                state[relative] = ("file", info.st_mode, info.st_uid, info.st_gid, digest)
            else:
                state[relative] = ("large", info.st_mode, info.st_uid, info.st_size, info.st_mtime_ns, info.st_ino)
        elif stat.S_ISLNK(info.st_mode):
            state[relative] = ("link", os.readlink(path))
        elif stat.S_ISDIR(info.st_mode):
            state[relative] = ("folder", info.st_mode, info.st_uid)
            if path in skipped:
                return
            try:
                names = sorted(os.listdir(path))
            except OSError:
                return
            for name in names:
                visit(os.path.join(path, name), f"{relative}/{name}" if relative else name)
        else:
            state[relative] = ("special", info.st_mode, info.st_rdev, info.st_ino)

    visit(os.fspath(folder), "")
    return state


def changes(before: Mapping[str, object], after: Mapping[str, object]) -> list[str]:
    names = sorted(set(before) | set(after))
    return [name or "." for name in names if before.get(name) != after.get(name)]


def _allowed(name: str, patterns: tuple[str, ...]) -> bool:
    from fnmatch import fnmatch

    return any(fnmatch(name, pattern) or name.startswith(pattern.rstrip("/") + "/") for pattern in patterns)


# --------------------------------------------------------------------------- #
# Running
# --------------------------------------------------------------------------- #


def _environment(case: Case, case_dir: Path, cache: Path, shared: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CDSPLAN_", "PYTEST_", "COV_", "HYPOTHESIS"))
        and key not in ("COLUMNS", "LINES", "FORCE_COLOR", "CLICOLOR_FORCE")
    }
    env.update(
        {
            "CDSPLAN_CACHE_DIR": str(cache),
            "CDSPLAN_LANG": "en",  # the line shapes below are the English ones
            "MPLCONFIGDIR": str(shared / "matplotlib"),  # matplotlib's font cache: shared, built once
            # the cdsplan the tests import (the checkout's src/, or where it is installed)
            "PYTHONPATH": os.pathsep.join([PACKAGE_HOME, env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
            "GIT_CONFIG_NOSYSTEM": "1",
            "HOME": str(shared / "home"),
        }
    )
    if case.tty:
        env["NO_COLOR"] = "1"
    for key, value in case.env.items():
        if value == "<unset>":
            env.pop(key, None)
        else:
            env[key] = expand(value, case_dir)
    return env


# The child is started by this small launcher, which waits for it with os.wait4 and writes
# its usage to the file named first (its arguments: that file, "as-user" or "-", its processor
# seconds, the command): a process forked from the test runner (tens or hundreds
# of megabytes) would inherit the runner's peak memory as its own (Linux keeps ru_maxrss across
# fork and exec); one forked from a fresh, small interpreter reports its own.
LAUNCHER = f"""
import os, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({ADDRESS_SPACE}, {ADDRESS_SPACE}))
cpu = int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
if sys.argv[2] == "as-user" and os.geteuid() == 0:
    # Root reads and writes whatever the permission bits say; without these two capabilities in
    # its bounding set, what it runs next is held to them like any user (CAP_DAC_OVERRIDE,
    # CAP_DAC_READ_SEARCH: PR_CAPBSET_DROP).
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:
            sys.exit(f"cannot drop capability {{capability}}: errno {{ctypes.get_errno()}}")
pid = os.posix_spawnp(sys.argv[4], sys.argv[4:], os.environ)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(f"{{usage.ru_maxrss}} {{usage.ru_utime + usage.ru_stime}}")
code = os.waitstatus_to_exitcode(status)
if code < 0:
    import signal
    signal.signal(-code, signal.SIG_DFL)
    os.kill(os.getpid(), -code)
sys.exit(code)
"""


def _command(case: Case, case_dir: Path) -> list[str]:
    command = [sys.executable, "-m", "cdsplan", *(expand(arg, case_dir) for arg in case.argv)]
    if case.shell is not None:
        command = ["bash", "-c", case.shell, "cdsplan", *command]
    cpu = str(math.ceil(case.seconds) + 1)  # the kernel stops it a second after its bound
    return [sys.executable, "-S", "-c", LAUNCHER, str(case_dir / "usage"), "as-user" if case.as_user else "-", cpu, *command]


def _read_terminal(master: int, sink: list[bytes]) -> None:
    while True:
        try:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed its side
            return
        if not chunk:
            return
        sink.append(chunk)


def execute(case: Case, command: list[str], project: Path, env: dict[str, str]) -> tuple[int, bytes, bytes, float, float]:
    """(exit status, stdout, stderr, wall seconds, peak megabytes, processor seconds) of command run for case."""
    master = slave = -1
    if case.tty:
        master, slave = pty.openpty()
        stdout: int = slave
        stderr: int = slave
    else:
        stdout = stderr = subprocess.PIPE
    started = time.monotonic()
    child = subprocess.Popen(
        command,
        cwd=project,
        env=env,
        stdin=subprocess.PIPE if case.stdin is not None else subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
        start_new_session=True,  # its own process group: a hang is killed whole
    )
    terminal: list[bytes] = []
    reader = None
    if case.tty:
        os.close(slave)
        reader = threading.Thread(target=_read_terminal, args=(master, terminal), daemon=True)
        reader.start()
    timer = threading.Timer(WAIT_SECONDS, lambda: _kill(child.pid))
    timer.start()
    out = err = b""
    try:
        if case.tty:
            if case.stdin is not None and child.stdin is not None:
                child.stdin.write(case.stdin)
                child.stdin.close()
        else:
            out, err = _communicate(child, case.stdin)
        _, status, _usage = os.wait4(child.pid, 0)
    finally:
        timer.cancel()
    seconds = time.monotonic() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    try:
        kilobytes, cpu = (float(part) for part in Path(command[4]).read_text(encoding="ascii").split())
    except (OSError, ValueError):  # killed before it could say
        kilobytes, cpu = 0.0, 0.0
    if reader is not None:
        reader.join(5)
        os.close(master)
        out = b"".join(terminal)
    return child.returncode, out, err, seconds, kilobytes / 1024, cpu  # Linux: kilobytes


def _communicate(child: subprocess.Popen[bytes], stdin: bytes | None) -> tuple[bytes, bytes]:
    """stdout and stderr of child, read until both close (without reaping it: wait4 does)."""
    if stdin is not None and child.stdin is not None:
        threading.Thread(target=_feed, args=(child.stdin, stdin), daemon=True).start()
    assert child.stdout is not None and child.stderr is not None
    chunks: dict[int, list[bytes]] = {child.stdout.fileno(): [], child.stderr.fileno(): []}
    open_ = set(chunks)
    kept = 0
    while open_:
        ready, _, _ = select.select(list(open_), [], [], 1.0)
        for descriptor in ready:
            chunk = os.read(descriptor, 1 << 16)
            if not chunk:
                open_.discard(descriptor)
            elif kept < 64 << 20:  # keep at most 64 MB of what it writes
                chunks[descriptor].append(chunk)
                kept += len(chunk)
    out, err = b"".join(chunks[child.stdout.fileno()]), b"".join(chunks[child.stderr.fileno()])
    child.stdout.close()
    child.stderr.close()
    return out, err


def _feed(pipe: object, data: bytes) -> None:
    try:
        pipe.write(data)  # type: ignore[attr-defined]
        pipe.close()  # type: ignore[attr-defined]
    except OSError:  # the child did not read it all
        pass


def _kill(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)


def run(case: Case, folder: Path, shared: Path) -> Result:
    """Lay the case out in folder/<name>, run it, and report what it did."""
    try:
        return _run(case, folder, shared)
    except Exception as exc:  # the case itself is broken: say so in its result
        import traceback

        return Result(case, -1, "", "the runner failed: " + "".join(traceback.format_exception(exc)), 0.0, 0.0, [])


def warm_cache(shared: Path) -> None:
    """shared/warm-cache: the cache of the base project after check, due and tasks, for every
    case to start from (each case gets its own copy; cache cases tamper with theirs)."""
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        shutil.copytree(MINI, project)
        env = _environment(Case("warm", (), 0), Path(folder), shared / "warm-cache", shared)
        for argv in (("check",), ("tasks",), ("due",)):
            subprocess.run([sys.executable, "-m", "cdsplan", *argv], cwd=project, env=env, capture_output=True, timeout=60, check=False)


def _run(case: Case, folder: Path, shared: Path) -> Result:
    case_dir = folder / case.name
    if case.root_only and os.geteuid() != 0:
        return Result(case, -1, "", "", 0.0, 0.0, [], skipped="needs root")
    case_dir.mkdir()
    project = lay_out(case, case_dir)
    cache = case_dir / "cache"
    warm = shared / "warm-cache"
    if case.base == "mini" and warm.is_dir() and not cache.exists():
        shutil.copytree(warm, cache)  # the base project's own files already read: only the attack is new
    cache.mkdir(exist_ok=True)
    env = _environment(case, case_dir, cache, shared)
    for argv in case.before:
        subprocess.run(
            [sys.executable, "-m", "cdsplan", *argv], cwd=project, env=env, capture_output=True, timeout=WAIT_SECONDS, check=False
        )
    if case.tamper is not None:
        case.tamper(project, cache)
    before = snapshot(case_dir, skip=(cache,))
    code, out, err, seconds, megabytes, cpu = execute(case, _command(case, case_dir), project, env)
    after = snapshot(case_dir, skip=(cache,))
    changed = [name for name in changes(before, after) if not _allowed(name, ("usage", *case.writes))]
    return Result(
        case,
        code,
        out.decode("utf-8", "backslashreplace"),
        err.decode("utf-8", "backslashreplace"),
        seconds,
        megabytes,
        changed,
        cpu=cpu,
    )


# --------------------------------------------------------------------------- #
# Judging
# --------------------------------------------------------------------------- #


def problems_of(result: Result) -> list[str]:
    """What is wrong with result, in words: empty when the case passed."""
    case = result.case
    found: list[str] = []
    if result.code not in case.codes:
        found.append(f"exit status {result.code}, expected {' or '.join(map(str, case.codes))}")
    text = result.out + result.err
    for word in FORBIDDEN:
        if word in text:
            found.append(f"{word!r} in the output")
    if result.cpu >= case.seconds:
        found.append(f"took {result.cpu:.1f} s of processor time (limit {case.seconds:g} s)")
    if result.seconds >= WAIT_SECONDS:
        found.append(f"still running after {result.seconds:.1f} s: killed")
    if result.megabytes >= MEGABYTES:
        found.append(f"peak memory {result.megabytes:.0f} MB (limit {MEGABYTES:g} MB)")
    if result.changed:
        found.append(f"changed outside what it may write: {', '.join(result.changed[:10])}")
    if case.tty:
        raw = [char for char in ("\x1b", "\x07", "\x9b", "\x90", "\x9d") if char in result.out]
        if raw:
            found.append(f"raw control characters reached the terminal: {raw!r}")
    else:
        error_lines = [line for line in result.err.splitlines() if line.strip()]
        strays = [
            line
            for line in error_lines
            if not (OWN_LINE.match(line) or PROBLEM_LINE.match(line) or LOCATED_LINE.match(line) or USAGE_LINE.match(line))
        ]
        if strays:
            found.append(f"standard error holds lines that are neither a message nor a problem: {strays[:3]!r}")
        if sum(1 for line in error_lines if line.startswith("cdsplan: error")) > 1:
            found.append("more than one error message")
        if case.argv[:1] == ("check",) and "--format" not in case.argv and "-f" not in case.argv:
            strays = [
                line for line in result.out.splitlines() if line.strip() and not (PROBLEM_LINE.match(line) or SUMMARY_LINE.match(line))
            ]
            if strays:
                found.append(f"check printed lines that are not problems: {strays[:3]!r}")
    if case.out is not None and not re.search(case.out, result.out):
        found.append(f"stdout does not match {case.out!r}: {result.out[:300]!r}")
    if case.err is not None and not re.search(case.err, result.err):
        found.append(f"stderr does not match {case.err!r}: {result.err[:300]!r}")
    if case.not_out is not None and re.search(case.not_out, text):
        found.append(f"output matches {case.not_out!r}: {text[:300]!r}")
    return found
