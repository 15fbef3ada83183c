"""Public writes cannot be stuffed: a script behind the proxy that changes its User-Agent (and drops
or invents cookies) on every request gets only the per-address share of poll votes, ratings, views,
visits, comments and feedback, while dozens of real readers behind one carrier NAT still take part.
Rating and vote POSTs sent by a page of another site are refused with a Vietnamese message."""

from __future__ import annotations

import datetime
import secrets

import pytest
import time_machine
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from frontcms.engagement import api
from frontcms.engagement.models import Comment, Feedback, OnlineVisitor, PollVote, Rating, VisitCounter
from frontcms.engagement.privacy import VISITOR_COOKIE
from tests.factories import ArticleFactory, PollFactory
from tests.security.proxy import forwarded, new_agent, reader_browser, scripted_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("behind_one_proxy")]

SCRIPT = "203.0.113.66"
NAT = "100.64.10.1"  # one carrier-grade NAT address shared by many phones


@pytest.fixture
def behind_one_proxy(settings):
    settings.PROXY_COUNT = 1


def rate_url(obj) -> str:
    return reverse("engagement:rate", args=[ContentType.objects.get_for_model(obj).pk, obj.pk])


def vote_url(poll) -> str:
    return reverse("engagement:vote", args=[poll.pk])


def pixel_url(obj) -> str:
    return reverse("engagement:view_pixel", args=[ContentType.objects.get_for_model(obj).pk, obj.pk])


def invented_cookie() -> dict[str, str]:
    return {"HTTP_COOKIE": f"{VISITOR_COOKIE}={secrets.token_urlsafe(24)}"}


# --- ratings and poll votes ---------------------------------------------------------------------------
def test_script_changing_user_agent_gets_a_few_poll_votes_not_thirty():
    poll = PollFactory()
    choice = poll.choices.first()
    outcomes = [scripted_client(SCRIPT).post(vote_url(poll), {"choice": choice.pk}) for _ in range(30)]
    assert {r.status_code for r in outcomes} == {302}
    assert PollVote.objects.count() == settings.ENGAGEMENT_VOTES_PER_OBJECT_PER_DAY == 5
    assert sum("ket-qua=qua-nhieu" in r["Location"] for r in outcomes) == 25
    # The refusal reads as Vietnamese on the results page.
    html = Client().get(outcomes[-1]["Location"]).content.decode()
    assert "đã gửi nhiều lượt bình chọn trong thời gian ngắn" in html


def test_script_changing_user_agent_gets_a_few_ratings_not_thirty():
    article = ArticleFactory()
    outcomes = [scripted_client(SCRIPT).post(rate_url(article), {"score": "1"}) for _ in range(30)]
    assert Rating.objects.count() == 5
    assert sum("danh-gia=qua-nhieu" in r["Location"] for r in outcomes) == 25
    html = Client().get(outcomes[-1]["Location"]).content.decode()
    assert "đã gửi nhiều lượt đánh giá trong thời gian ngắn" in html


def test_invented_visitor_cookies_do_not_buy_more_votes():
    poll = PollFactory()
    for _ in range(30):
        scripted_client(SCRIPT).post(vote_url(poll), {"choice": poll.choices.first().pk}, **invented_cookie())
    assert PollVote.objects.count() == 5


def test_the_visitor_cookie_is_the_one_vote_key_and_is_stored_hashed():
    poll = PollFactory()
    browser = reader_browser(NAT)
    assert "cam-on" in browser.post(vote_url(poll), {"choice": poll.choices.first().pk})["Location"]
    cookie = browser.cookies[VISITOR_COOKIE].value
    for address in (NAT, "198.51.100.3", "2001:db8::5"):  # the same phone on other networks
        response = browser.post(vote_url(poll), {"choice": poll.choices.last().pk}, **forwarded(address))
        assert "da-binh-chon" in response["Location"]
    vote = PollVote.objects.get()
    assert cookie not in vote.voter_hash and NAT not in vote.client_hash


def test_dozens_of_readers_behind_one_nat_rate_different_articles():
    articles = ArticleFactory.create_batch(36)
    for article in articles:
        response = reader_browser(NAT).post(rate_url(article), {"score": "5"})
        assert "danh-gia=cam-on" in response["Location"]
    assert Rating.objects.count() == 36


