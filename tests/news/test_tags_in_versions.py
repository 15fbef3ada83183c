"""An article's tags are kept with each of its versions (frontcms.revisions, `VersionTags`): going
back to a version or recovering a deleted article brings its tags back, through the admin's own
views, within the ward scoping; versions saved before tags were kept leave the tags alone."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from reversion.models import Version
from taggit.models import Tag

from frontcms.models import VersionTags
from frontcms.publishing import Status
from frontcms.revisions import kept_tags
from frontcms.roles import CONTRIBUTORS
from frontcms.text import collation_key
from news.models import Article
from tests.factories import ArticleFactory, WardFactory
from tests.security.support import admin_form_data, admin_url, make_object, save_revision, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def wards(db):
    """Kim Giang (ward A, the contributor's) and Khương Đình (ward B)."""
    kim_giang = WardFactory(name="Ủy ban MTTQ phường Kim Giang")
    return kim_giang, WardFactory(name="Ủy ban MTTQ phường Khương Đình")


@pytest.fixture
def contributor(wards):
    """A contributor of ward A (Kim Giang)."""
    return staff_user("ctv-kim-giang", CONTRIBUTORS, wards[0])


def tag_names(article) -> list[str]:
    """The article's tags now, in the order the form lists them (Vietnamese alphabetical)."""
    return sorted(Article.objects.get(pk=article.pk).tags.names(), key=collation_key)


def latest_version(article) -> Version:
    return Version.objects.get_for_object(article).order_by("-pk").first()


def save_in_admin(client, article, **changes) -> Version:
    """Save the article's change form as the admin shows it, with `changes` (tags as typed), and
    return the version that save made."""
    url = admin_url(Article, "change", article.pk)
    response = client.post(url, {**admin_form_data(client.get(url)), **changes, "_workflow": "save"})
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    return latest_version(article)


def go_back(client, article, version):
    """The revert as a person does it: open the version's page, then press save on its form."""
    url = admin_url(Article, "revision", article.pk, version.pk)
    page = client.get(url)
    assert page.status_code == 200
    return page, client.post(url, {**admin_form_data(page), "_workflow": "save"})


def tags_row(compare_page) -> str:
    """The "Thẻ" row of the compare page."""
    return compare_page.content.decode().split('<th scope="row">Thẻ')[1].split("</tr>")[0]


def listed_on_tag_page(reader, name: str, title: str) -> bool:
    page = reader.get(reverse("news:tag", kwargs={"slug": Tag.objects.get(name=name).slug}))
    return page.status_code == 200 and title in page.content.decode()


# --- going back to a version ------------------------------------------------------------------------
def test_going_back_brings_back_the_tags_of_that_version_and_the_tag_pages_follow(client, editor_user):
    article = ArticleFactory(title="Hội nghị đối thoại với nhân dân", status=Status.PUBLISHED)
    client.force_login(editor_user)
    old = save_in_admin(client, article, tags="an ninh trật tự, tập huấn")
    assert kept_tags(old) == {"tags": ["an ninh trật tự", "tập huấn"]}
    save_in_admin(client, article, title="Tiêu đề sửa sau", tags="bầu cử")
    assert tag_names(article) == ["bầu cử"]
    reader = Client()  # the tag pages are now cached as they are
    assert listed_on_tag_page(reader, "bầu cử", "Tiêu đề sửa sau")
    assert not listed_on_tag_page(reader, "tập huấn", "Tiêu đề sửa sau")

    page, response = go_back(client, article, old)
    assert 'value="an ninh trật tự, tập huấn"' in page.content.decode()  # the form shows the old tags
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Hội nghị đối thoại với nhân dân"
    assert tag_names(article) == ["an ninh trật tự", "tập huấn"]
    assert kept_tags(latest_version(article)) == {"tags": ["an ninh trật tự", "tập huấn"]}
    assert listed_on_tag_page(reader, "tập huấn", "Hội nghị đối thoại với nhân dân")
    assert not listed_on_tag_page(reader, "bầu cử", "Hội nghị đối thoại")


def test_opening_a_version_changes_no_tags_until_it_is_saved(client, editor_user):
    article = ArticleFactory(title="Tập huấn công tác Mặt trận", status=Status.DRAFT)
    client.force_login(editor_user)
    old = save_in_admin(client, article, tags="tập huấn")
    save_in_admin(client, article, tags="đối thoại")
    Tag.objects.filter(name="tập huấn").delete()
    url = admin_url(Article, "revision", article.pk, old.pk)
    assert 'value="tập huấn"' in client.get(url).content.decode()
    assert tag_names(article) == ["đối thoại"]
    assert not Tag.objects.filter(name="tập huấn").exists()


def test_a_version_saved_before_tags_were_kept_leaves_the_current_tags(client, editor_user):
    article = ArticleFactory(title="Bài từ trước khi lưu thẻ", status=Status.DRAFT, tags=["bầu cử"])
    old = save_revision(article)
    VersionTags.objects.filter(version=old).delete()  # as the versions saved before this change
    client.force_login(editor_user)
    save_in_admin(client, article, title="Bài sửa sau", tags="đối thoại, tập huấn")

    row = tags_row(client.get(admin_url(Article, "compare", article.pk), {"cu": old.pk}))
    assert "không rõ" in row and "đã sửa" not in row and "<del>" not in row

    _page, response = go_back(client, article, old)
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Bài từ trước khi lưu thẻ"
    assert tag_names(article) == ["đối thoại", "tập huấn"]


def test_compare_shows_the_tags_removed_and_added(client, editor_user):
    article = ArticleFactory(title="Bài so sánh thẻ", status=Status.DRAFT)
    client.force_login(editor_user)
    old = save_in_admin(client, article, tags="bầu cử, đối thoại")
    new = save_in_admin(client, article, tags="đối thoại, <b>tập huấn</b>")
    row = tags_row(client.get(admin_url(Article, "compare", article.pk), {"cu": old.pk, "moi": new.pk}))
    assert "đã sửa" in row
    assert "<del>bầu cử</del>, đối thoại" in row
    assert "<ins>&lt;b&gt;tập huấn&lt;/b&gt;</ins>" in row


# --- recovering a deleted article -------------------------------------------------------------------
def test_recovering_a_deleted_article_brings_back_its_tags_even_one_deleted_since(client, editor_user):
    article = ArticleFactory(title="Tin được khôi phục", status=Status.DRAFT)
    client.force_login(editor_user)
    last = save_in_admin(client, article, tags="bầu cử, đối thoại")
    pk = article.pk
    article.delete()
    Tag.objects.filter(name="đối thoại").delete()  # an editor tidied the tag list meanwhile
    url = admin_url(Article, "recover", last.pk)
    page = client.get(url)
    assert page.status_code == 200
    assert client.post(url, {**admin_form_data(page), "_workflow": "save"}).status_code == 302
    assert tag_names(Article.objects.get(pk=pk)) == ["bầu cử", "đối thoại"]
    assert Tag.objects.get(name="đối thoại").slug == "doi-thoai"  # made again, slug folded as always


def test_demo_articles_keep_their_tags_in_their_first_version_and_come_back_with_them(
    client, editor_user, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("seed_demo", stdout=StringIO())
    article = Article.objects.filter(tags__isnull=False).distinct().first()
    first = Version.objects.get_for_object(article).get()
    assert kept_tags(first) == {"tags": tag_names(article)} and tag_names(article)
    names = tag_names(article)
    article.delete()
    Tag.objects.filter(name__in=names).delete()
    client.force_login(editor_user)
    url = admin_url(Article, "recover", first.pk)
    assert client.post(url, {**admin_form_data(client.get(url)), "_workflow": "save"}).status_code == 302
    assert tag_names(Article.objects.get(pk=first.object_id)) == names


# --- versions made outside the change form ----------------------------------------------------------
def test_bulk_actions_keep_each_articles_own_tags_in_its_version(client, editor_user):
    first = ArticleFactory(status=Status.PENDING, tags=["bầu cử"])
    second = ArticleFactory(status=Status.PENDING, tags=["đối thoại", "tập huấn"])
    client.force_login(editor_user)
    response = client.post(
        admin_url(Article, "changelist"),
        {"action": "publish_selected", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    assert kept_tags(latest_version(first)) == {"tags": ["bầu cử"]}
    assert kept_tags(latest_version(second)) == {"tags": ["đối thoại", "tập huấn"]}


# --- ward scoping -----------------------------------------------------------------------------------
def test_contributor_brings_back_the_tags_of_their_own_article(client, wards, contributor):
    article = make_object(Article, organization=wards[0], title="Tin của Kim Giang")
    client.force_login(contributor)
    old = save_in_admin(client, article, tags="khu dân cư")
    save_in_admin(client, article, tags="khu dân cư, tập huấn")
    _page, response = go_back(client, article, old)
    assert response.status_code == 302
    assert tag_names(article) == ["khu dân cư"]


def test_contributor_cannot_bring_back_tags_of_another_wards_article(client, wards, contributor):
    other = make_object(Article, organization=wards[1], title="Tin của Khương Đình")
    other.tags.add("thẻ cũ của Khương Đình")
    old = save_revision(other)
    other.tags.set(["thẻ mới của Khương Đình"])
    save_revision(other)
    client.force_login(contributor)
    url = admin_url(Article, "revision", other.pk, old.pk)
    assert client.get(url).status_code in {403, 404}
    assert client.post(url, {"tags": "thẻ cũ của Khương Đình", "_workflow": "save"}).status_code in {403, 404}
    assert tag_names(other) == ["thẻ mới của Khương Đình"]


def test_a_version_that_would_leave_the_scope_brings_back_no_tags(client, wards, contributor):
    ward_a, ward_b = wards
    article = make_object(Article, organization=ward_b, title="Bài chuyển phường")
    article.tags.add("thẻ thời Khương Đình")
    old = save_revision(article)
    article.tags.set(["thẻ thời Kim Giang"])
    save_revision(article, organization=ward_a)  # an editor moved it to ward A
    Tag.objects.filter(name="thẻ thời Khương Đình").delete()
    client.force_login(contributor)
    url = admin_url(Article, "revision", article.pk, old.pk)
    response = client.post(url, {"tags": "thẻ thời Khương Đình", "_workflow": "save"})
    assert response.status_code == 302 and response["Location"] == admin_url(Article, "changelist")
    assert tag_names(article) == ["thẻ thời Kim Giang"]
    assert not Tag.objects.filter(name="thẻ thời Khương Đình").exists()
