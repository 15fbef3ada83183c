"""The news admin: workflow, optimistic locking, revisions, ward scoping, cover validation."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from frontcms.publishing import Status
from news.models import Article
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    StaffAssignmentFactory,
    WardFactory,
    make_image_file,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:news_article_add")


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def form_data(article=None, **overrides):
    """A complete change-form POST for `article` (or a new one); `_workflow` names the step button."""
    data = {
        "title": article.title if article else "Bài mới về Ngày hội Đại đoàn kết",
        "summary": article.summary if article else "Tóm tắt bài mới.",
        "body": article.body if article else "<p>Nội dung bài mới.</p>",
        "cover_caption": "",
        "category": article.category_id if article and article.category_id else "",
        "tags": "",
        "organization": article.organization_id if article and article.organization_id else "",
        "event": "",
        "byline": "",
        "allow_comments": "on",
        "slug": article.slug if article else "",
        "related_picks-TOTAL_FORMS": "0",
        "related_picks-INITIAL_FORMS": "0",
        "related_picks-MIN_NUM_FORMS": "0",
        "related_picks-MAX_NUM_FORMS": "1000",
        "legacy_paths-TOTAL_FORMS": "0",
        "legacy_paths-INITIAL_FORMS": "0",
        "legacy_paths-MIN_NUM_FORMS": "0",
        "legacy_paths-MAX_NUM_FORMS": "1000",
    }
    if article is not None:
        data["loaded_version"] = article.updated_at.isoformat()
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def errors_of(response):
    if response.status_code != 200 or not response.context:
        return None
    form = response.context.get("adminform")
    return form.form.errors if form else None


# --- editors ------------------------------------------------------------------------------------
def test_editor_creates_and_publishes_article_with_cover(editor_client):
    category = CategoryFactory()
    response = editor_client.post(
        ADD_URL,
        form_data(
            category=category.pk, _workflow="publish", tags="Bầu cử, Đối thoại", cover=make_image_file()
        ),
    )
    assert response.status_code == 302, errors_of(response)
    article = Article.objects.get()
    assert article.status == Status.PUBLISHED and article.is_published
    assert article.cover.name.startswith("news/covers/")
    assert sorted(t.slug for t in article.tags.all()) == ["bau-cu", "doi-thoai"]


def test_cover_upload_rejects_files_that_are_not_images(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("anh.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg")
    response = editor_client.post(ADD_URL, form_data(cover=fake))
    assert response.status_code == 200
    assert "cover" in errors_of(response)
    assert not Article.objects.exists()


def test_second_editor_gets_conflict_and_nothing_is_overwritten(client, editor_user, django_user_model):
    from django.contrib.auth.models import Group

    article = ArticleFactory(title="Tiêu đề ban đầu", status=Status.DRAFT)
    other = django_user_model.objects.create_user("bientap2", password="x", is_staff=True)
    other.groups.add(Group.objects.get(name="Biên tập viên"))
    first, second = client, client.__class__()
    first.force_login(editor_user)
    second.force_login(other)
    # Both open the form and get the same version.
    v1 = first.get(change_url(article)).context["adminform"].form["loaded_version"].value()
    v2 = second.get(change_url(article)).context["adminform"].form["loaded_version"].value()
    assert v1 == v2
    response = first.post(
        change_url(article), form_data(article, title="Sửa của người thứ nhất", loaded_version=v1)
    )
    assert response.status_code == 302, errors_of(response)
    response = second.post(
        change_url(article), form_data(article, title="Sửa của người thứ hai", loaded_version=v2)
    )
    assert response.status_code == 200
    assert "vừa được người khác lưu" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Sửa của người thứ nhất"


def test_every_save_keeps_a_revision_and_an_old_one_can_be_restored(editor_client):
    article = ArticleFactory(title="Phiên bản một", status=Status.DRAFT)
    response = editor_client.post(change_url(article), form_data(article))
    assert response.status_code == 302, errors_of(response)
    article.refresh_from_db()
    response = editor_client.post(change_url(article), form_data(article, title="Phiên bản hai"))
    assert response.status_code == 302, errors_of(response)
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 2
    oldest = versions.order_by("pk").first()
    assert oldest.field_dict["title"] == "Phiên bản một"
    # The admin's history page offers the revision; its form restores it.
    revision_url = reverse("admin:news_article_revision", args=[article.pk, oldest.pk])
    page = editor_client.get(revision_url)
    assert page.status_code == 200
    loaded = page.context["adminform"].form["loaded_version"].value()
    response = editor_client.post(
        revision_url, form_data(article, title="Phiên bản một", loaded_version=loaded)
    )
    assert response.status_code == 302, errors_of(response)
    article.refresh_from_db()
    assert article.title == "Phiên bản một"
    assert Version.objects.get_for_object(article).count() == 3


def test_admin_list_has_search_filters_thumbnails_and_bulk_publish(editor_client):
    ArticleFactory(title="Tin có ảnh để tìm", cover=make_image_file(), status=Status.DRAFT)
    ArticleFactory(title="Tin khác")
    response = editor_client.get(reverse("admin:news_article_changelist"), {"q": "để tìm"})
    html = response.content.decode()
    assert "Tin có ảnh để tìm" in html and "Tin khác" not in html
    assert '<img src="/media/news/covers/' in html
    for flt in ("trang_thai", "category", "organization", "published_at"):
        assert flt in str(response.context["cl"].list_filter) or flt in html
    assert "publish_selected" in html and "archive_selected" in html


def test_editor_bulk_publish_and_archive(editor_client):
    drafts = [ArticleFactory(status=Status.PENDING) for _ in range(3)]
    url = reverse("admin:news_article_changelist")
    editor_client.post(url, {"action": "publish_selected", "_selected_action": [a.pk for a in drafts]})
    assert set(Article.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert Version.objects.get_for_object(drafts[0]).count() == 1  # the bulk change kept a revision
    editor_client.post(url, {"action": "archive_selected", "_selected_action": [drafts[0].pk]})
    drafts[0].refresh_from_db()
    assert drafts[0].status == Status.ARCHIVED


def test_preview_button_gives_a_working_secret_link(editor_client, client):
    article = ArticleFactory(title="Bài nháp chia sẻ", status=Status.DRAFT)
    html = editor_client.get(change_url(article)).content.decode()
    start = html.index("/tin-tuc/xem-truoc/")
    link = html[start : html.index('"', start)]
    assert "Bài nháp chia sẻ" in client.get(link).content.decode()


def test_a_published_article_offers_its_public_page_not_a_secret_link(ward_setup, editor_user):
    """Staff reading a published article (a contributor, read-only; an editor) are sent to the page
    readers see; a scheduled one still gets its secret link."""
    c = ward_setup["client"]
    published = ArticleFactory(
        title="Tin đã đăng",
        organization=ward_setup["own_ward"],
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    for staff in (None, editor_user):  # the contributor first, then an editor
        if staff is not None:
            c.force_login(staff)
        html = c.get(change_url(published)).content.decode()
        assert f'href="{published.get_absolute_url()}"' in html and "Xem bài trên trang" in html
        assert "/tin-tuc/xem-truoc/" not in html and "Liên kết bí mật" not in html
    scheduled = ArticleFactory(title="Tin hẹn giờ", published_at=timezone.now() + datetime.timedelta(days=1))
    assert "/tin-tuc/xem-truoc/" in c.get(change_url(scheduled)).content.decode()


# --- ward contributors --------------------------------------------------------------------------
@pytest.fixture
def ward_setup(client, contributor_user):
    own_ward = WardFactory(name="Ủy ban MTTQ phường Khương Đình")
    other_ward = WardFactory(name="Ủy ban MTTQ phường Thượng Đình")
    StaffAssignmentFactory(user=contributor_user, organization=own_ward)
    client.force_login(contributor_user)
    return {
        "client": client,
        "own_ward": own_ward,
        "other_ward": other_ward,
        "own": ArticleFactory(title="Tin của phường mình", status=Status.DRAFT, organization=own_ward),
        "other": ArticleFactory(title="Tin của phường khác", status=Status.DRAFT, organization=other_ward),
    }


def test_contributor_sees_and_edits_only_own_ward_articles(ward_setup):
    c, other = ward_setup["client"], ward_setup["other"]
    html = c.get(reverse("admin:news_article_changelist")).content.decode()
    assert "Tin của phường mình" in html and "Tin của phường khác" not in html
    assert c.get(change_url(other)).status_code in (302, 403, 404)
    response = c.post(change_url(other), form_data(other, title="Chiếm quyền"))
    assert response.status_code in (302, 403, 404)
    response = c.post(reverse("admin:news_article_delete", args=[other.pk]), {"post": "yes"})
    assert response.status_code in (302, 403, 404)
    other.refresh_from_db()
    assert other.title == "Tin của phường khác"


def test_contributor_cannot_move_article_to_another_ward(ward_setup):
    c, own, other_ward = ward_setup["client"], ward_setup["own"], ward_setup["other_ward"]
    response = c.post(change_url(own), form_data(own, organization=other_ward.pk))
    assert response.status_code == 200 and "organization" in errors_of(response)
    own.refresh_from_db()
    assert own.organization == ward_setup["own_ward"]
    response = c.post(ADD_URL, form_data(organization=other_ward.pk))
    assert "organization" in errors_of(response)
    response = c.post(ADD_URL, form_data(organization=""))
    assert "organization" in errors_of(response)  # contributors must name their unit
    assert Article.objects.count() == 2


def test_contributor_cannot_publish_by_form_or_forged_post(ward_setup):
    c, own_ward = ward_setup["client"], ward_setup["own_ward"]
    page = c.get(ADD_URL)
    form, html = page.context["adminform"].form, page.content.decode()
    assert "status" not in form.fields and "published_at" not in form.fields
    assert 'value="save"' in html and 'value="submit"' in html
    assert 'value="publish"' not in html and 'value="return"' not in html
    # A forged step button is refused by the publishing service's rule, as a form error.
    response = c.post(
        ADD_URL, form_data(title="Tin cộng tác viên", organization=own_ward.pk, _workflow="publish")
    )
    assert response.status_code == 200 and "quyền" in str(errors_of(response))
    # A forged status field is no field at all: the item is saved as a draft.
    response = c.post(
        ADD_URL, form_data(title="Tin cộng tác viên", organization=own_ward.pk, status=Status.PUBLISHED)
    )
    assert response.status_code == 302, errors_of(response)
    assert Article.objects.get(title="Tin cộng tác viên").status == Status.DRAFT
    response = c.post(ADD_URL, form_data(title="Tin nộp duyệt", organization=own_ward.pk, _workflow="submit"))
    assert response.status_code == 302, errors_of(response)
    assert Article.objects.get(title="Tin nộp duyệt").status == Status.PENDING


def test_contributor_bulk_publish_is_refused(ward_setup):
    c, own, other = ward_setup["client"], ward_setup["own"], ward_setup["other"]
    html = c.get(reverse("admin:news_article_changelist")).content.decode()
    assert "publish_selected" not in html
    c.post(
        reverse("admin:news_article_changelist"),
        {"action": "publish_selected", "_selected_action": [own.pk, other.pk]},
    )
    assert not Article.objects.filter(status=Status.PUBLISHED).exists()


def test_contributor_cannot_change_published_article(ward_setup):
    c, own_ward = ward_setup["client"], ward_setup["own_ward"]
    published = ArticleFactory(
        title="Tin đã đăng", organization=own_ward, published_at=timezone.now() - datetime.timedelta(days=1)
    )
    response = c.post(change_url(published), form_data(published, title="Sửa lén"))
    published.refresh_from_db()
    assert published.title == "Tin đã đăng"
    assert response.status_code in (200, 302, 403)


def test_article_slug_rss_is_refused(editor_client):
    response = editor_client.post(ADD_URL, form_data(title="RSS"))
    assert "slug" in errors_of(response)
    response = editor_client.post(ADD_URL, form_data(title="RSS", slug="rss-la-gi"))
    assert response.status_code == 302, errors_of(response)


def test_two_revisions_can_be_compared_word_by_word(editor_client, contributor_user, client):
    article = ArticleFactory(title="Hội nghị tổng kết năm", status=Status.DRAFT)
    assert editor_client.post(change_url(article), form_data(article)).status_code == 302
    article.refresh_from_db()
    response = editor_client.post(change_url(article), form_data(article, title="Hội nghị sơ kết năm"))
    assert response.status_code == 302, errors_of(response)
    history = editor_client.get(reverse("admin:news_article_history", args=[article.pk])).content.decode()
    compare_url = reverse("admin:news_article_compare", args=[article.pk])
    assert compare_url in history
    old, new = Version.objects.get_for_object(article).order_by("pk")
    html = editor_client.get(compare_url, {"cu": old.pk, "moi": new.pk}).content.decode()
    assert "<del>tổng</del>" in html and "<ins>sơ</ins>" in html
    assert reverse("admin:news_article_revision", args=[article.pk, old.pk]) in html
    # Asked the other way round, or with one id unusable, the older version stays on the left.
    swapped = editor_client.get(compare_url, {"cu": new.pk, "moi": old.pk}).context
    assert (swapped["old"], swapped["new"]) == (old, new)
    fallback = editor_client.get(compare_url, {"cu": "999999", "moi": old.pk})
    assert fallback.context["old"].pk <= fallback.context["new"].pk
    assert "không có trong lịch sử mà bạn được xem" in fallback.content.decode()  # said, not silent
    assert "không có trong lịch sử" not in editor_client.get(compare_url).content.decode()
    # Bad version ids fall back to the latest two; another ward's contributor cannot open it.
    assert editor_client.get(compare_url, {"cu": "x", "moi": "<script>"}).status_code == 200
    ward = WardFactory()
    StaffAssignmentFactory(user=contributor_user, organization=ward)
    client.force_login(contributor_user)
    assert client.get(compare_url).status_code in (302, 403, 404)


def test_the_comparison_shows_a_picture_swapped_in_the_body():
    """Swapping one picture of the body for another changes no word of its text."""
    from news.revisions import compare_versions
    from tests.security.support import save_revision

    def body(name):
        return f'<p>Hội nghị diễn ra sáng nay.</p><figure class="image"><img src="/media/uploads/{name}" alt=""></figure>'

    article = ArticleFactory(status=Status.DRAFT, body=body("hoi-nghi-1.jpg"))
    old = save_revision(article)
    new = save_revision(article, body=body("hoi-nghi-2.jpg"))
    rows = {row.label: row for row in compare_versions(Article, old, new, lambda model, pk: None)}
    assert not rows["Nội dung"].changed
    pictures = rows["Ảnh trong nội dung"]
    assert pictures.changed
    assert pictures.old == "<del>hoi-nghi-1.jpg</del>" and pictures.new == "<ins>hoi-nghi-2.jpg</ins>"
    same = compare_versions(Article, new, new, lambda model, pk: None)
    assert not next(row for row in same if row.label == "Ảnh trong nội dung").changed
    # Both drafts: their "publication time" is only when they were created.
    assert rows["Thời gian xuất bản"].old == rows["Thời gian xuất bản"].new == "(chưa đăng)"


def test_a_reader_of_old_addresses_sees_the_table_only_when_there_are_some(client, contributor_user):
    """A contributor may read an article's old-site addresses but not add them: an empty table
    with no way to fill it was shown on every article."""
    from news.models import LegacyPath

    ward = WardFactory()
    StaffAssignmentFactory(user=contributor_user, organization=ward)
    client.force_login(contributor_user)
    article = ArticleFactory(organization=ward, status=Status.DRAFT)
    heading = "Đường dẫn trên trang cũ (chuyển tiếp 301 tới bài này khi đã xuất bản)"
    assert heading not in client.get(change_url(article)).content.decode()
    LegacyPath.objects.create(article=article, path="/tin-tuc/hoi-nghi-123.html")
    html = client.get(change_url(article)).content.decode()
    assert heading in html and "/tin-tuc/hoi-nghi-123.html" in html


def test_the_history_names_each_save_to_the_second_as_the_comparison_does(editor_client):
    """Three saves in one minute all read "20:06" when the history showed minutes only."""
    from django.utils import timezone

    from tests.security.support import save_revision

    article = ArticleFactory(status=Status.DRAFT)
    version = save_revision(article)
    shown = timezone.localtime(version.revision.date_created).strftime("%d/%m/%Y %H:%M:%S")
    history = editor_client.get(reverse("admin:news_article_history", args=[article.pk])).content.decode()
    assert shown in history
