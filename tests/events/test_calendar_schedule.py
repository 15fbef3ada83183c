"""iCalendar feeds parsed back with the icalendar library, and the weekly work schedule."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from events.models import EventStatus
from events.views import SCHEDULE_MARGIN_WEEKS
from frontcms.publishing import Status
from tests.factories import EventFactory, WardFactory

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_feed_is_valid_icalendar_with_local_time_zone(client):
    event = EventFactory(
        title="Hội nghị lần thứ 10 Ủy ban MTTQ Việt Nam quận",
        starts_at=datetime.datetime(2030, 5, 9, 8, 0, tzinfo=HCM),
        ends_at=datetime.datetime(2030, 5, 9, 11, 30, tzinfo=HCM),
        venue="Hội trường Quận ủy",
    )
    cal = parse(client.get(reverse("events:ics")))
    assert str(cal["VERSION"]) == "2.0"
    timezones = list(cal.walk("VTIMEZONE"))
    assert [str(tz["TZID"]) for tz in timezones] == ["Asia/Ho_Chi_Minh"]
    (item,) = cal.walk("VEVENT")
    assert str(item["SUMMARY"]) == event.title
    assert str(item["LOCATION"]) == "Hội trường Quận ủy"
    start = item.decoded("DTSTART")
    assert start == datetime.datetime(2030, 5, 9, 1, 0, tzinfo=datetime.UTC)
    assert item["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert start.hour == 8 and start.utcoffset() == datetime.timedelta(hours=7)
    assert item.decoded("DTEND") - start == datetime.timedelta(hours=3, minutes=30)
    assert str(item["URL"]).endswith(event.get_absolute_url())
    assert str(item["STATUS"]) == "CONFIRMED"
    assert str(item["UID"]).startswith(f"su-kien-{event.pk}@")


def test_feed_narrowed_by_organisation(client):
    ward = WardFactory()
    EventFactory(title="Của phường", organization=ward)
    EventFactory(title="Của quận")
    cal = parse(client.get(reverse("events:ics") + f"?to-chuc={ward.slug}"))
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Của phường"]
    assert client.get(reverse("events:ics") + "?to-chuc=khong-co").status_code == 404


def test_feed_marks_cancelled_and_moves_postponed(client):
    EventFactory(title="Hủy", event_status=EventStatus.CANCELLED)
    start = datetime.datetime(2030, 5, 9, 8, 0, tzinfo=HCM)
    EventFactory(
        title="Hoãn",
        event_status=EventStatus.POSTPONED,
        starts_at=start,
        postponed_to=start + datetime.timedelta(days=7),
    )
    EventFactory(title="Nháp", status=Status.DRAFT)
    items = {str(e["SUMMARY"]): e for e in parse(client.get(reverse("events:ics"))).walk("VEVENT")}
    assert set(items) == {"Hủy", "Hoãn"}
    assert str(items["Hủy"]["STATUS"]) == "CANCELLED"
    assert items["Hoãn"].decoded("DTSTART") == start + datetime.timedelta(days=7)


def test_single_event_ics_for_add_to_calendar(client):
    event = EventFactory(title="Tập huấn")
    page = client.get(event.get_absolute_url()).content.decode()
    url = reverse("events:event_ics", args=[event.slug])
    assert f'href="{url}"' in page
    cal = parse(client.get(url))
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Tập huấn"]


def test_feed_query_count_is_bounded(client, django_assert_max_num_queries):
    EventFactory.create_batch(300)
    with django_assert_max_num_queries(8):
        cal = parse(client.get(reverse("events:ics")))
    assert len(cal.walk("VEVENT")) == 300


# --- work schedule --------------------------------------------------------------------------------
def test_schedule_shows_the_requested_week_by_day(client):
    EventFactory(
        title="Giao ban tuần",
        starts_at=datetime.datetime(2024, 5, 6, 8, 0, tzinfo=HCM),
        chair="Đ/c Chủ tịch",
        attendees="Ban Thường trực",
        venue="Phòng họp số 1",
    )
    EventFactory(title="Tuần khác", starts_at=datetime.datetime(2024, 5, 13, 8, 0, tzinfo=HCM))
    response = client.get(reverse("events:schedule") + "?tuan=2024-W19")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Giao ban tuần" in html and "Tuần khác" not in html
    for expected in (
        "Thứ hai",
        "06/05/2024",
        "Chủ nhật",
        "12/05/2024",
        "08:00",
        "Đ/c Chủ tịch",
        "Ban Thường trực",
        "Phòng họp số 1",
    ):
        assert expected in html, expected
    assert "?tuan=2024-W18" in html and "?tuan=2024-W20" in html


def test_schedule_shows_postponed_event_on_both_days(client):
    EventFactory(
        title="Hội nghị bị hoãn",
        event_status=EventStatus.POSTPONED,
        starts_at=datetime.datetime(2024, 5, 7, 8, 0, tzinfo=HCM),
        postponed_to=datetime.datetime(2024, 5, 10, 14, 0, tzinfo=HCM),
    )
    html = client.get(reverse("events:schedule") + "?tuan=2024-W19").content.decode()
    assert html.count("Hội nghị bị hoãn") == 2
    assert "Dời từ" in html and "dời sang" in html


def test_schedule_year_boundary_week_links(client):
    # 2020 has an ISO week 53; an event in it puts the week within the schedule's bounds.
    EventFactory(starts_at=datetime.datetime(2021, 1, 1, 8, 0, tzinfo=HCM))
    html = client.get(reverse("events:schedule") + "?tuan=2020-W53").content.decode()
    assert "?tuan=2020-W52" in html and "?tuan=2021-W01" in html


def _week_links(client, week: str) -> dict[str, str | None]:
    import re

    response = client.get(reverse("events:schedule"), {"tuan": week})
    assert response.status_code == 200
    html = response.content.decode()
    found = {rel: re.search(rf'href="\?tuan=([0-9W-]+)" rel="{rel}"', html) for rel in ("prev", "next")}
    return {rel: match[1] if match else None for rel, match in found.items()} | {"html": html}


@time_machine.travel(datetime.datetime(2024, 5, 8, 9, 0, tzinfo=HCM), tick=False)
def test_schedule_links_stop_a_margin_beyond_the_first_and_last_scheduled_item(client):
    EventFactory(starts_at=datetime.datetime(2024, 3, 5, 8, 0, tzinfo=HCM))  # 2024-W10
    EventFactory(
        starts_at=datetime.datetime(2024, 6, 4, 8, 0, tzinfo=HCM),  # 2024-W23
        event_status=EventStatus.POSTPONED,
        postponed_to=datetime.datetime(2024, 7, 2, 8, 0, tzinfo=HCM),  # moved to 2024-W27
    )
    assert SCHEDULE_MARGIN_WEEKS == 4
    first = _week_links(client, "2024-W06")
    assert first["prev"] is None and first["next"] == "2024-W07"
    last = _week_links(client, "2024-W31")
    assert last["prev"] == "2024-W30" and last["next"] is None
    # Weeks outside the bounds (old links, hand-made URLs) lead only back to this week.
    for week in ("2006-W01", "2024-W05", "2024-W32", "2047-W52"):
        outside = _week_links(client, week)
        assert outside["prev"] is None and outside["next"] is None, week
        assert 'href="?tuan=2024-W19"' in outside["html"], week


@time_machine.travel(datetime.datetime(2024, 5, 8, 9, 0, tzinfo=HCM), tick=False)
def test_crawler_following_next_and_previous_links_visits_only_the_bounded_weeks(client):
    EventFactory(starts_at=datetime.datetime(2024, 5, 6, 8, 0, tzinfo=HCM))
    seen = set()
    for rel in ("next", "prev"):
        week = "2024-W19"
        while week is not None and len(seen) < 100:
            seen.add(week)
            week = _week_links(client, week)[rel]
    # Only this week and the one event's week, each with four weeks either side.
    assert seen == {f"2024-W{n:02d}" for n in range(15, 24)}


@time_machine.travel(datetime.datetime(2024, 5, 8, 9, 0, tzinfo=HCM), tick=False)
def test_empty_week_asks_search_engines_not_to_index_or_follow_it(client):
    EventFactory(starts_at=datetime.datetime(2024, 5, 6, 8, 0, tzinfo=HCM))
    robots = '<meta name="robots" content="noindex, nofollow">'
    assert robots not in _week_links(client, "2024-W19")["html"]
    assert robots in _week_links(client, "2024-W20")["html"]


def test_schedule_bounds_follow_a_new_event_at_once(client):
    assert _week_links(client, "2030-W10")["next"] is None
    EventFactory(starts_at=datetime.datetime(2030, 3, 5, 8, 0, tzinfo=HCM))
    assert _week_links(client, "2030-W10")["next"] == "2030-W11"


@pytest.mark.parametrize(
    "week", ["2024-W99", "2023-W53", "abc", "2024-W", "0000-W01", "2024-W19x", "2024-w19%00"]
)
def test_bad_week_is_400_not_500(client, week):
    assert client.get(reverse("events:schedule"), {"tuan": week}).status_code == 400


def test_schedule_query_count_is_bounded(client, django_assert_max_num_queries):
    monday = datetime.datetime(2024, 5, 6, 7, 0, tzinfo=HCM)
    for i in range(200):
        EventFactory(
            starts_at=monday + datetime.timedelta(hours=i % 150),
            organization=WardFactory() if i % 10 == 0 else None,
        )
    with django_assert_max_num_queries(12):
        response = client.get(reverse("events:schedule") + "?tuan=2024-W19")
    assert response.status_code == 200
