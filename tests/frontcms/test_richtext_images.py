"""Rich-text sanitising and uploaded-image checks."""

import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from frontcms.images import reencode_image, validate_image_file
from frontcms.richtext import html_to_text, sanitize_html


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src="/media/a.jpg" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<svg onload="alert(1)"><circle/></svg>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        "<iframe src=https://evil.example></iframe>",
        '<object data="x.swf"></object>',
        "<<script>script>alert(1)<</script>/script>",
        '<a href="&#106;avascript:alert(1)">x</a>',
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<form action=/x><button>go</button></form>",
    ],
)
def test_sanitiser_removes_script_vectors(payload):
    clean = sanitize_html(payload).lower()
    for bad in (
        "<script",
        "onerror",
        "onload",
        "javascript:",
        "data:",
        "<svg",
        "style=",
        "<iframe",
        "<object",
        "<form",
    ):
        assert bad not in clean


def test_sanitiser_keeps_editorial_markup():
    html = (
        '<h2>Kết quả</h2><p><strong>Đậm</strong> <em>nghiêng</em> <a href="https://mattran.org.vn/">link</a></p>'
        '<figure><img src="/media/uploads/a.jpg" alt="Ảnh"><figcaption>Chú thích</figcaption></figure>'
        "<table><tr><th>Đơn vị</th><td>11</td></tr></table><blockquote>Trích</blockquote><ul><li>Một</li></ul>"
    )
    clean = sanitize_html(html)
    for kept in (
        "<h2>",
        "<strong>",
        "<em>",
        'href="https://mattran.org.vn/"',
        'rel="noopener noreferrer"',
        '<figure class="figure">',  # image2's class, so CKEditor reads it back as a captioned image
        "<figcaption>",
        'src="/media/uploads/a.jpg"',
        "<table>",
        "<blockquote>",
        "<li>",
    ):
        assert kept in clean
    assert sanitize_html(clean) == clean  # idempotent


def test_sanitiser_drops_images_from_other_hosts():
    assert "src" not in sanitize_html('<img src="https://tracker.example/p.gif" alt="x">')


def test_html_to_text():
    assert html_to_text("<p>Xin&nbsp;chào</p><p>bạn</p>") == "Xin chào bạn"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        (
            '<figure class="image"><img src="/media/a.jpg" alt=""><figcaption>Đại đoàn kết toàn dân tộc'
            "</figcaption></figure><p>Nhiều trưởng ban</p>",
            "Đại đoàn kết toàn dân tộc Nhiều trưởng ban",
        ),
        (
            "<ul><li>Ban Thường trực</li><li>Ban Thanh tra nhân dân</li></ul>",
            "Ban Thường trực Ban Thanh tra nhân dân",
        ),
        ("<h2>Hội nghị</h2>Tổng kết<br/>năm<BR>2024", "Hội nghị Tổng kết năm 2024"),
        ("<table><tr><td>Phường</td><td>Khương Đình</td></tr></table>", "Phường Khương Đình"),
        ("<p>Mặt <b>trận</b> Tổ quốc, H<sub>2</sub>O</p>", "Mặt trận Tổ quốc, H2O"),  # inline: no space
    ],
)
def test_html_to_text_keeps_blocks_apart(html, text):
    """Words at the end of one block never run into the next block's (search, snippets, feeds)."""
    assert html_to_text(html) == text


def _png(size=(40, 30)):
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def test_real_image_is_accepted_and_reencoded_without_trailing_payload():
    data = _png() + b"<script>alert(1)</script>"  # a polyglot: PNG with HTML appended
    upload = SimpleUploadedFile("../../etc/anh dai hoi.png", data, content_type="image/png")
    validate_image_file(upload)
    clean = reencode_image(upload, upload.name)
    content = clean.read()
    assert b"<script>" not in content
    assert "/" not in clean.name and clean.name.startswith("anh-dai-hoi-") and clean.name.endswith(".png")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("trang.jpg", b"<html><script>alert(1)</script></html>"),
        ("hinh.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("rong.png", b""),
        ("cut.png", None),
    ],
)
def test_fake_or_broken_images_are_refused(name, data):
    if data is None:
        data = _png()[:40]
    with pytest.raises(ValidationError):
        validate_image_file(SimpleUploadedFile(name, data))


def test_oversized_dimensions_are_refused(settings):
    settings.MAX_IMAGE_PIXELS = 1000
    with pytest.raises(ValidationError, match="kích thước quá lớn"):
        validate_image_file(SimpleUploadedFile("to.png", _png((100, 100))))


def test_oversized_file_is_refused(settings):
    settings.MAX_IMAGE_UPLOAD_SIZE = 100
    with pytest.raises(ValidationError, match="Ảnh quá lớn"):
        validate_image_file(SimpleUploadedFile("nang.png", _png((300, 300))))


# --- a camera's photo ----------------------------------------------------------------------------------
def _jpeg(size) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, format="JPEG", quality=60)
    return buffer.getvalue()


def test_a_48_megapixel_photo_is_taken_and_stored_at_a_screens_size(settings):
    """Phones take 8000×6000 photos: over the decoding budget whole, so decoded at a reduced scale
    (never at full size), and stored no larger than MAX_IMAGE_STORED_SIDE."""
    from PIL import Image

    from frontcms.images import reencode_image

    photo = SimpleUploadedFile("dien-thoai.jpg", _jpeg((8000, 6000)), content_type="image/jpeg")
    assert settings.MAX_IMAGE_DECODE_BYTES < 8000 * 6000 * 4
    validate_image_file(photo)
    stored = Image.open(reencode_image(photo, photo.name))
    assert stored.size == (settings.MAX_IMAGE_STORED_SIDE, settings.MAX_IMAGE_STORED_SIDE * 3 // 4)


def test_a_png_too_large_to_decode_is_still_refused(settings):
    settings.MAX_IMAGE_DECODE_BYTES = 4 * 100 * 100
    with pytest.raises(ValidationError, match="kích thước quá lớn"):
        validate_image_file(SimpleUploadedFile("to.png", _png((101, 101))))


@pytest.mark.django_db
def test_a_cover_too_large_to_open_says_so_instead_of_calling_it_broken(settings):
    """Django's own image field calls a picture over Pillow's limit "not an image or corrupted"."""
    from news.admin import ArticleAdminForm

    settings.MAX_IMAGE_DECODE_BYTES = 4 * 100 * 100
    field = ArticleAdminForm.base_fields["cover"]
    with pytest.raises(ValidationError, match="kích thước quá lớn"):
        field.clean(SimpleUploadedFile("to.png", _png((300, 300))))
