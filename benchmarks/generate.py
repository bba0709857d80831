"""Generate a synthetic national corpus of plans that passes `cdsplan check --strict`.

    python benchmarks/generate.py OUT_DIR [--tasks N] [--files F] [--seed S] [--inject-error]

Writes OUT_DIR/pyproject.toml, OUT_DIR/plans/agencies.yaml (a copy of this
repository's registry) and OUT_DIR/plans/<year>/*.yaml for 2021–2025: per year
one plan of the National Committee, ministry plans and province plans, in the
style of the real plans (2-space indent, numbered sections and tasks, agency
ids from the registry, the source's own deadline texts, milestones, targets
with measures, statuses, a comment here and there). The default, 23,000 tasks
in 325 files, is the national scale: five years of the National Committee,
30 ministries and 34 provinces.

The same arguments always give the same files. --inject-error then puts one
known error in the corpus (an agency id with a typo) and prints where it is,
as `plans/<year>/<file>.yaml:LINE:COLUMN`.

The plans are written with the standard library and PyYAML (to read the registry) only.
Then OUT_DIR/progress/<year>/<agency>.yaml gets the agencies' progress records (about
60,000 by default, --records N): a record for most holders of most items, shared ones
included. Those are made with cdsplan's library (the Project's occurrences and holders),
so that every record names an occurrence and a holder exactly as cdsplan reads the plans.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

import yaml

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "plans" / "agencies.yaml"

YEARS = (2021, 2022, 2023, 2024, 2025)
DEFAULT_TASKS = 23_000
DEFAULT_FILES = 325
DEFAULT_RECORDS = 60_000
MINISTRIES_PER_YEAR = 30
PROVINCES_PER_YEAR = 34
GENERATOR_VERSION = 3  # bump when the output changes for the same arguments
MARKER = ".benchmark-corpus.json"

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI"]
ROMAN_Q = ["I", "II", "III", "IV"]
LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------- #
# Phrase lists: the vocabulary of real plans
# --------------------------------------------------------------------------- #

# Verbs that go with any object; each topic adds its own.
VERBS = [
    "Triển khai",
    "Tổ chức triển khai",
    "Đẩy mạnh",
    "Tiếp tục triển khai",
    "Rà soát, đánh giá",
    "Hướng dẫn, đôn đốc triển khai",
    "Kiểm tra, giám sát việc triển khai",
    "Chủ trì, phối hợp triển khai",
    "Nâng cao hiệu quả",
    "Tổ chức đánh giá",
]
SECOND_VERBS = [
    "đồng thời triển khai",
    "kết nối với",
    "tích hợp với",
    "báo cáo kết quả triển khai",
    "công khai kết quả",
    "đánh giá hiệu quả",
    "gắn với",
]

TOPICS: list[tuple[str, list[str], list[str]]] = [  # (section title, verbs, objects)
    (
        "Hoàn thiện thể chế, môi trường pháp lý",
        ["Xây dựng, ban hành", "Ban hành", "Rà soát, sửa đổi, bổ sung", "Nghiên cứu, đề xuất", "Hoàn thiện", "Cập nhật"],
        [
            "Kế hoạch chuyển đổi số năm {Y}",
            "quy chế quản lý, vận hành, khai thác {SYSTEM}",
            "văn bản quy phạm pháp luật tạo hành lang pháp lý cho chuyển đổi số",
            "Kiến trúc Chính phủ điện tử phiên bản 3.0",
            "danh mục cơ sở dữ liệu dùng chung",
            "quy định về định mức kinh tế - kỹ thuật cho các hoạt động chuyển đổi số",
            "quy chế phối hợp trong xây dựng, cập nhật, khai thác cơ sở dữ liệu",
            "cơ chế, chính sách thu hút chuyên gia công nghệ số",
        ],
    ),
    (
        "Phát triển hạ tầng số",
        ["Đầu tư, nâng cấp", "Nâng cấp", "Phát triển", "Mở rộng", "Duy trì, vận hành", "Hoàn thành phủ"],
        [
            "hạ tầng mạng truyền số liệu chuyên dùng cấp II",
            "Trung tâm dữ liệu",
            "nền tảng điện toán đám mây",
            "hạ tầng kết nối Internet băng rộng cáp quang đến hộ gia đình",
            "mạng di động 5G tại các khu công nghiệp, khu công nghệ cao",
            "hệ thống camera giám sát an ninh trật tự, giao thông",
            "hạ tầng Internet vạn vật (IoT) phục vụ quản lý đô thị",
            "sóng di động tại các thôn, bản chưa có sóng",
        ],
    ),
    (
        "Phát triển dữ liệu số",
        ["Xây dựng", "Số hóa, cập nhật", "Chuẩn hóa, làm sạch", "Kết nối, chia sẻ", "Khai thác, sử dụng", "Hoàn thiện"],
        [
            "Cơ sở dữ liệu quốc gia về dân cư",
            "cơ sở dữ liệu chuyên ngành về {FIELD}",
            "kho dữ liệu dùng chung",
            "danh mục dữ liệu mở và kế hoạch công bố dữ liệu mở",
            "Cơ sở dữ liệu hộ tịch điện tử",
            "cơ sở dữ liệu đất đai",
            "dữ liệu hồ sơ sức khỏe điện tử",
            "cơ sở dữ liệu về cán bộ, công chức, viên chức",
            "nền tảng phân tích, xử lý dữ liệu tổng hợp",
            "dữ liệu thủ tục hành chính phục vụ tái sử dụng",
        ],
    ),
    (
        "Phát triển nền tảng số, hệ thống thông tin",
        ["Xây dựng", "Nâng cấp", "Tích hợp", "Duy trì, vận hành", "Kết nối", "Hoàn thiện"],
        [
            "Nền tảng tích hợp, chia sẻ dữ liệu cấp bộ, cấp tỉnh (LGSP)",
            "Hệ thống thông tin giải quyết thủ tục hành chính",
            "Trung tâm giám sát, điều hành thông minh (IOC)",
            "hệ thống quản lý văn bản và điều hành",
            "Hệ thống thông tin báo cáo",
            "nền tảng họp trực tuyến",
            "nền tảng học trực tuyến mở đại trà (MOOCs)",
            "ứng dụng công dân số",
            "nền tảng bản đồ số dùng chung",
            "hệ thống thư điện tử công vụ",
        ],
    ),
    (
        "Phát triển Chính phủ số, nâng cao chất lượng dịch vụ công trực tuyến",
        ["Cung cấp", "Đẩy mạnh sử dụng", "Tích hợp", "Nâng cao chất lượng", "Triển khai"],
        [
            "dịch vụ công trực tuyến toàn trình",
            "thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia",
            "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
            "chữ ký số cá nhân cho người dân",
            "tài khoản định danh điện tử VNeID trong giải quyết thủ tục hành chính",
            "kho dữ liệu điện tử của tổ chức, cá nhân",
            "Cổng thông tin điện tử",
            "bộ phận tiếp nhận và trả kết quả một cửa",
        ],
    ),
    (
        "Phát triển kinh tế số",
        ["Triển khai", "Xây dựng", "Phát triển", "Hỗ trợ", "Thí điểm"],
        [
            "chương trình hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số",
            "sàn thương mại điện tử cho sản phẩm OCOP",
            "thanh toán không dùng tiền mặt tại chợ truyền thống",
            "hệ sinh thái khởi nghiệp đổi mới sáng tạo",
            "nền tảng truy xuất nguồn gốc nông sản",
            "du lịch thông minh",
        ],
    ),
    (
        "Phát triển xã hội số",
        ["Tổ chức", "Triển khai", "Nhân rộng", "Phát động", "Duy trì"],
        [
            "Ngày Chuyển đổi số quốc gia 10/10",
            "chiến dịch truyền thông nâng cao nhận thức về chuyển đổi số",
            "Tổ công nghệ số cộng đồng",
            "phong trào Bình dân học vụ số",
            "mô hình xã, phường chuyển đổi số điển hình",
            "chương trình phổ cập điện thoại thông minh",
        ],
    ),
    (
        "Bảo đảm an toàn, an ninh mạng",
        ["Xây dựng, phê duyệt", "Triển khai", "Tổ chức", "Duy trì", "Kiện toàn"],
        [
            "phương án bảo đảm an toàn hệ thống thông tin theo cấp độ",
            "mô hình 4 lớp bảo đảm an toàn thông tin",
            "diễn tập thực chiến an toàn thông tin mạng",
            "Trung tâm giám sát an toàn không gian mạng (SOC)",
            "đội ứng cứu sự cố an toàn thông tin mạng",
            "kiểm tra, đánh giá an toàn thông tin định kỳ",
        ],
    ),
    (
        "Phát triển nguồn nhân lực số",
        ["Tổ chức", "Triển khai", "Xây dựng", "Phát triển", "Kiện toàn"],
        [
            "chương trình bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức",
            "đội ngũ chuyên gia chuyển đổi số",
            "chương trình đào tạo về dữ liệu lớn, trí tuệ nhân tạo",
            "kỹ năng số cho người dân",
            "mạng lưới cán bộ chuyên trách công nghệ thông tin",
        ],
    ),
    (
        "Tuyên truyền, nâng cao nhận thức",
        ["Duy trì", "Xây dựng", "Tổ chức", "Biên soạn, phát hành"],
        [
            "chuyên mục chuyển đổi số trên báo, đài địa phương",
            "tài liệu hướng dẫn sử dụng dịch vụ công trực tuyến",
            "cuộc thi tìm hiểu về chuyển đổi số",
            "hội thảo, tọa đàm về chuyển đổi số",
        ],
    ),
    (
        "Tổ chức thực hiện",
        ["Thực hiện", "Tổ chức", "Bố trí", "Tổng hợp"],
        [
            "báo cáo định kỳ tình hình thực hiện Kế hoạch",
            "kiểm tra, đôn đốc việc thực hiện Kế hoạch",
            "kinh phí thực hiện các nhiệm vụ chuyển đổi số",
            "đánh giá mức độ chuyển đổi số (DTI)",
        ],
    ),
]
SUBTOPICS = [
    "Nhiệm vụ trọng tâm",
    "Nhiệm vụ thường xuyên",
    "Nhiệm vụ chuyển tiếp",
    "Nhiệm vụ giao các sở, ban, ngành",
    "Nhiệm vụ giao UBND cấp huyện",
    "Nhiệm vụ phối hợp với các bộ, ngành",
    "Nhiệm vụ giao các đơn vị thuộc Bộ",
]
SYSTEMS = [
    "Hệ thống thông tin giải quyết thủ tục hành chính",
    "Cổng thông tin điện tử",
    "Trung tâm dữ liệu",
    "Nền tảng tích hợp, chia sẻ dữ liệu",
    "hệ thống quản lý văn bản và điều hành",
]
FIELDS = [
    "y tế",
    "giáo dục",
    "giao thông",
    "nông nghiệp",
    "đất đai",
    "tài nguyên nước",
    "lao động, việc làm",
    "bảo trợ xã hội",
    "doanh nghiệp",
    "hộ tịch",
    "văn hóa, du lịch",
    "xây dựng",
    "tư pháp",
]
QUALIFIERS = [
    "bảo đảm kết nối, liên thông với các hệ thống thông tin của Chính phủ",
    "theo hướng dẫn của {MINISTRY}",
    "phục vụ chỉ đạo, điều hành của Chính phủ, Thủ tướng Chính phủ",
    "đáp ứng yêu cầu của Đề án 06",
    "gắn với cải cách hành chính",
    "nhằm nâng cao chất lượng phục vụ người dân, doanh nghiệp",
    "theo quy định tại Nghị định số 47/2020/NĐ-CP",
    "ưu tiên ứng dụng trí tuệ nhân tạo, dữ liệu lớn",
    "bảo đảm an toàn, an ninh mạng",
    "trên cơ sở quy hoạch, kiến trúc thống nhất",
    "lồng ghép với các chương trình mục tiêu quốc gia",
    "hướng tới cung cấp dịch vụ chủ động, cá nhân hóa",
    "bảo đảm dữ liệu “đúng, đủ, sạch, sống”",
    "theo Quyết định số 749/QĐ-TTg của Thủ tướng Chính phủ",
]
MILESTONES = [
    ("Ban hành kế hoạch triển khai chi tiết", "early"),
    ("Tổ chức sơ kết 6 tháng triển khai", "mid"),
    ("Tổ chức sơ kết, đánh giá, rút kinh nghiệm", "mid"),
    ("Tổ chức tổng kết triển khai", "late"),
    ("Tổng kết, đánh giá kết quả thực hiện, đề xuất nhân rộng", "late"),
    ("Báo cáo kết quả thực hiện về {MINISTRY}", "late"),
    ("Hoàn thành đưa vào vận hành chính thức", "late"),
]
NOTES = [
    "Văn bản không nêu thời hạn; lấy năm của kế hoạch.",
    "Nguồn ghi 'chuyển đổi' thiếu chữ 'số' (giữ nguyên văn bản gốc).",
    "Nhiệm vụ chuyển tiếp từ kế hoạch năm trước.",
    "Văn bản không nêu đơn vị chủ trì; ghi cơ quan ban hành kế hoạch.",
    "Đoạn mở đầu mục, không đánh số trong văn bản.",
]
COMMENTS = [
    "# Nguồn: Phụ lục kèm theo Kế hoạch",
    "# TODO: xác nhận đơn vị chủ trì với Văn phòng",
    "# Mục này được bổ sung theo văn bản điều chỉnh",
    "# Các nhiệm vụ dưới đây giữ nguyên số thứ tự của văn bản",
    "# Thời hạn ghi theo Công văn hướng dẫn của Bộ",
]
INLINE_COMMENTS = [
    "# theo Công văn số {N}/BTTTT-CĐSQG",
    "# văn bản gốc ghi như vậy",
    "# đã đối chiếu với bản ký",
    "# hạn điều chỉnh",
]
# (area, comparison, phrase before the figure, unit, subject, low, high)
MEASURES = [
    (
        "Chính phủ số",
        "at_least",
        "",
        "%",
        "thủ tục hành chính đủ điều kiện được cung cấp dưới hình thức dịch vụ công trực tuyến toàn trình",
        60,
        100,
    ),
    ("Chính phủ số", "at_least", "", "%", "hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng", 80, 100),
    ("Chính phủ số", "above", "Trên ", "%", "hồ sơ thủ tục hành chính được xử lý trực tuyến", 30, 80),
    ("Chính phủ số", "at_least", "", "%", "văn bản trao đổi giữa các cơ quan nhà nước dưới dạng điện tử", 90, 100),
    ("Chính phủ số", "below", "Dưới ", "ngày", "thời gian xử lý hồ sơ đăng ký doanh nghiệp", 2, 5),
    ("Chính phủ số", "at_most", "Tối đa ", "%", "hồ sơ giải quyết thủ tục hành chính quá hạn", 1, 5),
    ("Xã hội số", "above", "Trên ", "%", "người dân trưởng thành có điện thoại thông minh", 70, 90),
    ("Xã hội số", "at_least", "", "%", "người dân có tài khoản định danh điện tử", 40, 80),
    ("Hạ tầng số", "at_least", "", "%", "hộ gia đình có kết nối Internet băng rộng cáp quang", 60, 100),
    ("Hạ tầng số", "at_least", "", "%", "thôn, bản có sóng di động băng rộng", 90, 100),
    ("Nhân lực số", "at_least", "", "%", "cán bộ, công chức, viên chức được bồi dưỡng kỹ năng số", 50, 100),
    ("Nhân lực số", "above", "Trên ", "%", "người dân được phổ cập kỹ năng số cơ bản", 30, 70),
    ("Kinh tế số", "at_least", "Đạt ", "%", "tỷ trọng kinh tế số trong GRDP", 10, 25),
    ("Kinh tế số", "above", "Trên ", "%", "doanh nghiệp nhỏ và vừa sử dụng nền tảng số", 30, 60),
    ("Kinh tế số", "at_least", "", "%", "giao dịch thanh toán dịch vụ công không dùng tiền mặt", 30, 70),
    ("Dữ liệu số", "at_least", "", "%", "kết quả giải quyết thủ tục hành chính được số hóa", 80, 100),
    ("Dữ liệu số", "at_least", "", "%", "cơ sở dữ liệu dùng chung được kết nối, chia sẻ qua nền tảng tích hợp, chia sẻ dữ liệu", 70, 100),
    ("An toàn thông tin mạng", "at_least", "", "%", "hệ thống thông tin được phê duyệt cấp độ an toàn thông tin", 90, 100),
    ("An toàn thông tin mạng", "at_least", "", "%", "hệ thống thông tin được giám sát an toàn thông tin mạng tập trung", 80, 100),
]
TARGET_AREAS = list(dict.fromkeys(measure[0] for measure in MEASURES))
PLAN_KINDS = [
    ("cds", "Kế hoạch chuyển đổi số {SPAN} của {NAME}"),
    ("dlso", "Kế hoạch phát triển dữ liệu số {SPAN} của {NAME}"),
    ("cpso", "Kế hoạch phát triển Chính phủ số, bảo đảm an toàn thông tin mạng {SPAN} của {NAME}"),
    ("ndcds", "Kế hoạch tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia {SPAN} của {NAME}"),
]
NATIONAL_THEMES = {
    2021: None,
    2022: "Năm thúc đẩy chuyển đổi số",
    2023: "Năm dữ liệu số quốc gia",
    2024: "Phổ cập, nâng cao kỹ năng số",
    2025: "Hoàn thành mục tiêu Chương trình Chuyển đổi số quốc gia giai đoạn 2021-2025",
}
MONTH_THEMES = [
    "Dữ liệu mở",
    "Dịch vụ công trực tuyến toàn trình",
    "Định danh điện tử",
    "Thanh toán không dùng tiền mặt",
    "Kỹ năng số",
    "An toàn thông tin",
    "Hạ tầng số",
    "Nền tảng số",
    "Kinh tế số",
    "Ngày Chuyển đổi số quốc gia",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Hữu", "Thanh", "Quốc", "Xuân", "Ngọc", "Hồng", "Mạnh"]
GIVEN = ["Hùng", "Dũng", "Lan", "Hà", "Sơn", "Tuấn", "Thắng", "Hải", "Bình", "Phương", "Trung", "Long", "Hiếu", "Thành", "Nam"]
LEGAL_BASIS = [
    "Căn cứ Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ phê duyệt “Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030”;",
    "Căn cứ Quyết định số 942/QĐ-TTg ngày 15 tháng 6 năm 2021 của Thủ tướng Chính phủ phê duyệt Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số giai đoạn 2021 - 2025, định hướng đến năm 2030;",
    "Căn cứ Quyết định số 411/QĐ-TTg ngày 31 tháng 3 năm 2022 của Thủ tướng Chính phủ phê duyệt Chiến lược quốc gia phát triển kinh tế số và xã hội số đến năm 2025, định hướng đến năm 2030;",
    "Căn cứ Quyết định số 06/QĐ-TTg ngày 06 tháng 01 năm 2022 của Thủ tướng Chính phủ phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030;",
    "Căn cứ Nghị định số 47/2020/NĐ-CP ngày 09 tháng 4 năm 2020 của Chính phủ về quản lý, kết nối và chia sẻ dữ liệu số của cơ quan nhà nước;",
    "Căn cứ Nghị quyết số 17/NQ-CP ngày 07 tháng 3 năm 2019 của Chính phủ về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử giai đoạn 2019 - 2020, định hướng đến 2025;",
]


# --------------------------------------------------------------------------- #
# The registry
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class Agency:
    id: str
    name: str
    kind: str
    since: dt.date | None
    until: dt.date | None
    parent: str | None

    def exists_in(self, year: int) -> bool:
        return (self.since is None or self.since.year <= year) and (self.until is None or self.until.year >= year)

    def exists_at_end_of(self, year: int) -> bool:
        end = dt.date(year, 12, 31)
        return (self.since is None or self.since <= end) and (self.until is None or self.until >= end)

    def exists_at_start_of(self, year: int) -> bool:
        start = dt.date(year, 1, 1)
        return (self.since is None or self.since <= start) and (self.until is None or self.until >= start)


def read_registry(path: Path = REGISTRY) -> list[Agency]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return [
        Agency(item["id"], item["name"], item["kind"], item.get("since"), item.get("until"), item.get("parent"))
        for item in data["agencies"]
    ]


# --------------------------------------------------------------------------- #
# YAML output, in the style of the hand-written plans
# --------------------------------------------------------------------------- #

_PLAIN_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@`")
# Plain scalars that YAML (1.1, as PyYAML reads, or 1.2, as cdsplan reads) would not take as text.
_NON_STRING = re.compile(
    r"""^(?:
      [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?   # ints, floats, sexagesimals
    | [-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?
    | 0x[0-9a-fA-F_]+ | 0o[0-7]+ | 0b[01_]+
    | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt\ ].*)?                            # dates and timestamps
    | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
    | ~ | null | Null | NULL | true | True | TRUE | false | False | FALSE
    | yes | Yes | YES | no | No | NO | on | On | ON | off | Off | OFF | y | Y | n | N | = | <<
    )$""",
    re.X,
)


def scalar(value: object) -> str:
    """A value as the plans write it: plain when YAML reads it back unchanged, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = nfc(str(value))
    if (
        not text
        or text != text.strip()
        or text[0] in _PLAIN_UNSAFE_START
        or ": " in text
        or " #" in text
        or text.endswith(":")
        or any(ch in text for ch in "\n\t\r\\")
        or _NON_STRING.match(text)
    ):
        return json.dumps(text, ensure_ascii=False)
    return text


