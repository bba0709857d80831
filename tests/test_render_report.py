"""The progress report (render --template report): one way to count, the same as `due --summary`.

The report's numbers are compared with `cdsplan due --summary --format json` run by the CLI for
the same question — a plan, a year's plans, agencies, a window — on the real plans; its parts
(in progress with notes and evidence, targets planned and achieved) on the render fixture, which
has progress records.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from docx import Document

from cdsplan.render import charts, documents
from cdsplan.render.charts import Gallery
from cdsplan.render.layout import Setter
from cdsplan.render.office import WriterOptions, writer
from cdsplan.render.report import Ask, report_context
from cdsplan.schedule.summary import BUCKETS
from cdsplan.settings import find_settings, settings_from

ROOT = Path(__file__).resolve().parent.parent
SAFE = Path(__file__).resolve().parent / "fixtures" / "render"
SETTINGS = settings_from(ROOT, {}, None)
SAFE_SETTINGS = find_settings(SAFE)
SEPTEMBER = (dt.date(2023, 9, 1), dt.date(2023, 9, 30))
AS_OF = dt.date(2023, 9, 30)


def report_of(target: str | None, ask: Ask, settings=SETTINGS, *, docx: bool = False) -> dict:
    project, plans, _base = documents.select_plans(target, settings)
    who = writer(settings, WriterOptions(), project.registry, [plan.issuer for plan in plans])
    return report_context(project, plans, ask, setter=Setter(docx), gallery=Gallery(), writer=who)


def summary_json(cli, *arguments: str) -> list[dict]:
    run = cli("due", "--summary", "--format", "json", *arguments)
    assert run.code in (0, 1), run.err
    return json.loads(run.out)


def assert_same_counts(report: dict, rows: list[dict]) -> None:
    by_holder = {row["holder"]: {name: row[name] for name in (*BUCKETS, "total")} for row in rows}
    mine = {agency["id"]: {name: agency[name] for name in (*BUCKETS, "total")} for agency in report["agencies"]}
    assert mine == by_holder
    assert report["totals"] == {name: sum(row[name] for row in rows) for name in BUCKETS}
    assert report["total"] == sum(row["total"] for row in rows)


QUESTIONS = [
    pytest.param("ubqgcds-2023", Ask(*SEPTEMBER, AS_OF), ["--month", "9", "--year", "2023", "--plan", "ubqgcds-2023"], id="a plan"),
    pytest.param(
        "2023",
        Ask(*SEPTEMBER, AS_OF),
        ["--month", "9", "--year", "2023", *(f"--plan={p}" for p in ("bkhcn-cds-2023-2025", "bkhcn-ndcds-2023", "ubqgcds-2023"))],
        id="a year",
    ),
    pytest.param(
        "2023",
        Ask(*SEPTEMBER, AS_OF, ("bo-khcn", "Đà Nẵng")),
        ["--month", "9", "--year", "2023", "--agency", "bo-khcn", "--agency", "Đà Nẵng"]
        + [f"--plan={p}" for p in ("bkhcn-cds-2023-2025", "bkhcn-ndcds-2023", "ubqgcds-2023")],
        id="agencies",
    ),
    pytest.param(
        "btttt-ndcds-2024",
        Ask(dt.date(2024, 9, 1), dt.date(2024, 10, 31), dt.date(2024, 10, 5), ("bo y te",)),
        ["--from", "2024-09-01", "--to", "2024-10-31", "--plan", "btttt-ndcds-2024", "--agency", "bo y te"],
        id="a window and an agency",
    ),
]


@pytest.mark.parametrize(("target", "ask", "arguments"), QUESTIONS)
def test_the_report_counts_what_due_summary_counts(cli, repo_cwd, target, ask, arguments):
    report = report_of(target, ask)
    rows = summary_json(cli, *arguments, "--as-of", ask.as_of.isoformat())
    assert rows, "the question has an answer"
    assert_same_counts(report, rows)


def test_the_per_agency_tables_list_what_is_overdue_due_and_in_progress(repo_cwd):
    report = report_of("ubqgcds-2023", Ask(*SEPTEMBER, AS_OF, ("bo-khcn",)))
    (section,) = report["sections"]
    assert section["id"] == "bo-khcn"
    assert len(section["rows"]) == section["overdue"] + section["due"] + section["in_progress"]
    standing = [row["standing"] for row in section["rows"]]
    assert standing[0] == "Quá hạn 183 ngày" and standing[-1].startswith(("Còn ", "Hạn hôm nay"))
    assert [row["number"] for row in section["rows"]] == [str(n) for n in range(1, len(section["rows"]) + 1)]


def test_in_progress_items_carry_their_latest_note_and_evidence():
    report = report_of("an-toan-2023", Ask(*SEPTEMBER, dt.date(2023, 9, 20)), SAFE_SETTINGS)
    (item,) = report["in_progress"]
    assert item["ref"] == "an-toan-2023#II.3"
    assert item["holder"] == "Thành phố Hà Nội"
    assert (item["on_text"], item["note"]) == ("18/09/2023", "Đã có dự thảo | <sơ kết>")
    assert item["evidence"] == ["Báo cáo số 45/BC-UBND ngày 18/9/2023"]
    assert report["totals"]["in_progress"] == 1


def test_targets_are_planned_against_achieved():
    report = report_of("an-toan-2023", Ask(*SEPTEMBER, dt.date(2023, 9, 20)), SAFE_SETTINGS)
    (target,) = report["targets"]
    assert (target["planned"], target["achieved"], target["met"]) == ("≥ 100%", "85% (15/09/2023)", "Chưa đạt")


def test_the_bar_chart_fits_a_page_and_says_what_it_leaves_out(repo_cwd):
    report = report_of("ubqgcds-2023", Ask(*SEPTEMBER, AS_OF))
    assert len(report["agencies"]) > charts.MAX_BARS
    note = report["chart_note"]
    assert note.startswith(f"Hình vẽ {charts.MAX_BARS} trong số {len(report['agencies'])} đơn vị")
    png = report["chart"].data("png")
    width, height = (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big"))
    assert height / charts.PNG_DPI <= charts.PAGE_INCHES[1] and width / charts.PNG_DPI <= charts.PAGE_INCHES[0] + 0.01


def test_timelines_are_grouped_and_each_fits_a_page(repo_cwd):
    national = report_of("ubqgcds-2023", Ask(*SEPTEMBER, AS_OF))
    (plan,) = national["timelines"]  # many holders: one picture for the plan, a row per item
    assert plan["title"] == "Kế hoạch hoạt động của Ủy ban Quốc gia về chuyển đổi số năm 2023"
    assert re.fullmatch(rf"{charts.MAX_ROWS} trong số \d+ mục, quá hạn và đến hạn trước\.", plan["caption"])
    by_agency = report_of("2023", Ask(*SEPTEMBER, AS_OF, ("bo-khcn", "da-nang")))
    assert [t["title"] for t in by_agency["timelines"]] == ["Bộ Khoa học và Công nghệ", "Thành phố Đà Nẵng"]
    for timeline in (*national["timelines"], *by_agency["timelines"]):
        png = timeline["picture"].data("png")
        assert int.from_bytes(png[20:24], "big") / charts.PNG_DPI <= charts.PAGE_INCHES[1]


def test_timeline_rows_name_the_holder_and_the_item():
    rows = [charts.Row(label) for label in ("Tỉnh An Giang — IV.0 Ban chỉ đạo chuyển đổi số của các tỉnh", "UBND tỉnh Lào Cai — IV.12")]
    for row in rows:
        row.bars.append(charts.Bar(None, dt.date(2023, 3, 31), "overdue"))
    svg = charts.timeline(rows, as_of=AS_OF, title="Kế hoạch", fmt="svg").decode("utf-8")
    assert "Tỉnh An Giang — IV.0 Ban chỉ đạo chuyển đổi số" in svg
    assert svg == charts.timeline(rows, as_of=AS_OF, title="Kế hoạch", fmt="svg").decode("utf-8"), "deterministic"


def test_markdown_report_writes_its_pictures_beside_it(tmp_path, repo_cwd):
    output = tmp_path / "bao-cao.md"
    result = documents.render(
        "ubqgcds-2023", template="report", output=output, as_of=AS_OF, window=SEPTEMBER, agencies=("bo-khcn",), settings=SETTINGS
    )
    assert result.written == [output, tmp_path / "bao-cao.chart.svg", tmp_path / "bao-cao.timeline-1.svg"]
    text = output.read_text(encoding="utf-8")
    assert text.startswith(
        "# BÁO CÁO: Tình hình thực hiện kế hoạch hoạt động của Ủy ban Quốc gia về chuyển đổi số năm 2023 của Bộ Khoa học và Công nghệ"
    )
    assert "](<bao-cao.chart.svg>)" in text and "## II. Tình hình theo đơn vị" in text
    assert "| Bộ Khoa học và Công nghệ | 12 | 1 | 0 | 2 | 0 | 0 | 15 |" in text  # due --summary --plan ubqgcds-2023 --agency bo-khcn


def test_docx_report(tmp_path, repo_cwd):
    output = tmp_path / "bao-cao.docx"
    documents.render(
        "ubqgcds-2023", template="report", output=output, as_of=AS_OF, window=SEPTEMBER, agencies=("bo-khcn",), settings=SETTINGS
    )
    document = Document(output)
    kinds = [p.text for p in document.paragraphs if p.style.name == "Tên loại văn bản"]
    assert kinds == ["BÁO CÁO"]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "I. TÌNH HÌNH CHUNG",
        "II. TÌNH HÌNH THEO ĐƠN VỊ",
        "III. NHIỆM VỤ ĐANG THỰC HIỆN",
        "IV. CHỈ TIÊU",
        "V. TIẾN ĐỘ THỰC HIỆN",
    ]
    assert len(document.inline_shapes) == 2, "the bar chart and one timeline"
    number = document.tables[0].cell(1, 0).paragraphs[0].text.replace("\u00a0", " ")
    assert re.fullmatch(r"Số: {6}/BC-UBQGCĐS", number)


def test_the_report_options_want_a_report_template(tmp_path, repo_cwd):
    from cdsplan.errors import UsageError

    with pytest.raises(UsageError, match="use --template report"):
        documents.render("ubqgcds-2023", output=tmp_path / "x.md", as_of=AS_OF, window=SEPTEMBER, settings=SETTINGS)
    assert not (tmp_path / "x.md").exists()


def test_cli_report_for_an_agency(cli, repo_cwd, tmp_path):
    output = tmp_path / "bao-cao.docx"
    run = cli(
        "render",
        "--template",
        "report",
        "--month",
        "9",
        "--year",
        "2023",
        "--as-of",
        "2023-09-30",
        "--agency",
        "bo y te",
        "-o",
        str(output),
    )
    assert run.code == 0, run.err
    assert output.is_file() and "bao-cao.docx" in run.err
    run = cli("render", "ubqgcds-2023", "--month", "9", "--from", "2023-09-01", "--to", "2023-09-30")
    assert run.code == 2 and "--month/--year or --from/--to" in run.err
