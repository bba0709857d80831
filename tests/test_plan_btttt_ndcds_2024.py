"""Encoding of seed 002_5592116b26753753.txt: Phụ lục — Kế hoạch của Bộ TT&TT triển khai QĐ 505/QĐ-TTg
về Ngày Chuyển đổi số quốc gia năm 2024."""

import pytest

PLAN_ID = "btttt-ndcds-2024"
WIN = "từ ngày 15/9 - 10/10/2024 hoặc trong toàn bộ tháng 10/2024"


@pytest.fixture(scope="module")
def plan(repository):
    return repository.plans[PLAN_ID]


def test_header(plan):
    assert plan.year == 2024
    assert plan.issuer == "bo-tttt"
    assert plan.decision.number is None
    assert plan.decision.symbol == "QĐ-BTTTT"
    assert plan.decision.date is None
    assert plan.theme == (
        "Phổ cập hạ tầng số và sáng tạo ứng dụng số để phát triển kinh tế số - Động lực mới cho tăng trưởng kinh tế và năng suất lao động"
    )
    assert plan.section("II").title == "YÊU CẦU"


def test_section_task_counts(plan):
    counts = {
        "I": 0,
        "II": 0,
        "III": 17,
        "III.1": 8,
        "III.15": 2,
        "IV": 0,
        "IV.1": 1,
        "IV.1.1": 7,
        "IV.2": 3,
        "IV.3": 2,
        "IV.4": 3,
        "V": 0,
    }
    for sid, n in counts.items():
        assert len(plan.section(sid).tasks) == n, sid
    assert len(list(plan.iter_tasks())) == 43


def test_numbered_headings_are_sections(plan):
    """The headings "1. Cục Chuyển đổi số quốc gia chủ trì:" and "15. Trung tâm Thông tin chủ trì:" head their
    items; points a)-e) stand under 1.1, after its "… như sau:" paragraph."""
    assert plan.section("III.1").title == "Cục Chuyển đổi số quốc gia chủ trì:"
    assert plan.section("III.15").title == "Trung tâm Thông tin chủ trì:"
    item = plan.section("IV.1.1")
    assert item.title == plan.task("IV.1.1").title
    assert item.text == ["Bộ Thông tin và Truyền thông hướng dẫn một số hoạt động mang tính tham khảo như sau:"]
    assert [t.id for t in item.tasks] == ["IV.1.1", "IV.1.1.a", "IV.1.1.b", "IV.1.1.c", "IV.1.1.d", "IV.1.1.đ", "IV.1.1.e"]
    assert plan.section("IV.1").text == [
        "Bộ Thông tin và Truyền thông đề nghị các Bộ, ngành tham khảo Kế hoạch triển khai Ngày Chuyển đổi số quốc gia "
        "của Bộ Thông tin và Truyền thông tại Mục III, chủ trì:"
    ]


def test_no_targets(plan):
    assert len(plan.targets) == 0


def test_every_item_of_section_III(plan):
    ids = {t.id for t in plan.iter_tasks()}
    expected = {f"III.1.{i}" for i in range(1, 9)} | {f"III.{i}" for i in range(2, 20) if i != 15}
    expected |= {"III.15.1", "III.15.2"}
    assert {i for i in ids if i.startswith("III.")} == expected


def test_document_order(plan):
    from cdsplan.render.context import document_order

    ids = [t.id for t in document_order(plan)]
    assert ids[:8] == [f"III.1.{i}" for i in range(1, 9)]
    assert ids[8:27] == [f"III.{i}" for i in range(2, 15)] + ["III.15.1", "III.15.2"] + [f"III.{i}" for i in range(16, 20)]
    assert ids[27:35] == ["IV.1.1", "IV.1.1.a", "IV.1.1.b", "IV.1.1.c", "IV.1.1.d", "IV.1.1.đ", "IV.1.1.e", "IV.1.2"]


