"""Public event pages: listing and filters, visibility by state, detail content, home blocks."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import EventKind, EventStatus
from frontcms.publishing import Status
from tests.factories import (
    AgendaItemFactory,
    ConnectionPointFactory,
    DocumentFactory,
    DocumentFileFactory,
    EventFactory,
    EventPersonFactory,
    EventReportFactory,
    TermFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def days(n):
    return NOW + datetime.timedelta(days=n)


def titles(response):
    return [e.title for e in response.context["events"]]


def test_list_shows_upcoming_soonest_first_then_past_most_recent_first(client):
    EventFactory(title="Quá khứ xa", starts_at=days(-30))
    EventFactory(title="Sắp tới muộn", starts_at=days(10))
    EventFactory(title="Quá khứ gần", starts_at=days(-2))
    EventFactory(title="Sắp tới sớm", starts_at=days(1))
    EventFactory(title="Đang diễn ra", starts_at=days(-1), ends_at=days(1))
    response = client.get(reverse("events:list"))
    assert response.status_code == 200
    assert titles(response) == ["Đang diễn ra", "Sắp tới sớm", "Sắp tới muộn", "Quá khứ gần", "Quá khứ xa"]
    html = response.content.decode()
    assert html.index("Sắp diễn ra") < html.index("Đã diễn ra")


def test_filter_by_kind(client):
    EventFactory(title="Tập huấn A", kind=EventKind.TRAINING)
    EventFactory(title="Đối thoại B", kind=EventKind.DIALOGUE)
    assert titles(client.get("/su-kien/?loai=training")) == ["Tập huấn A"]


def test_filter_by_organisation_slug(client):
    ward, other = WardFactory(), WardFactory()
    EventFactory(title="Của phường", organization=ward)
    EventFactory(title="Phường khác", organization=other)
    assert titles(client.get(f"/su-kien/?to-chuc={ward.slug}")) == ["Của phường"]


def test_filter_by_year(client):
    EventFactory(title="Năm 2023", starts_at=datetime.datetime(2023, 7, 21, 8, tzinfo=datetime.UTC))
    EventFactory(title="Năm 2024", starts_at=datetime.datetime(2024, 5, 9, 8, tzinfo=datetime.UTC))
    assert titles(client.get("/su-kien/?nam=2023")) == ["Năm 2023"]


def test_filter_by_event_status(client):
    EventFactory(title="Bị hủy", event_status=EventStatus.CANCELLED)
    EventFactory(title="Theo kế hoạch")
    assert titles(client.get("/su-kien/?tinh-trang=cancelled")) == ["Bị hủy"]


def test_filter_upcoming_and_past(client):
    EventFactory(title="Sắp tới", starts_at=days(2))
    EventFactory(title="Đã qua", starts_at=days(-2))
    assert titles(client.get("/su-kien/?thoi-gian=sap-dien-ra")) == ["Sắp tới"]
    assert titles(client.get("/su-kien/?thoi-gian=da-dien-ra")) == ["Đã qua"]


def test_text_filter_is_accent_insensitive(client):
    EventFactory(title="Tập huấn nghiệp vụ công tác Mặt trận")
    EventFactory(title="Đại hội đại biểu phường Thượng Đình")
    assert titles(client.get("/su-kien/?q=tap+huan")) == ["Tập huấn nghiệp vụ công tác Mặt trận"]
    assert titles(client.get("/su-kien/?q=ĐẠI+HỘI")) == ["Đại hội đại biểu phường Thượng Đình"]
    assert titles(client.get("/su-kien/?q=dai hoi thuong dinh")) == ["Đại hội đại biểu phường Thượng Đình"]


def test_filters_combine_and_url_is_shareable(client):
    ward = WardFactory()
    EventFactory(title="Khớp", kind=EventKind.TRAINING, organization=ward)
    EventFactory(title="Sai loại", kind=EventKind.DIALOGUE, organization=ward)
    EventFactory(title="Sai phường", kind=EventKind.TRAINING)
    response = client.get(f"/su-kien/?loai=training&to-chuc={ward.slug}")
    assert titles(response) == ["Khớp"]
    assert f'value="{ward.slug}" selected' in response.content.decode()


def test_empty_result_says_so_in_vietnamese(client):
    EventFactory(kind=EventKind.TRAINING)
    response = client.get("/su-kien/?loai=congress")
    assert response.status_code == 200
    assert "Không có sự kiện nào phù hợp" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?loai=khong-co",
        "?nam=abc",
        "?nam=99999999999999999999",
        "?to-chuc=khong-ton-tai",
        "?tinh-trang=%00",
        "?thoi-gian=mai",
        "?q=" + "x" * 5000,
        "?nam=-1&loai[]=a",
    ],
)
def test_invalid_filter_values_are_ignored_not_500(client, query):
    EventFactory(title="Vẫn hiện")
    response = client.get("/su-kien/" + query)
    assert response.status_code in (200, 400)
    if response.status_code == 200 and "q=" not in query:
        assert titles(response) == ["Vẫn hiện"]


def test_invalid_value_ignored_while_valid_filter_applies(client):
    EventFactory(title="Tập huấn", kind=EventKind.TRAINING)
    EventFactory(title="Đối thoại", kind=EventKind.DIALOGUE)
    assert titles(client.get("/su-kien/?loai=training&nam=abc")) == ["Tập huấn"]


@pytest.mark.parametrize(
    "state",
    [
        {"status": Status.DRAFT},
        {"status": Status.PENDING},
        {"status": Status.ARCHIVED},
        {"status": Status.PUBLISHED, "published_at": NOW + datetime.timedelta(days=1)},
    ],
    ids=["draft", "pending", "archived", "scheduled"],
)
def test_unpublished_events_are_hidden_from_the_public(client, state):
    event = EventFactory(title="Ẩn", **state)
    assert client.get(event.get_absolute_url()).status_code == 404
    assert client.get(reverse("events:event_ics", args=[event.slug])).status_code == 404
    assert titles(client.get("/su-kien/")) == []
    assert "Ẩn" not in client.get(reverse("events:ics")).content.decode()
    assert "Ẩn" not in client.get(reverse("events:schedule")).content.decode()


def test_scheduled_event_appears_by_itself_when_its_time_comes(client, time_machine):
    event = EventFactory(published_at=NOW + datetime.timedelta(hours=1), starts_at=days(5))
    assert client.get(event.get_absolute_url()).status_code == 404
    time_machine.move_to(NOW + datetime.timedelta(hours=2))
    assert client.get(event.get_absolute_url()).status_code == 200


def test_editor_previews_a_draft_with_a_banner(editor_client):
    event = EventFactory(status=Status.DRAFT)
    response = editor_client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Bản xem trước" in response.content.decode()


def test_detail_shows_everything_a_reader_needs(client):
    ward = WardFactory(name="Ủy ban MTTQ Việt Nam phường Thanh Bình")
    term = TermFactory(organization=ward, number=5)
    event = EventFactory(
        title="Hội nghị lần thứ 10 Ủy ban MTTQ Việt Nam phường Thanh Bình",
        organization=ward,
        term=term,
        session_number=10,
        starts_at=datetime.datetime(2023, 7, 21, 1, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2023, 7, 21, 4, 30, tzinfo=datetime.UTC),
        venue="Hội trường UBND phường",
        is_online=True,
        event_status=EventStatus.HELD,
    )
    AgendaItemFactory(event=event, title="Thông qua báo cáo 6 tháng đầu năm", starts_at=datetime.time(8, 15))
    ConnectionPointFactory(event=event, name="Điểm cầu Tổ dân phố số 3")
    EventPersonFactory(event=event, name="Khổng Minh Thảo", position="Chủ tịch Ủy ban MTTQ quận")
    document = DocumentFactory(number="125/KH-MTTQ")
    DocumentFileFactory(document=document, title="Kế hoạch (PDF)")
    hidden_doc = DocumentFactory(number="999/TB-MTTQ", status=Status.DRAFT)
    event.documents.add(document, hidden_doc)
    EventReportFactory(event=event, body="<p>Đã có 15 ý kiến phát biểu tâm huyết.</p>", delegates_count=85)
    html = client.get(event.get_absolute_url()).content.decode()
    for expected in (
        "Ủy ban MTTQ Việt Nam phường Thanh Bình",
        "Khóa V, nhiệm kỳ 2019-2024",
        "Thứ sáu, 21/07/2023, 08:00–11:30",
        "Hội trường UBND phường",
        "trực tuyến",
        "Điểm cầu Tổ dân phố số 3",
        "Khổng Minh Thảo",
        "08:15",
        "Thông qua báo cáo 6 tháng đầu năm",
        "125/KH-MTTQ",
        "PDF",
        "Đã có 15 ý kiến phát biểu tâm huyết.",
        "85",
        "Thêm vào lịch",
        "Đã diễn ra",
    ):
        assert expected in html, expected
    assert "999/TB-MTTQ" not in html


def test_unpublished_report_is_not_shown_to_readers(client):
    report = EventReportFactory(status=Status.PENDING, body="<p>Bản nháp báo cáo bí mật</p>")
    html = client.get(report.event.get_absolute_url()).content.decode()
    assert "Bản nháp báo cáo bí mật" not in html


def test_postponed_event_shows_new_date(client):
    event = EventFactory(
        event_status=EventStatus.POSTPONED,
        starts_at=datetime.datetime(2024, 5, 9, 1, 0, tzinfo=datetime.UTC),
        postponed_to=datetime.datetime(2024, 5, 16, 1, 0, tzinfo=datetime.UTC),
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "dời sang" in html and "Thứ năm, 16/05/2024, 08:00" in html


def test_renamed_event_redirects_permanently(client):
    event = EventFactory(title="Tên cũ")
    old = event.get_absolute_url()
    event.slug = "ten-moi"
    event.save()
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == "/su-kien/ten-moi/"


def test_unknown_slug_is_404(client):
    assert client.get("/su-kien/khong-co/").status_code == 404
    assert client.get("/van-ban/khong-co/").status_code == 404


def test_home_page_shows_next_events_and_latest_documents(client):
    EventFactory(title="Sự kiện sắp tới trên trang chủ", starts_at=days(2))
    DocumentFactory(number="77/TB-MTTQ", title="Thông báo lịch tiếp dân")
    html = client.get("/").content.decode()
    assert "Sự kiện sắp tới trên trang chủ" in html
    assert "77/TB-MTTQ" in html


def test_search_finds_events_without_accents(client):
    EventFactory(title="Hội nghị đối thoại với Ban công tác Mặt trận")
    response = client.get("/tim-kiem/?q=doi+thoai")
    assert "Hội nghị đối thoại với Ban công tác Mặt trận" in response.content.decode()


def test_sitemap_lists_events_and_documents(client):
    event = EventFactory()
    document = DocumentFactory()
    draft = EventFactory(status=Status.DRAFT)
    xml = client.get("/sitemap.xml").content.decode()
    assert event.get_absolute_url() in xml
    assert document.get_absolute_url() in xml
    assert draft.get_absolute_url() not in xml
