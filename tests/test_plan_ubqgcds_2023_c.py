"""Section V and the appendix (PHỤ LỤC) of the ubqgcds-2023 plan, checked against
seed 001_43fc3a454241c1eb.txt (lines ~1967-2523)."""

import pytest


@pytest.fixture(scope="module")
def plan(repository):
    return repository.plans["ubqgcds-2023"]


def _ids(tasks):
    return [t.id for t in tasks]


def _all_tasks(section):
    out = list(section.tasks)
    for sub in section.sections:
        out.extend(_all_tasks(sub))
    return out


# ---------------------------------------------------------------- section V


def test_section_v_structure(plan):
    sec = plan.section("V")
    assert sec.title == "HOẠT ĐỘNG KHÁC"
    # each numbered item is a sub-section, so that document order and headings are kept
    assert [s.id for s in sec.sections] == ["V.1", "V.2", "V.3"]
    assert [s.title for s in sec.sections] == [
        "Phiên họp toàn thể của Ủy ban Quốc gia",
        "Phiên họp đột xuất của Ủy ban Quốc gia",
        "Theo dõi, đôn đốc, kiểm tra tình hình triển khai",
    ]
    assert _ids(sec.sections[0].tasks) == ["V.1.a", "V.1.b"]
    assert [_ids(s.tasks) for s in sec.sections[1:]] == [["V.2"], ["V.3"]]
    assert _ids(plan.iter_tasks())[-61:-57] == ["V.1.a", "V.1.b", "V.2", "V.3"]
    assert len(_all_tasks(sec)) == 4


def test_v_1_a(plan):
    t = plan.task("V.1.a")
    assert t.title == (
        "Họp định kỳ hàng quý, sơ kết 6 tháng, tổng kết năm, tùy theo tình hình có thể họp "
        "trực tiếp hoặc trực tuyến với Ban chỉ đạo chuyển đổi số các bộ, ngành, địa phương, "
        "có thể mời thêm các cơ quan, doanh nghiệp, cá nhân liên quan tham dự."
    )
    assert t.lead == ["ubqgcds"]
    assert t.when == "hàng quý"


def test_v_1_b(plan):
    t = plan.task("V.1.b")
    assert t.title == ("Dự kiến thời gian các phiên họp: Tháng 3, tháng 7 (Sơ kết 6 tháng), tháng 9 và tháng 12 (Tổng kết năm).")
    assert t.lead == ["ubqgcds"]
    assert t.when == "Tháng 3, tháng 7 (Sơ kết 6 tháng), tháng 9 và tháng 12 (Tổng kết năm)"
    # the four sessions are the four occurrences of `when`, not milestones (they would be listed twice)
    assert t.milestones == []
    from cdsplan.schedule.occurrences import plan_occurrences

    sessions = [o.window for o in plan_occurrences(plan) if o.item.id == t.id]
    assert [(w.deadline.month, w.label) for w in sessions] == [(3, None), (7, "Sơ kết 6 tháng"), (9, None), (12, "Tổng kết năm")]


@pytest.mark.parametrize("tid", ["V.2", "V.3"])
def test_v_no_deadline(plan, tid):
    t = plan.task(tid)
    assert t.lead == ["bo-tttt"]
    assert t.when == 2023
    assert "Văn bản không nêu thời hạn; lấy năm của kế hoạch." in t.notes


def test_v_2_v_3_wording(plan):
    assert plan.task("V.2").title == (
        "Căn cứ tình hình thực tế, trong trường hợp cần thiết, Cơ quan thường trực – Bộ Thông "
        "tin và Truyền thông đề xuất tổ chức các Phiên họp chuyên đề đột xuất của Ủy ban Quốc "
        "gia để giải quyết ngay các khó khăn, vướng mắc phát sinh."
    )
    assert plan.task("V.3").title == (
        "Cơ quan thường trực – Bộ Thông tin và Truyền thông lên kế hoạch tổ chức các đoàn công "
        "tác, làm việc, theo dõi, đôn đốc, kiểm tra tình hình triển khai ở các bộ, ngành, địa phương."
    )


