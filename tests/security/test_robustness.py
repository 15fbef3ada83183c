"""Robustness of editing: concurrent edits never overwrite silently; a database error inside a
save rolls back the whole change (no half-saved row, no orphan revision or slug history)."""

from __future__ import annotations

import pytest
import reversion
from django.contrib import admin
from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from django.test import Client
from django.urls import reverse
from reversion.models import Revision, Version

from frontcms.models import Page, SlugHistory
from frontcms.workflow import ConcurrentEditForm
from tests.factories import PageFactory
from tests.security.support import admin_form_data, factory_for

PASSWORD = "Mat-khau-thu-123"


@pytest.fixture
def two_editors(admin_user, django_user_model):
    other = django_user_model.objects.create_superuser(username="quantri-hai", password=PASSWORD)
    first, second = Client(), Client()
    first.force_login(admin_user)
    second.force_login(other)
    return first, second


def _text_field(form) -> str:
    for name in ("title", "name", "question", "subject", "results", "body"):
        if name in form.fields:
            return name
    raise AssertionError(f"no text field to edit in {list(form.fields)}")


def _concurrent_admins():
    """Admins of the Publishable content and the core page, with a factory to build an object."""
    found = []
    for model, model_admin in admin.site._registry.items():
        form = getattr(model_admin, "form", None)
        locking = isinstance(form, type) and issubclass(form, ConcurrentEditForm)
        if (model is Page or locking) and factory_for(model) is not None:
            found.append(model)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("model", _concurrent_admins(), ids=[m._meta.label for m in _concurrent_admins()])
def test_second_concurrent_save_is_refused_not_silently_applied(two_editors, model):
    first, second = two_editors
    obj = factory_for(model).create()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    page_1, page_2 = first.get(url), second.get(url)
    assert page_1.status_code == page_2.status_code == 200
    data_1, data_2 = admin_form_data(page_1), admin_form_data(page_2)
    field = _text_field(page_1.context["adminform"].form)
    assert "loaded_version" in data_1, f"{model._meta.label} admin has no optimistic locking"

    saved = second.post(url, {**data_2, field: "Bản sửa của người thứ hai"})
    assert saved.status_code == 302, saved.context["adminform"].form.errors if saved.context else saved
    refused = first.post(url, {**data_1, field: "Bản sửa của người thứ nhất"})
    assert refused.status_code == 200, "the stale form was saved over the newer version"
    errors = refused.context["adminform"].form.non_field_errors()
    assert any("vừa được người khác lưu" in e for e in errors), errors
    assert getattr(model._default_manager.get(pk=obj.pk), field) == "Bản sửa của người thứ hai"


@pytest.mark.django_db
def test_page_admin_uses_optimistic_locking():
    assert Page in _concurrent_admins()
    assert issubclass(admin.site._registry[Page].form, ConcurrentEditForm)


# --- rollback on database errors ----------------------------------------------------------------------
class _Boom:
    """A post_save receiver that fails like a constraint violation would, once armed."""

    def __init__(self, model, fail_on=1):
        self.model, self.fail_on, self.calls = model, fail_on, 0

    def __call__(self, sender, instance, **kwargs):
        self.calls += 1
        if self.calls >= self.fail_on:
            raise IntegrityError("forced failure after the row was written")

    def __enter__(self):
        post_save.connect(self, sender=self.model, weak=False)
        return self

    def __exit__(self, *exc):
        post_save.disconnect(self, sender=self.model)


@pytest.mark.django_db
def test_failed_revision_save_leaves_no_half_saved_row_or_orphan_version():
    page = PageFactory(title="Giới thiệu chung", slug="gioi-thieu-chung")
    versions, revisions, history = (
        Version.objects.count(),
        Revision.objects.count(),
        SlugHistory.objects.count(),
    )
    with _Boom(Page), pytest.raises(IntegrityError), reversion.create_revision():
        page.title = "Tiêu đề mới"
        page.slug = "gioi-thieu-moi"
        page.save()
    page.refresh_from_db()
    assert (page.title, page.slug) == ("Giới thiệu chung", "gioi-thieu-chung")
    assert Version.objects.count() == versions and Revision.objects.count() == revisions
    assert SlugHistory.objects.count() == history


@pytest.mark.django_db
@pytest.mark.parametrize("model", _concurrent_admins(), ids=[m._meta.label for m in _concurrent_admins()])
def test_admin_save_failing_in_the_database_rolls_back_everything(admin_user, model):
    obj = factory_for(model).create()
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    page = client.get(url)
    field = _text_field(page.context["adminform"].form)
    before = getattr(obj, field)
    versions = Version.objects.count()
    with _Boom(model):
        response = client.post(url, {**admin_form_data(page), field: "Không được lưu"})
    assert response.status_code == 500  # a real database fault; nothing may be half-saved
    assert getattr(model._default_manager.get(pk=obj.pk), field) == before
    assert Version.objects.count() == versions


@pytest.mark.django_db
def test_bulk_publish_is_all_or_nothing(admin_user):
    from django.apps import apps

    try:
        Article = apps.get_model("news", "Article")
    except LookupError:
        pytest.skip("news not installed")
    drafts = [factory_for(Article).create(status="draft") for _ in range(3)]
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    with _Boom(Article, fail_on=2):
        client.post(
            reverse("admin:news_article_changelist"),
            {"action": "publish_selected", "_selected_action": [a.pk for a in drafts]},
        )
    statuses = set(Article.objects.filter(pk__in=[a.pk for a in drafts]).values_list("status", flat=True))
    assert statuses == {"draft"}, f"half of a bulk publish was kept: {statuses}"
    # Control: the same action without the fault publishes all three.
    client.post(
        reverse("admin:news_article_changelist"),
        {"action": "publish_selected", "_selected_action": [a.pk for a in drafts]},
    )
    statuses = set(Article.objects.filter(pk__in=[a.pk for a in drafts]).values_list("status", flat=True))
    assert statuses == {"published"}, statuses


@pytest.mark.django_db
def test_slug_that_folds_onto_an_existing_one_is_a_form_error_not_a_500(admin_user):
    PageFactory(title="Giới thiệu", slug="gioi-thieu")
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    add_url = reverse("admin:frontcms_page_add")
    data = admin_form_data(client.get(add_url))
    data.update(title="Giới thiệu (bản sao)", slug="Giới-Thiệu", body="<p>Nội dung</p>")
    response = client.post(add_url, data)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:  # accepted with a different, unique slug
        assert Page.objects.filter(title="Giới thiệu (bản sao)").exclude(slug="gioi-thieu").exists()
    else:
        assert response.context["adminform"].form.errors.get("slug")
    with transaction.atomic():
        assert Page.objects.filter(slug="gioi-thieu").count() == 1


def test_every_admin_of_long_form_content_uses_optimistic_locking():
    """Rich-text content is where a silently lost edit costs most: its admin must lock."""
    from tests.security.support import rich_text_fields

    unlocked = sorted(
        {
            model._meta.label
            for model, _field in rich_text_fields()
            if model in admin.site._registry
            and not issubclass(admin.site._registry[model].form, ConcurrentEditForm)
        }
    )
    assert not unlocked, f"admins that let a second editor overwrite the first silently: {unlocked}"
