"""docs/deadlines.md stays true to the reader: its forms section is generated from the
forms table and the lexicon, and every text of a row reads as the row says.

After a deliberate change, refresh it with
    CDSPLAN_UPDATE_DOCS=1 python -m pytest tests/deadlines/test_docs.py
or  python -m cdsplan.deadlines.docs --write docs/deadlines.md
and review the diff."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from cdsplan.deadlines import Context, DeadlineError, families_help, read_when
from cdsplan.deadlines import docs as generator
from cdsplan.deadlines.forms import FORMS, KNOWN_FORMS, NEAREST_FORMS, SIGNED_FORMS
from cdsplan.deadlines.lexicon import FAMILIES

DOC = Path(__file__).resolve().parents[2] / "docs" / "deadlines.md"

ROWS = [(family, form) for family, forms in FORMS for form in forms]


def test_the_forms_section_is_generated_from_the_lexicon() -> None:
    document = DOC.read_text(encoding="utf-8")
    updated = generator.splice(document)
    if os.environ.get("CDSPLAN_UPDATE_DOCS") and updated != document:
        DOC.write_text(updated, encoding="utf-8")
        return
    assert generator.BEGIN in document and generator.END in document
    assert updated == document, "docs/deadlines.md drifted from the lexicon: see this module's docstring to refresh it"


def test_the_generator_checks_and_writes(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Deadlines\n", encoding="utf-8")
    assert generator.main(["--check", str(page)]) == 1
    assert generator.main(["--write", str(page)]) == 0
    assert generator.main(["--check", str(page)]) == 0
    assert page.read_text(encoding="utf-8").startswith("# Deadlines\n\n" + generator.BEGIN)


@pytest.mark.parametrize(("family", "form"), ROWS, ids=[f"{f[:12]}:{r.texts[0][:40]}" for f, r in ROWS])
def test_every_text_of_a_row_reads_alike(family: str, form: generator.Form) -> None:
    ctx = generator.context(form)
    first = read_when(form.texts[0], ctx)
    for text in form.texts[1:]:
        assert read_when(text, ctx) == first, (family, text)


def test_the_word_lists_are_shown() -> None:
    words = generator.words_markdown()
    for phrase in ("Thường xuyên".lower(), "khi có yêu cầu", "ngày ký", "và các năm tiếp theo", "định hướng đến"):
        assert f"`{phrase}`" in words


def test_known_forms_read_in_any_plan_and_nearest_forms_are_known() -> None:
    for form in KNOWN_FORMS:
        assert read_when(form, Context(2024, 2025)), form
    signed = Context(2024, 2025, signed=date(2024, 8, 20))
    for form in (*SIGNED_FORMS, *NEAREST_FORMS):
        assert read_when(form, signed), form
    for form in SIGNED_FORMS:
        with pytest.raises(DeadlineError) as info:
            read_when(form, Context(2024, 2025))
        assert info.value.needs == "signed"


def test_families_for_when_help() -> None:
    text = families_help()
    lines = text.splitlines()
    assert len(lines) == len(FAMILIES)
    for line, (_name, example) in zip(lines, FAMILIES, strict=True):
        assert line.endswith(example)
    ctx = Context(2024, 2025)
    for _name, example in FAMILIES:
        for text in example.split(", "):
            if "kể từ ngày ký" in text:
                continue
            assert read_when(text, ctx), text