class Writer:
    """Lines of YAML with 2-space indentation; remembers where chosen values are."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, indent: int, text: str) -> int:
        self.lines.append("  " * indent + text)
        return len(self.lines)  # 1-based line number

    def key(self, indent: int, key: str, value: object, *, comment: str | None = None, item: bool = False) -> int:
        prefix = "- " if item else ""
        text = f"{prefix}{key}: {scalar(value)}"
        if comment:
            text += f"  {comment}"
        return self.add(indent, text)

    def flow_ids(self, ids: list[str]) -> str:
        return "[" + ", ".join(ids) + "]"

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


# --------------------------------------------------------------------------- #
# Deadlines: the forms real plans use, consistent with the plan's year or period
# --------------------------------------------------------------------------- #


def _day(rng: Random, month: int) -> int:
    return rng.randint(1, 28) if month != 2 else rng.randint(1, 27)


def when_in_year(rng: Random, year: int, *, multi_year: bool) -> object:
    """A deadline whose every window falls inside `year` (texts without a year take the plan's first
    year, so multi-year plans give those only for their first year)."""
    y = year
    m = rng.randint(2, 12)
    d = _day(rng, m)
    q = rng.randint(1, 4)
    forms = [
        (9, lambda: f"trước tháng {m}/{y}"),
        (4, lambda: f"hoàn thành trước tháng {m}/{y}"),
        (8, lambda: f"trong tháng {m}/{y}"),
        (6, lambda: f"trong Quý {ROMAN_Q[q - 1]}/{y}"),
        (3, lambda: f"Quý {ROMAN_Q[q - 1]}/{y}"),
        (2, lambda: f"quý {q} năm {y}"),
        (5, lambda: f"trước ngày {d}/{m}/{y}"),
        (2, lambda: f"hoàn thành trước ngày {d}/{m}/{y}"),
        (2, lambda: f"chậm nhất ngày {d}/{m}/{y}"),
        (1, lambda: f"không muộn hơn ngày {d}/{m}/{y}"),
        (1, lambda: f"đến ngày {d}/{m}/{y}"),
        (2, lambda: f"Từ ngày {d:02d}/{m - 1:02d}/{y}-{d:02d}/{m:02d}/{y}"),
        (2, lambda: f"từ ngày 15/9 - 10/10/{y}"),
        (2, lambda: f"15/9 - 10/10/{y} hoặc trong toàn bộ tháng 10/{y}"),
        (1, lambda: f"trong 10 ngày (01/10/{y} - 10/10/{y})"),
        (1, lambda: f"tháng {m} năm {y}"),
        (1, lambda: f"ngày {d} tháng {m} năm {y}"),
        (1, lambda: f"trong ngày 10/10/{y}"),
        (1, lambda: f"cuối tháng {m}/{y}"),
        (1, lambda: f"đến hết năm {y}"),
        (1, lambda: f"năm {y}"),
        (8, lambda: y),  # a bare year
        (2, lambda: dt.date(y, m, d)),  # an ISO date
        (1, lambda: {"start": dt.date(y, 10, 1), "deadline": dt.date(y, 10, 10)}),
    ]
    if not multi_year:  # texts that take the year from the plan
        forms += [
            (3, lambda: f"Tháng {m}"),
            (2, lambda: f"trong tháng {m}"),
            (1, lambda: f"Quý {ROMAN_Q[q - 1]}"),
            (2, lambda: "tháng 3, tháng 7 và tháng 12"),
            (1, lambda: "Tháng 3, tháng 7 (Sơ kết 6 tháng), tháng 9 và tháng 12 (Tổng kết năm)"),
            (2, lambda: "6 tháng đầu năm"),
            (1, lambda: "6 tháng cuối năm"),
            (1, lambda: "6/9 tháng đầu năm"),
            (1, lambda: "hằng quý"),
            (1, lambda: "hàng quý"),
            (1, lambda: "hằng tháng"),
            (1, lambda: f"đầu tháng {m}"),
            (1, lambda: f"giữa tháng {m}"),
            (1, lambda: "cuối năm"),
            (1, lambda: "giữa năm"),
            (1, lambda: f"cuối quý {ROMAN_Q[q - 1]}"),
            (1, lambda: "10 ngày đầu tháng 10"),
            (1, lambda: "từ ngày 1/10 đến hết ngày 10/10"),
            (1, lambda: "từ ngày 1/10 đến hết ngày 10/10 hoặc trong toàn bộ tháng 10"),
        ]
    return _pick(rng, forms)()


def when_in_period(rng: Random, first: int, last: int) -> object:
    """A deadline of a multi-year plan: a single year's forms or the period's own."""
    y = rng.randint(first, last)
    later = rng.randint(first + 1, last) if last > first else last
    forms = [
        (10, lambda: when_in_year(rng, y, multi_year=True)),
        (6, lambda: "Hằng năm"),
        (1, lambda: "hằng năm"),
        (4, lambda: f"{first}-{last}"),
        (2, lambda: f"giai đoạn {first}-{last}"),
        (2, lambda: f"{later}-{last}" if later < last else later),
        (1, lambda: f"đến hết năm {last}"),
        (1, lambda: "ngày 10 tháng 10 hằng năm"),
        (1, lambda: f"quý {ROMAN_Q[rng.randint(0, 3)]} hằng năm"),
        (1, lambda: "Tháng 6 và tháng 12 hằng năm"),
        (1, lambda: "hằng năm (trước ngày 15/12)"),
    ]
    return _pick(rng, forms)()


def _pick(rng: Random, weighted: list[tuple[int, object]]):
    total = sum(weight for weight, _ in weighted)
    point = rng.uniform(0, total)
    for weight, item in weighted:
        point -= weight
        if point <= 0:
            return item
    return weighted[-1][1]


def milestone_when(rng: Random, year: int, phase: str) -> str:
    if phase == "early":
        return rng.choice([f"trong Quý I/{year}", f"trước tháng {rng.randint(3, 5)}/{year}", f"trước ngày 15/3/{year}"])
    if phase == "mid":
        return rng.choice(
            [f"trong tháng {rng.choice([6, 7, 9])}/{year}", f"hoàn thành trước tháng 9/{year}", f"trước ngày 15/{rng.randint(6, 8)}/{year}"]
        )
    return rng.choice([f"trong tháng 12/{year}", f"trước ngày {rng.randint(10, 20)}/12/{year}", f"trong Quý IV/{year}"])


# --------------------------------------------------------------------------- #
# Plans
# --------------------------------------------------------------------------- #


@dataclass
class PlanSpec:
    year: int  # the folder, and the first year
    last_year: int
    issuer: Agency
    kind: str  # national | ministry | province
    plan_kind: str = "cds"  # cds | dlso | cpso | ndcds
    tasks: int = 0
    weight: float = 1.0

    @property
    def id(self) -> str:
        if self.kind == "national":
            return f"ubqgcds-{self.year}"
        span = str(self.year) if self.last_year == self.year else f"{self.year}-{self.last_year}"
        return f"{self.issuer.id}-{self.plan_kind}-{span}"

    @property
    def file(self) -> str:
        return f"plans/{self.year}/{self.id}.yaml"


@dataclass
class Context:
    rng: Random
    plan: PlanSpec
    agencies: list[Agency]
    by_id: dict[str, Agency]
    ministries: list[Agency]  # existing during the plan's first year
    provinces: list[Agency]
    groups: list[Agency]
    units: list[Agency]  # of the issuer, when it has any
    guide: Agency  # the ministry in charge of digital transformation that year
    out: Writer = field(default_factory=Writer)


class Generator:
    def __init__(self, agencies: list[Agency], seed: int) -> None:
        self.agencies = agencies
        self.by_id = {agency.id: agency for agency in agencies}
        self.seed = seed

    # -- which plans ------------------------------------------------------- #

    def specs(self, tasks: int, files: int) -> list[PlanSpec]:
        years = YEARS[: max(1, min(len(YEARS), files))]
        per_year = [files // len(years) + (1 if index < files % len(years) else 0) for index in range(len(years))]
        specs: list[PlanSpec] = []
        for year, count in zip(years, per_year, strict=False):
            rng = Random(f"{self.seed}:specs:{year}")
            national = self.by_id["ubqgcds"]
            specs.append(PlanSpec(year, year, national, "national", weight=4.0))
            rest = count - 1
            n_ministries = round(rest * MINISTRIES_PER_YEAR / (MINISTRIES_PER_YEAR + PROVINCES_PER_YEAR))
            n_provinces = rest - n_ministries
            ministries = self._issuers(("ministry", "government-agency"), year)
            provinces = self._issuers(("province",), year)
            if len(provinces) > PROVINCES_PER_YEAR:  # before 2025: 63 provinces, a different 34 each year
                provinces = sorted(rng.sample(provinces, PROVINCES_PER_YEAR), key=provinces.index)
            for kind, pool, needed in (("ministry", ministries, n_ministries), ("province", provinces, n_provinces)):
                for index in range(needed):
                    issuer = pool[index % len(pool)]
                    plan_kind = PLAN_KINDS[(index // len(pool)) % len(PLAN_KINDS)][0]
                    last = year
                    if year <= 2023 and plan_kind == "cds" and rng.random() < 0.2:
                        last = 2025  # a plan for the period, e.g. 2021-2025
                    spec = PlanSpec(year, last, issuer, kind, plan_kind, weight=rng.uniform(0.6, 1.4))
                    while any(other.id == spec.id for other in specs):  # more files than issuers × kinds
                        spec.plan_kind += "-bs"
                    specs.append(spec)
        # Share the tasks out by weight: exactly `tasks` in all, at least one per plan.
        total = sum(spec.weight for spec in specs)
        for spec in specs:
            spec.tasks = max(1, int(tasks * spec.weight / total))
        missing = tasks - sum(spec.tasks for spec in specs)
        index = 0
        while missing != 0 and specs:
            spec = specs[index % len(specs)]
            if missing > 0:
                spec.tasks += 1
                missing -= 1
            elif spec.tasks > 1:
                spec.tasks -= 1
                missing += 1
            index += 1
            if index > 10 * len(specs) + abs(missing) * 2 and missing < 0:
                break  # fewer tasks than files: one each
        return specs

    def _issuers(self, kinds: tuple[str, ...], year: int) -> list[Agency]:
        pool = [agency for agency in self.agencies if agency.kind in kinds and agency.parent is None and agency.exists_in(year)]
        # Those still in office at the end of the year first (the 2025 mergers).
        return sorted(pool, key=lambda agency: not agency.exists_at_end_of(year))

    # -- one plan ---------------------------------------------------------- #

    def plan_text(self, spec: PlanSpec) -> str:
        rng = Random(f"{self.seed}:{spec.id}")
        first = spec.year
        ministries = [a for a in self.agencies if a.kind == "ministry" and a.exists_at_start_of(first)]
        provinces = [a for a in self.agencies if a.kind == "province" and a.exists_at_start_of(first)]
        groups = [a for a in self.agencies if a.kind == "group" and a.parent is None]
        units = [a for a in self.agencies if a.parent == spec.issuer.id and a.kind in ("unit", "group", "press")]
        guide = self.by_id["bo-tttt"] if self.by_id["bo-tttt"].exists_at_end_of(first) else self.by_id["bo-khcn"]
        ctx = Context(rng, spec, self.agencies, self.by_id, ministries, provinces, groups, units, guide)
        self._header(ctx)
        if spec.kind == "national":
            self._national_body(ctx)
        else:
            self._body(ctx)
        return ctx.out.text()

    def _span(self, spec: PlanSpec) -> str:
        return f"năm {spec.year}" if spec.last_year == spec.year else f"giai đoạn {spec.year}-{spec.last_year}"

    def _header(self, ctx: Context) -> None:
        spec, rng, out = ctx.plan, ctx.rng, ctx.out
        if rng.random() < 0.5:
            out.add(0, "# yaml-language-server: $schema=../../schema/cdsplan-v1.json")
        out.key(0, "schema", "cdsplan/v1")
        out.key(0, "id", spec.id)
        if spec.kind == "national":
            title = f"Kế hoạch hoạt động của Ủy ban Quốc gia về chuyển đổi số năm {spec.year}"
        else:
            template = dict(PLAN_KINDS)[spec.plan_kind.split("-")[0]]
            title = template.format(SPAN=self._span(spec), NAME=spec.issuer.name)
        out.key(0, "title", title)
        if spec.last_year == spec.year:
            out.key(0, "year", spec.year)
        else:
            out.key(0, "period", f"{spec.year}-{spec.last_year}")
        out.key(0, "issuer", spec.issuer.id)
        out.add(0, "decision:")
        known = rng.random() < 0.85
        out.key(1, "number", str(rng.randint(12, 4800)) if known else None)
        symbol = {"national": "QĐ-UBQGCĐS", "province": "KH-UBND"}.get(spec.kind, "QĐ-" + _abbreviation(spec.issuer.name))
        out.key(1, "symbol", symbol)
        out.key(1, "date", dt.date(spec.year, 1, rng.randint(2, 20)) if known else None)  # before its first deadline (February)
        out.key(1, "place", "Hà Nội" if spec.kind != "province" else spec.issuer.name.removeprefix("Tỉnh ").removeprefix("Thành phố "))
        out.key(1, "signer", f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}")
        signer_title = {
            "national": "CHỦ TỊCH\nTHỦ TƯỚNG",
            "province": rng.choice(["TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"]),
        }.get(spec.kind, rng.choice(["BỘ TRƯỞNG", "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG"]))
        out.key(1, "signer_title", signer_title)
        out.key(1, "title", f"Ban hành {title}")
        out.add(0, "source:")
        out.key(1, "kind", "decision")
        out.key(1, "document", f"{rng.randint(1, 999):03d}_{rng.getrandbits(64):016x}.txt")
        out.add(0, "legal_basis:")
        for basis in rng.sample(LEGAL_BASIS, rng.randint(2, 4)):
            out.add(1, f"- {scalar(basis)}")
        theme = NATIONAL_THEMES.get(spec.year) if spec.kind == "national" else None
        if theme:
            out.key(0, "theme", theme)
        out.add(0, "recipients:")
        for recipient in ["Như Điều 3;", "Văn phòng Chính phủ;", "Bộ Thông tin và Truyền thông;", "Lưu: VT."][: rng.randint(2, 4)]:
            out.add(1, f"- {scalar(recipient)}")
        self._targets(ctx, rng.randint(12, 25) if spec.kind == "national" else rng.randint(0, 8))

    def _targets(self, ctx: Context, count: int) -> None:
        if count == 0:
            return
        spec, rng, out = ctx.plan, ctx.rng, ctx.out
        out.add(0, "targets:")
        by_area = {area: [m for m in MEASURES if m[0] == area] for area in TARGET_AREAS}
        chosen = sorted((rng.choice(TARGET_AREAS) for _ in range(count)), key=TARGET_AREAS.index)
        numbers: dict[str, int] = {}
        for area in chosen:
            numbers[area] = numbers.get(area, 0) + 1
            letter = LETTERS[(numbers[area] - 1) % len(LETTERS)] + ("" if numbers[area] <= len(LETTERS) else str(numbers[area]))
            out.key(1, "id", f"I.{TARGET_AREAS.index(area) + 1}.{letter}", item=True)
            out.key(2, "area", area)
            measures = rng.sample(by_area[area], min(len(by_area[area]), rng.choice([1, 1, 1, 2])))
            parts, values = [], []
            for _, comparison, before, unit, subject, low, high in measures:
                value = rng.randint(low, high) if unit != "%" or rng.random() < 0.8 else rng.randint(low * 2, high * 2) / 2
                shown = f"{value:g}".replace(".", ",")
                if comparison == "below":
                    part = f"{subject} dưới {shown} {unit}"
                else:
                    part = f"{before}{shown}{'%' if unit == '%' else ' ' + unit} {subject}"
                parts.append(part if not parts else part[0].lower() + part[1:])
                values.append((comparison, value, unit, subject))
            text = "; ".join(parts) + "."
            out.key(2, "text", text[0].upper() + text[1:])
            if rng.random() < 0.9:
                out.add(2, "measures:")
                for comparison, value, unit, subject in values:
                    out.key(3, "comparison", comparison, item=True)
                    out.key(4, "value", value)
                    out.key(4, "unit", unit)
                    if len(values) > 1 or rng.random() < 0.5:
                        out.key(4, "subject", subject)
            if rng.random() < 0.4:
                out.key(2, "when", rng.choice([spec.last_year, spec.last_year, 2030]) if spec.last_year > spec.year else spec.year)
            if rng.random() < 0.3:
                lead = rng.choice(["bo-nganh-dia-phuong", "bo-nganh", "dia-phuong", spec.issuer.id])
                out.add(2, f"lead: {out.flow_ids([lead])}")

    # Bodies: sections of tasks

    def _body(self, ctx: Context) -> None:
        spec, rng, out = ctx.plan, ctx.rng, ctx.out
        n_sections = max(1, min(len(TOPICS), round(spec.tasks / rng.uniform(7, 12))))
        topics = sorted(rng.sample(range(len(TOPICS)), n_sections))
        shares = _split(spec.tasks, n_sections, rng)
        out.add(0, "sections:")
        for number, (topic, count) in enumerate(zip(topics, shares, strict=False), start=1):
            title, verbs, objects = TOPICS[topic]
            phrases = [(verbs, obj) for obj in objects]
            section_id = ROMAN[(number - 1) % len(ROMAN)] + ("" if number <= len(ROMAN) else str(number))
            if rng.random() < 0.05:
                out.add(1, rng.choice(COMMENTS))
            out.key(1, "id", section_id, item=True)
            out.key(2, "title", title.upper() if rng.random() < 0.3 else title)
            if rng.random() < 0.15:
                out.add(2, "text:")
                out.add(3, f"- {scalar(self._title(ctx, phrases, sentence=True))}")
            if count > 12 and rng.random() < 0.3:
                parts = min(len(SUBTOPICS), rng.randint(2, 4))
                out.add(2, "sections:")
                for sub, (subtopic, sub_count) in enumerate(
                    zip(rng.sample(SUBTOPICS, parts), _split(count, parts, rng), strict=False), start=1
                ):
                    sub_id = f"{section_id}.{sub}"
                    out.key(3, "id", sub_id, item=True)
                    out.key(4, "title", subtopic)
                    self._tasks(ctx, 4, sub_id, sub_count, phrases)
            else:
                self._tasks(ctx, 2, section_id, count, phrases)

    def _national_body(self, ctx: Context) -> None:
        spec, rng, out = ctx.plan, ctx.rng, ctx.out
        general, ministries, provinces, appendix = _split(spec.tasks, 4, rng, weights=(0.15, 0.3, 0.4, 0.15))
        all_phrases = [(verbs, obj) for _, verbs, objects in TOPICS for obj in objects]
        out.add(0, "sections:")
        out.key(1, "id", "II", item=True)
        out.key(2, "title", "NHIỆM VỤ CHUNG CỦA CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG")
        self._tasks(ctx, 2, "II", general, all_phrases, leads=["bo-nganh-dia-phuong", "bo-nganh", "dia-phuong"])
        out.key(1, "id", "III", item=True)
        out.key(2, "title", "NHIỆM VỤ TRỌNG TÂM PHÂN CÔNG CÁC BỘ, NGÀNH")
        self._tasks(ctx, 2, "III", ministries, all_phrases, leads=[a.id for a in ctx.ministries])
        out.key(1, "id", "IV", item=True)
        out.key(
            2, "title", "NHIỆM VỤ TRỌNG TÂM PHÂN CÔNG BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ CÁC TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG TẬP TRUNG CHỈ ĐẠO"
        )
        if provinces:
            out.add(2, "sections:")
            chosen = ctx.provinces[: max(1, min(len(ctx.provinces), provinces))]
            for number, (province, count) in enumerate(zip(chosen, _split(provinces, len(chosen), rng), strict=False), start=1):
                sub_id = f"IV.{number}"
                out.key(3, "id", sub_id, item=True)
                out.key(4, "title", province.name)
                self._tasks(ctx, 4, sub_id, count, all_phrases, leads=[province.id], first_id=sub_id)
        if appendix:
            out.key(1, "id", "PL", item=True)
            out.key(2, "title", f"PHỤ LỤC: KẾ HOẠCH TRIỂN KHAI THEO CHỦ ĐỀ THÁNG NĂM {spec.year}")
            out.add(2, "sections:")
            months = max(1, min(9, appendix))
            for number, count in enumerate(_split(appendix, months, rng), start=1):
                sub_id = f"PL.{number}"
                out.key(3, "id", sub_id, item=True)
                out.key(4, "title", f"Tháng {number + 3}")
                out.key(4, "theme", f"Chủ đề tháng: {MONTH_THEMES[(number - 1) % len(MONTH_THEMES)]}")
                self._tasks(
                    ctx, 4, sub_id, count, all_phrases, leads=["bo-nganh-dia-phuong", "bo-tttt", "dia-phuong"], when=f"Tháng {number + 3}"
                )

    def _tasks(
        self,
        ctx: Context,
        indent: int,
        prefix: str,
        count: int,
        phrases: list[tuple[list[str], str]],
        *,
        leads: list[str] | None = None,
        first_id: str | None = None,
        when: object = None,
    ) -> None:
        if count <= 0:
            return
        spec, rng, out = ctx.plan, ctx.rng, ctx.out
        out.add(indent, "tasks:")
        for number in range(1, count + 1):
            task_id = (
                first_id
                if (first_id and number == 1)
                else f"{prefix}.{number if not first_id else LETTERS[(number - 2) % len(LETTERS)] + ('' if number - 1 <= len(LETTERS) else str(number))}"
            )
            if rng.random() < 0.02:
                out.add(indent + 1, rng.choice(COMMENTS))
            out.key(indent + 1, "id", task_id, item=True)
            out.key(indent + 2, "title", self._title(ctx, phrases))
            lead = self._lead(ctx, leads)
            if len(lead) == 1 and rng.random() < 0.9:
                out.key(indent + 2, "lead", lead[0])
            elif rng.random() < 0.5:
                out.add(indent + 2, f"lead: {out.flow_ids(lead)}")
            else:
                out.add(indent + 2, "lead:")
                for agency_id in lead:
                    out.add(indent + 3, f"- {agency_id}")
            if rng.random() < 0.25:
                support = self._support(ctx, lead)
                if support:
                    if rng.random() < 0.8:
                        out.add(indent + 2, f"support: {out.flow_ids(support)}")
                    else:
                        out.add(indent + 2, "support:")
                        for agency_id in support:
                            out.add(indent + 3, f"- {agency_id}")
            value = when if when is not None else self._when(ctx)
            comment = rng.choice(INLINE_COMMENTS).format(N=rng.randint(100, 4999)) if rng.random() < 0.015 else None
            if isinstance(value, dict):
                out.add(
                    indent + 2, f"when: {{start: {value['start']}, deadline: {value['deadline']}}}" + (f"  {comment}" if comment else "")
                )
            else:
                out.key(indent + 2, "when", value, comment=comment)
            if rng.random() < 0.08:
                out.add(indent + 2, "milestones:")
                year = rng.randint(spec.year, spec.last_year)
                for title, phase in sorted(
                    rng.sample(MILESTONES, rng.randint(1, 3)), key=lambda item: ["early", "mid", "late"].index(item[1])
                ):
                    out.key(indent + 3, "title", title.format(MINISTRY=ctx.guide.name), item=True)
                    out.key(indent + 4, "when", milestone_when(rng, year, phase))
            if rng.random() < 0.04:
                out.key(indent + 2, "notes", rng.choice(NOTES))

    def _title(self, ctx: Context, phrases: list[tuple[list[str], str]], *, sentence: bool = False) -> str:
        """A title in the plans' manner: verb, object, and now and then a purpose, a scope, a second clause."""
        spec, rng = ctx.plan, ctx.rng
        fill = {
            "Y": str(spec.year),
            "SYSTEM": rng.choice(SYSTEMS),
            "FIELD": rng.choice(FIELDS),
            "MINISTRY": ctx.guide.name,
        }
        verbs, obj = rng.choice(phrases)
        verb = rng.choice(verbs) if rng.random() < 0.7 else rng.choice(VERBS)
        title = f"{verb} {obj.format(**fill)}"
        if rng.random() < 0.1:
            scope = {
                "province": [
                    "trên địa bàn tỉnh" if spec.issuer.name.startswith("Tỉnh") else "trên địa bàn thành phố",
                    "tại các sở, ban, ngành, UBND cấp huyện",
                ],
                "ministry": ["của Bộ", "trong toàn ngành", "tại các đơn vị thuộc Bộ"],
                "national": ["trên phạm vi toàn quốc", "tại các bộ, ngành, địa phương"],
            }[spec.kind]
            title += " " + rng.choice(scope)
        if rng.random() < 0.08:
            title += ", " + rng.choice(QUALIFIERS).format(**fill)
        if rng.random() < 0.02:
            _, other = rng.choice(phrases)
            title += f"; {rng.choice(SECOND_VERBS)} {other.format(**fill)}"
        if sentence or rng.random() < 0.5:
            title += "."
        return nfc(title)

    def _lead(self, ctx: Context, leads: list[str] | None) -> list[str]:
        spec, rng = ctx.plan, ctx.rng
        if leads:
            chosen = [rng.choice(leads)]
        elif ctx.units and rng.random() < 0.8:
            chosen = [rng.choice(ctx.units).id]
        else:
            chosen = [spec.issuer.id]
        if rng.random() < 0.05:
            other = rng.choice(ctx.ministries).id
            if other not in chosen:
                chosen.append(other)
        return chosen

    def _support(self, ctx: Context, lead: list[str]) -> list[str]:
        rng = ctx.rng
        pool = ctx.ministries + ctx.groups + ctx.units
        if ctx.plan.kind == "province":
            pool = [*pool, ctx.plan.issuer]
        picks = []
        for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
            agency_id = rng.choice(pool).id
            if agency_id not in lead and agency_id not in picks:
                picks.append(agency_id)
        return picks

    def _when(self, ctx: Context) -> object:
        spec, rng = ctx.plan, ctx.rng
        if spec.last_year > spec.year:
            return when_in_period(rng, spec.year, spec.last_year)
        return when_in_year(rng, spec.year, multi_year=False)


