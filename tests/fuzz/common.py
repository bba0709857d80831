"""What the fuzz tests share: their settings, and hostile pieces of text to splice in.

Locally each run draws new examples; in CI (CI set) the examples are derandomized, the same
every run, so that a failure there is one anybody can reproduce. Every test is bounded in
examples, so the whole of tests/fuzz stays within seconds; FUZZ_SCALE multiplies them.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

CI = bool(os.environ.get("CI"))
# FUZZ_SCALE=50 runs fifty times the examples: a longer hunt, by hand (never in CI)
SCALE = 1 if CI else max(1, int(os.environ.get("FUZZ_SCALE", "1") or 1))


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        database=None,  # no .hypothesis/ folder in the work tree, and CI's examples are its own
        derandomize=CI,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


# Pieces that have broken YAML readers and editors: structure characters, YAML's own
# syntax, the line breaks libyaml knows and editors do not, invisible and control
# characters, a BOM, CR, a tab, quotes and escapes, a lone surrogate's neighbours.
HOSTILE_PIECES = [
    "\n", "\r\n", "\r", "\t", " ", "  ", "\x00", "\x1b[2J", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u202e",
    "#", "# c", ": ", ":", "- ", "-", "? ", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "!tag ", "|", ">", "|+", "'", '"',
    "\\", "%YAML 1.1", "---", "...", "~", "null", "true", "0x1F", "1e400", "2023-02-30", "9" * 30, "<<: *a", "@", "`",
    "ế", "Đ", "e\u0301", "ﬁ", "Ⅳ",
]  # fmt: skip

hostile_text = st.lists(st.sampled_from(HOSTILE_PIECES) | st.text(max_size=8), max_size=12).map("".join)
