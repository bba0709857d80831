"""`cdsplan remind`: one reminder letter (công văn đôn đốc) per agency with something overdue or due.

Each letter lists exactly what `cdsplan due --agency <it>` lists for the same question: the
letters of September 2023 are compared, every one, with `due`'s JSON for their agency.
(tests/test_documents.py opens them in LibreOffice and looks at the pages.)
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document

from cdsplan.errors import UsageError
from cdsplan.project import Project
from cdsplan.render.layout import Setter
from cdsplan.render.letters import letters, reply_day
from cdsplan.render.office import WriterOptions, writer
from cdsplan.reports.answers import Question, due_report
from cdsplan.settings import settings_from

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = settings_from(ROOT, {}, None)
SEPTEMBER = Question(dt.date(2023, 9, 1), dt.date(2023, 9, 30), dt.date(2023, 9, 30))
SENDER = WriterOptions("ubqgcds", None, "Hà Nội", "Nguyễn Văn A", "KT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH")


@pytest.fixture(scope="module")
def september():
    project = Project.open(SETTINGS)
    who = writer(SETTINGS, SENDER, project.registry, [])
    written, skipped = letters(project, SEPTEMBER, writer=who, setter=Setter(False), reply_days=10)
    return project, written, skipped


def refs(rows) -> list[tuple]:
    return [(row["plan"], row["task"], row["kind"], row["milestone"], row["occurrence"], row["state"]) for row in rows]


def test_every_letter_lists_what_due_lists_for_its_agency(september):
    project, written, _skipped = september
    assert len(written) > 50
    for letter in written:
        answer = due_report(project, replace(SEPTEMBER, agencies=(letter.holder,), fmt="json"))
        listed = json.loads(answer.text or "[]")
        from cdsplan.reports.due import record

        assert refs([record(entry) for entry in letter.entries]) == refs(listed), letter.holder
        rows = [row for group in letter.context["groups"] for row in group["rows"]]
        assert len(rows) == len(listed), letter.holder


def test_a_letter_for_each_agency_with_something_overdue_or_due(september):
    project, written, skipped = september
    national = json.loads(due_report(project, replace(SEPTEMBER, fmt="summary-json")).text or "[]")
    wanted = {row["holder"] for row in national if row["overdue"] or row["due"]}
    assert {letter.holder for letter in written} | {s.holder for s in skipped} == wanted
    assert len({letter.holder for letter in written}) == len(written), "one letter per agency"
    kinds = {project.registry.by_id[s.holder].kind for s in skipped}
    assert kinds <= {"group"}, "only groups that name no members get no letter"


def test_a_letter_reads_as_a_cong_van(september):
    _project, written, _skipped = september
    letter = next(letter for letter in written if letter.holder == "da-nang").context
    assert letter["addressee"] == "Kính gửi: Ủy ban nhân dân thành phố Đà Nẵng."
    assert letter["header"]["subject"] == "V/v đôn đốc thực hiện nhiệm vụ chuyển đổi số quá hạn, đến hạn tháng 9/2023"
    assert letter["header"]["agency"] == "ỦY BAN QUỐC GIA VỀ CHUYỂN ĐỔI SỐ"  # on one line: Markdown is not measured
    assert re.fullmatch(r"Số: {6}/UBQGCĐS", letter["header"]["number"])
    assert letter["header"]["place_date"] == "Hà Nội, ngày 30 tháng 9 năm 2023"
    assert [g["heading"].split(" (")[0] for g in letter["groups"]] == ["1. Các nhiệm vụ đã quá hạn", "2. Các nhiệm vụ đến hạn trong kỳ"]
    first = letter["groups"][0]["rows"][0]
    assert first["where"] == "Kế hoạch hoạt động của Ủy ban Quốc gia về chuyển đổi số năm 2023, mục IV.0"
    assert first["standing"] == "Quá hạn 183 ngày"
    assert letter["request"].endswith("báo cáo kết quả thực hiện về Ủy ban Quốc gia về chuyển đổi số trước ngày 10/10/2023./.")
    assert letter["closing"]["signer_title_lines"] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_the_reply_day_moves_off_a_weekend():
    assert reply_day(dt.date(2023, 9, 30), 7) == dt.date(2023, 10, 9)  # Saturday 7 October -> Monday
    assert reply_day(dt.date(2023, 9, 30), 10) == dt.date(2023, 10, 10)


def test_cli_writes_a_letter_per_agency_and_an_index(cli, repo_cwd, tmp_path):
    out = tmp_path / "cong-van"
    run = cli(
        "remind", "--month", "9", "--year", "2023", "--as-of", "2023-09-30", "-o", str(out),
        "--agency", "bo-khcn", "--agency", "Đà Nẵng", "--sender", "ubqgcds", "--reply-days", "7",
    )  # fmt: skip
    assert run.code == 0, run.err
    assert sorted(p.name for p in out.iterdir()) == ["bo-khcn.docx", "da-nang.docx", "index.md"]
    assert "wrote 2 letters" in run.err or "2" in run.err
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "| Bộ Khoa học và Công nghệ | [bo-khcn.docx](<bo-khcn.docx>) | 12 | 1 | 5 | 09/10/2023 |" in index
    document = Document(out / "bo-khcn.docx")
    text = "\n".join(p.text for p in document.paragraphs).replace("\u00a0", " ")
    assert "Kính gửi: Bộ Khoa học và Công nghệ." in text
    due = json.loads(cli("due", "--month", "9", "--year", "2023", "--as-of", "2023-09-30", "--agency", "bo-khcn", "--format", "json").out)
    cells = [table.cell(r, 1).text.replace("\u00a0", " ") for table in document.tables[1:-1] for r in range(1, len(table.rows))]
    assert len(cells) == len(due)
    for cell, row in zip(cells, due, strict=True):
        assert f"mục {row['task']}" in cell


def test_cli_markdown_letters_for_e_mail(cli, repo_cwd, tmp_path):
    out = tmp_path / "thu"
    run = cli("remind", "--month", "9", "--year", "2023", "--as-of", "2023-09-30", "-o", str(out), "--agency", "ha noi", "--format", "md")
    assert run.code == 0, run.err
    text = (out / "ha-noi.md").read_text(encoding="utf-8")
    assert "**Kính gửi: Ủy ban nhân dân thành phố Hà Nội.**" in text
    assert "| TT | Nhiệm vụ | Thời hạn | Tình hình | Đã báo cáo |" in text
    assert "nơi gửi chưa khai báo" in (out / "index.md").read_text(encoding="utf-8")


def test_cli_refuses_a_file_for_the_folder_and_an_unknown_sender(cli, repo_cwd, tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    run = cli("remind", "--month", "9", "--year", "2023", "-o", str(tmp_path / "a-file"), "--agency", "bo-khcn")
    assert run.code == 2 and "a folder is wanted" in run.err
    run = cli("remind", "--month", "9", "--year", "2023", "-o", str(tmp_path / "x"), "--sender", "khong-co")
    assert run.code == 2 and "'khong-co' is not an agency of the registry" in run.err


def test_sender_settings_are_typed_and_named_in_errors(tmp_path):
    settings = settings_from(tmp_path, {"sender": "ubqgcds", "reply_days": 15, "signer_title": "BỘ TRƯỞNG"}, tmp_path / "pyproject.toml")
    assert (settings.sender, settings.reply_days, settings.signer_title) == ("ubqgcds", 15, "BỘ TRƯỞNG")
    with pytest.raises(UsageError, match=r"pyproject.toml: \[tool.cdsplan\] reply_days = '10' is not valid: write a whole number of days"):
        settings_from(tmp_path, {"reply_days": "10"}, tmp_path / "pyproject.toml")
    with pytest.raises(UsageError, match=r"\[tool.cdsplan\] sender = 3 is not valid"):
        settings_from(tmp_path, {"sender": 3}, tmp_path / "pyproject.toml")


def test_the_september_letters_are_written_one_per_agency(cli, repo_cwd, tmp_path, september):
    _project, written, skipped = september
    out = tmp_path / "thang-9"
    run = cli("remind", "--month", "9", "--year", "2023", "--as-of", "2023-09-30", "-o", str(out), "--sender", "ubqgcds")
    assert run.code == 0, run.err
    files = sorted(out.glob("*.docx"))
    assert sorted(path.stem for path in files) == sorted(letter.holder for letter in written)
    index = (out / "index.md").read_text(encoding="utf-8")
    assert f"{len(written)} công văn." in index
    assert all(f"`{s.holder}`" in index for s in skipped)
    for path in files:  # each a Word document (tests/test_documents.py prints some)
        document = Document(path)
        assert document.paragraphs[0].text.startswith("Kính gửi: ") or any(p.text.startswith("Kính gửi: ") for p in document.paragraphs), (
            path.name
        )
