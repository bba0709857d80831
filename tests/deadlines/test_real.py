"""Real texts: every entry of tests/data/deadlines/*.yaml reads to exactly the
windows a coordinator reads, or is refused naming the words it did not read;
every `when` of plans/**/*.yaml reads exactly as recorded."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from cdsplan.deadlines import Context, DeadlineError, Window, read_when

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "deadlines"
FILES = ("real.yaml", "seeds.yaml", "variants.yaml")


def _load(name: str) -> tuple[dict[str, str], list[dict[str, Any]]]:
    doc = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return doc["sources"], doc["texts"]


ENTRIES = [(name, entry) for name in FILES for entry in _load(name)[1]]


def context(entry: dict[str, Any]) -> Context:
    first, _, last = str(entry["plan"]).partition("-")
    return Context(int(first), int(last or first), signed=entry.get("signed"))


def shown(w: Window) -> str:
    """A window as the data files write it: 'START..DEADLINE[ kind][ [label]][ note=…]'."""
    out = f"{w.start.isoformat() if w.start else ''}..{w.deadline.isoformat() if w.deadline else ''}"
    if w.kind != "dated":
        out += f" {w.kind}"
    if w.label:
        out += f" [{w.label}]"
    if w.note:
        out += f" note={w.note}"
    return out


@pytest.mark.parametrize(("name", "entry"), ENTRIES, ids=[f"{n[:4]}:{' '.join(e['text'].split())[:60]}" for n, e in ENTRIES])
def test_real_text(name: str, entry: dict[str, Any]) -> None:
    ctx = context(entry)
    if "refused" in entry:
        expected = entry["refused"]
        with pytest.raises(DeadlineError) as info:
            read_when(entry["text"], ctx)
        err = info.value
        assert list(err.unknown) == expected["unknown"], str(err)
        assert err.nearest == expected.get("nearest"), str(err)
        assert err.needs == expected.get("needs"), str(err)
        return
    got = [shown(w) for w in read_when(entry["text"], ctx)]
    if "windows" in entry:
        assert got == entry["windows"]
    else:
        assert (len(got), got[0], got[-1]) == (entry["count"], entry["first"], entry["last"])


@pytest.mark.parametrize("name", FILES)
def test_every_entry_names_a_known_source(name: str) -> None:
    sources, texts = _load(name)
    assert {e["source"] for e in texts} <= set(sources)
    assert all(sources[k] for k in sources)


def test_refusals_of_real_texts_say_what_they_did_not_read() -> None:
    """Every refusal names the words not understood (or what the plan lacks) and the nearest known form."""
    _sources, texts = _load("real.yaml")
    for entry in texts:
        if "refused" not in entry:
            continue
        refused = entry["refused"]
        if refused.get("needs") == "signed":
            continue
        assert refused.get("nearest"), entry["text"]
        assert refused["unknown"], entry["text"]


def test_the_collection_is_large_and_mostly_read() -> None:
    real = _load("real.yaml")[1]
    seeds = _load("seeds.yaml")[1]
    plans = json.loads((DATA / "plans_readings.json").read_text(encoding="utf-8"))
    assert len(real) + len(seeds) + len(plans) >= 150
    read = sum("refused" not in e for e in real)
    assert read / len(real) >= 0.85, read


# --------------------------------------------------------------------------- #
# The five plans: every `when` reads exactly as before the package was built
# --------------------------------------------------------------------------- #


def _whens(node: object) -> list[object]:
    found: list[object] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "when":
                found.append(value)
            else:
                found.extend(_whens(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_whens(value))
    return found


def _plan_whens() -> list[tuple[str, object, Context]]:
    out: list[tuple[str, object, Context]] = []
    for path in sorted((ROOT / "plans").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "year" not in data and "period" not in data:
            continue
        if data.get("year"):
            first = last = int(data["year"])
        else:
            first, last = (int(y) for y in str(data["period"]).split("-"))
        seen: list[object] = []
        for value in _whens(data):
            if value not in seen:
                seen.append(value)
                out.append((path.relative_to(ROOT).as_posix(), value, Context(first, last)))
    return out


def _as_json(value: object) -> object:
    return json.loads(json.dumps(value, default=str))


def test_every_plan_when_reads_as_recorded() -> None:
    recorded = json.loads((DATA / "plans_readings.json").read_text(encoding="utf-8"))
    current = _plan_whens()
    assert [(r["file"], r["when"]) for r in recorded] == [(f, _as_json(v)) for f, v, _c in current]
    for record, (_file, value, ctx) in zip(recorded, current, strict=True):
        for key, inclusive in (("strict", False), ("inclusive", True)):
            c = Context(ctx.first_year, ctx.last_year, inclusive)
            got = [
                [w.start.isoformat() if w.start else None, w.deadline.isoformat() if w.deadline else None, w.label]
                for w in read_when(value, c)
            ]  # type: ignore[arg-type]
            assert got == record[key], (record["file"], value, key)


def test_plan_readings_do_not_change_with_the_signing_date_when_nothing_recurs() -> None:
    """A plan that states its decision date reads its single deadlines the same."""
    for _file, value, ctx in _plan_whens():
        if isinstance(value, str) and "năm" in value.lower() and "hằng" in value.lower():
            continue
        signed = Context(ctx.first_year, ctx.last_year, signed=date(ctx.first_year, 1, 1))
        assert read_when(value, signed) == read_when(value, ctx), value  # type: ignore[arg-type]
