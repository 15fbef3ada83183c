"""The workflow in the admin: named step buttons per role and state, a reason to return, the return
shown on the item, the steps listed, "Hẹn giờ đăng (…)" in lists, filters and forms, bulk actions
through the service."""

import datetime
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from frontcms import publishing_service as service
from frontcms.models import WorkflowAction
from frontcms.publishing import Status
from news.models import Article
from tests.factories import ArticleFactory, EventFactory, StaffAssignmentFactory, WardFactory
from tests.news.test_admin import form_data

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:news_article_changelist")
ADD = reverse("admin:news_article_add")


def change_url(obj):
    return reverse("admin:news_article_change", args=[obj.pk])


def buttons(html: str) -> list[str]:
    return re.findall(r'<button type="submit" name="_workflow" value="(\w+)"', html)


@pytest.fixture
def ward():
    return WardFactory(name="Ủy ban MTTQ Việt Nam phường Khương Đình")


@pytest.fixture
def writer_client(client, contributor_user, ward):
    contributor_user.email = "ctv@phuong.vn"
    contributor_user.save()
    StaffAssignmentFactory(user=contributor_user, organization=ward)
    client.force_login(contributor_user)
    return client


@pytest.fixture
def editor(editor_user):
    editor_user.email = "bientap@quan.vn"
    editor_user.save()
    return editor_user


# --- the buttons ------------------------------------------------------------------------------------
def test_a_contributor_gets_save_and_submit_and_no_status_list(writer_client, ward):
    html = writer_client.get(ADD).content.decode()
    assert buttons(html) == ["save", "submit"]
    assert "Lưu nháp" in html and "Gửi duyệt" in html
    assert 'name="status"' not in html and 'name="published_at_0"' not in html
    article = ArticleFactory(status=Status.PENDING, organization=ward)
    assert buttons(writer_client.get(change_url(article)).content.decode()) == ["save"]


@pytest.mark.parametrize(
    ("status", "expected", "publish_label"),
    [
        (Status.DRAFT, ["save", "submit", "publish"], "Đăng"),
        (Status.PENDING, ["save", "publish", "return"], "Duyệt và đăng"),
        (Status.RETURNED, ["save", "submit", "publish"], "Đăng"),
        (Status.PUBLISHED, ["save", "publish", "archive"], "Đổi giờ đăng"),
        (Status.ARCHIVED, ["save", "publish"], "Đăng lại"),
    ],
)
def test_an_editor_gets_the_steps_the_state_allows(editor_client, status, expected, publish_label):
    article = ArticleFactory(status=status)
    html = editor_client.get(change_url(article)).content.decode()
    assert buttons(html) == expected
    assert f'value="publish" class="button default">{publish_label}</button>' in html
    assert 'name="publish_at_0"' in html  # the time to publish sits beside the button


