"""Editing plan files in place: a task's status changes, not one other byte.

The design is a verified textual splice, not a re-dump of the whole file:

1. The file's bytes are decoded once (`Document`): a BOM is remembered, the text
   keeps its own line endings, and `Document.to_bytes()` of an unedited
   document is the file's bytes exactly.
2. libyaml composes the text into nodes with start and end offsets. The task is
   found by its data path; only the span of the status entry (or, when a task
   has none, the point after the task's last line) is touched. New lines take
   the task's own indentation and the file's line ending (CRLF stays CRLF).
3. Scalars are rendered by ruamel.yaml's emitter (it picks plain, single- or
   double-quoted as YAML requires), and each rendering is read back.
4. The edited text is parsed again and must equal the old data with only that
   task's status replaced; anything else is refused before a byte is written.

Why not a ruamel.yaml round-trip of the whole file: it reproduces today's plans
only with a custom `null` representer, and on ordinary hand-edited YAML it
rewrites `~` to `null`, `key:  value` to `key: value`, `[ a,b ]` to `[a, b]`,
folds multi-line plain scalars (`2023-\\n  2024`) into one line, re-indents
4-space mappings and 0-offset sequences, drops `---`, and turns CRLF into LF
(see docs/status-and-diff.md). The splice changes only the status lines by
construction, and the read-back makes it safe.

Writing is atomic and locked (`cdsplan.files`), so that concurrent `cdsplan status` runs on
one file serialise their read-modify-write.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import itertools
import json
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import CdsplanError
from ..reading.yamlfile import BOM, DataPath, YamlError, decode, parse
from ..text import nfc


class EditError(CdsplanError):
    """The edit cannot be made safely; nothing was written."""


@dataclass(frozen=True, slots=True)
class Document:
    """A plan file's text as read: byte-exact when written back unedited."""

    text: str
    bom: bool = False

    @classmethod
    def from_bytes(cls, raw: bytes, file: str = "<plan>") -> Document:
        """Decode UTF-8 (with or without BOM); other encodings raise EditError."""
        try:
            text = decode(file, raw)
        except YamlError as exc:
            raise EditError(f"{file}: {exc.problem.message}") from None
        return cls(text, raw.startswith(BOM))

    def to_bytes(self) -> bytes:
        return (BOM if self.bom else b"") + self.text.encode("utf-8")

    def newline(self, near: int = 0) -> str:
        """The line ending at or after offset near ("\\r\\n" or "\\n"); the file's first one otherwise."""
        for start in (near, 0):
            end = self.text.find("\n", start)
            if end != -1:
                return "\r\n" if end > 0 and self.text[end - 1] == "\r" else "\n"
        return "\n"


@dataclass(frozen=True, slots=True)
class NewStatus:
    """The status block `cdsplan status` writes: state, on and (only when given) note."""

    state: str
    on: dt.date
    note: str | None = None

    def as_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"state": self.state, "on": self.on}
        if self.note is not None:
            data["note"] = nfc(self.note)
        return data


# --------------------------------------------------------------------------- #
# Rendering values
# --------------------------------------------------------------------------- #


def _ruamel_scalar(value: str) -> str | None:
    """ruamel.yaml's one-line rendering of a string, or None when it needs several lines."""
    from ruamel.yaml import YAML

    emitter = YAML(typ="rt")
    emitter.width = 4096
    emitter.allow_unicode = True
    buffer = io.StringIO()
    emitter.dump({"v": value}, buffer)
    rendered = buffer.getvalue()
    if not rendered.startswith("v: ") or rendered.count("\n") != 1:
        return None
    return rendered[3:-1]


def render_scalar(value: str | dt.date) -> str:
    """One-line YAML text for value, read back to the same value by cdsplan's reader."""
    if isinstance(value, dt.date):
        return value.isoformat()
    value = nfc(value)
    candidate = _ruamel_scalar(value)
    if candidate is None or _read_back(candidate) != value:
        # Double quotes with JSON escapes are YAML too; escape what libyaml reads as line breaks.
        candidate = json.dumps(value, ensure_ascii=False)
        for char in ("\x85", "\u2028", "\u2029"):
            candidate = candidate.replace(char, f"\\u{ord(char):04x}")
    if _read_back(candidate) != value:  # pragma: no cover - json escapes always read back
        raise EditError(f"cannot write {value!r} as YAML")
    return candidate


def _read_back(scalar: str) -> Any:
    try:
        return parse("<value>", f"v: {scalar}\n").data.get("v")
    except YamlError:
        return object()


# --------------------------------------------------------------------------- #
# Finding things in the text
# --------------------------------------------------------------------------- #


def compose(text: str) -> Node:
    """The node tree of text, with character offsets (start_mark.index / end_mark.index)."""
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        raise EditError(f"the file is not valid YAML: {exc}") from None
    if node is None:
        raise EditError("the file is empty")
    return node


