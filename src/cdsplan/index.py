"""What cdsplan keeps of each file between runs, and the whole tree's index.

Indexing a file loads it fully (YAML, schema, file rules) and keeps only what
the commands need afterwards: its problems, its plan's id, the agency ids it
names with their positions, and its occurrences. Models and positions are
dropped, so memory stays flat however many files there are, and an unchanged
tree is answered from the cache without parsing anything.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from .agencies import AgencyRecord, Registry
from .cache import FileCache
from .occurrences import Occurrence, PlanRef
from .problems import Problem
from .sources import REGISTRY_NAME, collect, display, read_bytes

AgencyRef = tuple[str, int, int]  # an agency id as a file uses it, with its line and column


@dataclass(slots=True)
class FileIndex:
    path: str
    problems: list[Problem] = field(default_factory=list)
    plan: PlanRef | None = None
    plan_position: tuple[int, int] = (1, 1)  # of its `id`, for "plan id already used"
    amends: AgencyRef | None = None  # (amended plan id, line, column) when it names one in the repository
    replaces_tasks: bool = False
    agency_refs: list[AgencyRef] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)
    agencies: list[AgencyRecord] | None = None  # the registry's, for agencies.yaml


@dataclass(slots=True)
class Index:
    files: list[FileIndex]
    registry_path: str | None = None
    registry: Registry | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        registry_file = next((item for item in self.files if item.agencies is not None), None)
        if registry_file is not None:
            self.registry = Registry(registry_file.agencies or [])

    def plan_ids(self) -> list[str]:
        return [item.plan.id for item in self.files if item.plan is not None]

    def occurrences(self) -> list[Occurrence]:
        """Every occurrence of every plan; an amended plan whose tasks were replaced keeps only its targets."""
        replaced = {item.amends[0] for item in self.files if item.amends and item.replaces_tasks}
        found: list[Occurrence] = []
        for item in self.files:
            if item.plan is not None and item.plan.id in replaced:
                found.extend(o for o in item.occurrences if o.kind == "target")
            else:
                found.extend(item.occurrences)
        return found


def index_file(shown: str, raw: bytes, *, registry: bool, before_inclusive: bool) -> FileIndex:
    # The model and the rules are imported only when a file is read anew, not for a cached tree.
    from .loader import load_bytes
    from .occurrences import plan_occurrences
    from .rules import plan_problems, registry_problems

    loaded = load_bytes(shown, raw, registry=registry)
    item = FileIndex(shown, list(loaded.problems))
    if loaded.registry is not None:
        item.agencies = [AgencyRecord.of(agency) for agency in loaded.registry.agencies]
        item.problems += registry_problems(loaded, loaded.registry)
    plan = loaded.plan
    if plan is not None:
        problems, item.agency_refs = plan_problems(loaded, plan, before_inclusive=before_inclusive)
        item.problems += problems
        item.plan = PlanRef(plan.id, plan.title, plan.file)
        item.plan_position = loaded.where(("id",))
        if plan.amends and plan.amends.plan:
            item.amends = (plan.amends.plan, *loaded.where(("amends", "plan")))
            item.replaces_tasks = plan.amends.replaces_tasks
        item.occurrences = list(plan_occurrences(plan, before_inclusive=before_inclusive))
    item.problems.sort()
    return item


@dataclass(slots=True)
class Source:
    path: Path
    shown: str
    raw: bytes | None
    problems: list[Problem]  # why it could not be read, when raw is None
    key: str  # its cache key: content, path, options and cdsplan's own code


@dataclass(slots=True)
class Scan:
    """The files under the paths, read, with a key for the whole tree."""

    sources: list[Source]
    missing: list[Problem]
    key: str
    before_inclusive: bool


def scan(paths: list[Path], *, before_inclusive: bool = False, max_file_mb: float = 10.0, cache: FileCache | None = None) -> Scan:
    files, missing = collect(paths)
    max_bytes = int(max_file_mb * 1_000_000)
    options = f"before_inclusive={before_inclusive}"
    tree = hashlib.sha256(options.encode())
    sources = []
    for path in files:
        shown = display(path)
        raw, problems = read_bytes(path, max_bytes)
        key = cache.key(shown, raw, path.name, options) if cache and raw is not None else ""
        sources.append(Source(path, shown, raw, problems, key))
        tree.update(f"\0{shown}\0{key or problems}".encode())
    for problem in missing:
        tree.update(f"\0{problem}".encode())
    return Scan(sources, missing, tree.hexdigest(), before_inclusive)


# Below this many files to read anew, starting worker processes costs more than it saves.
PARALLEL_FROM = 24


def build_index(
    paths: list[Path] | Scan,
    *,
    before_inclusive: bool = False,
    max_file_mb: float = 10.0,
    cache: FileCache | None = None,
    keep_tree: bool = True,
    jobs: int | None = None,
) -> Index:
    """The index of every file under paths (and the agency registry), from the cache where unchanged.

    Files not in the cache are indexed in parallel (one process per core, at most 4) when
    there are many of them, as on a first run over a national corpus. keep_tree also caches
    the whole index, for the next `due` on the same tree."""
    found = paths if isinstance(paths, Scan) else scan(paths, before_inclusive=before_inclusive, max_file_mb=max_file_mb, cache=cache)
    tree_key = "tree-" + found.key
    if cache:
        cached = cache.get(tree_key)
        if isinstance(cached, Index):
            return cached
    indexed = [FileIndex(problem.file, [problem]) for problem in found.missing]
    pending: list[Source] = []
    for source in found.sources:
        item = cache.get(source.key) if cache and source.raw is not None else None
        if isinstance(item, FileIndex):
            indexed.append(item)
        elif source.raw is None:
            indexed.append(FileIndex(source.shown, source.problems))
        else:
            pending.append(source)
    work = [(source.shown, source.raw, source.path.name == REGISTRY_NAME, found.before_inclusive, source.key) for source in pending]
    jobs = jobs if jobs is not None else min(os.cpu_count() or 1, 4)
    context = _fork_context() if jobs > 1 and len(work) >= PARALLEL_FROM else None
    if context is not None:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_cache, initargs=(cache,)) as pool:
            indexed.extend(pool.map(_index_and_keep, work, chunksize=max(1, len(work) // (jobs * 4))))
    else:
        _worker_cache(cache)
        indexed.extend(map(_index_and_keep, work))
    registry_path = next((source.shown for source in found.sources if source.path.name == REGISTRY_NAME), None)
    indexed.sort(key=lambda item: item.path)
    index = Index(indexed, registry_path)
    if cache and keep_tree:
        cache.put(tree_key, index)
    return index


def _fork_context():  # type: ignore[no-untyped-def]
    """Forked workers start at once with cdsplan already imported; where there is no fork, none."""
    import multiprocessing

    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


_cache_in_worker: FileCache | None = None  # set in each worker by the pool's initializer


def _worker_cache(cache: FileCache | None) -> None:
    global _cache_in_worker
    _cache_in_worker = cache


def _index_and_keep(work: tuple[str, bytes, bool, bool, str]) -> FileIndex:
    """Index one file and store it in the cache (in whichever process does the work)."""
    shown, raw, registry, before_inclusive, key = work
    item = index_file(shown, raw, registry=registry, before_inclusive=before_inclusive)
    if _cache_in_worker is not None:
        _cache_in_worker.put(key, item)
    return item
