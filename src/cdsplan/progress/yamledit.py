"""Editing YAML files in place, not one byte more than the edit: records appended to a
progress file, a `status:` block removed from a plan when it moves into records.

The design is a verified textual splice, not a re-dump of the whole file:

1. The file's bytes are decoded once (`Document`): a BOM is remembered, the text
   keeps its own line endings, and `Document.to_bytes()` of an unedited
   document is the file's bytes exactly.
2. libyaml composes the text into nodes with start and end offsets. Only the span being
   edited is touched; new lines take the list's own indentation and the file's line
   ending (CRLF stays CRLF).
3. Scalars are rendered by ruamel.yaml's emitter (it picks plain, single- or
   double-quoted as YAML requires), and each rendering is read back.
4. The edited text is parsed again and must equal the old data with exactly the edit made;
   anything else is refused before a byte is written.

Why not a ruamel.yaml round-trip of the whole file: on ordinary hand-edited YAML it
rewrites `~` to `null`, `key:  value` to `key: value`, `[ a,b ]` to `[a, b]`,
folds multi-line plain scalars (`2023-\n  2024`) into one line, re-indents
4-space mappings and 0-offset sequences, drops `---`, and turns CRLF into LF
(see docs/status-and-diff.md).

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
from ..i18n import _
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
        raise EditError(_("cannot write {value!r} as YAML").format(value=value))
    return candidate


def _read_back(scalar: str) -> Any:
    try:
        return parse("<value>", f"v: {scalar}\n").data.get("v")
    except YamlError:
        return object()


# --------------------------------------------------------------------------- #
# Finding things in the text
# --------------------------------------------------------------------------- #


def compose(text: str, file: str | None = None) -> Node:
    """The node tree of text, with character offsets (start_mark.index / end_mark.index)."""
    where = f"{file}: " if file else ""
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:  # PyYAML's message spans lines: one line, for a message
        raise EditError(where + _("the file is not valid YAML: {reason}").format(reason=" ".join(str(exc).split()))) from None
    if node is None:
        raise EditError(where + _("the file is empty"))
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
        raise EditError(_("no {path} in the file").format(path="/".join(map(str, path))))
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
# Removing a key (a plan's `status:` block, moved into records)
# --------------------------------------------------------------------------- #

Splice = tuple[int, int, str]  # replace text[start:end] with the string


def remove_key(document: Document, mapping_path: DataPath, key: str, file: str = "<plan>") -> Document:
    """document without `key:` (and its value) in the block mapping at mapping_path; every
    other byte unchanged, checked by reading the result back."""
    text = document.text
    mapping = node_at(compose(text, file), mapping_path)
    where = "/".join(map(str, mapping_path))
    if not isinstance(mapping, MappingNode) or mapping.flow_style:
        raise EditError(
            _("{file}: {where} is not a block mapping (`{{…}}` flow style): write it as `key: value` lines first").format(
                file=file, where=where
            )
        )
    entry = _entry(mapping, key)
    if entry is None:
        return document
    key_node, value = entry
    start = _line_start(text, key_node.start_mark.index)
    end = _content_end(value, text, key_node)
    if text[start : key_node.start_mark.index].strip() or not _rest_is_comment(text, end):
        raise EditError(
            _("{file}: `{key}:` of {where} shares its lines with other keys: put it on lines of its own first").format(
                file=file, key=key, where=where
            )
        )
    new_text = _apply(text, [(start, _after_line(text, end), "")])
    _verify_removed(file, text, new_text, mapping_path, key)
    return Document(new_text, document.bom)


def _verify_removed(file: str, old_text: str, new_text: str, mapping_path: DataPath, key: str) -> None:
    try:
        old_data, old_problems = _parsed(old_text)
        new_data, new_problems = _parsed(new_text)
    except YamlError as exc:
        raise EditError(
            _("{file}: the edit would break the file ({reason}); nothing written").format(file=file, reason=exc.problem.message)
        ) from None
    expected = copy.deepcopy(old_data)
    mapping: Any = expected
    for part in mapping_path:
        mapping = mapping[part]
    mapping.pop(key, None)
    if new_data != expected or new_problems != old_problems:
        raise EditError(
            _("{file}: cannot remove `{key}:` without changing other data; nothing written (please report this file's layout)").format(
                file=file, key=key
            )
        )


def _apply(text: str, splices: list[Splice]) -> str:
    ordered = sorted(splices, key=lambda splice: (splice[0], splice[1]))
    for before, after in itertools.pairwise(ordered):
        if after[0] < before[1]:  # pragma: no cover - the spans come from distinct nodes
            raise EditError("internal error: overlapping edits")
    for start, end, replacement in reversed(ordered):
        text = text[:start] + replacement + text[end:]
    return text


@functools.lru_cache(maxsize=4)
def _parsed(text: str) -> tuple[Any, int]:
    """Data and problem count of text (memoised: several edits of one file read it once). Do not mutate."""
    parsed = parse("<plan>", text)
    return parsed.data, len(parsed.problems)


# --------------------------------------------------------------------------- #
# Appending list items (progress records)
# --------------------------------------------------------------------------- #

Scalar = str | int | float | dt.date


def _render_any(value: Scalar) -> str:
    if isinstance(value, bool):  # pragma: no cover - records hold no booleans
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return render_scalar(value)


def item_lines(item: dict[str, Any], indent: str) -> list[str]:
    """A mapping as a block list item (`- key: value` and its keys below), lists of scalars and
    of small mappings included, each scalar rendered so that it reads back as itself."""
    lines: list[str] = []
    inner = indent + "  "
    for number, (key, value) in enumerate(item.items()):
        lead = f"{indent}- " if number == 0 else inner
        if isinstance(value, list):
            lines.append(f"{lead}{key}:")
            for element in value:
                if isinstance(element, dict):
                    lines += item_lines(element, inner + "  ")
                else:
                    lines.append(f"{inner}  - {_render_any(element)}")
        else:
            lines.append(f"{lead}{key}: {_render_any(value)}")
    return lines


def append_items(document: Document, key: str, items: list[dict[str, Any]], file: str = "<records>") -> Document:
    """document with items appended to the block list under the top-level key (created when the
    key is missing or holds an empty list); every other byte unchanged, and checked by reading
    the result back."""
    text = document.text
    root = compose(text, file)
    if not isinstance(root, MappingNode):
        raise EditError(_("{file}: the file is not a mapping of keys").format(file=file))
    entry = _entry(root, key)
    newline = document.newline()
    if entry is None or _is_empty(entry[1]) or (isinstance(entry[1], SequenceNode) and not entry[1].value):
        lines = item_lines(items[0], "  ") + [line for item in items[1:] for line in item_lines(item, "  ")]
        block = newline.join([f"{key}:", *lines])
        if entry is None:
            start = end = len(text)
            prefix = "" if not text or text.endswith("\n") else newline
            splice = (start, end, prefix + block + newline)
        else:
            splice = (entry[0].start_mark.index, _content_end(entry[1], text, entry[0]), block)
    else:
        sequence = entry[1]
        if not isinstance(sequence, SequenceNode) or sequence.flow_style:
            raise EditError(
                _("{file}: `{key}:` is not a block list (`- …` lines): write it so to use cdsplan status").format(file=file, key=key)
            )
        first = sequence.value[0]
        indent = " " * _dash_column(text, first)
        at = _after_line(text, _content_end(sequence, text))
        lines = [line for item in items for line in item_lines(item, indent)]
        block = newline.join(lines)
        splice = (at, at, newline + block) if at == len(text) and not text.endswith("\n") else (at, at, block + newline)
    new_text = _apply(text, [splice])
    _verify_appended(file, text, new_text, key, items)
    return Document(new_text, document.bom)


def _dash_column(text: str, item: Node) -> int:
    """The column of the `-` that starts a block list item."""
    at = item.start_mark.index - 1
    while at >= 0 and text[at] == " ":
        at -= 1
    if at >= 0 and text[at] == "-":
        return at - _line_start(text, at)
    return max(item.start_mark.column - 2, 0)  # pragma: no cover - a block item always follows its dash


def _verify_appended(file: str, old_text: str, new_text: str, key: str, items: list[dict[str, Any]]) -> None:
    try:
        old_data, old_problems = _parsed(old_text) if old_text.strip() else ({}, 0)
        new_data, new_problems = _parsed(new_text)
    except YamlError as exc:
        raise EditError(
            _("{file}: the edit would break the file ({reason}); nothing written").format(file=file, reason=exc.problem.message)
        ) from None
    expected = copy.deepcopy(old_data) if isinstance(old_data, dict) else {}
    expected[key] = [*(expected.get(key) or []), *(nfc_data(item) for item in items)]
    if new_data != expected or new_problems != old_problems:
        raise EditError(
            f"{file}: cannot append to `{key}:` without changing other data; nothing written (please report this file's layout)"
        )


def nfc_data(value: Any) -> Any:
    """value as the reader gives it back: text NFC, integral floats as ints."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: nfc_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [nfc_data(item) for item in value]
    return value
