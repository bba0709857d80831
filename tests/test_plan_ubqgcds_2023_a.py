"""Plan ubqgcds-2023, first part: header, targets (section I), sections II and III.

Expected values are taken from the seed 001_43fc3a454241c1eb.txt (Quyết định ban hành
Kế hoạch hoạt động của Ủy ban Quốc gia về chuyển đổi số năm 2023).
"""

import pytest

NOTIME = "Văn bản không nêu thời hạn; lấy năm của kế hoạch."


@pytest.fixture(scope="module")
def plan(repository):
    return repository.plans["ubqgcds-2023"]


@pytest.fixture(scope="module")
def tasks(plan):
    return list(plan.iter_tasks())


def _ids_under(tasks, prefix):
    return [t.id for t in tasks if t.id.startswith(prefix)]


# --- header -----------------------------------------------------------------


def test_header(plan):
    assert plan.title == "Kế hoạch hoạt động của Ủy ban Quốc gia về chuyển đổi số năm 2023"
    assert plan.year == 2023
    assert plan.issuer == "ubqgcds"
    assert plan.decision.number is None
    assert plan.decision.date is None
    assert plan.decision.symbol == "QĐ-UBQGCĐS"
    assert plan.decision.place == "Hà Nội"
    assert plan.decision.signer == "Phạm Minh Chính"
    assert plan.decision.title == "Ban hành Kế hoạch hoạt động của Ủy ban Quốc gia về chuyển đổi số năm 2023"
    assert plan.theme == "Năm dữ liệu số quốc gia"


def test_legal_basis(plan):
    assert len(plan.legal_basis) == 8
    assert plan.legal_basis[0] == (
        "Căn cứ Nghị quyết số 17/NQ-CP ngày 07 tháng 3 năm 2019 của Chính phủ về một số nhiệm vụ, "
        "giải pháp trọng tâm phát triển Chính phủ điện tử giai đoạn 2019 - 2020, định hướng đến 2025;"
    )
    assert plan.legal_basis[-1] == (
        "Căn cứ Quyết định số 411/QĐ-TTg ngày 31 tháng 3 năm 2022 của Thủ tướng Chính phủ phê duyệt "
        "Chiến lược quốc gia phát triển kinh tế số và xã hội số đến năm 2025, định hướng đến năm 2030;"
    )


def test_decision_articles(plan):
    """Seed 001, Điều 1-3: Điều 2 asks for month-by-month action plans, monitored by the Working Group."""
    d = plan.decision
    assert d.proposal == "Theo đề nghị của Tổ trưởng Tổ công tác giúp việc Ủy ban Quốc gia về chuyển đổi số."
    assert [len(a.text) for a in d.articles] == [1, 1, 2]
    assert d.articles[0].text == ["Ban hành kèm theo Quyết định này Kế hoạch hoạt động của Ủy ban Quốc gia về chuyển đổi số năm 2023."]
    second = d.articles[1].text[0]
    assert "chỉ đạo xây dựng kế hoạch hành động cụ thể để thực hiện các nhiệm vụ trọng tâm chi tiết theo từng tháng" in second
    assert second.endswith("theo dõi, đôn đốc và chịu trách nhiệm điều phối trong việc bảo đảm thực hiện Kế hoạch này.")
    assert d.articles[2].text[0] == "Quyết định này có hiệu lực thi hành kể từ ngày ký."
    assert d.articles[2].text[1].endswith("chịu trách nhiệm thi hành Quyết định này./.")


def test_recipients(plan):
    assert plan.recipients == [
        "Như Điều 3;",
        "Thủ tướng, các Phó Thủ tướng Chính phủ;",
        "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ;",
        "UBND các tỉnh, thành phố trực thuộc Trung ương;",
        "VPCP: BTCN, các PCN, Trợ lý TTg, TGĐ Cổng TTĐT, các Vụ, Cục, đơn vị trực thuộc;",
        "Lưu: VT, UBQGCĐS (03b).",
    ]


# --- targets (section I) ----------------------------------------------------


def test_target_counts(plan):
    by_area = {}
    for t in plan.targets:
        by_area[t.area] = by_area.get(t.area, 0) + 1
    assert by_area == {
        "Dữ liệu số": 9,
        "Chính phủ số": 10,
        "Kinh tế số": 5,
        "Xã hội số": 8,
        "An toàn, an ninh mạng": 4,
    }
    assert len(plan.targets) == 36
    assert [t.id for t in plan.targets][:9] == ["I.1.a", "I.1.b", "I.1.c", "I.1.d", "I.1.đ", "I.1.e", "I.1.g", "I.1.h", "I.1.i"]


