"""Plan bkhcn-cds-2023-2025: Quyết định 3392/QĐ-BKHCN ngày 29/12/2023 (seed 004_3f5995744fb0eeaf.txt).

Counts and wording checked by hand against the seed. The appendix numbers its tasks
from 1 again inside each group I–XV, so task ids are PL.<group>.<TT>.
"""

import datetime as dt

import pytest

PLAN_ID = "bkhcn-cds-2023-2025"

GROUP_COUNTS = {
    "I": 7,
    "II": 2,
    "III": 5,
    "IV": 10,
    "V": 15,
    "VI": 4,
    "VII": 1,
    "VIII": 3,
    "IX": 2,
    "X": 1,
    "XI": 4,
    "XII": 6,
    "XIII": 1,
    "XIV": 2,
    "XV": 2,
}

GROUP_TITLES = {
    "I": "Hoàn thiện môi trường pháp lý",
    "II": "Phát triển hạ tầng số",
    "III": "Phát triển các nền tảng số và hệ thống quy mô quốc gia",
    "IV": "Phát triển dữ liệu số quốc gia",
    "V": "Phát triển các ứng dụng, dịch vụ",
    "VI": "Bảo đảm an toàn, an ninh mạng",
    "VII": "Tổ chức, bộ máy, mạng lưới",
    "VIII": "Tập huấn, đào tạo, bồi dưỡng kỹ năng số",
    "IX": "Tuyên truyền, phổ biến, nâng cao nhận thức",
    "X": "Hợp tác giữa Bộ và doanh nghiệp",
    "XI": "Nghiên cứu, phát triển, làm chủ các công nghệ lõi",
    "XII": "Chuẩn hoá, tái cấu trúc quy trình nghiệp vụ",
    "XIII": "Hợp tác quốc tế",
    "XIV": "Bảo đảm kinh phí",
    "XV": "Đo lường, giám sát, đánh giá triển khai",
}

TT = "bo-khcn-ttcntt"
DV = "bo-khcn-cac-don-vi"