# ---------------------------------------------------------------- appendix

PERIODS = [
    # (id, title as written, theme, number of actions)
    ("PL.1", "Quý I", "Khởi động Năm Dữ liệu số quốc gia", 3),
    ("PL.2", "Tháng 4", "Dữ liệu mở", 8),
    ("PL.3", "Tháng 5", "Cơ sở dữ liệu chuyên ngành", 6),
    ("PL.4", "Tháng 6", "Phân tích, xử lý dữ liệu", 7),
    ("PL.5", "Tháng 7", "Quản trị dữ liệu", 7),
    ("PL.6", "Tháng 8", "Nhân lực dữ liệu", 6),
    ("PL.7", "Tháng 9", "Hạ tầng dữ liệu quốc gia", 6),
    ("PL.8", "Tháng 10", "Kết nối, chia sẻ dữ liệu", 6),
    ("PL.9", "Tháng 11", "Bảo vệ dữ liệu cá nhân", 6),
    ("PL.10", "Tháng 12", "Tổng kết Năm Dữ liệu số quốc gia", 2),
]


def test_appendix_structure(plan):
    sec = plan.section("PL")
    assert sec.title == "Kế hoạch hành động trọng tâm Năm Dữ liệu số quốc gia"
    assert sec.appendix and sec.text == [], "a Phụ lục; its attachment line is the render's, from the decision"
    assert [s.id for s in sec.sections] == [p[0] for p in PERIODS]
    assert list(sec.tasks) == []
    assert len(_all_tasks(sec)) == 57


@pytest.mark.parametrize("sid,title,theme,count", PERIODS)
def test_appendix_period(plan, sid, title, theme, count):
    sec = plan.section(sid)
    assert sec.title == title
    assert sec.theme == theme
    assert _ids(sec.tasks) == [f"{sid}.{k}" for k in range(1, count + 1)]
    for t in sec.tasks:
        assert t.when == title  # the period cell as written; the year comes from the plan


def test_plan_task_order_ends_with_appendix(plan):
    ids = _ids(plan.iter_tasks())
    tail = [f"{sid}.{k}" for sid, _, _, n in PERIODS for k in range(1, n + 1)]
    assert ids[-len(tail) :] == tail
    # section V's four tasks come just before (their relative order depends on whether
    # iter_tasks visits a section's own tasks before or after its sub-sections)
    assert sorted(ids[-len(tail) - 4 : -len(tail)]) == ["V.1.a", "V.1.b", "V.2", "V.3"]


