"""Ratings and polls: one vote per visitor cookie, limits per address, poll dates, results."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from frontcms.engagement.models import PollVote, Rating
from frontcms.publishing import Status
from tests.engagement.conftest import BROWSER_UA, ct_args
from tests.factories import ArticleFactory, PollFactory

pytestmark = pytest.mark.django_db


def rate_url(obj):
    return reverse("engagement:rate", args=ct_args(obj))


def new_reader(address: str) -> Client:
    return Client(HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR=address)


def test_rating_is_stored_and_redirects_back(reader):
    article = ArticleFactory()
    response = reader.post(rate_url(article), {"score": "4"})
    assert response.status_code == 302
    assert response["Location"].startswith(article.get_absolute_url())
    assert "danh-gia=cam-on" in response["Location"]
    assert Rating.objects.get().score == 4
    assert "fc_vid" in response.cookies


def test_rating_endpoint_needs_no_csrf_token():
    article = ArticleFactory()
    client = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR="203.0.113.20")
    assert client.post(rate_url(article), {"score": "5"}).status_code == 302
    assert Rating.objects.count() == 1


def test_one_rating_per_visitor_cookie(reader):
    article = ArticleFactory()
    reader.post(rate_url(article), {"score": "5"})
    # same cookie, different network
    response = reader.post(rate_url(article), {"score": "1"}, REMOTE_ADDR="198.51.100.99")
    assert "da-danh-gia" in response["Location"]
    assert list(Rating.objects.values_list("score", flat=True)) == [5]


def test_a_new_visitors_rating_is_not_looked_up_first():
    """A visitor given a cookie just now cannot have rated: the rating is written without asking the
    database whether it exists (the unique constraint still guards it); a returning one is asked."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = ArticleFactory()
    visitor = new_reader("203.0.113.40")
    with CaptureQueriesContext(connection) as new:
        visitor.post(rate_url(article), {"score": "5"})
    lookups = [
        q["sql"]
        for q in new.captured_queries
        if q["sql"].startswith("SELECT") and "engagement_rating" in q["sql"]
    ]
    assert lookups == []
    with CaptureQueriesContext(connection) as returning:
        response = visitor.post(rate_url(article), {"score": "4"})
    assert "danh-gia=da-danh-gia" in response["Location"]
    assert any(
        "engagement_rating" in q["sql"] for q in returning.captured_queries if q["sql"].startswith("SELECT")
    )
    assert list(Rating.objects.values_list("score", flat=True)) == [5]


def test_without_a_cookie_the_address_limit_decides(settings):
    """Readers behind one address (a carrier NAT) each rate once; the address gets a few a day."""
    settings.ENGAGEMENT_VOTES_PER_OBJECT_PER_DAY = 3
    article = ArticleFactory()
    for score in ("5", "4", "3"):
        response = new_reader("203.0.113.30").post(rate_url(article), {"score": score})  # no cookie
        assert "danh-gia=cam-on" in response["Location"]
    response = new_reader("203.0.113.30").post(rate_url(article), {"score": "1"})
    assert "danh-gia=qua-nhieu" in response["Location"]
    assert Rating.objects.count() == 3
    new_reader("203.0.113.31").post(rate_url(article), {"score": "2"})
    assert Rating.objects.count() == 4


@pytest.mark.parametrize("score", ["0", "6", "abc", ""])
def test_invalid_score_is_refused(reader, score):
    article = ArticleFactory()
    response = reader.post(rate_url(article), {"score": score})
    assert response.status_code == 302 and "danh-gia=loi" in response["Location"]
    assert not Rating.objects.exists()


def test_rating_a_draft_is_404_and_get_is_405(reader):
    draft = ArticleFactory(status=Status.DRAFT)
    assert reader.post(rate_url(draft), {"score": "5"}).status_code == 404
    assert reader.get(rate_url(ArticleFactory())).status_code == 405


