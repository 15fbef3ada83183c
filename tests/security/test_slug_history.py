"""Old links cannot be hijacked: a slug in another object's history is refused (form, model, import,
revert), and no save ever deletes or reassigns another object's old slugs (frontcms.models)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command

from frontcms.models import SluggedModel, SlugHistory
from frontcms.publishing import Status
from frontcms.roles import CONTRIBUTORS, EDITORS
from news.models import Article
from tests.factories import ArticleFactory, WardFactory
from tests.security.support import (
    admin_form_data,
    admin_url,
    factory_for,
    make_object,
    save_revision,
    staff_user,
)

pytestmark = pytest.mark.django_db

SLUGGED_MODELS = sorted(
    (m for m in apps.get_models() if issubclass(m, SluggedModel)),
    key=lambda m: m._meta.label,
)
OLD = "hoi-nghi-doi-thoai-voi-nhan-dan"
NEW = "hoi-nghi-doi-thoai-nam-2024"


def history(model) -> dict[str, int]:
    ct = ContentType.objects.get_for_model(model)
    return dict(SlugHistory.objects.filter(content_type=ct).values_list("slug", "object_id"))


def renamed(model, **values):
    """An object of `model` that had the slug OLD and now has NEW (OLD redirects to it)."""
    obj = make_object(model, slug=OLD, **values)
    obj.slug = NEW
    obj.save()
    assert history(model) == {OLD: obj.pk}
    return obj


@pytest.fixture
def ward(db):
    return WardFactory(name="Ủy ban MTTQ Việt Nam phường Kim Giang")


def test_every_slugged_model_has_a_factory():
    assert len(SLUGGED_MODELS) >= 6
    assert [m._meta.label for m in SLUGGED_MODELS if factory_for(m) is None] == []


# --- the attack through the admin -------------------------------------------------------------------
@pytest.mark.parametrize("role", [CONTRIBUTORS, EDITORS])
def test_a_new_draft_cannot_take_an_articles_old_slug(client, ward, role):
    original = renamed(Article, status=Status.PUBLISHED, organization=ward)
    Article.objects.filter(pk=original.pk).update(status=Status.PUBLISHED)
    client.force_login(staff_user("nguoi-sua", role, ward if role == CONTRIBUTORS else None))
    form = admin_form_data(client.get(admin_url(Article, "add")))
    form.update(title="Bài nháp chiếm đường dẫn", organization=str(ward.pk), status=Status.DRAFT, slug=OLD)
    response = client.post(admin_url(Article, "add"), form)
    assert response.status_code == 200
    assert "từng là đường dẫn của một mục khác" in str(response.context["adminform"].form.errors["slug"])
    assert not Article.objects.filter(title="Bài nháp chiếm đường dẫn").exists()
    assert history(Article) == {OLD: original.pk}
    redirect = client.get(f"/tin-tuc/{OLD}/")
    assert redirect.status_code == 301 and redirect["Location"] == original.get_absolute_url()


def test_an_existing_drafts_slug_cannot_be_changed_to_another_articles_old_slug(client, ward):
    original = renamed(Article, organization=ward)
    draft = make_object(Article, title="Bản nháp của phường", organization=ward)
    client.force_login(staff_user("ctv", CONTRIBUTORS, ward))
    url = admin_url(Article, "change", draft.pk)
    response = client.post(url, {**admin_form_data(client.get(url)), "slug": OLD.upper()})
    assert response.status_code == 200 and response.context["adminform"].form.errors["slug"]
    draft.refresh_from_db()
    assert draft.slug != OLD
    assert history(Article) == {OLD: original.pk}


# --- the rule holds below the forms -----------------------------------------------------------------
@pytest.mark.parametrize("model", SLUGGED_MODELS, ids=lambda m: m._meta.label)
def test_saving_another_objects_old_slug_is_refused_on_every_model(model):
    original = renamed(model)
    intruder = make_object(model)
    intruder.slug = OLD
    with pytest.raises(ValidationError) as refused:
        intruder.full_clean()
    assert "slug" in refused.value.message_dict
    with pytest.raises(ValidationError):
        intruder.save()
    assert type(intruder).objects.get(pk=intruder.pk).slug != OLD
    assert history(model) == {OLD: original.pk}


@pytest.mark.parametrize("model", SLUGGED_MODELS, ids=lambda m: m._meta.label)
def test_generated_slugs_skip_other_objects_old_slugs(model):
    original = renamed(model)
    newcomer = make_object(model, slug="", **{model.slug_source: "Hội nghị đối thoại với nhân dân"})
    assert newcomer.slug.startswith(OLD) and newcomer.slug != OLD
    assert history(model) == {OLD: original.pk}


def test_an_imported_article_never_takes_an_old_slug(tmp_path):
    original = renamed(Article, title="Hội nghị đối thoại với nhân dân")
    source = tmp_path / "bai-cu.txt"
    source.write_text(
        "Hội nghị đối thoại với nhân dân\n\nNgày đăng: 23/07/2019 15:27\n\n"
        "Sáng nay Ủy ban MTTQ phường tổ chức hội nghị đối thoại với nhân dân về trật tự đô thị.\n",
        encoding="utf-8",
    )
    call_command("import_articles", str(source), stdout=open(tmp_path / "out.txt", "w"))  # noqa: SIM115
    imported = Article.objects.exclude(pk=original.pk).get()
    assert imported.slug != OLD
    assert history(Article) == {OLD: original.pk}


def test_an_object_takes_back_its_own_old_slug():
    article = renamed(Article)
    article.slug = OLD
    article.save()
    assert history(Article) == {NEW: article.pk}


def test_legacy_clash_is_kept_but_never_reassigned():
    """Data from before the rule: B's current slug is in A's history. B still saves; A keeps it."""
    a = renamed(Article)
    b = ArticleFactory(slug="bai-tam")
    Article.objects.filter(pk=b.pk).update(slug=OLD)
    b.refresh_from_db()
    b.title = "Bài B sửa tiêu đề"
    b.save()  # an unchanged slug is not re-checked
    b.full_clean()
    b.slug = "bai-b-doi-duong-dan"
    b.save()
    assert history(Article) == {OLD: a.pk}


# --- revert -----------------------------------------------------------------------------------------------
def test_reverting_to_an_old_slug_keeps_the_newer_slug_redirecting(client):
    editor = staff_user("bientap", EDITORS)
    article = ArticleFactory(slug=OLD, title="Bài có hai đường dẫn")
    old = save_revision(article)
    save_revision(article, slug=NEW)
    assert history(Article) == {OLD: article.pk}
    client.force_login(editor)
    url = admin_url(Article, "revision", article.pk, old.pk)
    assert client.post(url, admin_form_data(client.get(url))).status_code == 302
    article.refresh_from_db()
    assert article.slug == OLD
    assert history(Article) == {NEW: article.pk}
    response = client.get(f"/tin-tuc/{NEW}/")
    assert response.status_code == 301 and response["Location"] == f"/tin-tuc/{OLD}/"


def test_reverting_to_a_slug_that_is_now_another_objects_old_slug_is_refused(client):
    editor = staff_user("bientap", EDITORS)
    article = ArticleFactory(slug=OLD, title="Bài cũ")
    old = save_revision(article)
    save_revision(article, slug="bai-cu-doi-ten")
    SlugHistory.objects.filter(slug=OLD).delete()  # as if removed by hand; then another took it
    other = renamed(Article, title="Bài khác")
    client.force_login(editor)
    url = admin_url(Article, "revision", article.pk, old.pk)
    response = client.post(url, {"slug": OLD})
    assert response.status_code == 302 and response["Location"] == admin_url(Article, "changelist")
    assert "từng là đường dẫn của một mục khác" in client.get(response["Location"]).content.decode()
    article.refresh_from_db()
    assert article.slug == "bai-cu-doi-ten"
    assert history(Article) == {OLD: other.pk}