def node_at(root: Node, path: DataPath) -> Node:
    node = root
    for part in path:
        if isinstance(part, int) and isinstance(node, SequenceNode) and part < len(node.value):
            node = node.value[part]
            continue
        if isinstance(part, str) and isinstance(node, MappingNode):
            found = _entry(node, part)
            if found is not None:
                node = found[1]
                continue
        raise EditError(f"no {'/'.join(map(str, path))} in the file")
    return node


def _entry(mapping: MappingNode, key: str) -> tuple[ScalarNode, Node] | None:
    for key_node, value_node in mapping.value:
        if isinstance(key_node, ScalarNode) and nfc(key_node.value) == key:
            return key_node, value_node
    return None


def _is_empty(node: Node) -> bool:
    return isinstance(node, ScalarNode) and not node.style and node.value == "" and node.start_mark.index == node.end_mark.index


def _block_scalar_keeps(node: ScalarNode, text: str) -> bool:
    header_end = text.find("\n", node.start_mark.index)
    header = text[node.start_mark.index : header_end if header_end != -1 else len(text)]
    return "+" in header.split("#", 1)[0]


def _content_end(node: Node, text: str, key: Node | None = None) -> int:
    """The offset just after the last character that belongs to node (its trailing blank lines and comments excluded)."""
    if _is_empty(node):
        # An empty value (`notes:`) is marked at the next token, possibly lines later: use its key.
        return _after_colon(key, text) if key is not None else node.start_mark.index
    if isinstance(node, ScalarNode):
        end = node.end_mark.index
        if node.style in ("|", ">"):
            if _block_scalar_keeps(node, text):
                return end  # "|+" keeps its trailing blank lines: they are content
            while end > node.start_mark.index and text[end - 1] in " \t\r\n":
                end -= 1
        return end
    if node.flow_style or not node.value:  # type: ignore[attr-defined]
        return node.end_mark.index
    if isinstance(node, MappingNode):
        last_key, last_value = node.value[-1]
        return _content_end(last_value, text, last_key)
    return _content_end(node.value[-1], text)


def _after_colon(key: Node, text: str) -> int:
    """The offset after `key:` (the colon may follow spaces)."""
    at = key.end_mark.index
    while at < len(text) and text[at] in " \t":
        at += 1
    return at + 1 if text[at : at + 1] == ":" else key.end_mark.index


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _after_line(text: str, offset: int) -> int:
    """The offset of the line following the one holding offset (len(text) on the last line)."""
    if offset > 0 and text[offset - 1] == "\n":
        return offset  # already at a line start (a "|+" scalar's end)
    end = text.find("\n", offset)
    return len(text) if end == -1 else end + 1


def _rest_is_comment(text: str, offset: int) -> bool:
    end = text.find("\n", offset)
    rest = text[offset : len(text) if end == -1 else end].strip()
    return rest == "" or rest.startswith("#")


# --------------------------------------------------------------------------- #
# The status edit
# --------------------------------------------------------------------------- #

Splice = tuple[int, int, str]  # replace text[start:end] with the string


def set_task_status(document: Document, task_path: DataPath, status: NewStatus, file: str = "<plan>") -> Document:
    """document with the task at task_path given status; every other byte unchanged.

    Raises EditError when the task cannot be edited safely (flow-style task,
    unexpected layout) — the read-back check makes sure nothing else changed.
    """
    text = document.text
    root = compose(text)
    task = node_at(root, task_path)
    task_name = "/".join(map(str, task_path))
    if not isinstance(task, MappingNode) or task.flow_style:
        raise EditError(f"{file}: the task at {task_name} is not a block mapping (`{{…}}` flow style): write it as `key: value` lines to use `cdsplan status`")
    entry = _entry(task, "status")
    if entry is None:
        splices = _insert_status(document, task, status)
    else:
        key, value = entry
        if isinstance(value, MappingNode) and not value.flow_style and value.value:
            splices = _edit_status_block(document, key, value, status)
        else:
            splices = [_replace_status_entry(document, key, value, status)]
    new_text = _apply(text, splices)
    _verify(file, text, new_text, task_path, status)
    return Document(new_text, document.bom)


def _status_lines(status: NewStatus, indent: str) -> list[str]:
    lines = [f"{indent}status:"]
    lines.extend(f"{indent}  {key}: {render_scalar(value)}" for key, value in status.as_data().items())
    return lines


def _insert_status(document: Document, task: MappingNode, status: NewStatus) -> list[Splice]:
    text = document.text
    indent = " " * task.start_mark.column
    last_key, last_value = task.value[-1]
    at = _after_line(text, _content_end(last_value, text, last_key))
    newline = document.newline(_line_start(text, at - 1) if at else 0)
    block = newline.join(_status_lines(status, indent))
    if at == len(text) and not text.endswith("\n"):
        return [(at, at, newline + block)]  # the file ends without a line break: so does the edit
    return [(at, at, block + newline)]


