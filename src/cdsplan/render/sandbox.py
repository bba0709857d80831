"""Templates run sandboxed and bounded: a template is data a user may have been sent, never code.

Jinja's sandbox keeps templates from reaching Python's internals; on top of it a template:

- sees no files (no loader: `include`, `import` and `extends` have nothing to read);
- cannot build a huge value: every operation that can make a large value from small ones has
  the size of what it would make estimated before it runs, and refused past `MAX_VALUE` —
  `*`, `**`, `+`, `%` and `~` (`{{ 'x' * 10**9 }}`), widths and separators given to filters
  (`|center`, `|indent`, `|format`, `|join`, `|replace`, `|wordwrap`, `|batch`, `|slice`,
  `|sum`) and to methods (`str.ljust`, `str.format`'s `{:>999999999}`, `str.join`,
  `list.extend`, …), the text a macro, a `{% set %}` block or a `{% filter %}` returns; every
  filter's and every call's result is measured after it too; `range()` is capped (Jinja's own
  limit, 100,000);
- cannot write more than `MAX_OUTPUT` characters;
- cannot run longer than `TIME_LIMIT` seconds: it runs in a worker thread, and a template still
  running then is stopped with an exception raised in that thread (CPython's
  PyThreadState_SetAsyncExc, on every platform), between two steps of its loop.

docs/limits.md lists the limits.
"""

from __future__ import annotations

import ctypes
import functools
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sized
from typing import Any, TypeVar

from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.nodes import Concat
from jinja2.sandbox import SandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter
from markupsafe import Markup

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
    return len(value) if isinstance(value, str | bytes | list | tuple | dict | set | frozenset) else None


def _text(value: Any) -> int:
    """The characters value takes as text, where that costs nothing to know (0 otherwise)."""
    return len(value) if isinstance(value, str) else 0


def _over(size: int) -> TemplateLimit:
    return TemplateLimit(_("a value of {size:,} characters or items is over the limit of {limit:,}").format(size=size, limit=MAX_VALUE))


def _check(size: int | None) -> None:
    if size is not None and size > MAX_VALUE:
        raise _over(size)


def _number(value: Any) -> int:
    """A width or count as given (a bool or anything else not an int counts nothing)."""
    return abs(value) if isinstance(value, int) and not isinstance(value, bool) else 0


def _bounded_list(values: Iterable[Any], room: int = MAX_VALUE) -> list[Any]:
    """values as a list, refused as soon as it holds more than room items."""
    items: list[Any] = []
    for item in values:
        items.append(item)
        if len(items) > room:
            raise _over(len(items))
    return items


_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines splits at


def _lines(text: str) -> int:
    return sum(text.count(char) for char in _BREAKS) + 1


def _replaced(text: str, old: Any, new: Any, count: Any = -1) -> int:
    if not isinstance(old, str) or not isinstance(new, str):
        return len(text)
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(len(new) - len(old), 0)


# `%` formatting: %(key)s, flags, a width and a precision (either may be `*`), the conversion
_PRINTF = re.compile(r"%(?:\(([^)]*)\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.?)", re.DOTALL)


def _printf(template: str, values: Any) -> int:
    """An upper bound, near enough, of the length of `template % values`."""
    given = list(values) if isinstance(values, tuple) else [values]
    size, taken = len(template), 0

    def take() -> Any:
        nonlocal taken
        taken += 1
        return given[taken - 1] if taken <= len(given) else None

    for found in _PRINTF.finditer(template):
        key, width, precision, kind = found.groups()
        if kind == "%":
            continue
        for part in (width, precision):
            if part == "*":
                size += _number(take())
            elif part:
                size += int(part) if len(part) <= 18 else MAX_VALUE + 1
        value = take() if key is None else values.get(key) if isinstance(values, Mapping) else None
        size += _size(value) or 0
    return size


# a format spec's width and precision: [[fill]align][sign][z][#][0][width][,_][.precision][type]
_SPEC = re.compile(r"(?:.?[<>=^])?[-+ ]?z?#?0?(\d*)[,_]?(?:\.(\d*))?", re.DOTALL)


def _spec(format_spec: str) -> int:
    found = _SPEC.match(format_spec)
    digits = [part for part in (found.groups() if found else ()) if part]
    return sum(int(part) if len(part) <= 18 else MAX_VALUE + 1 for part in digits)


