"""The one module that parses YAML for reading: values plus the position of every key and value.

Reading uses libyaml (PyYAML's C parser) for speed and builds plain Python
values itself, so that it can keep positions, refuse aliases and duplicate
keys, read dates strictly and normalise text to NFC. Editing (round-trip,
comment-preserving) is ruamel.yaml's job, in `edit.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem
from .text import nfc

Path = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column

BOM = b"\xef\xbb\xbf"

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_DATE = "tag:yaml.org,2002:timestamp"


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core scalars (as ruamel.yaml reads them), not 1.1's yes/no/on/off or sexagesimals."""


for _tag, _pattern, _first in (
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_INT, r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    (_FLOAT, r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (_DATE, r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$", "0123456789"),
):
    _Resolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


# First characters that can start a non-string plain scalar; anything else is text, at once.
_MAYBE_TYPED = frozenset("-+0123456789.~nNtTfF")
_SEQ_TAG, _MAP_TAG = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class _Composer(CParser, _Resolver):  # type: ignore[misc]
    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        _Resolver.__init__(self)

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        # Called by the C composer for every node: the common cases skip the regex tables.
        if kind is ScalarNode:
            if not implicit[0] or (value and value[0] not in _MAYBE_TYPED):
                return _STR
            return _Resolver.resolve(self, kind, value, implicit)
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG


class YamlError(Exception):
    """The file cannot be parsed at all; carries the one problem that says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass(slots=True)
class Parsed:
    """A parsed document: its data and where each part of it stands in the file."""

    file: str
    data: Any
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: Path, *, key: bool = False) -> Position:
        """The position of path's key (key=True) or value, else of its nearest enclosing part."""
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            if path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


def decode(file: str, raw: bytes) -> str:
    """UTF-8 text (a BOM is dropped); other encodings are a clear error at the first bad byte."""
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        raise YamlError(
            Problem(
                file, line, column, "error", "encoding",
                f"not UTF-8: byte 0x{byte:02X} cannot be read; the file seems saved in another "
                "encoding (Windows-1258, Latin-1…): save it as UTF-8",
            )
        ) from None


def parse(file: str, text: str) -> Parsed:
    """Parse one YAML document; raises YamlError when the text is not YAML."""
    composer = _Composer(text)
    try:
        root = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise YamlError(_syntax_problem(file, text, exc)) from None
    except yaml.YAMLError as exc:
        raise YamlError(Problem(file, 1, 1, "error", "yaml-syntax", str(exc))) from None
    finally:
        composer.dispose()
    parsed = Parsed(file, None)
    if root is None:
        raise YamlError(
            Problem(file, 1, 1, "error", "empty-file", "the file is empty: a plan starts with 'schema: cdsplan/v1'")
        )
    parsed.data = _Builder(parsed).value(root, ())
    return parsed


def _syntax_problem(file: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = " ".join(part for part in (exc.context, exc.problem) if part)
    if mark and text[mark.index : mark.index + 1] == "\t":
        message += ": a tab; indent with spaces, not tabs"
    return Problem(file, line, column, "error", "yaml-syntax", f"YAML syntax: {message}")


class _Builder:
    """Turns composed nodes into Python values, recording positions and problems."""

    __slots__ = ("parsed", "values", "keys", "seen")

    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        self.values = parsed.values
        self.keys = parsed.keys
        self.seen: set[int] = set()

    def problem(self, node: Node, code: str, message: str) -> None:
        mark = node.start_mark
        self.parsed.problems.append(
            Problem(self.parsed.file, mark.line + 1, mark.column + 1, "error", code, message)
        )

    def value(self, node: Node, path: Path) -> Any:
        mark = node.start_mark
        self.values[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if id(node) in self.seen:
            # An alias shares its anchor's node (and mark): point at the key that uses it.
            line, column = self.keys.get(path) or self.values.get(path[:-1], self.values[path])
            self.parsed.problems.append(
                Problem(
                    self.parsed.file, line, column, "error", "alias",
                    "anchors and aliases (&name, *name) are not allowed in plan files: write the content out",
                )
            )
            return None
        self.seen.add(id(node))
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.value(item, (*path, index)) for index, item in enumerate(node.value)]
        return None

    def mapping(self, node: MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, "bad-key", "a key must be a plain name, not a list or mapping")
                continue
            # Keys are names: read them as written, so that `on:` is "on", not YAML 1.1's True.
            key = nfc(key_node.value)
            key_path = (*path, key)
            mark = key_node.start_mark
            if key in result:
                first = self.keys[key_path][0]
                self.problem(key_node, "duplicate-key", f"duplicate key '{key}' (first at line {first}): keep one")
                continue
            self.keys[key_path] = (mark.line + 1, mark.column + 1)
            result[key] = self.value(value_node, key_path)
        return result

    def scalar(self, node: ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == _STR or node.style:
            return nfc(text)
        if tag == _INT:
            return int(text)
        if tag == _FLOAT:
            return float(text)
        if tag == _BOOL:
            return text.lower() == "true"
        if tag == _NULL:
            return None
        if tag == _DATE:
            year, month, day = (int(part) for part in text.split("-"))
            try:
                return dt.date(year, month, day)
            except ValueError as exc:
                self.problem(node, "invalid-date", f"{text} is not a real date ({exc}): check the day and month")
                return None
        self.problem(node, "bad-tag", f"unsupported YAML tag {tag}: write plain values")
        return None
