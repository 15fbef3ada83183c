"""The publishing service (frontcms.publishing_service): the rules of every workflow step, who is
told by e-mail, the steps recorded and one revision per object, whoever calls it."""

import datetime
import io
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from reversion.models import Version

from events.models import Document, Event, EventReport
from frontcms import publishing_service as service
from frontcms.models import WorkflowAction, WorkflowStep
from frontcms.publishing import Status
from frontcms.publishing_service import WorkflowError
from frontcms.roles import CONTRIBUTORS, EDITORS
from news.models import Article
from tests.factories import (
    ArticleFactory,
    DocumentFactory,
    EventFactory,
    EventReportFactory,
    StaffAssignmentFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db
SEED = sorted((Path(__file__).resolve().parents[3] / "shared" / "seeds").glob("*.txt"))[0]


def user_in(django_user_model, username, group, email="", **extra):
    user = django_user_model.objects.create_user(username, password="x", is_staff=True, email=email, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def people(django_user_model):
    ward = WardFactory(name="Ủy ban MTTQ Việt Nam phường Khương Đình")
    writer = user_in(django_user_model, "ctv", CONTRIBUTORS, "ctv@phuong.vn", first_name="Lan")
    StaffAssignmentFactory(user=writer, organization=ward)
    return {
        "ward": ward,
        "writer": writer,
        "editor": user_in(django_user_model, "bt1", EDITORS, "bt1@quan.vn", first_name="Hùng"),
        "editor2": user_in(django_user_model, "bt2", EDITORS, "bt2@quan.vn"),
        "mute_editor": user_in(django_user_model, "bt3", EDITORS, ""),  # no address: never mailed
        "gone_editor": user_in(django_user_model, "bt4", EDITORS, "bt4@quan.vn", is_active=False),
        "other_writer": user_in(django_user_model, "ctv2", CONTRIBUTORS, "ctv2@phuong.vn"),
    }


def draft_by(writer, ward, **values):
    article = Article(
        title="Phường Khương Đình ra quân vệ sinh môi trường", body="<p>Nội dung.</p>", **values
    )
    article.organization = ward
    service.save_draft(article, user=writer)
    return article


def recipients(outbox) -> set[str]:
    return {address for message in outbox for address in message.to}


# --- the whole round trip ---------------------------------------------------------------------------
def test_submit_return_resubmit_approve_later_tells_the_right_people(
    people, django_capture_on_commit_callbacks
):
    writer, editor = people["writer"], people["editor"]
    article = draft_by(writer, people["ward"])
    assert article.status == Status.DRAFT

    with django_capture_on_commit_callbacks(execute=True):
        service.submit(article, user=writer)
    assert article.status == Status.PENDING
    assert recipients(mail.outbox) == {"bt1@quan.vn", "bt2@quan.vn"}  # editors with an address, active
    assert "Chờ duyệt: Phường Khương Đình" in mail.outbox[0].subject
    assert f"/quan-tri/news/article/{article.pk}/change/" in mail.outbox[0].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        service.return_to_author(article, user=editor, reason="Thiếu tên người phát biểu.")
    assert article.status == Status.RETURNED
    assert recipients(mail.outbox) == {"ctv@phuong.vn"}
    assert "Thiếu tên người phát biểu." in mail.outbox[0].body
    step = service.return_reason(article)
    assert (step.reason, step.actor, step.recipient) == ("Thiếu tên người phát biểu.", editor, writer)

    service.submit(article, user=writer)
    assert article.status == Status.PENDING and service.return_reason(article) is None

    mail.outbox.clear()
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        step = service.publish(article, user=editor, at=tomorrow)
    assert step.action == WorkflowAction.APPROVED and step.publish_at == tomorrow
    assert article.is_scheduled and not Article.objects.published().filter(pk=article.pk).exists()
    assert recipients(mail.outbox) == {"ctv@phuong.vn"}
    assert "hẹn giờ" in mail.outbox[0].subject.lower()
    with time_machine.travel(tomorrow + datetime.timedelta(minutes=1)):
        assert Article.objects.published().filter(pk=article.pk).exists()

    actions = list(service.steps_of(article).order_by("at", "pk").values_list("action", "actor__username"))
    assert actions == [
        (WorkflowAction.CREATED, "ctv"),
        (WorkflowAction.SUBMITTED, "ctv"),
        (WorkflowAction.RETURNED, "bt1"),
        (WorkflowAction.SUBMITTED, "ctv"),
        (WorkflowAction.APPROVED, "bt1"),
    ]


def test_a_rolled_back_step_records_nothing_and_tells_nobody(people, django_capture_on_commit_callbacks):
    article = draft_by(people["writer"], people["ward"])

    def fail():
        raise RuntimeError("disk full")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        service.submit(article, user=people["writer"], save=fail)
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert not WorkflowStep.objects.filter(action=WorkflowAction.SUBMITTED).exists()
    assert not mail.outbox


def test_a_mail_server_failure_does_not_undo_the_step(people, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    article = draft_by(people["writer"], people["ward"])
    with django_capture_on_commit_callbacks(execute=True):
        service.submit(article, user=people["writer"])
    article.refresh_from_db()
    assert article.status == Status.PENDING


# --- the rules --------------------------------------------------------------------------------------
@pytest.mark.parametrize("step", ["publish", "return", "archive"])
def test_contributors_never_publish_return_or_take_down(people, step):
    writer = people["writer"]
    article = draft_by(writer, people["ward"])
    service.submit(article, user=writer)
    calls = {
        "publish": lambda: service.publish(article, user=writer),
        "return": lambda: service.return_to_author(article, user=writer, reason="tự trả lại"),
        "archive": lambda: service.archive(article, user=writer),
    }
    with pytest.raises(WorkflowError) as error:
        calls[step]()
    assert "không có quyền" in error.value.message
    article.refresh_from_db()
    assert article.status == Status.PENDING


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED, Status.PUBLISHED, Status.ARCHIVED])
def test_only_a_pending_item_can_be_returned(people, status):
    article = ArticleFactory(status=status)
    with pytest.raises(WorkflowError, match="đang chờ duyệt"):
        service.return_to_author(article, user=people["editor"], reason="Sửa lại.")
    article.refresh_from_db()
    assert article.status == status


def test_returning_needs_a_reason(people):
    article = ArticleFactory(status=Status.PENDING)
    with pytest.raises(WorkflowError, match="lý do"):
        service.return_to_author(article, user=people["editor"], reason="   ")
    assert Article.objects.get(pk=article.pk).status == Status.PENDING


def test_a_pending_item_is_not_submitted_twice(people):
    article = draft_by(people["writer"], people["ward"])
    service.submit(article, user=people["writer"])
    with pytest.raises(WorkflowError, match="đang chờ duyệt"):
        service.submit(article, user=people["writer"])


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.ARCHIVED])
def test_contributors_cannot_save_or_submit_what_readers_saw(people, status):
    article = ArticleFactory(status=status, organization=people["ward"], title="Bài đã duyệt")
    article.title = "Sửa lén sau khi duyệt"
    for step in (service.save_draft, service.submit):
        with pytest.raises(WorkflowError):
            step(article, user=people["writer"])
    article.refresh_from_db()
    assert (article.title, article.status) == ("Bài đã duyệt", status)


