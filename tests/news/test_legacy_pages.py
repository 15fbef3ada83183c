"""news.legacy_import on pages written for these tests (kept apart from the seeds): the many
kinds of link blocks old sites put under an article, and bylines of one or several names in
many shapes. Each page is a plain-text save in ``legacy_pages/``.

Plain pytest functions; no Django settings are needed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from news.legacy_import import parse_file, parse_text

PAGES = Path(__file__).resolve().parent / "legacy_pages"


@dataclass(frozen=True)
class Expected:
    title: str
    published_at: str | None
    byline: str | None
    paragraphs: int
    last_starts: str
    view_count: int | None = None
    gone: tuple[str, ...] = ()  # link-block and footer text that must not survive


EXPECTED = {
    "p01_tin_lien_quan_gach_dau_dong.txt": Expected(
        "Ban Thường trực Ủy ban MTTQ phường Yên Hòa gặp mặt các vị chức sắc tôn giáo",
        "2022-01-14T09:15:00+07:00",
        "Thu Hà - Quốc Tuấn",
        3,
        "Các vị chức sắc bày tỏ",
        view_count=312,
        gone=("Tin liên quan", "Trao quà cho hộ nghèo", "Điện thoại"),
    ),
    "p02_khoi_lien_ket_khong_tieu_de_muc.txt": Expected(
        "Hội nghị Ủy ban MTTQ Việt Nam xã Đông Sơn lần thứ 5, nhiệm kỳ 2019-2024",
        "2021-06-21T08:30:00+07:00",
        "Tin, ảnh: Hoàng Yến",
        3,
        "Hội nghị cũng đã hiệp thương",
        gone=("[02/06/2021]", "Khai mạc lớp bồi dưỡng", "online"),
    ),
    "p03_cac_tin_da_dua_ngay_gach.txt": Expected(
        'Quận Hoàn Kiếm phát động Tháng cao điểm "Vì người nghèo" năm 2022',
        "2022-09-12T15:40:00+07:00",
        "Nguyễn Thị Hạnh - Ban Tuyên giáo Ủy ban MTTQ Việt Nam quận",
        3,
        "Ban Thường trực đề nghị",
        gone=("Các tin đã đưa", "Ra mắt mô hình", "Xem tiếp"),
    ),
    "p04_tin_cung_chuyen_muc_chu_hoa.txt": Expected(
        "Ban công tác Mặt trận tổ dân phố 7 tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
        "2023-11-18T10:20:00+07:00",
        "MINH ANH - THU HÀ",
        3,
        "Ngày hội là dịp",
        gone=("TIN CÙNG CHUYÊN MỤC", "Đoàn Thanh niên ra quân"),
    ),
    "p05_bai_truoc_bai_sau.txt": Expected(
        'Trao học bổng "Tiếp bước đến trường" cho 30 học sinh vượt khó',
        "2020-08-15T08:00:00+07:00",
        "N.H.A",
        2,
        "Mỗi suất học bổng",
        gone=("Bài trước", "Bài tiếp theo"),
    ),
    "p06_bai_viet_khac_danh_so.txt": Expected(
        "Ủy ban MTTQ quận tổ chức hội nghị phản biện xã hội dự thảo đề án chỉnh trang đô thị",
        "2019-10-03T14:15:00+07:00",
        "Lê Minh và Phạm Thu Trang",
        3,
        "Ban Thường trực sẽ tổng hợp",
        gone=("Các bài viết khác", "Giám sát việc thực hiện chính sách"),
    ),
    "p07_co_the_ban_quan_tam.txt": Expected(
        "Hội thi Trưởng ban công tác Mặt trận giỏi cấp phường năm 2023",
        "2023-04-06T16:45:00+07:00",
        "Minh Châu (tổng hợp)",
        3,
        "Ban Tổ chức đã trao",
        gone=("Có thể bạn quan tâm", "năm 2022", "Designed by"),
    ),
    "p08_gach_dau_dong_sau_tac_gia.txt": Expected(
        'Phường Trung Hòa ra mắt mô hình "Bữa cơm nghĩa tình" cho người lao động',
        "2024-03-21T07:45:00+07:00",
        "Bài: Ngọc Lan; Ảnh: Văn Khánh",
        2,
        "Mô hình được duy trì",
        gone=("50 suất quà", "Tổ hòa giải kiểu mẫu", "tập huấn công tác giám sát"),
    ),
    "p09_tac_gia_hai_dong_tin_doc_nhieu.txt": Expected(
        "Phường Quan Hoa tổng kết 5 năm thực hiện Quy chế dân chủ ở cơ sở",
        "2021-12-10T00:00:00+07:00",
        "Phạm Hồng Sơn – Phó Chủ tịch Ủy ban MTTQ Việt Nam phường Quan Hoa",
        2,
        "Hội nghị đánh giá",
        gone=("TIN ĐỌC NHIỀU", "lượt xem"),
    ),
    "p10_theo_bao_tin_moi_hon_cu_hon.txt": Expected(
        "Mặt trận các cấp chung tay phòng, chống dịch COVID-19",
        "2020-03-05T16:05:00+07:00",
        "(Theo Báo Điện tử Đại Đoàn Kết)",
        2,
        "Nhiều tổ chức, cá nhân",
        gone=("quantri", "Tin mới hơn", "Tin cũ hơn", "Ra quân tổng vệ sinh"),
    ),
    "p11_danh_sach_trong_bai_viet_tat.txt": Expected(
        "Ban Thường trực Ủy ban MTTQ phường họp giao ban tháng 5",
        "2019-05-15T14:00:00+07:00",
        "T.Hà - P.Q",
        5,
        "- Đẩy mạnh phong trào",  # the article's own list stays
        gone=("Tin khác", "hiến máu"),
    ),
    "p12_danh_sach_cuoi_bai_khong_tac_gia.txt": Expected(
        "Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2020",
        "2020-10-02T00:00:00+07:00",
        None,
        5,
        "- Phần hội với các hoạt động",  # a closing list is not a link block
    ),
    "p13_xem_them_cac_tin_khac_tu_khoa.txt": Expected(
        "Hướng dẫn tổ chức hội nghị cử tri nơi cư trú",
        "2021-02-22T00:00:00+07:00",
        "Thanh Hương – Văn phòng UBMTTQ quận",
        2,
        "Hội nghị do Ban Thường trực",
        gone=("Từ khóa", "Xem thêm", "Hiệp thương lần thứ hai"),
    ),
    "p14_pv_cac_tin_khac_ngay.txt": Expected(
        "Tặng quà người có công nhân kỷ niệm ngày Thương binh - Liệt sĩ",
        "2018-07-27T09:30:00+07:00",
        "PV Đức Mạnh",
        2,
        "Đoàn đã ân cần",
        gone=("CÁC TIN KHÁC", "lần thứ XIX"),
    ),
    "p15_to_chuc_binh_luan.txt": Expected(
        'Ủy ban MTTQ phường Phúc La vận động ủng hộ Quỹ "Vì biển, đảo Việt Nam"',
        "2019-06-07T15:15:00+07:00",
        "Ban Thường trực Ủy ban MTTQ phường Phúc La",
        2,
        "Sau một tháng phát động",
        view_count=1045,
        gone=("Bình luận", "Mã bảo vệ"),
    ),
    "p16_chu_thich_anh_cuoi_bai.txt": Expected(
        "Khai mạc lớp bồi dưỡng nghiệp vụ công tác Mặt trận năm 2022",
        "2022-06-09T08:10:00+07:00",
        None,  # a closing photo caption is not a byline
        3,
        "Quang cảnh lớp bồi dưỡng",
        gone=("Các tin khác", "cô đơn"),
    ),
    "p17_khong_tieu_de_khong_ngay.txt": Expected(
        "",  # no headline: none is invented
        None,
        "Hoài Thu",
        3,
        "Đây là hoạt động thường niên",
        gone=("Liên kết website", "120.345"),
    ),
    "p18_tai_khoan_dang_bai.txt": Expected(
        "Ra mắt Câu lạc bộ hòa giải viên giỏi phường Thượng Đình",
        "2021-11-11T10:05:00+07:00",
        None,  # "Đăng bởi: admin" is the CMS account, not the author
        2,
        "Câu lạc bộ sinh hoạt",
        view_count=87,
        gone=("admin", "Chia sẻ", "Tập huấn nghiệp vụ hòa giải"),
    ),
    "p19_tin_anh_hai_dong.txt": Expected(
        'Tuyên dương 30 gương điển hình trong phong trào "Toàn dân bảo vệ an ninh Tổ quốc"',
        "2020-08-25T09:20:00+07:00",
        "Tin: Hồng Nhung; Ảnh: Văn Khánh",
        2,
        "Những tấm gương",
        gone=("Các tin khác", "giao ban công tác an ninh"),
    ),
    "p20_ba_tac_gia.txt": Expected(
        "Ủy ban MTTQ quận giám sát việc thu gom rác thải sinh hoạt",
        "2023-05-24T15:00:00+07:00",
        "Nguyễn Văn Nam, Lê Thị Hoa, Trần Quốc Bảo",
        2,
        "Qua giám sát",
        gone=("Tin cùng loại", "phòng cháy"),
    ),
}


def test_every_page_has_expectations() -> None:
    assert sorted(path.name for path in PAGES.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page(name: str) -> None:
    article = parse_file(PAGES / name)
    expected = EXPECTED[name]
    assert article.title == expected.title
    assert (article.published_at.isoformat() if article.published_at else None) == expected.published_at
    assert article.byline == expected.byline
    assert article.view_count == expected.view_count
    assert len(article.paragraphs) == expected.paragraphs, article.paragraphs
    assert article.paragraphs[-1].startswith(expected.last_starts)
    texts = [article.title, article.byline or "", *article.paragraphs]
    for chrome in expected.gone:
        assert all(chrome not in text for text in texts), chrome


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_saved_as_nfd_with_bom_and_crlf_reads_the_same(name: str) -> None:
    text = (PAGES / name).read_text(encoding="utf-8")
    again = parse_text("\ufeff" + unicodedata.normalize("NFD", text).replace("\n", "\r\n"))
    article = parse_file(PAGES / name)
    assert (again.title, again.byline, again.paragraphs) == (
        article.title,
        article.byline,
        article.paragraphs,
    )


def test_page_without_headline_keeps_its_lead_and_says_why() -> None:
    article = parse_file(PAGES / "p17_khong_tieu_de_khong_ngay.txt")
    assert article.paragraphs[0].startswith("Sáng ngày 5/4, Ban Thường trực")
    assert any("no headline found" in warning for warning in article.warnings)
    assert "no publish date found" in article.warnings


@pytest.mark.parametrize(
    "line",
    [
        "Ban Thường trực đề nghị các phường triển khai",  # a unit doing something is a sentence
        "Các đại biểu dự hội nghị",
        "Đồng chí Nguyễn Văn An phát biểu",
        "Quang cảnh hội nghị",
    ],
)
def test_closing_sentences_and_captions_are_not_bylines(line: str) -> None:
    text = "Tiêu đề bài viết về hội nghị\n23/07/2019\n" + "Nội dung bài viết khá dài. " * 8 + "\n" + line
    article = parse_text(text)
    assert article.byline is None
    assert article.paragraphs[-1] == line
