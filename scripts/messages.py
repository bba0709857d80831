#!/usr/bin/env python3
"""The message catalogues: extract, update, compile, check (docs/translating.md).

    python scripts/messages.py           # src/cdsplan/locale/cdsplan.pot from the source, then for
                                         # each language: update its .po, compile its .mo
    python scripts/messages.py --check   # change nothing; exit 1 listing what is out of date,
                                         # untranslated, fuzzy or has other placeholders

Where the messages are and which calls mark them is read from `[tool.babel]` in pyproject.toml.
The files hold no dates, no versions and no line numbers, and the messages in alphabetical
order, so that running this again on unchanged messages changes no file, and moving code
changes none either (git tells when a message changed).
"""

from __future__ import annotations

import argparse
import io
import os
import string
import sys
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, unescape, write_po

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
DOMAIN = "cdsplan"
# The languages that have a catalogue: every one of cdsplan.i18n.LANGUAGES but English (the ids).
TRANSLATED = ("vi",)
# Header fields left out: those that would change on every run or with every babel release,
# and an address for bug reports, which the project has not.
OMITTED_HEADERS = frozenset({"POT-Creation-Date", "PO-Revision-Date", "Generated-By", "Report-Msgid-Bugs-To"})
# The dates babel needs an object for; never written (see OMITTED_HEADERS).
NO_DATE = datetime(1970, 1, 1, tzinfo=UTC)
WIDTH = 100


class StableCatalog(Catalog):
    """A catalogue whose header has none of OMITTED_HEADERS."""

    @property
    def mime_headers(self) -> list[tuple[str, str]]:
        headers: list[tuple[str, str]] = Catalog.mime_headers.fget(self)  # type: ignore[attr-defined]
        # the project without its version, so that a release changes no catalogue
        return [(name, DOMAIN if name == "Project-Id-Version" else value) for name, value in headers if name not in OMITTED_HEADERS]

    @mime_headers.setter
    def mime_headers(self, headers: Iterable[tuple[str, str]]) -> None:
        Catalog.mime_headers.fset(self, headers)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Config:
    """[tool.babel] of pyproject.toml: where to look and which calls are messages."""

    input_paths: tuple[str, ...]
    method_map: list[tuple[str, str]]
    keywords: dict[str, Any]
    comment_tags: tuple[str, ...]
    pot: Path

    @property
    def locale_dir(self) -> Path:
        return self.pot.parent

    def po(self, language: str) -> Path:
        return self.locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"

    def mo(self, language: str) -> Path:
        return self.po(language).with_suffix(".mo")


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise SystemExit(f"pyproject.toml [tool.babel]: expected a string or a list of strings, got {value!r}")


def read_config(pyproject: Path = PYPROJECT) -> Config:
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    babel = data["tool"]["babel"]
    extract = babel["extract_messages"]
    method_map = [(str(entry["pattern"]), str(entry["method"])) for entry in babel["mappings"]]
    keywords = parse_keywords(_strings(extract["keywords"]))
    return Config(
        input_paths=tuple(_strings(extract["input_paths"])),
        method_map=method_map,
        keywords=keywords,
        comment_tags=tuple(_strings(extract.get("add_comments", []))),
        pot=pyproject.parent / extract["output_file"],
    )


def _new_catalog(config: Config, language: str | None) -> StableCatalog:
    catalog = StableCatalog(
        locale=language,
        domain=DOMAIN,
        project=DOMAIN,
        last_translator="the cdsplan maintainers",
        language_team=f"{language} (docs/translating.md)" if language else "",
        creation_date=NO_DATE,
        revision_date=NO_DATE,
        fuzzy=language is None,
        header_comment=(
            f"# Messages of cdsplan{f', language {language}' if language else ''}.\n"
            "# Made by scripts/messages.py from the source: see docs/translating.md.\n"
            "#"
        ),
    )
    return catalog


def extract(config: Config, root: Path = ROOT) -> StableCatalog:
    """The template: every message of the source, where it is, and its `# translators:` comments."""
    template = _new_catalog(config, None)
    for path in config.input_paths:
        found = extract_from_dir(
            root / path,
            method_map=config.method_map,
            keywords=config.keywords,
            comment_tags=config.comment_tags,
            strip_comment_tags=False,
        )
        for filename, lineno, message, comments, context in found:
            where = Path(path, filename).as_posix()
            template.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    return template


def po_text(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, ignore_obsolete=True, include_lineno=False, sort_output=True)
    return buffer.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def read_catalog(config: Config, path: Path, language: str | None) -> StableCatalog:
    """path's catalogue with the canonical header (the one this script writes)."""
    with path.open("rb") as file:
        read = read_po(file, locale=language, domain=DOMAIN)
    catalog = _new_catalog(config, language)
    for message in read:
        if message.id:
            _read_previous(message)
            catalog[message.id] = message
    for key, message in read.obsolete.items():
        catalog.obsolete[key] = message
    return catalog


