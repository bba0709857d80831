"""Reading a ``when`` value: text (memoised), a year, a date or a mapping."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from cdsplan.i18n import _, day_text, language, ngettext

from .core import MAX_TEXT, MAX_YEAR, MIN_YEAR, Context, DeadlineError, Window
from .evaluate import Evaluator
from .fail import Fail, hints
from .forms import KNOWN_FORMS, NEAREST_FORMS
from .parser import Parser
from .text import fold
from .vocab import understood

__all__ = ["explain", "read_when"]

_Result = tuple[tuple[Window, ...], tuple[str, ...]]
_Error = tuple[str, int | None, str | None, tuple[str, ...], str | None, str | None]


def generic_hint(nearest: str | None) -> str:
    forms = ", ".join(f"'{f}'" for f in KNOWN_FORMS[:6])
    if nearest:
        return _("the nearest known form is '{nearest}'; others include {forms} (see docs/deadlines.md or `cdsplan when --help`)").format(
            nearest=nearest, forms=forms
        )
    return _("known forms include {forms} (see docs/deadlines.md or `cdsplan when --help`)").format(forms=forms)


_DIGITS = re.compile(r"[0-9]+")


def _shape(text: str) -> str:
    return " ".join(_DIGITS.sub("0", fold(text)).split())


_FORM_SHAPES = tuple((form, _shape(form)) for form in NEAREST_FORMS)


def _item_span(parser: Parser, pos: int | None) -> range:
    """The token indexes of the list item a failure is in (the whole text when it has one item)."""
    toks = parser.toks
    n = len(toks)
    at = next((k for k, t in enumerate(toks) if pos is not None and t.start >= pos), n)

    def sep(t: object) -> bool:
        return (t.kind == "p" and t.text in ",;") or (t.kind == "word" and t.text in ("va", "hoac"))  # type: ignore[attr-defined]

    first = at
    while first > 0 and not sep(toks[first - 1]):
        first -= 1
    last = at
    while last < n and not sep(toks[last]):
        last += 1
    return range(first, last) if last > first else range(n)


def nearest_form(parser: Parser, unknown_positions: set[int], span: range | None = None) -> str | None:
    """The known form closest to the failing part, once the words not understood are left out."""
    span = span if span is not None else range(len(parser.toks))
    words: list[str] = []
    depth = 0
    for n, t in enumerate(parser.toks):
        if t.kind == "p" and t.text in "()":
            depth = depth + 1 if t.text == "(" else max(0, depth - 1)
        elif depth == 0 and n in span and n not in unknown_positions and t.kind in ("num", "word"):
            words.append("0" if t.kind == "num" else t.text)
    kept = " ".join(words)
    if not kept:
        return None
    # a text that begins with a whole known form and goes on ("Thường xuyên theo …"): that form
    prefixed = [form for form, shape in _FORM_SHAPES if kept.startswith(shape + " ")]
    if prefixed:
        return max(prefixed, key=len)
    best, score = None, 0.0
    for form, shape in _FORM_SHAPES:
        matcher = difflib.SequenceMatcher(None, kept, shape, autojunk=False)
        if matcher.real_quick_ratio() <= score or matcher.quick_ratio() <= score:
            continue
        ratio = matcher.ratio()
        if ratio > score:
            best, score = form, ratio
    return best  # the closest, however far: a refusal always points somewhere


def _unknown_words(parser: Parser) -> tuple[tuple[str, ...], set[int], int | None]:
    """Words outside the vocabulary (outside bracketed remarks), as written."""
    words: list[str] = []
    positions: set[int] = set()
    first: int | None = None
    depth = 0
    for n, t in enumerate(parser.toks):
        if t.kind == "p" and t.text == "(":
            depth += 1
        elif t.kind == "p" and t.text == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ((t.kind == "word" and not understood(t)) or t.kind == "other"):
            words.append(parser.nfc[t.start : t.end])
            positions.add(n)
            if first is None:
                first = t.start
    return tuple(words), positions, first


def _orig(parser: Parser, pos: int | None) -> int | None:
    if pos is None:
        return None
    pos = min(pos, len(parser.folded))
    return parser.omap[pos] if parser.omap is not None else pos


def _refusal(parser: Parser, fail: Fail) -> _Error:
    unknown, positions, _first = _unknown_words(parser)
    if not unknown and fail.unknown is not None:
        unknown = fail.unknown
    elif not unknown and fail.pos is not None and fail.needs is None:
        at = next((t for t in parser.toks if t.start >= fail.pos), None)
        if at is not None and at.start == fail.pos and at.kind in ("word", "num", "iso", "other"):
            unknown = (parser.nfc[at.start : at.end],)
    if fail.needs is not None:
        unknown, nearest = (), None
    else:
        nearest = fail.nearest or nearest_form(parser, positions, _item_span(parser, fail.pos))
    hint = fail.hint if fail.hint is not None else generic_hint(nearest)
    if fail.hint is not None and nearest and positions and nearest not in hint and fail.needs is None:
        hint = _("{hint}; the nearest known form is '{nearest}'").format(hint=hint, nearest=nearest)
    return (fail.message, _orig(parser, fail.pos), hint, unknown, nearest, fail.needs)


@lru_cache(maxsize=8192)
def _read_text(text: str, ctx: Context, language: str) -> _Result | _Error:
    """text read in ctx; its refusals and notes are messages in language (so kept per language)."""
    if len(text) > MAX_TEXT:
        return (
            _("the deadline text is {n} characters long; cdsplan reads at most {limit}").format(n=len(text), limit=MAX_TEXT),
            MAX_TEXT,
            _("keep the deadline in `when` and move the rest to the task's notes"),
            (),
            None,
            None,
        )
    try:
        parser = Parser(text)
    except Fail as fail:
        return (fail.message, fail.pos, fail.hint, (), fail.nearest, fail.needs)
    try:
        parsed = parser.parse()
        evaluator = Evaluator(parser, parsed, ctx)
        windows = evaluator.run()
    except Fail as fail:
        return _refusal(parser, fail)
    return (tuple(windows), tuple(evaluator.notes))


def _text_result(text: str, ctx: Context) -> _Result:
    result = _read_text(text, ctx, language())
    if len(result) == 6:
        message, offset, hint, unknown, nearest, needs = result
        raise DeadlineError(message, offset, hint, unknown, nearest, needs)
    return result


_DMY_RE = re.compile(r"\s*([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})\s*\Z")
_ISO_RE = re.compile(r"\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\s*\Z")


def _check_year(d: date, what: str) -> date:
    if not MIN_YEAR <= d.year <= MAX_YEAR:
        raise DeadlineError(
            # translators: {what} is the key the day was given under, untranslated: "date", "start" or "deadline"
            _("{what} {day}: year {year} is outside {low}..{high}").format(
                what=what, day=day_text(d), year=d.year, low=MIN_YEAR, high=MAX_YEAR
            ),
            None,
            hints()["year"],
        )
    return d


def _date_hint() -> str:
    return _("write YYYY-MM-DD (2024-10-10) or D/M/YYYY (10/10/2024)")


def _mapping_date(value: Any, key: str) -> date:
    if isinstance(value, datetime):
        return _check_year(value.date(), key)
    if isinstance(value, date):
        return _check_year(value, key)
    if isinstance(value, str):
        m = _ISO_RE.match(value)
        if m:
            y, mo, d = int(m[1]), int(m[2]), int(m[3])
        else:
            m = _DMY_RE.match(value)
            if not m:
                raise DeadlineError(_("{key}: cannot read {value!r} as a date").format(key=key, value=value), None, _date_hint())
            d, mo, y = int(m[1]), int(m[2]), int(m[3])
        try:
            return _check_year(date(y, mo, d), key)
        except ValueError:
            raise DeadlineError(_("{key}: {value!r} is not a date").format(key=key, value=value), None, hints()["day"]) from None
    raise DeadlineError(_("{key}: expected a date, got {type}").format(key=key, type=type(value).__name__), None, _date_hint())


def _read_mapping(value: Mapping[Any, Any]) -> Window:
    unknown = [k for k in value if k not in ("start", "deadline", "label")]
    if unknown:
        raise DeadlineError(
            _("unknown key {key!r} in a when mapping").format(key=unknown[0]), None, _("the keys are start, deadline, label")
        )
    if value.get("deadline") is None:
        raise DeadlineError(_("a when mapping needs a deadline"), None, _("e.g. {start: 2024-10-01, deadline: 2024-10-10}"))
    deadline = _mapping_date(value["deadline"], "deadline")
    start = None if value.get("start") is None else _mapping_date(value["start"], "start")
    label = value.get("label")
    if label is not None and not isinstance(label, str):
        raise DeadlineError(_("label must be text"), None, None)
    if start is not None and start > deadline:
        raise DeadlineError(
            _("the window ends ({end}) before it starts ({start})").format(end=day_text(deadline), start=day_text(start)),
            None,
            None,
        )
    return Window(start, deadline, label or None)


def _read(value: Any, ctx: Context) -> _Result:
    if not isinstance(ctx, Context):
        raise TypeError(_("ctx must be a Context, not {type}").format(type=type(ctx).__name__))
    if isinstance(value, str):
        return _text_result(value, ctx)
    if isinstance(value, bool):
        raise DeadlineError(_("{value!r} is not a deadline").format(value=value), None, generic_hint(None))
    if isinstance(value, int):
        if not MIN_YEAR <= value <= MAX_YEAR:
            raise DeadlineError(
                _("year {year} is outside {low}..{high}").format(year=value, low=MIN_YEAR, high=MAX_YEAR), None, hints()["year"]
            )
        return ((Window(date(value, 1, 1), date(value, 12, 31)),), (_("a bare year: the whole year"),))
    if isinstance(value, datetime):
        d = _check_year(value.date(), "date")
        return ((Window(d, d),), (_("a date: that day"),))
    if isinstance(value, date):
        d = _check_year(value, "date")
        return ((Window(d, d),), (_("a date: that day"),))
    if isinstance(value, Mapping):
        return ((_read_mapping(value),), (_("a window given as start and deadline"),))
    if value is None:
        raise DeadlineError(_("no deadline given"), None, generic_hint(None))
    raise DeadlineError(
        _("a deadline cannot be a {type}").format(type=type(value).__name__),
        None,
        _("give text, a year, a date or {start, deadline}"),
    )


def read_when(value: str | int | date | Mapping[str, Any], ctx: Context) -> tuple[Window, ...]:
    """Every occurrence: dated windows sorted by deadline, then ongoing, then undated.

    ``value`` is the source's text, an int (a bare year), a date (that day) or a
    mapping ``{start, deadline[, label]}`` (dates, ``YYYY-MM-DD`` or ``D/M/YYYY``).
    Raises :class:`DeadlineError` only.
    """
    return _read(value, ctx)[0]


def notes(value: Any, ctx: Context) -> tuple[str, ...]:
    """The plain-words notes on how ``value`` is read."""
    return _read(value, ctx)[1]


def _fmt_window(w: Window) -> str:
    if w.kind == "undated":
        out = _("no deadline (undated)")
    else:
        start = day_text(w.start) if w.start else _("no start")
        out = f"{start} → {day_text(w.deadline) if w.deadline else ''}"
        if w.kind == "ongoing":
            out += " " + _("(ongoing)")
    if w.label:
        out += f" [{w.label}]"
    if w.note:
        out += f" — {w.note}"
    return out


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def explain(value: Any, ctx: Context) -> list[str]:
    """Plain-words lines saying how ``value`` is read (for ``cdsplan when``).

    Raises :class:`DeadlineError` when the value cannot be read.
    """
    windows, lines_of_notes = _read(value, ctx)
    shown = _shown(value)
    if len(windows) == 1:
        line = _('"{text}" is read as: {window}').format(text=shown, window=_fmt_window(windows[0]))
        if lines_of_notes:
            line += f" ({'; '.join(lines_of_notes)})"
        return [line]
    lines = [
        ngettext('"{text}" is read as {n} occurrence:', '"{text}" is read as {n} occurrences:', len(windows)).format(
            text=shown, n=len(windows)
        )
    ]
    lines.extend(f"  {n}. {_fmt_window(w)}" for n, w in enumerate(windows, 1))
    lines.extend(f"  - {note}" for note in lines_of_notes)
    return lines


def before_plan(window: Window, ctx: Context) -> bool:
    """True when a dated window's deadline falls before the plan begins (its
    signing, or its stated start): a single deadline that the caller may want to
    warn about (recurrences never yield such occurrences)."""
    return window.kind == "dated" and window.deadline is not None and window.deadline < ctx.plan_begins
