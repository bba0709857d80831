"""The one module that parses YAML for reading: values plus the position of every key and value.

Reading uses libyaml (PyYAML's C parser) for speed and builds plain Python
values itself, so that it can keep positions, refuse aliases and duplicate
keys, read dates strictly and normalise text to NFC. Editing (round-trip,
comment-preserving) is the splice of `cdsplan.progress.yamledit`.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..i18n import _
from ..problems import Problem
from ..rules import rule
from ..text import nfc

DataPath = tuple[str | int, ...]  # keys and list indexes from the root to a value
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


class _Composer(CParser, _Resolver):
    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        _Resolver.__init__(self)

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        # Called by the C composer for every node: the common cases skip the regex tables.
        if kind is ScalarNode:
            if not implicit[0] or (value and value[0] not in _MAYBE_TYPED):
                return _STR
            return str(_Resolver.resolve(self, kind, value, implicit))  # type: ignore[no-untyped-call]
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
    values: dict[DataPath, Position] = field(default_factory=dict)
    keys: dict[DataPath, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: DataPath, *, key: bool = False) -> Position:
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
            rule("encoding").at(
                file,
                line,
                column,
                _(
                    "not UTF-8: byte 0x{byte:02X} cannot be read; the file seems saved in another encoding (Windows-1258, Latin-1…): save it as UTF-8"
                ).format(byte=byte),
            )
        ) from None


def parse(file: str, text: str) -> Parsed:
    """Parse one YAML document; raises YamlError when the text is not YAML.

    The cyclic garbage collector is paused meanwhile: composing makes millions of objects
    that are all kept, and collecting among them made a 6 MB file take 16 s instead of 3."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse(file, text)
    finally:
        if collecting:
            gc.enable()


