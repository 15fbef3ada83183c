"""frontcms.routing.url_for: reverse() remembered, and forgotten when the URLconf changes."""

from __future__ import annotations

from django.test import override_settings
from django.urls import reverse

from frontcms.routing import url_for


def test_url_for_answers_as_reverse_does():
    assert url_for("news:rss") == reverse("news:rss")
    assert url_for("engagement:view_pixel", 7, 42) == reverse("engagement:view_pixel", args=[7, 42])
    assert url_for("engagement:view_pixel", 7, 43) != url_for("engagement:view_pixel", 7, 42)


def test_url_for_follows_a_changed_urlconf():
    remembered = url_for("news:rss")
    with override_settings(ROOT_URLCONF="tests.frontcms.urls_elsewhere"):
        assert url_for("news:rss") == "/khac/rss-khac/"
    assert url_for("news:rss") == remembered
