"""The words of deadline texts, as data.

Every Vietnamese word or phrase the reader knows is listed here, written as the
documents write it (with its accents); the reader folds them (no accents, lower
case) once, at import.  Adding a way of saying something is adding a line here,
as dateparser keeps its per-language data apart from its parser.

Nothing here is a message: these are quotations of the source language.  The
English glosses in comments are for maintainers.
"""

from __future__ import annotations

from typing import Final

from cdsplan.i18n import N_

# --------------------------------------------------------------------------- #
# Words that carry no time: skipped where an item begins
# --------------------------------------------------------------------------- #

#: Leading verbs, qualifiers and headings ("Thời gian thực hiện:", "gửi",
#: "cơ bản hoàn thành trong" …).  Longest first is not needed: the reader sorts.
FILLERS: Final = (
    "thời gian thực hiện",
    "thời gian hoàn thành",
    "thời hạn hoàn thành",
    "thời hạn thực hiện",
    "thời hạn gửi báo cáo",
    "thời hạn gửi",
    "thời hạn báo cáo",
    "thời gian gửi báo cáo",
    "thời gian báo cáo",
    "tiến độ hoàn thành",
    "tiến độ thực hiện",
    "trong thời gian",
    "thời gian chốt số liệu",
    "chốt số liệu",
    "số liệu báo cáo",
    "số liệu",
    "thời gian",
    "thời hạn",
    "thời điểm",
    "tiến độ",
    "trong toàn bộ",
    "toàn bộ",
    "trong vòng",
    "trong thời hạn",
    "trong",
    "cơ bản hoàn thành",
    "hoàn thành và đưa vào sử dụng",
    "hoàn thành và đưa vào vận hành",
    "đưa vào sử dụng",
    "đưa vào vận hành",
    "hoàn thành",
    "hoàn thiện",
    "dự kiến",
    "định kỳ",
    "phấn đấu",
    "thực hiện",
    "triển khai",
    "tổ chức",
    "ban hành",
    "gửi báo cáo",
    "gửi",
    "nộp báo cáo",
    "nộp",
    "trình",
    "báo cáo",
    "xong",
    "giai đoạn",
    "vào",
    "các",
    "cả",
    "kể",
)

#: "by": the deadline is the end of what follows; no start.
BY: Final = (
    "đến hết",
    "hết",
    "đến",
    "tới",
    "chậm nhất là",
    "chậm nhất vào",
    "chậm nhất",
    "muộn nhất là",
    "muộn nhất",
    "không muộn hơn",
    "không chậm hơn",
    "không quá",
    "hạn chót",
    "tính đến",
    "tính đến hết",
    "từ nay đến",
    "từ nay đến hết",
    "từ nay tới",
    "từ nay cho đến",
)

#: "before": strictly before what follows (unless before_inclusive).
BEFORE: Final = ("trước", "xong trước")

#: Between the two ends of a range ("-" is handled by the reader).
RANGE_SEPARATORS: Final = ("đến hết", "đến", "tới", "cho đến")

#: "from": starts a range, or an open-ended period ("từ năm 2025").
FROM: Final = ("từ", "bắt đầu từ", "tính từ", "kể từ")

#: "hằng năm", "hàng quý", "mỗi tháng" …: the words that make a unit repeat.
RECURRING: Final = ("hằng", "hàng", "mỗi")

#: the units that repeat, and what they repeat over.
RECUR_UNITS: Final = {"năm": "year", "quý": "quarter", "tháng": "month", "tuần": "week"}

#: Plain ongoing work: active through the plan's period, never overdue.
ONGOING: Final = (
    "thường xuyên",
    "nhiệm vụ thường xuyên",
    "thường xuyên, liên tục",
    "thường xuyên và liên tục",
    "thường xuyên liên tục",
    "liên tục",
    "liên tục, thường xuyên",
    "hằng ngày, thường xuyên",
    "thực hiện thường xuyên",
)

#: "… và các năm tiếp theo": every year from the year named to the horizon.
FOLLOWING_YEARS: Final = (
    "và các năm tiếp theo",
    "và những năm tiếp theo",
    "và các năm sau",
    "và những năm sau",
    "các năm tiếp theo",
    "và các năm kế tiếp",
)

