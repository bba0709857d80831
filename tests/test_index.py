"""The index: the same answer read serially, in parallel, or from the cache."""

from __future__ import annotations

import shutil

from cdsplan.project import Project
from cdsplan.reading.cache import FileCache
from cdsplan.reading.index import PARALLEL_FROM, refs
from cdsplan.reading.index import build_index as build
from cdsplan.settings import settings_from

from .conftest import FIXTURES


def many_plans(tmp_path, count):
    plans = tmp_path / "plans"
    (plans / "2023").mkdir(parents=True)
    shutil.copy(FIXTURES / "mini" / "plans" / "agencies.yaml", plans)
    text = (FIXTURES / "mini" / "plans" / "2023" / "mini.yaml").read_text(encoding="utf-8")
    for number in range(count):
        body = text.replace("id: mini-2023", f"id: mini-{number}-2023")
        if number == 7:
            body = body.replace("lead: bo-yt", "lead: bo-yy")
        (plans / "2023" / f"mini-{number}.yaml").write_text(body, encoding="utf-8")
    return plans


def build_index(paths, *, jobs, cache=None, keep_tree=True):
    project = Project(settings_from(paths[0].parent, {}, None), paths, cache=cache)
    return build(project.scan, jobs=jobs, cache=cache, keep_tree=keep_tree)


def summary(index):
    return [(item.path, item.problems, list(refs(item)), item.items, item.rows) for item in index.files]


def test_parallel_indexing_gives_the_serial_answer(tmp_path):
    plans = many_plans(tmp_path, PARALLEL_FROM + 6)
    serial = build_index([plans], jobs=1)
    cache = FileCache(tmp_path / "cache")
    parallel = build_index([plans], jobs=2, cache=cache)
    assert summary(parallel) == summary(serial)
    assert len(parallel.files) == PARALLEL_FROM + 7
    assert ("bo-yy", 17, 15) in refs(next(item for item in parallel.files if item.path.endswith("mini-7.yaml")))
    # the workers stored each file's index: a second run reads them all from the cache
    stored = {p.name for p in cache.folder.rglob("*") if p.is_file() and not p.name.startswith(("tree-", "."))}
    assert len(stored) == PARALLEL_FROM + 7
    assert summary(build_index([plans], jobs=1, cache=cache, keep_tree=False)) == summary(serial)


def test_the_registry_comes_with_the_index(tmp_path):
    index = build_index([many_plans(tmp_path, 2)], jobs=1)
    assert index.registry is not None and "bo-yt" in index.registry
    assert index.registry_path.endswith("agencies.yaml")
    assert sorted(index.plan_ids()) == ["mini-0-2023", "mini-1-2023"]