# id -> (title, lead, support, when), each from its own row of the appendix table.
SPOT = {
    "PL.I.1": (
        "Rà soát, đề xuất sửa đổi, bổ sung hệ thống văn bản quy phạm pháp luật trong lĩnh vực Khoa học và Công nghệ (KH&CN) để đáp ứng yêu cầu điều chỉnh các mối quan hệ mới phát sinh trong quá trình chuyển đổi số, khuyến khích đổi mới sáng tạo",
        ["bo-khcn-vu-pc"],
        [],
        2023,
    ),
    "PL.I.2": (
        "Nghiên cứu, sửa đổi, bổ sung hoặc đề xuất sửa đổi bổ sung hệ thống pháp luật và thực thi về sở hữu trí tuệ phù hợp với thực tiễn ứng dụng và phát triển công nghệ số, phù hợp với thông lệ quốc tế và thực tiễn tại Việt Nam",
        ["bo-khcn-cuc-shtt"],
        ["bo-khcn-vu-pc"],
        2023,
    ),
    "PL.I.3": (
        "Nghiên cứu, đề xuất sửa đổi các quy định về Quỹ phát triển KH&CN của doanh nghiệp cho các nội dung chuyển đổi số của doanh nghiệp",
        ["bo-khcn-vu-khtc"],
        [],
        "2023-2024",
    ),
    "PL.I.6": (
        "Tái cấu trúc tổ chức, quy trình nghiệp vụ để có thể ứng dụng hiệu quả công nghệ số vào mọi hoạt động của các đơn vị, hướng tới số hóa toàn bộ hoạt động của Bộ",
        [DV],
        ["bo-khcn-vp"],
        "Hằng năm",
    ),
    "PL.II.2": (
        "Xây dựng Nền tảng điện toán đám mây của Bộ thống nhất trên cơ sở quy hoạch, kết nối đám mây của Chính phủ, năng lực đủ mạnh để xử lý, phân tích dữ liệu, huy động được sự tham gia của cộng đồng, cho phép các tổ chức, doanh nghiệp cùng khai thác phục vụ phát triển hệ sinh thái sản phẩm sáng tạo ứng dụng trí tuệ nhân tạo",
        [TT],
        [],
        "2023-2025",
    ),
    "PL.III.1": ("Phát triển Nền tảng tích hợp, chia sẻ dữ liệu LGSP", [TT], [], 2023),
    "PL.III.4": ("Triển khai Đề án chuyển đổi số ngành Tiêu chuẩn đo lường chất lượng", ["bo-khcn-ub-tcdlcl"], [], "2023-2025"),
    "PL.III.5": ("Xây dựng, triển khai phần mềm quản lý nhiệm vụ KH&CN quốc gia", [TT], ["bo-khcn-dv-quan-ly-chu-tri-nv"], "2024-2025"),
    "PL.IV.1": (
        "Hoàn thiện, cập nhật và vận hành hiệu quả các cơ sở dữ liệu (CSDL) quốc gia về KH&CN, CSDL chuyên ngành KH&CN phục vụ yêu cầu quản lý nhà nước và hỗ trợ tổ chức, doanh nghiệp phát triển",
        ["bo-khcn-cuc-ttkhcnqg", "bo-khcn-cuc-shtt"],
        ["bo-khcn-dv-quan-ly-nv"],
        "2023-2025",
    ),
    "PL.IV.6": (
        "Thực hiện kết nối, tích hợp, chia sẻ dữ liệu kết quả giải quyết TTHC từ hệ thống giải quyết TTHC của Bộ với Kho quản lý dữ liệu điện tử của tổ chức, cá nhân trên Cổng Dịch vụ công quốc gia",
        [TT],
        ["bo-khcn-dv-cung-cap-tthc"],
        2023,
    ),
    "PL.IV.7": (
        "Thực hiện kết nối, chia sẻ dữ liệu HTTT hiện có và sau khi xây dựng với Trung tâm Giám sát an toàn không gian mạng quốc gia (NCSC) để giám sát và bảo đảm an toàn thông tin",
        ["bo-khcn-dv-chu-quan-httt"],
        [TT],
        "2023-2025",
    ),
    "PL.IV.8": (
        "Rà soát, đánh giá tổng thể hạ tầng CNTT, HTTT, CSDL, an toàn, an ninh thông tin theo văn bản hướng dẫn 1552/BTTTT-THH ngày 26/4/2022 của Bộ TT&TT, bổ sung, trang bị ngay các thiết bị đầu cuối cần thiết, đề xuất đầu tư các hạng mục theo văn bản hướng dẫn nêu trên và đề nghị BộTT&TT hỗ trợ triển khai, cung cấp giải pháp bảo đảm hạ tầng CNTT phục vụ triển khai Đề án 06 và chuyển đổi số trong thời gian thực hiện các thủ tục liên quan đến đầu tư, thuê dịch vụ CNTT",
        [TT],
        ["bo-khcn-dv-co-ha-tang-cntt"],
        2023,
    ),
    "PL.IV.9": (
        "Phát triển CSDL cán bộ, công chức, viên chức đáp ứng yêu cầu CSDL công chức, viên chức Việt Nam",
        ["bo-khcn-vu-tccb"],
        [TT],
        "2024-2025",
    ),
    "PL.IV.10": ("Xây dựng, cập nhật CSDL về công nghệ phục vụ kết nối cung - cầu công nghệ", ["bo-khcn-cuc-ptcn-dmst"], [], "2023-2025"),
    "PL.V.1": (
        "Hợp nhất Cổng Dịch vụ công với HTTT một cửa điện tử của Bộ để tạo lập HTTT giải quyết TTHC của Bộ",
        [TT, "bo-khcn-vp"],
        ["bo-khcn-dv-cung-cap-dvctt"],
        "2024-2025",
    ),
    "PL.V.2": ("Phát triển, hoàn thiện HTTT của Bộ", [TT], ["bo-khcn-vp"], "2024-2025"),
    "PL.V.8": ("Xây dựng hệ thống phần mềm quản lý CSDL quốc gia về KH&CN", ["bo-khcn-cuc-ttkhcnqg"], [], 2024),
    "PL.V.9": ("Xây dựng thư viện số quốc gia về KH&CN", ["bo-khcn-cuc-ttkhcnqg"], [], "2023-2025"),
    "PL.V.10": (
        "Xây dựng nền tảng quản lý nghiệp vụ và theo dõi trực tuyến về các hoạt động tài trợ, cho vay ưu đãi, hỗ trợ lãi suất vay tại Quỹ đổi mới công nghệ quốc gia",
        ["bo-khcn-quy-dmcn"],
        [],
        "2023-2025",
    ),
    "PL.V.11": (
        "Đẩy mạnh hoạt động nghiên cứu, ứng dụng và chuyển giao các công nghệ mới, công nghệ tiên tiến thông qua các Chương trình KH&CN cấp quốc gia nhằm triển khai chuyển đổi số trong một số lĩnh vực ưu tiên trong Chương trình chuyển đổi số quốc gia bao gồm: Năng lượng, giao thông vận tải và logistics, nông nghiệp, sản xuất công nghiệp và y tế",
        ["bo-khcn-vu-khkt"],
        ["bo-khcn-vu-dtg"],
        "2023-2025",
    ),
    "PL.V.12": (
        "Xây dựng cổng dữ liệu cấp bộ. Tích hợp với Cổng dữ liệu quốc gia và là cổng thành phần của Cổng thông tin điện tử của bộ",
        [TT],
        [],
        "Hằng năm",
    ),
    "PL.V.14": (
        "Cung cấp đầy đủ, đa dạng và nâng cao chất lượng các kênh tương tác, hỗ trợ người dân. Ví dụ như thông tin hướng dẫn TTHC, hỏi-đáp, câu hỏi thường gặp, phản ánh, kiến nghị, khảo sát, đánh giá sự hài lòng và Trợ lý ảo… Trong đó, cần thiết lập ngay đường dây nóng, tổng đài hỗ trợ kỹ thuật và đảm bảo luôn có người trực đường dây nóng, tổng đài hỗ trợ kỹ thuật tối thiểu trong thời gian hành chính để hỗ trợ, giải đáp các câu hỏi của người dùng",
        ["bo-khcn-vp"],
        [DV],
        2023,
    ),
    "PL.V.15": (
        "Ứng dụng CNTT phục vụ chuyển đổi số cho hoạt động xuất bản điện tử tại Nhà xuất bản Khoa học và Kỹ thuật.",
        ["bo-khcn-nxb-khkt"],
        [],
        2024,
    ),
    "PL.VI.3": (
        "Triển khai bảo đảm ATTT mạng theo mô hình “4 lớp” theo chiều sâu với việc kiện toàn lực lượng tại chỗ; thuê lực lượng giám sát, bảo vệ chuyên nghiệp; định kỳ kiểm tra, đánh giá; kết nối, chia sẻ thông tin với Trung tâm Giám sát an toàn không gian mạng quốc gia trực thuộc Cục ATTT, TT&TT",
        [TT],
        ["bo-khcn-dv-chu-quan-httt"],
        "Hằng năm",
    ),
    "PL.VI.4": ("Triển khai các hoạt động diễn tập ATTT nâng cao năng lực ứng cứu sự cố cho các HTTT của Bộ", [TT], [DV], "Hằng năm"),
    "PL.VII.1": (
        "Kiện toàn đơn vị chuyên trách về CNTT có đơn vị trực thuộc chuyên trách về chuyển đổi số để tham mưu, thực thi, dẫn dắt chuyển đổi số tại Bộ",
        [TT],
        ["bo-khcn-vu-tccb"],
        2023,
    ),
    "PL.VIII.3": (
        "Tổ chức hội nghị, bồi dưỡng, tập huấn định kỳ hằng năm phổ biến, quán triệt công tác chi cho chuyển đổi số",
        ["bo-khcn-vu-khtc"],
        [],
        "Hằng năm",
    ),
    "PL.IX.1": (
        "Tổ chức tuyên truyền, phổ biến nội dung, chính sách pháp luật để nâng cao nhận thức cho người dân và toàn xã hội về Chính phủ điện tử, Chính phủ số, chuyển đổi số",
        ["bo-khcn-tt-ttkhcn"],
        ["bo-khcn-bao-tap-chi"],
        "Hằng năm",
    ),
    "PL.IX.2": (
        "Tổ chức phổ cập kỹ năng số cho người dân, hướng dẫn người dân sử dụng các dịch vụ số của Bộ thông qua các hoạt động xã hội hóa",
        ["bo-khcn-dv-cung-cap-dvctt"],
        ["bo-khcn-tt-ttkhcn"],
        "Hằng năm",
    ),
    "PL.X.1": (
        "Phối hợp doanh nghiệp để cung cấp dịch vụ công thông qua mạng lưới bưu chính công ích và ứng dụng của doanh nghiệp",
        ["bo-khcn-dv-cung-cap-dvctt"],
        [],
        "Hằng năm",
    ),
    "PL.XI.1": (
        "Lựa chọn ưu tiên, đẩy mạnh phong trào nghiên cứu một số công nghệ cốt lõi mà Việt Nam có lợi thế, có thể đi tắt đón đầu cũng như có khả năng tạo bứt phá mạnh mẽ như trí tuệ nhân tạo (AI), chuỗi khối (blockchain), thực tế ảo/thực tế tăng cường (VR/AR) và dữ liệu lớn (Big Data) tạo điều kiện ứng dụng các công nghệ số tiên tiến trong triển khai Chính phủ số. Thực hiện cơ chế đặt hàng, giao nhiệm vụ cho các doanh nghiệp công nghệ số nghiên cứu, phát triển các ứng dụng công nghệ mới cho Chính phủ số",
        ["bo-khcn-vu-cnc", "bo-khcn-vp-ctqg"],
        [],
        "Hằng năm",
    ),
    "PL.XI.2": (
        "Ban hành quy định về việc sử dụng sản phẩm, giải pháp đã được đánh giá, kiểm định trong triển khai Chính phủ số",
        ["bo-khcn-dv-chu-quan-san-pham"],
        [],
        "Hằng năm",
    ),
    "PL.XI.4": (
        "Nghiên cứu phát triển chính sách thí điểm thử nghiệm công nghệ, sản phẩm, dịch vụ mới của doanh nghiệp khởi nghiệp đổi mới sáng tạo tại các tổ chức hỗ trợ, trung tâm hỗ trợ khởi nghiệp đổi mới sáng tạo",
        ["bo-khcn-cuc-ptcn-dmst", "bo-khcn-cuc-pttt-dn"],
        [],
        "Hằng năm",
    ),
    "PL.XII.1": (
        "Rà soát các TTHC, quy trình nghiệp vụ trong các cơ quan nhà nước theo hướng đơn giản hoá hoặc thay đổi phù hợp để có thể ứng dụng hiệu quả công nghệ số",
        [DV],
        ["bo-khcn-vu-pc"],
        "Hằng năm",
    ),
    "PL.XII.3": (
        "Tổ chức thực hiện các Nghị quyết của Chính phủ về đơn giản hóa TTHC, giấy tờ công dân liên quan đến quản lý dân cư thuộc phạm vi chức năng quản lý của bộ",
        ["bo-khcn-dv-cung-cap-tthc"],
        ["bo-khcn-vp", TT],
        "Hằng năm",
    ),
    "PL.XII.5": ("Chuẩn hóa danh mục, tài liệu hồ sơ TTHC trên CSDL quốc gia về TTHC", ["bo-khcn-dv-cung-cap-tthc"], ["bo-khcn-vp"], 2024),
    "PL.XII.6": ("Rà soát, tái cấu trúc quy trình điện tử hóa mẫu đơn, tờ khai", ["bo-khcn-dv-cung-cap-tthc"], ["bo-khcn-vp", TT], 2024),
    "PL.XIII.1": (
        "Nghiên cứu, phát triển và đổi mới sáng tạo trong phát triển Chính phủ số; chủ động, tích cực tham gia các tổ chức quốc tế, các sáng kiến về Chính phủ số và phát triển công nghệ số, kinh tế số, trong đó sẵn sàng phát huy vai trò đi đầu trong những lĩnh vực có thế mạnh; tham gia chủ động, tích cực vào việc xây dựng các khuôn khổ pháp lý, tiêu chuẩn, nguyên tắc quốc tế mới về công nghệ số phù hợp với mục tiêu và lợi ích của Việt Nam",
        ["bo-khcn-vu-htqt"],
        [DV],
        "Hằng năm",
    ),
    "PL.XIV.1": (
        "Ưu tiên sử dụng nguồn vốn ngân sách nhà nước và huy động các nguồn vốn khác theo quy định của pháp luật để phát triển Chính phủ số; tăng cường thực hiện giải pháp thuê dịch vụ CNTT",
        ["bo-khcn-vu-khtc", "bo-khcn-vp"],
        [DV],
        "Hằng năm",
    ),
    "PL.XIV.2": (
        "Ưu tiên bố trí đầu tư công để thực hiện các dự án phát triển hạ tầng, trung tâm dữ liệu, CSDL quốc gia, nền tảng quốc gia, các ứng dụng, dịch vụ quốc gia",
        ["bo-khcn-vp", "bo-khcn-vu-khtc"],
        [DV],
        "Hằng năm",
    ),
    "PL.XV.1": (
        "Giám sát, đánh giá, đo lường hiệu quả các dự án đầu tư về chuyển đổi số được thực hiện dựa trên số liệu",
        ["bo-khcn-vp", TT],
        [DV],
        "Hằng năm",
    ),
    "PL.XV.2": (
        "Định kỳ hàng năm thực hiện đo lường, đánh giá, công bố xếp hạng mức độ phát triển Chính phủ điện tử, Chính phủ số, chuyển đổi số đối với các đơn vị, tổ chức thuộc phạm vi quản lý",
        [TT],
        [DV],
        "Hằng năm",
    ),
}


