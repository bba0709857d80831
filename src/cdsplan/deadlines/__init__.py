"""Reading Vietnamese deadline texts (a plan's ``when``) into windows.

A plan keeps the source's own words ("trong Quý I/2023", "trước ngày 15/9/2024",
"Hằng năm", "Thường xuyên", "trong vòng 15 ngày kể từ ngày ký" …).  This package
turns such a value, plus the plan's context (:class:`Context`: its years, its
signing date, its start, its horizon), into occurrences, each a :class:`Window`
``[start, deadline]`` with both ends inclusive, of kind "dated", "ongoing" or
"undated".  Anything it cannot read raises :class:`DeadlineError`, which says
where, which words it did not understand, and the nearest form it knows.

Modules
-------
``lexicon``   the words, as data (Vietnamese as the documents write it)
``text``      NFC, the fold, tokens (offsets into the original text)
``nodes``     typed syntax nodes
``parser``    tokens -> nodes (the grammar below)
``evaluate``  the one evaluator: nodes + context -> windows and notes
``law``       Bộ luật Dân sự 2015, Điều 146–148, as a table
``reader``    read_when / explain, values that are not text, the cache
``describe``  the text cdsplan writes for a window
``forms``     the forms by example (hints, ``when --help``, the docs table)
``docs``      generates the forms table of docs/deadlines.md
``explain``   ``cdsplan when``: text or JSON, with days off (needs ``holidays``)
``workdays``  days off and working days (Điều 148; needs ``holidays``)

Grammar
-------
Words are matched folded (no accents, lower case); ``[x]`` is optional,
``x*`` repeats, ``|`` separates choices, quoted words come from the lexicon::

    when      := choice
    choice    := listing ("hoặc" listing)*                 one window spanning all
    listing   := item (("," | ";" | "và" | ", và") item)*   one occurrence per item
    item      := phrase ["(" remark ")"] [[","] horizon]    remark -> label, horizon -> note
    horizon   := ("định hướng đến" | "tầm nhìn đến") ["năm"] YEAR
    phrase    := ONGOING | UNDATED                          "Thường xuyên", "khi có yêu cầu"
               | FILLER* core
    core      := IMMEDIATELY                                "ngay sau khi Kế hoạch được ban hành"
               | recur                                      "hằng quý", "hằng tháng, trước ngày 25"
               | (BEFORE | BY) [time] (counted | term suffix)
               | ["sau"] counted
               | FROM term (RANGE_SEP term | FOLLOWING | [ONWARDS])
               | FROM cutoff                                (only after a cadence: "hằng quý, tính từ …")
               | "(" choice ")" | N "ngày" "(" choice ")"
               | cadence                                    "định kỳ 6 tháng", "6 tháng"
               | term (RANGE_SEP term | suffix)
    suffix    := RECURRING UNIT [years]                     "… hằng năm", "… hằng tháng"
               | REPORT_YEAR                                "… của năm liền kề năm báo cáo"
               | FOLLOWING                                  "2025 và các năm tiếp theo"
    recur     := RECURRING UNIT [years] [","] [(BEFORE | BY) term]
    counted   := N COUNT_UNIT COUNT_FROM (SIGNING | PERIOD_END | "ngày" D/M/Y)
    time      := H ("h" | "giờ" | ":") [MM ["phút"]] [","]
    term      := day | month | quarter | year | part | point | week | dayof
    day       := ["ngày"] D ("/" | "." | "-") M [sep Y] | "ngày" D "tháng" M ["năm" Y] | ISO
    month     := "tháng" (M | ROMAN | MONTH_WORD) [year] | M "/" YYYY
    quarter   := ("quý" | "quí" | "Q") (I…IV | 1…4 | word) [year]
    year      := YYYY | "năm" [YYYY]
    part      := N "tháng" ("đầu" | "cuối") "năm" [YYYY] | "nửa đầu/cuối năm" | N "ngày" ("đầu" | "cuối") month
    point     := ("đầu" | "giữa" | "cuối") (month | quarter | "năm" [YYYY])      Điều 146
    week      := "tuần" ORDINAL ["của"] month
    dayof     := "ngày" D ["của"] MONTH_OF_PERIOD           "ngày 10 của tháng cuối quý"

Numbers spelled out in brackets after a number ("ngày 15 (mười lăm)") are
checked against it and dropped; a time of day before a day is kept for the
explanation (the day counts).

Years: a term without one takes the year written later in the same text, else
the plan's first year; recurrences run over the plan's years, from the day the
plan begins (none ends before it), and open-ended ones to its horizon.  Counted
periods follow Điều 147 (the day named is not counted) and 148.

The package is pure: no I/O, and nothing of cdsplan but :mod:`cdsplan.i18n`
(``workdays`` imports ``holidays``, lazily, only for working days and days off).
Results for text values are memoised on ``(text, ctx)``.  The rules are
documented for users in ``docs/deadlines.md``.
"""

from __future__ import annotations

from .core import (
    MAX_DEPTH,
    MAX_OCCURRENCES,
    MAX_TEXT,
    MAX_YEAR,
    MIN_YEAR,
    Context,
    DeadlineError,
    Window,
)
from .describe import describe
from .forms import KNOWN_FORMS, families_help
from .reader import _read_text, before_plan, explain, notes, read_when

__all__ = [
    "KNOWN_FORMS",
    "MAX_DEPTH",
    "MAX_OCCURRENCES",
    "MAX_TEXT",
    "MAX_YEAR",
    "MIN_YEAR",
    "Context",
    "DeadlineError",
    "Window",
    "_read_text",
    "before_plan",
    "describe",
    "explain",
    "families_help",
    "notes",
    "read_when",
]
