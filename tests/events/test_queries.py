"""Every public page of the events app runs a bounded number of queries on much more than a page of data."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AgendaItemFactory,
    ConnectionPointFactory,
    DocumentFactory,
    DocumentFileFactory,
    EventFactory,
    EventPersonFactory,
    EventReportFactory,
    TermFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db
# The page's own queries (about 6) plus the site chrome's (settings, menu, sidebar blocks of other
# apps, about 10); what matters is that the number does not grow with the data.
MAX_QUERIES = 20


@pytest.fixture
def many_events():
    wards = [WardFactory() for _ in range(8)]
    terms = [TermFactory(organization=w) for w in wards]
    now = timezone.now()
    for i in range(300):
        EventFactory(
            organization=wards[i % 8],
            term=terms[i % 8],
            starts_at=now + datetime.timedelta(days=i - 150),
        )
    return wards


def test_event_list_queries(client, many_events, django_assert_max_num_queries):
    for query in (
        "",
        "?trang=3",
        f"?to-chuc={many_events[0].slug}&nam=2024",
        "?q=tap+huan&thoi-gian=da-dien-ra",
    ):
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(reverse("events:list") + query).status_code == 200


def test_event_detail_queries(client, django_assert_max_num_queries):
    ward = WardFactory()
    event = EventFactory(organization=ward, term=TermFactory(organization=ward), is_online=True)
    for _ in range(30):
        AgendaItemFactory(event=event)
        ConnectionPointFactory(event=event)
        EventPersonFactory(event=event)
    for _ in range(20):
        document = DocumentFactory()
        DocumentFileFactory(document=document)
        DocumentFileFactory(document=document)
        event.documents.add(document)
    EventReportFactory(event=event)
    with django_assert_max_num_queries(MAX_QUERIES + 4):
        response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["event"].public_documents) == 20


def test_document_list_and_detail_queries(client, django_assert_max_num_queries):
    wards = [WardFactory() for _ in range(5)]
    documents = []
    for i in range(250):
        document = DocumentFactory(issuer=wards[i % 5])
        DocumentFileFactory(document=document)
        documents.append(document)
    for event in EventFactory.create_batch(20):
        event.documents.add(documents[0])
    for query in ("", "?trang=5", f"?co-quan={wards[1].slug}&loai=ke-hoach&nam=2024", "?q=dai+doan+ket"):
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(reverse("events:documents") + query).status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(documents[0].get_absolute_url()).status_code == 200


def test_home_blocks_queries_do_not_grow(client, many_events, django_assert_max_num_queries):
    DocumentFactory.create_batch(30)
    with django_assert_max_num_queries(30):
        assert client.get("/").status_code == 200
