"""Events and documents carry share and print buttons like articles; documents count their views."""

from __future__ import annotations

import pytest
from django.urls import reverse

from frontcms.publishing import Status
from tests.engagement.conftest import BROWSER_UA, pixel_url
from tests.factories import DocumentFactory, EventFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("factory", [EventFactory, DocumentFactory], ids=["event", "document"])
def test_published_event_and_document_pages_offer_share_and_print(client, factory):
    obj = factory()
    html = client.get(obj.get_absolute_url()).content.decode()
    page_url = f"http://testserver{obj.get_absolute_url()}"
    assert "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver" in html
    assert "https://zalo.me/share?url=" in html
    assert f'data-copy-link="{page_url}"' in html
    assert "data-print hidden>In trang</button>" in html
    assert f"Địa chỉ trang: {page_url}" in html


def test_document_page_shows_its_view_count_and_counts_a_view_by_the_pixel(client):
    document = DocumentFactory()
    document.__class__.objects.filter(pk=document.pk).update(view_count=41)
    html = client.get(document.get_absolute_url()).content.decode()
    assert "Lượt xem: 41" in html
    assert pixel_url(document) in html
    client.defaults.update(HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR="203.0.113.10")
    assert client.get(pixel_url(document)).status_code == 200
    document.refresh_from_db()
    assert document.view_count == 42


def test_unpublished_document_is_not_counted(client):
    document = DocumentFactory(status=Status.DRAFT)
    client.defaults.update(HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR="203.0.113.10")
    client.get(pixel_url(document))
    document.refresh_from_db()
    assert document.view_count == 0


def test_document_library_lists_are_unchanged_by_counting(client):
    DocumentFactory(title="Kế hoạch được đọc nhiều")
    assert "Kế hoạch được đọc nhiều" in client.get(reverse("events:documents")).content.decode()
