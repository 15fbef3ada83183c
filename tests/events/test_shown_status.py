"""What readers are told of an event's state follows the clock (Event.shown_status): a planned event
reads "Đang diễn ra" from its start and "Đã diễn ra" once over, on its page, in the list and in the
list's filter, and cached pages change at those moments. Staff cannot mark held what has not
started."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventStatus
from tests.factories import EventFactory, WardFactory

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def badge(html: str) -> str:
    start = html.index('class="event-status')
    return html[html.index(">", start) + 1 : html.index("</span>", start)]


@pytest.mark.parametrize(
    ("event_status", "start", "end", "shown"),
    [
        (EventStatus.PLANNED, 2, 4, ("planned", "Sắp diễn ra")),
        (EventStatus.PLANNED, -1, 2, ("ongoing", "Đang diễn ra")),
        (EventStatus.PLANNED, -3, -1, ("held", "Đã diễn ra")),
        (EventStatus.PLANNED, -1, None, ("held", "Đã diễn ra")),
        (EventStatus.HELD, -3, -1, ("held", "Đã diễn ra")),
        (EventStatus.CANCELLED, -3, -1, ("cancelled", "Hủy")),
        (EventStatus.POSTPONED, 2, None, ("postponed", "Hoãn")),
    ],
)
def test_the_state_readers_see(event_status, start, end, shown):
    now = timezone.now()
    event = Event(
        event_status=event_status,
        starts_at=now + start * HOUR,
        ends_at=None if end is None else now + end * HOUR,
    )
    assert tuple(event.shown_status) == shown


def test_a_cached_event_page_turns_ongoing_then_held_by_itself(client, time_machine):
    now = timezone.now()
    event = EventFactory(starts_at=now + HOUR, ends_at=now + 3 * HOUR)
    assert badge(client.get(event.get_absolute_url()).content.decode()) == "Sắp diễn ra"
    assert client.get(event.get_absolute_url())["X-Page-Cache"] == "hit"
    time_machine.move_to(now + 2 * HOUR)
    assert badge(client.get(event.get_absolute_url()).content.decode()) == "Đang diễn ra"
    time_machine.move_to(now + 4 * HOUR)
    assert badge(client.get(event.get_absolute_url()).content.decode()) == "Đã diễn ra"


def test_the_list_says_what_is_coming_and_what_is_over_without_claiming_it_took_place(client):
    """A cancelled event is over but never took place: the past section is "Đã qua"."""
    now = timezone.now()
    EventFactory(title="Hội nghị sắp tới", starts_at=now + HOUR)
    EventFactory(title="Giao lưu đã hủy", starts_at=now - 9 * HOUR, event_status=EventStatus.CANCELLED)
    html = client.get(reverse("events:list")).content.decode()
    headings = [part.split("</h2>")[0] for part in html.split('<h2 class="section-title">')[1:]]
    assert headings == ["Đang và sắp diễn ra", "Đã qua"]


def test_the_list_and_its_filter_follow_the_clock(client, time_machine):
    now = timezone.now()
    EventFactory(title="Hội nghị sắp tới", starts_at=now + HOUR, ends_at=now + 3 * HOUR)
    EventFactory(title="Tập huấn đã xong", starts_at=now - 5 * HOUR, ends_at=now - 4 * HOUR)
    EventFactory(title="Đối thoại đã ghi", event_status=EventStatus.HELD, starts_at=now - 9 * HOUR)

    def listed(status):
        response = client.get(reverse("events:list"), {"tinh-trang": status})
        return sorted(event.title for event in response.context["events"])

    assert listed("planned") == ["Hội nghị sắp tới"]
    assert listed("held") == ["Tập huấn đã xong", "Đối thoại đã ghi"]
    assert listed("ongoing") == []
    time_machine.move_to(now + 2 * HOUR)
    assert listed("planned") == []
    assert listed("ongoing") == ["Hội nghị sắp tới"]
    time_machine.move_to(now + 4 * HOUR)
    assert listed("held") == ["Hội nghị sắp tới", "Tập huấn đã xong", "Đối thoại đã ghi"]


def test_an_event_that_has_not_started_cannot_be_marked_held(editor_client):
    from tests.events.test_admin import event_form

    ward = WardFactory()
    start = timezone.localtime(timezone.now() + 48 * HOUR)
    data = event_form(
        ward,
        event_status=EventStatus.HELD,
        starts_at_0=f"{start:%Y-%m-%d}",
        starts_at_1="08:00",
        ends_at_0=f"{start:%Y-%m-%d}",
        ends_at_1="11:00",
    )
    response = editor_client.post(reverse("admin:events_event_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["event_status"]
    assert "chưa kết thúc" in errors[0] and f"{start:%d/%m/%Y}" in errors[0]
    assert not Event.objects.exists()

    # Nor while it is going on: it would read "Đã diễn ra" under "Đang và sắp diễn ra".
    now = timezone.localtime(timezone.now())
    running = {"starts_at_0": f"{now - HOUR:%Y-%m-%d}", "starts_at_1": f"{now - HOUR:%H:%M}"}
    running |= {"ends_at_0": f"{now + 2 * HOUR:%Y-%m-%d}", "ends_at_1": f"{now + 2 * HOUR:%H:%M}"}
    response = editor_client.post(reverse("admin:events_event_add"), {**data, **running})
    assert "chưa kết thúc" in response.context["adminform"].form.errors["event_status"][0]

    data.update(event_status=EventStatus.PLANNED)
    assert editor_client.post(reverse("admin:events_event_add"), data).status_code == 302
    past = event_form(ward, title="Hội nghị đã họp", event_status=EventStatus.HELD)  # dated 2024
    assert editor_client.post(reverse("admin:events_event_add"), past).status_code == 302


def test_a_postponed_event_is_coming_at_its_new_time_and_over_after_it(client, time_machine):
    """Postponed from yesterday to next week: listed (and on the home page) among what is coming,
    at its new time, until that time has passed."""
    from events.home import next_change

    now = timezone.now()
    EventFactory(title="Hội nghị sớm", starts_at=now + 24 * HOUR)
    moved = EventFactory(
        title="Hội nghị dời lại",
        starts_at=now - 24 * HOUR,
        event_status=EventStatus.POSTPONED,
        postponed_to=now + 48 * HOUR,
    )
    EventFactory(title="Hội nghị muộn", starts_at=now + 72 * HOUR)
    response = client.get(reverse("events:list"))
    coming = [event.title for event in response.context["events"] if not event.is_past]
    assert coming == ["Hội nghị sớm", "Hội nghị dời lại", "Hội nghị muộn"]
    home = client.get("/").content.decode()
    assert home.index("Hội nghị sớm") < home.index("Hội nghị dời lại") < home.index("Hội nghị muộn")

    def when(value):
        return sorted(
            e.title for e in client.get(reverse("events:list"), {"thoi-gian": value}).context["events"]
        )

    assert "Hội nghị dời lại" in when("sap-dien-ra") and "Hội nghị dời lại" not in when("da-dien-ra")
    assert next_change() == now + 24 * HOUR
    time_machine.move_to(now + 60 * HOUR)
    assert "Hội nghị dời lại" in when("da-dien-ra") and "Hội nghị dời lại" not in when("sap-dien-ra")
    assert moved.postponed_to < timezone.now()


def test_the_next_change_counts_a_postponed_events_new_time(db):
    from events.home import next_change

    now = timezone.now()
    EventFactory(starts_at=now - 24 * HOUR, event_status=EventStatus.POSTPONED, postponed_to=now + 5 * HOUR)
    EventFactory(starts_at=now + 9 * HOUR)
    assert next_change() == now + 5 * HOUR
