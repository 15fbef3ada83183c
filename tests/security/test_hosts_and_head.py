"""A request for a host outside ALLOWED_HOSTS gets a 400 page that does not need the host, through
the whole production middleware stack; HEAD is answered wherever GET is."""

from __future__ import annotations

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client, RequestFactory
from django.urls import reverse
from PIL import Image

from frontcms.views import error_400
from tests.factories import ArticleFactory, EventFactory
from tests.security.support import public_pages

HOST = "mttq.example.vn"
BAD_HOSTS = ["ke-gia-mao.example", "mttq.example.vn.ke-gia-mao.example", "mttq.example.vn:abc", "[::1", "a b"]


@pytest.fixture
def production(settings):
    """The documented production set-up behind nginx (DEBUG=0 is the test settings' own)."""
    settings.ALLOWED_HOSTS = [HOST]
    settings.CSRF_TRUSTED_ORIGINS = [f"https://{HOST}"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_REDIRECT_EXEMPT = [r"^suc-khoe/$"]
    settings.PROXY_COUNT = 1
    assert settings.DEBUG is False


def _paths() -> list[tuple[str, str]]:
    article = ArticleFactory()
    pixel = reverse("engagement:view_pixel", args=[ContentType.objects.get_for_model(article).pk, article.pk])
    gets = [
        "/",
        "/tin-tuc/",
        article.get_absolute_url(),
        "/robots.txt",
        "/sitemap.xml",
        "/tin-tuc/rss/",
        "/su-kien/lich.ics",
        pixel,
        "/suc-khoe/",
        "/quan-tri/login/",
        "/khong-co-trang-nay/",
        "/tim-kiem/?q=%00",
    ]
    posts = ["/gop-y/", "/quan-tri/login/", "/ckeditor/upload/", reverse("engagement:rate", args=[1, 1])]
    return [("get", p) for p in gets] + [("head", p) for p in gets] + [("post", p) for p in posts]


@pytest.mark.django_db
@pytest.mark.parametrize("scheme", ["https", "http"])
def test_a_host_outside_allowed_hosts_is_a_400_not_a_500(production, scheme):
    """raise_request_exception is on: anything failing on the error path would raise here."""
    client = Client(raise_request_exception=True)
    failures = []
    for host in BAD_HOSTS:
        for method, path in _paths():
            response = getattr(client, method)(
                path,
                HTTP_HOST=host,
                HTTP_X_FORWARDED_PROTO=scheme,
                HTTP_X_FORWARDED_FOR="203.0.113.5",
                REMOTE_ADDR="127.0.0.1",
            )
            if response.status_code != 400:
                failures.append((host, method, path, response.status_code))
            elif method != "head":
                html = response.content.decode()
                if "Yêu cầu không hợp lệ" not in html or host.split(":")[0] in html:
                    failures.append((host, method, path, "page"))
    assert not failures, failures


@pytest.mark.django_db
def test_the_allowed_host_still_gets_its_pages(production):
    client = Client()
    meta = {"HTTP_HOST": HOST, "HTTP_X_FORWARDED_PROTO": "https", "REMOTE_ADDR": "127.0.0.1"}
    assert client.get("/", **meta).status_code == 200
    assert client.get("/", HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="http").status_code == 301  # to https
    # The ordinary 400 page (a malformed query) is still the full page of the site.
    response = client.get("/tim-kiem/?q=%00", **meta)
    assert response.status_code == 400 and f"https://{HOST}/" in response.content.decode()


def test_the_400_page_for_a_bad_host_is_built_without_the_host(settings):
    settings.ALLOWED_HOSTS = [HOST]
    request = RequestFactory().get("/", HTTP_HOST="ke-gia-mao.example")
    response = error_400(request)
    html = response.content.decode()
    assert response.status_code == 400 and 'lang="vi"' in html and "Yêu cầu không hợp lệ" in html
    assert "ke-gia-mao" not in html and "no-store" in response["Cache-Control"]


# --- HEAD ---------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_head_is_answered_wherever_get_is():
    pages, _skipped = public_pages()
    event = EventFactory()
    article = ArticleFactory()
    ct = ContentType.objects.get_for_model(article)
    pages += [
        "/robots.txt",
        "/su-kien/lich.ics",
        reverse("events:event_ics", kwargs={"slug": event.slug}),
        reverse("engagement:view_pixel", args=[ct.pk, article.pk]),
        reverse("engagement:visit_pixel"),
        reverse("engagement:stats"),
        "/suc-khoe/",
        "/sitemap.xml",
        "/tin-tuc/rss/",
    ]
    failures = []
    for path in sorted(set(pages)):
        got = Client().get(path)
        headed = Client().head(path)
        if headed.status_code != got.status_code or headed.content:
            failures.append((path, got.status_code, headed.status_code))
        elif got.status_code == 200 and headed["Content-Type"] != got["Content-Type"]:
            failures.append((path, "Content-Type", got["Content-Type"], headed["Content-Type"]))
    assert not failures, failures


@pytest.mark.django_db
def test_head_of_a_counter_image_is_an_image():
    buffer = io.BytesIO(Client().get(reverse("engagement:visit_pixel")).content)
    assert Image.open(buffer).size == (1, 1)
    response = Client().head(reverse("engagement:visit_pixel"))
    assert response.status_code == 200 and response["Content-Type"] == "image/gif"
