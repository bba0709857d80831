"""The Vietnamese message catalogue: whole, faithful to the source, compiled (docs/translating.md)."""

from __future__ import annotations

import importlib.util
import io
import string
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from cdsplan import i18n

from .conftest import ROOT

FIX = "run python scripts/messages.py and translate the entries it lists in src/cdsplan/locale/vi/LC_MESSAGES/cdsplan.po"


def _load_script() -> ModuleType:
    name = "cdsplan_messages_script"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "messages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


messages = _load_script()
CONFIG = messages.read_config()
PO = CONFIG.po("vi")
MO = CONFIG.mo("vi")


@pytest.fixture(scope="module")
def template() -> Catalog:
    """Every message of the source, extracted now with babel."""
    return messages.extract(CONFIG)


@pytest.fixture(scope="module")
def catalogue() -> Catalog:
    with PO.open("rb") as file:
        return read_po(file, locale="vi", domain=i18n.DOMAIN)


@pytest.fixture
def language(monkeypatch):
    """set_language for one test; the language of the other tests (English ids) comes back after it."""
    monkeypatch.setattr(i18n, "_translation", i18n._translation)
    monkeypatch.setattr(i18n, "_language", i18n._language)
    return i18n.set_language


def _key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _ids(message: Message) -> list[str]:
    return [message.id] if isinstance(message.id, str) else list(message.id)


def _strings(message: Message) -> list[str]:
    return [message.string or ""] if isinstance(message.string, str) or message.string is None else list(message.string)


def _where(message: Message) -> str:
    return ", ".join(f"{file}:{line}" for file, line in message.locations[:2]) or "?"


def untranslated(template: Catalog, catalogue: Catalog) -> list[str]:
    """The source's messages that the catalogue lacks, leaves empty or marks fuzzy."""
    found = []
    for message in template:
        if not message.id:
            continue
        entry = catalogue.get(_key(message), message.context)
        if entry is None:
            found.append(f"not in the catalogue: {_key(message)!r} ({_where(message)})")
        elif not all(text.strip() for text in _strings(entry)):
            found.append(f"untranslated: {_key(message)!r} ({_where(message)})")
        elif entry.fuzzy:
            found.append(f"fuzzy (check it, then delete `#, fuzzy`): {_key(message)!r} ({_where(message)})")
    return found


def fields(text: str) -> set[tuple[str, str, str]]:
    """{name!conversion:spec} of a format string, as str.format reads it."""
    return {(name, conversion or "", spec or "") for _, name, spec, conversion in string.Formatter().parse(text) if name is not None}


def test_the_source_has_messages(template):
    count = sum(1 for message in template if message.id)
    assert count > 500
    assert template.get("no such file or folder") is not None
    plurals = [message for message in template if message.id and message.pluralizable]
    assert plurals, "ngettext messages are extracted with their plural"
    for message in template:
        for file, _line in message.locations:
            assert file.startswith("src/cdsplan/") and file.endswith(".py"), file
            assert not file.startswith("src/cdsplan/render/templates/"), file


def test_every_message_of_the_source_is_translated(template, catalogue):
    missing = untranslated(template, catalogue)
    assert not missing, f"{len(missing)} messages are not translated: {FIX}:\n" + "\n".join(missing)


def test_no_obsolete_entries(template, catalogue):
    known = {_key(message) for message in template if message.id}
    obsolete = [_key(entry) for entry in catalogue if entry.id and _key(entry) not in known]
    obsolete += [_key(entry) for entry in catalogue.obsolete.values()]
    assert not obsolete, f"these entries are no longer in the source: {FIX}:\n" + "\n".join(map(repr, obsolete))


