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
        "3 of 4" in message and "rong.txt" in message and "anh.txt" in message and "khong-co.txt" in message
    )
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_unknown_organization_is_refused():
    with pytest.raises(CommandError, match="Unknown organization"):
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
