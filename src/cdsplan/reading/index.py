"""What cdsplan keeps of each file between runs, and the whole tree's index.

Indexing a file loads it fully (YAML, schema, file rules) and keeps only what the commands
need afterwards: its problems, its plan's id, the agency ids it names with their positions,
and its occurrences. Models and positions are dropped, so memory stays flat however many
files there are, and an unchanged tree is answered from the cache without parsing anything.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from ..agencies import AgencyRecord, Registry
from ..files import display
from ..problems import Problem
from ..progress.records import ItemInfo, RecordRef, Reported, Standing, items_of
from ..schedule.occurrences import ItemRef, Occurrence, PlanRef, Row, from_rows
from .cache import FileCache
from .discovery import Found, read

if TYPE_CHECKING:
    from .loader import LoadedFile

AgencyRef = tuple[str, int, int]
# The most occurrences one plan may have (a national committee's plan has about 600; one
# `when` may make at most 400: cdsplan.deadlines.MAX_OCCURRENCES). docs/limits.md.
MAX_PLAN_OCCURRENCES = 10_000  # an agency id as a file uses it, with its line and column


class FileIndex(msgspec.Struct, kw_only=True):
    path: str
    kind: str = "plan"  # plan | registry | progress
    problems: list[Problem] = []
    plan: PlanRef | None = None  # set for a plan file that loads (it may still have domain problems)
    plan_position: tuple[int, int] = (1, 1)  # of its `id`, for "plan id already used"
    amends: AgencyRef | None = None  # (amended plan id, line, column) when it names one
    replaces_tasks: bool = False
    agency_refs: dict[str, bytes] = {}  # each agency id the file names, and its places (packed, see `refs`)
    items: list[ItemRef] = []  # the plan's tasks and targets, once each
    rows: list[Row] = []  # its occurrences
    agencies: list[AgencyRecord] | None = None  # the registry's (what of it loads)
    declared: list[str] = []  # ids of registry entries that do not load: known, so not "unknown" too
    agency: str | None = None  # a progress file's agency
    records: list[RecordRef] = []  # a progress file's records
    record_positions: bytes = b""  # where each record's parts stand (progress.records.position)


class Index(msgspec.Struct, dict=True):  # dict: room for the cached registry
    files: list[FileIndex]
    registry_path: str | None = None

    @cached_property
    def registry(self) -> Registry | None:
        registry_file = next((item for item in self.files if item.agencies is not None), None)
        return Registry(registry_file.agencies or []) if registry_file else None

    @cached_property
    def items(self) -> dict[tuple[str, str], ItemInfo]:
        """Every item records may be about, by (plan, item id)."""
        return items_of(self.occurrences())

    def record_at(self, item: FileIndex, record: RecordRef, part: str) -> tuple[int, int]:
        from ..progress.records import position

        return position(item.record_positions, record.order, part)

    def records(self) -> Iterator[tuple[FileIndex, RecordRef]]:
        for item in self.files:
            for record in item.records:
                yield item, record

    @cached_property
    def standing(self) -> Standing:
        """Every holder's latest records, from the progress files."""
        return Standing(Reported(record, item.agency or "", item.path) for item in self.files for record in item.records)

    @cached_property
    def declared_agencies(self) -> frozenset[str]:
        """Agency ids the registry declares in entries that do not load (their own problem says why)."""
        return frozenset(agency_id for item in self.files for agency_id in item.declared)

    def plans(self) -> Iterator[tuple[FileIndex, PlanRef]]:
        for item in self.files:
            if item.plan is not None:
                yield item, item.plan

    def plan_ids(self) -> list[str]:
        return [plan.id for _item, plan in self.plans()]

    def occurrences(self) -> list[Occurrence]:
        return self._occurrences

    @cached_property
    def _occurrences(self) -> list[Occurrence]:
        """Every occurrence of every plan; an amended plan whose tasks were replaced keeps only its
        targets. The one place where amendments are applied."""
        replaced = {item.amends[0] for item in self.files if item.amends and item.replaces_tasks}
        found: list[Occurrence] = []
        for item, plan in self.plans():
            occurrences = from_rows(plan, item.items, item.rows)
            found.extend(o for o in occurrences if o.kind == "target" or plan.id not in replaced)
        return found