def test_rating_block_shows_average_and_count(rf):
    from django.template import Context, Template

    article = ArticleFactory()
    for n, score in enumerate([5, 4, 4]):
        new_reader(f"203.0.113.{40 + n}").post(rate_url(article), {"score": str(score)})
    html = Template("{% load engagement_tags %}{% rating_block article %}").render(
        Context({"article": article, "request": rf.get("/")})
    )
    assert "Trung bình 4,3/5 (3 lượt đánh giá)" in html
    assert 'name="score"' in html and "csrfmiddlewaretoken" not in html


FROM_SCRIPT = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}  # how engagement.js posts a rating


def test_a_rating_posted_by_the_script_is_answered_with_the_updated_block(
    reader, django_assert_max_num_queries
):
    """engagement.js replaces the block with the answer: figures and notice, no page, no redirect."""
    article = ArticleFactory()
    new_reader("203.0.113.60").post(rate_url(article), {"score": "5"})
    with django_assert_max_num_queries(5):  # the object, the insert in a savepoint, the figures
        response = reader.post(rate_url(article), {"score": "4"}, **FROM_SCRIPT)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="box engagement-rating') and "<html" not in html
    assert "Cảm ơn bạn đã đánh giá." in html and "Trung bình 4,5/5 (2 lượt đánh giá)" in html
    assert 'action="' + rate_url(article) + '"' in html  # the next rating goes to the same place
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "fc_vid" in response.cookies  # the visitor is remembered as after the plain form
    assert sorted(Rating.objects.values_list("score", flat=True)) == [4, 5]

    again = reader.post(rate_url(article), {"score": "1"}, **FROM_SCRIPT)
    assert "Bạn đã đánh giá nội dung này rồi." in again.content.decode()
    refused = new_reader("203.0.113.61").post(rate_url(article), {"score": "9"}, **FROM_SCRIPT)
    assert refused.status_code == 200 and "Vui lòng chọn từ 1 đến 5 sao." in refused.content.decode()
    assert Rating.objects.count() == 2


def test_a_script_rating_of_a_draft_is_still_404(reader):
    draft = ArticleFactory(status=Status.DRAFT)
    assert reader.post(rate_url(draft), {"score": "5"}, **FROM_SCRIPT).status_code == 404
    assert not Rating.objects.exists()


def test_what_a_rating_rates_is_kept(django_assert_max_num_queries):
    """Finding the article costs a query once; later ratings of it only insert and count."""
    article = ArticleFactory()
    new_reader("203.0.113.70").post(rate_url(article), {"score": "5"}, **FROM_SCRIPT)
    with django_assert_max_num_queries(4):  # the insert in a savepoint (3 here), the figures
        response = new_reader("203.0.113.71").post(rate_url(article), {"score": "3"}, **FROM_SCRIPT)
    assert "Trung bình 4/5 (2 lượt đánh giá)" in response.content.decode()
    plain = new_reader("203.0.113.72").post(rate_url(article), {"score": "4"})
    assert plain.status_code == 302 and plain["Location"].startswith(article.get_absolute_url() + "?")


@pytest.mark.parametrize("javascript", [True, False])
def test_an_article_opens_and_closes_to_ratings_as_it_is_published_and_withdrawn(javascript, time_machine):
    """The kept answer follows the article: published, withdrawn, scheduled, deleted."""
    headers = FROM_SCRIPT if javascript else {}
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    article = ArticleFactory(status=Status.DRAFT)
    readers = iter(new_reader(f"203.0.113.{n}") for n in range(80, 99))
    assert next(readers).post(rate_url(article), {"score": "5"}, **headers).status_code == 404
    article.status = Status.PUBLISHED
    article.save()
    assert next(readers).post(rate_url(article), {"score": "5"}, **headers).status_code in (200, 302)
    article.status = Status.ARCHIVED
    article.save()
    assert next(readers).post(rate_url(article), {"score": "5"}, **headers).status_code == 404
    article.status, article.published_at = Status.PUBLISHED, now + datetime.timedelta(minutes=5)
    article.save()
    assert next(readers).post(rate_url(article), {"score": "5"}, **headers).status_code == 404
    # Published by itself, sooner than anything kept expires (PAGE_CACHE_SECONDS).
    time_machine.move_to(now + datetime.timedelta(minutes=6), tick=False)
    assert next(readers).post(rate_url(article), {"score": "4"}, **headers).status_code in (200, 302)
    url = rate_url(article)
    article.delete()
    assert next(readers).post(url, {"score": "5"}, **headers).status_code == 404
    assert sorted(Rating.objects.values_list("score", flat=True)) == [4, 5]


