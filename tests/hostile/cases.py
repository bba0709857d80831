"""The hostile corpus: one row per attack, each a project's files, a command line and the exit
status it must end with (0 ok, 1 problems found, 2 usage or unreadable input; never 3).

Every case also gets the runner's checks (runner.problems_of): one-line messages, no
traceback, under 10 s and 300 MB, nothing changed that the case does not name in `writes`.
Adding an attack is adding a row. The base project is tests/fixtures/mini (plan `mini-2023`,
agencies bo-tttt, bo-khcn, bo-yt, hoa-binh, phu-tho); `{outside}` is a folder beside it that
holds `secret.yaml` and `note.txt`, which no case may change.
"""

from __future__ import annotations

import io
import os
import pickle
import socket
import subprocess
import zipfile
from pathlib import Path

from .runner import Case, Device, Fifo, Folder, Link, Mode, Sparse

DUE = ("due", "--month", "9", "--year", "2023", "--as-of", "2023-10-01")
TASKS = ("tasks", "--as-of", "2023-10-01")
RECORD = ("status", "mini-2023#I.1", "done", "--on", "2023-03-01")
NOBODY = 65534
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31m\u202e"


# --------------------------------------------------------------------------- #
# Plans as text
# --------------------------------------------------------------------------- #


def task(id_: str = "I.1", *, title: str = "Việc thử", when: str = "trong Quý I/2023", lead: str = "bo-yt", extra: str = "") -> str:
    return f"      - id: {id_}\n        title: {title}\n        lead: {lead}\n        when: {when}\n{extra}"


def plan(
    id_: str = "x-2023",
    *,
    tasks: str | None = None,
    year: str = "year: 2023",
    title: str = "Kế hoạch thử",
    issuer: str = "bo-yt",
    head: str = "",
) -> str:
    return (
        f"schema: cdsplan/v1\nid: {id_}\ntitle: {title}\n{year}\nissuer: {issuer}\n{head}"
        f"sections:\n  - id: I\n    title: NHIỆM VỤ\n    tasks:\n{task() if tasks is None else tasks}"
    )


def progress(records: str, agency: str = "bo-yt", year: int = 2023) -> str:
    return f"schema: cdsplan/v1\nagency: {agency}\nyear: {year}\nrecords:\n{records}"


def record(item: str = "mini-2023#I.1", state: str = "done", on: str = "2023-03-01", extra: str = "") -> str:
    return f"  - item: {item}\n    state: {state}\n    on: {on}\n{extra}"


def quoted(text: str) -> str:
    """text as a YAML double-quoted scalar (escape sequences as YAML escapes)."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 or char in "\u2028\u2029":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def nested_block(depth: int) -> str:
    return (
        "schema: cdsplan/v1\nid: deep\nnotes:\n"
        + "".join(" " * (level + 1) + f"k{level}:\n" for level in range(depth))
        + " " * (depth + 1)
        + "v\n"
    )


# --------------------------------------------------------------------------- #
# Setups that are not plain files
# --------------------------------------------------------------------------- #


def git(project: Path, *commands: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(project.parent),
    }
    for command in commands:
        subprocess.run(command, shell=True, cwd=project, env=env, check=True, capture_output=True)


def committed(*then: str):
    """A git repository of the project, its files committed, then the shell commands then."""

    def prepare(project: Path) -> None:
        git(project, "git init -q -b main", "git add -A", "git commit -qm one", *then)

    return prepare


class _Pwn:
    """A pickle that, if anything ever unpickled it, would create {outside}/PWNED."""

    def __init__(self, where: str) -> None:
        self.where = where

    def __reduce__(self):
        return (os.system, (f"touch {self.where}",))


def _entries(cache: Path) -> list[Path]:
    return [path for path in cache.rglob("*") if path.is_file() and path.name != ".gitignore"]


def cache_as(make):
    """A tamper: every cache entry replaced by make(path, old bytes)."""

    def tamper(project: Path, cache: Path) -> None:
        entries = _entries(cache)
        assert entries, "the first run filled no cache"
        for entry in entries:
            old = entry.read_bytes()
            entry.unlink()
            make(entry, old, project)

    return tamper


def _pickle_entry(entry: Path, old: bytes, project: Path) -> None:
    entry.write_bytes(pickle.dumps(_Pwn(str(project.parent / "outside" / "PWNED"))))


def _fifo_entry(entry: Path, old: bytes, project: Path) -> None:
    os.mkfifo(entry)


def _zero_entry(entry: Path, old: bytes, project: Path) -> None:
    os.symlink("/dev/zero", entry)


def _sparse_entry(entry: Path, old: bytes, project: Path) -> None:
    with open(entry, "wb") as handle:
        handle.write(old[:47])  # the real header (magic, format, digest), then 400 MB of zeros
        handle.truncate(400 << 20)


def _truncated_entry(entry: Path, old: bytes, project: Path) -> None:
    entry.write_bytes(old[: len(old) // 2])


def _flipped_entry(entry: Path, old: bytes, project: Path) -> None:
    entry.write_bytes(old[:-1] + bytes([old[-1] ^ 1]))


def _folder_entry(entry: Path, old: bytes, project: Path) -> None:
    entry.mkdir()


def pickles_in_cache(project: Path) -> None:
    """Pickles where the cache is, under every name, before cdsplan ever ran."""
    cache = project.parent / "cache"
    payload = pickle.dumps(_Pwn(str(project.parent / "outside" / "PWNED")))
    for prefix in ("00", "ab", "ff"):
        (cache / prefix).mkdir(parents=True, exist_ok=True)
        (cache / prefix / (prefix * 32)).write_bytes(payload)


def socket_at(relative: str):
    def prepare(project: Path) -> None:
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()

    return prepare


def unreadable(relative: str, mode: int = 0):
    def prepare(project: Path) -> None:
        os.chmod(project / relative, mode)

    return prepare


def zip_bomb(inner: str, megabytes: int = 2048, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
        with archive.open(inner, "w", force_zip64=True) as handle:
            block = b" " * (1 << 20)
            for _ in range(megabytes):
                handle.write(block)
    return buffer.getvalue()


def docx_with(text: str) -> bytes:
    """A Word document whose one paragraph is text (a docxtpl template)."""
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_DOCX_BOMB: bytes | None = None


def docx_bomb() -> bytes:
    """A real .docx whose word/document.xml inflates to 600 MB."""
    global _DOCX_BOMB
    if _DOCX_BOMB is None:
        with zipfile.ZipFile(io.BytesIO(docx_with("x"))) as source:
            parts = {name: source.read(name) for name in source.namelist() if name != "word/document.xml"}
        _DOCX_BOMB = zip_bomb("word/document.xml", 600, parts)
    return _DOCX_BOMB


def xlsx_bomb(project: Path) -> None:
    """A real workbook whose one sheet inflates to 600 MB (its rows padded with blanks)."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["item", "state", "on"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source:
        parts = {name: source.read(name) for name in source.namelist() if name != "xl/worksheets/sheet1.xml"}
    (project / "sheet.xlsx").write_bytes(zip_bomb("xl/worksheets/sheet1.xml", 600, parts))


def docx_bomb_file(project: Path) -> None:
    (project / "bomb.docx").write_bytes(docx_bomb())


def read_only_foreign(project: Path) -> None:
    """progress/2023/bo-yt.yaml read-only and another user's, in a folder nobody may write."""
    folder = project / "progress" / "2023"
    folder.mkdir(parents=True)
    target = folder / "bo-yt.yaml"
    target.write_text(progress(record(on="2023-02-01")), encoding="utf-8")
    os.chown(target, NOBODY, NOBODY)
    os.chmod(target, 0o444)
    os.chmod(folder, 0o555)


def many_plans(count: int, tasks_each: int, when: str = "trong Quý I/2023"):
    def prepare(project: Path) -> None:
        folder = project / "plans" / "2023"
        for number in range(count):
            body = "".join(task(f"I.{index}", when=when) for index in range(tasks_each))
            (folder / f"p{number:05}.yaml").write_text(plan(f"p-{number:05}", tasks=body), encoding="utf-8")

    return prepare