def _target(plan, tid):
    (t,) = [t for t in plan.targets if t.id == tid]
    return t


@pytest.mark.parametrize(
    "tid, text, measures",
    [
        (
            "I.1.đ",
            "Trên 80% bộ, ngành, địa phương triển khai chức năng kho dữ liệu điện tử của tổ chức, cá nhân trên "
            "hệ thống thông tin giải quyết thủ tục hành chính cấp bộ, cấp tỉnh để người dân, doanh nghiệp chỉ "
            "phải cung cấp thông tin một lần cho cơ quan nhà nước khi thực hiện dịch vụ công trực tuyến.",
            [("above", 80)],
        ),
        (
            "I.2.c",
            "100% thủ tục hành chính đủ điều kiện theo quy định của pháp luật được cung cấp dưới hình thức dịch "
            "vụ công trực tuyến toàn trình; 40% dịch vụ công trực tuyến toàn trình được tích hợp, cung cấp trên "
            "Cổng Dịch vụ công quốc gia.",
            [("at_least", 100), ("at_least", 40)],
        ),
        (
            "I.2.e",
            "100% kết quả giải quyết thủ tục hành chính được số hóa, trên 60% hồ sơ thủ tục hành chính được xử "
            "lý trực tuyến, trên 30% người dân sử dụng dịch vụ công trực tuyến từ xa.",
            [("at_least", 100), ("above", 60), ("above", 30)],
        ),
        ("I.3.a", "Tỷ trọng kinh tế số trong GDP trên 16%.", [("above", 16)]),
        ("I.3.b", "Tỷ trọng thương mại điện tử trong tổng mức bán lẻ trên 8,5%.", [("above", 8.5)]),
        (
            "I.3.đ",
            "Trên 90% doanh nghiệp nhỏ và vừa được tiếp cận dùng thử các nền tảng chuyển đổi số, trên 30% doanh "
            "nghiệp nhỏ và vừa thường xuyên sử dụng các nền tảng chuyển đổi số.",
            [("above", 90), ("above", 30)],
        ),
        (
            "I.4.g",
            "Tỷ lệ dân số trưởng thành sử dụng nền tảng hỗ trợ tư vấn khám chữa bệnh từ xã trên 30%.",
            [("above", 30)],
        ),
        (
            "I.5.d",
            "Tỷ lệ hộ gia đình có đường Internet cáp quang băng rộng có sử dụng giải pháp an toàn thông tin mạng cơ bản đạt trên 10%.",
            [("above", 10)],
        ),
    ],
)
def test_target_spot(plan, tid, text, measures):
    t = _target(plan, tid)
    assert t.text == text
    assert [(m.comparison, m.value) for m in t.measures] == measures
    assert all(m.unit == "%" for m in t.measures)


def test_multi_figure_targets_have_subjects(plan):
    for t in plan.targets:
        if len(t.measures) > 1:
            assert all(m.subject for m in t.measures), t.id


# --- section II -------------------------------------------------------------


def test_section_ii_counts(plan, tasks):
    sec = plan.section("II")
    assert sec.title == "NHIỆM VỤ TRỌNG TÂM PHÂN CÔNG CÁC THÀNH VIÊN ỦY BAN QUỐC GIA TRỰC TIẾP CHỈ ĐẠO"
    assert [t.id for t in sec.tasks] == [f"II.{i}" for i in range(1, 14)]
    assert len(_ids_under(tasks, "II.")) == 13


def test_section_ii_leads(plan):
    leads = [plan.task(f"II.{i}").lead for i in range(1, 14)]
    assert leads == [
        ["bo-tttt"],
        ["bo-ca"],
        ["vpcp"],
        ["bo-khcn"],
        ["bo-ct"],
        ["bo-tc"],
        ["bo-khdt"],
        ["bo-nv"],
        ["bo-gddt"],
        ["bo-yt"],
        ["bo-xd"],
        ["bo-nnptnt"],
        ["nhnn"],
    ]


# --- section III ------------------------------------------------------------

LETTERED = {
    1: "ab",
    2: "abcd",
    3: "abcdđ",
    5: "ab",
    7: "ab",
    8: "ab",
    9: "ab",
    10: "abc",
    13: "abcdđ",
    14: "abc",
    18: "abc",
    19: "ab",
    20: "ab",
}
UNLETTERED = [4, 6, 11, 12, 15, 16, 17, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32]