@pytest.fixture(scope="module")
def plan(repository):
    return repository.plans[PLAN_ID]


def _ids(x):
    return [x] if isinstance(x, str) else list(x or [])


def test_header(plan):
    assert plan.issuer == "bo-khcn"
    assert str(plan.period) == "2023-2025"
    assert plan.year is None
    d = plan.decision
    assert d.number == "3392"
    assert d.symbol == "QĐ-BKHCN"
    assert d.date == dt.date(2023, 12, 29)
    assert d.place is None, "the extracted text states no place"
    assert d.signer == "Huỳnh Thành Đạt"
    assert d.signer_title == "BỘ TRƯỞNG"
    assert d.title.startswith("VỀ VIỆC SỬA ĐỔI, BỔ SUNG “KẾ HOẠCH CHUYỂN ĐỔI SỐ CỦA BỘ KHOA HỌC VÀ CÔNG NGHỆ")
    assert plan.source.kind == "decision"
    assert plan.source.document == "004_3f5995744fb0eeaf.txt"
    assert len(plan.legal_basis) == 6
    assert plan.legal_basis[0].startswith("Căn cứ Nghị định số 28/2023/NĐ-CP ngày 02/6/2023")
    assert plan.recipients[0] == "Như Điều 3;"
    assert plan.recipients[-1] == "Lưu: VT, TTCNTT."
    assert len(plan.recipients) == 6


