"""The cache never serves a stale entry: a changed file, cdsplan or schema each make a miss."""

from __future__ import annotations

import json
import shutil

import pytest

from cdsplan.reading import cache as cache_module
from cdsplan.reading.cache import FileCache

from .conftest import FIXTURES, check


@pytest.fixture
def plans(tmp_path):
    target = tmp_path / "plans"
    shutil.copytree(FIXTURES / "mini" / "plans", target)
    return target


@pytest.fixture
def file_cache(tmp_path):
    cache_module.code_fingerprint.cache_clear()
    yield FileCache(tmp_path / ".cdsplan_cache")
    cache_module.code_fingerprint.cache_clear()


def entries(file_cache, kind="file"):
    """The cache's entries: one per file, and for the whole tree its index ("tree-…") and check result ("check-…")."""
    names = sorted(p.name for p in file_cache.folder.rglob("*") if p.is_file() and p.name != ".gitignore")
    return [name for name in names if name.startswith(("tree-", "check-")) == (kind == "tree")]


def test_second_run_reads_the_cache_and_gives_the_same_result(plans, file_cache):
    first = check([plans], cache=file_cache)
    stored = entries(file_cache)
    assert len(stored) == 2  # the plan and the registry
    assert len(entries(file_cache, "tree")) == 1  # check's result; check keeps no whole-tree index
    second = check([plans], cache=file_cache)
    assert second == first
    assert entries(file_cache) == stored  # nothing new written: every file was a hit
    assert len(entries(file_cache, "tree")) == 1
    assert (file_cache.folder / ".gitignore").read_text() == "*\n"


def test_an_edited_file_is_read_again(plans, file_cache):
    assert check([plans], cache=file_cache).problems == []
    plan = plans / "2023" / "mini.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("lead: bo-yt", "lead: bo-yy"), encoding="utf-8")
    problems = check([plans], cache=file_cache).problems
    assert [(p.line, p.code) for p in problems] == [(17, "unknown-agency")]
    assert len(entries(file_cache)) == 3  # the registry's entry served again; the plan's new one added
    plan.write_text(plan.read_text(encoding="utf-8").replace("lead: bo-yy", "lead: bo-yt"), encoding="utf-8")
    assert check([plans], cache=file_cache).problems == []


def test_a_new_cdsplan_version_misses(plans, file_cache, monkeypatch):
    check([plans], cache=file_cache)
    before = set(entries(file_cache))
    monkeypatch.setattr(cache_module, "SCHEMA_V1", "cdsplan/v1-changed")
    cache_module.code_fingerprint.cache_clear()
    check([plans], cache=file_cache)
    assert len(set(entries(file_cache)) - before) == 2


def test_changed_cdsplan_code_misses(plans, file_cache, monkeypatch, tmp_path):
    check([plans], cache=file_cache)
    before = set(entries(file_cache))
    fake_package = tmp_path / "pkg"
    (fake_package / "reading").mkdir(parents=True)
    (fake_package / "deep" / "er").mkdir(parents=True)
    (fake_package / "deep" / "er" / "rule.py").write_text("# another version of cdsplan, two levels down\n")
    monkeypatch.setattr(cache_module, "__file__", str(fake_package / "reading" / "cache.py"))
    cache_module.code_fingerprint.cache_clear()
    check([plans], cache=file_cache)
    assert len(set(entries(file_cache)) - before) == 2


def test_a_corrupt_entry_is_a_miss(plans, file_cache):
    first = check([plans], cache=file_cache)
    for entry in file_cache.folder.rglob("*"):
        if entry.is_file() and entry.name != ".gitignore":
            entry.write_bytes(b"not a cache entry")
    assert check([plans], cache=file_cache) == first


def test_an_entry_is_only_data(plans, file_cache):
    """An entry that would run code if it were unpickled is refused as foreign, and rebuilt."""
    import os
    import pickle

    class Boom:
        def __reduce__(self):
            return (os.system, ("touch pwned",))

    first = check([plans], cache=file_cache)
    for entry in file_cache.folder.rglob("*"):
        if entry.is_file() and entry.name != ".gitignore":
            entry.write_bytes(pickle.dumps(Boom()))
    assert check([plans], cache=file_cache) == first
    assert not (plans / "pwned").exists() and not os.path.exists("pwned")


def test_an_entry_moved_to_another_key_is_foreign(plans, file_cache):
    check([plans], cache=file_cache)
    entries_ = sorted(p for p in file_cache.folder.rglob("*") if p.is_file() and p.name != ".gitignore")
    check_entry = next(p for p in entries_ if p.name.startswith("check-"))
    other = next(p for p in entries_ if not p.name.startswith("check-"))
    assert file_cache.get(other.name, object) is not None
    other.write_bytes(check_entry.read_bytes())  # a valid entry, under the wrong key
    assert file_cache.get(other.name, object) is None


def test_a_fifo_in_place_of_an_entry_is_a_miss(plans, file_cache):
    import os

    first = check([plans], cache=file_cache)
    entry = next(p for p in file_cache.folder.rglob("check-*"))
    entry.unlink()
    os.mkfifo(entry)
    assert check([plans], cache=file_cache) == first


def test_a_read_only_cache_folder_is_no_cache(plans, tmp_path):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache folder would go")
    cache = FileCache(blocker / "cache")
    assert check([plans], cache=cache).problems == []
    assert cache.writable is False


def test_a_registry_edit_reaches_unchanged_plans(plans, file_cache):
    assert check([plans], cache=file_cache).problems == []
    registry = plans / "agencies.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("id: bo-yt", "id: bo-yte"), encoding="utf-8")
    problems = check([plans], cache=file_cache).problems
    assert [(p.file.endswith("mini.yaml"), p.line, p.code) for p in problems] == [(True, 17, "unknown-agency")]
    assert "did you mean 'bo-yte'" in problems[0].message


def test_a_repeated_due_question_follows_an_edit(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("CDSPLAN_CACHE_DIR")
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", project)
    args = ("due", "--month", "9", "--year", "2023", "--as-of", "2023-09-20", "--format", "json")
    first = cli(*args, cwd=project)
    assert [r["task"] for r in json.loads(first.out) if r["state"] == "overdue"] == ["I.1"]
    assert cli(*args, cwd=project).out == first.out  # answered from the cache
    plan = project / "plans" / "2023" / "mini.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("when: trong Quý I/2023", "when: trong Quý IV/2023"), encoding="utf-8")
    again = json.loads(cli(*args, cwd=project).out)
    assert [r["task"] for r in again if r["state"] == "overdue"] == []
    assert (project / ".cdsplan_cache").is_dir()