def test_section_iii_counts(plan, tasks):
    sec = plan.section("III")
    assert sec.title == (
        "NHIỆM VỤ TRỌNG TÂM PHÂN CÔNG BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ CÁC BỘ, CƠ QUAN NGANG BỘ, CƠ QUAN THUỘC CHÍNH PHỦ TẬP TRUNG CHỈ ĐẠO"
    )
    # every numbered item is a sub-section (document order, with its agency as heading)
    assert [t.id for t in sec.tasks] == ["III.0"]
    assert [s.id for s in sec.sections] == [f"III.{n}" for n in range(1, 33)]
    for s in sec.sections:
        n = int(s.id.split(".")[1])
        expected = [f"III.{n}.{c}" for c in LETTERED[n]] if n in LETTERED else [f"III.{n}"]
        assert [t.id for t in s.tasks] == expected
    assert sum(len(v) for v in LETTERED.values()) == 37
    assert len(_ids_under(tasks, "III.")) == 57  # 20 direct (incl. III.0) + 37 lettered


def test_section_iii_subsection_titles(plan):
    assert plan.section("III.1").title == "Bộ Quốc phòng"
    assert plan.section("III.7").title == "Bộ Lao động – Thương binh và Xã hội"
    assert plan.section("III.20").title == "Thanh tra Chính phủ"
    assert plan.section("III.4").title == "Bộ Tư pháp"
    assert plan.section("III.32").title == "Đoàn Thanh niên Cộng sản Hồ Chí Minh"


# --- spot checks: titles, leads, support, when --------------------------------