def _abbreviation(name: str) -> str:
    words = [word for word in name.replace(",", " ").replace("-", " ").split() if word.lower() not in ("và",)]
    letters = "".join(word[0].upper() for word in words)
    return nfc(letters)


def _split(total: int, parts: int, rng: Random, weights: tuple[float, ...] | None = None) -> list[int]:
    """total shared out over parts (each at least 1 when total allows), at random or by weights."""
    if parts <= 0:
        return []
    raw = list(weights) if weights else [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = sum(raw)
    shares = [int(total * weight / scale) for weight in raw]
    for index in range(total - sum(shares)):
        shares[index % parts] += 1
    return shares


# --------------------------------------------------------------------------- #
# The corpus
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class Injected:
    file: str  # relative to the corpus root, as `cdsplan check` run there prints it
    line: int
    column: int
    bad: str  # the misspelt agency id
    good: str  # what was there

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


def generate(
    out_dir: Path, *, tasks: int = DEFAULT_TASKS, files: int = DEFAULT_FILES, seed: int = 0, records: int = DEFAULT_RECORDS
) -> dict:
    """Write the corpus into out_dir (a corpus written there before is replaced); return its description."""
    if tasks < 1 or files < 1:
        raise ValueError("--tasks and --files must be at least 1")
    out_dir.mkdir(parents=True, exist_ok=True)
    plans = out_dir / "plans"
    if (plans.exists() or (out_dir / "pyproject.toml").exists()) and not (out_dir / MARKER).exists():
        raise ValueError(f"{out_dir} holds a project that this generator did not write: give an empty or new folder")
    if plans.exists():
        shutil.rmtree(plans)
    if (out_dir / "progress").exists():
        shutil.rmtree(out_dir / "progress")
    cache = out_dir / ".cdsplan_cache"
    if cache.exists():
        shutil.rmtree(cache)
    plans.mkdir()
    (out_dir / "pyproject.toml").write_text('[tool.cdsplan]\nplans = "plans"\n', encoding="utf-8")
    shutil.copyfile(REGISTRY, plans / "agencies.yaml")
    generator = Generator(read_registry(), seed)
    specs = generator.specs(tasks, files)
    size = (plans / "agencies.yaml").stat().st_size
    for spec in specs:
        path = out_dir / spec.file
        path.parent.mkdir(exist_ok=True)
        data = generator.plan_text(spec).encode("utf-8")
        path.write_bytes(data)
        size += len(data)
    written, record_files, record_bytes = write_records(out_dir, records, seed) if records else (0, 0, 0)
    info = {
        "generator": GENERATOR_VERSION,
        "tasks": sum(spec.tasks for spec in specs),
        "files": len(specs) + 1 + record_files,  # and the registry, and the progress files
        "plans": len(specs),
        "records": written,
        "record_files": record_files,
        "bytes": size + record_bytes,
        "seed": seed,
        "requested": {"tasks": tasks, "files": files, "records": records},
    }
    (out_dir / MARKER).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


RECORD_NOTES = (
    "Đã ban hành kế hoạch",
    "Đã hoàn thành, đưa vào vận hành",
    "Đang triển khai theo tiến độ",
    "Chậm tiến độ do chưa bố trí kinh phí",
    "Đang lựa chọn nhà thầu",
    "Không thực hiện do điều chỉnh kế hoạch",
)


def write_records(out_dir: Path, count: int, seed: int) -> tuple[int, int, int]:
    """About count progress records for the plans under out_dir; (records, files, bytes)."""
    from cdsplan.project import Project
    from cdsplan.schedule.holders import holdings
    from cdsplan.settings import find_settings

    project = Project(find_settings(out_dir), [out_dir / "plans"])
    registry = project.registry
    rng = Random(f"{seed}:records")
    candidates = [
        (occurrence, holding.holder)
        for occurrence in project.occurrences()
        if occurrence.deadline <= dt.date(2025, 9, 30)
        for lead in occurrence.lead
        for holding in holdings(lead, occurrence.deadline, occurrence.deadline, registry)
    ]
    share = min(1.0, count / max(len(candidates), 1))
    by_file: dict[tuple[int, str], list[str]] = {}
    written = 0
    for occurrence, holder in candidates:
        if rng.random() >= share:
            continue
        begins = occurrence.start or occurrence.deadline - dt.timedelta(days=30)
        earliest = max(begins, occurrence.plan.issued or begins)
        on = min(earliest + dt.timedelta(days=rng.randint(0, 40)), dt.date(2025, 9, 30))
        if on < earliest:
            continue
        lines = [f"  - item: {occurrence.ref}"]
        if occurrence.total > 1:
            lines.append(f"    occurrence: '{occurrence.period}'")
        if occurrence.milestone:
            lines.append(f"    milestone: {occurrence.milestone.number}")
        if occurrence.kind == "target" and occurrence.item.measures:
            lines.append("    values:")
            lines.append(f"      - value: {rng.randint(40, 100)}")
        else:
            draw = rng.random()
            lines.append(f"    state: {'done' if draw < 0.7 else 'in_progress' if draw < 0.95 else 'cancelled'}")
        lines.append(f"    on: {on.isoformat()}")
        if rng.random() < 0.15:
            lines.append(f"    note: {rng.choice(RECORD_NOTES)}")
        by_file.setdefault((on.year, holder), []).extend(lines)
        written += 1
    size = 0
    for (year, holder), lines in sorted(by_file.items()):
        folder = out_dir / "progress" / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        text = f"schema: cdsplan/v1\nagency: {holder}\nyear: {year}\nrecords:\n" + "\n".join(lines) + "\n"
        (folder / f"{holder}.yaml").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return written, len(by_file), size


_LEAD_LINE = re.compile(r"^(?P<indent>\s+)lead: (?P<id>[a-z0-9-]+)$")


def inject_error(out_dir: Path, seed: int = 0) -> Injected:
    """Misspell one task's lead agency in one plan (chosen by seed); return where."""
    files = sorted((out_dir / "plans").glob("*/*.yaml"))
    if not files:
        raise FileNotFoundError(f"no plans under {out_dir / 'plans'}")
    rng = Random(f"{seed}:inject")
    # A plan in the middle of the corpus, a task in the middle of the plan.
    order = files[len(files) // 2 :] + files[: len(files) // 2]
    for path in order:
        lines = path.read_text(encoding="utf-8").split("\n")
        candidates = [number for number, line in enumerate(lines) if _LEAD_LINE.match(line)]
        if not candidates:
            continue
        number = candidates[len(candidates) // 2 + rng.randint(0, max(0, len(candidates) // 4))] if len(candidates) > 1 else candidates[0]
        match = _LEAD_LINE.match(lines[number])
        assert match is not None
        good = match["id"]
        bad = good + good[-1]  # a doubled last letter: 'ha-noi' -> 'ha-noii'
        lines[number] = f"{match['indent']}lead: {bad}"
        path.write_text("\n".join(lines), encoding="utf-8")
        relative = path.relative_to(out_dir).as_posix()
        return Injected(relative, number + 1, len(match["indent"]) + len("lead: ") + 1, bad, good)
    raise ValueError("no task with a single lead agency to misspell")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path, help="where to write pyproject.toml and plans/")
    parser.add_argument("--tasks", type=int, default=DEFAULT_TASKS, help=f"tasks in all (default {DEFAULT_TASKS})")
    parser.add_argument("--files", type=int, default=DEFAULT_FILES, help=f"plan files over the five years (default {DEFAULT_FILES})")
    parser.add_argument("--seed", type=int, default=0, help="the same seed gives the same files (default 0)")
    parser.add_argument(
        "--records", type=int, default=DEFAULT_RECORDS, help=f"progress records, about (default {DEFAULT_RECORDS}; 0 for none)"
    )
    parser.add_argument("--inject-error", action="store_true", help="misspell one agency id and print where (file:line:column)")
    args = parser.parse_args(argv)
    try:
        info = generate(args.out_dir, tasks=args.tasks, files=args.files, seed=args.seed, records=args.records)
    except ValueError as exc:
        parser.error(str(exc))
    print(
        f"{info['tasks']} tasks in {info['plans']} plans and the registry, {info['records']} records in {info['record_files']} progress files,"
        f" {info['bytes'] / 1e6:.1f} MB, under {args.out_dir}"
    )
    if args.inject_error:
        injected = inject_error(args.out_dir, args.seed)
        print(f"injected error: {injected}: unknown agency '{injected.bad}' (was '{injected.good}')")
    return 0


if __name__ == "__main__":
    sys.exit(main())