def test_a_status_set_in_memory_is_never_saved_by_save_draft(people):
    article = draft_by(people["writer"], people["ward"])
    article.status = Status.PUBLISHED  # a forged value, whatever its source
    service.save_draft(article, user=people["writer"])
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    fresh = Article(
        title="Bài mới tinh", body="<p>x</p>", status=Status.PUBLISHED, organization=people["ward"]
    )
    service.save_draft(fresh, user=people["writer"])
    assert Article.objects.get(pk=fresh.pk).status == Status.DRAFT


def test_an_editor_moving_a_published_time_reschedules_it_as_a_step(people):
    article = ArticleFactory(status=Status.PUBLISHED)
    later = timezone.now() + datetime.timedelta(hours=5)
    article.published_at = later
    step = service.save_draft(article, user=people["editor"])
    assert step.action == WorkflowAction.RESCHEDULED and step.publish_at == later
    article.refresh_from_db()
    assert article.is_scheduled


def test_a_take_down_is_named_by_what_the_item_was(people):
    live = ArticleFactory(status=Status.PUBLISHED)
    draft = ArticleFactory(status=Status.DRAFT)
    assert service.archive(live, user=people["editor"]).action == WorkflowAction.UNPUBLISHED
    assert service.archive(draft, user=people["editor"]).action == WorkflowAction.ARCHIVED
    assert not Article.objects.published().filter(pk=live.pk).exists()
    with pytest.raises(WorkflowError, match="đã được gỡ"):
        service.archive(live, user=people["editor"])