SPOT = [
    (
        "II.1",
        "Bộ trưởng Bộ Thông tin và Truyền thông điều phối, đôn đốc thực hiện kế hoạch hoạt động năm 2023 của Ủy "
        "ban Quốc gia và kế hoạch năm dữ liệu số quốc gia; chủ trì, chỉ đạo, các địa phương phối hợp thực hiện "
        "phổ cập điện thoại di động thông minh và cáp quang băng rộng toàn dân; phát triển hệ sinh thái điện "
        "toán đám mây Việt Nam đáp ứng yêu cầu chuyển đổi số, phân tích, xử lý dữ liệu lớn và bảo đảm an toàn, "
        "an ninh mạng.",
        2023,
    ),
    (
        "II.2",
        "Bộ trưởng Bộ Công an tiếp tục phát huy vai trò của Tổ trưởng Tổ công tác trong đôn đốc, kiểm tra, giám "
        "sát, hướng dẫn các bộ, ngành, địa phương thực hiện Đề án phát triển ứng dụng dữ liệu về dân cư, định "
        "danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 – 2025, tầm nhìn đến năm 2030.",
        2023,
    ),
    (
        "II.5",
        "Bộ trưởng Bộ Công Thương chủ trì, chỉ đạo thúc đẩy phát triển dữ liệu lớn về thương mại, công nghiệp "
        "và năng lượng; thúc đẩy thương mại điện tử, thương mại số, đặc biệt là thúc đẩy phát triển các sản "
        "thương mại điện tử Việt Nam, thương mại điện tử vùng nông thôn, đưa bà con nông dân lên buôn bán, cung "
        "cấp hàng hóa trên các sàn thương mại điện tử.",
        2023,
    ),
    (
        "II.13",
        "Thống đốc Ngân hàng Nhà nước chủ trì, chỉ đạo triển khai phát triển dữ liệu lớn về lĩnh vực ngân hàng "
        "để phân tích, dự báo, giám sát, đánh giá rủi ro, hỗ trợ đưa ra các quyết định quản lý, hoạch định chính "
        "sách, quy trình trong nghiệp vụ tín dụng, nghiệp vụ thanh toán và các nghiệp vụ ngân hàng khác.",
        2023,
    ),
    (
        "III.0",
        "Ban Chỉ đạo chuyển đổi số của các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ điều phối, chỉ đạo "
        "triển khai, hoàn thành các mục tiêu nêu tại Mục I của Kế hoạch thuộc phạm vi trách nhiệm của bộ, ngành, "
        "lĩnh vực mình quản lý; trong Quý I/2023 ban hành kế hoạch chuyển đổi số, phát triển chính phủ số, kinh "
        "tế số và xã hội số năm 2023 và kế hoạch hoạt động năm 2023 của Ban chỉ đạo đổi số của bộ, ngành mình. "
        "Trong trường hợp đã ban hành kế hoạch năm 2023 trước đó, trong Quý I/2023 hoàn thành rà soát, cập nhật "
        "cho phù hợp với Kế hoạch hoạt động của Ủy ban Quốc gia về chuyển đổi số năm 2023.",
        "trong Quý I/2023",
    ),
    (
        "III.1.a",
        "Tổ chức triển khai, chỉ đạo các cơ quan, đơn vị, doanh nghiệp liên quan triển khai nâng cao tiềm lực "
        "nghiên cứu và phát triển quốc gia trong lĩnh vực dữ liệu lớn, phân tích, xử lý dữ liệu lớn phục vụ quốc "
        "phòng và phát triển kinh tế - xã hội.",
        2023,
    ),
    (
        "III.2.b",
        "Chủ trì, phối hợp với các bộ, ngành, địa phương liên quan nghiên cứu, xây dựng Đề án Trung tâm dữ liệu quốc gia.",
        2023,
    ),
    (
        "III.2.c",
        "Chủ trì, phối hợp với Bộ Thông tin và Truyền thông, Bộ Tư pháp và các cơ quan liên quan rà soát, tổng "
        "hợp, đề xuất Chính phủ chỉ đạo các bộ, cơ quan, địa phương xây dựng, sửa đổi, bổ sung các quy định pháp "
        "luật liên quan đến việc triển khai và quản trị, vận hành Trung tâm dữ liệu quốc gia.",
        2023,
    ),
    (
        "III.2.d",
        "Tiếp tục hoàn thiện ứng dụng VNeID, tuyên truyền, vận động người dân sử dụng ứng dụng VNeID và đa dạng "
        "hóa các tiện ích (sổ sức khỏe điện tử, kiến nghị phản ánh, lưu trú, tạm trú, tích hợp giấy tờ như thẻ "
        "bảo hiểm y tế, giấy phép lái xe…) để người dân tham gia sử dụng.",
        2023,
    ),
    (
        "III.3.d",
        "Tổ chức nghiên cứu kinh nghiệm, thực tiễn quốc tế trong chuyển đổi số để tham mưu cho Chính ph trong quá trình triển khai.",
        2023,
    ),
    (
        "III.4",
        "Tổ chức triển khai, chỉ đạo các cơ quan, đơn vị liên quan triển khai hiệu quả Hệ thống thông tin đăng "
        "ký và quản lý hộ tịch để cung cấp các chức năng, tiện ích phục vụ đăng ký, quản lý hộ tịch cho các cơ "
        "quan đăng ký hộ tịch trên toàn quốc; hỗ trợ các địa phương triển khai cung cấp dịch vụ công trực tuyến "
        "trong lĩnh vực hộ tịch; kết nối, chia sẻ dữ liệu với các hệ thống thông tin, cơ sở dữ liệu liên quan "
        "phục vụ cung cấp dịch vụ công trực tuyến cho người dân, doanh nghiệp của các lĩnh vực khác, nhằm nâng "
        "cao hiệu quả chỉ đạo điều hành của Chính phủ, Thủ tướng Chính phủ, bảo đảm các điều kiện cần thiết để "
        "phát triển Cơ sở dữ liệu hộ tịch điện tử toàn quốc.",
        2023,
    ),
    (
        "III.10.b",
        "Xây dựng, trình Thủ tướng Chính phủ phê duyệt Kế hoạch hành động để thay đổi đột phá xếp hạng phát "
        "triển chính phủ điện tử, chính phủ số Việt Nam theo đánh giá của Liên Hợp Quốc đến năm 2026.",
        2023,
    ),
    ("III.13.d", "Công bố kết quả đo lường tỷ trọng kinh tế số trong GDP.", 2023),
    (
        "III.13.đ",
        "Chủ trì, phối hợp với Bộ Tài chính nghiên cứu xây dựng Đề án về xây dựng cơ sở dữ liệu doanh nghiệp, "
        "nhất là doanh nghiệp ngoài nhà nước trình Chính phủ xem xét, quyết định nhằm mục tiêu quản lý, theo "
        "dõi, đánh giá và hỗ trợ doanh nghiệp.",
        2023,
    ),
    (
        "III.14.c",
        "Xây dựng Nền tảng quản lý, quản trị công chức, viên chức số đáp ứng cải cách hành chính, quản trị quốc gia.",
        2023,
    ),
    (
        "III.18.b",
        "Tổ chức triển khai, hướng dẫn các địa phương triển khai cơ sở dữ liệu môi trường quốc gia; chủ trì về "
        "thu thập và phát triển dữ liệu lớn về quy hoạch, quản lý đối với rác thải, chất thải rắn, môi trường",
        2023,
    ),
    (
        "III.20.b",
        "Phát triển Cơ sở dữ liệu quốc gia về kiểm soát tài sản, thu nhập, bảo đảm thuận lợi, công khai, minh bạch.",
        2023,
    ),
    (
        "III.21",
        "Tổ chức triển khai, chỉ đạo các tổ chức tín dụng, tổ chức cung ứng dịch vụ trung gian thanh toán và các "
        "cơ quan, đơn vị liên quan triển khai chuyển đổi số, thanh toán số, thanh toán không dùng tiền mặt, phấn "
        "đấu đến hết năm 2023 cơ bản hoàn thành các mục tiêu tương ứng đặt ra đến năm 2025 trong chương trình "
        "chuyển đổi số quốc gia, chiến lược chính phủ điện tử hướng tới chính phủ số, chiến lược quốc gia phát "
        "triển kinh tế số và xã hội số.",
        "đến hết năm 2023",
    ),
    (
        "III.26",
        "Tổ chức triển khai, chỉ đạo các cơ quan, đơn vị liên quan triển khai phát triển Cơ sở dữ liệu quốc gia về bảo hiểm.",
        2023,
    ),
    (
        "III.27",
        "Tổ chức triển khai tuyên truyền, phổ biến về các mô hình, kinh nghiệm chuyển đổi số và các hoạt động "
        "liên quan tới Ngày Chuyển đổi số quốc gia và năm dữ liệu số quốc gia.",
        2023,
    ),
    (
        "III.32",
        "Tổ chức triển khai, chỉ đạo các cơ quan, đơn vị liên quan triển khai, phối hợp với Bộ Thông tin và "
        "Truyền thông tổ chức các sáng kiến, chiến dịch, bồi dưỡng, tập huấn cho các Tổ công nghệ số cộng đồng "
        "trên toàn quốc.",
        2023,
    ),
]


