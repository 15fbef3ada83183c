"""In a real Chromium, the real CKEditor in the admin still uploads a picture now that its upload
endpoint checks Django's CSRF token; the file lands in the user's opaque folder, re-encoded."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from frontcms.upload_urls import upload_folder
from tests.e2e.admin_forms import EDITOR_READY
from tests.frontcms.test_admin_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _photo(tmp_path: Path) -> Path:
    path = tmp_path / "Ảnh hội nghị.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (200, 40, 40)).save(buffer, format="JPEG", comment=b"ghi-chu-bi-mat")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.viewport(1366, 900)
def test_the_admins_ckeditor_uploads_through_the_csrf_check(browser_page, admin_user, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    page = browser_page
    log_in(page, admin_user, "/quan-tri/news/article/add/")
    page.locator(".cke_button__image").first.click()
    dialog = page.locator(".cke_dialog").first
    dialog.locator("a.cke_dialog_tab[id^=cke_Upload]").click()
    upload_frame = page.frame_locator("iframe.cke_dialog_ui_input_file").first
    upload_frame.locator("input[type=file]").set_input_files(str(_photo(tmp_path)))
    with page.expect_response("**/ckeditor/upload/**") as answer:
        dialog.locator("a.cke_dialog_ui_fileButton").click()
    assert answer.value.status == 200, answer.value.text()[:300]
    url_field = dialog.locator("input.cke_dialog_ui_input_text").first
    page.wait_for_function(
        "el => el.value.includes('/media/')", arg=url_field.element_handle(), timeout=10_000
    )
    url = url_field.input_value()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ckeditor-upload-1366.png"))
    assert f"/{upload_folder(admin_user)}/" in url and admin_user.username not in url
    stored = [p for p in (tmp_path / "media").rglob("*.jpg") if not p.stem.endswith("_thumb")]
    assert len(stored) == 1 and b"ghi-chu-bi-mat" not in stored[0].read_bytes()


@pytest.mark.viewport(1366, 900)
def test_a_picture_pasted_into_the_text_is_uploaded_and_kept(browser_page, admin_user, settings, tmp_path):
    """Pasted or dropped pictures (a screenshot, a photo in text copied from Word) go through the
    same endpoint as the image dialog's; they used to be posted to an address that did not exist
    and were lost on save."""
    import base64

    settings.MEDIA_ROOT = str(tmp_path / "media")
    page = browser_page
    log_in(page, admin_user, "/quan-tri/news/article/add/")
    page.wait_for_function(EDITOR_READY)
    pasted = base64.b64encode(_photo(tmp_path).read_bytes()).decode()
    with page.expect_response("**/ckeditor/upload/**") as answer:
        page.evaluate(
            "src => CKEDITOR.instances.id_body.execCommand('paste', '<p>Ảnh dán:</p><img src=\"' + src + '\">')",
            f"data:image/jpeg;base64,{pasted}",
        )
    assert answer.value.status == 200 and answer.value.json()["uploaded"] == "1", answer.value.text()[:300]
    page.wait_for_function("() => CKEDITOR.instances.id_body.getData().includes('/media/')", timeout=10_000)
    body = page.evaluate("() => CKEDITOR.instances.id_body.getData()")
    assert f"/{upload_folder(admin_user)}/" in body and "data:image" not in body