def test_ids_that_lead_nowhere_keep_nothing():
    """Only a public object is kept: a draft, an unknown or an absurd id leaves nothing in the
    cache, so a script cannot fill it by rating ids at random."""
    from django.core.cache import cache

    from frontcms.cache import kept_key
    from frontcms.engagement.api import content_type_id

    draft, public = ArticleFactory(status=Status.DRAFT), ArticleFactory()
    ct = content_type_id(public)
    for object_id in (draft.pk, public.pk + 1000, 10**40):
        url = reverse("engagement:rate", args=[ct, object_id])
        assert new_reader("203.0.113.90").post(url, {"score": "5"}, **FROM_SCRIPT).status_code == 404
        assert cache.get(kept_key(f"engagement:target:{ct}.{object_id}")) is None
    new_reader("203.0.113.91").post(rate_url(public), {"score": "5"}, **FROM_SCRIPT)
    assert cache.get(kept_key(f"engagement:target:{ct}.{public.pk}")) is not None


# --- polls ----------------------------------------------------------------------------------------
def vote_url(poll):
    return reverse("engagement:vote", args=[poll.pk])


def test_vote_counts_once_per_visitor(reader):
    poll = PollFactory()
    first, second = poll.choices.all()[:2]
    response = reader.post(vote_url(poll), {"choice": first.pk})
    assert response.status_code == 302 and "ket-qua=cam-on" in response["Location"]
    response = reader.post(vote_url(poll), {"choice": second.pk})
    assert "da-binh-chon" in response["Location"]
    # the same cookie from another network is still the same visitor
    response = reader.post(vote_url(poll), {"choice": second.pk}, REMOTE_ADDR="198.51.100.99")
    assert "da-binh-chon" in response["Location"]
    assert PollVote.objects.count() == 1
    new_reader("203.0.113.77").post(vote_url(poll), {"choice": second.pk})
    assert PollVote.objects.count() == 2


def test_vote_needs_no_csrf_token():
    poll = PollFactory()
    client = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR="203.0.113.21")
    assert client.post(vote_url(poll), {"choice": poll.choices.first().pk}).status_code == 302
    assert PollVote.objects.count() == 1


@pytest.mark.parametrize(
    "opens,closes",
    [(1, 5), (-5, -1)],  # not yet open; already closed (days from now)
)
def test_votes_outside_the_dates_are_refused(reader, opens, closes):
    now = timezone.now()
    poll = PollFactory(
        opens_at=now + datetime.timedelta(days=opens), closes_at=now + datetime.timedelta(days=closes)
    )
    response = reader.post(vote_url(poll), {"choice": poll.choices.first().pk})
    if opens > 0:
        assert response.status_code == 404  # not visible before it opens
    else:
        assert "ket-qua=da-dong" in response["Location"]
    assert not PollVote.objects.exists()


def test_inactive_poll_is_refused(reader):
    poll = PollFactory(is_active=False)
    assert reader.post(vote_url(poll), {"choice": poll.choices.first().pk}).status_code == 404
    assert reader.get(poll.get_absolute_url()).status_code == 404


def test_choice_of_another_poll_is_refused(reader):
    poll, other = PollFactory(), PollFactory()
    response = reader.post(vote_url(poll), {"choice": other.choices.first().pk})
    assert "ket-qua=loi" in response["Location"]
    assert not PollVote.objects.exists()


