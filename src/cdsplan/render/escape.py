"""Plan text is data: every value a template prints is escaped for the format it goes into.

Markdown: backslash escapes, `<br>` for newlines, pipes escaped in tables; DOCX: XML escaped,
newlines as line breaks; so "R&D <AI> | a" or "{{ 7*7 }}" in a title comes out exactly so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~$])")
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_MD_BLOCK_START = re.compile(r"^[-+=#>]")
_MD_ORDERED_START = re.compile(r"^(\d+)([.)])(?=\s|$)")


def clean_text(text: str) -> str:
    """Text without the control characters XML cannot hold (tabs and newlines stay)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def md_escape(value: object) -> str:
    """value as Markdown text that renders as itself on GitHub and GitLab: markup characters
    backslash-escaped (pipes too, so tables stay intact), newlines as <br>, no block markup."""
    text = clean_text(str(value)).strip()
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    lines = [line.strip() for line in text.split("\n")]
    lines = [_MD_ORDERED_START.sub(r"\1\\\2", "\\" + line if _MD_BLOCK_START.match(line) else line) for line in lines]
    return "<br>".join(lines)


def visible_blanks(text: str, mark: str = "……") -> str:
    """Runs of spaces left for the office to fill in ('Số:      /QĐ-…') made visible where
    spaces collapse (Markdown, HTML): 'Số: ……/QĐ-…'."""

    def blank(match: re.Match[str]) -> str:
        following = text[match.end() : match.end() + 1]
        return (" " if match.start() else "") + mark + (" " if following.isalnum() else "")

    return re.sub(r" {3,}", blank, text)


def finalizer(escape: Callable[[object], str]) -> Callable[[object], object]:
    """What every `{{ … }}` of a template becomes: data escaped for the format, Markup (macros,
    `|safe`, images) as it is."""

    def finalize(value: object) -> object:
        from markupsafe import Markup

        if value is None:
            return Markup("")
        if isinstance(value, Markup):
            return value
        if hasattr(value, "__html__"):
            return Markup(value.__html__())
        return Markup(escape(value))

    return finalize


def docx_escape(value: object) -> str:
    """value as text inside a DOCX run: XML-escaped, control characters dropped (docxtpl turns
    newlines into line breaks), '_' as a character reference so that text such as '{_{' is not
    taken for template syntax by docxtpl's post-processing."""
    from markupsafe import escape

    return str(escape(clean_text(str(value)))).replace("_", "&#95;")


def join_filter(escape: Callable[[object], str]) -> Callable[..., Any]:
    """`|join` for our templates: items escaped for the format, the separator taken as written."""
    from markupsafe import Markup

    def join(value: Iterable[Any], separator: str = "", attribute: str | None = None) -> Markup:
        items = [item.get(attribute) if isinstance(item, dict) and attribute else item for item in value]
        parts = [item if isinstance(item, Markup) else Markup(escape(item)) for item in items if item is not None]
        return Markup(separator).join(parts)

    return join
