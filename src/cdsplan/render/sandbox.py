"""Templates run sandboxed and bounded: a template is data a user may have been sent, never code.

Jinja's sandbox keeps templates from reaching Python's internals; on top of it a template:

- sees no files (no loader: `include`, `import` and `extends` have nothing to read);
- cannot build a huge value: `*`, `**` and `+` on text and lists are checked before they run
  (`{{ 'x' * 10**9 }}`), and `range()` is capped (Jinja's own limit, 100,000);
- cannot write more than `MAX_OUTPUT` characters;
- cannot run longer than `TIME_LIMIT` seconds: it runs in a worker thread, and a template still
  running then is stopped with an exception raised in that thread (CPython's
  PyThreadState_SetAsyncExc, on every platform), between two steps of its loop.

docs/limits.md lists the limits.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from jinja2.sandbox import SandboxedEnvironment

from ..errors import CdsplanError
from ..i18n import _

TIME_LIMIT = 30.0  # seconds, unless [tool.cdsplan] template_seconds says; the national plan's DOCX renders in under one
MAX_OUTPUT = 50_000_000  # characters of one document's text (the largest real plan makes 0.5 MB)
MAX_VALUE = 5_000_000  # characters or items of one value a template builds
MAX_POWER = 4096  # the largest exponent of `**`

T = TypeVar("T")


class TemplateLimit(CdsplanError):
    """A template went over one of the limits: it was stopped, nothing was written."""


class _Stopped(BaseException):
    """Raised inside a template that ran out of time (a BaseException: templates cannot catch it)."""


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


class LimitedEnvironment(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for value, count in ((left, right), (right, left)):
                size = _size(value)
                if size is not None and isinstance(count, int) and size * count > MAX_VALUE:
                    raise TemplateLimit(
                        _("a value of {size:,} characters or items is over the limit of {limit:,}").format(
                            size=size * count, limit=MAX_VALUE
                        )
                    )
        elif operator == "**":
            if isinstance(right, int | float) and abs(right) > MAX_POWER:
                raise TemplateLimit(_("an exponent of {power} is over the limit of {limit}").format(power=right, limit=MAX_POWER))
        elif operator == "+":
            left_size, right_size = _size(left), _size(right)
            if left_size is not None and right_size is not None and left_size + right_size > MAX_VALUE:
                raise TemplateLimit(
                    _("a value of {size:,} characters or items is over the limit of {limit:,}").format(
                        size=left_size + right_size, limit=MAX_VALUE
                    )
                )
        return super().call_binop(context, operator, left, right)


def capped(chunks: Iterable[str]) -> str:
    """The chunks a template generates, joined, or TemplateLimit past MAX_OUTPUT characters."""
    parts: list[str] = []
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > MAX_OUTPUT:
            raise TemplateLimit(_("the template writes more than {limit:,} characters: it was stopped").format(limit=MAX_OUTPUT))
        parts.append(chunk)
    return "".join(parts)


def run_limited(work: Callable[[], T], *, limit: float = TIME_LIMIT) -> T:
    """work() in a worker thread, stopped after limit seconds with a TemplateLimit."""
    result: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            result.append(work())
        except BaseException as exc:
            failure.append(exc)

    worker = threading.Thread(target=target, name="cdsplan-template", daemon=True)
    worker.start()
    worker.join(limit)
    if worker.is_alive():
        assert worker.ident is not None
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident), ctypes.py_object(_Stopped))
        worker.join(5.0)
        raise TemplateLimit(_("the template ran for more than {seconds:g} seconds: it was stopped").format(seconds=limit))
    if failure:
        if isinstance(failure[0], _Stopped):  # pragma: no cover - only after the limit
            raise TemplateLimit(_("the template ran for more than {seconds:g} seconds: it was stopped").format(seconds=limit))
        raise failure[0]
    return result[0]
