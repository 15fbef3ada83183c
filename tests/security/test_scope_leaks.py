"""A ward contributor sees nothing unpublished of another ward: not on the public event page (a
pending report), not through ids typed or forged into their own forms (an article's event and
related articles, an event's documents), not through autocomplete, not through the admin's
"view on site" redirect (`/quan-tri/r/<content type>/<id>/`)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from committees.scoping import OrganizationScopedAdminMixin
from events.models import Document, Event
from frontcms.publishing import Status
from frontcms.roles import CONTRIBUTORS, EDITORS
from news.models import Article
from tests.factories import (
    ArticleFactory,
    DocumentFactory,
    EventFactory,
    EventReportFactory,
    OrganizationFactory,
    WardFactory,
)
from tests.security.support import admin_form_data, admin_url, make_object, staff_user

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Dự thảo mật phường Khương Đình"


@pytest.fixture
def wards(db):
    district = OrganizationFactory(name="Ủy ban MTTQ Việt Nam quận Thanh Hà")
    return (
        WardFactory(name="Ủy ban MTTQ Việt Nam phường Kim Giang", parent=district),
        WardFactory(name="Ủy ban MTTQ Việt Nam phường Khương Đình", parent=district),
    )


@pytest.fixture
def attacker(wards):
    return staff_user("ctv-kim-giang", CONTRIBUTORS, wards[0])


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def scoped_admins():
    return [(m, a) for m, a in admin.site._registry.items() if isinstance(a, OrganizationScopedAdminMixin)]


def foreign_drafts(ward_b) -> dict[type, object]:
    """One unpublished object of ward B for every model with a ward-scoped admin."""
    drafts = {}
    for model, model_admin in scoped_admins():
        values = {"title": DRAFT_TITLE} if any(f.name == "title" for f in model._meta.fields) else {}
        drafts[model] = make_object(model, model_admin, ward_b, **values)
    return drafts


def inline_formset(page, model):
    return next(i.formset for i in page.context["inline_admin_formsets"] if i.formset.model is model)


def with_inline_row(data, formset, **values) -> dict:
    """`data` with one new row added to the inline `formset`."""
    prefix = formset.prefix
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data = {**data, f"{prefix}-TOTAL_FORMS": str(index + 1)}
    data.update({f"{prefix}-{index}-{name}": str(value) for name, value in values.items()})
    return data


# --- the public event page --------------------------------------------------------------------------
SECRET_FIGURES = "Số liệu chưa duyệt 4321."


def test_pending_report_of_another_wards_event_stays_hidden_from_a_contributor(wards, attacker):
    ward_a, ward_b = wards
    event = EventFactory(organization=ward_b, title="Hội nghị phường Khương Đình")
    EventReportFactory(event=event, status=Status.PENDING, body="<p>Số liệu chưa duyệt 4321.</p>")
    url = event.get_absolute_url()
    # The sentence, not the number alone: an id on the page (the event's, in its view counter) may be 4321.
    assert SECRET_FIGURES not in login(attacker).get(url).content.decode()
    assert SECRET_FIGURES not in Client().get(url).content.decode()
    # Controls: staff who may edit that report preview it.
    assert (
        SECRET_FIGURES in login(staff_user("ctv-khuong-dinh", CONTRIBUTORS, ward_b)).get(url).content.decode()
    )
    assert SECRET_FIGURES in login(staff_user("bientap", EDITORS)).get(url).content.decode()


# --- ids typed or forged into the contributor's own forms ----------------------------------------------
@pytest.mark.parametrize(("status", "accepted"), [(Status.DRAFT, False), (Status.PUBLISHED, True)])
def test_an_article_reports_on_another_wards_event_only_once_it_is_public(wards, attacker, status, accepted):
    ward_a, ward_b = wards
    event = EventFactory(organization=ward_b, status=status, title=DRAFT_TITLE)
    article = make_object(Article, None, ward_a, title="Bài của Kim Giang")
    client = login(attacker)
    url = admin_url(Article, "change", article.pk)
    response = client.post(url, {**admin_form_data(client.get(url)), "event": event.pk})
    article.refresh_from_db()
    if accepted:
        assert response.status_code == 302 and article.event_id == event.pk
        return
    assert response.status_code == 200
    assert "ngoài phạm vi" in str(response.context["adminform"].form.errors["event"])
    assert DRAFT_TITLE not in response.content.decode()
    assert article.event_id is None


def test_another_wards_draft_article_cannot_be_a_related_pick(wards, attacker):
    ward_a, ward_b = wards
    draft = ArticleFactory(organization=ward_b, status=Status.DRAFT, title=DRAFT_TITLE)
    article = make_object(Article, None, ward_a, title="Bài của Kim Giang")
    client = login(attacker)
    url = admin_url(Article, "change", article.pk)
    page = client.get(url)
    data = with_inline_row(
        admin_form_data(page), inline_formset(page, Article.related.through), to_article=draft.pk, position=1
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert DRAFT_TITLE not in response.content.decode()
    assert not article.related_picks.exists()


@pytest.mark.parametrize(
    ("status", "hours", "accepted"),
    [(Status.DRAFT, -1, False), (Status.PUBLISHED, 48, False), (Status.PUBLISHED, -1, True)],
    ids=["draft", "scheduled", "published"],
)
def test_an_event_attaches_another_wards_document_only_once_it_is_public(
    wards, attacker, status, hours, accepted
):
    ward_a, ward_b = wards
    document = DocumentFactory(
        issuer=ward_b,
        status=status,
        title=DRAFT_TITLE,
        published_at=timezone.now() + datetime.timedelta(hours=hours),
    )
    event = make_object(Event, None, ward_a, title="Hội nghị Kim Giang")
    client = login(attacker)
    url = admin_url(Event, "change", event.pk)
    page = client.get(url)
    data = with_inline_row(
        admin_form_data(page), inline_formset(page, Event.documents.through), document=document.pk
    )
    response = client.post(url, data)
    assert (response.status_code == 302) is accepted
    assert event.documents.filter(pk=document.pk).exists() is accepted
    if not accepted:
        assert DRAFT_TITLE not in response.content.decode()


def test_every_field_pointing_at_scoped_content_offers_a_contributor_nothing_unpublished_of_another_ward(
    rf, wards, attacker
):
    ward_a, ward_b = wards
    drafts = foreign_drafts(ward_b)
    request = rf.get("/")
    request.user = attacker
    checked, leaks = [], []
    for model, model_admin in admin.site._registry.items():
        if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
            continue
        forms = [(model, model_admin.get_form(request))]
        forms += [(f.model, f.form) for f, _inline in model_admin.get_formsets_with_inlines(request)]
        for form_model, form in forms:
            for name, field in form.base_fields.items():
                target = getattr(getattr(field, "queryset", None), "model", None)
                if target in drafts and name != getattr(form, "_fk_name", None):
                    checked.append(f"{form_model._meta.label}.{name}")
                    if field.queryset.filter(pk=drafts[target].pk).exists():
                        leaks.append(f"{form_model._meta.label}.{name}")
    assert not leaks, leaks
    for expected in ("news.Article.event", "news.RelatedArticle.to_article", "events.EventReport.event"):
        assert expected in checked, checked
    assert any(name.endswith(".document") for name in checked), checked


def test_autocomplete_offers_own_and_public_items_only(wards, attacker):
    ward_a, ward_b = wards
    own_draft = EventFactory(organization=ward_a, status=Status.DRAFT, title="Sự kiện nháp Kim Giang")
    foreign_draft = EventFactory(organization=ward_b, status=Status.DRAFT, title=DRAFT_TITLE)
    foreign_public = EventFactory(organization=ward_b, title="Sự kiện công khai Khương Đình")
    scheduled_doc = DocumentFactory(
        issuer=ward_b, status=Status.PUBLISHED, published_at=timezone.now() + datetime.timedelta(days=2)
    )
    public_doc = DocumentFactory(issuer=ward_b, status=Status.PUBLISHED)
    client = login(attacker)

    def offered(app_label, model_name, field_name):
        response = client.get(
            reverse("admin:autocomplete"),
            {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": ""},
        )
        assert response.status_code == 200
        return {int(item["id"]) for item in response.json()["results"]}

    events = offered("news", "article", "event")
    assert own_draft.pk in events and foreign_public.pk in events and foreign_draft.pk not in events
    documents = offered("events", "event_documents", "document")
    assert public_doc.pk in documents and scheduled_doc.pk not in documents


def test_document_list_search_shows_a_contributor_only_their_own(wards, attacker):
    ward_a, ward_b = wards
    DocumentFactory(issuer=ward_b, status=Status.PUBLISHED, title="Kế hoạch công khai của Khương Đình")
    response = login(attacker).get(admin_url(Document, "changelist"), {"q": "Khương Đình"})
    assert "Kế hoạch công khai của Khương Đình" not in response.content.decode()


# --- the admin's "view on site" redirect -------------------------------------------------------------------
def view_on_site_url(obj) -> str:
    return reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(obj).pk, obj.pk])


def test_view_on_site_does_not_reveal_another_wards_unpublished_objects(wards, attacker):
    ward_a, ward_b = wards
    drafts = foreign_drafts(ward_b)
    client = login(attacker)
    with_urls = [obj for obj in drafts.values() if hasattr(obj, "get_absolute_url")]
    assert {Article, Event, Document} <= {type(obj) for obj in with_urls}
    for obj in with_urls:
        response = client.get(view_on_site_url(obj))
        assert response.status_code == 404, (type(obj), response.status_code)
        assert "Location" not in response
        if getattr(obj, "slug", ""):
            assert obj.slug not in response.content.decode()
    # Controls: their own draft, and an editor for any object, are redirected as before.
    own = make_object(Article, None, ward_a, title="Bài nháp Kim Giang")
    response = client.get(view_on_site_url(own))
    assert response.status_code == 302 and response["Location"].endswith(own.get_absolute_url())
    editor = login(staff_user("bientap", EDITORS))
    response = editor.get(view_on_site_url(drafts[Article]))
    assert response.status_code == 302 and response["Location"].endswith(drafts[Article].get_absolute_url())


@pytest.mark.parametrize("object_id", ["abc", "999999", "1/../2"])
def test_view_on_site_answers_404_to_junk(attacker, object_id):
    client = login(attacker)
    article_type = ContentType.objects.get_for_model(Article).pk
    assert client.get(f"/quan-tri/r/{article_type}/{object_id}/").status_code == 404
    assert client.get(f"/quan-tri/r/999999/{object_id}/").status_code == 404
