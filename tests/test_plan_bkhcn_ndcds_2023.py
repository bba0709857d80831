"""Encoding of seed 000_e0ecc74d9e2b56c7.txt: Bộ KH&CN, Kế hoạch triển khai QĐ 505/QĐ-TTg
về Ngày Chuyển đổi số quốc gia trong năm 2023 (Quyết định của Trưởng Ban Chỉ đạo chuyển đổi số)."""

import pytest

PLAN_ID = "bkhcn-ndcds-2023"


@pytest.fixture(scope="module")
def plan(repository):
    return repository.plans[PLAN_ID]


def test_header(plan):
    assert plan.year == 2023
    assert plan.issuer == "bo-khcn-bcdcds"
    assert plan.title == (
        "Kế hoạch triển khai Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ về Ngày Chuyển đổi số quốc gia trong năm 2023"
    )
    assert plan.theme == "Khai thác dữ liệu số để tạo ra giá trị"
    assert plan.decision.number is None
    assert plan.decision.symbol == "QĐ-BCĐCĐS"
    assert plan.decision.date is None
    assert plan.decision.signer == "Bùi Thế Duy"
    assert plan.decision.signer_title.startswith("KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC")
    assert len(plan.legal_basis) == 5
    assert plan.legal_basis[3] == (
        "Căn cứ Quyết định số 505/QĐ-TTg ngày 22 tháng 04 năm 2022 của Thủ tướng Chính phủ về Ngày Chuyển đổi số quốc gia;"
    )
    assert plan.recipients == ["Như Điều 3;", "Bộ trưởng và các Thứ trưởng;", "Lưu: VT, TTCNTT."]


def test_decision_articles(plan):
    d = plan.decision
    assert (
        d.proposal
        == "Theo đề nghị của Giám đốc Trung tâm Công nghệ thông tin, Phó Trưởng ban, Tổ trưởng Tổ công tác giúp việc Ban chỉ đạo."
    )
    assert [a.text for a in d.articles] == [
        [
            "Ban hành kèm theo Quyết định này Kế hoạch triển khai Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng "
            "Chính phủ về Ngày Chuyển đổi số quốc gia trong năm 2023 (Kế hoạch)."
        ],
        ["Quyết định này có hiệu lực từ ngày ký ban hành."],
        [
            "Thủ trưởng các đơn vị thuộc Bộ, các thành viên Ban Chỉ đạo chuyển đổi số của Bộ Khoa học và Công nghệ và "
            "Thủ trưởng các đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./."
        ],
    ]


def test_section_task_counts(plan):
    counts = {"I": 3, "II": 1, "II.2": 7, "III": 0}
    for sid, n in counts.items():
        assert len(plan.section(sid).tasks) == n, sid
    assert len(list(plan.iter_tasks())) == 11
    assert plan.section("II").sections[0].title == "Các hoạt động do đơn vị thuộc Bộ chủ trì triển khai"


def test_no_targets(plan):
    assert len(plan.targets) == 0


def test_task_ids(plan):
    assert {t.id for t in plan.iter_tasks()} == {
        "I.a",
        "I.b",
        "I.c",
        "II.1",
        "II.2.1",
        "II.2.2",
        "II.2.3",
        "II.2.4.a",
        "II.2.4.b",
        "II.2.5",
        "II.2.6",
    }


@pytest.mark.parametrize(
    "tid, title, when",
    [
        ("I.b", "Tìm kiếm và tôn vinh các tổ chức, cá nhân tiêu biểu trong triển khai chuyển đổi số của Bộ.", 2023),
        (
            "II.1",
            "Tổ chức lan truyền thông điệp Ngày Chuyển đổi số quốc gia trên mạng xã hội, cổng/ trang thông tin "
            "điện tử do các đơn vị thuộc Bộ quản lý, phù hợp với quy định của pháp luật.",
            "Từ ngày 15/09/2023-10/10/2023",
        ),
        (
            "II.2.4.a",
            "Thực hiện đăng tải biểu ngữ về chuyển đổi số và thay đổi hình ảnh đại diện của Bộ KH&CN để hưởng ứng "
            "Ngày Chuyển đổi số quốc gia trên các trang mạng xã hội chính thức của Bộ.",
            "Từ ngày 01/10/2023-31/10/2023",
        ),
        (
            "II.2.4.b",
            "Cung cấp thông tin về các hoạt động chuyển đổi số của Bộ phục vụ công tác truyền thông.",
            2023,
        ),
        (
            "II.2.5",
            "Tạp chí Khoa học và Công nghệ Việt Nam và Báo Vnexpress đăng tin/bài/ảnh về chuyển đổi số cũng như các "
            "hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia; chủ động thực hiện tuyên truyền, phổ biến Thông điệp "
            "Ngày Chuyển đổi số quốc gia.",
            "Từ ngày 01/09/2023-31/10/2023",
        ),
        (
            "II.2.6",
            "Nhà xuất bản Khoa học và Kỹ thuật tổ chức ra mắt, giới thiệu các ấn phẩm về khai thác, phát triển, quản "
            "trị, kết nối, chia sẻ dữ liệu; thúc đẩy sử dụng sách điện tử, sách số, ứng dụng đọc sách.",
            "Từ ngày 01/09/2023-31/10/2023",
        ),
    ],
)
def test_spot_checks(plan, tid, title, when):
    t = plan.task(tid)
    assert t.title == title
    assert t.when == when


@pytest.mark.parametrize(
    "tid, start, when",
    [
        (
            "II.2.1",
            "Báo Vnexpress chủ trì, Vụ Công nghệ cao, Vụ Hợp tác quốc tế phối hợp để tổ chức Ngày hội Trí tuệ nhân tạo Việt Nam",
            "Từ ngày 21/09/2023-22/09/2023",
        ),
        (
            "II.2.2",
            "Cục Phát triển thị trường và doanh nghiệp khoa học và công nghệ chủ trì, phối hợp với các chuyên gia",
            "Từ ngày 01/05/2023 - 31/12/2023",
        ),
        (
            "II.2.3",
            "Trung tâm Nghiên cứu và Phát triển truyền thông Khoa học và Công nghệ chủ trì, phối hợp với các đơn vị thuộc Bộ",
            "Từ ngày 01/12/2023-31/12/2023",
        ),
    ],
)
def test_long_items(plan, tid, start, when):
    t = plan.task(tid)
    assert t.title.startswith(start)
    assert t.when == when


def test_leads(plan):
    t = plan.task("II.2.1")
    assert t.lead == ["bao-vnexpress"]
    assert t.support == ["bo-khcn-vu-cnc", "bo-khcn-vu-htqt"]
    assert plan.task("II.2.1").title.endswith(
        "mở ra cơ hội cho các doanh nghiệp tiếp cận được các ứng viên tiềm năng trong lĩnh vực công nghệ."
    )
    assert plan.task("II.2.5").lead == ["tap-chi-khcn-vn", "bao-vnexpress"]
    assert plan.task("II.2.4.a").lead == ["bo-khcn-ttcntt"]
    assert plan.task("II.2.6").lead == ["bo-khcn-nxb-khkt"]
    assert "Văn bản không nêu thời hạn" in plan.task("II.2.4.b").notes
