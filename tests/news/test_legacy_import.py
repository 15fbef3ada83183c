"""Tests for news.legacy_import: the five seed pages plus synthetic edge cases.

Plain pytest functions; no Django settings are needed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from news.legacy_import import (
    LegacyImportError,
    ParsedArticle,
    decode_text,
    parse_datetime_vi,
    parse_file,
    parse_text,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@dataclass(frozen=True)
class SeedExpectation:
    title: str
    published_at: str | None
    view_count: int | None
    byline: str | None
    first_paragraph: str
    last_paragraph: str
    paragraph_count: int


# Expected values read off the seed files by hand (whitespace runs, NBSP included, collapse
# to one space).  002 has no separate headline and no date: its lead sentence stays the first
# paragraph and the title is left empty (the importer never invents a headline).
TITLE_004 = "Hội nghị lần thứ 10 Uỷ ban MTTQ Việt Nam quận Thanh Xuân Khóa V, nhiệm kỳ 2019-2024"

SEEDS = {
    "000_88c5966f3c4db579.txt": SeedExpectation(
        title=("Ủy ban MTTQ quận Thanh Xuân tập huấn nghiệp vụ công tác Mặt trận năm 2019"),
        published_at="2019-07-23T15:27:00+07:00",
        view_count=None,
        byline="Ủy ban MTTQ quận Thanh Xuân",
        first_paragraph=(
            "Sáng ngày 22/7/2019, tại trung tâm Bồi dưỡng chính trị quận, Ban Thường trực Ủy "
            "ban MTTQ Việt Nam quận Thanh Xuân tổ chức tập huấn nghiệp vụ công tác Mặt trận "
            "cho các vị Ủy viên Ủy ban MTTQ Việt Nam quận; Ban Thường trực Ủy ban MTTQ Việt "
            "Nam 11 phường; Trưởng ban công tác Mặt trận khu dân cư và Trưởng, Phó ban Thanh "
            "tra nhân dân 11 phường."
        ),
        last_paragraph=(
            "Phát biểu tại hội nghị, đồng chí Khổng Minh Thảo - UVTV Quận ủy, Chủ tịch MTTQ "
            "Việt Nam quận đã đánh giá khái quát lại nội dung báo cáo viên vừa truyền đạt "
            "đồng thời đề nghị MTTQ Việt Nam các phường cần tập trung rà soát, bổ sung xây "
            "dựng và ban hành Quy chế hoạt động của Ủy ban MTTQ Việt Nam phường nhiệm kỳ "
            "2019 - 2024; xây dựng Thông báo phân công công tác trong Ban Thường trực Ủy ban "
            "MTTQ Việt Nam phường; kiện toàn các Ban tư vấn Ủy ban MTTQ Việt Nam phường; "
            "điều chỉnh và tổ chức thực hiện Quy chế phối hợp với Thường trực HĐND phường, "
            "UBND phường; Chương trình phối hợp với các tổ chức thành viên và các cơ quan "
            "liên quan./."
        ),
        paragraph_count=5,
    ),
    "001_fa2f9473defad6fb.txt": SeedExpectation(
        title="Hội nghị toàn quốc tập huấn công tác Mặt trận",
        published_at="2020-01-17T15:46:00+07:00",
        view_count=None,
        byline="Đ.T",
        first_paragraph=(
            "Ngày 03/4, Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam đã tổ "
            "chức Hội nghị trực tuyến toàn quốc tập huấn công tác Mặt trận. Dự hội nghị tại "
            "điểm cầu Hà Tĩnh có ông Từ Văn Diện, Ủy viên Ban Thường vụ Tỉnh ủy, Chủ tịch Ủy "
            "ban Mặt trận Tổ quốc tỉnh; toàn thể cán bộ công chức cơ quan Ủy ban Mặt trận Tổ "
            "quốc tỉnh; các thành viên BanThường trực Ủy ban Mặt trận Tổ quốc các huyện, "
            "thành phố, thị xã."
        ),
        last_paragraph=(
            "Phát biểu kết thúc Hội nghị, Phó Chủ tịch, Tổng Thư ký Ủy ban Trung ương Mặt "
            "trận Tổ quốc Việt Nam Trần Thanh Mẫn đề nghị Mặt trận Tổ quốc các cấp thời gian "
            "tới tăng cường phối hợp với chính quyền, các tổ chức thành viên tập trung thực "
            "hiện tốt những nhiệm vụ chính trị do Đảng lãnh đạo, trước mắt là những nội dung "
            "trọng tâm công tác Mặt trận năm 2017 góp phần thực hiện thắng lợi các mục tiêu "
            "phát triển kinh tế - xã hội ở từng địa phương."
        ),
        paragraph_count=10,
    ),
    "002_d3363b7bc7feaf0a.txt": SeedExpectation(
        title="",
        published_at=None,
        view_count=None,
        byline=None,
        first_paragraph=(
            "Sáng ngày 13/9, Ban Thường trực Ủy ban MTTQ Việt Nam thị xã phối hợp với Trung "
            "tâm Chính trị tổ chức lớp tập huấn nghiệp vụ công tác Mặt trận cho cán bộ ở cơ "
            "sở."
        ),
        last_paragraph=(
            "Thông qua hội nghị tập huấn, nhằm giúp cán bộ làm công tác Mặt trận nâng cao kỹ "
            "năng tuyên truyền, vận động, tổ chức thực hiện các nhiệm vụ của MTTQ; Nắm vững "
            "nghiệp vụ công tác, từng bước đáp ứng yêu cầu, nhiệm vụ của công tác Mặt trận "
            "trong giai đoạn hiện nay./."
        ),
        paragraph_count=6,
    ),
    "003_5621c2ad9d356a86.txt": SeedExpectation(
        title=(
            "Uỷ ban MTTQVN phường Thanh Bình tổ chức hội nghị đối thoại giữa Ban thường trực "
            "UBMTTQ phường với các Ban công tác Mặt trận"
        ),
        published_at="2019-08-30T00:00:00+07:00",
        view_count=8,
        byline="Dương Thị Phương – Thanh Bình",
        first_paragraph=(
            "Thông qua đối thoại đánh giá đúng thực trạng việc tổ chức triển khai thực hiện "
            "Quy chế tổ chức và hoạt động của Ban công tác Mặt trận nhằm phát huy những mặt "
            "đã đạt được, chỉ rõ những mặt tồn tại, hạn chế, xác định rõ trách nhiệm, thẩm "
            "quyền của các cấp, các ngành, nhiệm vụ của MTTQ, các tổ chức thành viên, đoàn "
            "viên, hội viên và các tầng lớp nhân dân."
        ),
        last_paragraph=(
            "Thông qua đối thoại đánh giá đúng thực trạng việc tổ chức triển khai thực hiện "
            "Quy chế tổ chức và hoạt động của Ban công tác Mặt trận nhằm phát huy những mặt "
            "đã đạt được, chỉ rõ những mặt tồn tại, hạn chế, xác định rõ trách nhiệm, thẩm "
            "quyền của các cấp, các ngành, nhiệm vụ của MTTQ, các tổ chức thành viên, đoàn "
            "viên, hội viên và các tầng lớp nhân dân."
        ),
        paragraph_count=5,
    ),
    "004_67f8e3bdeb2e1e4a.txt": SeedExpectation(
        title=TITLE_004,
        published_at="2023-07-24T14:34:00+07:00",
        view_count=None,
        byline="Quận Thanh Xuân",
        first_paragraph=(
            "Thực hiện Quy chế hoạt động và chương trình công tác năm 2023, ngày 21/7/2023, "
            "Uỷ ban MTTQ Việt Nam quận Thanh Xuân tổ chức Hội nghị lần thứ 10 để thông qua "
            "Báo cáo công tác Mặt trận 6 tháng đầu năm năm 2023, phương hướng, nhiệm vụ 6 "
            "tháng cuối năm 2023; Triển khai kế hoạch Đại hội đại biểu MTTQ các cấp quận "
            "Thanh Xuân, tiến tới Đại hội đại biểu toàn quốc MTTQ Việt Nam lần thứ X, nhiệm "
            "kỳ 2024-2029."
        ),
        last_paragraph=(
            "Cũng tại Hội nghị, đồng chí Chủ tịch Ủy ban MTTQ Việt Nam quận đã tiến hành "
            "triển khai Kế hoạch Đại hội đại biểu MTTQ các cấp quận Thanh Xuân, tiến tới Đại "
            "hội đại biểu toàn quốc MTTQ Việt Nam lần thứ X, nhiệm kỳ 2024-2029 đến các tổ "
            "chức thành viên và Ban Thường trực Ủy ban MTTQ Việt Nam các phường."
        ),
        paragraph_count=7,
    ),
}

# Page chrome from each seed that must not survive anywhere in the parsed article.
SEED_CHROME = {
    "000_88c5966f3c4db579.txt": [
        "23/07/2019 - 03:27 PM",
        "Các tin tức khác",
        "Kết quả bình chọn Hàng Việt Nam được người tiêu dùng yêu thích 2018",
    ],
    "001_fa2f9473defad6fb.txt": ["15:46 17/01/2020", "Ý kiến bạn đọc", "Đ.TÝ kiến bạn đọc"],
    "002_d3363b7bc7feaf0a.txt": [
        "Đánh giá:",
        "lượt đánh giá",
        "trung bình:",
        "Bình luận",
        "Mã xác thực không đúng.",
        "Bản đồ thị xã Hồng Lĩnh",
        "Các ca khúc hay về Hồng Lĩnh",
        "Liên kết website",
        "Thống kê: 2.728.553",
        "Online: 60",
    ],
    "003_5621c2ad9d356a86.txt": [
        "Thứ năm, 09/05/2024",
        "Thứ sáu, 30/08/2019",
        "Đã xem: 8",
        "Khảo sát",
        "Bạn quan tâm mục gì nhất trong Website của chúng tôi?",
        "Thống kê truy cập",
        "Tổng số lượt truy cập",
        "547119",
        "Trực tuyến: 9",
        "Hôm nay: 259",
        "Hôm qua: 42",
    ],
    "004_67f8e3bdeb2e1e4a.txt": [
        "24/07/2023 - 02:34 PM",
        "Các tin tức khác",
        "danh mục tin tức",
        "Kết quả bình chọn Hàng Việt Nam được người tiêu dùng yêu thích 2020",
    ],
}

# Generic chrome: no paragraph may look like any of these.
CHROME_LINE_RE = re.compile(
    r"(?i)^(?:các tin tức khác|tin liên quan|ý kiến bạn đọc|bình luận|đánh giá:?|"
    r"lượt đánh giá.*|mã xác thực.*|thống kê.*|online: \d+|trực tuyến: \d+|hôm nay: \d+|"
    r"hôm qua: \d+|tổng số lượt truy cập|khảo sát|liên kết website|danh mục tin tức|"
    r"chia sẻ|in bài viết|\d+)$"
)


def seed_path(name: str) -> Path:
    path = SEED_DIR / name
    if not path.is_file():
        pytest.skip(f"seed file {path} is not available")
    return path


@pytest.fixture(scope="module")
def seed_articles() -> dict[str, ParsedArticle]:
    return {name: parse_file(seed_path(name)) for name in SEEDS}


def test_all_seed_files_are_covered() -> None:
    if not SEED_DIR.is_dir():
        pytest.skip(f"seed directory {SEED_DIR} is not available")
    assert sorted(path.name for path in SEED_DIR.glob("*.txt")) == sorted(SEEDS)


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_metadata(name: str, seed_articles: dict[str, ParsedArticle]) -> None:
    article = seed_articles[name]
    expected = SEEDS[name]
    assert article.file == str(SEED_DIR / name)
    assert article.title == expected.title
    published = article.published_at.isoformat() if article.published_at else None
    assert published == expected.published_at
    assert article.view_count == expected.view_count
    assert article.byline == expected.byline


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_body(name: str, seed_articles: dict[str, ParsedArticle]) -> None:
    article = seed_articles[name]
    expected = SEEDS[name]
    assert article.paragraphs[0] == expected.first_paragraph
    assert article.paragraphs[-1] == expected.last_paragraph
    assert len(article.paragraphs) == expected.paragraph_count
    assert article.title not in article.paragraphs
    assert article.byline not in article.paragraphs


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_chrome_is_stripped(name: str, seed_articles: dict[str, ParsedArticle]) -> None:
    article = seed_articles[name]
    texts = [article.title, article.byline or "", *article.paragraphs]
    for chrome in SEED_CHROME[name]:
        assert all(chrome not in text for text in texts), chrome
    for paragraph in article.paragraphs:
        assert not CHROME_LINE_RE.match(paragraph), paragraph
        assert paragraph == paragraph.strip()
        assert "\xa0" not in paragraph
        assert "  " not in paragraph


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_text_is_nfc(name: str, seed_articles: dict[str, ParsedArticle]) -> None:
    data = seed_articles[name].as_json_dict()
    assert list(data) == [
        "file",
        "title",
        "published_at",
        "view_count",
        "byline",
        "paragraphs",
        "warnings",
    ]
    for text in [data["title"], *data["paragraphs"]]:
        assert unicodedata.is_normalized("NFC", text)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_seed_photo_captions_stay_as_paragraphs(
    seed_articles: dict[str, ParsedArticle],
) -> None:
    body = {name: article.paragraphs for name, article in seed_articles.items()}
    assert "Các đại biểu tại điểm cầu Hà Tĩnh" in body["001_fa2f9473defad6fb.txt"]
    assert (
        "Đồng chí Khổng Minh Thảo – UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận phát biểu tại hội nghị"
        in body["000_88c5966f3c4db579.txt"]
    )
    assert (
        "Đồng chí Nguyễn Thăng Long – Phó Bí thư thường trực Thị ủy phát biểu tại buổi khai mạc"
        in body["002_d3363b7bc7feaf0a.txt"]
    )


def test_seed_warnings(seed_articles: dict[str, ParsedArticle]) -> None:
    for name in ["000_88c5966f3c4db579.txt", "001_fa2f9473defad6fb.txt"]:
        assert seed_articles[name].warnings == []
    for name in ["003_5621c2ad9d356a86.txt", "004_67f8e3bdeb2e1e4a.txt"]:
        assert seed_articles[name].warnings == []
    warnings = " ".join(seed_articles["002_d3363b7bc7feaf0a.txt"].warnings)
    assert "no publish date" in warnings
    assert "headline" in warnings


def test_seed_header_crawl_date_is_not_the_publish_date(
    seed_articles: dict[str, ParsedArticle],
) -> None:
    article = seed_articles["003_5621c2ad9d356a86.txt"]
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2019-08-30"


# --------------------------------------------------------------------------------------------
# Synthetic pages
# --------------------------------------------------------------------------------------------

TITLE = "Ủy ban MTTQ phường tổ chức hội nghị đối thoại với Ban công tác Mặt trận"
BODY_1 = (
    "Sáng ngày 22/7/2019, Ban Thường trực Ủy ban MTTQ Việt Nam phường tổ chức hội nghị "
    "đối thoại với các Ban công tác Mặt trận ở khu dân cư."
)
CAPTION = "Toàn cảnh hội nghị"
BODY_2 = (
    "Hôm nay, các đại biểu đã trao đổi nhiều ý kiến về việc thực hiện Quyết định 217-QĐ/TW "
    "ngày 12 tháng 12 năm 2013 của Bộ Chính trị./."
)
CHROME = [
    "Chia sẻ",
    "In bài viết",
    "Bình luận (0)",
    "Mã xác thực",
    "Gửi",
    "Tin liên quan",
    "Hội nghị tập huấn nghiệp vụ năm 2018 (20/06/2018)",
    "Thống kê truy cập",
    "Đang online: 12",
    "Hôm nay: 345",
    "Tổng truy cập: 1.234.567",
]


def page(*header: str, byline: str | None = "Minh Anh", chrome: bool = True) -> str:
    lines = [*header, BODY_1, CAPTION, BODY_2]
    if byline is not None:
        lines.append(byline)
    if chrome:
        lines.extend(CHROME)
    return "\n".join(lines) + "\n"


def vn(*args: int) -> datetime:
    return datetime.fromisoformat(
        "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}+07:00".format(*args, *[0] * (6 - len(args)))
    )


def assert_clean_article(article: ParsedArticle) -> None:
    assert article.title == TITLE
    assert article.paragraphs == [BODY_1, CAPTION, BODY_2]


@pytest.mark.parametrize(
    ("date_line", "expected"),
    [
        ("23/07/2019 - 03:27 PM", vn(2019, 7, 23, 15, 27)),
        ("23/07/2019 - 15:27", vn(2019, 7, 23, 15, 27)),
        ("15:27 23/07/2019", vn(2019, 7, 23, 15, 27)),
        ("03:27 PM, 23/07/2019", vn(2019, 7, 23, 15, 27)),
        ("Thứ năm, 23/07/2019 - 15:27", vn(2019, 7, 23, 15, 27)),
        ("Chủ nhật, 21/07/2019", vn(2019, 7, 21)),
        ("Ngày đăng: 23/07/2019 15:27", vn(2019, 7, 23, 15, 27)),
        ("Cập nhật lúc 15:27 ngày 23/07/2019", vn(2019, 7, 23, 15, 27)),
        ("23/07/2019 15:27:45", vn(2019, 7, 23, 15, 27, 45)),
        ("23/07/2019", vn(2019, 7, 23)),
        ("Thứ Ba, 23/7/2019 | 9:05 SA (GMT+7)", vn(2019, 7, 23, 9, 5)),
        ("Đăng lúc 15h27 ngày 23 tháng 7 năm 2019", vn(2019, 7, 23, 15, 27)),
    ],
)
def test_synthetic_date_lines(date_line: str, expected: datetime) -> None:
    article = parse_text(page(TITLE, date_line), file="x.txt")
    assert article.published_at == expected
    assert article.published_at.isoformat().endswith("+07:00")
    assert str(article.published_at.tzinfo) == "Asia/Ho_Chi_Minh"
    assert_clean_article(article)
    assert article.byline == "Minh Anh"
    assert article.warnings == []


def test_synthetic_json_dict() -> None:
    article = parse_text(page(TITLE, "23/07/2019 - 03:27 PM", "Lượt xem: 120"), file="a.txt")
    assert article.as_json_dict() == {
        "file": "a.txt",
        "title": TITLE,
        "published_at": "2019-07-23T15:27:00+07:00",
        "view_count": 120,
        "byline": "Minh Anh",
        "paragraphs": [BODY_1, CAPTION, BODY_2],
        "warnings": [],
    }


def test_nfd_input_is_normalised_to_nfc() -> None:
    text = unicodedata.normalize("NFD", page(TITLE, "Thứ năm, 23/07/2019 - 03:27 CH"))
    assert not unicodedata.is_normalized("NFC", text)
    article = parse_text(text)
    assert_clean_article(article)
    assert article.published_at == vn(2019, 7, 23, 15, 27)


def test_bom_crlf_nfd_file(tmp_path: Path) -> None:
    text = unicodedata.normalize("NFD", page(TITLE, "23/07/2019 - 03:27 PM")).replace("\n", "\r\n")
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    article = parse_file(path)
    assert article.file == str(path)
    assert_clean_article(article)
    assert article.published_at == vn(2019, 7, 23, 15, 27)
    texts = [article.title, *article.paragraphs]
    assert not any("\r" in text or "\ufeff" in text for text in texts)


def test_decode_text_normalises() -> None:
    raw = b"\xef\xbb\xbf" + unicodedata.normalize("NFD", "Mặt trận\r\nTổ quốc\rViệt Nam").encode()
    assert decode_text(raw) == "Mặt trận\nTổ quốc\nViệt Nam"


def test_header_crawl_date_before_title_is_ignored() -> None:
    text = page("Thứ năm, 09/05/2024", "", TITLE, "", "Thứ sáu, 30/08/2019 Đã xem: 8")
    article = parse_text(text)
    assert_clean_article(article)
    assert article.published_at == vn(2019, 8, 30)
    assert article.view_count == 8


def test_header_crawl_date_alone_gives_no_publish_date() -> None:
    article = parse_text(page("Thứ năm, 09/05/2024", TITLE))
    assert_clean_article(article)
    assert article.published_at is None
    assert any("crawl date" in warning for warning in article.warnings)


def test_menu_and_breadcrumbs_before_title() -> None:
    article = parse_text(
        page(
            "Trang chủ",
            "Giới thiệu",
            "Tin tức - Sự kiện",
            "Liên hệ",
            "Trang chủ > Tin tức > Hoạt động Mặt trận",
            "Thứ hai, 09/05/2024 10:00",
            "Hoạt động cơ sở",
            TITLE,
            "Ngày đăng: 23/07/2019 | Tác giả: Minh Anh | Lượt xem: 1.234",
            "Chia sẻ | In bài viết",
            byline=None,
        )
    )
    assert_clean_article(article)
    assert article.published_at == vn(2019, 7, 23)
    assert article.view_count == 1234
    assert article.byline == "Tác giả: Minh Anh"


@pytest.mark.parametrize(
    ("view_line", "expected"),
    [("Lượt xem: 120", 120), ("Đã xem: 8", 8), ("Số lượt xem: 1.024", 1024), ("(75 lượt xem)", 75)],
)
def test_view_counts(view_line: str, expected: int) -> None:
    article = parse_text(page(TITLE, "23/07/2019 - 15:27 " + view_line))
    assert article.view_count == expected
    assert_clean_article(article)


def test_view_count_below_the_article() -> None:
    text = "\n".join([TITLE, "23/07/2019", BODY_1, BODY_2, "Chia sẻ", "Lượt xem: 42", "Tin khác"])
    article = parse_text(text)
    assert article.view_count == 42
    assert article.paragraphs == [BODY_1, BODY_2]


def test_no_view_count_from_visitor_counters() -> None:
    article = parse_text(page(TITLE, "23/07/2019"))
    assert article.view_count is None


@pytest.mark.parametrize(
    "byline",
    [
        "Nguồn: Báo Hà Tĩnh",
        "Tin, ảnh: Minh Anh",
        "Theo baohatinh.vn",
        "Dương Thị Phương – Thanh Bình",
        "Ủy ban MTTQ quận Thanh Xuân",
        "P.V",
    ],
)
def test_trailing_bylines(byline: str) -> None:
    article = parse_text(page(TITLE, "23/07/2019", byline=byline))
    assert article.byline == byline
    assert_clean_article(article)


def test_glued_comment_heading_is_split_from_byline() -> None:
    text = "\n".join([TITLE, "15:46 17/01/2020", BODY_1, BODY_2, "Đ.TÝ kiến bạn đọc"])
    article = parse_text(text)
    assert article.byline == "Đ.T"
    assert article.paragraphs == [BODY_1, BODY_2]


def test_no_byline_when_body_ends_with_a_caption() -> None:
    article = parse_text(page(TITLE, "23/07/2019", byline="Các đại biểu tham dự hội nghị"))
    assert article.byline is None
    assert article.paragraphs[-1] == "Các đại biểu tham dự hội nghị"


def test_body_dates_are_not_publish_dates() -> None:
    article = parse_text(page(TITLE))
    assert article.published_at is None
    assert "no publish date found" in article.warnings
    assert_clean_article(article)


def test_chrome_before_body_is_skipped() -> None:
    article = parse_text(page(TITLE, "23/07/2019 - 15:27", "Chia sẻ", "In bài viết", "A- A A+"))
    assert_clean_article(article)


# --------------------------------------------------------------------------------------------
# Unreadable input
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        (b" \r\n\t\r\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (b"Vi\xe9t Nam \xff\xfe", "UTF-8"),
        ("Việt Nam".encode("utf-16"), "UTF-16"),
    ],
)
def test_decode_text_rejects(data: bytes, reason: str) -> None:
    with pytest.raises(LegacyImportError, match=reason):
        decode_text(data)
    assert issubclass(LegacyImportError, ValueError)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (bytes(range(256)) * 4, "binary"),
        ("Hà Nội, tháng 7".encode("cp1258", errors="replace"), "not valid UTF-8"),
    ],
)
def test_parse_file_unreadable_content(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    article = parse_file(path)
    assert article.file == str(path)
    assert article.title == ""
    assert article.paragraphs == []
    assert article.published_at is None
    assert len(article.warnings) == 1
    assert reason in article.warnings[0]
    assert article.as_json_dict()["warnings"] == article.warnings


def test_parse_file_missing(tmp_path: Path) -> None:
    article = parse_file(tmp_path / "missing.txt")
    assert article.title == ""
    assert article.paragraphs == []
    assert article.warnings == ["cannot read file: file not found"]


def test_parse_file_directory(tmp_path: Path) -> None:
    article = parse_file(tmp_path)
    assert article.paragraphs == []
    assert "directory" in article.warnings[0]


def test_parse_text_empty_and_chrome_only() -> None:
    assert parse_text("").warnings == ["file is empty (no text content)"]
    article = parse_text("Chia sẻ\nBình luận\nThống kê truy cập\nHôm nay: 12\n")
    assert article.title == ""
    assert article.paragraphs == []
    assert "no title found" in article.warnings


# --------------------------------------------------------------------------------------------
# parse_datetime_vi
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23/07/2019 - 03:27 PM", vn(2019, 7, 23, 15, 27)),
        ("15:46 17/01/2020", vn(2020, 1, 17, 15, 46)),
        ("Thứ sáu, 30/08/2019 Đã xem: 8", vn(2019, 8, 30)),
        ("23-07-2019 15:27", vn(2019, 7, 23, 15, 27)),
        ("23.07.2019, 15:27:09", vn(2019, 7, 23, 15, 27, 9)),
        ("3/7/2019", vn(2019, 7, 3)),
        ("23/07/19 08:05", vn(2019, 7, 23, 8, 5)),
        ("ngày 23 tháng 7 năm 2019", vn(2019, 7, 23)),
        ("15 giờ 27 phút, ngày 23 tháng 07 năm 2019", vn(2019, 7, 23, 15, 27)),
        ("2019-07-23", vn(2019, 7, 23)),
        ("2019-07-23 15:27:00", vn(2019, 7, 23, 15, 27)),
        ("2019-07-23T08:27:00Z", vn(2019, 7, 23, 15, 27)),
        ("12:05 AM 23/07/2019", vn(2019, 7, 23, 0, 5)),
        ("12:30 PM | 23/07/2019", vn(2019, 7, 23, 12, 30)),
        ("Chủ nhật, 21/07/2019 - 9:05 SA", vn(2019, 7, 21, 9, 5)),
        ("8 giờ tối ngày 23/07/2019", vn(2019, 7, 23, 20, 0)),
        ("Cập nhật: 15h27 - 23/07/2019 (GMT+7)", vn(2019, 7, 23, 15, 27)),
        ("July 23, 2019 3:27 pm", vn(2019, 7, 23, 15, 27)),
        (unicodedata.normalize("NFD", "Thứ năm, 23/07/2019 - 03:27 CH"), vn(2019, 7, 23, 15, 27)),
    ],
)
def test_parse_datetime_vi(text: str, expected: datetime) -> None:
    value = parse_datetime_vi(text)
    assert value == expected
    assert value is not None and value.isoformat().endswith("+07:00")


@pytest.mark.parametrize(
    "text", ["", "Sáng ngày 13/9,", "15:27", "2019-2024", "Thống kê: 2.728.553", "31/02/2019"]
)
def test_parse_datetime_vi_no_date(text: str) -> None:
    assert parse_datetime_vi(text) is None


def test_module_imports_without_django() -> None:
    source = (REPO_ROOT / "news" / "legacy_import.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(?:from|import)\s+django", source, re.MULTILINE)
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    code = "import news.legacy_import as m; print(m.parse_datetime_vi('23/07/2019').isoformat())"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "2019-07-23T00:00:00+07:00"
