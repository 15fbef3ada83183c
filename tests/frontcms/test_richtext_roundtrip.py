"""Rich text round-trips: what CKEditor writes is stored as it is, and only image2's classes survive.

The CKEditor outputs below were taken from the real CKEditor 4.22.1 with the site's configuration
(images inserted with the image dialog, a table with the table dialog); tests/frontcms/
test_richtext_browser.py checks the same round trip through the editor itself.
"""

import json
import re
from html import unescape

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

from frontcms.richtext import (
    ALIGN_CENTER,
    ALIGN_LEFT,
    ALIGN_RIGHT,
    ALLOWED_CLASSES,
    ALLOWED_TAGS,
    CAPTIONED_CLASS,
    EDITOR_ALLOWED_CONTENT,
    UPLOAD_PLACEHOLDER_RULE,
    sanitize_html,
)

IMG = '<img alt="Đại biểu dự hội nghị" height="450" src="/media/a.jpg" width="800">'
CAPTION = "<figcaption>Quang cảnh hội nghị</figcaption>"

CKEDITOR_OUTPUT = {
    "captioned": f'<p>Trước ảnh.</p>\n\n<figure class="figure">{IMG}\n{CAPTION}\n</figure>\n\n<p>&nbsp;</p>\n',
    "captioned, left": f'<figure class="figure image-align-left">{IMG}\n{CAPTION}\n</figure>\n',
    "captioned, right": f'<figure class="figure image-align-right">{IMG}\n{CAPTION}\n</figure>\n',
    "captioned, centred": (
        f'<p>Trước ảnh.</p>\n\n<div class="image-align-center">\n<figure class="figure">{IMG}\n'
        f"{CAPTION}\n</figure>\n</div>\n\n<p>&nbsp;</p>\n"
    ),
    "plain": f"<p>Trước ảnh.</p>\n\n<p>{IMG}</p>\n",
    "plain, left": '<p><img alt="Ảnh" class="image-align-left" height="450" src="/media/a.jpg" width="800"></p>\n',
    "plain, right": '<p><img alt="Ảnh" class="image-align-right" height="450" src="/media/a.jpg" width="800"></p>\n',
    "plain, centred": f'<p class="image-align-center">{IMG}</p>\n\n<p>&nbsp;</p>\n',
    "table": (
        "<table>\n\t<caption>Kết quả lấy ý kiến</caption>\n\t<thead>\n\t\t<tr>\n"
        '\t\t\t<th scope="col">Đơn vị</th>\n\t\t\t<th scope="col">Số ý kiến</th>\n\t\t</tr>\n\t</thead>\n'
        '\t<tbody>\n\t\t<tr>\n\t\t\t<th scope="row">Phường</th>\n\t\t\t<td>14</td>\n\t\t</tr>\n'
        '\t\t<tr>\n\t\t\t<td colspan="2">&nbsp;</td>\n\t\t</tr>\n\t</tbody>\n</table>\n'
    ),
    "lists": (
        '<ol start="3">\n\t<li>Một\n\t<ul>\n\t\t<li>Hai</li>\n\t</ul>\n\t</li>\n</ol>\n\n'
        "<ul>\n\t<li><strong>Đậm</strong>, <em>nghiêng</em>, <u>gạch dưới</u>, <s>gạch ngang</s></li>\n</ul>\n"
    ),
    "blocks": (
        "<h2>Tiêu đề</h2>\n\n<blockquote>\n<p>Trích “có ngoặc” &amp; &lt;b&gt;</p>\n</blockquote>\n\n<hr>\n"
        "<h3>Mục</h3>\n\n<h4>Tiểu mục</h4>\n"
    ),
}


@pytest.mark.parametrize("html", CKEDITOR_OUTPUT.values(), ids=CKEDITOR_OUTPUT.keys())
def test_what_ckeditor_writes_is_stored_unchanged(html):
    assert sanitize_html(html) == html.strip()


