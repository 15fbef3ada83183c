"""`import_site` given a hostile saved copy: nothing outside the folder given is read or copied into
media, and oversized or unusable input is a named warning or failure (exit code 1), never a traceback."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from news import legacy_site
from news.models import Article

pytestmark = pytest.mark.django_db

HOST = "mttq-phuong.example.vn"
SECRET_COLOUR = (1, 2, 3)
PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{title} - MTTQ phường</title></head><body><div class="menu"><a href="/">Trang chủ</a></div>
<div class="article"><h1>{title}</h1><p class="date">Thứ ba, 12/03/2024 08:30</p>
<p>Ngày 12/03/2024, Ủy ban MTTQ phường tổ chức hội nghị đối thoại giữa người đứng đầu cấp ủy,
chính quyền với nhân dân trên địa bàn.</p>
{images}
<p>Tại hội nghị, nhiều ý kiến của nhân dân đã được lãnh đạo phường tiếp thu và trả lời trực tiếp.</p>
<p>Nguyễn Văn A</p></div></body></html>"""


def run(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_site", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue() + f"\nCommandError: {exc}"
    return out.getvalue()


def page(folder: Path, name: str, images: str = "", title: str = "Hội nghị đối thoại năm 2024") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(title=title, images=images), encoding="utf-8")
    return path


def media_files() -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def secret_copied() -> bool:
    """Whether a picture of the secret's colour reached media (re-encoding keeps the colour)."""
    for path in media_files():
        with Image.open(path) as image:
            if image.convert("RGB").getpixel((0, 0)) == SECRET_COLOUR:
                return True
    return False