@pytest.mark.parametrize("tid, title, when", SPOT, ids=[s[0] for s in SPOT])
def test_task_spot(plan, tid, title, when):
    t = plan.task(tid)
    assert t.title == title
    assert t.when == when
    if when == 2023:
        assert t.notes and t.notes.startswith(NOTIME)


def test_iii_0_milestones(plan):
    t = plan.task("III.0")
    assert t.lead == ["bo-nganh"]
    assert [m.when for m in t.milestones] == ["trong Quý I/2023", "trong Quý I/2023"]
    assert t.notes.startswith("Đoạn mở đầu mục III, không đánh số trong văn bản.")


@pytest.mark.parametrize(
    "tid, lead, support",
    [
        ("II.1", ["bo-tttt"], ["dia-phuong"]),
        ("III.2.b", ["bo-ca"], ["bo-nganh-dia-phuong"]),
        ("III.2.c", ["bo-ca"], ["bo-tttt", "bo-tp"]),
        ("III.3.c", ["bo-ng"], ["bo-tttt"]),
        ("III.13.đ", ["bo-khdt"], ["bo-tc"]),
        ("III.14.a", ["bo-nv"], ["bo-tttt"]),
        ("III.19.b", ["vpcp"], ["bo-nganh-dia-phuong", "doanh-nghiep"]),
        ("III.25", ["bql-lang"], []),
        ("III.30", ["ubqlvnn"], ["bo-tttt"]),
        ("III.31", ["vcci"], ["bo-tttt"]),
        ("III.32", ["doan-tncs-hcm"], ["bo-tttt"]),
    ],
)
def test_lead_support(plan, tid, lead, support):
    t = plan.task(tid)
    assert t.lead == lead
    assert list(t.support or []) == support


def test_typos_noted(plan):
    assert "Chính ph'" in plan.task("III.3.d").notes
    assert "'các sản thương mại điện tử'" in plan.task("II.5").notes
    assert "'Ban chỉ đạo đổi số'" in plan.task("III.0").notes


def test_only_iii_0_and_iii_21_have_a_time(tasks):
    dated = [t.id for t in tasks if t.id.startswith(("II.", "III.")) and t.when != 2023]
    assert sorted(dated) == ["III.0", "III.21"]
