"""How long reading one deadline text takes, uncached, over the real plans' texts.

    python benchmarks/deadlines.py [--rounds N] [--budget-us 100]

Every `when` of plans/**/*.yaml is read against its plan's context, with the
reader's cache cleared before each read, so each read is a full parse and
evaluation. Prints microseconds per text (the best of N rounds, and the mean)
and exits 1 when the best round's average is over the budget (0.1 ms).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import contextlib  # noqa: E402

from cdsplan.deadlines import Context, DeadlineError, read_when  # noqa: E402 - after the path is set
from cdsplan.deadlines.reader import _read_text  # noqa: E402


def _whens(node: object) -> list[object]:
    found: list[object] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend([value] if key == "when" else _whens(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_whens(value))
    return found


def plan_texts(plans: Path) -> list[tuple[str, Context]]:
    """Every text `when` of the plans (as often as the plans write it), with its plan's context."""
    out: list[tuple[str, Context]] = []
    for path in sorted(plans.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or ("year" not in data and "period" not in data):
            continue
        if data.get("year"):
            first = last = int(data["year"])
        else:
            first, last = (int(y) for y in str(data["period"]).split("-"))
        ctx = Context(first, last)
        out.extend((value, ctx) for value in _whens(data) if isinstance(value, str))
    return out


def one_round(texts: list[tuple[str, Context]]) -> float:
    """Seconds for reading every text once, uncached."""
    clear = _read_text.cache_clear
    total = 0.0
    for text, ctx in texts:
        clear()
        start = time.perf_counter()
        with contextlib.suppress(DeadlineError):
            read_when(text, ctx)
        total += time.perf_counter() - start
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--budget-us", type=float, default=100.0, help="microseconds per text (default 100: 0.1 ms)")
    parser.add_argument("--plans", type=Path, default=ROOT / "plans")
    args = parser.parse_args(argv)
    texts = plan_texts(args.plans)
    if not texts:
        print(f"no deadline texts under {args.plans}", file=sys.stderr)
        return 2
    one_round(texts)  # warm up: imports, regexes, the lexicon
    rounds = [one_round(texts) for _ in range(max(1, args.rounds))]
    best = min(rounds) / len(texts) * 1e6
    mean = sum(rounds) / len(rounds) / len(texts) * 1e6
    verdict = "ok" if best <= args.budget_us else "OVER BUDGET"
    print(
        f"{len(texts)} texts, {len(set(texts))} distinct: {best:.1f} µs/text (best of {len(rounds)}), {mean:.1f} µs mean; budget {args.budget_us:.0f} µs: {verdict}"
    )
    return 0 if best <= args.budget_us else 1


if __name__ == "__main__":
    raise SystemExit(main())