#: "từ năm 2025 trở đi": open to the end of the horizon.
ONWARDS: Final = ("trở đi", "về sau")

#: Undated on purpose: accepted, never due nor overdue.
UNDATED: Final = (
    "khi có yêu cầu",
    "theo yêu cầu",
    "khi có yêu cầu của cấp có thẩm quyền",
    "đột xuất",
    "đột xuất khi có yêu cầu",
    "đột xuất theo yêu cầu",
    "khi cần thiết",
    "đột xuất khi cần thiết",
    "theo tiến độ của dự án",
    "theo tiến độ dự án",
    "theo tiến độ của đề án",
    "theo tiến độ đề án",
    "theo tiến độ",
    "theo kế hoạch",
    "theo chỉ đạo",
    "theo quy định",
    "định kỳ",
    "khi phát sinh",
    "khi được giao",
    "theo tiến độ thực hiện",
    "theo lộ trình",
    "theo hướng dẫn",
    "theo chỉ đạo của cấp trên",
    "theo kế hoạch được phê duyệt",
)

#: Remarks after a date that set a horizon, kept as the window's note.
HORIZONS: Final = ("định hướng đến", "tầm nhìn đến", "định hướng", "tầm nhìn")

# --------------------------------------------------------------------------- #
# Counted periods (Bộ luật Dân sự 2015, Điều 147–148)
# --------------------------------------------------------------------------- #

#: what a count may be counted in; "ngày làm việc" counts working days.
COUNT_UNITS: Final = {
    "ngày làm việc": "workday",
    "ngày": "day",
    "tuần": "week",
    "tháng": "month",
    "năm": "year",
}

#: words between a count and what it is counted from.
COUNT_FROM: Final = ("kể từ", "tính từ", "từ", "sau", "kể từ sau", "sau khi", "kể từ khi")

#: the days a count starts from: the plan's own signing …
SIGNING: Final = (
    "ngày ký",
    "ngày ký ban hành",
    "ngày ban hành",
    "ngày kế hoạch được ban hành",
    "ngày kế hoạch này được ban hành",
    "ngày kế hoạch được ký",
    "ngày kế hoạch được phê duyệt",
    "ngày quyết định được ban hành",
    "ngày quyết định này được ban hành",
    "ngày quyết định được ký",
    "ngày ban hành kế hoạch",
    "ngày ban hành kế hoạch này",
    "ngày ban hành quyết định",
    "ngày ban hành quyết định này",
    "ngày ký quyết định",
    "ngày ký kế hoạch",
    "ngày phê duyệt kế hoạch",
    "ngày ký ban hành kế hoạch",
    "ngày ký ban hành kế hoạch này",
    "ngày ký ban hành quyết định",
    "ngày ký ban hành quyết định này",
    "ngày kế hoạch này được ký ban hành",
    "ngày kế hoạch được ký ban hành",
    "ngày quyết định này được ký ban hành",
)

#: "ngay sau khi Kế hoạch được ban hành": at once, from the signing.
IMMEDIATELY: Final = (
    "ngay sau khi kế hoạch được ban hành",
    "ngay sau khi kế hoạch này được ban hành",
    "ngay sau khi kế hoạch được phê duyệt",
    "ngay sau khi quyết định được ban hành",
    "ngay sau khi ban hành kế hoạch",
    "ngay sau khi ban hành",
    "ngay khi kế hoạch được ban hành",
    "ngay sau khi ký",
)

#: … or the end of a calendar period, every period.
PERIOD_ENDS: Final = {
    "ngày kết thúc tháng": "month",
    "ngày kết thúc tháng báo cáo": "month",
    "ngày kết thúc quý": "quarter",
    "ngày kết thúc quý báo cáo": "quarter",
    "ngày kết thúc 6 tháng đầu năm": "half",
    "ngày kết thúc năm": "year",
    "ngày kết thúc năm báo cáo": "year",
    "ngày kết thúc năm tài chính": "year",
    "ngày kết thúc 6 tháng đầu năm tài chính": "half",
    "kết thúc tháng": "month",
    "kết thúc quý": "quarter",
    "kết thúc năm": "year",
    "kết thúc 6 tháng đầu năm": "half",
}

