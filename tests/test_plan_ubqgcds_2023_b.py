"""Section IV of ubqgcds-2023 (seed 001_43fc3a454241c1eb.txt): tasks assigned to the
digital-transformation steering committees of the 63 provinces and cities."""

import pytest


@pytest.fixture(scope="module")
def plan(repository):
    return repository.plans["ubqgcds-2023"]


def section_iv_tasks(plan):
    return [t for t in plan.iter_tasks() if t.id == "IV" or t.id.startswith("IV.")]


def test_section_title_and_intro(plan):
    sec = plan.section("IV")
    assert sec.title == (
        "NHIỆM VỤ TRỌNG TÂM PHÂN CÔNG BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ CÁC TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG TẬP TRUNG CHỈ ĐẠO"
    )
    assert len(sec.text) == 3
    assert sec.text[2] == "Một số nhiệm vụ trọng tâm do Ủy ban Quốc gia về chuyển đổi số theo dõi, đôn đốc như sau:"
    assert [t.id for t in sec.tasks] == ["IV.0"]


def test_counts(plan):
    sec = plan.section("IV")
    assert len(sec.sections) == 63
    assert [s.id for s in sec.sections] == [f"IV.{n}" for n in range(1, 64)]
    tasks = section_iv_tasks(plan)
    # IV.0 + 59 single-task items + Hải Phòng (a-c), Lào Cai (a-b), Nam Định (a-c), Quảng Ninh (a-b)
    assert len(tasks) == 70
    assert len({t.id for t in tasks}) == 70
    assert sum(len(t.milestones) for t in tasks) == 95
    no_time = [t.id for t in tasks if t.when == 2023]
    assert no_time == ["IV.3", "IV.28.b"]
    for t in tasks:
        if t.when == 2023:
            assert t.notes.startswith("Văn bản không nêu thời hạn; lấy năm của kế hoạch.")


def test_sub_items(plan):
    assert [t.id for t in plan.section("IV.28").tasks] == ["IV.28.a", "IV.28.b", "IV.28.c"]
    assert [t.id for t in plan.section("IV.37").tasks] == ["IV.37.a", "IV.37.b"]
    assert [t.id for t in plan.section("IV.40").tasks] == ["IV.40.a", "IV.40.b", "IV.40.c"]
    assert [t.id for t in plan.section("IV.49").tasks] == ["IV.49.a", "IV.49.b"]
    assert [t.id for t in plan.section("IV.1").tasks] == ["IV.1"]


@pytest.mark.parametrize(
    "sid,title",
    [
        ("IV.1", "Thành phố Hà Nội"),
        ("IV.2", "Thành phố Hồ Chí Minh"),
        ("IV.4", "Tỉnh Bà Rịa – Vũng Tàu"),
        ("IV.16", "Thành phố Cần Thơ"),
        ("IV.17", "Thành phố Đà Nẵng"),
        ("IV.28", "Thành phố Hải Phòng"),
        ("IV.57", "Tỉnh Thừa Thiên – Huế"),
        ("IV.63", "Tỉnh Yên Bái"),
    ],
)
def test_province_titles(plan, sid, title):
    assert plan.section(sid).title == title


@pytest.mark.parametrize(
    "tid,lead,support,when",
    [
        ("IV.0", ["dia-phuong"], [], "trong Quý I/2023"),
        ("IV.1", ["ha-noi"], ["bo-tttt"], "trong tháng 12/2023"),
        ("IV.2", ["ho-chi-minh"], ["bo-tnmt", "bo-tttt"], "hoàn thành trước tháng 9/2023"),
        ("IV.3", ["an-giang"], ["bo-nnptnt", "bo-tttt"], 2023),
        ("IV.4", ["ba-ria-vung-tau"], ["bo-tttt"], "trong tháng 12/2023"),
        ("IV.5", ["bac-lieu"], ["bo-nv", "bo-tttt"], "hoàn thành trước tháng 6/2023"),
        ("IV.6", ["bac-giang"], ["bo-ca", "vpcp", "bo-tttt"], "trước tháng 6/2023"),
        ("IV.7", ["bac-kan"], ["bo-vhttdl", "bo-tttt"], "trước tháng 9/2023"),
        ("IV.10", ["binh-duong"], ["bo-ca", "vpcp", "bo-tttt"], "trước tháng 9/2023"),
        ("IV.11", ["binh-dinh"], ["bo-khcn", "bo-tttt"], "trong tháng 12/2023"),
        ("IV.18", ["dak-lak"], ["bo-tnmt", "bo-tttt"], "trước tháng 9/2023"),
        ("IV.28.a", ["hai-phong"], ["bo-tttt"], "trong tháng 12/2023"),
        ("IV.28.b", ["hai-phong"], ["bo-gtvt", "bo-tttt"], 2023),
        ("IV.28.c", ["hai-phong"], ["bo-tnmt", "bo-tttt"], "trước tháng 9/2023"),
        ("IV.31", ["hung-yen"], ["bo-nnptnt", "bo-tttt"], "trước tháng 9/2023"),
        ("IV.37.a", ["lao-cai"], ["bo-yt", "bo-tttt"], "trước tháng 9/2023"),
        ("IV.37.b", ["lao-cai"], ["bo-khdt"], "trước tháng 9/2023"),
        ("IV.40.a", ["nam-dinh"], ["bo-ca", "vpcp", "bo-tttt"], "trước tháng 6/2023"),
        ("IV.40.b", ["nam-dinh"], ["bo-gddt", "bo-tttt"], "trong tháng 9/2023"),
        ("IV.40.c", ["nam-dinh"], ["bo-tttt"], "trong tháng 12/2023"),
        ("IV.49.b", ["quang-ninh"], ["bo-tnmt", "bo-tttt"], "trước tháng 9/2023"),
        ("IV.56", ["thanh-hoa"], ["bo-tttt"], "trước tháng 11/2023"),
        ("IV.57", ["thua-thien-hue"], ["bo-tttt"], "trong tháng 12/2023"),
        ("IV.61", ["vinh-long"], ["bo-tttt"], "trước tháng 9/2023"),
        ("IV.63", ["yen-bai"], ["bo-tttt"], "trong tháng 12/2023"),
    ],
)
def test_lead_support_when(plan, tid, lead, support, when):
    t = plan.task(tid)
    assert t.lead == lead
    assert list(t.support or []) == support
    assert t.when == when