SPOT = [
    # (task id, title, lead, when)
    ("PL.1.1", "Công bố kế hoạch hành động năm 2023 của Ủy ban Quốc gia về chuyển đổi số", ["bo-tttt"], "Quý I"),
    (
        "PL.1.2",
        "Ban hành Chỉ thị của Thủ tướng Chính phủ về phát triển dữ liệu phục vụ phát triển kinh tế - xã hội và chuyển đổi số quốc gia",
        ["bo-tttt"],
        "Quý I",
    ),
    (
        "PL.1.3",
        "Công bố kế hoạch hành động năm 2023 và các sáng kiến Năm Dữ liệu số quốc gia của "
        "các bộ, ngành, địa phương, tập đoàn, tổng công ty, hội, hiệp hội, doanh nghiệp",
        ["bo-nganh-dia-phuong", "to-chuc", "doanh-nghiep"],
        "Quý I",
    ),
    ("PL.2.1", "Lễ phát động Tháng dữ liệu mở và Công bố phiên bản mới Cổng dữ liệu quốc gia data.gov.vn", ["bo-tttt"], "Tháng 4"),
    (
        "PL.2.2",
        "Công bố kế hoạch phát triển dữ liệu mở và cung cấp dữ liệu mở, cung cấp lần đầu dữ liệu mở theo kế hoạch",
        ["bo-nganh-dia-phuong"],
        "Tháng 4",
    ),
    ("PL.2.4", "Công bố bộ sách chuyên ngành chọn lọc về dữ liệu mở", ["bo-tttt", "nha-xuat-ban"], "Tháng 4"),
    (
        "PL.2.5",
        "Thành lập Câu lạc bộ Dữ liệu mở để thúc đẩy, khuyến khích phong trào học tập, "
        "nghiên cứu, thảo luận, ứng dụng, phát triển, chia sẻ dữ liệu mở",
        ["vien-nghien-cuu", "co-so-giao-duc-cao-dang-dai-hoc"],
        "Tháng 4",
    ),
    ("PL.2.6", "Khảo sát, đánh giá nhu cầu về dữ liệu mở của người dân, doanh nghiệp", ["vcci", "hoi-hiep-hoi"], "Tháng 4"),
    ("PL.2.7", "Tổ chức Hội nghị, Hội thảo trong nước và quốc tế về dữ liệu mở", ["hoi-hiep-hoi"], "Tháng 4"),
    (
        "PL.2.8",
        "Truyền thông về kinh nghiệm, sáng kiến, mô hình cung cấp dữ liệu mở trên thế giới và Việt Nam",
        ["bao-chi-truyen-thong"],
        "Tháng 4",
    ),
    ("PL.3.1", "Lễ phát động Tháng Cơ sở dữ liệu chuyên ngành và công bố Bản đồ dữ liệu Việt Nam trực tuyến", ["bo-tttt"], "Tháng 5"),
    (
        "PL.3.5",
        "Tổ chức Hội nghị, Hội thảo trong nước và quốc tế về phát triển cơ sở dữ liệu quốc gia, cơ sở dữ liệu chuyên ngành",
        ["bo-nganh-dia-phuong", "hoi-hiep-hoi"],
        "Tháng 5",
    ),
    ("PL.4.1", "Lễ phát động Tháng phân tích, xử lý dữ liệu", ["bo-tttt"], "Tháng 6"),
    (
        "PL.4.2",
        "Công bố kế hoạch triển khai nền tảng phân tích, xử lý dữ liệu tổng hợp cấp bộ, "
        "cấp tỉnh, có ứng dụng trí tuệ nhân tạo để tối ưu hóa hoạt động.",
        ["bo-nganh-dia-phuong", "doanh-nghiep"],
        "Tháng 6",
    ),
    (
        "PL.4.7",
        "Truyền thông về kinh nghiệm, sáng kiến triển khai kho dữ liệu, hồ dữ liệu, trong "
        "đó tập trung vào các kinh nghiệm, sáng kiến về triển khai kho dữ liệu cá nhân, tổ chức của "
        "các bộ, ngành, địa phương để người dân, doanh nghiệp không phải cung cấp lại thông tin khi "
        "thực hiện dịch vụ công trực tuyến; triển khai hồ dữ liệu phục vụ công tác hoạch định chính "
        "sách, ra quyết định, tối ưu hóa nguồn lực.",
        ["bao-chi-truyen-thong"],
        "Tháng 6",
    ),
    (
        "PL.5.2",
        "Công bố kế hoạch hành động nâng cao năng lực phát triển và quản trị dữ liệu",
        ["bo-nganh-dia-phuong", "to-chuc", "doanh-nghiep"],
        "Tháng 7",
    ),
    ("PL.5.3", "Hội nghị chuyên đề chia sẻ kinh nghiệm quản trị dữ liệu", ["bo-tttt"], "Tháng 7"),
    ("PL.5.4", "Khóa bồi dưỡng, tập huấn toàn quốc về quản trị dữ liệu cho các bộ, ngành, địa phương", ["bo-tttt"], "Tháng 7"),
    ("PL.6.1", "Lễ phát động Tháng Nhân lực dữ liệu", ["bo-gddt", "bo-ldtbxh", "bo-tttt", "co-so-nghien-cuu-dao-tao"], "Tháng 8"),
    (
        "PL.6.2",
        "Công bố kế hoạch phối hợp hành động phát triển nhân lực dữ liệu",
        ["bo-gddt", "bo-ldtbxh", "bo-tttt", "co-so-nghien-cuu-dao-tao"],
        "Tháng 8",
    ),
    ("PL.6.3", "Hội nghị chuyên đề về nhân lực dữ liệu", ["bo-gddt", "bo-ldtbxh", "bo-tttt", "co-so-nghien-cuu-dao-tao"], "Tháng 8"),
    (
        "PL.6.5",
        "Tổ chức Hội nghị, Hội thảo trong nước và quốc tế về phát triển nhân lực dữ liệu dữ liệu",
        ["bo-nganh-dia-phuong", "hoi-hiep-hoi"],
        "Tháng 8",
    ),
    ("PL.7.1", "Lễ phát động Tháng Hạ tầng dữ liệu quốc gia", ["bo-tttt", "bo-ca", "bo-qp"], "Tháng 9"),
    ("PL.7.2", "Hội nghị chuyên đề về phát triển hạ tầng dữ liệu quốc gia", ["bo-tttt", "bo-ca", "bo-qp"], "Tháng 9"),
    ("PL.7.3", "Khóa bồi dưỡng, tập huấn toàn quốc về quản trị dữ liệu cho các bộ, ngành, địa phương", ["bo-tttt"], "Tháng 9"),
    ("PL.8.2", "Ngày Chuyển đổi số quốc gia", ["bo-tttt"], "Tháng 10"),
    ("PL.8.4", "Công bố bộ sách chuyên ngành chọn lọc về kết nối, chia sẻ dữ liệu", ["bo-tttt", "nha-xuat-ban"], "Tháng 10"),
    ("PL.9.1", "Lễ phát động Tháng Bảo vệ thông tin, dữ liệu cá nhân", ["bo-tttt"], "Tháng 11"),
    ("PL.9.2", "Ngày An toàn thông tin Việt Nam", ["bo-tttt"], "Tháng 11"),
    ("PL.9.3", "Khóa bồi dưỡng, tập huấn cho người dân về bảo vệ thông tin, dữ liệu cá nhân", ["bo-tttt"], "Tháng 11"),
    ("PL.9.6", "Truyền thông về kinh nghiệm, sáng kiến về bảo vệ thông tin, dữ liệu cá nhân", ["bao-chi-truyen-thong"], "Tháng 11"),
    ("PL.10.1", "Hội nghị Tổng kết Năm Dữ liệu số quốc gia", ["bo-tttt"], "Tháng 12"),
    ("PL.10.2", "Phát hành bộ tem Năm Dữ liệu số quốc gia", ["bo-tttt"], "Tháng 12"),
]


@pytest.mark.parametrize("tid,title,lead,when", SPOT, ids=[s[0] for s in SPOT])
def test_appendix_spot(plan, tid, title, lead, when):
    t = plan.task(tid)
    assert t.title == title
    assert t.lead == lead
    assert t.when == when
    assert t.support == []


def test_appendix_publisher_rows(plan):
    # every month from April to November has a "bộ sách chuyên ngành" row led by Bộ TT&TT + publishers
    rows = [t for t in plan.iter_tasks() if t.id.startswith("PL.") and t.title.startswith("Công bố bộ sách chuyên ngành chọn lọc về")]
    assert [t.when for t in rows] == [f"Tháng {m}" for m in range(4, 12)]
    assert all(t.lead == ["bo-tttt", "nha-xuat-ban"] for t in rows)


def test_appendix_press_rows(plan):
    rows = [t for t in plan.iter_tasks() if t.id.startswith("PL.") and t.title.startswith("Truyền thông về kinh nghiệm")]
    assert len(rows) == 8
    assert all(t.lead == ["bao-chi-truyen-thong"] for t in rows)


def test_typo_notes(plan):
    assert "lỗi" in plan.task("PL.6.5").notes
    assert "lỗi chính tả" in plan.task("PL.2.8").notes
