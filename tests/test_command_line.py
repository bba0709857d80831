"""The command line as a coordinator meets it: its language, its width, its order, finding
things, and the usual amenities (version, completion, dates as plans write them)."""

from __future__ import annotations

import json
import re
from importlib.metadata import version

import pytest

import cdsplan
from cdsplan.i18n import _, set_language

BAD = "tests/fixtures/bad/plans"
SEPTEMBER = ("--month", "9", "--year", "2023", "--as-of", "2023-09-30")

pytestmark = pytest.mark.vietnamese


def vietnamese(message: str) -> str:
    set_language("vi")
    try:
        return _(message)
    finally:
        set_language("en")


@pytest.fixture(autouse=True)
def _plain(monkeypatch):
    for name in ("CDSPLAN_LANG", "COLUMNS", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    yield
    set_language("en")


# --- Vietnamese first, English on request ------------------------------------------------------


def test_help_speaks_vietnamese_by_default_and_english_with_lang_en(cli, repo_cwd):
    vi, en = cli("--help"), cli("--lang", "en", "--help")
    assert vi.code == en.code == 0
    assert en.out.startswith("Usage: cdsplan [OPTIONS] COMMAND")
    usage = vietnamese("Usage: {usage}").split("{usage}")[0]
    assert usage != "Usage: " and vi.out.startswith(usage)
    assert vietnamese("Options:") in vi.out and vietnamese("Commands:") in vi.out
    for name in ("check", "due", "search", "agencies", "tasks", "when"):
        assert re.search(rf"^  {name}\s", vi.out, re.M), name


@pytest.mark.parametrize("command", ["check", "due", "tasks", "search", "agencies", "status", "when", "diff", "render", "schema"])
def test_every_commands_help_is_translated_and_has_no_rich_boxes(cli, repo_cwd, command):
    vi, en = cli(command, "--help"), cli("--lang", "en", command, "--help")
    assert vi.code == en.code == 0
    assert vi.out != en.out
    assert "╭" not in vi.out and "<bool>" not in vi.out and "…" not in vi.out.split("\n")[0]
    assert vietnamese("Show this help and exit.") in vi.out


def test_cdsplan_lang_and_the_settings_choose_the_language(cli, repo_cwd, monkeypatch, tmp_path):
    monkeypatch.setenv("CDSPLAN_LANG", "en")
    assert cli("--help").out.startswith("Usage:")
    monkeypatch.delenv("CDSPLAN_LANG")
    (tmp_path / "pyproject.toml").write_text('[tool.cdsplan]\nlang = "en"\n', encoding="utf-8")
    (tmp_path / "plans").mkdir()
    assert cli("--help", cwd=tmp_path).out.startswith("Usage:")
    assert cli("--lang", "vi", "--help", cwd=tmp_path).out.startswith(vietnamese("Usage: {usage}").split("{usage}")[0])


def test_lang_may_follow_the_command(cli, repo_cwd):
    before, after, joined = cli("--lang", "en", "check", BAD), cli("check", BAD, "--lang", "en"), cli("check", "--lang=en", BAD)
    assert before == after == joined and before.code == 1 and "error" in before.out
    assert cli("check", BAD, "--lang", "fr").code == 2
    # after `--` it is an argument like any other
    assert cli("when", "--", "--lang").code == 2 and "'--lang'" in cli("--lang", "en", "when", "--", "--lang").err


def test_an_unknown_language_is_a_usage_error(cli, repo_cwd):
    run = cli("--lang", "fr", "check")
    assert run.code == 2 and "fr" in run.err and "vi, en" in run.err and "Traceback" not in run.err


def test_check_speaks_the_language_and_keeps_its_codes(cli, repo_cwd):
    vi, en = cli("check", BAD), cli("--lang", "en", "check", BAD)
    assert vi.code == en.code == 1
    assert "unknown agency 'bo-y-te'" in en.out
    assert "unknown agency" not in vi.out
    codes = [re.findall(r"\[([a-z-]+)\]$", line) for line in en.out.splitlines()]
    assert codes == [re.findall(r"\[([a-z-]+)\]$", line) for line in vi.out.splitlines()]
    assert [line.split(": ")[0] for line in vi.out.splitlines() if line.startswith("tests/")] == [
        line.split(": ")[0] for line in en.out.splitlines() if line.startswith("tests/")
    ]


def test_json_keys_and_codes_do_not_change_with_the_language(cli, repo_cwd):
    vi = json.loads(cli("check", BAD, "--format", "json").out)
    en = json.loads(cli("--lang", "en", "check", BAD, "--format", "json").out)

    def strip(problems):
        return [{key: value for key, value in problem.items() if key != "message"} for problem in problems]

    assert vi and strip(vi) == strip(en)
    assert [problem["message"] for problem in vi] != [problem["message"] for problem in en]


def test_usage_errors_are_translated_and_exit_two(cli, repo_cwd):
    for args, english in [
        (("due", "--month", "13"), "--month: give a whole number from 1 to 12"),
        (("due", "--bogus"), "no such option: --bogus"),
        (("due", "--format", "pdf"), "--format: choose one of table, json, md, csv, ics, xlsx"),
        (("nosuch",), "no such command 'nosuch'"),
    ]:
        en, vi = cli("--lang", "en", *args), cli(*args)
        assert en.code == vi.code == 2
        assert english in en.err and "Traceback" not in en.err + vi.err
        assert english not in vi.err


def test_when_explains_in_the_language(cli):
    en, vi = cli("--lang", "en", "when", "Quý III/2024"), cli("when", "Quý III/2024")
    assert en.code == vi.code == 0 and en.out != vi.out
    # days as plans write them in Vietnamese, ISO 8601 in English
    assert "01/07/2024 → 30/09/2024" in vi.out and "2024-07-01" not in vi.out
    assert "2024-07-01 → 2024-09-30" in en.out


# --- Tables fit the terminal -------------------------------------------------------------------


def test_a_160_column_terminal_shows_whole_titles(cli, repo_cwd, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    run = cli("due", *SEPTEMBER, "--agency", "bo-tttt")
    lines = run.out.splitlines()
    assert max(len(line) for line in lines) <= 160
    entries = json.loads(cli("due", *SEPTEMBER, "--agency", "bo-tttt", "--format", "json").out)
    fitting = [" ".join(entry["title"].split()) for entry in entries if len(entry["title"]) < 110 and not entry["milestone"]]
    assert fitting
    for title in fitting:
        assert any(title in line for line in lines), title


def test_long_titles_wrap_instead_of_being_cut(cli, repo_cwd, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    run = cli("due", *SEPTEMBER, "--agency", "bo-tttt")
    assert max(len(line) for line in run.out.splitlines()) <= 60
    assert "…" not in "".join(line for line in run.out.splitlines() if line.startswith("  "))
    entries = json.loads(cli("due", *SEPTEMBER, "--agency", "bo-tttt", "--format", "json").out)
    words = " ".join(run.out.split())
    for entry in entries[:20]:
        assert " ".join(entry["title"].split()) in words


def test_days_read_naturally(cli, repo_cwd):
    days = {entry["days"] for entry in json.loads(cli("due", *SEPTEMBER, "--agency", "ubqgcds", "--format", "json").out)}
    assert 0 in days and any(day < 0 for day in days)
    en = cli("--lang", "en", "due", *SEPTEMBER, "--agency", "ubqgcds").out
    assert "due today" in en and "183 days overdue" in en and "0 days" not in en
    vi = cli("due", *SEPTEMBER, "--agency", "ubqgcds").out
    assert vietnamese("due today") in vi and vietnamese("due today") != "due today"


def test_milestones_are_marked_as_such(cli, repo_cwd):
    entries = json.loads(cli("tasks", "--format", "json", "--as-of", "2023-09-30").out)
    with_milestone = next(entry for entry in entries if entry["milestone"])
    table = cli("--lang", "en", "tasks", "--as-of", "2023-09-30", "--plan", with_milestone["plan"]).out
    assert re.search(rf"^{re.escape(with_milestone['plan'])}#{re.escape(with_milestone['task'])} · milestone \d", table, re.M)


def test_markers_are_explained_once_in_a_legend(cli, repo_cwd):
    run = cli("--lang", "en", "due", *SEPTEMBER, "--agency", "Hà Nội")
    assert run.out.count("Legend:") == 1
    legend = run.out.split("Legend:")[1]
    assert "[together]" in legend and "[together]" in run.out.split("Legend:")[0]


def test_no_colour_off_a_terminal_or_with_no_color(cli, repo_cwd, monkeypatch):
    assert "\x1b[" not in cli("due", *SEPTEMBER).out
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" not in cli("due", *SEPTEMBER).out


# --- Vietnamese order --------------------------------------------------------------------------


def test_the_national_due_list_is_in_vietnamese_agency_order(cli, repo_cwd):
    from cdsplan.project import Project
    from cdsplan.settings import find_settings

    registry = Project.open(find_settings()).registry
    holders = list(dict.fromkeys(entry["holder"] for entry in json.loads(cli("due", *SEPTEMBER, "--format", "json").out)))
    assert holders == sorted(holders, key=registry.order)
    kinds = [registry.by_id[holder].kind for holder in holders]
    assert kinds.index("ministry") < kinds.index("province")
    names = [registry.name(holder) for holder in holders]
    table = cli("due", *SEPTEMBER).out
    assert [name for name in names if f"\n{name} (" in table] == [
        line.rsplit(" (", 1)[0] for line in table.splitlines() if line.rsplit(" (", 1)[0] in names
    ]


def test_agencies_lists_the_registry_in_vietnamese_order(cli, repo_cwd):
    listed = json.loads(cli("agencies", "--format", "json").out)
    ids = [agency["id"] for agency in listed]
    assert ids.index("bac-lieu") < ids.index("bac-giang") < ids.index("bac-kan") < ids.index("bac-ninh")
    assert ids.index("ubqgcds") < ids.index("bo-ca") < ids.index("ha-noi")
    merged = next(agency for agency in listed if agency["id"] == "bo-khdt")
    assert merged["succeeded_by"] == "bo-tc" and merged["successor"] == "Bộ Tài chính"


# --- Finding things ----------------------------------------------------------------------------


def test_search_finds_the_open_data_tasks_of_the_2023_appendix(cli, repo_cwd):
    hits = json.loads(cli("search", "du", "lieu", "mo", "--format", "json").out)
    refs = [hit["ref"] for hit in hits]
    appendix = {f"ubqgcds-2023#PL.2.{number}" for number in (1, 2, 3, 4, 5)}
    assert appendix <= set(refs[:10])
    assert all("dữ liệu mở" in hit["title"].lower() for hit in hits[:5])
    assert [hit["score"] for hit in hits] == sorted((hit["score"] for hit in hits), reverse=True)
    every = ("--format", "json", "--limit", "1000")
    accented = {hit["ref"] for hit in json.loads(cli("search", "DỮ LIỆU MỞ", *every).out)}
    assert accented and accented == {hit["ref"] for hit in json.loads(cli("search", "du lieu mo", *every).out)}


def test_search_in_a_table_and_with_nothing_found(cli, repo_cwd):
    run = cli("--lang", "en", "search", "lgsp")
    assert run.code == 0 and "bkhcn-cds-2023-2025#PL.III.1  (task)" in run.out
    assert cli("--lang", "en", "search", "zzzxq").out == "Nothing found.\n"
    assert cli("search", "  ").code == 2


def test_agencies_finds_by_words_of_the_name(cli, repo_cwd):
    assert [agency["id"] for agency in json.loads(cli("agencies", "y", "te", "--format", "json").out)] == ["bo-yt"]
    assert "bo-tttt" in cli("agencies", "BTTTT").out


def test_tasks_by_plan_and_state_as_md_and_ics(cli, repo_cwd):
    args = ("tasks", "--plan", "btttt-ndcds-2024", "--state", "overdue", "--state", "done", "--as-of", "2024-10-01")
    entries = json.loads(cli(*args, "--format", "json").out)
    assert entries and {entry["plan"] for entry in entries} == {"btttt-ndcds-2024"}
    assert {entry["state"] for entry in entries} <= {"overdue", "done"}
    md = cli(*args, "--format", "md").out
    assert md.startswith("# ") and entries[0]["task"] in md
    ics = cli(*args, "--format", "ics").out
    assert ics.startswith("BEGIN:VCALENDAR") and ics.count("BEGIN:VEVENT") >= 1


def test_repeated_agency_options_accumulate(cli, repo_cwd):
    both = json.loads(cli("due", *SEPTEMBER, "--agency", "bo-yt", "--agency", "ha-noi", "--format", "json").out)
    assert {entry["holder"] for entry in both} == {"bo-yt", "ha-noi"}


# --- The usual amenities -----------------------------------------------------------------------


def test_version(cli):
    run = cli("--version")
    assert run.code == 0 and run.out == f"cdsplan {cdsplan.__version__}\n" and cdsplan.__version__ == version("cdsplan")


def test_days_as_plans_write_them(cli, repo_cwd):
    iso = cli("due", "--month", "9", "--year", "2023", "--as-of", "2023-09-30", "--format", "json")
    assert iso.out == cli("due", "--month", "9", "--year", "2023", "--as-of", "30/09/2023", "--format", "json").out
    window = cli("due", "--from", "1/9/2023", "--to", "30/09/2023", "--as-of", "30/09/2023", "--format", "json")
    assert window.code == 0 and window.out == iso.out
    assert cli("due", "--as-of", "31/09/2023").code == 2


def test_completion_installs_and_completes_an_agency_id(cli, repo_cwd, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("SHELL", "/bin/bash")
    run = cli("--install-completion", "bash")
    assert run.code == 0, run.err
    installed = "\n".join(path.read_text(encoding="utf-8") for path in tmp_path.rglob("*") if path.is_file())
    assert "_CDSPLAN_COMPLETE=complete_bash" in installed
    monkeypatch.setenv("_CDSPLAN_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "cdsplan due --agency bo-y")
    monkeypatch.setenv("COMP_CWORD", "3")
    assert cli().out.split() == ["bo-yt"]
    monkeypatch.setenv("COMP_WORDS", "cdsplan due --plan btttt")
    assert cli().out.split() == ["btttt-ndcds-2024"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_completion_scripts_for_every_shell(cli, shell):
    run = cli("--show-completion", shell)
    assert run.code == 0 and "_CDSPLAN_COMPLETE" in run.out.upper()
