"""In a real browser with the real CKEditor: a ward contributor's captioned photo survives a district
editor's review and reaches readers as one figure with its caption.

Screenshots of the editor and of the public article, at 1366 and 360 px wide, are written to
test-artifacts/richtext/ for a person to look at.
"""

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from frontcms.richtext import sanitize_html
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory, StaffAssignmentFactory, WardFactory
from tests.frontcms.test_richtext_roundtrip import CKEDITOR_OUTPUT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Mat-khau-thu-123"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "richtext"
CAPTION = "Đại biểu dự hội nghị đối thoại tại phường Khương Đình"
ALT = "Hội trường Ủy ban MTTQ phường Khương Đình, đại biểu ngồi kín các dãy ghế"
EDITOR_READY = (
    "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
)
PLACEHOLDERS = ("Nhãn", "Nhập chú thích ảnh", "Caption")


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "doi-thoai.jpg"
    buffer = io.BytesIO()
    image = Image.new("RGB", (1200, 675), (28, 86, 150))
    image.paste((200, 40, 40), (0, 560, 1200, 675))  # a band at the bottom: the caption goes below it
    image.save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def stored_photos(settings):
    """The photos the stored shapes below point at, so that no request fails."""
    for name in ("a.jpg", "uploads/anh-co-san.jpg"):
        path = Path(settings.MEDIA_ROOT) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (800, 450), (28, 86, 150)).save(path, format="JPEG")


def log_in(page, username, next_url):
    page.goto(f"/quan-tri/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit], button[type=submit]").first.click()
    page.wait_for_url(f"**{next_url}")
    page.wait_for_function(EDITOR_READY)


def editor_frame(page):
    return page.frame_locator("iframe.cke_wysiwyg_frame")


def focus_caption(page, caption):
    """Click into a photo's caption and wait until it has the focus: a click that lands while the
    editor is still settling after the dialog leaves the focus on the body, and Control+A would
    then select the whole article."""
    for _attempt in range(3):
        caption.click()
        try:
            editor_frame(page).locator("figcaption:focus").wait_for(timeout=2000)
            return
        except PlaywrightTimeoutError:
            continue
    raise AssertionError("the caption never took the focus")


def open_image_dialog(page):
    page.click("a.cke_button__image")
    dialog = page.locator(".cke_dialog:visible")
    dialog.wait_for()
    return dialog


def screenshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def stored_body(title):
    return Article.objects.get(title=title).body


