"""The anonymous page cache: served from cache, invalidated by every change, never for staff."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from frontcms.models import MenuItem, SiteSettings
from tests.factories import ArticleFactory, PageFactory

pytestmark = pytest.mark.django_db


def test_second_anonymous_request_is_a_cache_hit(client):
    page = PageFactory(title="Giới thiệu")
    first = client.get(page.get_absolute_url())
    second = client.get(page.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "no-cache" in second["Cache-Control"] and second["ETag"]


def test_http_and_https_readers_get_their_own_page(client):
    """Pages hold absolute links (canonical, sharing tags): one cached page per scheme."""
    page = PageFactory(title="Giới thiệu")
    url = page.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    secure = client.get(url, secure=True)
    assert secure["X-Page-Cache"] == "miss"
    assert f'rel="canonical" href="https://testserver{url}"' in secure.content.decode()
    assert client.get(url, secure=True)["X-Page-Cache"] == "hit"
    assert f'rel="canonical" href="http://testserver{url}"' in client.get(url).content.decode()


def test_links_shared_with_tracking_parameters_are_the_same_cached_page(client):
    """Facebook adds `fbclid`, Zalo `zarsrc` and `utm_…`: no view reads them, so a shared link is
    served from the cache like the plain address. Other parameters still make their own page."""
    article = ArticleFactory(title="Hội nghị Ủy ban MTTQ phường")
    url = article.get_absolute_url()
    plain = client.get(url)
    assert plain["X-Page-Cache"] == "miss"
    for shared in (
        "?fbclid=IwAR3xyz",
        "?zarsrc=30&utm_source=zalo&utm_medium=zalo&utm_campaign=zalo",
        "?gclid=1",
    ):
        response = client.get(url + shared)
        assert response["X-Page-Cache"] == "hit", shared
        assert response.content == plain.content
    assert client.get(url + "?trang=2&utm_source=zalo")["X-Page-Cache"] == "miss"
    assert client.get(url + "?trang=2")["X-Page-Cache"] == "hit"  # the same page without utm_
    assert client.get(url + "?fbclid_like=1")["X-Page-Cache"] == "miss"  # not a tracking parameter


def test_a_list_opened_with_tracking_parameters_does_not_repeat_them_to_other_readers(client):
    """The page stored for `/tin-tuc/?utm_source=x` is the one every reader of `/tin-tuc/` gets:
    its page links keep the filters but not the tracking parameters."""
    from django.urls import reverse

    ArticleFactory.create_batch(25)
    news = reverse("news:list")
    shared = client.get(news + "?utm_source=ke-tan-cong&fbclid=abc")
    assert shared["X-Page-Cache"] == "miss"
    plain = client.get(news)
    assert plain["X-Page-Cache"] == "hit"
    html = plain.content.decode()
    assert "trang=2" in html
    assert "utm_source" not in html and "ke-tan-cong" not in html and "fbclid" not in html


def test_etag_revalidation_gives_304(client):
    page = PageFactory(title="Giới thiệu")
    etag = client.get(page.get_absolute_url())["ETag"]
    assert client.get(page.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_editing_a_page_invalidates_cached_copies(client):
    page = PageFactory(title="Giới thiệu", body="<p>Bản cũ</p>")
    assert "Bản cũ" in client.get(page.get_absolute_url()).content.decode()
    page.body = "<p>Bản mới</p>"
    page.save()
    assert "Bản mới" in client.get(page.get_absolute_url()).content.decode()


def test_unpublishing_a_page_invalidates_it(client):
    page = PageFactory(title="Giới thiệu")
    client.get(page.get_absolute_url())
    page.is_published = False
    page.save()
    assert client.get(page.get_absolute_url()).status_code == 404


def test_menu_and_site_settings_changes_invalidate_every_page(client):
    page = PageFactory(title="Giới thiệu")
    client.get(page.get_absolute_url())
    MenuItem.objects.create(title="Mục mới tinh", page=page)
    assert "Mục mới tinh" in client.get(page.get_absolute_url()).content.decode()
    SiteSettings(site_name="Tên cổng mới tinh").save()
    assert "Tên cổng mới tinh" in client.get(page.get_absolute_url()).content.decode()


def test_logged_in_staff_always_get_fresh_private_pages(client, editor_user):
    page = PageFactory(title="Giới thiệu", body="<p>Bản cũ</p>")
    client.get(page.get_absolute_url())
    client.force_login(editor_user)
    response = client.get(page.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_cached_pages_expire_at_the_next_time_driven_change(client):
    now = timezone.now()
    ArticleFactory(published_at=now + datetime.timedelta(seconds=90))  # scheduled: the list turns then
    with time_machine.travel(now, tick=False):
        client.get("/tin-tuc/")
        assert client.get("/tin-tuc/")["X-Page-Cache"] == "hit"
    with time_machine.travel(now + datetime.timedelta(seconds=91), tick=False):
        assert client.get("/tin-tuc/")["X-Page-Cache"] == "miss"


def test_header_date_turns_at_midnight(client):
    page = PageFactory(title="Giới thiệu")
    tz = timezone.get_current_timezone()
    with time_machine.travel(datetime.datetime(2024, 5, 9, 23, 59, tzinfo=tz), tick=False):
        assert "Thứ năm, 09/05/2024" in client.get(page.get_absolute_url()).content.decode()
    with time_machine.travel(datetime.datetime(2024, 5, 10, 0, 1, tzinfo=tz), tick=False):
        assert "Thứ sáu, 10/05/2024" in client.get(page.get_absolute_url()).content.decode()
