"""Citizens' feedback, visitor statistics, home/sidebar blocks and the privacy purge."""

import datetime
import io
import zipfile

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from frontcms.engagement import api
from frontcms.engagement.models import (
    Comment,
    CommentStatus,
    Feedback,
    FeedbackStatus,
    OnlineVisitor,
    PollVote,
    Rating,
    VisitCounter,
)
from frontcms.models import SiteSettings
from tests.engagement.conftest import BROWSER_UA, pixel_url
from tests.factories import ArticleFactory, CommentFactory, FeedbackFactory, PollFactory

pytestmark = pytest.mark.django_db


def feedback_data(**extra):
    data = {
        "name": "Lê Văn Cường",
        "contact": "cuong@example.vn",
        "subject": "Kiến nghị về vệ sinh môi trường",
        "message": "Đề nghị tăng cường thu gom rác tại tổ dân phố số 5.",
        "captcha_0": "x",
        "captcha_1": "PASSED",
    }
    data.update(extra)
    return data


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def png_bytes(fmt: str = "PNG") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 0, 0)).save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.fixture
def site_with_feedback_address():
    site = SiteSettings.load()
    site.email = "vanphong@mttq.example.vn"
    site.feedback_email = "gopy@mttq.example.vn"
    site.save()
    return site


def test_feedback_is_stored_emailed_and_gets_a_reference(reader, site_with_feedback_address):
    response = reader.post(reverse("engagement:feedback"), feedback_data())
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.status == FeedbackStatus.NEW
    year = timezone.localdate().year
    assert feedback.reference == f"GY-{year}-{feedback.pk:06d}"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["gopy@mttq.example.vn"]
    assert feedback.reference in message.subject
    assert "thu gom rác" in message.body
    thanks = reader.get(response["Location"])
    assert feedback.reference in thanks.content.decode()


def test_feedback_falls_back_to_the_portal_address(reader):
    site = SiteSettings.load()
    site.email = "vanphong@mttq.example.vn"
    site.save()
    reader.post(reverse("engagement:feedback"), feedback_data())
    assert mail.outbox[0].to == ["vanphong@mttq.example.vn"]


def test_feedback_without_any_address_is_still_stored(reader):
    assert reader.post(reverse("engagement:feedback"), feedback_data()).status_code == 302
    assert Feedback.objects.count() == 1 and not mail.outbox


def test_thank_you_page_needs_a_valid_token(reader):
    feedback = FeedbackFactory()
    assert reader.get(reverse("engagement:feedback_thanks", args=[str(feedback.pk)])).status_code == 404


def test_feedback_wrong_captcha(reader):
    response = reader.post(reverse("engagement:feedback"), feedback_data(captcha_1="SAI"))
    assert response.status_code == 200 and "Mã xác thực không đúng" in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "name,content",
    [
        ("vanban.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n"),
        ("anh.png", None),
        ("anh.jpg", "jpeg"),  # a real picture: image attachments are re-encoded
        ("kien-nghi.docx", "docx"),
    ],
)
def test_allowed_attachments_are_accepted_and_mailed(reader, site_with_feedback_address, name, content):
    if content is None:
        content = png_bytes()
    elif content == "jpeg":
        content = png_bytes("JPEG")
    elif content == "docx":
        content = docx_bytes()
    upload = SimpleUploadedFile(name, content)
    response = reader.post(reverse("engagement:feedback"), feedback_data(attachment=upload))
    assert response.status_code == 302, response.content.decode()[:500]
    feedback = Feedback.objects.get()
    assert feedback.attachment.name.startswith("gop-y/")
    assert name.split(".")[0] not in feedback.attachment.name  # unguessable stored name
    assert len(mail.outbox[0].attachments) == 1