@pytest.fixture
def layout(tmp_path, settings):
    """tmp_path/saved/<host>/… is the folder given; tmp_path/secret holds what must stay unread."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    secret = tmp_path / "secret"
    secret.mkdir()
    Image.new("RGB", (80, 60), SECRET_COLOUR).save(secret / "outside.png")
    page(secret, "private.html", title="Biên bản mật không được đăng")
    saved = tmp_path / "saved"
    site = saved / HOST
    (site / "tin-tuc").mkdir(parents=True)
    Image.new("RGB", (80, 60), (200, 100, 50)).save(site / "tin-tuc" / "ok.jpg")
    return saved, site, secret


@pytest.mark.parametrize(
    "src",
    [
        "%2e%2e/%2e%2e/%2e%2e/secret/outside.png",  # dot segments the URL parser does not see
        "..%2f..%2f..%2fsecret%2foutside.png",
        "//../secret/outside.png",  # a "host" named ".." beside the host folder
        "//..%2f..%2fsecret/outside.png",
        "file:///{secret}/outside.png",
        "/{secret}/outside.png",
        "../../../../../../../../{secret}/outside.png",
    ],
)
def test_a_photo_address_never_reaches_outside_the_folder_given(layout, src):
    saved, site, secret = layout
    src = src.format(secret=str(secret).lstrip("/"))
    page(site, "tin-tuc/hoi-nghi-1.html", f'<p><img src="ok.jpg" alt=""></p><p><img src="{src}"></p>')
    output = run("--publish", str(saved))
    assert "Traceback" not in output
    assert Article.objects.count() == 1
    assert not secret_copied()
    assert len(media_files()) == 1  # the photo inside the folder
    assert "cảnh báo: photo " in output


@pytest.mark.parametrize(
    ("link", "target", "src"),
    [("tin-tuc/link.png", "outside.png", "/tin-tuc/link.png"), ("images", "", "/images/outside.png")],
    ids=["photo", "folder"],
)
def test_a_symlinked_photo_or_folder_pointing_outside_is_not_read(layout, link, target, src):
    saved, site, secret = layout
    os.symlink(secret / target if target else secret, site / link)
    page(site, "tin-tuc/hoi-nghi-1.html", f'<p><img src="{src}"></p>')
    output = run("--publish", str(saved))
    assert not secret_copied() and not media_files()
    assert f"photo {src} lies outside the saved folder" in output


def test_a_symlinked_page_pointing_outside_is_a_named_failure(layout):
    saved, site, secret = layout
    page(site, "tin-tuc/hoi-nghi-1.html")
    os.symlink(secret / "private.html", site / "tin-tuc" / "bien-ban.html")
    output = run("--publish", str(saved))
    assert "CommandError: 1 trang không dùng được" in output
    assert "/tin-tuc/bien-ban.html: the file lies outside the saved folder" in output
    assert not Article.objects.filter(title__contains="mật").exists()
    assert Article.objects.count() == 1


def test_a_photo_over_the_upload_size_is_a_warning_and_is_not_read_whole(layout, settings):
    saved, site, _secret = layout
    settings.MAX_IMAGE_UPLOAD_SIZE = 200_000
    big = site / "tin-tuc" / "big.jpg"
    Image.new("RGB", (80, 60), (10, 200, 10)).save(big)
    with big.open("ab") as handle:  # a valid JPEG with a sparse tail: Pillow alone would accept it
        handle.truncate(settings.MAX_IMAGE_UPLOAD_SIZE + 1)
    page(site, "tin-tuc/hoi-nghi-1.html", '<p><img src="big.jpg"></p>')
    output = run("--publish", str(saved))
    assert "cảnh báo: photo /tin-tuc/big.jpg is not usable: Ảnh quá lớn" in output
    assert not media_files()
    assert Article.objects.count() == 1


def test_a_decompression_bomb_is_a_warning(layout):
    saved, site, _secret = layout
    Image.new("1", (20_000, 20_000)).save(site / "tin-tuc" / "bomb.png")  # 400 MP in a few KB
    page(site, "tin-tuc/hoi-nghi-1.html", '<p><img src="bomb.png"></p>')
    output = run("--publish", str(saved))
    assert "cảnh báo: photo /tin-tuc/bomb.png is not usable: Ảnh có kích thước" in output
    assert not media_files()


def test_an_enormous_page_is_a_named_failure_without_being_read(layout, monkeypatch):
    saved, site, _secret = layout
    monkeypatch.setattr(legacy_site, "MAX_PAGE_BYTES", 100_000)
    page(site, "tin-tuc/hoi-nghi-1.html")
    huge = page(site, "tin-tuc/rat-dai-2.html", "<p>" + "Nội dung rất dài. " * 10_000 + "</p>")
    assert huge.stat().st_size > 100_000
    output = run("--publish", str(saved))
    assert "/tin-tuc/rat-dai-2.html: the page is larger than 0.1 MB" in output
    assert "CommandError: 1 trang không dùng được" in output
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            "Hội nghị đối thoại năm 2024.\n\nNgày 12/03/2024, Ủy ban MTTQ phường tổ chức hội nghị đối thoại"
            " với nhân dân, nhiều ý kiến được tiếp thu và trả lời trực tiếp tại hội nghị.\n".encode(),
            "not an HTML page",
        ),
        (b'{"title": "H\\u1ed9i ngh\\u1ecb", "body": "<p>Tin</p>"}', "not an HTML page"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n", "not an HTML page"),
        (bytes(range(1, 256)) * 80, "text cannot be decoded"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300), "file looks binary"),
    ],
    ids=["plain-text", "json", "pdf", "junk", "png"],
)
def test_a_file_that_is_not_an_html_page_is_a_named_failure(layout, content, reason):
    saved, site, _secret = layout
    page(site, "tin-tuc/hoi-nghi-1.html")
    (site / "tin-tuc" / "khong-phai-2.html").write_bytes(content)
    output = run("--publish", str(saved))
    assert "Traceback" not in output
    assert f"/tin-tuc/khong-phai-2.html: {reason}" in output
    assert "CommandError: 1 trang không dùng được" in output
    assert Article.objects.count() == 1
