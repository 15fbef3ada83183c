"""`manage.py import_articles`: dry-run JSON, real import, idempotence, bad input."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from frontcms.publishing import Status
from news.models import Article
from tests.factories import WardFactory

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SEED_FILES = sorted(str(p) for p in SEEDS.glob("*.txt"))


def run(*args):
    out = StringIO()
    call_command("import_articles", *args, stdout=out)
    return out.getvalue()


def test_seed_files_exist():
    assert len(SEED_FILES) == 5


@pytest.mark.django_db
def test_dry_run_json_prints_one_object_per_file_in_order_and_writes_nothing():
    payload = json.loads(run("--dry-run", "--format", "json", *SEED_FILES))
    assert [entry["file"] for entry in payload] == SEED_FILES
    assert set(payload[0]) == {
        "file",
        "title",
        "published_at",
        "view_count",
        "byline",
        "paragraphs",
        "warnings",
    }
    first = payload[0]
    assert first["title"] == "Ủy ban MTTQ quận Thanh Xuân tập huấn nghiệp vụ công tác Mặt trận năm 2019"
    assert first["published_at"] == "2019-07-23T15:27:00+07:00"
    assert payload[3]["view_count"] == 8
    assert payload[3]["published_at"] == "2019-08-30T00:00:00+07:00"
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_import_creates_drafts_keeping_date_views_byline_and_is_idempotent():
    ward = WardFactory(slug="phuong-thanh-binh")
    run("--organization", "phuong-thanh-binh", *SEED_FILES)
    assert Article.objects.count() == 5
    article = Article.objects.get(title__startswith="Uỷ ban MTTQVN phường Thanh Bình")
    assert article.status == Status.DRAFT
    assert article.organization == ward
    assert article.view_count == 8
    assert article.byline == "Dương Thị Phương – Thanh Bình"
    assert article.published_at.isoformat().startswith("2019-08-29T17:00:00")  # 30/08 00:00 +07:00 in UTC
    assert article.body.startswith("<p>Thông qua đối thoại")
    assert "Thống kê truy cập" not in article.body and "Khảo sát" not in article.body
    run("--organization", "phuong-thanh-binh", *SEED_FILES)
    assert Article.objects.count() == 5


@pytest.mark.django_db
def test_publish_flag_publishes():
    run("--publish", SEED_FILES[0])
    assert Article.objects.get().status == Status.PUBLISHED


@pytest.mark.django_db
def test_bad_files_are_named_with_reason_and_others_still_import(tmp_path):
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "anh.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\xff")
    missing = tmp_path / "khong-co.txt"
    with pytest.raises(CommandError) as excinfo:
        run(str(empty), SEED_FILES[0], str(binary), str(missing))
    message = str(excinfo.value)
    assert (
        "3 trong 4 tệp" in message
        and "rong.txt" in message
        and "anh.txt" in message
        and "khong-co.txt" in message
    )
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_unknown_organization_is_refused():
    with pytest.raises(CommandError, match="Không có tổ chức"):
        run("--organization", "khong-ton-tai", SEED_FILES[0])


@pytest.mark.django_db
def test_nfd_bom_crlf_input_imports_as_nfc(tmp_path):
    import unicodedata

    text = (
        "Hội nghị đối thoại năm 2024\r\n\r\nThứ năm, 09/05/2024 - 08:30\r\nNội dung bài viết về hội nghị.\r\n"
    )
    path = tmp_path / "nfd.txt"
    path.write_bytes(b"\xef\xbb\xbf" + unicodedata.normalize("NFD", text).encode())
    run(str(path))
    article = Article.objects.get()
    assert article.title == "Hội nghị đối thoại năm 2024"
    assert unicodedata.is_normalized("NFC", article.body)


# --- item 7: no invented date or headline, --category, the summary ------------------------------

SEED_NO_HEADLINE = next(path for path in SEED_FILES if Path(path).name.startswith("002_"))
PAGES = Path(__file__).resolve().parent / "legacy_pages"


def run_with_stderr(*args):
    out, err = StringIO(), StringIO()
    call_command("import_articles", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_page_without_headline_or_date_stays_a_draft_even_with_publish():
    output = run("--publish", SEED_NO_HEADLINE)
    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert article.title.startswith("[Cần tiêu đề] Sáng ngày 13/9, Ban Thường trực")
    # The lead sentence is not lost in the title: it is still the first paragraph of the body.
    assert article.body.startswith("<p>Sáng ngày 13/9, Ban Thường trực Ủy ban MTTQ Việt Nam thị xã")
    record = article.import_record
    assert record.needs_date and record.needs_title
    assert record.placeholder_published_at == article.published_at
    assert "Cần ngày đăng: 1 bài; cần tiêu đề: 1 bài." in output
    assert "0 xuất bản, 1 bản nháp" in output


@pytest.mark.django_db
def test_with_publish_only_pages_with_a_date_and_a_headline_go_live():
    output = run("--publish", SEED_FILES[0], str(PAGES / "p17_khong_tieu_de_khong_ngay.txt"))
    assert Article.objects.get(title__startswith="Ủy ban MTTQ quận Thanh Xuân").status == Status.PUBLISHED
    assert Article.objects.get(title__startswith="[Cần tiêu đề]").status == Status.DRAFT
    assert "Tổng cộng 2 trang: đã tạo 2 bài (1 xuất bản, 1 bản nháp)" in output
    assert "Cần ngày đăng: 1 bài; cần tiêu đề: 1 bài." in output


@pytest.mark.django_db
def test_page_with_headline_but_no_date_stays_a_draft_and_is_counted(tmp_path):
    text = (PAGES / "p16_chu_thich_anh_cuoi_bai.txt").read_text(encoding="utf-8")
    path = tmp_path / "khong-ngay.txt"
    path.write_text(text.replace("09/06/2022 - 08:10\n", ""), encoding="utf-8")
    output = run("--publish", str(path))
    article = Article.objects.get()
    assert article.title == "Khai mạc lớp bồi dưỡng nghiệp vụ công tác Mặt trận năm 2022"
    assert article.status == Status.DRAFT
    assert article.import_record.needs_date and not article.import_record.needs_title
    assert "Cần ngày đăng: 1 bài; cần tiêu đề: 0 bài." in output
    assert "cảnh báo: no publish date found" in output


@pytest.mark.django_db
def test_dry_run_summary_counts_what_would_be_published_and_what_needs_a_date():
    output = run("--dry-run", "--publish", *SEED_FILES)
    assert "sẽ tạo 5 bài (4 xuất bản, 1 bản nháp)" in output
    assert "Cần ngày đăng: 1 bài; cần tiêu đề: 1 bài." in output
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_json_output_stays_pure_json_with_the_summary_on_stderr():
    out, err = run_with_stderr("--dry-run", "--format", "json", SEED_NO_HEADLINE)
    payload = json.loads(out)
    assert payload[0]["title"] == ""
    assert payload[0]["published_at"] is None
    assert payload[0]["paragraphs"][0].startswith("Sáng ngày 13/9")
    assert "Cần ngày đăng: 1 bài" in err


@pytest.mark.django_db
def test_category_option_files_articles_under_the_category():
    from tests.factories import CategoryFactory

    category = CategoryFactory(slug="hoat-dong-co-so")
    run("--category", "hoat-dong-co-so", SEED_FILES[0], SEED_FILES[1])
    assert list(Article.objects.values_list("category", flat=True)) == [category.pk, category.pk]


@pytest.mark.django_db
def test_unknown_category_is_refused_before_anything_is_written():
    with pytest.raises(CommandError, match="Không có danh mục nào có slug “khong-co”"):
        run("--category", "khong-co", SEED_FILES[0])
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_editor_fixing_the_stand_in_title_and_date_does_not_cause_a_duplicate_on_rerun():
    from datetime import datetime

    from news.legacy_import import VN_TZ
    from news.models import ImportRecord

    run(SEED_NO_HEADLINE)
    article = Article.objects.get()
    assert list(ImportRecord.objects.needs_date()) == [article.import_record]
    article.title = "Thị xã tập huấn nghiệp vụ công tác Mặt trận cho cán bộ cơ sở"
    article.published_at = datetime(2022, 9, 13, 8, 0, tzinfo=VN_TZ)
    article.save()
    assert not ImportRecord.objects.needs_date().exists()
    assert not ImportRecord.objects.needs_title().exists()
    output = run(SEED_NO_HEADLINE)
    assert Article.objects.count() == 1
    assert "đã có, bỏ qua" in output


@pytest.mark.django_db
def test_admin_lists_imported_drafts_that_still_need_a_date(admin_client):
    run(SEED_NO_HEADLINE, SEED_FILES[0])
    undated = Article.objects.get(title__startswith="[Cần tiêu đề]")
    response = admin_client.get("/quan-tri/news/article/", {"nhap": "can-ngay"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [undated]
    page = admin_client.get(f"/quan-tri/news/article/{undated.pk}/change/").content.decode()
    assert "Nhập từ trang cũ" in page
    assert "ngày đăng (thời gian xuất bản đang là lúc nhập)" in page