def registry_of(count: int) -> str:
    rows = "".join(
        f"  - id: co-quan-{number}\n    name: Cơ quan thử số {number}\n    kind: unit\n    parent: bo-yt\n" for number in range(count)
    )
    base = (Path(__file__).resolve().parents[1] / "fixtures" / "mini" / "plans" / "agencies.yaml").read_text(encoding="utf-8")
    return base + rows


def _lines(count: int, make) -> str:
    return "".join(make(number) for number in range(count))


TEMPLATE = "templates/t.md.j2"
RENDER = ("render", "mini-2023", "-t", TEMPLATE)
FAST = '[tool.cdsplan]\nplans = "plans"\ntemplate_seconds = 1\n'


def template_case(
    name: str, source: str | bytes, code: int | tuple[int, ...] = 1, *, why: str, fast: bool = True, err: str | None = None
) -> Case:
    files: dict[str, object] = {TEMPLATE: source, "templates/secret.txt": "secret\n"}
    if fast:
        files["pyproject.toml"] = FAST
    return Case(name, RENDER, code, files, why=why, err=err)  # type: ignore[arg-type]


BIG_TITLE = "Nhiệm vụ " + "rất dài " * 62_500  # 500 KB on one line
WIDE_WORD = "x" * 200_000  # one word wider than any terminal
ZALGO = "a" + "\u0301" * 100_000

