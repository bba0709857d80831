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
``vocab``     the lexicon compiled for matching; the vocabulary refusals check words against
``nodes``     typed syntax nodes
``parser``    tokens -> nodes (the grammar below)
``fail``      what a text that cannot be read fails with, and the hints
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
Words are matched folded (no accents, lower case; accents are checked where they
decide: "tháng Sáu" is June, "tháng sau" the next month); ``[x]`` is optional,
``x*`` repeats, ``|`` separates choices; capitals name lexicon entries::

    when      := choice
    choice    := listing ("hoặc" listing)*                 one window spanning all
    listing   := item (("," | ";" | "và" | ", và") item)*   one occurrence per item
    item      := phrase ["(" (remark | time) ")"] [[","] horizon]
    remark    := any words                                  kept as the occurrence's label
    time      := [BEFORE | BY] term | "từ năm" YEAR          merged into the recurrence before it
    horizon   := HORIZON ["năm"] YEAR                       kept as the window's note
    phrase    := ONGOING ["từ" term] | UNDATED ["của" words] "Thường xuyên", "khi có yêu cầu"
               | FILLER* core
    core      := IMMEDIATELY                                "ngay sau khi Kế hoạch được ban hành"
               | recur                                      "hằng quý", "hằng tháng, trước ngày 25"
               | (BEFORE | BY) [clock] (counted | term suffix)
               | ["sau"] counted
               | FROM term (RANGE_SEP term [yearly] | FOLLOWING | [ONWARDS])
               | "(" choice ")" | N "ngày" "(" choice ")"   the count is checked
               | cadence                                    "định kỳ 6 tháng", "báo cáo 6 tháng"
               | [clock] term (RANGE_SEP term [yearly | FOLLOWING] | suffix)
    suffix    := RECURRING UNIT [years]                     "… hằng năm", "… hằng tháng"
               | REPORT_YEAR                                "… của năm liền kề năm báo cáo"
               | FOLLOWING                                  "2025 và các năm tiếp theo"
    yearly    := RECURRING "năm" | REPORT_YEAR              the same range every year
    recur     := RECURRING UNIT [years] [","] [FILLER*] [(BEFORE | BY) [clock]] [term]
               | RECURRING UNIT "," "tính từ" cutoff        Nghị định 09/2019, Điều 12
    years     := ["giai đoạn" | "trong" | "của" | "từ"] ["năm"] YEAR [RANGE_SEP ["năm"] YEAR]
    cadence   := N "tháng" [EVERY_N]                        N = 3, 6 (with "định kỳ"), 6, 9
    counted   := N COUNT_UNIT COUNT_FROM (SIGNING | PERIOD_END | "ngày" D/M[/Y])
    cutoff    := "ngày" D CUTOFF_FIRST RANGE_SEP "ngày" D CUTOFF_LAST
    clock     := H ("h" | "giờ" | ":") [MM ["phút"]] [","]   kept for the explanation
    term      := day | month | quarter | year | part | point | week | dayof
    day       := ["ngày"] D ("/" | "." | "-") M [sep Y] | "ngày" D "tháng" M ["năm" Y] | ISO
    month     := "tháng" (M | ROMAN | MONTH_WORD) [year] | M "/" YYYY
    quarter   := ("quý" | "quí" | "Q") (I…IV | 1…4 | word) [year]
    year      := YYYY | "năm" [YYYY]
    part      := N "tháng" ("đầu" | "cuối") "năm" [YYYY] | N "tháng" "năm" YYYY
               | HALF [YYYY] | N "ngày" ("đầu" | "cuối") month
    point     := EDGE (month | quarter | "năm" [YYYY])      Điều 146
    week      := "tuần" WEEK_ORDINAL ["của"] month
    dayof     := "ngày" D ["của"] MONTH_OF_PERIOD           "ngày 10 của tháng cuối quý"

In a list, a "trước"/"đến" and a trailing "hằng năm" are said once for all the
days of the list ("trước ngày 15/6 và 15/12 hằng năm"), and "hằng năm, từ năm
2025" sets the years of the recurrence.  Numbers spelled out in brackets after a number ("ngày 15 (mười lăm)") are
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
