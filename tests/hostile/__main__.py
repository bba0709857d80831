"""`python -m tests.hostile [--ci] [PART…]`: run the corpus (--ci: the cases CI runs; PART: the
cases whose names hold it) and print each result."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from .runner import problems_of
from .test_corpus import BY_NAME, SELECTED, run_all


def main(names: list[str]) -> int:
    pool = SELECTED if names[:1] == ["--ci"] else list(BY_NAME)
    names = [name for name in names if name != "--ci"]
    wanted = [name for name in pool if not names or any(part in name for part in names)]
    with tempfile.TemporaryDirectory() as folder:
        started = time.monotonic()
        results = run_all(wanted, Path(folder))
        seconds = time.monotonic() - started
        failed = 0
        for name in wanted:
            result = results[name]
            problems = [] if result.skipped else problems_of(result)
            failed += bool(problems)
            mark = "SKIP" if result.skipped else ("FAIL" if problems else "ok  ")
            if result.case.known:
                mark = "KNOWN" if problems else "FIXED?"
                failed -= bool(problems)
            print(f"{mark} {result.brief()}")
            for problem in problems:
                print(f"       {problem[:400]}")
        print(f"{len(wanted)} cases, {failed} failed, {seconds:.1f} s")
    return 1 if failed else 0


sys.exit(main(sys.argv[1:]))