def test_results_page_shows_accessible_bars(reader, django_assert_max_num_queries):
    poll = PollFactory(choices=["Tin tức", "Sự kiện", "Văn bản"])
    tin, su_kien, _ = poll.choices.all()
    for n in range(40):
        PollVote.objects.create(poll=poll, choice=tin if n < 30 else su_kien, voter_hash=f"v{n}")
    # cold caches: poll + results, site settings, menu, sidebar poll (2), organisations, stats (3),
    # links, and the next time-driven change (worked out once per content version for fragments;
    # with no event at all, scheduled documents and reports take a query each)
    with django_assert_max_num_queries(16):
        response = reader.get(poll.get_absolute_url())
    html = response.content.decode()
    assert '<meter class="engagement-results__bar" min="0" max="100" value="75.0"' in html
    assert "75,0% (30)" in html and "25,0% (10)" in html and "0% (0)" in html
    assert "40 lượt bình chọn" in html
    assert "engagement-poll-form" in html  # open and not yet voted
    assert "X-Page-Cache" not in response


def test_closed_poll_shows_results_only(reader):
    now = timezone.now()
    poll = PollFactory(opens_at=now - datetime.timedelta(days=10), closes_at=now - datetime.timedelta(days=1))
    html = reader.get(poll.get_absolute_url()).content.decode()
    assert "Khảo sát đã kết thúc" in html
    assert "engagement-poll-form" not in html and 'name="choice"' not in html


def test_after_voting_results_have_no_form(reader):
    poll = PollFactory()
    reader.post(vote_url(poll), {"choice": poll.choices.first().pk})
    html = reader.get(poll.get_absolute_url() + "?ket-qua=cam-on").content.decode()
    assert "Cảm ơn bạn đã tham gia khảo sát" in html
    assert "engagement-poll-form" not in html


def test_poll_close_must_follow_open():
    from django.core.exceptions import ValidationError

    now = timezone.now()
    poll = PollFactory.build(opens_at=now, closes_at=now - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError):
        poll.full_clean()


@pytest.mark.django_db(transaction=True)
def test_a_rating_on_its_own_moves_the_cache_once(monkeypatch):
    """Outside a transaction the rating's INSERT commits by itself: its tags move once, not once
    at the save and again at a commit (frontcms.cache.invalidate); readers still see the new figure."""
    from frontcms import cache as frontcms_cache

    article = ArticleFactory()
    reader = new_reader("203.0.113.61")
    assert "lượt đánh giá)" not in reader.get(article.get_absolute_url()).content.decode()  # now cached
    bumps = []
    original = frontcms_cache._bump
    monkeypatch.setattr(frontcms_cache, "_bump", lambda tags: (bumps.append(set(tags)), original(tags)))
    response = reader.post(rate_url(article), {"score": "4"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200 and "Cảm ơn bạn đã đánh giá." in response.content.decode()
    assert len(bumps) == 1
    monkeypatch.undo()
    assert Rating.objects.get().score == 4
    assert (
        "Trung bình 4/5 (1 lượt đánh giá)"
        in new_reader("203.0.113.62").get(article.get_absolute_url()).content.decode()
    )


@pytest.mark.django_db(transaction=True)
def test_a_duplicate_rating_outside_a_transaction_leaves_the_connection_usable(rf):
    """The unique constraint still answers "already rated" when the INSERT is its own transaction."""
    from django.contrib.contenttypes.models import ContentType

    from frontcms.engagement.views import _store_vote

    article = ArticleFactory()
    ct = ContentType.objects.get_for_model(article)
    fields = {"content_type": ct, "object_id": article.pk, "score": 3, "voter_hash": "v" * 16}
    Rating.objects.create(**fields, client_hash="c")
    request = rf.post("/", REMOTE_ADDR="203.0.113.63")
    outcome = _store_vote(
        request, lambda: Rating.objects.create(**fields, client_hash="d"), "x", Rating.objects.none(), True
    )
    assert outcome == "da-ton-tai"
    assert Rating.objects.count() == 1  # and the connection still answers