# --- the steps through the form ---------------------------------------------------------------------
def test_return_without_a_reason_is_a_form_error_and_changes_nothing(editor_client):
    article = ArticleFactory(status=Status.PENDING)
    response = editor_client.post(change_url(article), form_data(article, _workflow="return"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["return_reason"] == [
        "Hãy ghi lý do trả lại, để người viết biết cần sửa gì."
    ]
    assert "Hãy ghi lý do trả lại" in response.content.decode()  # shown beside the reason box
    article.refresh_from_db()
    assert article.status == Status.PENDING


def test_the_contributor_sees_the_reason_on_the_item_until_it_is_resubmitted(
    client, writer_client, contributor_user, editor, ward, django_capture_on_commit_callbacks
):
    response = writer_client.post(
        ADD, form_data(title="Tin trao quà", organization=ward.pk, _workflow="submit")
    )
    assert response.status_code == 302 and response["Location"] == CHANGELIST
    article = Article.objects.get(title="Tin trao quà")
    writer_client.logout()

    client.force_login(editor)
    reason = "Ghi rõ tên các nhà hảo tâm và số suất quà."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            change_url(article), form_data(article, _workflow="return", return_reason=reason)
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["ctv@phuong.vn"]]
    client.logout()

    client.force_login(contributor_user)
    html = client.get(change_url(article)).content.decode()
    notice = html[html.index("workflow-returned") :]
    assert "Biên tập viên đã trả lại bài này" in html and reason in notice
    assert "Gửi duyệt lại" in html
    assert 'workflow-state--returned">Trả lại</span>' in html
    # "Lưu nháp" keeps it returned, the reason still there, and stays on the item.
    article.refresh_from_db()
    response = client.post(
        change_url(article), form_data(article, title="Tin trao quà (đã sửa)", _workflow="save")
    )
    assert response.status_code == 302 and response["Location"] == change_url(article)
    assert reason in client.get(change_url(article)).content.decode()
    article.refresh_from_db()
    response = client.post(change_url(article), form_data(article, _workflow="submit"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.PENDING
    html = client.get(change_url(article)).content.decode()
    assert "Biên tập viên đã trả lại bài này" not in html
    # The steps stay listed on the item, the reason with its step.
    steps = html[html.index('class="workflow-history"') :]
    assert reason in steps and "Trả lại" in steps and "Gửi duyệt" in steps


def test_approve_at_a_time_schedules_it_and_every_view_says_so(editor_client, ward):
    article = ArticleFactory(status=Status.PENDING, organization=ward, title="Tin hẹn giờ")
    response = editor_client.post(
        change_url(article),
        form_data(article, _workflow="publish", publish_at_0="05/12/2030", publish_at_1="08:00"),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_scheduled
    label = "Hẹn giờ đăng (05/12/2030 08:00)"
    messages = editor_client.get(response["Location"]).content.decode()
    assert "“Tin hẹn giờ” sẽ tự đăng lúc 05/12/2030 08:00." in messages
    assert label in messages  # the list
    assert label in editor_client.get(change_url(article)).content.decode()  # the form
    ArticleFactory(title="Tin đã đăng từ trước")
    filtered = editor_client.get(CHANGELIST, {"trang_thai": "scheduled"})
    assert list(filtered.context["cl"].queryset) == [article]
    assert "Hẹn giờ đăng" in filtered.content.decode()  # a choice of the filter
    step = service.steps_of(article).first()
    assert step.action == WorkflowAction.APPROVED
    entry = LogEntry.objects.filter(object_id=str(article.pk)).latest("pk")
    assert entry.get_change_message().startswith("Duyệt và đăng.")


def test_take_down_from_the_form(editor_client):
    article = ArticleFactory(title="Tin gỡ xuống")
    response = editor_client.post(change_url(article), form_data(article, _workflow="archive"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.ARCHIVED
    assert service.steps_of(article).get().action == WorkflowAction.UNPUBLISHED


@pytest.mark.parametrize("day", ["31/02/2030", "01/01/0001", "31/12/1929", "01/01/2100", "31/12/9999"])
def test_a_bad_publish_time_is_a_form_error(editor_client, day):
    # Year 1 crashed the save (500: the UTC conversion overflowed); far years are typing slips.
    article = ArticleFactory(status=Status.PENDING)
    response = editor_client.post(
        change_url(article),
        form_data(article, _workflow="publish", publish_at_0=day, publish_at_1="00:00"),
    )
    assert response.status_code == 200 and "publish_at" in response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.status == Status.PENDING


def test_a_contributor_forging_a_step_gets_a_form_error(writer_client, ward):
    article = ArticleFactory(status=Status.PENDING, organization=ward)
    for step in ("publish", "return", "archive", "nonsense"):
        response = writer_client.post(
            change_url(article), form_data(article, _workflow=step, return_reason="x")
        )
        assert response.status_code == 200, step
        assert response.context["adminform"].form.non_field_errors(), step
    article.refresh_from_db()
    assert article.status == Status.PENDING


def test_the_organisation_stays_required_for_contributors_with_the_step_form(writer_client):
    response = writer_client.post(ADD, form_data(organization="", _workflow="submit"))
    assert response.status_code == 200 and "organization" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


# --- lists and bulk actions ---------------------------------------------------------------------------
def test_the_list_shows_states_as_staff_say_them(editor_client):
    ArticleFactory(title="Tin chờ", status=Status.PENDING)
    ArticleFactory(title="Tin hẹn", published_at=timezone.now() + datetime.timedelta(days=2))
    html = editor_client.get(CHANGELIST).content.decode()
    assert 'workflow-state--pending">Chờ duyệt<' in html
    assert 'workflow-state--scheduled">Hẹn giờ đăng (' in html
    for value, label in [
        ("returned", "Trả lại"),
        ("live", "Đang hiện với bạn đọc"),
        ("scheduled", "Hẹn giờ đăng"),
    ]:
        assert f"?trang_thai={value}" in html and label in html


def test_bulk_actions_go_through_the_service_and_record_each_step(
    editor_client, django_capture_on_commit_callbacks
):
    pending = [ArticleFactory(status=Status.PENDING) for _ in range(2)]
    already = ArticleFactory(status=Status.PUBLISHED)
    editor_client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [a.pk for a in [*pending, already]]}
    )
    for article in pending:
        assert service.steps_of(article).get().action == WorkflowAction.APPROVED
    assert not service.steps_of(already).exists()


def test_bulk_submit_takes_drafts_and_returned_items_and_tells_editors(
    client, contributor_user, editor, ward, django_capture_on_commit_callbacks
):
    StaffAssignmentFactory(user=contributor_user, organization=ward)
    client.force_login(contributor_user)
    draft = ArticleFactory(status=Status.DRAFT, organization=ward)
    returned = ArticleFactory(status=Status.RETURNED, organization=ward)
    event = EventFactory(status=Status.DRAFT, organization=ward)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHANGELIST, {"action": "submit_for_review", "_selected_action": [draft.pk, returned.pk]})
        client.post(
            reverse("admin:events_event_changelist"),
            {"action": "submit_for_review", "_selected_action": [event.pk]},
        )
    for obj in (draft, returned, event):
        obj.refresh_from_db()
        assert obj.status == Status.PENDING
    assert len(mail.outbox) == 3 and {m.to[0] for m in mail.outbox} == {"bientap@quan.vn"}


# --- a form sent back as it was shown -----------------------------------------------------------------
def _as_shown(article, **overrides):
    """The change form of a published article as the browser sends it back untouched: the publish
    time to the minute, and the body as CKEditor writes it (with what the sanitiser drops)."""
    shown = timezone.localtime(article.published_at)
    as_shown = {
        "body": article.body.replace("<p>", '<p style="">'),
        "publish_at_0": shown.strftime("%d/%m/%Y"),
        "publish_at_1": shown.strftime("%H:%M"),
        "_workflow": "save",
    }
    return form_data(article, **{**as_shown, **overrides})


def test_saving_untouched_names_no_change_and_no_hidden_field(editor_client):
    published = timezone.now().replace(second=42, microsecond=123456) - datetime.timedelta(days=2)
    article = ArticleFactory(status=Status.PUBLISHED, published_at=published, body="<p>Một.</p><p>Hai.</p>")
    response = editor_client.post(change_url(article), _as_shown(article))
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    entry = LogEntry.objects.filter(object_id=str(article.pk)).latest("pk")
    assert entry.get_change_message() == "Không có trường nào thay đổi."
    response = editor_client.post(
        change_url(article), _as_shown(Article.objects.get(pk=article.pk), title="Tên mới")
    )
    message = LogEntry.objects.filter(object_id=str(article.pk)).latest("pk").get_change_message()
    assert "Tiêu đề" in message and "Phiên bản đã mở" not in message and "Nội dung" not in message


def test_a_new_publish_time_with_the_save_button_is_a_form_error(editor_client):
    article = ArticleFactory(
        status=Status.PUBLISHED, published_at=timezone.now() - datetime.timedelta(days=2)
    )
    before = article.published_at
    response = editor_client.post(change_url(article), _as_shown(article, publish_at_1="23:59", title="Sửa"))
    assert response.status_code == 200
    assert "nút lưu không đổi giờ đăng" in str(response.context["adminform"].form.errors["publish_at"])
    article.refresh_from_db()
    assert article.published_at == before and article.title != "Sửa"


def test_a_bulk_step_counts_what_it_skipped(editor_client):
    draft = ArticleFactory(status=Status.DRAFT)
    published = ArticleFactory(status=Status.PUBLISHED)
    response = editor_client.post(
        CHANGELIST, {"action": "submit_for_review", "_selected_action": [draft.pk, published.pk]}, follow=True
    )
    said = [str(m) for m in response.context["messages"]]
    assert "Đã gửi duyệt 1 mục." in said
    assert "1 mục không đổi được vì trạng thái hoặc quyền của bạn không cho phép." in said


def test_djangos_range_messages_read_as_vietnamese_sentences():
    from django.core.exceptions import ValidationError
    from django.core.validators import MinValueValidator
    from django.utils import translation

    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        MinValueValidator(0)(-1)
    assert refused.value.messages == ["Giá trị này phải lớn hơn hoặc bằng 0."]


def test_a_published_item_opens_read_only_for_its_writer_with_the_text_as_readers_see_it(writer_client, ward):
    article = ArticleFactory(
        status=Status.PUBLISHED, organization=ward, body="<p>Đoạn <strong>đậm</strong>.</p><p>Đoạn hai.</p>"
    )
    response = writer_client.get(change_url(article))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<div class="readonly"><p>Đoạn <strong>đậm</strong>.</p><p>Đoạn hai.</p></div>' in html
    said = [str(m) for m in response.context["messages"]]
    assert any("chỉ biên tập viên sửa được" in text for text in said)
    article.refresh_from_db()
    assert article.body == "<p>Đoạn <strong>đậm</strong>.</p><p>Đoạn hai.</p>"  # shown, never saved


@pytest.mark.parametrize("step", ["submit", "publish"])
def test_an_empty_article_cannot_be_sent_for_review_or_published(editor_client, step):
    response = editor_client.post(ADD, form_data(body="<p>&nbsp;</p><p></p>", _workflow=step))
    assert response.status_code == 200
    assert "Nội dung còn trống" in str(response.context["adminform"].form.errors["body"])
    assert not Article.objects.exists()
    # A draft may be empty, and a picture alone says something.
    assert editor_client.post(ADD, form_data(body="", _workflow="save")).status_code == 302
    picture = '<p><img src="/media/uploads/anh.jpg" alt="Hội nghị"></p>'
    assert editor_client.post(ADD, form_data(title="Ảnh", body=picture, _workflow=step)).status_code == 302


def test_the_list_gives_a_publication_time_only_to_what_was_published(editor_client):
    ArticleFactory(status=Status.DRAFT, title="Bản nháp chưa đăng")
    ArticleFactory(
        status=Status.PUBLISHED,
        title="Tin đã đăng",
        published_at=timezone.make_aware(datetime.datetime(2026, 11, 30, 8, 5)),
    )
    html = editor_client.get(CHANGELIST).content.decode()
    cells = re.findall(r'<td class="field-publication_time[^"]*">([^<]*)</td>', html)
    assert sorted(cells) == ["30/11/2026 08:05", "—"]


def test_an_editor_saving_a_draft_is_pointed_to_publishing_not_to_review(editor_client):
    response = editor_client.post(ADD, form_data(_workflow="save"), follow=True)
    said = " ".join(str(m) for m in response.context["messages"])
    assert "bấm “Đăng”" in said and "Gửi duyệt" not in said
