"""news.legacy_site on saved sites written for these tests (tests/news/sites/<family>/<host>/…):
Joomla, DotNetNuke/ASP.NET, WordPress, a hand-made table site in windows-1258 and a vendor
portal like the seeds, plus a page saved on its own. The expected values are in
sites/expected.json (also read by bench/import_site_libraries.py).

Plain pytest functions; no Django settings are needed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from news.legacy_site import (
    FailedPage,
    SiteArticle,
    SitePage,
    SkippedPage,
    decode_html,
    discover,
    read_page,
    read_site,
)
from news.legacy_site import old_address as wget_address

SITES = Path(__file__).resolve().parent / "sites"
EXPECTED = json.loads((SITES / "expected.json").read_text(encoding="utf-8"))
SINGLE = SITES / "single" / "trao-giai-hoi-thi.html"
REPO_ROOT = Path(__file__).resolve().parents[2]


def family_results(family: str) -> dict[str, SiteArticle | SkippedPage | FailedPage]:
    target = [str(SINGLE)] if family == "single" else [str(SITES / family)]
    return {(result.url or result.file): result for _page, result in read_site(target)}


@pytest.fixture(scope="module")
def results() -> dict[str, dict]:
    return {family: family_results(family) for family in EXPECTED}


@pytest.mark.parametrize("family", sorted(EXPECTED))
def test_every_saved_page_is_classified_as_expected(family: str, results) -> None:
    got = results[family]
    assert sorted(got) == sorted(EXPECTED[family])
    for url, want in EXPECTED[family].items():
        if "skipped" in want:
            assert isinstance(got[url], SkippedPage), url
            assert got[url].reason == want["skipped"], url
        else:
            assert isinstance(got[url], SiteArticle), (url, got[url])


ARTICLES = [
    (family, url) for family, pages in EXPECTED.items() for url, want in pages.items() if "title" in want
]


@pytest.mark.parametrize(("family", "url"), ARTICLES)
def test_article_fields(family: str, url: str, results) -> None:
    article = results[family][url]
    want = EXPECTED[family][url]
    data = article.as_json_dict()
    for name in ["title", "published_at", "view_count", "byline", "category", "summary", "images"]:
        assert data[name] == want[name], name
    assert len(data["paragraphs"]) == want["paragraphs"], data["paragraphs"]
    assert data["paragraphs"][0].startswith(want["first"])
    assert data["paragraphs"][-1].startswith(want["last"])
    for text in [data["title"], *data["paragraphs"], *(i["caption"] or "" for i in data["images"])]:
        assert unicodedata.is_normalized("NFC", text)


# Page chrome of each family that must not reach an article's text.
CHROME = [
    "Trang chủ", "Thống kê truy cập", "Đang online", "Liên kết website", "Các tin khác",
    "Các tin tức khác", "Tin đã đưa", "Các bài viết khác", "Bài viết mới", "Chia sẻ", "In bài",
    "Quay lại", "Viết bởi", "Super User", "Quản trị viên", "admin", "Danh mục:", "Lượt xem",
    "Xuất bản:", "Ngày đăng", "Cập nhật", "Thứ năm, 09/05/2024", "Bản quyền", "Powered by",
    "Trả lời", "Email của bạn", "Thăm dò ý kiến", "Trực tuyến", "Giới thiệu", "Đánh giá",
    "Gửi email",
]  # fmt: skip


@pytest.mark.parametrize(("family", "url"), ARTICLES)
def test_page_chrome_is_left_out_of_the_body(family: str, url: str, results) -> None:
    article = results[family][url]
    text = re.sub(r"<[^>]+>", " ", article.body_html)
    for chrome in CHROME:
        assert chrome not in text, chrome
    assert article.title not in text or not article.title
    assert not {"Trước", "Tiếp", "Bài sau"} & set(article.paragraphs)  # previous/next links


def test_captions_become_figures_in_every_form_old_sites_used(results) -> None:
    expected_captions = {
        # Joomla: caption.js reads the title of img.caption; Joomla 1.5's div.img_caption
        "Quang cảnh hội nghị đối thoại": (
            "joomla",
            "/index.php?option=com_content&view=article&id=12&Itemid=101",
        ),
        "Các thành viên tổ tự quản nhận quyết định ra mắt": (
            "joomla",
            "/index.php/tin-tuc/hoat-dong/15-ra-mat-mo-hinh-khu-dan-cu-tu-quan.html",
        ),
        # the photo's own paragraph, then a centred italic paragraph under it
        "Đồng chí Chủ tịch Ủy ban MTTQ phường phát biểu tiếp thu ý kiến": (
            "joomla",
            "/index.php?option=com_content&view=article&id=12&Itemid=101",
        ),
        # DotNetNuke: table.image with td.image_desc; <img><br> then <p align=center><i>
        "Quang cảnh hội nghị phản biện xã hội": ("dnn", "/Default.aspx?tabid=57&ArticleID=123"),
        "Đại biểu biểu quyết thông qua báo cáo tổng kết": ("dnn", "/tabid/57/ArticleID/124/Default.aspx"),
        # WordPress: div.wp-caption / p.wp-caption-text and figure.wp-block-image / figcaption
        "Bí thư Đảng ủy phường trả lời ý kiến của cử tri": (
            "wordpress",
            "/2019/07/23/hoi-nghi-doi-thoai-voi-nhan-dan/",
        ),
        "Cử tri tổ dân phố số 5 phát biểu ý kiến": (
            "wordpress",
            "/2019/07/23/hoi-nghi-doi-thoai-voi-nhan-dan/",
        ),
        # hand-made: a two-row table; <center><img><br><font><i>
        "Toàn cảnh Hội nghị Ủy ban MTTQ Việt Nam xã lần thứ 5": (
            "handmade",
            "/tintuc/2021/hoinghi-mttq-lan5.htm",
        ),
        "Trao quà cho hộ nghèo của xã": ("handmade", "/tintuc/2021/hoinghi-mttq-lan5.htm"),
        # vendor portal: table.tplCaption with td.Image
        "Đồng chí Chủ tịch Ủy ban MTTQ Việt Nam quận phát biểu tại hội nghị.": (
            "vendor",
            "/tin-tuc/hoi-nghi-lan-thu-10-uy-ban-mttq-quan-thanh-xuan-49213.html",
        ),
        # a page saved on its own: photo and caption in one centred paragraph
        "Ban Tổ chức trao giải Nhất cho thí sinh khu dân cư số 3": (
            "single",
            "/tin-tuc/hoi-thi-truong-ban-cong-tac-mat-tran-gioi-312.html",
        ),
    }
    for caption, (family, url) in expected_captions.items():
        body = results[family][url].body_html
        figure = re.search(
            r'<figure class="figure"><img src="[^"]+" alt="[^"]*"><figcaption>(.*?)</figcaption></figure>',
            body,
        )
        assert figure, (family, url)
        assert f"<figcaption>{caption}</figcaption>" in body, caption
        assert body.count(caption) == 2  # in the figcaption and the alt text, never as a paragraph


def test_lazy_loaded_photo_is_found_by_its_real_address(results) -> None:
    article = results["wordpress"]["/2019/07/23/hoi-nghi-doi-thoai-voi-nhan-dan/"]
    image = next(i for i in article.images if i.src.endswith("cu-tri-phat-bieu.png"))
    assert image.file is not None and Path(image.file).is_file()


def test_missing_photo_is_a_warning_with_its_address(results) -> None:
    article = results["joomla"]["/index.php/tin-tuc/hoat-dong/15-ra-mat-mo-hinh-khu-dan-cu-tu-quan.html"]
    missing = [i for i in article.images if i.file is None]
    assert [i.src for i in missing] == ["/images/stories/2019/tuan-tra-dem.jpg"]
    assert "photo missing from the saved folder: /images/stories/2019/tuan-tra-dem.jpg" in article.warnings


def test_data_tables_stay_tables(results) -> None:
    body = results["dnn"]["/Default.aspx?tabid=57&ArticleID=123"].body_html
    assert "<table><tr><th>Nội dung</th><th>Số ý kiến</th></tr>" in body


def test_lines_split_by_double_line_breaks_are_paragraphs(results) -> None:
    body = results["dnn"]["/tabid/57/ArticleID/124/Default.aspx"].body_html
    assert body.startswith("<p>Sáng 9/12,")
    assert "phường.</p>\n<p>Hội nghị đánh giá" in body


def test_the_page_header_date_is_never_the_publish_date(results) -> None:
    # Every page of these sites carries "Thứ năm, 09/05/2024" (the day it was saved) in its header.
    for family in EXPECTED:
        for result in results[family].values():
            if isinstance(result, SiteArticle) and result.published_at is not None:
                assert result.published_at.date().isoformat() != "2024-05-09", result.url


def test_page_without_headline_or_date_says_so(results) -> None:
    article = results["vendor"]["/tin-tuc/tap-huan-nghiep-vu-cong-tac-mat-tran-cho-can-bo-co-so-40118.html"]
    assert article.title == "" and article.published_at is None
    assert article.paragraphs[0].startswith("Sáng ngày 13/9, Ban Thường trực")
    assert any("no headline found" in w for w in article.warnings)
    assert any("no publish date found" in w for w in article.warnings)


def test_date_from_markup_and_address_when_the_page_prints_none(results) -> None:
    wordpress = results["wordpress"]
    # Open Graph time, no date printed in the article: the time of day is kept.
    assert wordpress["/2019/07/23/hoi-nghi-doi-thoai-voi-nhan-dan/"].date_source == "markup"
    # The page printed the day only; its <time datetime> gives the time.
    assert (
        wordpress["/2020/03/05/chung-tay-phong-chong-dich/"].published_at.isoformat()
        == "2020-03-05T16:05:00+07:00"
    )
    # Yoast's JSON-LD only: read by htmldate.
    assert wordpress["/2021/09/14/hiep-thuong-lan-thu-ba/"].date_source == "htmldate"


def test_cms_account_is_not_the_byline(results) -> None:
    bylines = {r.byline for family in results.values() for r in family.values() if isinstance(r, SiteArticle)}
    assert not bylines & {"admin", "Super User", "Quản trị viên"}


def test_neighbouring_column_stays_out_of_a_table_layout_article(results) -> None:
    article = results["handmade"]["/tintuc/2021/ra-quan-ve-sinh.htm"]
    assert article.byline == "Hoàng Yến"
    assert not any("liên minh chính trị" in p for p in article.paragraphs)


# --- addresses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("saved", "address", "alternates"),
    [
        ("Default.aspx?tabid=57&ArticleID=123.html", "/Default.aspx?tabid=57&ArticleID=123", []),
        ("Default.aspx@tabid=57&ArticleID=123.html", "/Default.aspx?tabid=57&ArticleID=123", []),
        ("tabid/57/ArticleID/124/Default.aspx.html", "/tabid/57/ArticleID/124/Default.aspx", []),
        (
            "index.php?option=com_content&view=article&id=12&Itemid=101.html",
            "/index.php?option=com_content&view=article&id=12&Itemid=101",
            [],
        ),
        ("2019/07/23/hoi-nghi/index.html", "/2019/07/23/hoi-nghi/", ["/2019/07/23/hoi-nghi/index.html"]),
        ("tintuc/2021/hoinghi.htm", "/tintuc/2021/hoinghi.htm", []),
        ("tin-tuc/hoi-nghi-49213.html", "/tin-tuc/hoi-nghi-49213.html", ["/tin-tuc/hoi-nghi-49213"]),
    ],
)
def test_wget_file_names_give_back_the_old_address(saved: str, address: str, alternates: list[str]) -> None:
    assert wget_address(saved) == (address, alternates)


def test_host_folders_are_found_below_the_given_folder() -> None:
    pages, problems = discover([str(SITES)])
    assert problems == []
    assert {page.host for page in pages} == {
        "mttq-thanhbinh.example.vn",
        "mttq-quan.example.gov.vn",
        "mattranphuong.example.vn",
        "mttq-xadongson.example.vn",
        "thanhxuan.mattran.example.vn",
    }
    assert not any("sources" in page.file or page.file.endswith((".jpg", ".png", ".css")) for page in pages)
    urls = [page.sort_key for page in pages]
    assert urls == sorted(urls)


def test_a_page_given_alone_is_known_by_its_canonical_address() -> None:
    (page, result), *_ = list(read_site([str(SINGLE)]))
    assert page.url is None
    assert result.url == "/tin-tuc/hoi-thi-truong-ban-cong-tac-mat-tran-gioi-312.html"
    assert result.images[0].file is not None  # from the "…_files" folder a browser saves beside it


def test_missing_path_is_reported() -> None:
    _pages, problems = discover([str(SITES / "khong-co")])
    assert problems == [(str(SITES / "khong-co"), "not found")]


# --- encodings ------------------------------------------------------------------------------

ARTICLE_HTML = (
    "<html><head>{meta}<title>Hội nghị tổng kết năm 2020 - Mặt trận xã</title></head><body>"
    "<h1>Hội nghị tổng kết năm 2020</h1><p>Ngày đăng: 15/01/2021 09:00</p>"
    "<p>Sáng 14/1, Ủy ban MTTQ Việt Nam xã tổ chức hội nghị tổng kết công tác Mặt trận năm 2020 và triển khai nhiệm vụ năm 2021.</p>"
    "<p>Hội nghị biểu dương các tập thể, cá nhân có thành tích xuất sắc trong các cuộc vận động và phong trào thi đua.</p>"
    "<p>Thu Hà</p></body></html>"
)


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        (ARTICLE_HTML.format(meta='<meta charset="utf-8">').encode(), "utf-8"),
        (b"\xef\xbb\xbf" + unicodedata.normalize("NFD", ARTICLE_HTML.format(meta="")).encode(), "utf-8"),
        (ARTICLE_HTML.format(meta="").replace("><", ">\r\n<").encode(), "utf-8"),
        ("\ufeff".encode("utf-16-le") + ARTICLE_HTML.format(meta="").encode("utf-16-le"), "utf-16-le"),
        (
            ARTICLE_HTML.format(
                meta='<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
            ).encode(),
            "utf-8",
        ),
    ],
)
def test_pages_in_any_utf_form_read_the_same(tmp_path: Path, data: bytes, codec: str) -> None:
    text, used, _warnings = decode_html(data)
    assert used == codec
    path = tmp_path / "bai.html"
    path.write_bytes(data)
    article = read_page(SitePage(file=str(path), root=str(tmp_path)))
    assert article.title == "Hội nghị tổng kết năm 2020"
    assert article.published_at.isoformat() == "2021-01-15T09:00:00+07:00"
    assert article.byline == "Thu Hà"
    assert len(article.paragraphs) == 2
    assert "\r" not in article.body_html


def test_windows_1258_page_reads_as_vietnamese(results) -> None:
    raw = (
        SITES / "handmade" / "mttq-xadongson.example.vn" / "tintuc" / "2021" / "hoinghi-mttq-lan5.htm"
    ).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text, codec, warnings = decode_html(raw)
    assert codec == "cp1258" and warnings == []
    assert "Hội nghị Ủy ban MTTQ Việt Nam xã Đông Sơn" in text
    assert unicodedata.is_normalized("NFC", text)


def test_unknown_declared_charset_is_guessed_with_a_warning() -> None:
    data = ARTICLE_HTML.format(meta='<meta charset="x-vni-times">').encode("utf-8")
    text, codec, warnings = decode_html(data)
    assert codec == "utf-8" and "Hội nghị" in text
    assert warnings and "x-vni-times" in warnings[0]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
        (bytes(range(128, 256)) * 40, "decoded"),
    ],
)
def test_unusable_files_fail_with_the_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "hong.html"
    path.write_bytes(data)
    result = read_page(SitePage(file=str(path), root=str(tmp_path), url="/hong.html"))
    assert isinstance(result, FailedPage)
    assert reason in result.reason


def test_module_imports_without_django() -> None:
    source = (REPO_ROOT / "news" / "legacy_site.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(?:from|import)\s+django", source, re.MULTILINE)
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    code = f"import news.legacy_site as m; print(len(list(m.read_site([{str(SITES / 'vendor')!r}]))))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "7"


def test_folder_names_that_usually_mean_a_list_do_not_hide_an_article(tmp_path: Path) -> None:
    source = SITES / "vendor" / "thanhxuan.mattran.example.vn" / "tin-tuc"
    host = tmp_path / "mttq.example.vn"
    (host / "chuyen-muc" / "tin-tuc").mkdir(parents=True)
    shutil.copy(
        source / "hoi-nghi-lan-thu-10-uy-ban-mttq-quan-thanh-xuan-49213.html",
        host / "chuyen-muc" / "tin-tuc" / "tim-kiem-tai-nang-tre-77.html",
    )
    shutil.copy(
        SITES / "vendor" / "thanhxuan.mattran.example.vn" / "tin-tuc.html",
        host / "chuyen-muc" / "tin-tuc.html",
    )
    results = {result.url: result for _page, result in read_site([str(tmp_path)])}
    assert isinstance(results["/chuyen-muc/tin-tuc/tim-kiem-tai-nang-tre-77.html"], SiteArticle)
    listing = results["/chuyen-muc/tin-tuc.html"]
    assert isinstance(listing, SkippedPage) and listing.reason == "category"
