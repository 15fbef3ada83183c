"""HTTP caching: validators on public pages and feeds, year-long caching of hashed static files,
images served at the size they are shown (renditions, srcset, lazy loading)."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from tests.factories import ArticleFactory, EventFactory, PageFactory, make_image_file

pytestmark = pytest.mark.django_db

ONE_YEAR = 365 * 24 * 3600


@pytest.fixture
def public_urls():
    from committees.models import Organization
    from tests.factories import MembershipFactory

    article = ArticleFactory(title="Hội nghị tập huấn nghiệp vụ", tags=["tập huấn"])
    event = EventFactory()
    membership = MembershipFactory()
    page = PageFactory(title="Liên hệ")
    organization = Organization.objects.get(pk=membership.organization_id)
    return {
        "home": "/",
        "news list": reverse("news:list"),
        "category": article.category.get_absolute_url(),
        "tag": reverse("news:tag", kwargs={"slug": article.tags.first().slug}),
        "article": article.get_absolute_url(),
        "events list": reverse("events:list") + "?loai=conference",
        "event": event.get_absolute_url(),
        "organisation": organization.get_absolute_url(),
        "person": membership.person.get_absolute_url(),
        "search": reverse("frontcms:search") + "?q=tap+huan",
        "static page": page.get_absolute_url(),
        "news feed": reverse("news:rss"),
        "category feed": reverse("news:category_rss", kwargs={"slug": article.category.slug}),
        "calendar feed": reverse("events:ics"),
    }


def test_public_pages_and_feeds_carry_validators_and_revalidate(client, public_urls):
    for name, url in public_urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        control = response["Cache-Control"]
        assert "public" in control and "no-cache" in control, (name, control)
        etag = response["ETag"]
        assert re.fullmatch(r'(W/)?"[^"]+"', etag), (name, etag)
        # A browser holding the page gets an empty 304, from the page cache as from a fresh render.
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304, name
        assert again.content == b"", name


def test_a_page_has_one_etag_for_get_and_head_and_it_follows_the_content(client):
    """The ETag is the SHA-1 of the page (frontcms.middleware.content_etag), the same whether a
    GET or a HEAD rendered it, and a new one once the page changes."""
    import hashlib

    article = ArticleFactory(title="Bài trước khi sửa")
    url = article.get_absolute_url()
    got = client.get(url + "?a=1")
    assert got["ETag"] == f'"{hashlib.sha1(got.content, usedforsecurity=False).hexdigest()}"'
    assert client.head(url + "?a=2")["ETag"] == got["ETag"]
    article.title = "Bài sau khi sửa"
    article.save()
    changed = client.get(url + "?a=3")
    assert changed["ETag"] != got["ETag"]
    assert client.get(url + "?a=4", HTTP_IF_NONE_MATCH=got["ETag"]).status_code == 200


def test_streamed_files_keep_their_last_modified_and_get_no_etag(client, settings, tmp_path):
    """A FileResponse (a document download, an upload in demo mode) streams: it has no content to
    hash, so the conditional GET leaves it to its Last-Modified, as Django's own does."""
    from django.http import FileResponse
    from django.test import RequestFactory

    from frontcms.middleware import ConditionalGetMiddleware

    path = tmp_path / "van-ban.pdf"
    path.write_bytes(b"%PDF-1.4 demo")
    request = RequestFactory().get("/media/van-ban.pdf")
    response = ConditionalGetMiddleware(lambda request: FileResponse(path.open("rb")))(request)
    assert response.status_code == 200 and response.streaming
    assert not response.has_header("ETag")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 demo"


def test_staff_pages_are_private(client, editor_user, public_urls):
    client.force_login(editor_user)
    response = client.get(public_urls["article"])
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def _wsgi_get(app, path: str) -> tuple[str, dict, bytes]:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "REMOTE_ADDR": "127.0.0.1",
    }
    seen: dict = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response))
    return seen["status"], seen["headers"], body


def test_hashed_static_files_are_cached_for_a_year_by_whitenoise(tmp_path):
    manifest = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "frontcms.static_storage.StaticFilesStorage"},  # the production default
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=manifest):
        # The project's own files are enough here; the editor's thousands of files are not needed.
        call_command("collectstatic", "--noinput", "-v0", "-i", "ckeditor", "-i", "admin")
        from django.contrib.staticfiles.storage import staticfiles_storage
        from django.core.handlers.wsgi import WSGIHandler

        hashed = staticfiles_storage.url("css/site.css")
        assert re.search(r"/static/css/site\.[0-9a-f]{12}\.css$", hashed), hashed
        # Each URL is worked out once per process, and is what whitenoise's storage gives.
        from whitenoise.storage import CompressedManifestStaticFilesStorage

        assert staticfiles_storage.url("css/site.css") is hashed
        assert CompressedManifestStaticFilesStorage().url("css/site.css") == hashed
        with override_settings(DEBUG=True):
            assert staticfiles_storage.url("css/site.css") == "/static/css/site.css"
        app = WSGIHandler()  # a fresh middleware chain: whitenoise indexes the new STATIC_ROOT
        status, headers, body = _wsgi_get(app, hashed)
        assert status.startswith("200")
        max_age = int(re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1))
        assert max_age >= ONE_YEAR and "public" in headers["Cache-Control"]
        assert body == (tmp_path / hashed.removeprefix("/static/")).read_bytes()
        # The unhashed name may change content at any deploy: short-lived only.
        status, headers, _ = _wsgi_get(app, "/static/css/site.css")
        assert status.startswith("200")
        assert int(re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1)) < ONE_YEAR


def test_list_cards_use_small_renditions_with_srcset_and_lazy_loading(client, settings):
    cover = make_image_file("bia.jpg", size=(1600, 900))
    ArticleFactory(title="Bài có ảnh bìa lớn", cover=cover, cover_caption="Toàn cảnh hội nghị")
    html = client.get(reverse("news:list")).content.decode()
    img = re.search(r'<img class="card__image"[^>]*>', html).group(0)
    assert 'loading="lazy"' in img
    assert 'alt="Toàn cảnh hội nghị"' in img
    srcset = re.search(r'srcset="([^"]+)"', img).group(1)
    candidates = [part.strip().split() for part in srcset.split(",")]
    assert [c[1] for c in candidates] == ["480w", "960w"]
    for url, descriptor in candidates:
        assert url.startswith(settings.MEDIA_URL) and "bia" in url
        path = Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)
        with Image.open(path) as image:
            # Served at the size it is shown, never the 1600-pixel original.
            assert image.width <= int(descriptor.removesuffix("w"))
