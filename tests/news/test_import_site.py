"""`manage.py import_site`: the dry-run JSON, photos copied into media with their captions, old
addresses answering 301, idempotence, editors' changes kept, failures named, the progress bar."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from frontcms.publishing import Status
from news.models import Article, ImportRecord, LegacyPath
from tests.factories import CategoryFactory, WardFactory

SITES = Path(__file__).resolve().parent / "sites"
EXPECTED = json.loads((SITES / "expected.json").read_text(encoding="utf-8"))
FAMILIES = ["joomla", "dnn", "wordpress", "handmade", "vendor"]
SINGLE = SITES / "single" / "trao-giai-hoi-thi.html"
ALL = [str(SITES / family) for family in FAMILIES] + [str(SINGLE)]
JOOMLA_12 = "/index.php?option=com_content&view=article&id=12&Itemid=101"
JOOMLA_15 = "/index.php/tin-tuc/hoat-dong/15-ra-mat-mo-hinh-khu-dan-cu-tu-quan.html"
NO_HEADLINE = "/tin-tuc/tap-huan-nghiep-vu-cong-tac-mat-tran-cho-can-bo-co-so-40118.html"

pytestmark = pytest.mark.django_db


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(*args, stdout=None, stderr=None) -> str:
    out = stdout if stdout is not None else io.StringIO()
    call_command("import_site", *args, stdout=out, stderr=stderr if stderr is not None else io.StringIO())
    return out.getvalue()


def media_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()}


def article(url: str) -> Article:
    return LegacyPath.objects.select_related("article").get(path=url).article


# --- dry run --------------------------------------------------------------------------------


def test_dry_run_json_prints_one_object_per_article_page_in_path_order_and_writes_nothing():
    files_before = media_files()
    err = io.StringIO()
    payload = json.loads(run("--dry-run", "--format", "json", *ALL, stderr=err))
    expected_urls = sorted(
        url for family in [*FAMILIES, "single"] for url, want in EXPECTED[family].items() if "title" in want
    )
    assert [entry["url"] for entry in payload] == expected_urls
    assert list(payload[0]) == [
        "file", "title", "published_at", "view_count", "byline", "paragraphs", "warnings",
        "url", "category", "summary", "images",
    ]  # fmt: skip
    by_url = {entry["url"]: entry for entry in payload}
    entry = by_url["/tin-tuc/hoi-nghi-lan-thu-10-uy-ban-mttq-quan-thanh-xuan-49213.html"]
    assert entry["published_at"] == "2023-07-24T14:34:00+07:00"
    assert entry["category"] == "Hoạt động Mặt trận"
    assert entry["summary"].startswith("Thực hiện Quy chế hoạt động")
    assert entry["images"] == [
        {
            "src": "/Uploads/Images/2023/07/hoi-nghi-lan-10.jpg",
            "caption": "Đồng chí Chủ tịch Ủy ban MTTQ Việt Nam quận phát biểu tại hội nghị.",
        }
    ]
    assert by_url[NO_HEADLINE]["title"] == "" and by_url[NO_HEADLINE]["published_at"] is None
    assert by_url[JOOMLA_12]["summary"] is None
    assert "Bỏ qua" in err.getvalue()  # the summary goes to stderr: stdout is pure JSON
    assert not Article.objects.exists() and not LegacyPath.objects.exists()
    assert media_files() == files_before


def test_dry_run_summary_counts_skipped_pages_by_reason():
    output = run("--dry-run", *ALL)
    pages = [want for family in [*FAMILIES, "single"] for want in EXPECTED[family].values()]
    assert len(pages) == 39
    assert "Tổng cộng 39 trang: sẽ tạo 13 bài (0 xuất bản, 13 bản nháp)" in output
    assert "Bỏ qua 26 trang không phải bài viết: 2 lưu trữ, 5 danh mục, 5 trang chủ, 4 phân trang, 4 bản in, 4 tìm kiếm, 2 thẻ." in output  # fmt: skip
    assert "Cần ngày đăng: 1 bài; cần tiêu đề: 1 bài." in output
    assert f"{JOOMLA_12}: sẽ nhập: Hội nghị đối thoại" in output
    assert "/index.php?option=com_content&view=category&id=8&Itemid=102: bỏ qua (danh mục)" in output


# --- import ---------------------------------------------------------------------------------


@pytest.fixture
def imported():
    output = run("--publish", *ALL)
    return output


def test_import_creates_articles_with_their_fields(imported):
    assert Article.objects.count() == 13
    dialogue = article(JOOMLA_12)
    assert dialogue.title == "Hội nghị đối thoại giữa Ban Thường trực với các Ban công tác Mặt trận"
    assert dialogue.status == Status.PUBLISHED
    assert dialogue.published_at.isoformat() == "2019-08-30T02:15:00+00:00"
    assert dialogue.view_count == 87
    assert dialogue.byline == "Dương Thị Phương – Thanh Bình"
    vendor = article("/tin-tuc/hoi-nghi-lan-thu-10-uy-ban-mttq-quan-thanh-xuan-49213.html")
    assert vendor.summary.startswith("Thực hiện Quy chế hoạt động và chương trình công tác năm 2023")
    assert "Thực hiện Quy chế hoạt động" not in vendor.body


def test_photos_are_copied_into_media_with_captions_as_figures(imported):
    dialogue = article(JOOMLA_12)
    # The first photo became the cover, with its caption, and left the body.
    assert dialogue.cover.name.startswith("news/imported/")
    assert dialogue.cover_caption == "Quang cảnh hội nghị đối thoại"
    assert (Path(settings.MEDIA_ROOT) / dialogue.cover.name).is_file()
    assert "Quang cảnh hội nghị đối thoại" not in dialogue.body
    # The second stays in the text, pointing at its copy, captioned.
    assert (
        '<figure><img src="/media/news/imported/' in dialogue.body
        or '<figure class="figure"><img src="/media/news/imported/' in dialogue.body
    )
    assert (
        "<figcaption>Đồng chí Chủ tịch Ủy ban MTTQ phường phát biểu tiếp thu ý kiến</figcaption></figure>"
        in dialogue.body
    )
    assert "/images/stories/" not in dialogue.body
    for path in Path(settings.MEDIA_ROOT, "news", "imported").rglob("*.*"):
        from PIL import Image

        with Image.open(path) as image:  # re-encoded copies, no metadata
            assert image.format in {"JPEG", "PNG"} and not image.info.get("exif")


def test_missing_and_broken_photos_are_warnings_and_their_captions_stay(imported):
    assert "cảnh báo: photo missing from the saved folder: /images/stories/2019/tuan-tra-dem.jpg" in imported
    assert "cảnh báo: photo /Portals/0/News/2021/tong-ket-qcdc.jpg is not usable" in imported
    model = article(JOOMLA_15)
    assert "<p><em>Tổ tự quản tuần tra ban đêm</em></p>" in model.body
    assert model.cover  # the photo that was there became the cover
    report = article("/tabid/57/ArticleID/124/Default.aspx")
    assert not report.cover and "<img" not in report.body
    assert "<em>Đại biểu biểu quyết thông qua báo cáo tổng kết</em>" in report.body


def test_pages_without_a_trustworthy_date_or_headline_stay_drafts(imported):
    draft = article(NO_HEADLINE)
    assert draft.status == Status.DRAFT
    assert draft.title.startswith("[Cần tiêu đề] Sáng ngày 13/9")
    assert draft.import_record.needs_date and draft.import_record.needs_title
    assert "Cần ngày đăng: 1 bài; cần tiêu đề: 1 bài." in imported


OLD_ADDRESSES = [
    JOOMLA_12,
    "/index.php?option=com_content&view=article&id=12&Itemid=55",  # another menu item
    "/index.php/tin-tuc/hoat-dong/15-ra-mat-mo-hinh-khu-dan-cu-tu-quan",  # its canonical address
    "/Default.aspx?tabid=57&ArticleID=123",
    "/default.aspx?ArticleID=123&tabid=57",
    "/tabid/57/ArticleID/124/Default.aspx",
    "/2019/07/23/hoi-nghi-doi-thoai-voi-nhan-dan/",
    "/2021/09/14/hiep-thuong-lan-thu-ba",
    "/tintuc/2021/hoinghi-mttq-lan5.htm",
    "/tin-tuc/hoi-nghi-lan-thu-10-uy-ban-mttq-quan-thanh-xuan-49213.html",
    "/tin-tuc/hoi-thi-truong-ban-cong-tac-mat-tran-gioi-312.html",
]


def test_old_addresses_answer_301_after_import(client, imported):
    for old in OLD_ADDRESSES:
        response = client.get(old)
        assert response.status_code == 301, old
        assert client.get(response["Location"]).status_code == 200, old


def test_old_address_of_a_draft_does_not_redirect_until_it_is_published(client, imported):
    response = client.get(NO_HEADLINE, follow=True)
    assert response.status_code == 404
    draft = article(NO_HEADLINE)
    draft.status = Status.PUBLISHED
    draft.save()
    assert client.get(NO_HEADLINE)["Location"] == draft.get_absolute_url()


def test_running_again_creates_nothing_new(imported):
    articles = list(Article.objects.order_by("pk").values_list("pk", "updated_at"))
    paths, files = LegacyPath.objects.count(), media_files()
    output = run("--publish", *ALL)
    assert list(Article.objects.order_by("pk").values_list("pk", "updated_at")) == articles
    assert LegacyPath.objects.count() == paths
    assert media_files() == files
    assert "đã tạo 0 bài" in output and "Cập nhật 0 bài" in output


def test_an_article_an_editor_changed_is_left_alone_even_if_the_old_page_changed(imported, tmp_path):
    edited = article(JOOMLA_12)
    edited.title = "Đối thoại với các Ban công tác Mặt trận (đã biên tập)"
    edited.save()
    untouched = article("/tabid/57/ArticleID/124/Default.aspx")
    site = tmp_path / "joomla"
    shutil.copytree(SITES / "joomla", site)
    shutil.copytree(SITES / "dnn", tmp_path / "dnn")
    page = (
        site / "mttq-thanhbinh.example.vn" / "index.php?option=com_content&view=article&id=12&Itemid=101.html"
    )
    page.write_text(page.read_text(encoding="utf-8").replace("27 ý kiến", "28 ý kiến"), encoding="utf-8")
    report = (
        tmp_path
        / "dnn"
        / "mttq-quan.example.gov.vn"
        / "tabid"
        / "57"
        / "ArticleID"
        / "124"
        / "Default.aspx.html"
    )
    report.write_text(
        report.read_text(encoding="utf-8").replace("năm nhóm giải pháp", "sáu nhóm giải pháp"),
        encoding="utf-8",
    )
    output = run("--publish", str(site), str(tmp_path / "dnn"))
    edited.refresh_from_db()
    untouched.refresh_from_db()
    assert edited.title.endswith("(đã biên tập)") and "27 ý kiến" in edited.body
    assert "sáu nhóm giải pháp" in untouched.body
    assert f"{JOOMLA_12}: đã có, biên tập viên đã sửa nên giữ nguyên" in output
    assert "Cập nhật 1 bài; giữ nguyên 1 bài biên tập viên đã sửa." in output
    assert Article.objects.count() == 13


def test_category_is_mapped_by_name_or_reported_and_category_option_is_the_fallback():
    activity = CategoryFactory(name="Tin hoạt động")
    fallback = CategoryFactory(name="Tin từ trang cũ", slug="tin-tu-trang-cu")
    output = run("--category", "tin-tu-trang-cu", str(SITES / "joomla"))
    assert article(JOOMLA_12).category == activity
    assert article(JOOMLA_15).category == fallback  # "Hoạt động cơ sở" is not a portal category
    assert (
        "category “Hoạt động cơ sở” matches no category of the portal; filed under “Tin từ trang cũ”"
        in output
    )
    assert (
        article("/component/content/article/9-tin-tuc/20-hiep-thuong-lan-thu-nhat.html").category == fallback
    )


def test_organization_option_and_unknown_slugs():
    ward = WardFactory(slug="phuong-thanh-binh")
    run("--organization", "phuong-thanh-binh", str(SITES / "joomla"))
    assert set(Article.objects.values_list("organization", flat=True)) == {ward.pk}
    with pytest.raises(CommandError, match="Không có danh mục nào có slug “khong-co”"):
        run("--category", "khong-co", str(SITES / "joomla"))


def test_a_page_it_cannot_use_is_named_and_the_others_still_import(tmp_path):
    site = tmp_path / "mttq-phuong.example.vn"
    shutil.copytree(SITES / "vendor" / "thanhxuan.mattran.example.vn", site)
    (site / "tin-tuc" / "hong-12.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300))
    with pytest.raises(CommandError) as excinfo:
        run(str(site), str(tmp_path / "khong-co"))
    message = str(excinfo.value)
    assert "2 trang không dùng được" in message
    assert "/tin-tuc/hong-12.html: file looks binary" in message
    assert "khong-co: not found" in message
    assert Article.objects.count() == 2


def test_progress_bar_on_a_terminal_plain_lines_otherwise():
    terminal = Terminal()
    run("--dry-run", str(SITES / "dnn"), stdout=terminal)
    shown = terminal.getvalue()
    assert "\r" in shown and "█" in shown and "7/7" in shown
    # The bar is redrawn in place: only the last drawing is followed by a new line.
    assert len(re.findall(r"[█░]+ \d/7[^\r]*\n", shown)) == 1
    assert "bỏ qua (trang chủ)" not in shown  # the bar stands for the pages with nothing to say
    plain = run("--dry-run", str(SITES / "dnn"))
    assert "\r" not in plain and "█" not in plain
    assert "/Default.aspx: bỏ qua (trang chủ)" in plain


def test_import_record_remembers_the_source(imported):
    record = ImportRecord.objects.get(article=article(JOOMLA_12))
    assert record.source == JOOMLA_12
    assert record.imported_state


# --- admin ----------------------------------------------------------------------------------


def test_old_addresses_are_shown_and_editable_in_the_admin(admin_client, imported):
    dialogue = article(JOOMLA_12)
    url = f"/quan-tri/news/article/{dialogue.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Đường dẫn trên trang cũ" in html
    assert "/index.php?option=com_content&amp;view=article&amp;id=12&amp;Itemid=101" in html
    formset = page.context["inline_admin_formsets"]
    paths = next(f for f in formset if f.formset.prefix == "legacy_paths").formset
    data = _form_data(page)
    total = paths.total_form_count()
    data.update(
        {
            "legacy_paths-TOTAL_FORMS": str(total + 1),
            f"legacy_paths-{total}-path": "/tin-tuc/doi-thoai-2019.aspx?ID=9",
            f"legacy_paths-{total}-article": str(dialogue.pk),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, _errors(response)
    assert LegacyPath.objects.filter(article=dialogue, key="/tin-tuc/doi-thoai-2019.aspx?id=9").exists()
    # The same old address for another article is refused with the reason.
    other = article("/Default.aspx?tabid=57&ArticleID=123")
    other_page = admin_client.get(f"/quan-tri/news/article/{other.pk}/change/")
    data = _form_data(other_page)
    total = int(data["legacy_paths-TOTAL_FORMS"])
    data.update(
        {
            "legacy_paths-TOTAL_FORMS": str(total + 1),
            f"legacy_paths-{total}-path": "/TIN-TUC/doi-thoai-2019.aspx?id=9",
            f"legacy_paths-{total}-article": str(other.pk),
        }
    )
    response = admin_client.post(f"/quan-tri/news/article/{other.pk}/change/", data)
    assert response.status_code == 200
    assert "Đường dẫn này đã thuộc bài" in response.content.decode()


def _form_data(page) -> dict[str, str]:
    """What the browser would send back: every field of the change form as it was shown."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(page.content)
    form = tree.xpath('//form[@id="article_form"]')[0]
    data = {}
    for name, value in form.form_values():
        data.setdefault(name, value)
    return data


def _errors(response):
    if response.status_code != 200 or not response.context:
        return None
    return [f.errors for f in response.context.get("inline_admin_formsets", [])], response.context[
        "adminform"
    ].form.errors
