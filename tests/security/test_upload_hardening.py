"""Uploads, as a hostile uploader would try them: comments and metadata never survive re-encoding,
document-library pictures and feedback attachments are re-encoded too, a small file that decodes
to a huge picture is refused before it is decoded, uploads are rate-limited per user, stored paths
name no staff user, and CKEditor's upload endpoint checks CSRF."""

from __future__ import annotations

import io
import json
import os
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image, PngImagePlugin

from frontcms.images import reencode_image, validate_image_file
from frontcms.roles import CONTRIBUTORS
from frontcms.upload_urls import upload_folder

MARKER = b"BI-MAT-21.0285N-105.8542E"  # what must never reach the disk: a GPS note, a name, a script
PASSWORD = "Mat-khau-thu-123"
UPLOAD_URL = "/ckeditor/upload/"


def _exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010E] = MARKER.decode()  # ImageDescription
    exif[0x013B] = "Nguyen Van A"  # Artist
    return exif


def jpeg_with_everything() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(
        buffer,
        format="JPEG",
        comment=MARKER + b"<script>alert(1)</script>",
        exif=_exif(),
        icc_profile=b"ICC" + MARKER,
        xmp=b"<x:xmpmeta>" + MARKER + b"</x:xmpmeta>",
    )
    return buffer.getvalue() + b"<html><script>alert(2)</script></html>"


def gif_with_comment() -> bytes:
    buffer = io.BytesIO()
    image = Image.new("P", (32, 32), 1)
    image.paste(0, (0, 0, 16, 32))  # the left half is transparent
    image.save(buffer, format="GIF", comment=MARKER, transparency=0)
    return buffer.getvalue()


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", MARKER.decode())
    info.add_itxt("XML:com.adobe.xmp", MARKER.decode())
    buffer = io.BytesIO()
    Image.new("RGBA", (40, 40), (0, 0, 0, 0)).save(
        buffer, format="PNG", pnginfo=info, icc_profile=b"ICC" + MARKER, exif=_exif()
    )
    return buffer.getvalue()