def test_captioned_photo_survives_review_and_readers_see_one_figure(
    browser_page, contributor_user, editor_user, photo
):
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    ward = WardFactory(name="Ủy ban MTTQ Việt Nam phường Khương Đình")
    StaffAssignmentFactory(user=contributor_user, organization=ward)
    category = CategoryFactory(name="Tin phường")
    title = "Hội nghị đối thoại giữa người đứng đầu cấp ủy với nhân dân phường Khương Đình"

    # A ward contributor writes the article and puts in a photo with a caption through the editor.
    log_in(page, contributor_user.username, "/quan-tri/news/article/add/")
    page.fill("#id_title", title)
    page.fill("#id_summary", "Hơn 200 đại biểu dự hội nghị, nêu 14 ý kiến về trật tự đô thị và môi trường.")
    editor_frame(page).locator("body").click()
    page.keyboard.type("Sáng 20/5, Ủy ban MTTQ phường phối hợp tổ chức hội nghị đối thoại.")
    page.keyboard.press("Enter")

    dialog = open_image_dialog(page)
    labels = dialog.locator("label").all_inner_texts()
    assert "Mô tả ảnh (cho người khiếm thị)" in labels and "Ảnh có chú thích" in labels
    assert "Chú thích ảnh" not in labels  # the alt field no longer pretends to be the caption
    dialog.locator(".cke_dialog_tab", has_text="Tải lên").click()
    dialog.frame_locator("iframe.cke_dialog_ui_input_file").locator("input[type=file]").set_input_files(
        str(photo)
    )
    dialog.locator("a.cke_dialog_ui_fileButton").click()
    url_field = dialog.get_by_label("URL")
    url_field.wait_for()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.cke_dialog input.cke_dialog_ui_input_text')]"
        ".some(i => i.value.startsWith('/media/uploads/'))"
    )
    dialog.get_by_label("Mô tả ảnh (cho người khiếm thị)").fill(ALT)
    dialog.get_by_label("Ảnh có chú thích").check()
    screenshot(page, "image-dialog-1366")
    dialog.locator(".cke_dialog_ui_button_ok").click()
    caption = editor_frame(page).locator("figcaption")
    assert caption.inner_text() == "Nhập chú thích ảnh"  # a prompt in the editor, never stored
    focus_caption(page, caption)
    page.keyboard.press("Control+A")  # inside the caption: its text only
    page.keyboard.type(CAPTION)
    editor_frame(page).locator("body > p").last.click()
    page.keyboard.type("Hội nghị đã nghe và trả lời trực tiếp 10 ý kiến.")
    screenshot(page, "editor-contributor-1366")
    page.set_viewport_size({"width": 360, "height": 800})
    screenshot(page, "editor-contributor-360")
    page.set_viewport_size({"width": 1366, "height": 900})

    page.select_option("#id_category", str(category.pk))
    page.locator("#id_organization").locator("xpath=..").locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("Khương Đình")
    page.locator(".select2-results__option", has_text="Khương Đình").click()
    page.get_by_role("button", name="Gửi duyệt").click()
    page.wait_for_url("**/quan-tri/news/article/")

    body = stored_body(title)
    assert body.count("<figure") == 1 and body.count("<img") == 1
    figure = re.search(
        r'<figure class="figure"><img ([^>]*)>\n<figcaption>(.*?)</figcaption>\n</figure>', body
    )
    assert figure is not None, body
    assert figure[2] == CAPTION
    assert f'alt="{ALT}"' in figure[1] and 'src="/media/uploads/' in figure[1]
    assert not any(placeholder in body for placeholder in PLACEHOLDERS)

    # A district editor opens it and saves without touching the text: nothing changes.
    page.context.clear_cookies()
    article = Article.objects.get(title=title)
    change_url = f"/quan-tri/news/article/{article.pk}/change/"
    log_in(page, editor_user.username, change_url)
    assert editor_frame(page).locator("figure figcaption").inner_text() == CAPTION
    editor_frame(page).locator("figure figcaption").scroll_into_view_if_needed()
    screenshot(page, "editor-review-1366")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_url(f"**{change_url}")
    assert stored_body(title) == body
    page.wait_for_function(EDITOR_READY)
    page.get_by_role("button", name="Duyệt và đăng").click()
    page.wait_for_url("**/quan-tri/news/article/")
    article.refresh_from_db()
    assert article.is_published and article.body == body

    # A reader sees one figure: the photo, its caption under it, centred in the text.
    page.context.clear_cookies()
    for width, height in ((1366, 900), (360, 800)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(article.get_absolute_url())
        text = page.locator(".news-article__body")
        assert text.locator("figure").count() == 1
        figure = text.locator("figure")
        assert figure.locator("figcaption").inner_text() == CAPTION
        assert not any(placeholder in page.locator("main").inner_text() for placeholder in PLACEHOLDERS)
        image = figure.locator("img")
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        assert image.get_attribute("alt") == ALT
        photo_box, caption_box = image.bounding_box(), figure.locator("figcaption").bounding_box()
        text_box = text.bounding_box()
        assert caption_box["y"] >= photo_box["y"] + photo_box["height"]  # under the photo
        assert abs((photo_box["x"] + photo_box["width"] / 2) - (text_box["x"] + text_box["width"] / 2)) < 2
        assert photo_box["width"] <= text_box["width"] + 0.5
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        figure.scroll_into_view_if_needed()
        screenshot(page, f"public-article-{width}")


ROUND_TRIP = """html => new Promise(done => {
    const editor = CKEDITOR.instances.id_body
    editor.setData(html, {callback: () => done({
        data: editor.getData(),
        photos: Object.values(editor.widgets.instances).filter(w => w.name === "image")
            .map(w => ({caption: w.data.hasCaption, align: w.data.align})),
    })})
})"""


def test_editor_reads_every_stored_shape_back_unchanged(browser_page, editor_user, stored_photos):
    """CKEditor loaded with what the server stored gives back HTML the server stores unchanged:
    captioned and aligned photos are image2 widgets again, tables and lists keep their structure."""
    page = browser_page
    log_in(page, editor_user.username, "/quan-tri/news/article/add/")
    aligns = {}
    for name, written in CKEDITOR_OUTPUT.items():
        stored = sanitize_html(written)
        result = page.evaluate(ROUND_TRIP, stored)
        assert sanitize_html(result["data"]) == stored, name
        assert len(result["photos"]) == stored.count("<img"), name  # every photo is a widget again
        assert sum(photo["caption"] for photo in result["photos"]) == stored.count("<figcaption>"), name
        if result["photos"]:
            aligns[name] = result["photos"][0]["align"]
    assert aligns == {
        "captioned": "none",
        "captioned, left": "left",
        "captioned, right": "right",
        "captioned, centred": "center",
        "plain": "none",
        "plain, left": "left",
        "plain, right": "right",
        "plain, centred": "center",
    }

    # Older content (the legacy importer's bare figure): CKEditor now recognises it, and after one
    # save in the editor (which lays the markup out its own way) it stays exactly the same.
    stored = sanitize_html(
        '<figure><img src="/media/a.jpg" alt="Ảnh"><figcaption>Chú thích</figcaption></figure>'
    )
    result = page.evaluate(ROUND_TRIP, stored)
    assert result["photos"] == [{"caption": True, "align": "none"}]
    saved = sanitize_html(result["data"])
    assert (
        saved
        == '<figure class="figure"><img alt="Ảnh" src="/media/a.jpg">\n<figcaption>Chú thích</figcaption>\n</figure>'
    )
    assert sanitize_html(page.evaluate(ROUND_TRIP, saved)["data"]) == saved


def test_caption_left_as_the_placeholder_is_not_stored(browser_page, editor_user, stored_photos):
    page = browser_page
    title = "Ảnh chưa có chú thích"
    log_in(page, editor_user.username, "/quan-tri/news/article/add/")
    page.fill("#id_title", title)
    page.fill("#id_summary", "Tóm tắt.")
    editor_frame(page).locator("body").click()
    dialog = open_image_dialog(page)
    src = "/media/uploads/anh-co-san.jpg"
    dialog.get_by_label("URL").fill(src)
    dialog.get_by_label("Mô tả ảnh (cho người khiếm thị)").fill("Ảnh có sẵn")
    dialog.get_by_label("Ảnh có chú thích").check()
    dialog.locator(".cke_dialog_ui_button_ok").click()
    assert editor_frame(page).locator("figcaption").inner_text() == "Nhập chú thích ảnh"
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_url("**/quan-tri/news/article/*/change/")
    body = stored_body(title)
    assert "<figure" not in body and "<figcaption" not in body
    assert not any(placeholder in body for placeholder in PLACEHOLDERS)
    assert f'src="{src}"' in body


def test_aligned_photos_sit_beside_the_text_and_stack_on_a_phone(browser_page, stored_photos):
    text = "<p>" + "Ủy ban MTTQ phường tổ chức lấy ý kiến nhân dân về dự thảo quy chế. " * 6 + "</p>"
    shapes = ("captioned, left", "captioned, right", "captioned, centred", "plain, right", "plain, centred")
    article = ArticleFactory(
        title="Ảnh canh trái, canh phải, canh giữa", body="".join(CKEDITOR_OUTPUT[s] + text for s in shapes)
    )
    page = browser_page
    for width, height in ((1366, 900), (360, 800)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(article.get_absolute_url())
        body = page.locator(".news-article__body")
        box = body.bounding_box()
        centre = box["x"] + box["width"] / 2
        left = body.locator("figure.image-align-left").bounding_box()
        right = body.locator("figure.image-align-right").bounding_box()
        centred = body.locator(".image-align-center figure").bounding_box()
        plain_right = body.locator("img.image-align-right").bounding_box()
        assert abs(centred["x"] + centred["width"] / 2 - centre) < 2
        if width > 600:
            # Beside the text: at most half its width, on their own side.
            assert left["x"] == pytest.approx(box["x"], abs=1) and left["width"] <= box["width"] / 2 + 1
            assert right["x"] + right["width"] == pytest.approx(box["x"] + box["width"], abs=1)
            assert plain_right["x"] + plain_right["width"] == pytest.approx(box["x"] + box["width"], abs=1)
            assert plain_right["width"] <= box["width"] / 2 + 1
        else:
            # On a phone every photo takes the whole width, one under the other.
            for photo in (left, right, plain_right):
                assert photo["width"] == pytest.approx(box["width"], abs=1)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(page, f"public-aligned-{width}")