def _join(separator: Any, items: list[Any]) -> int:
    return sum(_text(item) for item in items) + _text(separator) * max(len(items) - 1, 0)


def _wrapped(text: str, width: Any = 79, break_long_words: Any = True, wrapstring: Any = None, *_args: Any, **_kwargs: Any) -> int:
    lines = 2 * len(text) // max(_number(width), 1) + _lines(text)
    return len(text) + lines * (_text(wrapstring) if wrapstring is not None else 1)


def _indented(text: str, width: Any = 4, first: Any = False, blank: Any = False) -> int:
    return len(text) + _lines(text) * (_text(width) if isinstance(width, str) else _number(width))


def _summed(values: list[Any], attribute: Any = None, start: Any = 0) -> int | None:
    if _size(start) is None:
        return None
    if attribute is not None:
        return None  # measured after: each item's attribute is looked up by the filter
    return (_size(start) or 0) + sum(_size(value) or 0 for value in values)


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


# Filters whose result can be much larger than their input, by a parameter: the size of what
# each would make, from its arguments (the value first), before it runs.
_FILTER_SIZES: dict[str, Callable[..., int | None]] = {
    "center": lambda value, width=80: max(len(_as_text(value)), _number(width)),
    "indent": lambda value, *args, **kwargs: _indented(_as_text(value), *args, **kwargs),
    "format": lambda value, *args, **kwargs: _printf(_as_text(value), kwargs or tuple(args)),
    "replace": lambda value, old, new, count=None: _replaced(_as_text(value), old, new, -1 if count is None else count),
    "wordwrap": lambda value, *args, **kwargs: _wrapped(_as_text(value), *args, **kwargs),
    "join": lambda values, *args, **kwargs: _join(args[0] if args else kwargs.get("separator", kwargs.get("d", "")), values),
    "batch": lambda values, linecount, fill_with=None: _number(linecount) if fill_with is not None else None,
    "slice": lambda values, slices, fill_with=None: _number(slices),
    "sum": lambda values, attribute=None, start=0: _summed(values, attribute, start),
}
_CONSUMES = frozenset({"join", "sum"})  # filters whose value is read whole: measured as a list