@pytest.mark.parametrize(
    "tid,title",
    [
        (
            "IV.1",
            "Lựa chọn một số quận, huyện và tổ chức triển khai mô hình quận, huyện chuyển đổi số điển hình, "
            "thực hiện chuyển đổi số tổng thể và toàn diện trên cả ba trụ cột là chính quyền số, kinh tế số và "
            "xã hội số ở tất cả các phường, xã trên địa bàn của quận, huyện được lựa chọn; ban hành kế hoạch hành "
            "động triển khai mô hình quận, huyện chuyển đổi số điển hình trong Quý I/2023, tổ chức sơ kết triển "
            "khai trong tháng 9/2023, tổ chức tổng kết triển khai trong tháng 12/2023.",
        ),
        (
            "IV.3",
            "Tổ chức triển khai Nền tảng giám định sinh vật gây hại cho cây trồng trên địa bàn tỉnh, tổ chức sơ "
            "kết, tổng kết, đánh giá, chia sẻ kinh nghiệm nhân rộng trên phạm vi toàn quốc.",
        ),
        (
            "IV.16",
            "Tiên phong trong việc tổ chức triển khai, chỉ đạo triển khai Nền tảng khảo sát, thu thập ý kiến người "
            "dân; tổ chức sơ kết, đánh giá trước tháng 9/2023.",
        ),
        (
            "IV.28.b",
            "Tổ chức chỉ đạo, triển khai thực hiện chuyển đổi số trong hoạt động kho vận logistics để nâng cao "
            "năng suất, hiệu quả quản lý hàng hóa.",
        ),
        (
            "IV.37.a",
            "Tiên phong triển khai chuyển đổi số toàn diện trong hoạt động của bệnh viện; tổ chức sơ kết, đánh giá trước tháng 9/2023.",
        ),
        (
            "IV.56",
            "Tiên phong trong việc tổ chức triển khai, chỉ đạo triển khai phân loại, xác định, phê duyệt và đáp "
            "ứng yêu cầu bảo đảm an toàn hệ thống thông tin trên địa bàn tỉnh đối với toàn bộ các hệ thống thông "
            "tin thuộc phạm vi quản lý; tổ chức sơ kết, đánh giá trước tháng 11/2023.",
        ),
        (
            "IV.61",
            "Tổ chức triển khai thống nhất một ứng dụng dùng chung cho công dân: tham gia ý kiến đóng góp cho hoạt "
            "động của các cơ quan, phản ánh những vấn đề xã hội, kết nối các ứng dụng dùng chung các ngành, thanh "
            "toán trực tuyến,…. trên địa bàn tỉnh; tổ chức sơ kết, đánh giá trước tháng 9/2023.",
        ),
    ],
)
def test_task_titles(plan, tid, title):
    assert plan.task(tid).title == title


def test_intro_task(plan):
    t = plan.task("IV.0")
    assert t.title.startswith("Ban chỉ đạo chuyển đổi số của các tỉnh, thành phố trực thuộc Trung ương điều phối, chỉ đạo triển khai")
    assert t.title.endswith("cập nhật cho phù hợp với Kế hoạch hoạt động của Ủy ban Quốc gia về chuyển đổi số năm 2023.")
    assert t.notes.startswith("Đoạn mở đầu mục IV, không đánh số trong văn bản.")
    assert [m.when for m in t.milestones] == ["trong Quý I/2023", "trong Quý I/2023"]


def test_milestones(plan):
    ms = plan.task("IV.1").milestones
    assert [(m.title, m.when) for m in ms] == [
        ("Ban hành kế hoạch hành động triển khai mô hình quận, huyện chuyển đổi số điển hình", "trong Quý I/2023"),
        ("Tổ chức sơ kết triển khai", "trong tháng 9/2023"),
        ("Tổ chức tổng kết triển khai", "trong tháng 12/2023"),
    ]
    assert [(m.title, m.when) for m in plan.task("IV.56").milestones] == [("Tổ chức sơ kết, đánh giá", "trước tháng 11/2023")]
    assert [(m.title, m.when) for m in plan.task("IV.6").milestones] == [
        ("Hoàn thành các chỉ tiêu liên quan đến dịch vụ công trực tuyến đặt ra năm 2023", "trước tháng 6/2023")
    ]
    assert [(m.title, m.when) for m in plan.task("IV.40.b").milestones] == [("Tổ chức sơ kết, đánh giá", "trong tháng 9/2023")]
    assert plan.task("IV.3").milestones == [] or plan.task("IV.3").milestones is None
    assert len(plan.task("IV.26").milestones) == 3
    assert len(plan.task("IV.53").milestones) == 2


def test_typos_noted(plan):
    assert "Môi trưởng" in plan.task("IV.18").notes
    assert "nông thông" in plan.task("IV.31").notes
    assert "đổi số của địa phương mình" in plan.task("IV.0").notes