# fmt: off
CASES: list[Case] = [
    # ------------------------------------------------------------------ the cache (1)
    Case("cache-pickle-entries", ("check",), 0, before=(("check",),), tamper=cache_as(_pickle_entry), why="a pickle in place of every cache entry is never unpickled"),
    Case("cache-pickle-planted", DUE, 0, prepare=pickles_in_cache, why="pickles planted in the cache folder before the first run"),
    Case("cache-fifo-entries", DUE, 0, before=(DUE,), tamper=cache_as(_fifo_entry), why="a FIFO in place of each cache entry (hung `due`)"),
    Case("cache-devzero-entries", DUE, 0, before=(DUE,), tamper=cache_as(_zero_entry), why="cache entries that are symlinks to /dev/zero"),
    Case("cache-sparse-entries", DUE, 0, before=(DUE,), tamper=cache_as(_sparse_entry), why="a 400 MB sparse cache entry behind a valid header"),
    Case("cache-truncated-entries", ("check",), 0, before=(("check",),), tamper=cache_as(_truncated_entry), why="cache entries cut in half"),
    Case("cache-flipped-bit", TASKS, 0, before=(TASKS,), tamper=cache_as(_flipped_entry), why="one bit of each cache entry flipped"),
    Case("cache-folder-entries", ("check",), 0, before=(("check",),), tamper=cache_as(_folder_entry), why="a folder in place of each cache entry"),
    Case("cache-dir-is-a-file", ("check",), 0, env={"CDSPLAN_CACHE_DIR": "{outside}/note.txt"}, why="CDSPLAN_CACHE_DIR names a file"),
    Case("cache-dir-is-a-fifo", DUE, 0, files={"../outside/pipe": Fifo()}, env={"CDSPLAN_CACHE_DIR": "{outside}/pipe"}, why="CDSPLAN_CACHE_DIR names a FIFO"),
    Case("cache-dir-devnull", ("check",), 0, env={"CDSPLAN_CACHE_DIR": "/dev/null"}, why="CDSPLAN_CACHE_DIR=/dev/null"),
    Case("cache-dir-loop", ("check",), 0, files={"../outside/loop": Link("{outside}/loop")}, env={"CDSPLAN_CACHE_DIR": "{outside}/loop"}, why="CDSPLAN_CACHE_DIR a symlink loop"),
    Case("cache-dir-nul", ("check",), 0, env={"CDSPLAN_CACHE_DIR": "{case}/ca\tche\x1b[2J"}, writes=("ca*",), why="CDSPLAN_CACHE_DIR with control characters"),
    # ------------------------------------------------------------------ render -o (2)
    Case("render-o-device", ("render", "mini-2023", "-o", "out.md"), 2, {"out.md": Device()}, root_only=True, why="-o a character device (a copy of /dev/null) is refused, not replaced"),
    Case("render-o-symlink", ("render", "mini-2023", "-o", "out.md"), 0, {"out.md": Link("{outside}/target.md"), "../outside/target.md": "old\n"}, writes=("outside/target.md",), why="-o a symlink: written through, the link kept"),
    Case("render-o-fifo", ("render", "mini-2023", "-o", "out.md"), 2, {"out.md": Fifo()}, why="-o a FIFO"),
    Case("render-o-folder", ("render", "mini-2023", "-o", "plans"), 2, why="-o a folder"),
    Case("render-o-read-only", ("render", "mini-2023", "-o", "out.md"), 2, {"out.md": Mode("keep\n", 0o444)}, why="-o a read-only file"),
    Case("render-o-dev-full", ("render", "mini-2023", "-o", "/dev/full"), 2, why="-o /dev/full"),
    Case("render-o-long-name", ("render", "mini-2023", "-o", "é" * 200 + ".md"), 2, why="-o a name of 400 bytes"),
    Case("render-o-under-a-file", ("render", "mini-2023", "-o", "pyproject.toml/x.md"), 2, why="-o below a file"),
    Case("render-o-dangling", ("render", "mini-2023", "-o", "out.md"), 2, {"out.md": Link("{outside}/no/such/x.md")}, why="-o a symlink into a missing folder"),
    Case("render-docx-o-device", ("render", "mini-2023", "-f", "docx", "-o", "out.docx"), 2, {"out.docx": Device()}, root_only=True, why="DOCX -o a device"),
    # ------------------------------------------------------------------ special files in plans/ (3)
    *[
        Case(f"fifo-plan-{argv[0]}", argv, codes, {"plans/2023/x.yaml": Fifo()}, prepare=prep, writes=("project/progress",), why="a FIFO named x.yaml among the plans")
        for argv, codes, prep in (
            (("check",), 2, None),
            (DUE, (0, 1), None),
            (TASKS, (0, 1), None),
            (RECORD, 0, None),
            (("render", "mini-2023"), 0, None),
            (("diff", "HEAD"), (0, 1, 2), committed()),
        )
    ],
    Case("devzero-plan", ("check",), 2, {"plans/2023/z.yaml": Link("/dev/zero")}, why="a plan that is a symlink to /dev/zero"),
    Case("devzero-plan-argument", ("check", "/dev/zero"), 2, why="/dev/zero named on the command line"),
    Case("proc-plan", ("check", "/proc/self/environ"), 1, why="a /proc file (its size reads 0) named on the command line"),
    Case("sparse-plan", DUE, (0, 1), {"plans/2023/big.yaml": Sparse(4 << 30, b"schema: cdsplan/v1\n")}, why="a 4 GB sparse plan"),
    Case("symlink-outside", ("check",), 2, {"plans/2023/s.yaml": Link("{outside}/secret.yaml")}, why="a plan symlinked outside the project"),
    Case("symlink-loop", ("check",), 2, {"plans/2023/l.yaml": Link("l.yaml")}, why="a plan that is a symlink to itself"),
    Case("symlink-dangling", ("check",), 2, {"plans/2023/d.yaml": Link("nowhere.yaml")}, why="a dangling symlink"),
    Case("folder-named-yaml", ("check",), 2, {"plans/2023/f.yaml": Folder()}, why="a folder named f.yaml"),
    Case("socket-plan", ("check",), 2, prepare=socket_at("plans/2023/s.yaml"), why="a Unix socket named s.yaml"),
    Case("registry-fifo", DUE, 0, {"plans/agencies.yaml": Fifo()}, why="agencies.yaml is a FIFO"),
    Case("registry-a-list", ("check",), 1, {"plans/agencies.yaml": "- bo-yt\n- bo-tttt\n"}, why="the registry is a list"),
    Case("plans-a-symlink-outside", ("check",), (1, 2), {"plans": None}, prepare=lambda p: os.symlink(p.parent / "outside", p / "plans"), why="plans/ itself a symlink outside"),
    Case("plans-a-file", ("check",), 2, {"plans": None}, prepare=lambda p: (p / "plans").write_text("x"), why="plans is a file"),
    Case("plans-a-fifo", ("check",), 2, {"plans": None}, prepare=lambda p: os.mkfifo(p / "plans"), why="plans is a FIFO"),
    Case("plans-unreadable", ("check",), 2, prepare=unreadable("plans/2023"), as_user=True, why="a plans folder that cannot be read (permission bits hold, even for root)"),
    Case("plan-unreadable", ("check",), 2, prepare=unreadable("plans/2023/mini.yaml", 0o200), as_user=True, why="a plan file without read permission"),
    Case("status-read-only-as-user", RECORD, 2, {"progress/2023/bo-yt.yaml": Mode(progress(record(on="2023-02-01")), 0o444)}, as_user=True, why="status on a read-only progress file, as a user"),
    Case("render-o-unwritable-folder", ("render", "mini-2023", "-o", "ro/out.md"), 2, {"ro/keep.txt": "x\n"}, prepare=unreadable("ro", 0o555), as_user=True, why="-o into a folder without write permission"),
    Case("cache-dir-unwritable", DUE, 0, {"../outside/ro/keep.txt": "x\n"}, prepare=lambda p: os.chmod(p.parent / "outside" / "ro", 0o555), env={"CDSPLAN_CACHE_DIR": "{outside}/ro"}, as_user=True, why="a cache folder that cannot be written: no cache, no error"),
    Case("progress-fifo", ("check",), 2, {"progress/2023/bo-yt.yaml": Fifo()}, why="a FIFO among the progress files"),
    Case("pyproject-fifo", ("check", "plans"), (0, 1), {"pyproject.toml": Fifo()}, why="pyproject.toml is a FIFO"),
    Case("pyproject-devzero", ("check", "plans"), (0, 1, 2), {"pyproject.toml": Link("/dev/zero")}, why="pyproject.toml a symlink to /dev/zero"),
    Case("pyproject-sparse", ("check", "plans"), 2, {"pyproject.toml": Sparse(2 << 30, b"[tool.cdsplan]\n")}, why="a 2 GB sparse pyproject.toml"),
    Case("template-fifo", ("render", "mini-2023", "-t", "templates/t.md.j2"), 2, {TEMPLATE: Fifo()}, why="a template that is a FIFO"),
    Case("template-devzero", ("render", "mini-2023", "-t", "templates/t.md.j2"), 2, {TEMPLATE: Link("/dev/zero")}, why="a template that is /dev/zero"),
    Case("template-huge", ("render", "mini-2023", "-t", "templates/t.md.j2"), 2, {TEMPLATE: Sparse(1 << 30)}, why="a 1 GB template"),
    # ------------------------------------------------------------------ small plans that eat time and memory (4)
    Case("when-repeated-12k", ("check",), 1, {"plans/2023/w.yaml": plan(tasks=task(when=", ".join(["hằng tháng"] * 1100)))}, why="a 12 KB `when` repeating a recurring text"),
    Case("when-repeated-5-tasks-due", DUE, (0, 1), {"plans/2023/w.yaml": plan(tasks=_lines(5, lambda n: task(f"I.{n}", when=", ".join(["hằng tuần"] * 1000))))}, why="five such tasks (the 148 MB cache entry)"),
    Case("issuer-40-words", ("render", "mini-2023"), 0, {"plans/agencies.yaml": registry_of(0).replace("name: Bộ Y tế", "name: " + " ".join(["Bộ"] * 40)).replace("name: Bộ Thông tin và Truyền thông", "name: " + " ".join(["Thông"] * 40))}, why="an issuer name of 40 words"),
    Case("monthly-2023-2100", DUE, (0, 1), {"plans/2023/m.yaml": plan(year="period: 2023-2100", tasks=task(when="hằng tháng"))}, why="a monthly task over 2023-2100"),
    Case("weekly-50-years", TASKS, (0, 1), {"plans/2023/m.yaml": plan(year="period: 2023-2072", tasks=task(when="hằng tuần"))}, why="a weekly task over 50 years"),
    Case("occurrences-per-plan", TASKS, (0, 1), {"plans/2023/m.yaml": plan(year="period: 2023-2030", tasks=_lines(40, lambda n: task(f"I.{n}", when="hằng tuần")))}, why="40 weekly tasks over 8 years: over 10,000 occurrences in one plan"),
    Case("occurrences-many-plans", DUE, (0, 1), prepare=many_plans(40, 50, "hằng tháng"), why="2,000 monthly tasks in 40 plans (24,000 occurrences)"),
    Case("many-small-plans", ("check",), (0, 1), prepare=many_plans(1500, 1), why="1,500 plan files"),
    Case("tasks-10000", TASKS, (0, 1), {"plans/2023/t.yaml": plan(tasks=_lines(10_000, lambda n: task(f"I.{n}")))}, why="a plan of 10,000 tasks"),
    Case("registry-20000", ("due", "--agency", "khong-co-co-quan-nay", "--as-of", "2023-10-01"), (1, 2), {"plans/agencies.yaml": registry_of(20_000)}, why="a registry of 20,000 agencies and an --agency that matches none"),
    Case("registry-include-units", ("due", "--agency", "bo-yt", "--include-units", "--as-of", "2023-10-01"), (0, 1), {"plans/agencies.yaml": registry_of(20_000)}, why="--include-units over 20,000 units"),
    Case("group-20000-monthly", ("due", "--as-of", "2026-01-01"), (0, 1), {"plans/agencies.yaml": registry_of(20_000) + "  - id: cac-don-vi\n    name: Các đơn vị\n    kind: group\n    covers: [unit]\n    parent: bo-yt\n", "plans/2023/g.yaml": plan("g-2023", year="period: 2023-2027", tasks=task(lead="cac-don-vi", when="hằng tháng"))}, why="one monthly task given to a group of 20,000 units over 5 years: 1.2 million holder-occurrences"),
    Case("title-500k", TASKS, (0, 1), {"plans/2023/t.yaml": plan(tasks=task(title=BIG_TITLE))}, why="a 500 KB single-line title in the tasks table"),
    Case("title-500k-due", DUE, (0, 1), {"plans/2023/t.yaml": plan(tasks=task(title=BIG_TITLE, when="trong tháng 9/2023"))}, why="a 500 KB title in due"),
    Case("title-500k-render", ("render", "x-2023"), (0, 1), {"plans/2023/t.yaml": plan(tasks=task(title=BIG_TITLE))}, why="a 500 KB title rendered"),
    Case("title-wide-word", TASKS, (0, 1), {"plans/2023/t.yaml": plan(tasks=task(title=WIDE_WORD))}, why="a 200,000-character word (no place to wrap)"),
    Case("title-zalgo", TASKS, (0, 1), {"plans/2023/t.yaml": plan(tasks=task(title=ZALGO))}, why="one letter with 100,000 combining accents"),
    Case("progress-100k-records", ("check",), (0, 1), {"progress/2023/bo-yt.yaml": progress(_lines(100_000, lambda n: "  - {item: mini-2023#I.1, state: done, on: 2023-03-01}\n"))}, why="a progress file of 100,000 tiny records"),
    # ------------------------------------------------------------------ templates (5)
    template_case("tpl-nested-loops", "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}", why="nested loops (hung the Markdown render)"),
    Case("tpl-nested-loops-docx", ("render", "mini-2023", "-t", "templates/t.docx"), 1, {"templates/t.docx": docx_with("{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}"), "pyproject.toml": FAST}, why="nested loops in a DOCX template"),
    template_case("tpl-x-times-1e9", "{{ 'x' * 10**9 }}", why="{{ 'x' * 10**9 }}"),
    template_case("tpl-include-beside", "{% include 'secret.txt' %}", why="include a file beside the template", err="include"),
    template_case("tpl-import", "{% import 'secret.txt' as s %}", why="import a file"),
    template_case("tpl-extends", "{% extends '/etc/passwd' %}", why="extends a system file"),
    template_case("tpl-range-1e12", "{% for i in range(10**12) %}{% endfor %}", why="range(10**12)"),
    template_case("tpl-class-mro", "{{ ''.__class__.__mro__[1].__subclasses__() }}", why="attribute access to __class__"),
    template_case("tpl-globals", "{{ cycler.__init__.__globals__.os.system('id') }}", why="a function's __globals__"),
    template_case("tpl-format-attr", "{{ '{0.__class__.__base__.__subclasses__}'.format(1) }}", why="str.format reaching internals"),
    template_case("tpl-recursive-macro", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", why="a macro that calls itself forever"),
    template_case("tpl-tilde-doubling", "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}", why="`~` doubling a string 40 times in a {% set %} loop"),
    template_case("tpl-plus-doubling", "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}", why="`+` doubling a string"),
    template_case("tpl-list-extend", "{% set x = [1] %}{% for i in range(40) %}{{ x.extend(x) or '' }}{% endfor %}{{ x|length }}", why="list.extend doubling a list"),
    template_case("tpl-append-loop", "{% set x = [] %}{% for i in range(100000) %}{% for j in range(100000) %}{{ x.append(j) or '' }}{% endfor %}{% endfor %}", why="appending 10**10 items"),
    template_case("tpl-center", "{{ 'x'|center(10**9) }}", why="'x'|center(10**9)"),
    template_case("tpl-ljust", "{{ 'x'.ljust(10**9) }}", why="str.ljust(10**9)"),
    template_case("tpl-format-width", "{{ '%*d'|format(10**9, 1) }}", why="'%*d'|format(10**9, 1)"),
    template_case("tpl-str-format-width", "{{ '{:>1000000000}'.format('x') }}", why="'{:>1000000000}'.format('x')"),
    template_case("tpl-indent", "{{ ('x\\n' * 1000)|indent(10**7) }}", why="indent by ten million"),
    template_case("tpl-replace", "{{ ('x' * 4000000)|replace('x', 'yyyyyyyyyy') }}", (0, 1), why="replace amplifying a 4 MB value to 40 MB (under the output's limit)"),
    template_case("tpl-join-amplify", "{{ (range(100000)|list)|join('y' * 4000000) }}", why="join with a 4 MB separator"),
    template_case("tpl-lipsum", "{{ lipsum(n=100000, html=False) }}", why="lipsum of 100,000 paragraphs"),
    template_case("tpl-mul-by-bignum", "{{ 'x' * (2 ** 4000) }}", why="a string times 2**4000"),
    template_case("tpl-pow-float", "{{ 10.0 ** 4096 }}", why="a float power that overflows"),
    template_case("tpl-int-of-huge", "{{ ('9' * 4000000)|int }}", 0, why="int() of four million digits (Python refuses, the filter gives 0)"),
    template_case("tpl-wordwrap", "{{ ('x ' * 2000000)|wordwrap(1) }}", why="wordwrap of two million words"),
    template_case("tpl-syntax-error", "{% for %}", why="a template syntax error"),
    template_case("tpl-undefined", "{{ nothing.here }}", why="an undefined name"),
    template_case("tpl-not-utf8", "{{ 'caf\xe9' }}".encode("latin-1"), 2, why="a template in Latin-1"),  # type: ignore[arg-type]
    template_case("tpl-escape-output", "{{ '" + "\\x1b]0;pwned\\x07" + "' }}", 0, why="a template writing escape sequences to a pipe", fast=False),
    Case("tpl-docx-not-zip", ("render", "mini-2023", "-t", "templates/t.docx"), 2, {"templates/t.docx": b"not a zip\n"}, why="a .docx template that is not a zip"),
    Case("tpl-docx-zip-bomb", ("render", "mini-2023", "-t", "bomb.docx"), 2, prepare=docx_bomb_file, why="a .docx whose document.xml inflates to 600 MB"),
    Case("tpl-docx-class", ("render", "mini-2023", "-t", "templates/t.docx"), 1, {"templates/t.docx": docx_with("{{ ''.__class__.__mro__ }}")}, why="internals from a DOCX template"),
    # ------------------------------------------------------------------ one bad plan stops nothing (6)
    *[
        Case(f"{name}-{argv[0]}", argv, codes, {"plans/2023/bad.yaml": text}, out=out, why=f"{why} in one plan: the others still answer")
        for name, text, why in (
            ("year-0", plan(year="year: 0"), "year: 0"),
            ("year-99999", plan(year="year: 99999"), "year: 99999"),
            ("period-1000-years", plan(year="period: 2023-3022"), "period: 2023-3022"),
            ("brackets-490", "schema: cdsplan/v1\nid: deep\nnotes: " + "[" * 490 + "]" * 490 + "\n", "490 nested ["),
        )
        for argv, codes, out in (
            (("check",), 1, r"bad\.yaml"),
            (DUE, (0, 1), r"mini-2023#I\.2"),
            (TASKS, (0, 1), r"mini-2023#I\.1"),
            (("status", "mini-2023#I.1", "done", "--on", "2023-03-01", "--dry-run"), (0, 1), None),
        )
    ],
    Case("brackets-100000", ("check",), 1, {"plans/2023/bad.yaml": "notes: " + "[" * 100_000 + "]" * 100_000 + "\n"}, why="100,000 nested ["),
    Case("braces-100000", DUE, (0, 1), {"plans/2023/bad.yaml": "notes: " + "{a: " * 50_000 + "}" * 50_000 + "\n"}, why="50,000 nested {"),
    Case("block-nesting-2000", ("check",), 1, {"plans/2023/bad.yaml": nested_block(2000)}, why="2,000 levels of block mappings"),
    Case("list-nesting-2000", ("check",), 1, {"plans/2023/bad.yaml": "schema: cdsplan/v1\nnotes:\n" + "".join(" " * n + "-\n" for n in range(1, 2000)) + " " * 2000 + "- x\n"}, why="2,000 levels of block lists"),
    Case("billion-laughs", ("check",), 1, {"plans/2023/bad.yaml": "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(9))}, why="billion laughs (aliases of aliases)"),
    Case("merge-key", ("check",), 1, {"plans/2023/bad.yaml": "base: &b {lead: bo-yt}\nother:\n  <<: *b\n"}, why="a YAML merge key"),
    Case("python-tag", ("check",), 1, {"plans/2023/bad.yaml": "schema: !!python/object/apply:os.system ['touch {outside}/PWNED']\n"}, why="!!python/object/apply (PyYAML's unsafe load)"),
    Case("huge-key", ("check",), 1, {"plans/2023/bad.yaml": '? "' + "k" * 2_000_000 + '"\n: v\n'}, why="a 2 MB key"),
    Case("keys-100000", ("check",), 1, {"plans/2023/bad.yaml": "schema: cdsplan/v1\nnotes:\n" + _lines(100_000, lambda n: f"  k{n}: {n}\n")}, why="a mapping of 100,000 keys"),
    Case("long-line-5mb", ("check",), 1, {"plans/2023/bad.yaml": "schema: cdsplan/v1\nnotes: " + "y" * 5_000_000 + "\n"}, why="a 5 MB line"),
    Case("nul-bytes", ("check",), 1, {"plans/2023/bad.yaml": b"schema: cdsplan/v1\nid: a\x00b\n"}, out=r"bad\.yaml:2:6: error: [^\n]*U\+0000[^\n]*\n", why="NUL bytes in a plan: reported at the byte, on one line"),
    Case("utf16-le", ("check",), 1, {"plans/2023/bad.yaml": "\ufeff" + plan()}, why="a UTF-16 plan (written below as UTF-16-LE)"),
    Case("utf8-bom", ("check",), 0, {"plans/2023/bom.yaml": b"\xef\xbb\xbf" + plan().encode()}, why="a UTF-8 plan with a BOM"),
    Case("cr-only", ("check",), (0, 1), {"plans/2023/cr.yaml": plan().replace("\n", "\r")}, why="CR-only line ends"),
    Case("cr-only-position", ("check",), 1, {"plans/2023/cr.yaml": plan(tasks=task(lead="khong-co")).replace("\n", "\r")}, out=r"cr\.yaml:12:", why="CR-only line ends: the problem at its line"),
    Case("crlf", ("check",), 0, {"plans/2023/crlf.yaml": plan().replace("\n", "\r\n")}, why="CRLF line ends"),
    Case("u2028-position", ("check",), 1, {"plans/2023/ls.yaml": plan(title='"Kế\u2028hoạch\u2029thử\x85"', tasks=task(lead="khong-co"))}, out=r"ls\.yaml:12:", why="U+2028, U+2029 and NEL in a quoted title, a problem below it"),
    Case("u2028-unquoted", ("check",), 1, {"plans/2023/ls.yaml": plan(title="Kế\u2028hoạch thử")}, out=r"ls\.yaml:3:\d+: .*U\+2028", why="U+2028 in a plain title: YAML 1.1 breaks the line there, invisibly"),
    Case("u2029-hidden-key", ("check",), 1, {"plans/2023/ls.yaml": plan(title="Kế hoạch thử\u2029notes: một khóa không ai thấy")}, out=r"ls\.yaml:3:\d+: .*U\+2029", why="U+2029 in a plain title hides a key that editors show on the same line"),
    Case("duplicate-plan-ids", ("check",), 1, {"plans/2023/a.yaml": plan("dup-2023"), "plans/2023/b.yaml": plan("dup-2023")}, why="two plans with one id"),
    Case("zero-width-ids", ("check",), 1, {"plans/2023/z.yaml": plan(tasks=task("I.1") + task("I.\u200b1"))}, why="task ids that differ by a zero-width space"),
    Case("homoglyph-ids", ("check",), 1, {"plans/2023/z.yaml": plan(tasks=task("I.1") + task("\u0406.1"))}, why="task ids I.1 and І.1 (Cyrillic І): two tasks that look one"),
    Case("render-target-long", ("render", "a" * 300), 2, why="render of a 300-character target (a plan id has no length limit)"),
    Case("bidi-in-id", ("check",), 1, {"plans/2023/z.yaml": plan(tasks=task("I.\u202e1"))}, why="a right-to-left override in an id"),
    Case("alias-on-scalar", ("check",), 1, {"plans/2023/a.yaml": plan(title="&t Kế hoạch", tasks=task(title="*t"))}, why="an anchor and alias on scalars"),
    Case("tag-on-list", ("check",), 1, {"plans/2023/a.yaml": plan().replace("sections:\n", "sections: !!seq\n")}, why="a tag on a list"),
    Case("tag-on-mapping", ("check",), 1, {"plans/2023/a.yaml": plan(tasks="      - !!map\n        id: I.1\n        title: t\n        lead: bo-yt\n        when: 2023\n")}, why="a tag on a mapping"),
    Case("multi-document", ("check",), 1, {"plans/2023/a.yaml": plan() + "---\n" + plan("y-2023")}, why="two YAML documents in one file"),
    Case("empty-file", ("check",), 1, {"plans/2023/a.yaml": ""}, why="an empty plan"),
    Case("comments-only", ("check",), 1, {"plans/2023/a.yaml": "# nothing\n   \n"}, why="only comments"),
    Case("digits-19", ("check",), 1, {"plans/2023/a.yaml": plan(year="year: 2023000000000000000")}, why="a 19-digit year"),
    Case("year-float-inf", ("check",), 1, {"plans/2023/a.yaml": plan(year="year: 1e400")}, why="year: 1e400 (inf)"),
    Case("year-nan", ("check",), 1, {"plans/2023/a.yaml": plan(year="year: .nan")}, why="year: .nan"),
    Case("year-true", ("check",), 1, {"plans/2023/a.yaml": plan(year="year: true")}, why="year: true"),
    Case("date-impossible", ("check",), 1, {"plans/2023/a.yaml": plan(tasks=task(when="2023-02-30"))}, why="when: 2023-02-30"),
    Case("date-year-0001", ("check",), 1, {"plans/2023/a.yaml": plan(tasks=task(when="0001-01-01"))}, why="when: 0001-01-01"),
    Case("when-9999-12-31", ("check",), 1, {"plans/2023/a.yaml": plan(tasks=task(when="9999-12-31"))}, out=r"a\.yaml:\d+:\d+: error", why="when: 9999-12-31"),
    Case("when-a-mapping", ("check",), 1, {"plans/2023/a.yaml": plan(tasks=task(when="{a: 1}"))}, out=r"a\.yaml:\d+:\d+: error", why="when: {a: 1}"),
    Case("when-window-backwards", ("check",), 1, {"plans/2023/a.yaml": plan(tasks=task(when="{start: 2023-12-01, deadline: 2023-01-01}"))}, why="a window that ends before it starts"),
    Case("when-a-list", ("check",), 1, {"plans/2023/a.yaml": plan(tasks=task(when="[1, 2]"))}, why="when: a list"),
    Case("when-brackets-deep", ("check",), 1, {"plans/2023/a.yaml": plan(tasks=task(when=quoted("(" * 200 + "2023" + ")" * 200)))}, why="200 nested brackets in a when"),
    Case("amends-loop", DUE, (0, 1), {"plans/2023/a.yaml": plan("a-2023", head="amends: {decision: 1/QĐ, date: 2023-01-01, title: t, plan: b-2023, replaces_tasks: true}\n"), "plans/2023/b.yaml": plan("b-2023", head="amends: {decision: 1/QĐ, date: 2023-01-01, title: t, plan: a-2023, replaces_tasks: true}\n")}, why="two plans that amend each other"),
    Case("amends-itself", TASKS, (0, 1), {"plans/2023/a.yaml": plan("a-2023", head="amends: {decision: 1/QĐ, date: 2023-01-01, title: t, plan: a-2023, replaces_tasks: true}\n")}, why="a plan that amends itself"),
    Case("succession-loop", DUE, (0, 1), {"plans/agencies.yaml": registry_of(0).replace("    kind: ministry\n  - id: bo-yt", "    kind: ministry\n    succeeded_by: bo-yt\n  - id: bo-yt").replace("    short: [BYT]\n", "    short: [BYT]\n    succeeded_by: bo-khcn\n")}, why="agencies that succeed each other"),
    Case("parent-loop", ("due", "--agency", "bo-yt", "--include-units", "--as-of", "2023-10-01"), (0, 1), {"plans/agencies.yaml": registry_of(0).replace("    short: [BYT]\n", "    short: [BYT]\n    parent: bo-khcn\n").replace("    short: [Bộ KH&CN, BKHCN]\n", "    short: [Bộ KH&CN, BKHCN]\n    parent: bo-yt\n")}, why="two agencies each the other's parent"),
    Case("parent-loop-check", ("check",), 1, {"plans/agencies.yaml": registry_of(0).replace("    short: [BYT]\n", "    short: [BYT]\n    parent: bo-khcn\n").replace("    short: [Bộ KH&CN, BKHCN]\n", "    short: [Bộ KH&CN, BKHCN]\n    parent: bo-yt\n")}, out=r"plans/agencies\.yaml:12:13: error: the agencies' parents go round in a loop: bo-khcn → bo-yt → bo-khcn \[parent-loop\]", why="check names the loop of two agencies each the other's parent, at its `parent:`"),
    # ------------------------------------------------------------------ locale and terminal (7)
    Case("lc-all-c-when", ("when", "trước ngày 15/9/2024"), 0, env={"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}, why="`when` under LC_ALL=C with UTF-8 mode off"),
    Case("lc-all-c-agency", ("due", "--agency", "Bộ Y tế", "--month", "3", "--year", "2023", "--as-of", "2023-03-01"), 0, env={"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}, out="Y t", why="--agency 'Bộ Y tế' under LC_ALL=C"),
    Case("ascii-stdout", TASKS, (0, 1), env={"PYTHONIOENCODING": "ascii"}, why="an ASCII-only standard output"),
    Case("agency-nfd", ("due", "--agency", "Bo\u0302\u0323 Y te\u0302\u0301", "--month", "3", "--year", "2023", "--as-of", "2023-03-01"), 0, out="I\\.1", why="--agency in decomposed Unicode (NFD)"),
    Case("note-not-utf8", ("check",), 1, {"progress/2023/bo-yt.yaml": progress(record(extra="    note: caf")).encode() + b"\xe9\n"}, why="a note with a Latin-1 byte"),
    *[
        Case(f"escapes-tty-{argv[0]}", argv, codes, {"plans/2023/e.yaml": plan("e-2023", title=quoted("T" + ESCAPES), tasks=task(title=quoted("V" + ESCAPES), when="trong tháng 9/2023", lead=quoted("bo-yt" + ESCAPES) if argv[0] == "check" else "bo-yt"))}, tty=True, prepare=prep, why="escape sequences in plan text shown on a terminal")
        for argv, codes, prep in (
            (("check",), 1, None),
            (DUE, (0, 1), None),
            (TASKS, (0, 1), None),
            (("status", "e-2023#I.1", "done", "--on", "2023-09-02", "--dry-run"), (0, 1), None),
            (("render", "e-2023"), 0, None),
            (("diff", "HEAD"), (0, 1), committed("git rm -q plans/2023/e.yaml")),
        )
    ],
    Case("escapes-in-file-name", ("check",), (1, 2), {"plans/2023/\x1b]0;pwned\x07.yaml": "x: [\n"}, tty=True, why="a file name holding escape sequences, on a terminal"),
    Case("newline-in-file-name", ("check",), 1, {"plans/2023/a\nb.yaml": "x: [\n"}, why="a file name holding a newline (check's lines must stay one per problem)"),
    Case("bad-utf8-file-name", ("check",), 1, prepare=lambda p: (p / "plans" / "2023" / os.fsdecode(b"\xff\xfe.yaml")).write_text("x: [\n"), before=(("check",),), why="a file name that is not UTF-8 (run twice: cold and warm)"),
    Case("option-newline-escapes", ("due", "--as-of", "2023-01-01\n\x1b[2J\x1b]0;x\x07"), 2, why="an option value with a newline and escape sequences"),
    Case("agency-newline-escapes", ("due", "--agency", "bo\n\x1b[2J", "--as-of", "2023-10-01"), (1, 2), why="--agency with a newline and escape sequences"),
    Case("agency-100k", ("due", "--agency", "Bộ Y tế " * 9_000, "--as-of", "2023-10-01"), (1, 2), why="--agency of 100 KB"),
    Case("plan-option-100k", ("due", "--plan", "x" * 100_000, "--as-of", "2023-10-01"), (0, 1, 2), why="--plan of 100 KB"),
    Case("columns-absurd", TASKS, (0, 1), env={"COLUMNS": "99999999999999999999999"}, why="COLUMNS=10**23"),
    Case("columns-negative", TASKS, (0, 1), env={"COLUMNS": "-5", "LINES": "x"}, why="COLUMNS=-5"),
    Case("term-dumb-tty", DUE, (0, 1), env={"TERM": "dumb"}, tty=True, why="TERM=dumb on a terminal"),
    Case("lang-unknown", ("check",), 0, env={"LANG": "xx_YY.UTF-8", "LANGUAGE": "zz", "LC_ALL": "xx_YY.UTF-8"}, why="a locale that does not exist"),
    # ------------------------------------------------------------------ accepted though wrong (8)
    Case("before-inclusive-string", ("check",), 2, {"pyproject.toml": '[tool.cdsplan]\nbefore_inclusive = "false"\n'}, why='before_inclusive = "false"'),
    Case("due-year-0", ("due", "--month", "1", "--year", "0"), 2, why="due --month 1 --year 0"),
    Case("diff-typo-path", ("diff", "HEAD", "HEAD", "plans/typo"), 2, prepare=committed(), why="diff REV_A REV_B plans/typo"),
    Case("diff-option-injection", ("diff", "--", "--output={outside}/pwned", "HEAD"), 2, prepare=committed(), why="a revision that is a git option"),
    Case("diff-symlink-in-revision", ("diff", "HEAD~1", "HEAD"), (0, 1), prepare=committed("ln -s /etc/passwd plans/2023/evil.yaml", "git add -A", "git commit -qm two"), not_out="root:", why="a revision holding a plan that is a symlink to /etc/passwd"),
    Case("diff-huge-blob", ("diff", "HEAD~1", "HEAD"), 2, prepare=committed("head -c 200000000 /dev/zero | tr '\\0' 'x' > plans/2023/big.yaml", "git add -A", "git commit -qm two"), why="a revision holding a 200 MB plan"),
    Case("diff-submodule", ("diff", "HEAD"), (0, 1), prepare=committed("git update-index --add --cacheinfo 160000,1111111111111111111111111111111111111111,plans/sub.yaml", "git commit -qm sub"), why="a gitlink (submodule) named like a plan"),
    Case("diff-not-a-repo", ("diff", "HEAD"), 2, why="diff outside git"),
    Case("diff-bad-revision", ("diff", "no-such-rev\n\x1b[2J"), 2, prepare=committed(), why="a revision with a newline and escapes"),
    # ------------------------------------------------------------------ edges (9)
    Case("year-minus-1", ("due", "--month", "1", "--year", "-1"), 2, why="--year -1"),
    Case("year-99999", ("due", "--month", "1", "--year", "99999"), 2, why="--year 99999"),
    Case("year-bignum", ("due", "--month", "1", "--year", "9" * 5000), 2, why="--year of 5,000 digits"),
    Case("as-of-9999", ("due", "--as-of", "9999-12-31"), 2, why="--as-of 9999-12-31"),
    Case("as-of-garbage", (*TASKS[:1], "--as-of", "31/02/2023"), 2, why="--as-of 31/02/2023"),
    Case("when-years-backwards", ("when", "x", "--year", "3000-2000"), 2, why="when x --year 3000-2000"),
    Case("when-year-bignum", ("when", "2024", "--year", "9" * 5000), 2, why="when --year of 5,000 digits"),
    Case("when-signed-bad", ("when", "trong vòng 15 ngày kể từ ngày ký", "--signed", "0000-00-00"), 2, why="when --signed 0000-00-00"),
    Case("when-10000-chars", ("when", "trước ngày 15/9/2024 " * 500), (1, 2), why="a when of 10,000 characters"),
    Case("when-10000-items", ("when", ", ".join(f"T{n % 12 + 1}/2024" for n in range(10_000))), (1, 2), why="a when of 10,000 items"),
    Case("when-controls", ("when", "trước\x01 ngày\x1b[2J 15/9/2024\u202e"), (1, 2), why="a when with control characters and escapes (a NUL cannot be passed in argv)"),
    Case("when-empty", ("when", ""), (1, 2), why="an empty when"),
    Case("path-component-300", ("check", "plans/" + "é" * 150 + ".yaml"), 2, why="a path component over 255 bytes"),
    Case("paths-10000", ("check", *[f"nope{n}.yaml" for n in range(10_000)]), 2, why="10,000 missing paths"),
    Case("stdout-closed-check", ("check",), (0, 1, 2), shell='exec "$@" >&-', why="cdsplan check >&-"),
    Case("stdout-closed-tasks", TASKS, (0, 1, 2), shell='exec "$@" >&-', why="cdsplan tasks >&-"),
    Case("stdout-full-due", DUE, (0, 1, 2), shell='exec "$@" >/dev/full', why="cdsplan due >/dev/full"),
    Case("stdout-full-render", ("render", "mini-2023"), (0, 1, 2), shell='exec "$@" >/dev/full', why="cdsplan render >/dev/full"),
    Case("stderr-closed", ("check", "nope.yaml"), 2, shell='exec "$@" 2>&-', why="standard error closed"),
    Case("broken-pipe", TASKS, (0, 1, 141), shell='"$@" | head -c 1 >/dev/null; exit ${PIPESTATUS[0]}', why="a reader that goes away (| head -c 1)"),
    Case("deleted-cwd", ("check",), 2, shell='mkdir gone && cd gone && rmdir ../gone && exec "$@"', why="run from a folder that was deleted"),
    Case("max-file-mb-nan", ("check",), 2, {"pyproject.toml": "[tool.cdsplan]\nmax_file_mb = nan\n"}, why="max_file_mb = nan"),
    Case("max-file-mb-inf", ("check",), 2, {"pyproject.toml": "[tool.cdsplan]\nmax_file_mb = inf\n"}, why="max_file_mb = inf"),
    Case("template-seconds-zero", ("render", "mini-2023"), 2, {"pyproject.toml": "[tool.cdsplan]\ntemplate_seconds = 0\n"}, why="template_seconds = 0"),
    Case("pyproject-invalid-toml", ("check",), 2, {"pyproject.toml": "[tool.cdsplan\nplans = \n"}, why="a pyproject.toml that is not TOML"),
    Case("pyproject-table-string", ("check",), 2, {"pyproject.toml": 'tool.cdsplan = "plans"\n'}, why="[tool.cdsplan] a string"),
    Case("pyproject-tool-string", ("check",), 2, {"pyproject.toml": 'tool = "cdsplan"\n'}, why="`tool` itself a string"),
    Case("pyproject-not-utf8", ("check",), 2, {"pyproject.toml": b"[tool.cdsplan]\n# caf\xe9\n"}, why="a pyproject.toml in Latin-1"),
    Case("pyproject-plans-nul", ("check",), 2, {"pyproject.toml": '[tool.cdsplan]\nplans = "pl\\u0000ans"\n'}, why="plans = a name with a NUL"),
    Case("pyproject-plans-long", ("check",), 2, {"pyproject.toml": '[tool.cdsplan]\nplans = "' + "p" * 300 + '"\n'}, why="plans = a name of 300 bytes"),
    Case("pyproject-lang-bad", ("check",), 2, {"pyproject.toml": '[tool.cdsplan]\nlang = "xx"\n'}, why="lang = an unknown language"),
    Case("pyproject-deep-toml", ("check",), 2, {"pyproject.toml": "x = " + "[" * 10_000 + "]" * 10_000 + "\n"}, why="a TOML array nested 10,000 deep"),
    # ------------------------------------------------------------------ status, progress and sheets
    Case("status-read-only-foreign", RECORD, 2, prepare=read_only_foreign, root_only=True, why="status on a read-only file of another owner in a folder nobody may write"),
    Case("status-symlink-outside", RECORD, 2, {"progress/2023/bo-yt.yaml": Link("{outside}/note.txt")}, why="a progress file that is a symlink outside"),
    Case("status-folder-symlink-outside", RECORD, 2, {"progress/2023": Link("{outside}")}, why="a progress year folder that is a symlink outside the project"),
    Case("status-dangling-symlink", RECORD, 2, {"progress/2023/bo-yt.yaml": Link("{outside}/new.yaml")}, why="a progress file that is a dangling symlink leading outside"),
    Case("status-progress-a-file", RECORD, 2, {"progress": "not a folder\n"}, why="progress is a file"),
    Case("status-note-injection", (*RECORD, "--note", "x\n  - item: mini-2023#I.2\n    state: done\n" + ESCAPES + ' # "\''), 0, writes=("project/progress",), shell='"$@" && "$1" -m cdsplan check --strict progress', why="a note that tries to write a second record (and escapes)"),
    Case("status-note-100k", (*RECORD, "--note", "n" * 100_000), (0, 1, 2), writes=("project/progress",), why="a note of 100 KB"),
    Case("status-evidence-yaml", (*RECORD, "--evidence", "- a: b\n- &x *x", "--evidence", "!!python/object:os.system"), 0, writes=("project/progress",), shell='"$@" && "$1" -m cdsplan check --strict progress', why="evidence that is YAML syntax"),
    Case("status-flow-progress", RECORD, (0, 1, 2), {"progress/2023/bo-yt.yaml": "schema: cdsplan/v1\nagency: bo-yt\nyear: 2023\nrecords: [{item: mini-2023#I.1, state: planned, on: 2023-01-05}]"}, writes=("project/progress",), shell='"$@"; code=$?; "$1" -m cdsplan check progress >/dev/null || exit 9; exit $code', why="appending to a flow-style list without a final newline"),
    Case("status-crlf-progress", RECORD, (0, 1, 2), {"progress/2023/bo-yt.yaml": progress(record(on="2023-01-05")).replace("\n", "\r\n")}, writes=("project/progress",), shell='"$@"; code=$?; "$1" -m cdsplan check progress >/dev/null || exit 9; exit $code', why="appending to a CRLF progress file"),
    Case("status-comment-last", RECORD, (0, 1, 2), {"progress/2023/bo-yt.yaml": progress(record(on="2023-01-05")) + "# the end\n    # indented comment\n"}, writes=("project/progress",), shell='"$@"; code=$?; "$1" -m cdsplan check progress >/dev/null || exit 9; exit $code', why="appending after trailing comments"),
    Case("status-deep-progress", RECORD, (1, 2), {"progress/2023/bo-yt.yaml": progress(record(on="2023-01-05", extra="    note: " + "[" * 2000 + "]" * 2000 + "\n"))}, writes=("project/progress/2023/.bo-yt.yaml.cdsplan-lock",), why="status appending to a progress file nested past libyaml's depth: one line, naming the file"),
    Case("records-unknown-everything", ("check",), 1, {"progress/2023/bo-yt.yaml": progress(record("khong-co#X.9", "lam-xong", "2023-13-45", "    occurrence: 2999-Q9\n    milestone: 99\n    agency: x\n    values: [{value: nan}]\n") + record("mini-2023#I.1", "done", "2023-03-01", "    milestone: 0\n    occurrence: '\x1b[2J'\n"))}, why="records naming unknown items in every field"),
    Case("record-value-huge", ("check",), 1, {"progress/2023/bo-yt.yaml": progress("  - item: mini-2023#I.1\n    values: [{value: 1e308}, {value: -.inf}]\n    on: 2023-03-01\n")}, why="values 1e308 and -inf"),
    Case("import-not-xlsx", ("status", "--import", "sheet.xlsx"), 1, {"sheet.xlsx": "item,state\nmini-2023#I.1,done\n"}, why="a CSV named .xlsx"),
    Case("import-xlsx-zip-bomb", ("status", "--import", "sheet.xlsx"), 2, prepare=xlsx_bomb, why="an xlsx whose sheet inflates to 600 MB"),
    Case("import-csv-nul", ("status", "--import", "sheet.csv"), (1, 2), {"sheet.csv": b"item,agency,state,on\nmini-2023#I.1,bo-yt,do\x00ne,2023-03-01\n"}, why="a CSV with NULs"),
    Case("import-csv-huge-field", ("status", "--import", "sheet.csv"), (1, 2), {"sheet.csv": "item,agency,state,on,note\nmini-2023#I.1,bo-yt,done,2023-03-01," + "n" * 5_000_000 + "\n"}, why="a CSV field of 5 MB (over csv's field limit)"),
    Case("import-csv-100k-rows", ("status", "--import", "sheet.csv", "--dry-run"), (0, 1, 2), {"sheet.csv": "item,agency,state,on\n" + "mini-2023#I.1,bo-yt,,\n" * 100_000 + "mini-2023#I.1,bo-yt,done,2023-03-01\n"}, why="a CSV of 100,000 empty rows"),
    Case("import-csv-utf16", ("status", "--import", "sheet.csv"), (1, 2), {"sheet.csv": "item,state,on\nmini-2023#I.1,done,2023-03-01\n".encode("utf-16")}, why="a CSV in UTF-16 (as Excel saves 'Unicode text')"),
    Case("import-csv-good", ("status", "--import", "sheet.csv"), 0, {"sheet.csv": "\ufeffitem,agency,state,on,note\r\nmini-2023#I.1,bo-yt,done,2023-03-01," + quoted("a\nb" + ESCAPES) + "\r\n"}, writes=("project/progress",), shell='"$@" && "$1" -m cdsplan check --strict progress', why="a good CSV (BOM, CRLF, a quoted note with a newline and escapes): recorded, and it checks"),
    Case("import-fifo", ("status", "--import", "sheet.csv"), 2, {"sheet.csv": Fifo()}, why="a sheet that is a FIFO"),
    Case("import-devzero", ("status", "--import", "/dev/zero"), 2, why="/dev/zero as the sheet"),
    Case("import-formula", ("status", "--import", "sheet.csv"), (1, 2), {"sheet.csv": 'item,agency,state,on,note\n"=HYPERLINK(""http://x"")",bo-yt,done,2023-03-01,=1+1\n'}, why="a formula in a sheet cell"),
    Case("xlsx-control-character", ("due", "--month", "9", "--year", "2023", "--agency", "bo-yt", "--format", "xlsx", "-o", "out.xlsx"), 0, {"plans/2023/x.yaml": plan(tasks=task(title='"Việc\\x01\\x1b[2J thử"', when="trong tháng 9/2023"))}, writes=("project/out.xlsx",), why="a title holding control characters, in the sheet for an agency (openpyxl refuses them)"),
    Case("xlsx-formula-title", ("due", "--month", "9", "--year", "2023", "--agency", "bo-yt", "--format", "xlsx", "-o", "out.xlsx"), 0, {"plans/2023/x.yaml": plan(tasks=task(title="'=HYPERLINK(\"http://example.invalid\",\"x\")'", when="trong tháng 9/2023"))}, writes=("project/out.xlsx",), shell='"$@" && "$1" -c "import sys, zipfile; sys.exit(b\'<f>\' in zipfile.ZipFile(\'out.xlsx\').read(\'xl/worksheets/sheet1.xml\'))"', why="a title starting with = in the sheet: text, not a formula Excel would run"),
    Case("schema-stdout-closed", ("schema",), 1, shell='exec "$@" >&-', why="schema with standard output closed"),
]
# fmt: on


def _utf16(cases: list[Case]) -> list[Case]:
    """The UTF-16 case holds its file as UTF-16 bytes."""
    fixed = []
    for case in cases:
        if case.name == "utf16-le":
            case = Case(**{**case.__dict__, "files": {"plans/2023/bad.yaml": plan().encode("utf-16")}})
        fixed.append(case)
    return fixed


# Variants of the attacks above, run by `python -m tests.hostile` and by the suite when
# HOSTILE=all: each costs a second of CI, and the corpus must stay within a minute there.
EXTENDED = frozenset(
    [
        "cache-pickle-planted",
        "cache-truncated-entries",
        "cache-folder-entries",
        "cache-dir-loop",
        "cache-dir-nul",
        "render-o-long-name",
        "render-o-under-a-file",
        "render-o-dangling",
        "render-docx-o-device",
        "devzero-plan-argument",
        "proc-plan",
        "symlink-loop",
        "symlink-dangling",
        "socket-plan",
        "plans-a-symlink-outside",
        "plans-a-file",
        "plans-a-fifo",
        "plan-unreadable",
        "pyproject-fifo",
        "pyproject-devzero",
        "template-devzero",
        "template-huge",
        "weekly-50-years",
        "occurrences-many-plans",
        "many-small-plans",
        "registry-20000",
        "title-500k-due",
        "title-500k-render",
        "title-zalgo",
        "tpl-import",
        "tpl-extends",
        "tpl-globals",
        "tpl-format-attr",
        "tpl-plus-doubling",
        "tpl-append-loop",
        "tpl-ljust",
        "tpl-format-width",
        "tpl-indent",
        "tpl-replace",
        "tpl-join-amplify",
        "tpl-mul-by-bignum",
        "tpl-pow-float",
        "tpl-int-of-huge",
        "tpl-wordwrap",
        "tpl-syntax-error",
        "tpl-undefined",
        "tpl-not-utf8",
        "tpl-escape-output",
        "tpl-docx-not-zip",
        "tpl-docx-class",
        "year-99999-due",
        "year-99999-tasks",
        "year-99999-status",
        "period-1000-years-due",
        "period-1000-years-tasks",
        "period-1000-years-status",
        "brackets-490-tasks",
        "braces-100000",
        "list-nesting-2000",
        "merge-key",
        "keys-100000",
        "cr-only",
        "crlf",
        "bidi-in-id",
        "empty-file",
        "comments-only",
        "digits-19",
        "year-float-inf",
        "year-nan",
        "year-true",
        "date-impossible",
        "date-year-0001",
        "when-window-backwards",
        "when-a-list",
        "when-brackets-deep",
        "amends-itself",
        "ascii-stdout",
        "escapes-in-file-name",
        "agency-newline-escapes",
        "plan-option-100k",
        "columns-absurd",
        "columns-negative",
        "term-dumb-tty",
        "lang-unknown",
        "diff-submodule",
        "diff-not-a-repo",
        "year-bignum",
        "as-of-garbage",
        "when-year-bignum",
        "when-signed-bad",
        "when-controls",
        "when-empty",
        "paths-10000",
        "stdout-closed-tasks",
        "stdout-full-render",
        "stderr-closed",
        "max-file-mb-inf",
        "template-seconds-zero",
        "pyproject-not-utf8",
        "pyproject-plans-nul",
        "pyproject-lang-bad",
        "status-progress-a-file",
        "status-note-100k",
        "status-evidence-yaml",
        "status-crlf-progress",
        "status-comment-last",
        "record-value-huge",
        "import-csv-100k-rows",
        "import-csv-utf16",
        "import-fifo",
        "import-devzero",
        "import-formula",
        "schema-stdout-closed",
        "fifo-plan-tasks",
        "fifo-plan-render",
        "escapes-tty-render",
        "render-o-fifo",
        "render-o-read-only",
        "cache-flipped-bit",
        "title-wide-word",
        "brackets-490-status",
        "year-0-tasks",
        "multi-document",
        "succession-loop",
        "utf8-bom",
        "cache-dir-unwritable",
        "import-csv-good",
        "amends-loop",
        "status-flow-progress",
        "status-dangling-symlink",
        "tpl-lipsum",
        "progress-100k-records",
        "registry-include-units",  # fixed (units indexed by parent), but reading 20,000 agencies takes ~2.5 s
        "group-20000-monthly",  # fixed (judged once per occurrence): 3.6 s, most of it reading the registry
    ]
)

# Bugs found and not fixed yet: each such case must fail, strictly; fixing one makes its test
# say to remove its row.
KNOWN: dict[str, str] = {
    "progress-100k-records": "reading keeps ~80 bytes per byte of dense YAML (the node tree, then the positions): 480 MB for 100,000 records (the time: 16 s, now 7)",
}


def _known(cases: list[Case]) -> list[Case]:
    return [Case(**{**case.__dict__, "known": KNOWN[case.name]}) if case.name in KNOWN else case for case in cases]


CASES = _known(_utf16(CASES))
assert set(KNOWN) <= {case.name for case in CASES}, set(KNOWN) - {case.name for case in CASES}
assert {case.name for case in CASES} >= EXTENDED, EXTENDED - {case.name for case in CASES}
NAMES = [case.name for case in CASES]
assert len(set(NAMES)) == len(NAMES), sorted(name for name in NAMES if NAMES.count(name) > 1)