@pytest.mark.parametrize(
    "written",
    [
        '<p><a href="https://mattran.org.vn/" title="Trang Trung ương">Mặt trận</a>, '
        '<a href="mailto:vp@example.vn">thư</a>, <a href="tel:02438580000">gọi</a></p>',
        f'<figure class="figure"><a href="https://mattran.org.vn/">{IMG}</a>\n'
        "<figcaption>Quang cảnh <em>hội nghị</em></figcaption>\n</figure>",
    ],
    ids=["links", "captioned, linked"],
)
def test_links_get_rel_from_the_server_and_keep_everything_else(written):
    # The link dialog offers no rel (the editor's filter leaves it out); the server sets it, only it.
    stored = sanitize_html(written)
    assert stored == re.sub(
        r'(<a href="[^"]*"(?: title="[^"]*")?)>', r'\1 rel="noopener noreferrer">', written
    )
    assert sanitize_html(stored) == stored


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        # The importer's and older content's figure: image2 needs its class to recognise it.
        (
            '<figure><img src="/media/a.jpg" alt="Ảnh"><figcaption>Chú thích</figcaption></figure>',
            '<figure class="figure"><img src="/media/a.jpg" alt="Ảnh"><figcaption>Chú thích</figcaption></figure>',
        ),
        # Classes from anywhere else, and image2's classes where image2 does not put them, go.
        (
            '<p class="lead text-center">Sapo</p><span class="image-align-left">x</span>',
            "<p>Sapo</p><span>x</span>",
        ),
        (
            '<figure class="figure image-align-center hidden" style="display:none">'
            f'<img class="image-align-left" src="/media/a.jpg" alt="">{CAPTION}</figure>',
            f'<figure class="figure"><img src="/media/a.jpg" alt="">{CAPTION}</figure>',
        ),
        (
            '<img alt="" class="image-align-center wide" src="/media/a.jpg">',
            '<img alt="" src="/media/a.jpg">',
        ),
        ('<p class="image-align-center">Chữ, không phải ảnh</p>', "<p>Chữ, không phải ảnh</p>"),
        # A centred image2 wrapper around an image without caption is a paragraph (ENTER_P mode).
        (
            '<div class="image-align-center"><img src="/media/a.jpg" alt=""></div>',
            '<p class="image-align-center"><img src="/media/a.jpg" alt=""></p>',
        ),
        # A figure that is not one image and a caption is not image2's: CKEditor would fail on it.
        (
            '<figure class="figure"><p>Quang cảnh</p><figcaption>Chú thích</figcaption></figure>',
            "<figure><p>Quang cảnh</p><figcaption>Chú thích</figcaption></figure>",
        ),
        (
            '<figure class="figure"><img src="/media/a.jpg" alt=""><img src="/media/b.jpg" alt="">'
            "<figcaption>Hai ảnh</figcaption></figure>",
            '<figure><img src="/media/a.jpg" alt=""><img src="/media/b.jpg" alt=""><figcaption>Hai ảnh</figcaption></figure>',
        ),
        # A hot-linked picture has nothing left to show once its address is removed.
        (
            '<figure><img src="https://tracker.example/p.jpg" alt="x"><figcaption>Chú thích</figcaption></figure>',
            "<figure><figcaption>Chú thích</figcaption></figure>",
        ),
    ],
)
def test_only_image2_classes_survive_and_only_where_image2_puts_them(written, stored):
    assert sanitize_html(written) == stored
    assert sanitize_html(stored) == stored


@pytest.mark.parametrize("caption", ["Nhãn", "Nhập chú thích ảnh", "Caption", " nhãn ", "", "<br>", "&nbsp;"])
def test_placeholder_or_empty_caption_is_never_stored(caption):
    written = f'<figure class="figure"><img src="/media/a.jpg" alt="Ảnh">\n<figcaption>{caption}</figcaption>\n</figure>'
    assert sanitize_html(written) == '<p><img src="/media/a.jpg" alt="Ảnh"></p>'


def test_an_image_that_loses_its_placeholder_caption_keeps_its_alignment():
    left = f'<figure class="figure image-align-left">{IMG}<figcaption>Nhãn</figcaption></figure>'
    assert sanitize_html(left) == (
        '<p><img alt="Đại biểu dự hội nghị" height="450" src="/media/a.jpg" width="800" class="image-align-left"></p>'
    )
    centred = f'<div class="image-align-center">\n<figure class="figure">{IMG}\n<figcaption>Nhãn</figcaption>\n</figure>\n</div>'
    assert sanitize_html(centred) == f'<p class="image-align-center">{IMG}</p>'
    linked = f'<figure class="figure"><a href="https://mattran.org.vn/">{IMG}</a><figcaption></figcaption></figure>'
    assert (
        sanitize_html(linked)
        == f'<p><a href="https://mattran.org.vn/" rel="noopener noreferrer">{IMG}</a></p>'
    )


def test_a_real_caption_that_mentions_the_placeholder_is_kept():
    written = f'<figure class="figure">{IMG}<figcaption>Nhãn hàng Việt được người dân tin dùng</figcaption></figure>'
    assert sanitize_html(written) == written


def test_figures_inside_lists_and_tables_are_normalised_too():
    written = f"<ul><li><figure>{IMG}{CAPTION}</figure></li></ul><table><tr><td><figure>{IMG}<figcaption>Nhãn</figcaption></figure></td></tr></table>"
    assert sanitize_html(written) == (
        f'<ul><li><figure class="figure">{IMG}{CAPTION}</figure></li></ul>'
        f"<table><tbody><tr><td><p>{IMG}</p></td></tr></tbody></table>"
    )


def test_text_and_entities_around_images_survive_normalisation():
    written = f'<pre>a &lt; b &amp;&amp; c</pre><p title="x">“Trích” &nbsp;</p><figure>{IMG}<figcaption>A &amp; B &lt;i&gt;</figcaption></figure>'
    stored = sanitize_html(written)
    assert stored == (
        f'<pre>a &lt; b &amp;&amp; c</pre><p>“Trích” &nbsp;</p><figure class="figure">{IMG}'
        "<figcaption>A &amp; B &lt;i&gt;</figcaption></figure>"
    )
    assert sanitize_html(stored) == stored