@pytest.mark.parametrize(
    ("factory", "model"),
    [(EventFactory, Event), (EventReportFactory, EventReport), (DocumentFactory, Document)],
    ids=["event", "report", "document"],
)
def test_every_content_with_a_workflow_follows_the_same_rules(people, factory, model):
    obj = factory(status=Status.PENDING)
    with pytest.raises(WorkflowError):
        service.publish(obj, user=people["writer"])
    service.publish(obj, user=people["editor"])
    assert model.objects.published().filter(pk=obj.pk).exists()


def test_the_reports_publishers_are_the_events():
    assert EventReport.get_publish_permission() == "events.publish_event"
    assert Article.get_publish_permission() == "news.publish_article"
    assert Document.get_publish_permission() == "events.publish_document"


# --- revisions and the system ------------------------------------------------------------------------
def test_each_step_keeps_one_revision_of_the_object_by_its_actor(people):
    article = draft_by(people["writer"], people["ward"])
    service.submit(article, user=people["writer"])
    service.publish(article, user=people["editor"])
    versions = Version.objects.get_for_object(article).order_by("pk")
    assert [v.revision.user for v in versions] == [people["writer"], people["writer"], people["editor"]]
    assert [v.revision.get_comment() for v in versions] == ["Lưu nháp", "Gửi duyệt", "Duyệt và đăng"]
    assert all(v.revision.version_set.count() == 1 for v in versions)


def test_a_command_publishes_as_the_system_and_says_so(people):
    article = Article(title="Tin nhập từ trang cũ", body="<p>x</p>")
    step = service.publish(article, user=None, at=timezone.now() - datetime.timedelta(days=400))
    assert (step.actor, step.actor_name, step.action) == (None, "Hệ thống", WorkflowAction.PUBLISHED)
    assert step.from_status == "" and article.is_published


def test_import_articles_publish_goes_through_the_service():
    call_command("import_articles", "--publish", str(SEED), stdout=io.StringIO())
    article = Article.objects.get()
    assert article.is_published
    assert timezone.localtime(article.published_at).strftime("%d/%m/%Y %H:%M") == "23/07/2019 15:27"
    step = service.steps_of(article).get()
    assert (step.action, step.actor, step.actor_name) == (WorkflowAction.PUBLISHED, None, "Hệ thống")
    version = Version.objects.get_for_object(article).get()
    assert version.revision.user is None and "Nhập từ trang cũ" in version.revision.get_comment()
    call_command("import_articles", "--publish", str(SEED), stdout=io.StringIO())  # again: nothing new
    assert WorkflowStep.objects.count() == 1


def test_import_articles_without_publish_makes_a_recorded_draft():
    call_command("import_articles", str(SEED), stdout=io.StringIO())
    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert service.steps_of(article).get().action == WorkflowAction.CREATED


# --- how the state reads ----------------------------------------------------------------------------
def test_a_scheduled_item_reads_as_scheduled_with_its_local_time():
    moment = timezone.make_aware(datetime.datetime(2030, 12, 5, 8, 0))
    article = ArticleFactory(status=Status.PUBLISHED, published_at=moment)
    assert article.get_status_display() == "Hẹn giờ đăng (05/12/2030 08:00)"
    assert article.state == "scheduled"
    live = ArticleFactory(status=Status.PUBLISHED)
    assert live.get_status_display() == "Đã xuất bản" and live.state == "live"
    assert Article.objects.in_state("scheduled").get() == article
    assert Article.objects.in_state("live").get() == live
