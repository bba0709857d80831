"""Reports over the index, answered from the cache when the tree and the question are unchanged.

`due` and `tasks` are asked many times a day, mostly the same question of the
same plans; their output is a pure function of the files, cdsplan's code and
the question (with "today" resolved), so it is kept like any other cache entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

from .cache import FileCache
from .index import Index, build_index, scan

# What goes to standard output, the warnings for standard error, and whether anything is overdue.
Output = tuple[str | bytes, str, bool]


def cached_report(
    name: str,
    question: tuple,
    make: Callable[[Index], Output],
    paths: list[Path],
    *,
    before_inclusive: bool = False,
    max_file_mb: float = 10.0,
    cache: FileCache | None = None,
) -> Output:
    found = scan(paths, before_inclusive=before_inclusive, max_file_mb=max_file_mb, cache=cache)
    key = f"{name}-" + hashlib.sha256(f"{found.key}\0{question!r}".encode()).hexdigest()
    cached = cache.get(key) if cache else None
    if isinstance(cached, tuple):
        return cached
    output = make(build_index(found, cache=cache))
    if cache:
        cache.put(key, output)
    return output


def _warnings(index: Index) -> str:
    broken = sorted({problem.file for item in index.files for problem in item.problems if problem.severity == "error"})
    if not broken:
        return ""
    return f"cdsplan: warning: {len(broken)} file(s) have errors, their unreadable parts are left out ({', '.join(broken[:3])}): run `cdsplan check`\n"


def _agency_ids(index: Index, query: str | None) -> frozenset[str] | None:
    from .due import agency_ids
    from .errors import UsageError
    from .text import did_you_mean

    if query is None:
        return None
    if index.registry is None:
        raise UsageError("--agency needs the agency registry (plans/agencies.yaml)")
    ids = agency_ids(index.registry, query)
    if not ids:
        names = [agency.name for agency in index.registry.by_id.values()]
        raise UsageError(f"no agency matches {query!r}{did_you_mean(query, names)}")
    return ids


def due_report(
    index: Index, start: dt.date, end: dt.date, as_of: dt.date, agency: str | None, plan: str | None, include_done: bool, fmt: str, colour: bool
) -> Output:
    """`cdsplan due`: the entries of the window and the overdue ones, in the chosen format."""
    from . import due_formats
    from .due import Query, entries
    from .errors import UsageError
    from .text import did_you_mean

    if plan is not None and plan not in index.plan_ids():
        raise UsageError(f"no plan {plan!r}{did_you_mean(plan, index.plan_ids())}")
    registry = index.registry
    query = Query(start, end, as_of, _agency_ids(index, agency), plan, include_done)
    found = entries(index.occurrences(), query, registry)
    output: str | bytes
    if fmt == "json":
        output = due_formats.as_json(found)
    elif fmt == "csv":
        output = due_formats.as_csv(found)
    elif fmt == "md":
        output = due_formats.markdown(found, query, registry)
    elif fmt == "ics":
        output = due_formats.ics(found, query, registry)
    else:
        heading = f"Đến hạn {start:%d/%m/%Y}–{end:%d/%m/%Y} và quá hạn tính đến {as_of:%d/%m/%Y}"
        output = due_formats.table(found, registry, colour, heading)
    return output, _warnings(index), any(entry.state == "overdue" for entry in found)


def tasks_report(index: Index, as_of: dt.date, agency: str | None, fmt: str, colour: bool) -> Output:
    """`cdsplan tasks`: every occurrence with its window and its state on as_of."""
    from . import due_formats
    from .due import Query, entries, timeline_state

    query = Query(dt.date.min, dt.date.max, as_of, _agency_ids(index, agency))
    found = entries(index.occurrences(), query, index.registry, timeline_state)
    output: str | bytes
    if fmt == "json":
        output = due_formats.as_json(found)
    elif fmt == "csv":
        output = due_formats.as_csv(found)
    else:
        output = due_formats.table(found, index.registry, colour, f"Tất cả nhiệm vụ, tình hình tính đến {as_of:%d/%m/%Y}")
    return output, _warnings(index), any(entry.state == "overdue" for entry in found)