def _guarded(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """function (a filter) with the size of its result bounded: estimated before it runs when
    a parameter can make it large (_FILTER_SIZES), measured after in any case."""
    estimate = _FILTER_SIZES.get(name)
    passed = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0  # context, eval context or environment

    @functools.wraps(function)  # keeps jinja_pass_arg
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if estimate is not None and len(args) > passed:
            if name in _CONSUMES and not isinstance(args[passed], Sized):
                args = (*args[:passed], _bounded_list(args[passed]), *args[passed + 1 :])
            try:
                size = estimate(*args[passed:], **kwargs)
            except TypeError:  # arguments the filter itself will refuse, saying how
                size = None
            _check(size)
        result = function(*args, **kwargs)
        _check(_size(result))
        return result

    return guarded


def _method_size(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[int | None, tuple[Any, ...]]:
    """The size of what a method call on text or a list would make, before it runs (and its
    arguments, an iterable read into a list to be measured)."""
    owner, name = getattr(method, "__self__", None), getattr(method, "__name__", "")
    if isinstance(owner, str):
        if name in ("center", "ljust", "rjust", "zfill") and args:
            return max(len(owner), _number(args[0])), args
        if name == "expandtabs":
            tabs = args[0] if args else kwargs.get("tabsize", 8)
            return len(owner) + owner.count("\t") * _number(tabs), args
        if name == "replace" and len(args) >= 2:
            return _replaced(owner, *args[:3]), args
        if name == "join" and args:
            items = args[0] if isinstance(args[0], list | tuple) else _bounded_list(args[0])
            return _join(owner, list(items)), (items, *args[1:])
        if name == "translate" and args and isinstance(args[0], Mapping):
            longest = max((len(value) for value in args[0].values() if isinstance(value, str)), default=1)
            return len(owner) * max(longest, 1), args
    elif isinstance(owner, list):
        if name in ("append", "insert"):
            return len(owner) + 1, args
        if name == "extend" and args:
            more: Sized = args[0] if isinstance(args[0], Sized) else _bounded_list(args[0], MAX_VALUE - len(owner))
            return len(owner) + len(more), (more, *args[1:])
    elif isinstance(owner, dict | set):
        if name in ("setdefault", "add"):
            return len(owner) + 1, args
        if name == "update":
            given = [value for value in args if isinstance(value, Sized)]
            return len(owner) + sum(len(value) for value in given) + len(kwargs), args
    elif name == "generate_lorem_ipsum":  # lipsum(n, html, min, max): n paragraphs of at most max words
        count = args[0] if args else kwargs.get("n", 5)
        words = args[3] if len(args) > 3 else kwargs.get("max", 100)
        return _number(count) * _number(words) * 12, args
    return None, args


class _BoundedFields:
    """str.format's fields, each measured (its width and precision) before it is formatted."""

    _written = 0

    def vformat(self, format_string: str, args: Any, kwargs: Any) -> str:
        self._written = 0
        return super().vformat(format_string, args, kwargs)  # type: ignore[misc, no-any-return]

    def format_field(self, value: Any, format_spec: str) -> Any:
        estimate = max(_spec(format_spec), _size(value) or 0)
        _check(self._written + estimate)
        result = super().format_field(value, format_spec)  # type: ignore[misc]
        self._written += len(result)
        return result


class _LimitedFormatter(_BoundedFields, SandboxedFormatter):
    pass


class _LimitedEscapeFormatter(_BoundedFields, SandboxedEscapeFormatter):
    pass


class _LimitedCodeGenerator(CodeGenerator):
    """Jinja's code generator with `~` (Concat) measured before it joins."""

    @optimizeconst
    def visit_Concat(self, node: Concat, frame: Frame) -> None:  # noqa: N802 - Jinja's name
        if frame.eval_ctx.volatile:
            func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            func_name = "markup_join"
        else:
            func_name = "str_join"
        self.write(f"environment.joined({func_name}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class LimitedEnvironment(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _LimitedCodeGenerator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters = _GuardedFilters(self.filters)

    @staticmethod
    def concat(chunks: Iterable[str]) -> str:
        """What a macro, a `{% set %}` or `{% filter %}` block makes: at most MAX_VALUE characters."""
        return bounded_join(chunks, MAX_VALUE)

    @staticmethod
    def joined(join: Callable[[Iterable[Any]], str], parts: tuple[Any, ...]) -> str:
        """`a ~ b ~ …`, measured before it is joined."""
        texts = [_as_text(part) for part in parts]
        _check(sum(map(len, texts)))
        return join(texts)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for value, count in ((left, right), (right, left)):
                size = _size(value)
                if size is not None and isinstance(count, int) and size * count > MAX_VALUE:
                    raise _over(size * count)
        elif operator == "**":
            if isinstance(right, int | float) and abs(right) > MAX_POWER:
                raise TemplateLimit(_("an exponent of {power} is over the limit of {limit}").format(power=right, limit=MAX_POWER))
        elif operator == "+":
            left_size, right_size = _size(left), _size(right)
            if left_size is not None and right_size is not None and left_size + right_size > MAX_VALUE:
                raise _over(left_size + right_size)
        elif operator == "%" and isinstance(left, str):
            _check(_printf(left, right))
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's names
        size, args = _method_size(__obj, args, kwargs)
        _check(size)
        result = super().call(__context, __obj, *args, **kwargs)
        _check(_size(result))
        return result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Jinja's sandboxed str.format and str.format_map, with each field measured."""
        if super().wrap_str_format(value) is None:
            return None
        owner: str = value.__self__
        formatter = _LimitedEscapeFormatter(self, escape=owner.escape) if isinstance(owner, Markup) else _LimitedFormatter(self)
        mapping = value.__name__ == "format_map"

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if mapping:
                if kwargs:
                    raise TypeError("format_map() takes no keyword arguments")
                if len(args) != 1:
                    raise TypeError(f"format_map() takes exactly one argument ({len(args)} given)")
                kwargs, args = args[0], ()
            return type(owner)(formatter.vformat(owner, args, kwargs))

        return functools.update_wrapper(wrapper, value)


class _GuardedFilters(dict[str, Any]):
    """The environment's filters, each guarded (_guarded), those added later too."""

    def __init__(self, filters: Mapping[str, Any]) -> None:
        super().__init__()
        for name, function in filters.items():
            self[name] = function

    def __setitem__(self, name: str, function: Any) -> None:
        super().__setitem__(name, _guarded(name, function))


def bounded_join(chunks: Iterable[str], limit: int) -> str:
    """The chunks joined, or TemplateLimit as soon as they pass limit characters."""
    parts: list[str] = []
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise _over(total)
        parts.append(chunk)
    return "".join(parts)


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
