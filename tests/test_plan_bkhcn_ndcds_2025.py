"""Encoding of seed 003_e0046f1c04630ccf.txt: press summary of Bộ KH&CN's Kế hoạch triển khai
QĐ 505 về Ngày Chuyển đổi số quốc gia năm 2025 (the decision itself is not in the source)."""

import pytest

PLAN_ID = "bkhcn-ndcds-2025"


@pytest.fixture(scope="module")
def plan(repository):
    return repository.plans[PLAN_ID]


def test_header(plan):
    assert plan.year == 2025
    assert plan.issuer == "bo-khcn"
    assert plan.source.kind == "press"
    assert plan.source.document == "003_e0046f1c04630ccf.txt"
    assert plan.source.note.startswith("Bản tóm tắt của báo chí, không phải văn bản Quyết định;")
    assert plan.decision.number is None
    assert plan.decision.date is None


def test_section_task_counts(plan):
    assert len(plan.section("YC").tasks) == 0
    assert len(plan.section("HD").tasks) == 7
    assert [t.id for t in plan.iter_tasks()] == [f"HD.{i}" for i in range(1, 8)]
    assert len(plan.targets) == 0


@pytest.mark.parametrize(
    "tid, lead, when",
    [
        ("HD.1", ["bo-khcn"], "trong tháng 10"),
        ("HD.2", ["bo-khcn"], "trong tháng 10"),
        ("HD.3", ["bo-khcn"], "trong tháng 10"),
        ("HD.4", ["bo-nganh-dia-phuong", "hoi-hiep-hoi", "doanh-nghiep"], "từ ngày 1/10 đến hết ngày 10/10 hoặc trong toàn bộ tháng 10"),
        ("HD.5", ["bo-nganh"], 2025),
        ("HD.6", ["dia-phuong"], 2025),
        ("HD.7", ["bo-nganh-dia-phuong", "hoi-hiep-hoi", "doanh-nghiep"], "10 ngày đầu tháng 10"),
    ],
)
def test_lead_and_when(plan, tid, lead, when):
    t = plan.task(tid)
    assert t.lead == lead
    assert t.when == when


def test_wording(plan):
    assert plan.task("HD.1").title == (
        "chiến dịch truyền thông “Chuyển đổi số: Nhanh hơn, hiệu quả hơn, gần dân hơn” trên các phương tiện thông tin "
        "đại chúng và các nền tảng mạng xã hội phổ biến"
    )
    assert plan.task("HD.2").title == (
        "tọa đàm về các giải pháp thúc đẩy chuyển đổi số nhanh, hiệu quả, gần dân hơn gắn với phân cấp, phân quyền và "
        "triển khai mô hình chính quyền 2 cấp"
    )
    assert plan.task("HD.6").title == (
        "Trong khi đó, các địa phương chủ trì triển khai chiến dịch “Đi từng ngõ, gõ từng nhà, hướng dẫn từng người dân "
        "kỹ năng số, sử dụng các dịch vụ số” thông qua hoạt động của Tổ công nghệ số cộng đồng tại địa phương."
    )
    assert "tối thiểu 3 lĩnh vực quản lý nhà nước" in plan.task("HD.5").title
    assert "Văn bản không nêu thời hạn" in plan.task("HD.5").notes