def test_amends(plan):
    a = plan.amends
    assert a.decision == "3026/QĐ-BKHCN"
    assert a.date == dt.date(2021, 11, 24)
    assert a.title == "Kế hoạch chuyển đổi số của Bộ Khoa học và Công nghệ giai đoạn 2021-2025, định hướng đến năm 2030"
    assert a.plan is None
    assert a.replaces_tasks is True


def test_total_tasks(plan):
    tasks = list(plan.iter_tasks())
    assert len(tasks) == 66  # 1 task added by Điều 2 d) + 65 in the appendix
    assert len([t for t in tasks if t.id.startswith("PL.")]) == 65
    assert len({t.id for t in tasks}) == 66


def test_decision_articles(plan):
    """Seed 004: Điều 1-4 of the decision, and the proposal before "QUYẾT ĐỊNH:"."""
    d = plan.decision
    assert d.proposal == "Theo đề nghị của Giám đốc Trung tâm Công nghệ thông tin."
    assert len(d.articles) == 4
    assert d.articles[0].text[0].startswith("Ban hành Danh mục các nhiệm vụ chuyển đổi số trọng tâm giai đoạn 2023-2025")
    assert d.articles[2].text == ["Quyết định này có hiệu lực kể từ ngày ký."]
    assert d.articles[3].text[0].endswith("chịu trách nhiệm thi hành Quyết định này./.")
    assert [a.section for a in d.articles] == [None, "D2", None, None]