def _edit_status_block(document: Document, key: ScalarNode, block: MappingNode, status: NewStatus) -> list[Splice]:
    """Change only the values that differ, add missing keys after the last one, drop an old note."""
    text = document.text
    wanted = status.as_data()
    splices: list[Splice] = []
    present: dict[str, tuple[ScalarNode, Node]] = {}
    for entry_key, entry_value in block.value:
        name = nfc(entry_key.value) if isinstance(entry_key, ScalarNode) else None
        if name in ("state", "on", "note"):
            present[name] = (entry_key, entry_value)
    current = _current_status(text, block)
    for name, (entry_key, entry_value) in present.items():
        if name not in wanted:
            splices.append(_delete_entry(document, key, block, entry_key, entry_value, status))
        elif current.get(name) != wanted[name]:
            if not isinstance(entry_value, ScalarNode) or _is_empty(entry_value) or (entry_value.style in ("|", ">") and _block_scalar_keeps(entry_value, text)):
                return [_replace_status_entry(document, key, block, status)]
            # a block scalar (`note: |` …) is replaced up to its last line of text
            splices.append((entry_value.start_mark.index, _content_end(entry_value, text), render_scalar(wanted[name])))
    missing = [name for name in wanted if name not in present]
    if missing:
        indent = " " * block.start_mark.column
        last_key, last_value = block.value[-1]
        at = _after_line(text, _content_end(last_value, text, last_key))
        newline = document.newline(_line_start(text, at - 1) if at else 0)
        lines = newline.join(f"{indent}{name}: {render_scalar(wanted[name])}" for name in missing)
        splices.append((at, at, newline + lines) if at == len(text) and not text.endswith("\n") else (at, at, lines + newline))
    return splices


def _current_status(text: str, block: MappingNode) -> dict[str, Any]:
    """The block's values as cdsplan reads them (dates as dates, text NFC)."""
    snippet = text[block.start_mark.index : _content_end(block, text)]
    try:
        data = parse("<status>", " " * block.start_mark.column + snippet + "\n").data
    except YamlError:
        return {}
    return data if isinstance(data, dict) else {}


def _delete_entry(document: Document, status_key: ScalarNode, block: MappingNode, key: ScalarNode, value: Node, status: NewStatus) -> Splice:
    text = document.text
    start = _line_start(text, key.start_mark.index)
    end = _content_end(value, text, key)
    if text[start : key.start_mark.index].strip() or not _rest_is_comment(text, end):
        return _replace_status_entry(document, status_key, block, status)
    return (start, _after_line(text, end), "")


def _replace_status_entry(document: Document, key: ScalarNode, value: Node, status: NewStatus) -> Splice:
    """Rewrite the whole `status:` entry as a block (shorthand `status: done`, flow `{…}`, odd layouts)."""
    text = document.text
    indent = " " * key.start_mark.column
    newline = document.newline(key.start_mark.index)
    lines = _status_lines(status, indent)
    lines[0] = lines[0].lstrip(" ")  # the key's own indentation is already in the text
    return (key.start_mark.index, _content_end(value, text, key), newline.join(lines))


def _apply(text: str, splices: list[Splice]) -> str:
    ordered = sorted(splices, key=lambda splice: (splice[0], splice[1]))
    for before, after in itertools.pairwise(ordered):
        if after[0] < before[1]:  # pragma: no cover - the spans come from distinct nodes
            raise EditError("internal error: overlapping edits")
    for start, end, replacement in reversed(ordered):
        text = text[:start] + replacement + text[end:]
    return text


def _verify(file: str, old_text: str, new_text: str, task_path: DataPath, status: NewStatus) -> None:
    """The new text must read as the old data with only the task's status replaced."""
    try:
        old_data, old_problems = _parsed(old_text)
        new_data, new_problems = _parsed(new_text)
    except YamlError as exc:
        raise EditError(f"{file}: the edit would break the file ({exc.problem.message}); nothing written") from None
    expected = copy.deepcopy(old_data)
    task: Any = expected
    for part in task_path:
        task = task[part]
    task["status"] = status.as_data()
    if new_data != expected or new_problems != old_problems:
        raise EditError(f"{file}: cannot edit the status of {'/'.join(map(str, task_path))} without changing other data; nothing written (please report this file's layout)")


@functools.lru_cache(maxsize=4)
def _parsed(text: str) -> tuple[Any, int]:
    """Data and problem count of text (memoised: several edits of one file read it once). Do not mutate."""
    parsed = parse("<plan>", text)
    return parsed.data, len(parsed.problems)
