"""Fuzzing the YAML loader: `load_bytes` on arbitrary bytes and on mutated real plans.

Whatever the bytes, loading returns a LoadedFile (never raises), a file with problems has no
model (nothing is rendered or edited from it), and every problem points inside the file.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cdsplan.reading.loader import LoadedFile, load_bytes

from .common import HOSTILE_PIECES, fuzz, hostile_text

ROOT = Path(__file__).resolve().parents[2]
# The smaller real files (the 143 KB national plan makes each example slow, not more useful).
REAL = {
    path.relative_to(ROOT).as_posix(): path.read_bytes()
    for path in sorted((ROOT / "plans").rglob("*.yaml"))
    if path.stat().st_size < 60_000
}
KINDS = ["plan", "registry", "progress"]


def assert_sound(loaded: LoadedFile, raw: bytes) -> None:
    assert isinstance(loaded, LoadedFile)
    lines = raw.count(b"\n") + raw.count(b"\r") + 2
    for problem in loaded.problems:
        assert problem.file == loaded.path
        assert 0 <= problem.line <= lines, problem
        assert problem.column >= 0, problem
        assert problem.message and "\n" not in problem.message, problem
    if loaded.problems:
        assert loaded.plan is None and loaded.progress is None
    if loaded.plan is not None:
        assert loaded.kind == "plan" and not loaded.problems


def load(raw: bytes, kind: str) -> LoadedFile:
    return load_bytes("fuzz.yaml", raw, kind=kind)  # a hang shows in tests/hostile's bounded children


@fuzz(150)
@given(st.binary(max_size=600), st.sampled_from(KINDS))
def test_any_bytes(raw: bytes, kind: str) -> None:
    assert_sound(load(raw, kind), raw)


@fuzz(150)
@given(hostile_text, st.sampled_from(KINDS))
def test_any_text_of_yaml_pieces(text: str, kind: str) -> None:
    raw = text.encode("utf-8", "surrogatepass")
    assert_sound(load(raw, kind), raw)


Mutation = tuple[str, int, bytes, int]  # (how, where, what, how much): small, so a failure reads well


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, tuple[Mutation, ...]]:
    """A real plan or registry, and a few of its bytes or lines to delete, repeat, swap or
    replace by hostile pieces."""
    name = draw(st.sampled_from(sorted(REAL)))
    size = len(REAL[name])
    steps = []
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["insert", "delete", "replace", "line", "truncate", "swap"]))
        what = draw(st.sampled_from(HOSTILE_PIECES)).encode("utf-8") if how == "insert" else draw(st.binary(min_size=1, max_size=4))
        steps.append((how, draw(st.integers(0, size)), what, draw(st.integers(0, 400))))
    return name, tuple(steps)


def mutate(raw: bytes, steps: tuple[Mutation, ...]) -> bytes:
    for how, at, what, count in steps:
        at = min(at, len(raw))
        if how == "insert":
            raw = raw[:at] + what + raw[at:]
        elif how == "delete":
            raw = raw[:at] + raw[at + 1 + count % 40 :]
        elif how == "replace":
            raw = raw[:at] + what + raw[at + 1 :]
        elif how == "truncate":
            raw = raw[:at]
        else:
            lines = raw.split(b"\n")
            first, second = at % len(lines), count % len(lines)
            if how == "line":
                lines.insert(second, lines[first])
            else:
                lines[first], lines[second] = lines[second], lines[first]
            raw = b"\n".join(lines)
    return raw


@fuzz(60)
@given(mutations())
def test_mutated_real_files(case: tuple[str, tuple[Mutation, ...]]) -> None:
    name, steps = case
    raw = mutate(REAL[name], steps)
    kind = "registry" if name.endswith("agencies.yaml") else "plan"
    assert_sound(load(raw, kind), raw)


def test_real_files_load_clean() -> None:
    """The mutations start from files that load without a problem."""
    for name, raw in REAL.items():
        loaded = load_bytes(name, raw, kind="registry" if name.endswith("agencies.yaml") else "plan")
        assert not loaded.problems, (name, loaded.problems[:3])