def test_a_new_message_is_caught(tmp_path, catalogue):
    """What a developer sees after adding `_("...")` without translating it."""
    package = tmp_path / "src" / "cdsplan"
    package.mkdir(parents=True)
    (package / "new.py").write_text(
        "from .i18n import _, ngettext\n\n"
        "# translators: a hint kept for the translator\n"
        "print(_('a brand-new message {name}').format(name=1))\n"
        "print(_('no such file or folder'))\n"
        "print(ngettext('{n} new thing', '{n} new things', 2).format(n=2))\n",
        encoding="utf-8",
    )
    fresh = messages.extract(CONFIG, root=tmp_path)
    assert fresh.get("a brand-new message {name}").auto_comments == ["translators: a hint kept for the translator"]
    missing = untranslated(fresh, catalogue)
    assert [line.split(":")[0] for line in missing] == ["not in the catalogue", "not in the catalogue"]
    assert "'a brand-new message {name}' (src/cdsplan/new.py:4)" in missing[0]
    assert messages.problems(fresh, catalogue)[:2] == [
        "missing: 'a brand-new message {name}' (src/cdsplan/new.py:4)",
        "missing: '{n} new thing' (src/cdsplan/new.py:6)",
    ]


def test_placeholders_are_the_messages(catalogue):
    wrong = []
    for entry in catalogue:
        if not entry.id:
            continue
        wanted = set().union(*(fields(text) for text in _ids(entry)))
        for text in _strings(entry):
            try:
                given = fields(text)
            except ValueError as error:
                wrong.append(f"{_key(entry)!r}: the translation is not a format string ({error})")
                continue
            if given != wanted:
                wrong.append(f"{_key(entry)!r}: {sorted(wanted)} in the message, {sorted(given)} in the translation")
    assert not wrong, "a translation keeps every placeholder of its message, names and format specs alike:\n" + "\n".join(wrong)


def test_a_trailing_newline_is_kept(catalogue):
    for entry in catalogue:
        if entry.id:
            for text in _strings(entry):
                assert text.endswith("\n") == _key(entry).endswith("\n"), _key(entry)


def test_translations_are_nfc(catalogue):
    not_nfc = [_key(entry) for entry in catalogue if entry.id and any(unicodedata.normalize("NFC", t) != t for t in _strings(entry))]
    assert not not_nfc, "write the Vietnamese in NFC (precomposed letters):\n" + "\n".join(map(repr, not_nfc))


def test_one_plural_form(catalogue):
    assert catalogue.num_plurals == 1
    assert catalogue.plural_expr == "0"
    for entry in catalogue:
        if entry.id and entry.pluralizable:
            assert len(_strings(entry)) == 1, _key(entry)


def test_the_committed_mo_is_the_compilation_of_the_po(catalogue):
    compiled = io.BytesIO()
    write_mo(compiled, messages.read_catalog(CONFIG, PO, "vi"), use_fuzzy=False)
    assert MO.read_bytes() == compiled.getvalue(), f"{MO.relative_to(ROOT)} is out of date: {FIX}"
    with MO.open("rb") as file:
        read = read_mo(file)
    assert {_key(m): _strings(m) for m in read if m.id} == {_key(m): _strings(m) for m in catalogue if m.id}


def test_the_files_are_up_to_date(capsys):
    """`python scripts/messages.py --check`: the .pot, the .po and the .mo are what the script makes of the source."""
    code = messages.main(["--check"])
    assert code == 0, capsys.readouterr().out


def test_the_installed_package_reads_the_catalogue():
    assert (Path(i18n.LOCALE_DIR) / "vi" / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo").is_file()


def test_vietnamese_then_english(language):
    language("vi")
    assert i18n.language() == "vi"
    assert i18n._("no such file or folder") == "không có tệp hoặc thư mục này"
    assert i18n._("unknown agency '{id}'").format(id="bo-x") == "cơ quan không xác định 'bo-x'"
    language("en")
    assert i18n._("no such file or folder") == "no such file or folder"
    assert i18n._("unknown agency '{id}'").format(id="bo-x") == "unknown agency 'bo-x'"


def test_a_count_takes_the_one_vietnamese_form(language):
    language("vi")
    for count in (0, 1, 2, 21):
        assert i18n.ngettext("{count} file", "{count} files", count).format(count=count) == f"{count} tệp"
    language("en")
    assert i18n.ngettext("{count} file", "{count} files", 1).format(count=1) == "1 file"
    assert i18n.ngettext("{count} file", "{count} files", 2).format(count=2) == "2 files"


def test_a_marked_message_is_translated_where_shown(language):
    from cdsplan.progress.sheet import COLUMNS

    language("vi")
    assert [i18n._(column.label) for column in COLUMNS][:2] == ["Mục", "Đơn vị"]
