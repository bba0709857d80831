"""The one path through a tree of plans: every command reads what it needs through a `Project`.

A Project owns file discovery, the settings, the cache, the index and the problems of a
tree, and hands out what commands need: the problems (`check`), the occurrences
(amendments applied, for `due`, `tasks`, the reports), the registry, and a plan's full
model loaded on demand (`render`, `status`, `diff`). A command that writes or renders from
a plan first asks `require_clean`, which refuses with check's own problems and words.

Reading is lazy and layered for speed: an unchanged tree answers `check` and a repeated
`due` question from the cache without building the index, and builds the index without
parsing any unchanged file.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .errors import CdsplanError, UsageError
from .files import is_below
from .i18n import _, language
from .problems import CheckResult, Problem
from .reading.cache import CACHE_DIR, FileCache
from .reading.discovery import REGISTRY_NAME, Found, discover, find_registry
from .reading.index import Index, Scan, build_index, scan, sources_from_bytes
from .settings import Settings

if TYPE_CHECKING:
    from .agencies import Registry
    from .model.plan import Plan
    from .progress.records import Standing
    from .reading.loader import LoadedFile
    from .schedule.occurrences import Occurrence

T = TypeVar("T")

# Where the cache lives when not beside pyproject.toml: tests and CI point it at a
# temporary folder so that no run reads or writes the checkout's cache.
CACHE_DIR_VARIABLE = "CDSPLAN_CACHE_DIR"


class Refused(CdsplanError):
    """The plan does not pass `cdsplan check`: nothing is rendered, edited or compared from it."""

    def __init__(self, action: str, problems: list[Problem]) -> None:
        from .reports.check import problem_lines

        self.problems = problems
        files = sorted({problem.file for problem in problems})
        super().__init__(
            _("{action}: {files} does not pass `cdsplan check`; fix these first:").format(action=action, files=", ".join(files))
            + "\n"
            + problem_lines(problems).rstrip("\n")
        )


class Project:
    """A tree of plans (and the registry beside them), read once, as every command sees it."""

    def __init__(
        self,
        settings: Settings,
        paths: list[Path] | None = None,
        *,
        files: dict[str, bytes] | None = None,
        cache: FileCache | None = None,
        overrides: dict[Path, bytes] | None = None,
    ) -> None:
        self.settings = settings
        self._files = files  # files that are not on disk (a git revision)
        self._overrides = overrides or {}  # files on disk read as these bytes (an edit checked before it is written)
        if paths:
            self.paths = list(paths)
        elif files is None and not settings.plans.is_dir():
            raise UsageError(
                _("no plans folder at {path}: pass a path, or set `plans` under [tool.cdsplan] in pyproject.toml").format(
                    path=settings.plans
                )
            )
        else:
            self.paths = [settings.plans]
            if files is None and settings.progress.is_dir():
                self.paths.append(settings.progress)
        self._progress = os.path.abspath(settings.progress)
        self.cache = cache

    @classmethod
    def open(cls, settings: Settings, paths: list[Path] | None = None, *, overrides: dict[Path, bytes] | None = None) -> Project:
        """The project of settings over paths (default: its plans and progress folders), with its cache."""
        return cls(settings, paths, cache=cache_for(settings), overrides=overrides)

    @property
    def options(self) -> str:
        """Everything besides the files that the results depend on (messages are in a language)."""
        return f"before_inclusive={self.settings.before_inclusive};lang={language()}"

    def kind_of(self, path: Path) -> str:
        """plan, registry (agencies.yaml) or progress (a file under the progress folder)."""
        if path.name == REGISTRY_NAME:
            return "registry"
        absolute = path if self._files is None else self.settings.root / path
        return "progress" if is_below(os.path.abspath(absolute), self._progress) else "plan"

    @cached_property
    def scan(self) -> Scan:
        if self._files is not None:
            return sources_from_bytes(
                self._files, options=self.options, before_inclusive=self.settings.before_inclusive, kind_of=self.kind_of
            )
        found, missing = discover(self.paths, self.settings.root)
        if not any(item.path.name == REGISTRY_NAME for item in found):
            registry = find_registry(self.paths)
            if registry is not None:
                found += discover([registry])[0]
        if found and all(self.kind_of(item.path) == "progress" for item in found) and self.settings.plans.is_dir():
            # records are checked against the plans they are about
            found += [item for item in discover([self.settings.plans], self.settings.root)[0] if item not in found]
        known = {item.path for item in found}
        found += [Found(path, None) for path in self._overrides if path not in known]
        return scan(
            sorted(found, key=lambda item: item.path),
            missing,
            options=self.options,
            before_inclusive=self.settings.before_inclusive,
            max_bytes=self.settings.max_bytes,
            cache=self.cache,
            kind_of=self.kind_of,
            overrides=self._overrides,
        )

    @cached_property
    def index(self) -> Index:
        return build_index(self.scan, cache=self.cache)

    def check(self) -> CheckResult:
        """Every problem, sorted by file and position; an unchanged tree is answered from the cache
        without reading the index itself."""
        key = "check-" + self.scan.key
        cached = self.cache.get(key, CheckResult) if self.cache else None
        if cached is not None:
            return cached
        from .rules import repository_problems

        index = self.__dict__.get("index") or build_index(self.scan, cache=self.cache, keep_tree=False)
        problems = [problem for item in index.files for problem in item.problems]
        problems += repository_problems(index)
        problems.sort()
        result = CheckResult(problems, sum(1 for source in self.scan.sources if source.readable))
        if self.cache:
            self.cache.put(key, result)
        return result

    @property
    def registry(self) -> Registry | None:
        return self.index.registry

    def occurrences(self) -> list[Occurrence]:
        return self.index.occurrences()

    @property
    def standing(self) -> Standing:
        """Every holder's latest record (progress/<year>/<agency>.yaml)."""
        return self.index.standing

    def plan_ids(self) -> list[str]:
        return self.index.plan_ids()

    def broken_files(self) -> list[str]:
        """Files with errors, whose content is left out of every answer."""
        return sorted({problem.file for problem in self.check().problems if problem.severity == "error"})

    def answer(self, name: str, question: tuple[Any, ...], make: Callable[[Project], T], kind: Any) -> T:
        """make(self), kept in the cache for this tree and question: `due` and `tasks` are asked the
        same question of the same plans many times a day."""
        key = f"{name}-" + hashlib.sha256(f"{self.scan.key}\0{self.options}\0{question!r}".encode()).hexdigest()
        cached = self.cache.get(key, kind) if self.cache else None
        if cached is not None:
            return cast(T, cached)
        value = make(self)
        if self.cache:
            self.cache.put(key, value)
        return value

    # ----------------------------------------------------------------------------- full models

    def load(self, shown: str) -> LoadedFile:
        """A file of the tree as a full model (the same reader and rules as `check`)."""
        from .reading.loader import load_bytes

        source = next((source for source in self.scan.sources if source.shown == shown), None)
        raw = source.data(self.settings.max_bytes) if source is not None else None
        if source is None or raw is None:
            raise UsageError(_("{file} is not a readable file of the plans").format(file=shown))
        return load_bytes(shown, raw, kind=source.kind)

    def data(self, shown: str) -> bytes | None:
        """The bytes of a file of the tree, as they were read."""
        source = next((source for source in self.scan.sources if source.shown == shown), None)
        return source.data(self.settings.max_bytes) if source is not None else None

    def plan_file(self, plan_id: str) -> str:
        """The file holding plan plan_id."""
        files = [item.path for item, plan in self.index.plans() if plan.id == plan_id]
        if len(files) > 1:
            raise CdsplanError(
                _("plan id {id!r} is used by {count} files ({files}): give each plan its own id first").format(
                    id=plan_id, count=len(files), files=", ".join(files)
                )
            )
        if files:
            return files[0]
        for item in self.index.files:  # a plan that exists but does not load: refuse with its problems
            if item.plan is None and item.kind == "plan" and _declares(item.path, plan_id, self):
                # translators: fills {action} in "{action}: {files} does not pass `cdsplan check`; fix these first:"
                raise Refused(_("plan {id}").format(id=plan_id), self.errors([item.path]))
        from .text import did_you_mean

        broken = self.broken_files()
        hint = (
            _("; {count} file(s) could not be read ({files}): run `cdsplan check`").format(count=len(broken), files=", ".join(broken[:3]))
            if broken
            else ""
        )
        raise UsageError(_("no plan {id!r}").format(id=plan_id) + did_you_mean(plan_id, self.plan_ids()) + hint)

    def plan(self, plan_id: str, *, action: str) -> tuple[LoadedFile, Plan]:
        """Plan plan_id as a full model, refused (with check's problems) unless its file and the
        registry pass `check`."""
        shown = self.plan_file(plan_id)
        self.require_clean([shown], action=action)
        loaded = self.load(shown)
        assert loaded.plan is not None  # a file that passes check loads
        return loaded, loaded.plan

    def plans_in(self, files: Iterable[str], *, action: str) -> list[Plan]:
        """The plans of files, as full models, refused unless they pass `check`."""
        wanted = set(files)
        self.require_clean(wanted, action=action)
        plans = []
        for path in (item.path for item, _plan in self.index.plans() if item.path in wanted):
            loaded = self.load(path)
            if loaded.plan is not None:
                plans.append(loaded.plan)
        return plans

    def errors(self, files: Iterable[str]) -> list[Problem]:
        wanted = set(files)
        if self.index.registry_path:
            wanted.add(self.index.registry_path)
        return [problem for problem in self.check().problems if problem.file in wanted and problem.severity == "error"]

    def require_clean(self, files: Iterable[str], *, action: str) -> None:
        """Refuse (Refused, exit 1) when these files or the registry have errors."""
        problems = self.errors(files)
        if problems:
            raise Refused(action, problems)


def _declares(shown: str, plan_id: str, project: Project) -> bool:
    """Whether a file that does not load says `id: plan_id` (so that it is refused by name)."""
    loaded = project.load(shown)
    data = loaded.parsed.data if loaded.parsed is not None else None
    return isinstance(data, dict) and data.get("id") == plan_id


def cache_for(settings: Settings) -> FileCache | None:
    """The cache settings ask for: beside pyproject.toml, or where CDSPLAN_CACHE_DIR says."""
    if not settings.cache:
        return None
    folder = os.environ.get(CACHE_DIR_VARIABLE)
    return FileCache(Path(folder) if folder else settings.root / CACHE_DIR)