# --- the editor accepts exactly what the server keeps --------------------------------------------
def _editor_rules() -> dict[str, str]:
    rules = EDITOR_ALLOWED_CONTENT.split("; ")
    assert UPLOAD_PLACEHOLDER_RULE in rules  # the editor's own mark on a pasted picture, below
    return {rule.split("[")[0].split("(")[0]: rule for rule in rules if rule != UPLOAD_PLACEHOLDER_RULE}


def test_the_mark_of_a_picture_being_uploaded_never_reaches_the_page():
    marked = '<p><img src="/media/uploads/a.jpg" data-cke-upload-id="1" data-widget="uploadimage"></p>'
    assert sanitize_html(marked) == '<p><img src="/media/uploads/a.jpg"></p>'


def test_editor_content_filter_lists_the_sanitisers_tags_and_classes():
    rules = _editor_rules()
    assert set(rules) == ALLOWED_TAGS
    assert rules["figure"] == "figure(figure,image-align-left,image-align-right)"
    assert rules["img"] == "img[alt,height,!src,title,width](image-align-left,image-align-right)"
    assert rules["p"] == rules["div"].replace("div", "p") == "p(image-align-center)"
    assert rules["a"] == "a[href,title]"  # no target, no rel, no class: the link dialog hides them
    assert rules["table"] == "table"  # no border, cellpadding or width: the table dialog hides them
    assert all("{" not in rule for rule in rules.values())  # no inline style anywhere
    classes = {name for names in ALLOWED_CLASSES.values() for name in names}
    assert classes == {CAPTIONED_CLASS, ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT}


@pytest.mark.django_db
def test_every_rich_text_widget_carries_the_filter_image2_classes_and_labels(admin_client):
    from news.models import Article

    config = Article._meta.get_field("body").formfield().widget.config
    assert config["allowedContent"] == EDITOR_ALLOWED_CONTENT
    assert config["image2_captionedClass"] == CAPTIONED_CLASS
    assert config["image2_alignClasses"] == [ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT]
    assert config["customConfig"].endswith("js/ckeditor-config.js")
    assert "image" in config["removePlugins"].split(",")  # image2 replaces it
    labels = config["frontcmsLang"]["image2"]
    assert str(labels["alt"]) == "Mô tả ảnh (cho người khiếm thị)"
    assert str(labels["captioned"]) == "Ảnh có chú thích"
    assert sanitize_html(
        f"<figure>{IMG}<figcaption>{labels['captionPlaceholder']}</figcaption></figure>"
    ) == (f"<p>{IMG}</p>")
    # The admin page hands it to the editor; the custom config is a static file (no inline script).
    html = admin_client.get("/quan-tri/news/article/add/").content.decode()
    rendered = json.loads(unescape(re.search(r'id="id_body"[^>]*data-config="([^"]*)"', html)[1]))
    assert rendered["allowedContent"] == EDITOR_ALLOWED_CONTENT
    assert rendered["frontcmsLang"]["image2"]["alt"] == "Mô tả ảnh (cho người khiếm thị)"
    assert rendered["customConfig"] == static("js/ckeditor-config.js") and finders.find(
        "js/ckeditor-config.js"
    )


# --- pictures given by address ------------------------------------------------------------------------
def test_a_full_address_of_this_sites_picture_is_kept_as_its_path(settings):
    settings.SITE_URL = "https://mttq-quan.example.vn"
    settings.ALLOWED_HOSTS = ["mttq-quan.example.vn", "www.mttq-quan.example.vn"]
    for url in (
        "https://mttq-quan.example.vn/media/uploads/2026/12/03/anh.jpg",
        "http://www.mttq-quan.example.vn/media/uploads/2026/12/03/anh.jpg",
    ):
        kept = sanitize_html(
            f'<figure class="figure"><img src="{url}"><figcaption>Hội nghị</figcaption></figure>'
        )
        assert 'src="/media/uploads/2026/12/03/anh.jpg"' in kept and "Hội nghị" in kept
    for foreign in (
        "https://other.example.org/media/uploads/anh.jpg",
        "https://mttq-quan.example.vn/static/anh.jpg",
        "https://mttq-quan.example.vn/media/../settings.py",
    ):
        assert "<img" not in sanitize_html(f'<p><img src="{foreign}"></p>')


@pytest.mark.django_db
def test_an_article_with_a_picture_from_another_site_is_a_form_error_not_a_silent_loss(admin_client):
    from django.urls import reverse

    from news.models import Article
    from tests.news.test_admin import form_data

    body = '<p>Ảnh:</p><figure class="figure"><img src="https://other.example.org/a.jpg"><figcaption>Lễ</figcaption></figure>'
    response = admin_client.post(reverse("admin:news_article_add"), form_data(body=body, _workflow="save"))
    assert response.status_code == 200
    error = str(response.context["adminform"].form.errors["body"])
    assert "không nằm trên cổng thông tin" in error and "other.example.org/a.jpg" in error
    assert not Article.objects.exists()
    pasted = '<p><img src="data:image/png;base64,iVBORw0KGgo="></p>'
    response = admin_client.post(reverse("admin:news_article_add"), form_data(body=pasted, _workflow="save"))
    assert "ảnh dán chưa tải lên được" in str(response.context["adminform"].form.errors["body"])