def test_appendix_groups(plan):
    pl = plan.section("PL")
    assert pl.appendix and pl.text == [], "the attachment line is the render's, from the decision"
    assert pl.title == "DANH MỤC CÁC NHIỆM CHUYỂN ĐỔI SỐ TRỌNG TÂM GIAI ĐOẠN 2023-2025 CỦA BỘ KHOA HỌC VÀ CÔNG NGHỆ"
    assert pl.tasks == []
    assert [s.id for s in pl.sections] == [f"PL.{g}" for g in GROUP_COUNTS]
    for g, n in GROUP_COUNTS.items():
        sec = plan.section(f"PL.{g}")
        assert sec.title == GROUP_TITLES[g]
        assert [t.id for t in sec.tasks] == [f"PL.{g}.{i}" for i in range(1, n + 1)], g
    assert sum(GROUP_COUNTS.values()) == 65


def test_every_task_has_lead_and_when(plan):
    for t in plan.iter_tasks():
        assert _ids(t.lead), t.id
        assert t.when in ("Hằng năm", 2023, 2024, "2023-2024", "2023-2025", "2024-2025"), t.id


@pytest.mark.parametrize("task_id", sorted(SPOT))
def test_spot_rows(plan, task_id):
    title, lead, support, when = SPOT[task_id]
    t = plan.task(task_id)
    assert t.title == title
    assert _ids(t.lead) == lead
    assert _ids(t.support) == support
    assert t.when == when