def bomb_png(mode: str = "RGBA", side: int = 6300) -> bytes:
    """About 150 KB on disk, just under the 40-megapixel cap, 160 MB once decoded."""
    buffer = io.BytesIO()
    Image.new(mode, (side, side)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


PICTURES = {
    "jpeg": ("anh.jpg", jpeg_with_everything),
    "gif": ("anh.gif", gif_with_comment),
    "png": ("anh.png", png_with_text),
}


def _stored(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def _assert_clean(data: bytes):
    assert MARKER not in data and b"<script" not in data and b"<html" not in data
    info = Image.open(io.BytesIO(data)).info
    leaked = {"comment", "exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "Comment"} & set(info)
    assert not leaked, leaked


# --- re-encoding drops comments and metadata ---------------------------------------------------------
@pytest.mark.parametrize("kind", sorted(PICTURES))
def test_reencoding_drops_comments_and_metadata(kind):
    name, make = PICTURES[kind]
    original = make()
    assert MARKER in original  # control: the marker really was in the file
    clean = reencode_image(SimpleUploadedFile(name, original), name).read()
    _assert_clean(clean)


def test_reencoding_keeps_transparency():
    original = Image.open(io.BytesIO(gif_with_comment()))
    assert "transparency" in original.info  # control
    clean = Image.open(reencode_image(SimpleUploadedFile("anh.gif", gif_with_comment()), "anh.gif"))
    assert clean.info.get("transparency") == original.info["transparency"]
    assert (
        clean.convert("RGBA").getpixel((2, 2))[3] == 0 and clean.convert("RGBA").getpixel((30, 2))[3] == 255
    )


@pytest.mark.django_db
def test_ckeditor_upload_stores_no_comment_or_metadata(admin_client, media_root):
    for name, make in PICTURES.values():
        response = admin_client.post(UPLOAD_URL, {"upload": SimpleUploadedFile(name, make())})
        assert response.status_code == 200, response.content[:200]
    stored = _stored(media_root)
    assert len(stored) >= 3
    for path in stored:
        _assert_clean(path.read_bytes())


@pytest.mark.django_db
def test_document_library_pictures_are_reencoded(media_root):
    from events.models import DocumentFile
    from tests.factories import DocumentFactory

    document = DocumentFactory()
    for name in ("so-do.jpg", "so-do.jpeg"):
        item = DocumentFile(document=document, file=SimpleUploadedFile(name, jpeg_with_everything()))
        item.full_clean()
        item.save()
        item.refresh_from_db()
        assert item.kind == "jpg" and item.file.name.endswith(".jpg")
        assert item.size == Path(item.file.path).stat().st_size
        _assert_clean(Path(item.file.path).read_bytes())
    # A PDF is stored as it came.
    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    item = DocumentFile.objects.create(document=document, file=SimpleUploadedFile("ke-hoach.pdf", pdf))
    assert Path(item.file.path).read_bytes() == pdf


def _feedback(attachment) -> dict:
    return {
        "name": "Nguyễn Văn An",
        "contact": "0912345678",
        "subject": "Ảnh hiện trường",
        "message": "Gửi kèm ảnh đoạn đường hỏng.",
        "captcha_0": "x",
        "captcha_1": "PASSED",
        "attachment": attachment,
    }


@pytest.mark.django_db
def test_feedback_pictures_are_reencoded(client, media_root):
    from frontcms.engagement.models import Feedback

    response = client.post(
        "/gop-y/", _feedback(SimpleUploadedFile("hien-truong.jpg", jpeg_with_everything()))
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    stored = Feedback.objects.get().attachment
    _assert_clean(Path(stored.path).read_bytes())


@pytest.mark.django_db
def test_feedback_with_a_wrong_captcha_decodes_no_picture(client, media_root):
    """The costly decoding runs only once the captcha and the rate limit have passed: a picture
    that would fail to decode draws no attachment error while the captcha is wrong."""
    broken = jpeg_with_everything()[:400]  # JPEG bytes, but cut short: decoding it fails
    data = {**_feedback(SimpleUploadedFile("hong.jpg", broken)), "captcha_1": "SAI"}
    form = client.post("/gop-y/", data).context["form"]
    assert form.errors.get("captcha") and not form.errors.get("attachment")
    data = _feedback(SimpleUploadedFile("hong.jpg", broken))
    form = client.post("/gop-y/", data).context["form"]
    assert "không phải là ảnh hợp lệ" in " ".join(form.errors.get("attachment", []))


# --- pictures that decode to far more than they weigh -------------------------------------------------
@pytest.mark.django_db
def test_a_small_png_that_decodes_to_160_mb_is_refused_before_decoding(admin_client, media_root):
    data = bomb_png()
    assert len(data) < 200 * 1024 and settings.MAX_IMAGE_PIXELS > 6300 * 6300
    with pytest.raises(ValidationError) as excinfo:
        validate_image_file(SimpleUploadedFile("nho.png", data))
    message = " ".join(excinfo.value.messages)
    assert "6300×6300" in message and "triệu điểm ảnh" in message
    response = admin_client.post(UPLOAD_URL, {"upload": SimpleUploadedFile("nho.png", data)})
    refused = json.loads(response.content)
    assert (
        response.status_code == 200 and refused["uploaded"] == 0 and "quá lớn" in refused["error"]["message"]
    )
    assert not _stored(media_root)


def test_a_palette_picture_of_the_same_size_fits_the_memory_budget():
    """The cap is on decoded memory: one byte a pixel fits where four do not."""
    validate_image_file(SimpleUploadedFile("bando.png", bomb_png("P")))


# --- a refusal names the limit of the picture sent, whichever check refuses it ----------------------
# Pictures whose header claims a size (their pixels are never reached): 50 million pixels is over
# every limit but opens in Pillow, so the header check refuses it; 90 million is over what Pillow
# opens at all (twice its MAX_IMAGE_PIXELS), so Image.open refuses it first.
SIZES = [(10_000, 5_000), (10_000, 9_000)]


def png_claiming(width: int, height: int, colour_type: int) -> bytes:
    """An 8-bit PNG of `colour_type` (6 RGBA, 0 grey, 3 palette) whose header claims width×height."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0))
    palette = chunk(b"PLTE", b"\0\0\0") if colour_type == 3 else b""
    pixels = chunk(b"IDAT", zlib.compress(b"\0" * 64))
    return b"\x89PNG\r\n\x1a\n" + header + palette + pixels + chunk(b"IEND", b"")


def jpeg_claiming(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16)).save(buffer, format="JPEG")
    data = bytearray(buffer.getvalue())
    struct.pack_into(">HH", data, data.index(b"\xff\xc0") + 5, height, width)  # the frame header
    return bytes(data)


def webp_claiming(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (16, 16)).save(buffer, format="WEBP", lossless=True)
    data = bytearray(buffer.getvalue())
    at = data.index(b"VP8L") + 9  # after the chunk header and the signature byte: 14 bits a side
    bits = int.from_bytes(data[at : at + 4], "little") & ~((1 << 28) - 1)
    data[at : at + 4] = (bits | (width - 1) | (height - 1) << 14).to_bytes(4, "little")
    return bytes(data)


def bmp_claiming(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (8, 8)).save(buffer, format="BMP")
    data = bytearray(buffer.getvalue())
    struct.pack_into("<ii", data, 18, width, height)
    return bytes(data)


def refusal(data: bytes) -> str:
    with pytest.raises(ValidationError) as excinfo:
        validate_image_file(SimpleUploadedFile("anh-lon", data))
    return " ".join(excinfo.value.messages)


def test_the_sizes_cover_both_checks():
    assert Image.MAX_IMAGE_PIXELS == settings.MAX_IMAGE_PIXELS
    small, large = (w * h for w, h in SIZES)
    assert small < 2 * Image.MAX_IMAGE_PIXELS < large


@pytest.mark.parametrize(
    ("make", "limit"),
    [
        pytest.param(lambda w, h: png_claiming(w, h, 6), 26, id="colour PNG: 100 MB of decoded pixels"),
        pytest.param(webp_claiming, 26, id="WebP, in colour"),
        pytest.param(lambda w, h: png_claiming(w, h, 0), 40, id="grey PNG: MAX_IMAGE_PIXELS"),
        pytest.param(lambda w, h: png_claiming(w, h, 3), 40, id="palette PNG: MAX_IMAGE_PIXELS"),
    ],
)
@pytest.mark.parametrize("size", SIZES, ids=["header check", "Pillow's check"])
def test_a_picture_too_large_is_told_the_limit_of_its_kind(make, limit, size):
    message = refusal(make(*size))
    assert f"dưới {limit} triệu điểm ảnh" in message
    assert "kích thước quá lớn" in message


def test_a_jpeg_is_told_the_most_pixels_a_jpeg_may_have():
    """A JPEG over the decoding budget is decoded smaller (a phone's 48-megapixel photo is taken),
    up to what Pillow opens at all: that is its limit, not the budget of the others."""
    message = refusal(jpeg_claiming(*SIZES[1]))
    assert "10000×9000 điểm ảnh" in message and "dưới 80 triệu điểm ảnh" in message


def test_a_huge_picture_of_another_format_is_refused_for_its_format():
    message = refusal(bmp_claiming(*SIZES[1]))
    assert "Định dạng ảnh không được hỗ trợ" in message


MEMORY_PROBE = """
import io, os, resource, sys
import django
django.setup()
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from frontcms.images import reencode_image
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    reencode_image(SimpleUploadedFile("nho.png", data), "nho.png")
    print("accepted")
except ValidationError:
    print("refused")
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


def test_refusing_the_bomb_costs_no_memory(tmp_path):
    """In a fresh process: the peak memory while refusing stays far below one decoded copy (160 MB)."""
    path = tmp_path / "nho.png"
    path.write_bytes(bomb_png())
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONPATH": str(settings.BASE_DIR)}
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    verdict, grown = result.stdout.split()[-2:]
    assert verdict == "refused" and int(grown) < 30, (verdict, grown)


# --- per-user upload limit ----------------------------------------------------------------------------
def _png(n: int) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (n, 0, 0)).save(buffer, format="PNG")
    return SimpleUploadedFile(f"anh-{n}.png", buffer.getvalue())


@pytest.mark.django_db
def test_uploads_are_rate_limited_per_user(settings, media_root, admin_user, editor_user):
    settings.UPLOAD_RATE = 3
    first, second = Client(), Client()
    first.force_login(admin_user)
    second.force_login(editor_user)
    assert [first.post(UPLOAD_URL, {"upload": _png(n)}).status_code for n in range(4)] == [200, 200, 200, 429]
    refused = json.loads(first.post(UPLOAD_URL, {"upload": _png(9)}).content)
    assert refused["uploaded"] == 0 and "tải lên quá nhiều tệp" in refused["error"]["message"]
    assert second.post(UPLOAD_URL, {"upload": _png(5)}).status_code == 200, "another user was limited"
    # Admin forms with files count towards the same limit, with a Vietnamese page.
    response = first.post(reverse("admin:news_article_add"), {"title": "x", "cover": _png(6)})
    assert response.status_code == 429 and "tải lên quá nhiều tệp" in response.content.decode()


@pytest.mark.django_db
def test_anonymous_uploads_are_limited_per_address(settings, client, media_root):
    settings.UPLOAD_RATE = 2
    for n in range(2):
        client.post("/gop-y/", {**_feedback(_png(n)), "captcha_1": "SAI"}, REMOTE_ADDR="203.0.113.70")
    response = client.post("/gop-y/", _feedback(_png(3)), REMOTE_ADDR="203.0.113.70")
    assert response.status_code == 429 and "tải lên quá nhiều tệp" in response.content.decode()
    assert client.post("/gop-y/", _feedback(_png(4)), REMOTE_ADDR="198.51.100.70").status_code == 302


# --- where uploads are stored -------------------------------------------------------------------------
@pytest.mark.django_db
def test_uploaded_paths_name_no_staff_user(media_root, django_user_model):
    user = django_user_model.objects.create_user("nguyen.thi.hoa", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=CONTRIBUTORS))
    client = Client()
    client.force_login(user)
    response = client.post(UPLOAD_URL, {"upload": _png(1)})
    url = json.loads(response.content)["url"]
    assert "nguyen" not in url and "hoa" not in url.split("/")[-1].split("-")[0]
    assert f"/{upload_folder(user)}/" in url
    assert upload_folder(user) == upload_folder(django_user_model.objects.get(pk=user.pk))  # stable
    other = django_user_model.objects.create_user("tran.van.binh", password=PASSWORD, is_staff=True)
    assert upload_folder(other) != upload_folder(user)
    stored = _stored(media_root)
    assert stored and all("nguyen" not in str(p.relative_to(media_root)) for p in stored)


# --- CSRF on CKEditor's upload ------------------------------------------------------------------------
@pytest.fixture
def staff_browser(admin_user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    return client


def _django_token(client: Client) -> str:
    """The token the admin page holds, as static/js/ckeditor-csrf.js in that page reads it."""
    page = client.get(reverse("admin:news_article_add")).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


@pytest.mark.django_db
def test_a_forged_upload_without_the_token_is_refused(staff_browser, media_root):
    response = staff_browser.post(UPLOAD_URL, {"upload": _png(1)})
    assert response.status_code == 403 and not _stored(media_root)
    # CKEditor's own double-submit pair, which a page on a sibling domain could plant, is not enough.
    staff_browser.cookies["ckCsrfToken"] = "a" * 40
    response = staff_browser.post(UPLOAD_URL, {"upload": _png(2), "ckCsrfToken": "a" * 40})
    assert response.status_code == 403 and not _stored(media_root)


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["ckCsrfToken", "csrfmiddlewaretoken", "header"])
def test_the_admin_pages_token_lets_the_upload_through(staff_browser, media_root, how):
    token = _django_token(staff_browser)
    data, extra = {"upload": _png(1)}, {}
    if how == "header":
        extra["HTTP_X_CSRFTOKEN"] = token
    else:
        data[how] = token
    response = staff_browser.post(UPLOAD_URL, data, **extra)
    assert response.status_code == 200, response.content[:300]
    assert json.loads(response.content)["uploaded"] == "1" and _stored(media_root)


def test_the_rich_text_widget_loads_the_csrf_script():
    from news.models import Article

    widget = Article._meta.get_field("body").formfield().widget
    scripts = [str(js) for js in widget.media._js]
    assert scripts.index("js/ckeditor-csrf.js") > scripts.index("ckeditor/ckeditor/ckeditor.js")
