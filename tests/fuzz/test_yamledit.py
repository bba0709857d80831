"""Fuzzing the byte-preserving editors: `append_items` and `remove_key` on files laid out every
way a person writes YAML (indentation, comments, blank lines, CRLF, a BOM, no final newline,
flow collections, block scalars, quoted keys).

Each edit either refuses (EditError, nothing else) or gives a file that reads back as the
old data plus exactly the edit, in which every byte outside one inserted (or removed) span
is the old file's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import assume, event, given
from hypothesis import strategies as st

from cdsplan.progress.yamledit import Document, EditError, append_items, nfc_data, remove_key
from cdsplan.reading.yamlfile import YamlError, parse

from .common import fuzz, hostile_text

# --------------------------------------------------------------------------- #
# Layouts
# --------------------------------------------------------------------------- #

comments = st.sampled_from(["", "  # c", " #", "\t# tab", "  # ü ‘quote’ : - [x]"])
blank_or_comment_lines = st.lists(
    st.sampled_from(["", "# c", "  # indented", "    #", "#\t", "   "]), max_size=3
)  # libyaml refuses a tab-only line
scalars = st.sampled_from(
    [
        "x",
        "'q'",
        '"d"',
        "2023-03-01",
        "12",
        "~",
        "null",
        "a b",
        "'a: b'",
        '"\\u2028"',
        "[]",
        "{}",
        "[a, b]",
        "{a: 1}",
        "|\n    block\n",
        ">-\n    folded\n",
    ]
)
TITLES = ["Việc", "Việc thử", "x # y", "'a: b'", '"q"']
keys = st.sampled_from(["agency", "year", "notes", "'quoted key'", '"dq"', "x y", "a-b"])


@st.composite
def record_item(draw: st.DrawFn, indent: str) -> list[str]:
    """One block list item as lines, in one of the ways people write them."""
    dash = indent + "- "
    inner = indent + draw(st.sampled_from(["  ", "  "]))
    style = draw(st.sampled_from(["block", "flow", "nested", "dash-alone"]))
    if style == "flow":
        return [f"{dash}{{item: a#1, state: done, on: 2023-03-01}}{draw(comments)}"]
    if style == "dash-alone":
        return [f"{indent}-{draw(comments)}", f"{inner}item: a#1", f"{inner}state: done"]
    lines = [f"{dash}item: a#1{draw(comments)}", f"{inner}state: {draw(st.sampled_from(['done', 'planned', 'in_progress']))}"]
    if style == "nested":
        lines += [f"{inner}evidence:", f"{inner}  - {draw(scalars).splitlines()[0]}", f"{inner}  - b"]
    return lines


@st.composite
def progress_document(draw: st.DrawFn) -> Document:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append("# yaml-language-server: $schema=../../schema/cdsplan-progress-v1.json")
    if draw(st.booleans()):
        lines.append("---")
    lines += ["schema: cdsplan/v1", f"agency: bo-yt{draw(comments)}", "year: 2023"]
    for _ in range(draw(st.integers(0, 2))):
        value = draw(scalars)
        lines += f"{draw(keys)}: {value}".rstrip("\n").split("\n")
    records = draw(st.sampled_from(["items", "items", "empty", "flow-empty", "missing", "null"]))
    indent = draw(st.sampled_from(["", "  ", "    "]))
    if records == "items":
        lines.append(f"records:{draw(comments)}")
        for _ in range(draw(st.integers(1, 3))):
            lines += draw(blank_or_comment_lines)
            lines += draw(record_item(indent))
    elif records == "empty":
        lines.append("records:")
    elif records == "flow-empty":
        lines.append("records: []")
    elif records == "null":
        lines.append("records: ~")
    if draw(st.booleans()) and records != "missing":
        lines.append(f"after: {draw(scalars).splitlines()[0]}")
    lines += draw(blank_or_comment_lines)
    text = newline.join(lines)
    if draw(st.booleans()):
        text += newline
    return Document(text, bom=draw(st.booleans()))


values = st.one_of(
    hostile_text,
    st.text(max_size=30),
    st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
items = st.lists(
    st.fixed_dictionaries(
        {"item": st.sampled_from(["a#1", "b#2"]), "state": st.sampled_from(["done", "planned"])},
        optional={
            "on": values,
            "note": values,
            "evidence": st.lists(values, min_size=1, max_size=2),
            "values": st.lists(st.fixed_dictionaries({"value": values}), min_size=1, max_size=2),
        },
    ),
    min_size=1,
    max_size=3,
)


# --------------------------------------------------------------------------- #
# Properties
# --------------------------------------------------------------------------- #


def data_of(text: str) -> tuple[Any, list[Any]]:
    parsed = parse("f.yaml", text)
    return parsed.data, [(problem.code, problem.message) for problem in parsed.problems]


def one_span(old: str, new: str) -> tuple[int, int]:
    """(prefix, suffix) lengths the two texts share."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return prefix, suffix