def _parse(file: str, text: str) -> Parsed:
    composer = _Composer(text)
    try:
        root = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise YamlError(_syntax_problem(file, text, exc)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, ESC, U+FFFE…), at its place
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlError(
            rule("yaml-syntax").at(
                file,
                *_Lines(text).position(exc.position),
                _("YAML syntax: the character U+{code:04X} is not allowed in a YAML file: remove it").format(code=code),
            )
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(rule("yaml-syntax").at(file, 1, 1, _("YAML syntax: {reason}").format(reason=exc))) from None
    finally:
        composer.dispose()
    parsed = Parsed(file, None)
    if root is None:
        raise YamlError(rule("empty-file").at(file, 1, 1, _("the file is empty: a plan starts with 'schema: cdsplan/v1'")))
    builder = _Builder(parsed, text)
    parsed.data = builder.value(root, ())
    builder.unquoted_breaks()
    return parsed


def _syntax_problem(file: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """The parser's complaint, at the cause when it is clear, with what to do about it."""
    mark = exc.problem_mark or exc.context_mark
    lines = _Lines(text)
    line, column = lines.position(mark.index) if mark else (1, 1)
    message = " ".join(part for part in (exc.context, exc.problem) if part)
    hint = None
    breaker = _other_break_near(text, mark.index) if mark else None
    if breaker is not None:
        line, column = lines.position(breaker)
        hint = _(
            "this line holds an invisible line separator (U+{code:04X}), which YAML reads as a line break: remove it, or put the value in double quotes"
        ).format(code=ord(text[breaker]))
    elif mark and text[mark.index : mark.index + 1] == "\t":
        hint = _("a tab; indent with spaces, not tabs")
    elif (exc.problem or "").startswith("mapping values are not allowed") and mark:
        cause = _plain_value_start(text, mark.index)
        if cause is not None:
            line, column = lines.position(cause)
            hint = _("this value holds ': ', which YAML reads as a new key: put the whole value in double quotes")
    elif exc.context == "while scanning a quoted scalar" and exc.context_mark:
        line, column = lines.position(exc.context_mark.index)
        hint = _("the quote opened here is not closed: close it at the end of the value")
    elif exc.problem and "could not find expected ':'" in exc.problem and exc.context_mark:
        line, column = lines.position(exc.context_mark.index)
        hint = _("a line here is neither `key: value` nor `- item`: check its indentation, or quote a value that runs on")
    text_message = _("YAML syntax: {reason}").format(reason=message)
    if hint:
        text_message += ": " + hint
    return rule("yaml-syntax").at(file, line, column, text_message)


def _other_break_near(text: str, index: int) -> int | None:
    """Where a NEL, LS or PS stands on the line (as editors count lines) where the parser
    stopped, or on the one before."""
    start = text.rfind("\n", 0, max(text.rfind("\n", 0, index), 0)) + 1
    end = text.find("\n", index)
    end = len(text) if end == -1 else end
    return next((offset for offset in range(start, end) if text[offset] in _OTHER_BREAKS), None)


def _plain_value_start(text: str, index: int) -> int | None:
    """Where the plain value whose ': ' stopped the parser at index begins (`title: A: B`), if
    the line is a `key: value` line."""
    start = text.rfind("\n", 0, index) + 1
    line = text[start:index]
    key_end = line.find(": ")
    if key_end == -1 or line.lstrip(" -").startswith(("'", '"', "{", "[")):
        return None
    value = key_end + 2
    while value < len(line) and line[value] == " ":
        value += 1
    return start + value if value < len(line) and line[value] not in "'\"" else None


# libyaml also breaks lines at NEL, LS and PS (U+0085, U+2028, U+2029); editors and git do not,
# so positions are recounted by "\n" when a file holds one of them.
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")


class _Lines:
    """1-based line and column of an offset, counted the way editors count them."""

    __slots__ = ("starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] | None = None
        if any(breaker in text for breaker in _OTHER_BREAKS):
            self.starts = [0, *(index + 1 for index, char in enumerate(text) if char == "\n")]

    def position(self, index: int) -> Position:
        import bisect

        if self.starts is None:
            line = self.text.count("\n", 0, index)
            return line + 1, index - (self.text.rfind("\n", 0, index) + 1) + 1
        line = bisect.bisect_right(self.starts, index) - 1
        return line + 1, index - self.starts[line] + 1

    def of(self, mark: Any) -> Position:
        """A node's mark as (line, column); libyaml's own counts when they agree with editors'."""
        if self.starts is None:
            return mark.line + 1, mark.column + 1
        return self.position(mark.index)


_PROPERTY = re.compile(r"(?:^|[\s\[{,?:-])[!&]\S", re.M)
# Longer numbers are not plan data, and int() of thousands of digits is refused by Python.
MAX_DIGITS = 18

# Deeper than any plan (sections in sections are a dozen levels); a bound keeps the builder's
# recursion far from Python's limit whatever a file holds.
MAX_DEPTH = 64


class _Builder:
    """Turns composed nodes into Python values, recording positions and problems."""

    __slots__ = ("keys", "lines", "parsed", "properties", "quoted", "seen", "text", "values")

    def __init__(self, parsed: Parsed, text: str) -> None:
        self.parsed = parsed
        self.text = text
        self.lines = _Lines(text)
        # Whether any node may carry a tag or an anchor: most files have none, and then no node
        # needs looking at ("Bộ TT&TT" is text: an anchor follows a space, a bracket or a comma).
        self.properties = _PROPERTY.search(text) is not None
        self.values = parsed.values
        self.keys = parsed.keys
        self.seen: set[int] = set()
        self.quoted: list[tuple[int, int]] = []  # spans of quoted scalars, when the text has NEL, LS or PS

    def unquoted_breaks(self) -> None:
        """A NEL, LS or PS outside quotes: YAML breaks the line there and editors do not, so
        `title: A<U+2029>id: x` holds a key that nobody sees. An error at the character."""
        if self.lines.starts is None:
            return
        spans = sorted(self.quoted)
        for offset, char in enumerate(self.text):
            if char in _OTHER_BREAKS and not any(start <= offset < end for start, end in spans):
                self.parsed.problems.append(
                    rule("yaml-syntax").at(
                        self.parsed.file,
                        *self.lines.position(offset),
                        _(
                            "an invisible line separator (U+{code:04X}) outside quotes, which YAML reads as a line break: remove it, or put the value in double quotes"
                        ).format(code=ord(char)),
                    )
                )
                return  # one is enough to say what to do

    def problem(self, node: Node, code: str, message: str) -> None:
        self.parsed.problems.append(rule(code).at(self.parsed.file, *self.lines.of(node.start_mark), message))

    def value(self, node: Node, path: DataPath) -> Any:
        position = self.values[path] = self.lines.of(node.start_mark)
        if self.properties and self.refused(node, path, position):
            return None
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if len(path) >= MAX_DEPTH:
            self.problem(node, "too-large", _("nesting deeper than {limit} levels: a plan is never this deep").format(limit=MAX_DEPTH))
            return None
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.value(item, (*path, index)) for index, item in enumerate(node.value)]
        return None

    def refused(self, node: Node, path: DataPath, position: Position) -> bool:
        """Anchors, aliases and tags, each reported where it stands."""
        if id(node) in self.seen:
            # An alias shares its anchor's node (and mark): point at the key that uses it.
            line, column = self.keys.get(path) or self.values.get(path[:-1], position)
            self.parsed.problems.append(
                rule("alias").at(
                    self.parsed.file,
                    line,
                    column,
                    _("anchors and aliases (&name, *name) are not allowed in plan files: write the content out"),
                )
            )
            return True
        self.seen.add(id(node))
        first = self.text[node.start_mark.index : node.start_mark.index + 1]
        if first == "!":
            self.problem(node, "bad-tag", _("YAML tags (!tag) are not allowed in plan files: write the plain value"))
        elif first == "&":
            self.problem(node, "alias", _("anchors and aliases (&name, *name) are not allowed in plan files: write the content out"))
        return first in ("!", "&")

    def mapping(self, node: MappingNode, path: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or (
                self.properties and self.text[key_node.start_mark.index : key_node.start_mark.index + 1] in ("!", "&")
            ):
                self.problem(key_node, "bad-key", _("a key must be a plain name, not a list, a mapping, a tag or an alias"))
                continue
            # Keys are names: read them as written, so that `on:` is "on", not YAML 1.1's True.
            key = nfc(key_node.value)
            key_path = (*path, key)
            if key in result:
                first = self.keys[key_path][0]
                self.problem(
                    key_node, "duplicate-key", _("duplicate key '{key}' (first at line {line}): keep one").format(key=key, line=first)
                )
                continue
            self.keys[key_path] = self.lines.of(key_node.start_mark)
            result[key] = self.value(value_node, key_path)
        return result

    def scalar(self, node: ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if self.lines.starts is not None and node.style in ('"', "'"):
            self.quoted.append((node.start_mark.index, node.end_mark.index))
        if tag == _STR or node.style:
            return nfc(text)
        if tag in (_INT, _FLOAT) and len(text) > MAX_DIGITS:
            self.problem(
                node,
                "too-large",
                _("a number of {count} characters: numbers in plans have at most {limit}").format(count=len(text), limit=MAX_DIGITS),
            )
            return None
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
                self.problem(
                    node, "invalid-date", _("{text} is not a real date ({reason}): check the day and month").format(text=text, reason=exc)
                )
                return None
        self.problem(node, "bad-tag", _("unsupported YAML tag {tag}: write plain values").format(tag=tag))
        return None