def test_readers_behind_one_nat_share_a_few_votes_per_poll_a_day():
    poll = PollFactory()
    choice = poll.choices.first()
    outcomes = [reader_browser(NAT).post(vote_url(poll), {"choice": choice.pk})["Location"] for _ in range(7)]
    assert ["cam-on" in o for o in outcomes] == [True] * 5 + [False] * 2
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, minutes=1)):
        assert "cam-on" in reader_browser(NAT).post(vote_url(poll), {"choice": choice.pk})["Location"]
    # Another address was never affected.
    assert "cam-on" in reader_browser("198.51.100.44").post(vote_url(poll), {"choice": choice.pk})["Location"]


def test_an_address_has_an_hourly_cap_across_the_portal():
    articles = ArticleFactory.create_batch(45)
    stored = [
        "danh-gia=cam-on" in scripted_client(SCRIPT).post(rate_url(a), {"score": "5"})["Location"]
        for a in articles
    ]
    assert sum(stored) == settings.ENGAGEMENT_VOTES_PER_HOUR == 40
    assert stored[-5:] == [False] * 5
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1, minutes=1)):
        assert "cam-on" in scripted_client(SCRIPT).post(rate_url(articles[-1]), {"score": "5"})["Location"]


def test_an_ipv6_script_cannot_rotate_through_its_subnet():
    poll = PollFactory()
    for n in range(20):
        scripted_client(f"2001:db8:abcd:12::{n + 1:x}").post(
            vote_url(poll), {"choice": poll.choices.first().pk}
        )
    assert PollVote.objects.count() == 5


def test_forged_forwarded_for_does_not_make_a_new_client():
    poll = PollFactory()
    for n in range(20):
        Client(HTTP_USER_AGENT=new_agent(), **forwarded(SCRIPT, spoofed=f"10.0.{n}.1")).post(
            vote_url(poll), {"choice": poll.choices.first().pk}
        )
    assert PollVote.objects.count() == 5


# --- cross-site POSTs ----------------------------------------------------------------------------------
CROSS_SITE = [
    {"HTTP_SEC_FETCH_SITE": "cross-site"},
    {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://binh-chon-ho.example"},
    {"HTTP_ORIGIN": "https://binh-chon-ho.example"},
    {"HTTP_ORIGIN": "null"},  # a sandboxed frame or a data: page
    {"HTTP_ORIGIN": "http://testserver.example.com"},
    {"HTTP_ORIGIN": "https://testserver"},  # this host, but another scheme
]


@pytest.mark.parametrize("headers", CROSS_SITE, ids=[str(sorted(h.values())) for h in CROSS_SITE])
def test_cross_site_ratings_and_votes_are_refused_in_vietnamese(headers):
    article, poll = ArticleFactory(), PollFactory()
    for url, data in (
        (rate_url(article), {"score": "5"}),
        (vote_url(poll), {"choice": poll.choices.first().pk}),
    ):
        response = reader_browser("198.51.100.8").post(url, data, **headers)
        assert response.status_code == 403, (url, response.status_code)
        html = response.content.decode()
        assert 'lang="vi"' in html and "được gửi từ một trang web khác nên không được ghi nhận" in html
    assert not Rating.objects.exists() and not PollVote.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {},  # a browser that sends neither header
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_SEC_FETCH_SITE": "none"},  # typed or bookmarked
        {"HTTP_ORIGIN": "https://mttq.example.vn"},  # listed in CSRF_TRUSTED_ORIGINS
    ],
)
def test_same_site_ratings_and_votes_are_accepted(settings, headers):
    settings.CSRF_TRUSTED_ORIGINS = ["https://mttq.example.vn"]
    article, poll = ArticleFactory(), PollFactory()
    assert "cam-on" in reader_browser(NAT).post(rate_url(article), {"score": "4"}, **headers)["Location"]
    assert (
        "cam-on"
        in reader_browser(NAT).post(vote_url(poll), {"choice": poll.choices.first().pk}, **headers)[
            "Location"
        ]
    )


def test_refused_cross_site_posts_do_not_spend_the_readers_share():
    poll = PollFactory()
    for _ in range(10):
        reader_browser(NAT).post(
            vote_url(poll), {"choice": poll.choices.first().pk}, HTTP_ORIGIN="https://x.example"
        )
    assert (
        "cam-on" in reader_browser(NAT).post(vote_url(poll), {"choice": poll.choices.first().pk})["Location"]
    )