def _read_previous(message: Message) -> None:
    """The `#| msgid` lines that PO editors write, which babel's read_po takes for comments, as
    message.previous_id (which this script does not write: babel wraps it into broken lines)."""
    kept: list[str] = []
    previous: list[str] = []
    for comment in message.user_comments:
        body = comment[2:] if comment.startswith("| ") else None
        if body is None:
            kept.append(comment)
        elif body.startswith("msgid_plural "):
            previous.append(unescape(body[len("msgid_plural ") :]))
        elif body.startswith("msgid "):
            previous.append(unescape(body[len("msgid ") :]))
        elif body.startswith('"') and previous:
            previous[-1] += unescape(body)
        else:
            kept.append(comment)
    if previous:
        message.user_comments = kept
        message.previous_id = previous


def updated(config: Config, template: Catalog, language: str) -> StableCatalog:
    """language's catalogue for template: translations kept; a changed message fuzzy, with its old translation."""
    path = config.po(language)
    catalog = read_catalog(config, path, language) if path.exists() else _new_catalog(config, language)
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False, keep_user_comments=True)
    catalog.obsolete.clear()
    catalog.fuzzy = False
    catalog.creation_date = catalog.revision_date = NO_DATE
    return catalog


def placeholders(text: str) -> set[tuple[str, str, str]]:
    """The {name!conversion:spec} fields of a format string (ValueError if it is not one)."""
    found = set()
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            found.add((name, conversion or "", spec or ""))
    return found


def _shown(fields: set[tuple[str, str, str]]) -> str:
    shown = sorted(
        "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}" for name, conversion, spec in fields
    )
    return ", ".join(shown) or "none"


def _ids(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]


def _strings_of(message: Message) -> list[str]:
    if isinstance(message.string, (list, tuple)):
        return list(message.string)
    return [message.string or ""]


def problems(template: Catalog, catalog: Catalog) -> list[str]:
    """What keeps catalog from being a whole, faithful translation of template (one line each)."""
    found: list[str] = []
    for message in template:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        first = _ids(message)[0]
        where = " ".join(f"{file}:{line}" for file, line in message.locations[:1])
        entry = catalog.get(key, message.context)
        if entry is None:
            found.append(f"missing: {first!r} ({where})")
            continue
        texts = _strings_of(entry)
        if not all(texts):
            found.append(f"untranslated: {first!r} ({where})")
            continue
        if entry.fuzzy:
            found.append(f"fuzzy: {first!r} ({where}): check the translation, then delete its `#, fuzzy` line")
            continue
        try:
            wanted = set().union(*(placeholders(text) for text in _ids(message)))
        except ValueError as error:
            found.append(f"message is not a format string: {first!r} ({where}): {error}")
            continue
        for text in texts:
            try:
                given = placeholders(text)
            except ValueError as error:
                found.append(f"translation is not a format string: {first!r} ({where}): {error}")
                continue
            if given != wanted:
                found.append(f"placeholders differ: {first!r} ({where}) has {_shown(wanted)}, the translation {_shown(given)}")
            if unicodedata.normalize("NFC", text) != text:
                found.append(f"not NFC: the translation of {first!r} ({where})")
    known = {message.id if isinstance(message.id, str) else message.id[0] for message in template if message.id}
    for entry in catalog:
        if entry.id and (entry.id if isinstance(entry.id, str) else entry.id[0]) not in known:
            found.append(f"obsolete: {_ids(entry)[0]!r} is no longer in the source")
    return found


def _write(path: Path, content: bytes) -> bool:
    if path.exists() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)
    return True


def _relative(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def run(config: Config) -> int:
    template = extract(config)
    changed = []
    if _write(config.pot, po_text(template)):
        changed.append(config.pot)
    left = 0
    for language in TRANSLATED:
        catalog = updated(config, template, language)
        if _write(config.po(language), po_text(catalog)):
            changed.append(config.po(language))
        if _write(config.mo(language), mo_bytes(catalog)):
            changed.append(config.mo(language))
        todo = problems(template, catalog)
        left += len(todo)
        for line in todo:
            print(f"{language}: {line}")
    count = sum(1 for message in template if message.id)
    print(f"{count} messages; " + (f"wrote {', '.join(_relative(path) for path in changed)}" if changed else "no file changed"))
    if left:
        print(f"{left} to do: translate them in the .po files named above, then run python scripts/messages.py again")
    return 0


def check(config: Config) -> int:
    template = extract(config)
    found: list[str] = []
    if not config.pot.exists() or config.pot.read_bytes() != po_text(template):
        found.append(f"{_relative(config.pot)} is not the extraction of the source")
    for language in TRANSLATED:
        po, mo = config.po(language), config.mo(language)
        if not po.exists():
            found.append(f"{_relative(po)} is missing")
            continue
        catalog = read_catalog(config, po, language)
        found += [f"{language}: {line}" for line in problems(template, catalog)]
        if po.read_bytes() != po_text(updated(config, template, language)):
            found.append(f"{_relative(po)} is not up to date with the source")
        if not mo.exists() or mo.read_bytes() != mo_bytes(catalog):
            found.append(f"{_relative(mo)} is not the compilation of {_relative(po)}")
    if found:
        for line in found:
            print(line)
        print(f"{len(found)} problems: run python scripts/messages.py, translate what it lists, and run it again")
        return 1
    print("the catalogues are complete and up to date")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a catalogue is incomplete or out of date")
    arguments = parser.parse_args(argv)
    config = read_config()
    return check(config) if arguments.check else run(config)


if __name__ == "__main__":
    sys.exit(main())