@pytest.mark.parametrize(
    "name,content",
    [
        ("virus.exe", b"MZ\x90\x00"),
        ("gia.pdf", b"<html><script>alert(1)</script>"),  # extension lies
        ("anh.png", b"\xff\xd8\xff\xe0"),  # JPEG bytes named .png
        ("trang.html", b"<html></html>"),
        ("hinh.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("nen.docx", b"PK\x03\x04not really a zip"),
        ("khong-duoi", b"%PDF-1.4"),
    ],
)
def test_wrong_attachment_types_are_refused(reader, name, content):
    response = reader.post(
        reverse("engagement:feedback"), feedback_data(attachment=SimpleUploadedFile(name, content))
    )
    assert response.status_code == 200
    assert "Chỉ nhận tệp PDF, DOCX, JPEG hoặc PNG" in response.content.decode()
    assert not Feedback.objects.exists()


def test_oversized_attachment_is_refused(reader, settings):
    settings.ENGAGEMENT_FEEDBACK_MAX_ATTACHMENT = 1024
    upload = SimpleUploadedFile("lon.pdf", b"%PDF-1.7\n" + b"0" * 2048)
    response = reader.post(reverse("engagement:feedback"), feedback_data(attachment=upload))
    assert response.status_code == 200 and "Tệp quá lớn" in response.content.decode()
    assert not Feedback.objects.exists()


def test_feedback_rate_limit(reader):
    for _ in range(5):
        assert reader.post(reverse("engagement:feedback"), feedback_data()).status_code == 302
    response = reader.post(reverse("engagement:feedback"), feedback_data())
    assert response.status_code == 200 and "nhiều góp ý" in response.content.decode()


def test_feedback_admin_lists_status(admin_client):
    FeedbackFactory.create_batch(30)
    response = admin_client.get(reverse("admin:engagement_feedback_changelist"))
    assert response.status_code == 200
    assert "GY-" in response.content.decode() and "Mới" in response.content.decode()


# --- visitor statistics -----------------------------------------------------------------------------
def test_visit_counted_once_per_day_per_visitor(reader):
    url = reverse("engagement:visit_pixel")
    first = reader.get(url)
    assert "fc_visit" in first.cookies
    reader.get(url)
    reader.get(pixel_url(ArticleFactory()))
    assert VisitCounter.objects.aggregate(n=Sum("count"))["n"] == 1
    # a visitor without cookies is recognised by the hashed client
    Client(HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR="203.0.113.10").get(url)
    Client(HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR="203.0.113.11").get(url)
    assert api.visitor_stats()["today"] == 2


def test_stats_today_yesterday_total_online_in_local_time(reader):
    # 23:30 in Hà Nội is 16:30 UTC the same day
    with time_machine.travel(datetime.datetime(2026, 3, 9, 16, 30, tzinfo=datetime.UTC), tick=False):
        VisitCounter.objects.create(day=datetime.date(2026, 3, 8), shard=0, count=40)
        VisitCounter.objects.create(day=datetime.date(2026, 3, 8), shard=3, count=2)
        VisitCounter.objects.create(day=datetime.date(2026, 1, 1), shard=1, count=1000)
        reader.get(reverse("engagement:visit_pixel"))
        stats = api.visitor_stats()
    assert VisitCounter.objects.get(count=1).day == datetime.date(2026, 3, 9)
    assert stats == {"total": 1043, "today": 1, "yesterday": 42, "online": 1}


def test_today_starts_afresh_at_midnight_even_within_the_stats_cache_minute(reader):
    # 23:59:30 in Hà Nội is 16:59:30 UTC
    evening = datetime.datetime(2026, 3, 9, 16, 59, 30, tzinfo=datetime.UTC)
    with time_machine.travel(evening, tick=False):
        VisitCounter.objects.create(day=datetime.date(2026, 3, 9), shard=0, count=7)
        assert api.visitor_stats()["today"] == 7
    with time_machine.travel(evening + datetime.timedelta(seconds=40), tick=False):
        assert api.visitor_stats()["today"] == 0
        assert api.visitor_stats()["yesterday"] == 7


def test_online_counts_distinct_visitors_of_the_last_five_minutes(client):
    url = reverse("engagement:visit_pixel")
    browsers = [Client(HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR=f"198.51.100.{n + 1}") for n in range(3)]
    for browser in browsers:
        browser.get(url)
    browsers[0].get(url)
    assert OnlineVisitor.objects.count() == 3
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6)):
        assert api.visitor_stats()["online"] == 0


def test_bots_and_staff_are_not_visits(client, editor_client):
    url = reverse("engagement:visit_pixel")
    client.get(url, HTTP_USER_AGENT="Googlebot/2.1")
    editor_client.get(url, HTTP_USER_AGENT=BROWSER_UA)
    assert not VisitCounter.objects.exists() and not OnlineVisitor.objects.exists()