def test_article2_task(plan):
    sec = plan.section("D2")
    assert (
        sec.title
        == "Điều chỉnh, bổ sung các nội dung của Kế hoạch ban hành kèm theo Quyết định số 3026/QĐ-BKHCN ngày 24/11/2021 của Bộ trưởng Bộ Khoa học và Công nghệ"
    )
    article = plan.decision.articles[1]
    assert article.section == "D2", "Điều 2 carries section D2: its points are printed in the decision"
    assert article.text[0] == sec.title
    assert [point[:2] for point in article.text[1:]] == ["a)", "b)", "c)", "d)"]
    assert [t.id for t in sec.tasks] == ["D2.d"]
    t = plan.task("D2.d")
    assert (
        t.title == "Triển khai các hoạt động diễn tập an toàn thông tin nâng cao năng lực ứng cứu sự cố cho các hệ thống thông tin của Bộ"
    )
    assert _ids(t.lead) == [TT]
    assert t.when == "2023-2025"
    assert "Văn bản không nêu thời hạn; lấy giai đoạn của kế hoạch." in t.notes


def test_targets(plan):
    ts = {t.id: t for t in plan.targets}
    assert list(ts) == ["D2.a", "D2.b.1", "D2.b.2", "D2.c"]
    a = ts["D2.a"]
    assert a.area == "Mục 1, Phần III. Mục tiêu cơ bản đến năm 2025"
    assert a.text == "100% kết quả giải quyết thủ tục hành chính được số hóa"
    assert [(m.comparison, m.value, m.unit) for m in a.measures] == [("at_least", 100, "%")]
    b1 = ts["D2.b.1"]
    assert b1.area == "Mục 3, Phần III. Mục tiêu cơ bản đến năm 2025"
    assert b1.text == "100% các hệ thống thông tin của Bộ hoàn thành phê duyệt cấp độ an toàn"
    assert [(m.comparison, m.value, m.unit) for m in b1.measures] == [("at_least", 100, "%")]
    b2 = ts["D2.b.2"]
    assert b2.area == b1.area
    assert (
        b2.text
        == "Các hệ thống thông tin, cơ sở dữ liệu của Bộ được kết nối, chia sẻ dữ liệu nội bộ và kết nối với các cơ sở dữ liệu quốc gia theo đúng quy định"
    )
    assert not b2.measures
    c = ts["D2.c"]
    assert c.area == "Phần IV. Mục tiêu cơ bản đến năm 2030"
    assert (
        c.text
        == "Các cơ sở dữ liệu của Bộ được kết nối với cơ sở dữ liệu quốc gia phục vụ cho quá trình khai thác, sử dụng, làm giàu cơ sở dữ quốc gia theo tiến độ yêu cầu của Chính phủ"
    )
    assert c.when == 2030
    assert not c.measures


def test_typos_are_noted(plan):
    assert "BộTT&TT" in plan.task("PL.IV.8").title
    assert "BộTT&TT" in plan.task("PL.IV.8").notes
    assert "giải quyết HTTT của bộ" in plan.task("PL.IV.4").title
    assert plan.task("PL.IV.4").notes
    assert "Trung tâm ...." in plan.task("PL.IX.2").notes
    assert "CSDL dân cư" in plan.task("PL.XII.3").notes
