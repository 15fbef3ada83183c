"""View counting by the pixel: window, bots, staff previews, unpublished objects, concurrency."""

import datetime
import threading

import pytest
import time_machine
from django.db import connections
from django.test import Client
from django.utils import timezone

from frontcms.publishing import Status
from tests.engagement.conftest import BROWSER_UA, pixel_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def views_of(article) -> int:
    article.refresh_from_db()
    return article.view_count


def test_pixel_is_an_uncacheable_gif(reader):
    article = ArticleFactory()
    response = reader.get(pixel_url(article))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"GIF89a")


def test_one_reader_is_counted_once_per_window(reader):
    article = ArticleFactory()
    reader.get(pixel_url(article))
    reader.get(pixel_url(article))
    assert views_of(article) == 1
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=31)):
        # locmem honours expiry by wall clock, which time_machine moves
        reader.get(pixel_url(article))
    assert views_of(article) == 2


def test_window_follows_the_setting(reader, settings):
    settings.ENGAGEMENT_VIEW_WINDOW_MINUTES = 5
    article = ArticleFactory()
    reader.get(pixel_url(article))
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6)):
        reader.get(pixel_url(article))
    assert views_of(article) == 2


def test_different_readers_are_counted_separately(client):
    article = ArticleFactory()
    for n in range(3):
        Client().get(pixel_url(article), HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR=f"198.51.100.{n + 1}")
    assert views_of(article) == 3
    # one browser (one visitor cookie) moving between networks is one reader
    for n in range(3):
        client.get(pixel_url(article), HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR=f"198.51.100.{n + 10}")
    assert views_of(article) == 4


def test_reader_counted_again_for_another_article(reader):
    first, second = ArticleFactory(), ArticleFactory()
    reader.get(pixel_url(first))
    reader.get(pixel_url(second))
    assert views_of(first) == 1 and views_of(second) == 1


@pytest.mark.parametrize(
    "agent",
    [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 HeadlessChrome/120.0",
        "",
    ],
)
def test_bots_are_not_counted(client, agent):
    article = ArticleFactory()
    response = client.get(pixel_url(article), HTTP_USER_AGENT=agent)
    assert response.status_code == 200
    assert views_of(article) == 0


def test_staff_preview_is_not_counted(editor_client):
    article = ArticleFactory()
    editor_client.get(pixel_url(article), HTTP_USER_AGENT=BROWSER_UA)
    assert views_of(article) == 0


def test_logged_in_user_without_change_right_is_counted(client, django_user_model):
    user = django_user_model.objects.create_user("bandoc", password="Mat-khau-thu-123")
    client.force_login(user)
    article = ArticleFactory()
    client.get(pixel_url(article), HTTP_USER_AGENT=BROWSER_UA)
    assert views_of(article) == 1


def test_unpublished_article_is_not_counted(reader):
    draft = ArticleFactory(status=Status.DRAFT)
    reader.get(pixel_url(draft))
    assert views_of(draft) == 0


def test_unknown_or_unregistered_targets_are_404(reader, admin_user):
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    user_ct = ContentType.objects.get_for_model(admin_user)
    assert reader.get(reverse("engagement:view_pixel", args=[user_ct.pk, admin_user.pk])).status_code == 404
    assert reader.get(reverse("engagement:view_pixel", args=[999999, 1])).status_code == 404
    article = ArticleFactory()
    assert reader.get(pixel_url(article).replace(f"/{article.pk}.gif", "/999999.gif")).status_code == 200


def test_counting_does_not_empty_the_page_cache(reader):
    article = ArticleFactory()
    reader.get(article.get_absolute_url())
    assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    reader.get(pixel_url(article))
    assert views_of(article) == 1
    assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "hit"


def test_view_counted_when_the_article_page_is_served_from_the_cache(client):
    """The page comes from the page cache, but the browser still loads the pixel."""
    article = ArticleFactory()
    first = client.get(article.get_absolute_url())
    second = client.get(article.get_absolute_url())
    assert second.get("X-Page-Cache") == "hit"
    html = second.content.decode()
    assert pixel_url(article) in html
    client.get(pixel_url(article), HTTP_USER_AGENT=BROWSER_UA)
    assert views_of(article) == 1
    assert first.status_code == 200


def read_all_at_once(url: str, readers: int, network: str) -> list[Exception]:
    """`readers` readers, each from its own address in `network` (10.x), ask for `url` at the same
    moment; the errors they met."""
    barrier = threading.Barrier(readers)
    errors = []

    def read(n):
        try:
            barrier.wait()
            response = Client().get(
                url, HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR=f"10.{network}.{n // 250}.{n % 250 + 1}"
            )
            assert response.status_code == 200
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=read, args=(n,)) for n in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_views_are_all_counted():
    article = ArticleFactory(view_count=7)
    assert not read_all_at_once(pixel_url(article), 50, "0")
    assert views_of(article) == 57


# --- views per day (the editors' readership chart) ---------------------------------------------------
def daily_views(article) -> dict:
    from frontcms.engagement.models import DailyViews

    return dict(DailyViews.objects.filter(object_id=article.pk).values_list("day", "views"))


def test_each_counted_view_is_added_to_its_local_day(reader):
    article = ArticleFactory()
    now = timezone.localtime()  # Asia/Ho_Chi_Minh
    evening = now.replace(hour=23, minute=50) + datetime.timedelta(days=1 if now.hour == 23 else 0)
    day = evening.date()
    with time_machine.travel(evening):
        reader.get(pixel_url(article))
        reader.get(pixel_url(article))  # the same reader within the window: not counted
        Client().get(pixel_url(article), HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR="198.51.100.7")
    with time_machine.travel(evening + datetime.timedelta(minutes=40)):  # after local midnight
        reader.get(pixel_url(article))
    assert daily_views(article) == {day: 2, day + datetime.timedelta(days=1): 1}
    assert views_of(article) == 3


def test_what_is_not_counted_is_not_added_to_a_day(editor_client):
    article = ArticleFactory()
    draft = ArticleFactory(status=Status.DRAFT)
    Client().get(pixel_url(article), HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)")
    editor_client.get(pixel_url(article))
    Client().get(pixel_url(draft), HTTP_USER_AGENT=BROWSER_UA)
    assert daily_views(article) == {} and daily_views(draft) == {}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_first_views_of_the_day_make_one_exact_row():
    from frontcms.engagement.models import DailyViews

    article = ArticleFactory(view_count=0)
    assert not read_all_at_once(pixel_url(article), 50, "1")
    assert list(DailyViews.objects.values_list("views", flat=True)) == [50]
    assert views_of(article) == 50