@pytest.mark.parametrize(
    "tid, title, when",
    [
        (
            "III.1.1",
            "Xây dựng Thông điệp Ngày Chuyển đổi số quốc gia năm 2024, trình Bộ trưởng xem xét, phê duyệt trước ngày 15/9/2024.",
            "trước ngày 15/9/2024",
        ),
        (
            "III.1.6",
            "Phối hợp với các Bộ, ngành, địa phương, hội, hiệp hội và các doanh nghiệp để tìm kiếm, đề xuất tôn vinh "
            "các dịch vụ công tiêu biểu, hoàn thành trước ngày 10/10/2024.",
            "hoàn thành trước ngày 10/10/2024",
        ),
        (
            "III.1.5",
            "Phối hợp với các Bộ, ngành, địa phương tổ chức Tọa đàm của Thủ tướng Chính phủ với cá nhân, doanh nghiệp "
            "và Tổ viên Tổ công nghệ số cộng đồng tiêu biểu trên toàn quốc trong ngày 10/10/2024.",
            "trong ngày 10/10/2024",
        ),
        (
            "III.3",
            "Vụ Hợp tác quốc tế chủ trì, tham mưu, đề xuất chủ trương phổ biến Thông điệp Ngày Chuyển đổi số quốc gia "
            "thông qua các kênh hợp tác song phương và đa phương, hoàn thành trước ngày 10/10/2024.",
            "hoàn thành trước ngày 10/10/2024",
        ),
        (
            "III.15.2",
            "Lồng ghép một số nội dung của Kế hoạch thực hiện Ngày Chuyển đổi số quốc gia năm 2024 được dư luận quan "
            "tâm để cung cấp thông tin cho báo chí tại buổi Họp báo thường kỳ Bộ Thông tin và Truyền thông tháng 10/2024.",
            "tháng 10/2024",
        ),
        (
            "IV.1.1.đ",
            "Phát triển, lan tỏa, nhân rộng các mô hình quản trị số trong các ngành, nghề kinh tế.",
            WIN,
        ),
        (
            "IV.1.2",
            "Xây dựng Kế hoạch cụ thể hưởng ứng Ngày Chuyển đổi số quốc gia năm 2024 của Bộ, ngành, gửi về Bộ Thông tin "
            "và Truyền thông trước ngày 15/8/2024.",
            "trước ngày 15/8/2024",
        ),
        (
            "IV.2.3",
            "Xây dựng Kế hoạch cụ thể hưởng ứng Ngày Chuyển đổi số quốc gia năm 2024 của địa phương, gửi về Bộ Thông tin "
            "và Truyền thông trước ngày 15/8/2024.",
            "trước ngày 15/8/2024",
        ),
        (
            "IV.3.2",
            "Xây dựng Kế hoạch cụ thể hưởng ứng Ngày Chuyển đổi số quốc gia năm 2024, gửi về Bộ Thông tin và Truyền "
            "thông trước ngày 15/8/2024.",
            "trước ngày 15/8/2024",
        ),
    ],
)
def test_spot_checks(plan, tid, title, when):
    t = plan.task(tid)
    assert t.title == title
    assert t.when == when


@pytest.mark.parametrize(
    "tid, when",
    [
        ("III.1.2", "từ ngày 15/9 - 31/10/2024"),
        ("III.1.4", "trong 10 ngày (01/10/2024 - 10/10/2024)"),
        ("III.1.7", "trong toàn bộ tháng 10/2024"),
        ("III.1.8", 2024),
        ("III.2", WIN),
        ("III.5", 2024),
        ("III.8", "từ ngày 01/9 - 10/10/2024 hoặc trong toàn bộ tháng 10/2024"),
        ("III.11", WIN),
        ("III.12", "từ ngày 15/9 - 10/10/2024"),
        ("III.16", "từ ngày 15/9 -10/10/2024"),
        ("III.19", "trước ngày 15/9/2024"),
        ("IV.1.1", WIN),
        ("IV.2.2", "trong 10 ngày (01/10/2024 - 10/10/2024)"),
        ("IV.3.1", 2024),
        ("IV.4.1", "từ ngày 15/9 - 10/10/2024"),
    ],
)
def test_when(plan, tid, when):
    assert plan.task(tid).when == when


def test_submissions_before_15_8(plan):
    subs = [t for t in plan.iter_tasks() if t.when == "trước ngày 15/8/2024"]
    assert sorted(t.id for t in subs) == ["IV.1.2", "IV.2.3", "IV.3.2"]
    assert plan.task("IV.1.2").lead == ["bo-nganh"]
    assert plan.task("IV.2.3").lead == ["dia-phuong"]
    assert plan.task("IV.3.2").lead == ["hoi-hiep-hoi", "doanh-nghiep"]


def test_agencies_and_milestones(plan):
    assert all(plan.task(f"III.1.{i}").lead == ["bo-tttt-cuc-cds"] for i in range(1, 9))
    assert plan.task("III.15.1").lead == plan.task("III.15.2").lead == ["bo-tttt-ttth"]
    assert plan.task("III.1.2").support == ["bo-tttt-cuc-bc", "bo-tttt-cuc-ptth", "bo-tttt-cuc-ttdn", "bo-tttt-cuc-ttcs"]
    assert plan.task("III.2").lead == ["bo-tttt-vu-ktsxhs"]
    assert plan.task("III.7").support == ["ban-tgtw"]
    assert plan.task("III.9").support == ["to-chuc", "doanh-nghiep"]  # “các tổ chức, doanh nghiệp liên quan”
    assert plan.task("III.12").support == ["to-chuc", "hoi-hiep-hoi"]  # “các tổ chức, đoàn thể, hiệp hội nghề nghiệp, …”
    assert plan.task("III.11").lead == ["bo-tttt-vnpost", "bo-tttt-vtc"]
    assert [(m.title, m.when) for m in plan.task("III.11").milestones] == [
        ("chủ động, tiên phong, tích cực tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia", "từ ngày 15/9 - 10/10/2024"),
        ("Xây dựng chương trình khuyến mại cho khách hàng sử dụng các sản phẩm, dịch vụ", WIN),
    ]
    assert plan.task("IV.2.2").support == ["bo-tttt"]
    assert plan.task("IV.2.2").title.endswith(
        "- Nội dung khác theo định hướng, chỉ đạo của chính quyền địa phương và sử dụng nền tảng số Việt Nam do địa phương lựa chọn."
    )
    assert plan.task("IV.4.2").lead[:3] == ["bo-tttt", "bo-tnmt", "bo-gddt"]
    assert "trên trên" in plan.task("IV.4.2").title