def index_file(shown: str, raw: bytes, *, kind: str, before_inclusive: bool) -> FileIndex:
    # The model and the rules are imported only when a file is read anew, not for a cached tree.
    from ..progress.records import record_refs
    from ..rules import file_problems
    from ..schedule.occurrences import plan_occurrences, reference, rows_of
    from .loader import load_bytes

    loaded = load_bytes(shown, raw, kind=kind)
    item = FileIndex(path=shown, kind=loaded.kind, problems=list(loaded.problems))
    item.problems += file_problems(loaded, before_inclusive)
    checked_registry = loaded.checked_registry
    if checked_registry is not None:
        item.agencies = [AgencyRecord.of(agency) for agency in checked_registry.agencies]
        valid = {agency.id for agency in checked_registry.agencies}
        data = loaded.parsed.data if loaded.parsed is not None else None
        entries = data.get("agencies") if isinstance(data, dict) else None
        if isinstance(entries, list):
            item.declared = [
                entry["id"]
                for entry in entries
                if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"] not in valid
            ]
    plan = loaded.checked_plan
    if plan is not None:
        item.agency_refs = packed(agency_refs(loaded))
        item.plan_position = loaded.where(("id",))
        if plan.amends and plan.amends.plan:
            item.amends = (plan.amends.plan, *loaded.where(("amends", "plan")))
            item.replaces_tasks = plan.amends.replaces_tasks
    progress = loaded.checked_progress
    if progress is not None:
        item.agency = progress.agency
        item.agency_refs = packed([(progress.agency, *loaded.where(("agency",)))])
        if loaded.progress is not None:
            item.records, item.record_positions = record_refs(loaded.progress, loaded.parsed.values if loaded.parsed else {})
    if loaded.plan is not None:
        item.plan = reference(loaded.plan)
        # bounded while they are made: a small plan of many "hằng tuần" must not take minutes
        occurrences = itertools.islice(plan_occurrences(loaded.plan, before_inclusive=before_inclusive), MAX_PLAN_OCCURRENCES + 1)
        item.items, item.rows = rows_of(occurrences)
        if len(item.rows) > MAX_PLAN_OCCURRENCES:
            from ..i18n import _
            from ..rules import rule

            item.rows = []
            item.problems.append(
                rule("too-large").at(
                    shown,
                    *loaded.where(("id",)),
                    _(
                        "the plan's deadlines make more than {limit:,} occurrences: split the plan, or write fewer recurring deadlines"
                    ).format(limit=MAX_PLAN_OCCURRENCES),
                )
            )
    item.problems.sort()
    return item


def packed(refs: list[AgencyRef]) -> dict[str, bytes]:
    """Agency references by id, each id's places as packed (line, column) pairs: the national
    corpus names agencies 150,000 times, and a tuple each would hold megabytes."""
    places: dict[str, list[int]] = {}
    for agency_id, line, column in refs:
        places.setdefault(agency_id, []).extend((line, column))
    return {agency_id: array("I", numbers).tobytes() for agency_id, numbers in places.items()}


def refs(item: FileIndex) -> Iterator[AgencyRef]:
    """The agency references of a file, in the order of its places."""
    found = []
    for agency_id, data in item.agency_refs.items():
        numbers = array("I")
        numbers.frombytes(data)
        found += [(agency_id, numbers[at], numbers[at + 1]) for at in range(0, len(numbers), 2)]
    return iter(sorted(found, key=lambda ref: (ref[1], ref[2])))


def agency_refs(loaded: LoadedFile) -> list[AgencyRef]:
    """Every agency id the checked plan names, with its position (checked against the registry later)."""
    plan = loaded.checked_plan
    if plan is None:
        return []
    refs: list[AgencyRef] = [(plan.issuer, *loaded.where(("issuer",)))]
    for index, target in enumerate(plan.targets):
        refs += [(agency_id, *loaded.where(("targets", index, "lead", number))) for number, agency_id in enumerate(target.lead)]
    for section, path in loaded.section_paths():
        for index, task in enumerate(section.tasks):
            for key in ("lead", "support"):
                ids: list[str] = getattr(task, key)
                refs += [(agency_id, *loaded.where((*path, "tasks", index, key, number))) for number, agency_id in enumerate(ids)]
    return refs


@dataclass(slots=True)
class Source:
    path: Path
    shown: str
    raw: bytes | None  # None when it cannot be read, or when it was let go (`kept` False)
    problems: list[Problem]  # why it could not be read
    key: str  # its cache key: content, path, options and cdsplan's own code
    kind: str = "plan"  # plan | registry | progress
    found: Found | None = None  # how it was found, to read it again
    kept: bool = True  # False: its bytes were let go because the cache holds what they give

    @property
    def is_registry(self) -> bool:
        return self.kind == "registry"

    @property
    def readable(self) -> bool:
        return self.raw is not None or not self.kept

    def release(self) -> None:
        """Let the bytes go; `data` reads them again from disk if they are needed."""
        if self.found is not None and self.raw is not None:
            self.raw, self.kept = None, False

    def data(self, max_bytes: int) -> bytes | None:
        """The file's bytes: kept, or read again (a national tree's 11 MB need not stay in memory
        once each file is known to be in the cache)."""
        if self.raw is not None or self.kept or self.found is None:
            return self.raw
        raw, _problems = read(self.found, max_bytes, self.shown)
        return raw


