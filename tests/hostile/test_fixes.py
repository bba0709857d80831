"""Regression tests for bugs the hostile corpus found, where a case of the corpus cannot show
the fix alone (it needs a measure finer than a child's time and memory)."""

from __future__ import annotations

import gc

from cdsplan.reading.yamlfile import parse


def test_parsing_a_big_file_runs_no_garbage_collection() -> None:
    """Composing keeps every object it makes: collecting among them only costs (a progress
    file of 100,000 records took 16 s instead of 7)."""
    text = "schema: cdsplan/v1\nrecords:\n" + "  - {item: a#1, state: done, on: 2023-03-01}\n" * 20_000
    collections: list[str] = []

    def count(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(phase)

    gc.callbacks.append(count)
    try:
        parsed = parse("big.yaml", text)
    finally:
        gc.callbacks.remove(count)
    assert len(parsed.data["records"]) == 20_000
    assert collections == []
    assert gc.isenabled()


def test_parsing_leaves_a_paused_collector_paused() -> None:
    gc.disable()
    try:
        parse("a.yaml", "a: 1\n")
        assert not gc.isenabled()
    finally:
        gc.enable()