@fuzz(200)
@given(progress_document(), items)
def test_append_items_adds_exactly_the_items(document: Document, new_items: list[dict[str, Any]]) -> None:
    try:
        old_data, old_problems = data_of(document.text)
    except YamlError:
        assume(False)
        return
    assume(isinstance(old_data, dict))
    try:
        edited = append_items(document, "records", new_items, "f.yaml")
    except EditError as exc:
        assert str(exc)
        event("refused")
        return
    event("appended")
    new_data, new_problems = data_of(edited.text)
    expected = dict(old_data)
    expected["records"] = [*(old_data.get("records") or []), *(nfc_data(item) for item in new_items)]
    assert new_data == expected
    assert new_problems == old_problems
    assert edited.bom == document.bom
    assert edited.to_bytes().startswith(b"\xef\xbb\xbf") == document.bom
    old, new = document.text, edited.text
    prefix, suffix = one_span(old, new)
    if old_data.get("records"):  # appended to a list: one insertion, nothing else touched
        assert prefix + suffix >= len(old), (old, new)
    newline = "\r\n" if "\r\n" in old else "\n"
    if newline == "\r\n":
        assert "\n" not in new.replace("\r\n", ""), "LF lines written into a CRLF file"


@st.composite
def plan_with_status(draw: st.DrawFn) -> tuple[Document, tuple[str | int, ...]]:
    """A plan's task list in which some tasks carry a `status:` block, laid out in many ways."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    indent = draw(st.sampled_from(["", "  "]))
    inner = indent + "  "
    lines = ["schema: cdsplan/v1", "id: x-2023", "sections:", f"{indent}- id: I", f"{inner}tasks:"]
    count = draw(st.integers(1, 3))
    task_indent = inner + draw(st.sampled_from(["", "  "]))
    body = task_indent + "  "
    for number in range(count):
        title = draw(st.sampled_from(TITLES))
        entries = [[f"id: I.{number}"], [f"title: {title}"], ["lead: bo-yt"]]
        status_style = draw(st.sampled_from(["block", "block-comment", "flow", "nested", "none"]))
        if status_style == "block":
            entries.append(["status:", "  state: done", "  on: 2023-09-10"])
        elif status_style == "block-comment":
            entries.append([f"status:{draw(comments)}", "  # a comment", "  state: done", ""])
        elif status_style == "flow":
            entries.append(["status: {state: done, on: 2023-09-10}"])
        elif status_style == "nested":
            entries.append(["status:", "  state: done", "  evidence:", "    - a", "    - b"])
        order = draw(st.permutations(range(len(entries))))
        ordered = [entries[index] for index in order]
        first = True
        for entry in ordered:
            for line_number, line in enumerate(entry):
                if first and line_number == 0:
                    lines.append(f"{task_indent}- {line}")
                    first = False
                else:
                    lines.append(f"{body}{line}" if line else "")
        lines += draw(blank_or_comment_lines)
    text = newline.join(lines) + (newline if draw(st.booleans()) else "")
    task = draw(st.integers(0, count - 1))
    return Document(text, bom=draw(st.booleans())), ("sections", 0, "tasks", task)


@fuzz(200)
@given(plan_with_status())
def test_remove_key_removes_exactly_the_key(case: tuple[Document, tuple[str | int, ...]]) -> None:
    document, path = case
    try:
        old_data, old_problems = data_of(document.text)
    except YamlError:
        assume(False)
        return
    try:
        edited = remove_key(document, path, "status", "f.yaml")
    except EditError as exc:
        assert str(exc)
        event("refused")
        return
    event("removed" if edited.text != document.text else "nothing to remove")
    new_data, new_problems = data_of(edited.text)
    task = old_data
    for part in path:
        task = task[part]
    expected_task = {key: value for key, value in task.items() if key != "status"}
    got = new_data
    for part in path:
        got = got[part]
    assert got == expected_task
    assert new_problems == old_problems
    old, new = document.text, edited.text
    if "status" not in task:
        assert new == old
        return
    prefix, suffix = one_span(old, new)
    assert len(new) < len(old) and prefix + suffix >= len(new), (old, new)
    assert "status" in old[prefix : len(old) - suffix] or "status" in old[prefix - 20 : len(old) - suffix + 20]
