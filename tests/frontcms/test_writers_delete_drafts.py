"""Ward contributors delete their own unit's drafts (new or sent back), one at a time or in bulk;
anything sent for review, published or archived, and anything of another unit, stays."""

import pytest
from django.urls import reverse

from events.models import Document, Event, EventReport
from frontcms.publishing import Status
from news.models import Article
from tests.factories import (
    ArticleFactory,
    DocumentFactory,
    EventFactory,
    EventReportFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db

DELETABLE = (Status.DRAFT, Status.RETURNED)
KEPT = (Status.PENDING, Status.PUBLISHED, Status.ARCHIVED)


@pytest.fixture
def ward():
    return WardFactory()


def make(model, ward, status):
    if model is Article:
        return ArticleFactory(organization=ward, status=status)
    if model is Event:
        return EventFactory(organization=ward, status=status)
    if model is EventReport:
        return EventReportFactory(event=EventFactory(organization=ward), status=status)
    return DocumentFactory(issuer=ward, status=status)


def delete_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_delete", args=[obj.pk])


MODELS = (Article, Event, EventReport, Document)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("status", DELETABLE)
def test_a_contributor_deletes_a_draft_of_their_unit(contributor_client, ward, model, status):
    obj = make(model, ward, status)
    assert contributor_client.get(delete_url(obj)).status_code == 200
    response = contributor_client.post(delete_url(obj), {"post": "yes"})
    assert response.status_code == 302
    assert not model.objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("status", KEPT)
def test_a_contributor_cannot_delete_what_was_sent_for_review_or_published(
    contributor_client, ward, model, status
):
    obj = make(model, ward, status)
    assert contributor_client.post(delete_url(obj), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("model", MODELS)
def test_a_contributor_cannot_delete_another_units_draft(contributor_client, model):
    obj = make(model, WardFactory(), Status.DRAFT)
    assert contributor_client.post(delete_url(obj), {"post": "yes"}).status_code in (302, 403, 404)
    assert model.objects.filter(pk=obj.pk).exists()


def test_a_bulk_deletion_takes_only_the_drafts_and_counts_the_rest(contributor_client, ward):
    draft = make(Article, ward, Status.DRAFT)
    published = make(Article, ward, Status.PUBLISHED)
    pending = make(Article, ward, Status.PENDING)
    changelist = reverse("admin:news_article_changelist")
    ticked = {"action": "delete_selected", "_selected_action": [draft.pk, published.pk, pending.pk]}
    confirm = contributor_client.post(changelist, ticked)
    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert "2 mục không xóa được: chỉ biên tập viên xóa mục đã gửi duyệt hoặc đã xuất bản." in html
    assert draft.title in html and published.title not in html and pending.title not in html

    # Even a forged confirmation naming them all deletes only the draft.
    response = contributor_client.post(changelist, {**ticked, "post": "yes"})
    assert response.status_code == 302
    assert set(Article.objects.values_list("pk", flat=True)) == {published.pk, pending.pk}

    only_published = {"action": "delete_selected", "_selected_action": [published.pk]}
    response = contributor_client.post(changelist, only_published, follow=True)
    assert "1 mục không xóa được" in response.content.decode()
    assert Article.objects.filter(pk=published.pk).exists()


def test_deleting_a_draft_event_whose_report_is_published_is_refused(contributor_client, ward):
    event = make(Event, ward, Status.DRAFT)
    EventReportFactory(event=event, status=Status.PUBLISHED)
    assert contributor_client.post(delete_url(event), {"post": "yes"}).status_code == 403
    assert Event.objects.filter(pk=event.pk).exists() and EventReport.objects.filter(event=event).exists()


def test_the_change_page_of_a_draft_offers_deletion_and_of_a_pending_item_does_not(contributor_client, ward):
    draft = make(Article, ward, Status.DRAFT)
    pending = make(Article, ward, Status.PENDING)
    change = "admin:news_article_change"
    assert delete_url(draft) in contributor_client.get(reverse(change, args=[draft.pk])).content.decode()
    assert (
        delete_url(pending) not in contributor_client.get(reverse(change, args=[pending.pk])).content.decode()
    )
