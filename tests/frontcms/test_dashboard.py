"""The admin's front page (/quan-tri/): today's work per person, scoped to a contributor's ward, with
the readership of the last 30 days drawn on the server, in a bounded number of queries."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontcms import publishing_service as service
from frontcms.engagement.models import Comment, DailyViews, Feedback, FeedbackStatus
from frontcms.models import WorkflowAction, WorkflowStep
from frontcms.publishing import Status
from frontcms.roles import CONTRIBUTORS
from news.models import Article
from tests.factories import ArticleFactory, EventFactory, StaffAssignmentFactory, WardFactory

pytestmark = pytest.mark.django_db
INDEX = reverse("admin:index")


def contributor(django_user_model, username, ward):
    user = django_user_model.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=CONTRIBUTORS))
    StaffAssignmentFactory(user=user, organization=ward)
    return user


def written(user, ward, title, **values):
    article = Article(title=title, body="<p>Nội dung.</p>", organization=ward, **values)
    service.save_draft(article, user=user)
    return article


@pytest.fixture
def portal(django_user_model, editor_user):
    ward_a = WardFactory(name="Ủy ban MTTQ Việt Nam phường Khương Đình")
    ward_b = WardFactory(name="Ủy ban MTTQ Việt Nam phường Hạ Đình")
    lan = contributor(django_user_model, "ctv-khuong-dinh", ward_a)
    minh = contributor(django_user_model, "ctv-ha-dinh", ward_b)
    pending_a = written(lan, ward_a, "Khương Đình: tổng vệ sinh khu dân cư số 3")
    service.submit(pending_a, user=lan)
    pending_b = written(minh, ward_b, "Hạ Đình: hội nghị đối thoại tháng Năm")
    service.submit(pending_b, user=minh)
    returned_a = written(lan, ward_a, "Khương Đình: trao quà hộ khó khăn")
    service.submit(returned_a, user=lan)
    service.return_to_author(returned_a, user=editor_user, reason="Ghi rõ số suất quà.")
    draft_a = written(lan, ward_a, "Khương Đình: chuẩn bị Ngày hội Đại đoàn kết")
    written(minh, ward_b, "Hạ Đình: bản nháp riêng")
    later = timezone.now() + datetime.timedelta(days=1)
    scheduled_a = written(lan, ward_a, "Khương Đình: hội nghị lấy ý kiến nhân dân")
    service.publish(scheduled_a, user=editor_user, at=later)
    scheduled_b = written(minh, ward_b, "Hạ Đình: lịch tiếp công dân")
    service.publish(scheduled_b, user=editor_user, at=later + datetime.timedelta(hours=2))
    live_a = ArticleFactory(organization=ward_a, title="Khương Đình: tin được đọc nhiều")
    live_b = ArticleFactory(organization=ward_b, title="Hạ Đình: tin được đọc nhiều")
    Comment.objects.create(
        content_type=ContentType.objects.get_for_model(live_a),
        object_id=live_a.pk,
        name="Nguyễn Văn Bình",
        text="Mong phường tổ chức thường xuyên hơn.",
        created_at=timezone.now() - datetime.timedelta(hours=5),
    )
    Feedback.objects.create(
        name="Trần Thị Hoa",
        contact="0912 000 000",
        subject="Đèn đường ngõ 12 hỏng",
        message="Đề nghị sửa đèn.",
        created_at=timezone.now() - datetime.timedelta(days=3, hours=1),
    )
    Feedback.objects.create(
        name="Lê Minh", contact="x", subject="Đã xong", message="x", status=FeedbackStatus.ANSWERED
    )
    today = timezone.localdate()
    ct = ContentType.objects.get_for_model(Article)
    for n in range(30):
        day = today - datetime.timedelta(days=n)
        DailyViews.objects.create(content_type=ct, object_id=live_a.pk, day=day, views=10 + n)
        DailyViews.objects.create(content_type=ct, object_id=live_b.pk, day=day, views=100)
    DailyViews.objects.create(  # older than 30 days: not in the chart
        content_type=ct, object_id=live_a.pk, day=today - datetime.timedelta(days=30), views=5000
    )
    return {
        "lan": lan,
        "minh": minh,
        "ward_b": ward_b,
        "editor": editor_user,
        "ward_a": ward_a,
        "titles_a": [pending_a.title, returned_a.title, draft_a.title, scheduled_a.title, live_a.title],
        "titles_b": [pending_b.title, "Hạ Đình: bản nháp riêng", scheduled_b.title, live_b.title],
    }


def panel(html: str, key: str) -> str:
    start = html.index(f'id="workdesk-{key}"')
    end = html.find("</section>", start)
    return html[start:end]


def count_of(html: str, key: str) -> int:
    return int(re.search(r'workdesk-panel__count">(\d+)<', panel(html, key)).group(1))


def test_an_editor_sees_what_waits_for_review_across_wards_and_how_long(client, portal):
    client.force_login(portal["editor"])
    html = client.get(INDEX).content.decode()
    review = panel(html, "review")
    assert "Chờ tôi duyệt" in review and count_of(html, "review") == 2
    assert "Khương Đình: tổng vệ sinh" in review and "Hạ Đình: hội nghị đối thoại" in review
    assert "?trang_thai=pending" in review and "chờ dưới 1 phút" in review
    scheduled = panel(html, "scheduled")
    assert count_of(html, "scheduled") == 2 and "Hẹn giờ đăng (" in scheduled
    assert scheduled.index("Khương Đình: hội nghị") < scheduled.index("Hạ Đình: lịch tiếp")  # soonest first
    assert count_of(html, "comments") == 1 and "chờ 5 giờ" in panel(html, "comments")
    feedback = panel(html, "feedback")
    assert (
        count_of(html, "feedback") == 1
        and "Đèn đường ngõ 12 hỏng" in feedback
        and "đã chờ 3 ngày" in feedback
    )
    assert "Đã xong" not in feedback
    assert "decree42-panel" in html and "Mọi mục quản trị" in html  # and the app list below


def test_a_contributor_sees_the_same_for_their_ward_only(client, portal):
    client.force_login(portal["lan"])
    html = client.get(INDEX).content.decode()
    assert "Bạn làm việc cho Ủy ban MTTQ Việt Nam phường Khương Đình" in html
    assert count_of(html, "review") == 1 and "Đang chờ duyệt" in panel(html, "review")
    assert count_of(html, "returned") == 1 and "Ghi rõ số suất quà." in panel(html, "returned")
    assert count_of(html, "drafts") == 1 and "Ngày hội Đại đoàn kết" in panel(html, "drafts")
    assert count_of(html, "scheduled") == 1
    for title in portal["titles_b"]:
        assert title not in html
    assert 'id="workdesk-comments"' not in html and 'id="workdesk-feedback"' not in html
    assert "Đèn đường" not in html
    # The chart counts the ward's own items only: 10 + 11 + … + 39 views.
    assert "tổng cộng 735" in html
    decree = html[html.index("decree42-panel") :]
    assert "Khương Đình" in decree and "Hạ Đình" not in decree


def test_returned_to_me_follows_the_last_return(client, portal, django_user_model):
    """Returned to Lan once, then submitted by a colleague and returned to him: his, not hers."""
    colleague = contributor(django_user_model, "ctv-khuong-dinh-2", portal["ward_a"])
    article = Article.objects.get(title="Khương Đình: trao quà hộ khó khăn")
    service.submit(article, user=colleague)
    service.return_to_author(article, user=portal["editor"], reason="Lần hai.")
    client.force_login(portal["lan"])
    assert count_of(client.get(INDEX).content.decode(), "returned") == 0
    client.force_login(colleague)
    assert "Lần hai." in panel(client.get(INDEX).content.decode(), "returned")


def test_the_readership_chart_is_drawn_on_the_server_with_a_table_beside_it(client, portal):
    client.force_login(portal["editor"])
    html = client.get(INDEX).content.decode()
    chart = panel(html, "readership")
    assert "Bạn đọc trong 30 ngày qua" in chart
    svg = chart[chart.index("<svg") : chart.index("</svg>")]
    assert svg.count("<rect") == 30 and 'role="img"' in svg and "aria-label=" in svg
    today = timezone.localdate()
    assert f"<title>{today:%d/%m/%Y}: 110</title>" in svg
    assert "tổng cộng 3735" in chart  # 735 + 30 × 100; the older 5000 are left out
    table = chart[chart.index("<table") : chart.index("</table>")]
    assert table.count("<tr>") == 31 and f"{today:%d/%m/%Y}</time></th><td>110</td>" in table
    most_read = chart[chart.index("Đọc nhiều nhất") :]
    assert most_read.index("Hạ Đình: tin được đọc nhiều") < most_read.index("Khương Đình: tin được đọc nhiều")
    assert "3000 lượt xem" in most_read
    assert "http" not in svg  # nothing fetched from anywhere


def test_the_dashboard_runs_a_fixed_number_of_queries_on_large_data(client, portal):
    def queries(user) -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(INDEX).status_code == 200
        return len(captured)

    def warm_queries(user) -> int:
        queries(user)  # fills what is kept between requests (content types, site settings)
        return queries(user)

    ward_a = portal["ward_a"]
    EventFactory(status=Status.PENDING, organization=ward_a)  # every panel of every kind has items
    before = {role: warm_queries(portal[role]) for role in ("editor", "lan")}
    ct = ContentType.objects.get_for_model(Article)
    today = timezone.localdate()
    later = timezone.now() + datetime.timedelta(days=3)
    many = [
        *ArticleFactory.create_batch(80, organization=ward_a, status=Status.PENDING),
        *ArticleFactory.create_batch(80, organization=portal["ward_b"], status=Status.PENDING),
        *ArticleFactory.create_batch(80, organization=ward_a, status=Status.DRAFT),
        *ArticleFactory.create_batch(40, organization=ward_a, status=Status.RETURNED),
        *ArticleFactory.create_batch(40, organization=ward_a, published_at=later),
        *EventFactory.create_batch(30, status=Status.PENDING, organization=ward_a),
    ]
    steps = []
    for obj in many:
        step = {
            "content_type": ContentType.objects.get_for_model(obj),
            "object_id": obj.pk,
            "actor_name": "x",
        }
        steps.append(
            WorkflowStep(action=WorkflowAction.CREATED, to_status=Status.DRAFT, actor=portal["lan"], **step)
        )
        steps.append(
            WorkflowStep(
                action=WorkflowAction.SUBMITTED, to_status=Status.PENDING, actor=portal["lan"], **step
            )
        )
        if obj.status == Status.RETURNED:
            steps.append(
                WorkflowStep(
                    action=WorkflowAction.RETURNED,
                    to_status=obj.status,
                    recipient=portal["lan"],
                    reason="r",
                    **step,
                )
            )
    WorkflowStep.objects.bulk_create(steps)
    DailyViews.objects.bulk_create(
        DailyViews(content_type=ct, object_id=obj.pk, day=today - datetime.timedelta(days=d), views=d + 1)
        for obj in many[:150]
        for d in range(30)
    )
    Comment.objects.bulk_create(
        Comment(content_type=ct, object_id=many[0].pk, name=f"Bạn đọc {n}", text="Ý kiến.")
        for n in range(300)
    )
    Feedback.objects.bulk_create(
        Feedback(name=f"Người {n}", contact="x", subject=f"Góp ý {n}", message="x") for n in range(300)
    )
    after = {role: warm_queries(portal[role]) for role in ("editor", "lan")}
    assert after == before
    assert after["editor"] <= 26 and after["lan"] <= 26, after