def test_stats_json(reader):
    data = reader.get(reverse("engagement:stats")).json()
    assert set(data) == {"total", "today", "yesterday", "online"}


def test_sidebar_shows_stats_and_open_poll(reader):
    PollFactory(question="Bạn quan tâm mục gì nhất trong Website của chúng tôi?")
    html = reader.get(reverse("frontcms:home")).content.decode()
    assert "Thống kê truy cập" in html and "Hôm qua" in html
    assert "Khảo sát" in html and "Bạn quan tâm mục gì nhất" in html
    assert reverse("engagement:visit_pixel") in html


def test_home_most_read_block(reader, django_assert_max_num_queries):
    for n in range(30):
        ArticleFactory(title=f"Tin số {n}", view_count=n)
    with django_assert_max_num_queries(25):
        html = reader.get(reverse("frontcms:home")).content.decode()
    assert "Đọc nhiều nhất" in html
    block = html.split("Đọc nhiều nhất", 1)[1]
    positions = [block.index(f"Tin số {n}<") for n in (29, 28, 27, 26, 25)]
    assert positions == sorted(positions)
    assert "Tin số 24<" not in block.split("</section>", 1)[0]


# --- privacy --------------------------------------------------------------------------------------
def test_purge_erases_old_client_hashes_and_spam(reader):
    article = ArticleFactory()
    old = timezone.now() - datetime.timedelta(days=200)
    kept = CommentFactory(content_object=article, client_hash="a" * 64, created_at=old)
    spam = CommentFactory(
        content_object=article, status=CommentStatus.SPAM, client_hash="b" * 64, created_at=old
    )
    recent = CommentFactory(content_object=article, client_hash="c" * 64)
    reader.post(reverse("engagement:rate", args=[api.content_type_id(article), article.pk]), {"score": "5"})
    Rating.objects.update(created_at=old)
    poll = PollFactory()
    PollVote.objects.create(
        poll=poll, choice=poll.choices.first(), voter_hash="v", client_hash="d" * 64, created_at=old
    )
    FeedbackFactory(client_hash="e" * 64, created_at=old)
    OnlineVisitor.objects.create(visitor_hash="f" * 64, last_seen=old)
    out = io.StringIO()
    call_command("purge_engagement_data", stdout=out)
    assert not Comment.objects.filter(pk=spam.pk).exists()
    kept.refresh_from_db()
    recent.refresh_from_db()
    assert kept.client_hash == "" and recent.client_hash == "c" * 64
    assert Rating.objects.get().client_hash == "" and Rating.objects.get().score == 5
    assert PollVote.objects.get().client_hash == ""
    assert Feedback.objects.get().client_hash == ""
    assert not OnlineVisitor.objects.exists()
    assert "quá 180 ngày" in out.getvalue()


def test_purge_respects_the_retention_setting(settings):
    settings.ENGAGEMENT_RETENTION_DAYS = 400
    FeedbackFactory(client_hash="e" * 64, created_at=timezone.now() - datetime.timedelta(days=200))
    call_command("purge_engagement_data", stdout=io.StringIO())
    assert Feedback.objects.get().client_hash == "e" * 64


def test_addresses_are_only_stored_hashed(reader):
    article = ArticleFactory()
    reader.post(reverse("engagement:rate", args=[api.content_type_id(article), article.pk]), {"score": "3"})
    rating = Rating.objects.get()
    assert "203.0.113.10" not in rating.client_hash and len(rating.client_hash) == 64


def test_demo_seed_is_idempotent_and_comments_only_what_the_demo_created():
    from frontcms.demo import DemoRun
    from frontcms.engagement import demo

    people_wrote = ArticleFactory.create_batch(2)
    run = DemoRun()
    for article in ArticleFactory.create_batch(3):
        run.add(article)
    demo.seed(io.StringIO(), run)
    counts = (Comment.objects.count(), PollVote.objects.count())
    demo.seed(io.StringIO(), DemoRun())
    assert (Comment.objects.count(), PollVote.objects.count()) == counts
    commented = set(Comment.objects.values_list("object_id", flat=True))
    assert commented == {a.pk for a in run.objects(type(people_wrote[0]))}
    assert not commented & {a.pk for a in people_wrote}
    from frontcms.engagement.models import Poll

    assert Poll.objects.open().count() == 1
