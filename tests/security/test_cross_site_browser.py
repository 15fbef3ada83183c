"""In a real Chromium: a page on another site that makes its visitors' browsers post a vote or a
rating to the portal gets a Vietnamese refusal and stores nothing; the portal's own forms work."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from frontcms.engagement.models import PollVote, Rating
from tests.factories import ArticleFactory, PollFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EVIL = "http://binh-chon-ho.test"


def _evil_page(action: str, fields: dict[str, object]) -> str:
    inputs = "".join(f'<input type="hidden" name="{k}" value="{v}">' for k, v in fields.items())
    return (
        "<!DOCTYPE html><html><body>"
        f'<form id="f" method="post" action="{action}">{inputs}</form>'
        "<script>document.getElementById('f').submit()</script>"
        "</body></html>"
    )


@pytest.fixture
def visitor(chromium, live_server):
    """A reader's browser that also visits another site (served here by Playwright)."""
    context = chromium.new_context(base_url=live_server.url, locale="vi-VN")
    pages: dict[str, str] = {}
    context.route(
        f"{EVIL}/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=pages[route.request.url]),
    )
    context.evil_pages = pages
    yield context
    context.close()


def test_another_site_cannot_cast_votes_or_ratings_as_its_visitors(visitor, live_server):
    poll, article = PollFactory(), ArticleFactory()
    ct = ContentType.objects.get_for_model(article)
    targets = {
        f"{EVIL}/binh-chon": (
            live_server.url + reverse("engagement:vote", args=[poll.pk]),
            {"choice": poll.choices.first().pk},
        ),
        f"{EVIL}/danh-gia": (
            live_server.url + reverse("engagement:rate", args=[ct.pk, article.pk]),
            {"score": 1},
        ),
    }
    page = visitor.new_page()
    for url, (action, fields) in targets.items():
        visitor.evil_pages[url] = _evil_page(action, fields)
        with page.expect_navigation(url=f"{live_server.url}/**"):
            page.goto(url)
        text = page.locator("main").inner_text()
        assert "được gửi từ một trang web khác nên không được ghi nhận" in text, text
    assert not PollVote.objects.exists() and not Rating.objects.exists()

    # The same browser votes on the portal's own page.
    page.goto(poll.get_absolute_url())
    page.locator("input[name=choice]").first.check()
    page.locator(".engagement-poll-form button[type=submit]").click()
    page.wait_for_url("**ket-qua=cam-on**")
    assert PollVote.objects.count() == 1