# --------------------------------------------------------------------------- #
# Days in a repeating period, reporting years
# --------------------------------------------------------------------------- #

#: "ngày 25 hằng tháng" / "ngày 10 của tháng cuối quý": which month, in which
#: repeating unit.  (unit, month within the unit: 1 = first, 3 = last of a quarter)
MONTH_OF_PERIOD: Final = {
    "tháng báo cáo": ("month", 1),
    "tháng sau": ("month", 2),  # only after "hằng tháng": the month after each month
    "tháng tiếp theo": ("month", 2),
    "tháng kế tiếp": ("month", 2),
    "tháng liền kề sau": ("month", 2),
    "tháng cuối quý": ("quarter", 3),
    "tháng cuối của quý": ("quarter", 3),
    "tháng cuối quý báo cáo": ("quarter", 3),
    "tháng cuối mỗi quý": ("quarter", 3),
    "tháng cuối của mỗi quý": ("quarter", 3),
    "tháng cuối hằng quý": ("quarter", 3),
    "tháng cuối của quý báo cáo": ("quarter", 3),
    "tháng thứ ba của quý": ("quarter", 3),
    "tháng giữa quý": ("quarter", 2),
    "tháng thứ hai của quý": ("quarter", 2),
    "tháng đầu quý": ("quarter", 1),
    "tháng đầu của quý": ("quarter", 1),
    "tháng đầu tiên của quý": ("quarter", 1),
    "tháng đầu quý sau": ("quarter", 4),
    "tháng đầu quý tiếp theo": ("quarter", 4),
    "tháng đầu của quý tiếp theo": ("quarter", 4),
    "tháng đầu quý kế tiếp": ("quarter", 4),
    "tháng đầu quý tiếp theo ngay sau kỳ báo cáo": ("quarter", 4),
    "tháng đầu của quý tiếp theo ngay sau kỳ báo cáo": ("quarter", 4),
    "tháng đầu năm tiếp theo": ("year", 13),
    "tháng đầu năm sau": ("year", 13),
    "tháng đầu năm tiếp theo ngay sau kỳ báo cáo": ("year", 13),
    "tháng đầu của năm tiếp theo": ("year", 13),
}

#: "của năm báo cáo" (that year) / "của năm liền kề năm báo cáo" (the next).
REPORT_YEAR: Final = {
    "của năm báo cáo": 0,
    "năm báo cáo": 0,
    "của năm liền kề năm báo cáo": 1,
    "năm liền kề năm báo cáo": 1,
    "của năm liền kề sau năm báo cáo": 1,
    "của năm tiếp theo năm báo cáo": 1,
    "năm tiếp theo năm báo cáo": 1,
    "của năm sau năm báo cáo": 1,
    "của năm tiếp theo": 1,
    "năm sau": 1,
    "của năm sau": 1,
}

#: Nghị định 09/2019/NĐ-CP, Điều 12: the period the figures of a report cover,
#: "tính từ ngày 15 của tháng trước kỳ báo cáo đến ngày 14 của tháng cuối kỳ".
CUTOFF_FIRST: Final = ("của tháng trước kỳ báo cáo", "tháng trước kỳ báo cáo", "của tháng trước")
CUTOFF_LAST: Final = (
    "của tháng cuối kỳ báo cáo",
    "của tháng cuối kỳ",
    "tháng cuối kỳ",
    "của tháng thuộc kỳ báo cáo",
    "của tháng cuối quý thuộc kỳ báo cáo",
)

#: Half-yearly and yearly reports ("6 tháng và cả năm", "báo cáo 6 tháng, hằng năm").
WHOLE_YEAR: Final = ("cả năm", "hằng năm", "hàng năm", "năm", "1 năm", "một năm", "mỗi năm")
EVERY_N_MONTHS: Final = ("một lần", "1 lần", "/ lần", "/lần", "một lần/lần")