@dataclass(slots=True)
class Scan:
    """The files under the paths, read, with a key for the whole tree."""

    sources: list[Source]
    missing: list[Problem]
    key: str
    before_inclusive: bool
    max_bytes: int = 10_000_000


def scan(
    found: list[Found],
    missing: list[Problem],
    *,
    options: str,
    before_inclusive: bool,
    max_bytes: int,
    cache: FileCache | None,
    kind_of: Callable[[Path], str],
    overrides: dict[Path, bytes] | None = None,
) -> Scan:
    """Read every found file and key it (content, path, kind, options, code) for the cache.

    overrides: files whose bytes are given (an edit about to be written, checked first)."""
    tree = hashlib.sha256(options.encode())
    sources = []
    overrides = overrides or {}
    for item in found:
        shown = display(item.path)
        kind = kind_of(item.path)
        raw, problems = (overrides[item.path], []) if item.path in overrides else read(item, max_bytes, shown)
        key = cache.key(shown, raw, kind, options) if cache and raw is not None else ""
        source = Source(item.path, shown, raw, problems, key, kind, None if item.path in overrides else item)
        if cache and raw is not None and source.found is not None and cache.has(key):
            source.release()
        sources.append(source)
        tree.update(f"\0{shown}\0{key or problems}".encode("utf-8", "surrogatepass"))
    for problem in missing:
        tree.update(f"\0{problem}".encode("utf-8", "surrogatepass"))
    return Scan(sources, missing, tree.hexdigest(), before_inclusive, max_bytes)


def sources_from_bytes(files: dict[str, bytes], *, options: str, before_inclusive: bool, kind_of: Callable[[Path], str]) -> Scan:
    """A scan of files that are not on disk (a git revision): no cache, keyed by content."""
    tree = hashlib.sha256(options.encode())
    sources = []
    for shown, raw in sorted(files.items()):
        sources.append(Source(Path(shown), shown, raw, [], "", kind_of(Path(shown))))
        tree.update(f"\0{shown}\0".encode("utf-8", "surrogatepass") + hashlib.sha256(raw).digest())
    return Scan(sources, [], tree.hexdigest(), before_inclusive)


# Below this many files to read anew, starting worker processes costs more than it saves.
PARALLEL_FROM = 24


def build_index(found: Scan, *, cache: FileCache | None = None, keep_tree: bool = True, jobs: int | None = None) -> Index:
    """The index of every file of a scan, from the cache where unchanged.

    Files not in the cache are indexed in parallel (one process per core, at most 4) when
    there are many of them, as on a first run over a national corpus. keep_tree also caches
    the whole index, for the next `due` on the same tree."""
    tree_key = "tree-" + found.key
    if cache:
        cached = cache.get(tree_key, Index)
        if cached is not None:
            return cached
    indexed = [FileIndex(path=problem.file, problems=[problem]) for problem in found.missing]
    pending: list[Source] = []
    for source in found.sources:
        item = cache.get(source.key, FileIndex) if cache and source.readable else None
        if item is not None:
            indexed.append(item)
        elif not source.readable:
            indexed.append(FileIndex(path=source.shown, problems=source.problems))
        else:
            pending.append(source)
    work = [(source.shown, source.data(found.max_bytes) or b"", source.kind, found.before_inclusive, source.key) for source in pending]
    jobs = jobs if jobs is not None else min(os.cpu_count() or 1, 4)
    context = _fork_context() if jobs > 1 and len(work) >= PARALLEL_FROM else None
    if context is not None:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_init, initargs=(cache, _language())) as pool:
            indexed.extend(pool.map(_index_and_keep, work, chunksize=max(1, len(work) // (jobs * 4))))
    else:
        _worker_init(cache, None)
        indexed.extend(map(_index_and_keep, work))
    del work
    for source in pending:
        source.release()  # indexed: a national tree's bytes need not stay in memory
    registry_path = next((source.shown for source in found.sources if source.is_registry), None)
    indexed.sort(key=lambda item: item.path)
    index = Index(indexed, registry_path)
    if cache and keep_tree:
        cache.put(tree_key, index)
    return index


def _language() -> str:
    from ..i18n import language

    return language()


def _fork_context() -> Any:
    """Forked workers start at once with cdsplan already imported; where there is no fork, none."""
    import multiprocessing

    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


_cache_in_worker: FileCache | None = None  # set in each worker by the pool's initializer


def _worker_init(cache: FileCache | None, language: str | None) -> None:
    global _cache_in_worker
    _cache_in_worker = cache
    if language is not None:
        from ..i18n import set_language

        set_language(language)


def _index_and_keep(work: tuple[str, bytes, str, bool, str]) -> FileIndex:
    """Index one file and store it in the cache (in whichever process does the work)."""
    shown, raw, kind, before_inclusive, key = work
    item = index_file(shown, raw, kind=kind, before_inclusive=before_inclusive)
    if _cache_in_worker is not None and key:
        _cache_in_worker.put(key, item)
    return item