# --- views and visits ---------------------------------------------------------------------------------
def _views(article) -> int:
    article.refresh_from_db()
    return article.view_count


def test_forty_requests_with_changing_user_agents_add_one_view():
    article = ArticleFactory()
    for _ in range(40):
        assert scripted_client(SCRIPT).get(pixel_url(article)).status_code == 200
    assert _views(article) == 1


def test_forty_requests_with_invented_cookies_add_only_the_address_share():
    article = ArticleFactory()
    for _ in range(40):
        scripted_client(SCRIPT).get(pixel_url(article), **invented_cookie())
    assert _views(article) == settings.ENGAGEMENT_VIEWS_PER_OBJECT_PER_DAY == 20


def test_readers_behind_one_nat_are_each_counted():
    article = ArticleFactory()
    readers = [reader_browser(NAT) for _ in range(15)]
    for browser in readers:
        browser.get(reverse("engagement:visit_pixel"))  # an earlier page gave each one its cookie
    for browser in readers:
        browser.get(pixel_url(article))
        browser.get(pixel_url(article))  # a reload within the window
    assert _views(article) == 15


def test_invented_cookies_cannot_inflate_visits_or_online_figures(settings):
    settings.ENGAGEMENT_VISITS_PER_DAY = 10
    url = reverse("engagement:visit_pixel")
    for _ in range(30):
        scripted_client(SCRIPT).get(url, **invented_cookie())
    for _ in range(30):
        scripted_client(SCRIPT).get(url)  # and without any cookie
    assert VisitCounter.objects.aggregate(n=Sum("count"))["n"] == 10
    assert OnlineVisitor.objects.count() <= 10
    assert api.visitor_stats()["today"] == 10


def test_head_requests_count_nothing():
    article = ArticleFactory()
    response = reader_browser(NAT).head(pixel_url(article))
    assert response.status_code == 200 and response["Content-Type"] == "image/gif"
    assert _views(article) == 0 and not VisitCounter.objects.exists()


# --- comments and feedback ----------------------------------------------------------------------------
def _comment(article, n: int, client: Client):
    url = reverse("engagement:comment", args=[ContentType.objects.get_for_model(article).pk, article.pk])
    data = {
        "name": "Người gửi",
        "text": f"Ý kiến số {n} gửi từ kịch bản tự động.",
        "captcha_0": "x",
        "captcha_1": "PASSED",
    }
    return client.post(url, data)


def test_comment_limit_holds_against_changing_user_agents():
    article = ArticleFactory()
    responses = [_comment(article, n, scripted_client(SCRIPT)) for n in range(10)]
    assert Comment.objects.count() == settings.ENGAGEMENT_COMMENT_RATE == 3
    refused = responses[-1]
    assert refused.status_code == 200
    assert "Bạn đã gửi nhiều ý kiến trong thời gian ngắn" in refused.content.decode()
    assert _comment(article, 99, reader_browser("198.51.100.9")).status_code == 302


def test_feedback_limit_holds_against_changing_user_agents():
    data = {
        "name": "Người gửi",
        "contact": "0900000000",
        "subject": "Góp ý tự động",
        "message": "Nội dung góp ý gửi bằng kịch bản.",
        "captcha_0": "x",
        "captcha_1": "PASSED",
    }
    responses = [scripted_client(SCRIPT).post(reverse("engagement:feedback"), data) for _ in range(10)]
    assert Feedback.objects.count() == settings.ENGAGEMENT_FEEDBACK_RATE == 5
    assert "Bạn đã gửi nhiều góp ý trong thời gian ngắn" in responses[-1].content.decode()


def test_limits_are_named_settings_with_documented_defaults():
    from pathlib import Path

    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    security = readme.split("## Security", 1)[1].split("\n## ", 1)[0]
    for name in (
        "ENGAGEMENT_VOTES_PER_OBJECT_PER_DAY",
        "ENGAGEMENT_VOTES_PER_HOUR",
        "ENGAGEMENT_VIEWS_PER_OBJECT_PER_DAY",
        "ENGAGEMENT_VISITS_PER_DAY",
        "ENGAGEMENT_COMMENT_RATE",
        "ENGAGEMENT_FEEDBACK_RATE",
        "UPLOAD_RATE",
    ):
        assert f"| `{name}` | `{getattr(settings, name)}` |" in security, name