# --------------------------------------------------------------------------- #
# Numbers and months in words, Roman numerals, quarters
# --------------------------------------------------------------------------- #

ROMAN: Final = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
    "x": 10,
    "xi": 11,
    "xii": 12,
}
QUARTER_WORDS: Final = {"một": 1, "nhất": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4}
QUARTER_SPELLINGS: Final = ("quý", "quí", "q")

#: Month names: matched with their accents ("tháng Sáu" is June, "tháng sau" is
#: the next month), and multi-word names before single ones.
MONTH_WORDS: Final = {
    "giêng": 1,
    "một": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười một": 11,
    "mười hai": 12,
    "chạp": 12,
}

#: Digits spelled out in brackets after a number: "ngày 15 (mười lăm)".
UNITS_IN_WORDS: Final = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "nhăm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}
TENS_IN_WORDS: Final = ("mười", "mươi")
ZERO_IN_WORDS: Final = ("linh", "lẻ")

#: Parts of a month or year (Bộ luật Dân sự 2015, Điều 146): đầu / giữa / cuối.
EDGES: Final = {"đầu": "start", "giữa": "middle", "cuối": "end"}
FIRST_LAST: Final = {"đầu": "start", "cuối": "end"}  # "6 tháng đầu năm"
HALVES: Final = {"nửa đầu năm": (1, 6), "nửa cuối năm": (7, 12), "nửa sau năm": (7, 12)}

#: Weeks of a month: "tuần đầu tháng 10", "tuần thứ hai của tháng 10".
WEEK_ORDINALS: Final = {
    "đầu": 1,
    "đầu tiên": 1,
    "thứ nhất": 1,
    "1": 1,
    "thứ hai": 2,
    "2": 2,
    "thứ 2": 2,
    "thứ ba": 3,
    "3": 3,
    "thứ 3": 3,
    "thứ tư": 4,
    "4": 4,
    "thứ 4": 4,
    "cuối": -1,
    "cuối cùng": -1,
}

#: A time of day before a date: "17h00", "17 giờ 30", "17:00".
HOUR_WORDS: Final = ("giờ", "h")
#: "01 lần/năm": how often, in so many words
TIMES: Final = ("lần",)
MONTH_ABBREVIATIONS: Final = ("t",)  # "T6/2024"
MINUTE_WORDS: Final = ("phút", "p")

#: Small words of the grammar itself.
OR: Final = ("hoặc",)
AND: Final = ("và",)
OF: Final = ("của",)
DAY: Final = "ngày"
MONTH: Final = "tháng"
YEAR: Final = "năm"
WEEK: Final = "tuần"
PLAN_YEAR_WORDS: Final = ("trong năm",)

# --------------------------------------------------------------------------- #
# The families, with an example each: `cdsplan when --help`, docs, the tests
# --------------------------------------------------------------------------- #

#: (family, example) — one line each in ``cdsplan when --help``.
FAMILIES: Final = (
    (N_("a quarter, month, day or year"), "Quý I/2023, tháng 9/2023, ngày 15/9/2024, 2024"),
    (N_("a range"), "từ ngày 15/9 - 10/10/2024, 2023-2025"),
    (N_("before / by a day"), "trước ngày 15/9/2024, chậm nhất ngày 15/9/2024"),
    (N_("parts of a month or year (Điều 146)"), "đầu tháng 10, 6 tháng đầu năm, cuối năm"),
    (N_("every year, quarter, month, week"), "hằng năm, hàng quý, hằng tháng, hằng tuần"),
    (N_("a fixed day that repeats"), "trước ngày 25 hằng tháng, ngày 10 của tháng cuối quý"),
    (N_("reports"), "định kỳ 6 tháng, 6 tháng và cả năm, trước ngày 15/01 của năm liền kề năm báo cáo"),
    (N_("ongoing"), "Thường xuyên, từ năm 2025, 2025 và các năm tiếp theo"),
    (N_("no deadline on purpose"), "khi có yêu cầu, đột xuất, theo tiến độ của dự án"),
    (N_("counted (Điều 147)"), "trong vòng 15 ngày kể từ ngày ký, 10 ngày làm việc kể từ ngày ký"),
)
