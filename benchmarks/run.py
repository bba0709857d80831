"""Time `cdsplan check` and `cdsplan due` on a national-scale corpus, against their floors and budgets.

    python benchmarks/run.py [--tasks N] [--files F] [--seed S] [--keep DIR] [--repeat R]
                             [--no-budgets] [--smoke] [--json FILE]

Generates a synthetic corpus (benchmarks/generate.py; 23,000 tasks in 325 plan
files by default) into a temporary folder, or reuses --keep DIR, then runs each
item below as a child process in the corpus folder and takes the median of
--repeat runs (3 by default):

  floor  bare C YAML parse   yaml.load(text, Loader=yaml.CSafeLoader) for every file, in a child
                             python so that it pays interpreter start-up like the others
  floor  bare typer app      benchmarks/bare_typer.py `check` (a no-op) and `--help`
  item   check, cold         `cdsplan check --strict` with .cdsplan_cache/ deleted before each run
  item   check, warm         the same after one warm-up run
  item   due, warm           `cdsplan due --month 9 --year 2025 --as-of 2025-09-30` after a warm-up
  item   due, new question   the same with another --as-of each run: the answer is computed and
                             the national table laid out again (reported, no budget)
  item   --help              `cdsplan --help`

Budgets, as ratios within this one run: cold check <= 1.5 x the C parse; warm check
and warm due <= 2 x the bare typer app; --help <= 1.3 x the bare typer app's --help;
peak memory (max RSS) of every cdsplan run <= 150 MB.

Then one agency id in one file is misspelt (generate.inject_error) and `cdsplan check`
must report exactly that error at its file:line:column, with the cache warm (one file
changed) and cold; the file is restored afterwards.

Exit status: 0 all well; 1 a budget is missed (not with --no-budgets or --smoke), a
command failed, or the injected error was not found where it is; 2 bad arguments.
--smoke is for CI: a tiny corpus, one run of each item, budgets reported only.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py, beside this file)

CACHE_DIR = ".cdsplan_cache"
FLOORS = ("parse", "typer", "typer_help")
MEMORY_BUDGET_MB = 150.0
DUE_ARGS = ["due", "--month", "9", "--year", "2025", "--as-of", "2025-09-30"]
PARSE_FLOOR = (
    "import pathlib, sys, yaml\n"
    "for path in sorted(p for folder in sys.argv[1:] for p in pathlib.Path(folder).rglob('*.yaml')):\n"
    "    yaml.load(path.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n"
)


@dataclass
class Run:
    seconds: float
    peak_mb: float | None
    code: int
    out: str
    err: str


@dataclass
class Result:
    key: str
    label: str
    command: str
    runs: list[float] = field(default_factory=list)
    seconds: float = 0.0
    peak_mb: float | None = None
    floor: str | None = None  # key of the floor item
    budget: float | None = None  # ratio to the floor
    ratio: float | None = None
    time_ok: bool | None = None
    memory_ok: bool | None = None

    @property
    def ok(self) -> bool:
        return self.time_ok is not False and self.memory_ok is not False


# Children are started by this small launcher process, not by run.py itself: on Linux a
# child's ru_maxrss starts from the high-water mark of the process that spawned it
# (exec records the old address space's peak), so a spawner that has read a large
# output or generated the corpus would show as every child's peak. The launcher stays
# at ~10 MB, well under any python child's own peak.
LAUNCHER = r"""
import json, os, resource, subprocess, sys, time
for line in sys.stdin:
    job = json.loads(line)
    with open(job["out"], "wb") as out, open(job["err"], "wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(job["argv"], cwd=job["cwd"], stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(child.pid, 0)
            seconds = time.perf_counter() - start
            child.returncode = code = os.waitstatus_to_exitcode(status)
            peak = usage.ru_maxrss
        else:
            code, peak = child.wait(), None
            seconds = time.perf_counter() - start
    own = None  # this launcher's own peak (VmHWM: its ru_maxrss would include run.py's, see above)
    if os.path.exists("/proc/self/status"):
        for entry in open("/proc/self/status"):
            if entry.startswith("VmHWM:"):
                own = int(entry.split()[1])
    elif hasattr(os, "wait4"):
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "code": code, "peak": peak, "launcher_peak": own}), flush=True)
"""
_RSS_UNIT = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KB on Linux


class Launcher:
    """Runs commands to completion from a small process: wall time, the child's peak RSS, exit status."""

    def __init__(self) -> None:
        if sys.platform == "win32":  # no fork/exec there, and no per-child rusage: run directly
            self.process = None
        else:
            self.process = subprocess.Popen(
                [sys.executable, "-c", LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8"
            )
        self.launcher_mb: float | None = None
        self.folder = Path(tempfile.mkdtemp(prefix="cdsplan-bench-out-"))

    def run(self, argv: list[str], cwd: Path) -> Run:
        out, err = self.folder / "stdout", self.folder / "stderr"
        if self.process is None:
            with open(out, "wb") as out_file, open(err, "wb") as err_file:
                start = time.perf_counter()
                code = subprocess.call(argv, cwd=cwd, stdout=out_file, stderr=err_file, stdin=subprocess.DEVNULL)
                seconds, peak = time.perf_counter() - start, None
        else:
            assert self.process.stdin is not None and self.process.stdout is not None
            self.process.stdin.write(json.dumps({"argv": argv, "cwd": str(cwd), "out": str(out), "err": str(err)}) + "\n")
            self.process.stdin.flush()
            reply = json.loads(self.process.stdout.readline())
            seconds, code = reply["seconds"], reply["code"]
            peak = reply["peak"] / _RSS_UNIT if reply["peak"] is not None else None
            if reply["launcher_peak"] is not None:
                self.launcher_mb = reply["launcher_peak"] / _RSS_UNIT
        return Run(seconds, peak, code, _read(out), _read(err))

    def close(self) -> None:
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def _read(path: Path, limit: int = 1 << 20) -> str:
    """A child's output; only its end when it is long (`due` prints megabytes)."""
    with open(path, "rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - limit))
        return handle.read().decode("utf-8", "replace")


def cdsplan_command() -> list[str]:
    """The `cdsplan` console script of the environment running this script."""
    folder = Path(sys.executable).parent
    for name in ("cdsplan", "cdsplan.exe"):
        if (folder / name).is_file():
            return [str(folder / name)]
    found = shutil.which("cdsplan")
    if found:
        return [found]
    raise SystemExit("run.py: no `cdsplan` console script next to this python or on PATH: pip install -e .")


class Failure(Exception):
    """A command did not do what it must (wrong exit status or output): the benchmark is void."""


class Bench:
    def __init__(self, corpus: Path, repeat: int, launcher: Launcher, log=print) -> None:
        self.corpus = corpus
        self.repeat = repeat
        self.log = log
        self.cdsplan = cdsplan_command()
        self.results: dict[str, Result] = {}
        self.launcher = launcher

    def clear_cache(self) -> None:
        shutil.rmtree(self.corpus / CACHE_DIR, ignore_errors=True)

    def once(self, argv: list[str], expect: int, what: str) -> Run:
        run = self.launcher.run(argv, self.corpus)
        if run.code != expect:
            tail = "\n".join((run.err or run.out).strip().splitlines()[-15:])
            raise Failure(f"{what}: exit status {run.code}, expected {expect}\n$ {' '.join(argv)}\n{tail}")
        return run

    def measure(
        self,
        key: str,
        label: str,
        argv: list[str],
        *,
        expect: int = 0,
        cold: bool = False,
        warmup: bool = True,
        floor: str | None = None,
        budget: float | None = None,
        shown: str | None = None,
        vary: Callable[[int], list[str]] | None = None,
    ) -> Result:
        """vary(n), when given, is appended to argv for run n (the warm-up is run 0): a new
        question each time, which the answer cache cannot answer."""
        if warmup and not cold:
            self.once([*argv, *(vary(0) if vary else [])], expect, label)
        runs = []
        for number in range(1, self.repeat + 1):
            if cold:
                self.clear_cache()
            runs.append(self.once([*argv, *(vary(number) if vary else [])], expect, label))
        result = Result(key, label, shown or " ".join(argv), [run.seconds for run in runs], statistics.median(run.seconds for run in runs))
        peaks = [run.peak_mb for run in runs if run.peak_mb is not None]
        result.peak_mb = max(peaks) if peaks else None
        result.floor, result.budget = floor, budget
        self.results[key] = result
        self.log(f"  {label:<34} {result.seconds:7.2f} s  (runs: {', '.join(f'{s:.2f}' for s in result.runs)})")
        return result

    def run_all(self) -> None:
        py = sys.executable
        bare = [py, str(HERE / "bare_typer.py")]
        self.measure(
            "parse",
            "bare C YAML parse (floor)",
            [py, "-c", PARSE_FLOOR, "plans", "progress"],
            shown="python -c '<yaml.CSafeLoader over plans/**/*.yaml and progress/**/*.yaml>' plans progress",
        )
        self.measure("typer", "bare typer app check (floor)", [*bare, "check"], shown="python benchmarks/bare_typer.py check")
        self.measure("typer_help", "bare typer app --help (floor)", [*bare, "--help"], shown="python benchmarks/bare_typer.py --help")
        self.measure(
            "check_cold",
            "cdsplan check, cold",
            [*self.cdsplan, "check", "--strict"],
            cold=True,
            floor="parse",
            budget=1.5,
            shown="cdsplan check --strict (cache deleted)",
        )
        self.measure(
            "check_warm",
            "cdsplan check, warm",
            [*self.cdsplan, "check", "--strict"],
            floor="typer",
            budget=2.0,
            shown="cdsplan check --strict",
        )
        self.measure(
            "due_warm",
            "cdsplan due --month 9, warm",
            [*self.cdsplan, *DUE_ARGS],
            floor="typer",
            budget=2.0,
            shown="cdsplan " + " ".join(DUE_ARGS),
        )
        self.measure(
            "due_new",
            "cdsplan due, a new question",
            [*self.cdsplan, *DUE_ARGS[:-2]],
            vary=lambda number: ["--as-of", f"2025-09-{number + 1:02d}"],
            shown="cdsplan " + " ".join(DUE_ARGS[:-2]) + " --as-of 2025-09-0N (a new day each run: the national table laid out again)",
        )
        self.measure("help", "cdsplan --help", [*self.cdsplan, "--help"], floor="typer_help", budget=1.3, shown="cdsplan --help")
        for result in self.results.values():
            if result.floor:
                result.ratio = result.seconds / self.results[result.floor].seconds
                result.time_ok = result.ratio <= result.budget
            if result.key not in FLOORS and result.peak_mb is not None:
                result.memory_ok = result.peak_mb <= MEMORY_BUDGET_MB

    def injected_error(self, seed: int) -> dict:
        """Misspell one agency id; `cdsplan check` must report exactly it, warm and cold."""
        plans = sorted((self.corpus / "plans").glob("*/*.yaml"))
        originals = {path: path.read_bytes() for path in plans}
        try:
            injected = generate.inject_error(self.corpus, seed)
            expected = f"{injected}: error: unknown agency '{injected.bad}'"
            found = {}
            for mode in ("warm", "cold"):
                if mode == "cold":
                    self.clear_cache()
                run = self.once([*self.cdsplan, "check"], 1, f"check with one error ({mode})")
                lines = run.out.splitlines()
                errors = [line for line in lines if ": error: " in line]
                if len(errors) != 1 or not errors[0].startswith(expected) or "1 error(s)" not in run.out:
                    raise Failure(f"check with one error ({mode}): expected exactly\n  {expected}…\ngot:\n" + "\n".join(lines[:10]))
                found[mode] = run.seconds
                self.log(f"  {'check, one error (' + mode + ')':<34} {run.seconds:7.2f} s  found at {injected}")
            return {"where": str(injected), "bad": injected.bad, "seconds": found}
        finally:
            for path, data in originals.items():
                if path.read_bytes() != data:
                    path.write_bytes(data)


def table(results: dict[str, Result]) -> str:
    rows = [("item", "seconds", "ratio", "budget", "result", "peak MB")]
    for result in results.values():
        ratio = f"{result.ratio:.2f}x" if result.ratio is not None else "floor" if result.key in FLOORS else ""
        budget = f"<= {result.budget:g}x" if result.budget is not None else ""
        missed = [what for what, ok in (("time", result.time_ok), ("memory", result.memory_ok)) if ok is False]
        verdict = f"FAIL ({', '.join(missed)})" if missed else "PASS" if result.time_ok or result.memory_ok else ""
        peak = f"{result.peak_mb:.0f}" if result.peak_mb is not None else "n/a"
        rows.append((result.label, f"{result.seconds:.2f}", ratio, budget, verdict, peak))
    peaks = [r.peak_mb for r in results.values() if r.memory_ok is not None]
    if peaks:
        worst = max(peaks)
        rows.append(
            (
                "peak memory of cdsplan (max)",
                "",
                "",
                f"<= {MEMORY_BUDGET_MB:g} MB",
                "PASS" if worst <= MEMORY_BUDGET_MB else "FAIL",
                f"{worst:.0f}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=False)]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def corpus_for(args: argparse.Namespace) -> tuple[Path, bool, dict]:
    """The corpus folder, whether to delete it afterwards, and its description."""
    wanted = {"tasks": args.tasks, "files": args.files, "records": args.records}
    if args.keep:
        folder = args.keep.resolve()
        marker = folder / generate.MARKER
        try:
            info = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            info = None
        if (
            info
            and info.get("requested") == wanted
            and info.get("seed") == args.seed
            and info.get("generator") == generate.GENERATOR_VERSION
        ):
            print(f"reusing the corpus in {folder}")
            return folder, False, info
        folder.mkdir(parents=True, exist_ok=True)
        temporary = False
    else:
        folder = Path(tempfile.mkdtemp(prefix="cdsplan-bench-"))
        temporary = True
    start = time.perf_counter()
    try:
        info = generate.generate(folder, tasks=args.tasks, files=args.files, seed=args.seed, records=args.records)
    except ValueError as exc:
        raise SystemExit(f"run.py: {exc}") from None
    print(f"generated the corpus in {folder} ({time.perf_counter() - start:.1f} s)")
    return folder, temporary, info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n", 2)[2], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tasks", type=int, default=None, help=f"tasks in the corpus (default {generate.DEFAULT_TASKS}; 300 with --smoke)")
    parser.add_argument("--files", type=int, default=None, help=f"plan files (default {generate.DEFAULT_FILES}; 10 with --smoke)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="generate the corpus into DIR and keep it (reused when it matches)")
    parser.add_argument(
        "--records", type=int, default=None, help=f"progress records (default {generate.DEFAULT_RECORDS}; 800 with --smoke)"
    )
    parser.add_argument("--repeat", type=int, default=None, help="runs per item, the median is kept (default 3; 1 with --smoke)")
    parser.add_argument("--no-budgets", action="store_true", help="report the budgets without failing on them")
    parser.add_argument("--smoke", action="store_true", help="CI: a tiny corpus, every step once, budgets not enforced")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    args.tasks = args.tasks or (300 if args.smoke else generate.DEFAULT_TASKS)
    args.files = args.files or (10 if args.smoke else generate.DEFAULT_FILES)
    args.repeat = args.repeat or (1 if args.smoke else 3)
    args.records = args.records if args.records is not None else (800 if args.smoke else generate.DEFAULT_RECORDS)
    if args.tasks < 1 or args.files < 1 or args.repeat < 1:
        parser.error("--tasks, --files and --repeat must be at least 1")
    enforce = not (args.no_budgets or args.smoke)

    cdsplan_command()  # fail early when cdsplan is not installed
    os.environ["CDSPLAN_LANG"] = "en"  # the children's messages are matched below (codes and counts)
    # Timed as installed: compiled once, as pip does (under PYTHONDONTWRITEBYTECODE an edited
    # checkout would otherwise compile its changed modules again in every run).
    import cdsplan

    compileall.compile_dir(os.path.dirname(cdsplan.__file__), quiet=1)
    launcher = Launcher()  # before the corpus is generated here: see LAUNCHER
    corpus, temporary, info = corpus_for(args)
    print(
        f"corpus: {info['tasks']} tasks in {info['plans']} plans + agencies.yaml, {info.get('records', 0)} progress records in {info.get('record_files', 0)} files, {info['bytes'] / 1e6:.1f} MB; "
        f"python {platform.python_version()}, {os.cpu_count()} CPU(s), median of {args.repeat}"
    )
    bench = Bench(corpus, args.repeat, launcher)
    status = 0
    injected: dict | None = None
    try:
        bench.run_all()
        injected = bench.injected_error(args.seed)
    except Failure as exc:
        print(f"\nFAILED: {exc}", file=sys.stderr)
        status = 1
    finally:
        cache = corpus / CACHE_DIR
        cache_files = [path for path in cache.rglob("*") if path.is_file()] if cache.is_dir() else []
        cache_mb = sum(path.stat().st_size for path in cache_files) / 1e6
        launcher.close()
        if temporary:
            shutil.rmtree(corpus, ignore_errors=True)

    if bench.results:
        print()
        print(table(bench.results))
        print()
        for result in bench.results.values():
            print(f"  {result.label}: {result.command}")
        print(f"  cache after the run: {len(cache_files)} files, {cache_mb:.1f} MB in {CACHE_DIR}/")
        if launcher.launcher_mb is not None:
            print(
                f"  peak MB: each child's max RSS (wait4), started from a launcher of {launcher.launcher_mb:.0f} MB (a lower figure would read as that)"
            )
    if injected:
        print(f"  injected error found at {injected['where']} by cold and warm `cdsplan check`")
    missed = [result.label for result in bench.results.values() if not result.ok]
    if status == 0 and missed:
        print(f"\nbudget missed: {', '.join(missed)}" + ("" if enforce else " (not enforced)"))
        if enforce:
            status = 1
    if args.json:
        payload = {
            "corpus": info,
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "repeat": args.repeat,
            "results": [asdict(result) | {"ok": result.ok} for result in bench.results.values()],
            "injected_error": injected,
            "enforced": enforce,
            "status": status,
        }
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
