"""Staff side: validation, ward-contributor scoping of events, reports and documents, the report workflow."""

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from events.models import Document, Event, EventKind, EventReport
from frontcms.publishing import Status
from tests.factories import (
    MINIMAL_PDF,
    DocumentFactory,
    EventFactory,
    EventReportFactory,
    TermFactory,
    WardFactory,
)
from tests.security.support import admin_form_data

pytestmark = pytest.mark.django_db

INLINES = ("agenda_items", "connection_points", "people", "Event_documents", "gallery_images")


def management(prefixes):
    data = {}
    for prefix in prefixes:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def event_form(organization=None, event=None, **overrides):
    data = {
        "title": "Hội nghị đối thoại với Ban công tác Mặt trận",
        "kind": EventKind.DIALOGUE,
        "summary": "",
        "organization": organization.pk if organization else "",
        "term": "",
        "session_number": "",
        "starts_at_0": "2024-05-09",
        "starts_at_1": "08:00",
        "ends_at_0": "2024-05-09",
        "ends_at_1": "11:00",
        "venue": "Hội trường phường",
        "event_status": "planned",
        "postponed_to_0": "",
        "postponed_to_1": "",
        "chair": "",
        "attendees": "",
        "slug": "",
        **management(INLINES),
    }
    if event is not None:
        event.refresh_from_db()
        data["loaded_version"] = event.updated_at.isoformat()
    data.update(overrides)
    return data


@pytest.fixture
def ward():
    return WardFactory()


@pytest.fixture
def other_ward():
    return WardFactory()


# --- validation -----------------------------------------------------------------------------------
def test_end_before_start_is_a_form_error(editor_client, ward):
    response = editor_client.post(
        reverse("admin:events_event_add"), event_form(ward, ends_at_0="2024-05-08", ends_at_1="08:00")
    )
    assert response.status_code == 200
    assert "Thời gian kết thúc phải sau thời gian bắt đầu." in response.content.decode()
    assert not Event.objects.exists()


def test_duplicate_session_number_per_organisation_and_term_is_refused(editor_client, ward):
    term = TermFactory(organization=ward)
    EventFactory(
        organization=ward, term=term, kind=EventKind.CONFERENCE, session_number=10, title="Lần 10 cũ"
    )
    data = event_form(ward, kind=EventKind.CONFERENCE, term=term.pk, session_number="10")
    response = editor_client.post(reverse("admin:events_event_add"), data)
    assert response.status_code == 200
    assert "lần thứ 10" in response.content.decode()
    assert Event.objects.count() == 1
    # Another term may have its own 10th conference.
    other_term = TermFactory(organization=ward)
    data = event_form(ward, kind=EventKind.CONFERENCE, term=other_term.pk, session_number="10")
    assert editor_client.post(reverse("admin:events_event_add"), data).status_code == 302
    assert Event.objects.count() == 2


def test_model_clean_refuses_term_of_another_organisation_and_misplaced_new_date(ward, other_ward):
    event = EventFactory.build(
        organization=ward,
        term=TermFactory(organization=other_ward),
        starts_at=datetime.datetime(2024, 5, 9, 1, tzinfo=datetime.UTC),
        postponed_to=datetime.datetime(2024, 5, 16, 1, tzinfo=datetime.UTC),
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert {"term", "postponed_to"} <= set(error.value.message_dict)


def test_database_refuses_end_before_start():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(
            starts_at=datetime.datetime(2024, 5, 9, 1, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2024, 5, 8, 1, tzinfo=datetime.UTC),
        )


def test_editor_saves_event_with_revision(editor_client, ward):
    response = editor_client.post(reverse("admin:events_event_add"), event_form(ward, _workflow="publish"))
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.status == Status.PUBLISHED and event.slug == "hoi-nghi-doi-thoai-voi-ban-cong-tac-mat-tran"
    assert Version.objects.get_for_object(event).count() == 1


def document_form(ward, upload, **overrides) -> dict:
    """The document add form, for `ward`, with `upload` in the first file row."""
    return {
        "number": "125/KH-MTTQ",
        "doc_type": "ke-hoach",
        "title": "Kế hoạch",
        "issuer": ward.pk,
        "issued_on": "2024-05-09",
        "signer": "",
        "summary": "",
        "slug": "",
        **management(["files"]),
        "files-TOTAL_FORMS": "1",
        "files-0-order": "0",
        "files-0-title": "",
        "files-0-file": upload,
        **overrides,
    }


def test_bad_document_upload_is_a_form_error_in_admin(editor_client, ward):
    data = document_form(ward, SimpleUploadedFile("ke-hoach.pdf", b"<html><script>alert(1)</script>"))
    response = editor_client.post(reverse("admin:events_document_add"), data)
    assert response.status_code == 200
    assert "không khớp" in response.content.decode()
    assert not Document.objects.exists()
    data["files-0-file"] = SimpleUploadedFile("ke-hoach.pdf", MINIMAL_PDF)
    assert editor_client.post(reverse("admin:events_document_add"), data).status_code == 302
    assert Document.objects.get().files.get().kind == "pdf"


def test_a_form_shown_again_with_errors_says_its_files_must_be_chosen_again(editor_client, ward):
    """A browser never fills a file input back in: saved as it stands, the document lost its PDF."""
    data = document_form(
        ward,
        SimpleUploadedFile("ke-hoach-ngay-hoi.pdf", MINIMAL_PDF),
        number="126/KH-MTTQ",
        title="Kế hoạch tổ chức Ngày hội",
        issued_on="31/02/2024",  # the mistake
    )
    response = editor_client.post(reverse("admin:events_document_add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Các tệp bạn đã chọn chưa được lưu vì biểu mẫu còn lỗi: “ke-hoach-ngay-hoi.pdf”." in html
    del data["files-0-file"]  # no file chosen this time: nothing to choose again
    response = editor_client.post(reverse("admin:events_document_add"), data)
    assert response.status_code == 200 and "Các tệp bạn đã chọn" not in response.content.decode()


# --- contributor scoping: events ------------------------------------------------------------------
def test_contributor_lists_only_own_ward_events(contributor_client, ward, other_ward):
    EventFactory(title="Sự kiện của phường mình", organization=ward, status=Status.DRAFT)
    EventFactory(title="Sự kiện phường khác", organization=other_ward, status=Status.DRAFT)
    html = contributor_client.get(reverse("admin:events_event_changelist")).content.decode()
    assert "Sự kiện của phường mình" in html
    assert "Sự kiện phường khác" not in html


def test_contributor_cannot_open_change_or_delete_another_wards_event(contributor_client, other_ward):
    event = EventFactory(title="Phường khác", organization=other_ward, status=Status.DRAFT)
    change = reverse("admin:events_event_change", args=[event.pk])
    assert contributor_client.get(change).status_code in (302, 404)  # "does not exist"
    contributor_client.post(change, event_form(other_ward, event=event, title="Đã bị sửa"))
    contributor_client.post(reverse("admin:events_event_delete", args=[event.pk]), {"post": "yes"})
    event.refresh_from_db()
    assert event.title == "Phường khác"
    history = reverse("admin:events_event_history", args=[event.pk])
    assert contributor_client.get(history).status_code in (302, 403, 404)


def test_contributor_cannot_forge_another_organisation(contributor_client, other_ward):
    response = contributor_client.post(reverse("admin:events_event_add"), event_form(other_ward))
    assert response.status_code == 200
    assert not Event.objects.exists()


def test_contributor_must_choose_an_organisation(contributor_client):
    response = contributor_client.post(reverse("admin:events_event_add"), event_form(None))
    assert response.status_code == 200
    assert not Event.objects.exists()


def test_contributor_creates_event_but_cannot_publish_it(contributor_client, ward):
    response = contributor_client.post(
        reverse("admin:events_event_add"), event_form(ward, _workflow="publish")
    )
    assert response.status_code == 200  # the publishing service refuses the step: a form error
    assert not Event.objects.exists()
    response = contributor_client.post(
        reverse("admin:events_event_add"), event_form(ward, status=Status.PUBLISHED, _workflow="submit")
    )
    assert response.status_code == 302
    assert Event.objects.get().status == Status.PENDING


def test_contributor_bulk_actions_never_touch_another_ward(contributor_client, ward, other_ward):
    own = EventFactory(organization=ward, status=Status.DRAFT)
    foreign = EventFactory(organization=other_ward, status=Status.DRAFT)
    url = reverse("admin:events_event_changelist")
    for action in ("submit_for_review", "publish_selected", "archive_selected"):
        contributor_client.post(url, {"action": action, "_selected_action": [own.pk, foreign.pk]})
    foreign.refresh_from_db()
    own.refresh_from_db()
    assert foreign.status == Status.DRAFT
    assert own.status == Status.PENDING  # submitted, never published


# --- reports --------------------------------------------------------------------------------------
def report_form(event, report=None, **overrides):
    data = {
        "event": event.pk,
        "body": "<p>Hội nghị đã nghe 14 ý kiến.</p><script>alert(1)</script>",
        "delegates_count": "45",
        "boards_present": "18",
        "opinions_count": "14",
        "results": "Trả lời trực tiếp 10 ý kiến.",
        "_workflow": "submit",
    }
    if report is not None:
        report.refresh_from_db()
        data["loaded_version"] = report.updated_at.isoformat()
    data.update(overrides)
    return data


def test_contributor_submits_report_and_editor_publishes_it(client, contributor_client, editor_user, ward):
    event = EventFactory(
        organization=ward, title="Đối thoại phường", starts_at=timezone.now() - datetime.timedelta(days=1)
    )
    response = contributor_client.post(reverse("admin:events_eventreport_add"), report_form(event))
    assert response.status_code == 302
    report = EventReport.objects.get()
    assert report.status == Status.PENDING and "<script>" not in report.body
    contributor_client.logout()
    assert "14 ý kiến" not in client.get(event.get_absolute_url()).content.decode()
    client.force_login(editor_user)
    change = reverse("admin:events_eventreport_change", args=[report.pk])
    assert client.post(change, report_form(event, report, _workflow="publish")).status_code == 302
    client.logout()
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Hội nghị đã nghe 14 ý kiến." in html and "Trả lời trực tiếp 10 ý kiến." in html
    assert Version.objects.get_for_object(report).count() == 2


def test_contributor_cannot_report_on_another_wards_event(contributor_client, other_ward):
    event = EventFactory(organization=other_ward)
    response = contributor_client.post(reverse("admin:events_eventreport_add"), report_form(event))
    assert response.status_code == 200
    assert not EventReport.objects.exists()


def test_contributor_forging_published_status_or_step_changes_nothing(contributor_client, ward):
    event = EventFactory(organization=ward)
    report = EventReportFactory(event=event, status=Status.DRAFT)
    change = reverse("admin:events_eventreport_change", args=[report.pk])
    contributor_client.post(change, report_form(event, report, status=Status.PUBLISHED, _workflow="save"))
    contributor_client.post(change, report_form(event, report, _workflow="publish"))
    report.refresh_from_db()
    assert report.status == Status.DRAFT


def test_contributor_cannot_see_or_change_another_wards_report(contributor_client, ward, other_ward):
    foreign = EventReportFactory(
        event=EventFactory(organization=other_ward), status=Status.DRAFT, results="Gốc"
    )
    listing = contributor_client.get(reverse("admin:events_eventreport_changelist")).content.decode()
    assert foreign.event.title not in listing
    change = reverse("admin:events_eventreport_change", args=[foreign.pk])
    assert contributor_client.get(change).status_code in (302, 404)
    contributor_client.post(change, report_form(foreign.event, foreign, results="Sửa trộm"))
    contributor_client.post(reverse("admin:events_eventreport_delete", args=[foreign.pk]), {"post": "yes"})
    contributor_client.post(
        reverse("admin:events_eventreport_changelist"),
        {"action": "submit_for_review", "_selected_action": [foreign.pk]},
    )
    foreign.refresh_from_db()
    assert foreign.results == "Gốc" and foreign.status == Status.DRAFT


def test_contributor_cannot_change_published_report(contributor_client, ward):
    report = EventReportFactory(
        event=EventFactory(organization=ward), status=Status.PUBLISHED, results="Đã duyệt"
    )
    change = reverse("admin:events_eventreport_change", args=[report.pk])
    contributor_client.post(change, report_form(report.event, report, results="Sửa sau khi duyệt"))
    report.refresh_from_db()
    assert report.results == "Đã duyệt"


def test_contributor_documents_are_scoped(contributor_client, ward, other_ward):
    DocumentFactory(title="Văn bản phường mình", issuer=ward, status=Status.DRAFT)
    DocumentFactory(title="Văn bản phường khác", issuer=other_ward, status=Status.DRAFT)
    html = contributor_client.get(reverse("admin:events_document_changelist")).content.decode()
    assert "Văn bản phường mình" in html and "Văn bản phường khác" not in html


def test_editor_bulk_publish_keeps_revisions(editor_client):
    events = EventFactory.create_batch(3, status=Status.PENDING)
    editor_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "publish_selected", "_selected_action": [e.pk for e in events]},
    )
    for event in events:
        event.refresh_from_db()
        assert event.status == Status.PUBLISHED
        assert Version.objects.get_for_object(event).count() == 1


# --- dates far outside the years the portal serves -----------------------------------------------------
@pytest.mark.parametrize("day", ["01/01/0001", "31/12/9999", "01/01/1800"])
def test_an_event_or_document_dated_outside_the_portals_years_is_a_form_error(admin_client, ward, day):
    response = admin_client.post(
        reverse("admin:events_event_add"), event_form(ward, starts_at_0=day, ends_at_0="", ends_at_1="")
    )
    assert response.status_code == 200
    assert "từ năm 1930 đến năm 2099" in str(response.context["adminform"].form.errors["starts_at"])
    assert not Event.objects.exists()
    # A document's issue date (a plain date field) the same way, as its form is shown.
    form_class = admin.site._registry[Document].get_form(admin_client.request().wsgi_request)
    form = form_class(data={"issued_on": day})
    assert "từ năm 1930 đến năm 2099" in str(form.errors.get("issued_on"))


def test_an_event_dated_at_the_end_of_the_calendar_does_not_take_the_schedule_down(client, ward):
    # Saved without the form (an old import, say): the schedule still answers.
    EventFactory(
        organization=ward,
        status=Status.PUBLISHED,
        starts_at=datetime.datetime(9999, 12, 10, 8, tzinfo=datetime.UTC),
        ends_at=None,
    )
    assert client.get(reverse("events:schedule")).status_code == 200
    assert client.get(reverse("events:schedule") + "?tuan=9999-W50").status_code in (200, 400, 404)


def test_a_version_holds_the_documents_attached_in_that_same_save(editor_client, ward):
    """Documents are attached through an inline (the m2m's through rows), saved after the event:
    the event's version must hold them, not the list it had before the save."""
    event = EventFactory(organization=ward, status=Status.DRAFT)
    document = DocumentFactory(issuer=ward)
    url = reverse("admin:events_event_change", args=[event.pk])
    assert editor_client.post(url, event_form(ward, event, title=event.title)).status_code == 302
    data = event_form(
        ward,
        event,
        title=event.title,
        **{
            "Event_documents-TOTAL_FORMS": "1",
            "Event_documents-0-document": str(document.pk),
            "Event_documents-0-event": str(event.pk),
        },
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert list(event.documents.all()) == [document]
    latest = Version.objects.get_for_object(event).first()
    assert latest.field_dict["documents"] == [document.pk]

    # Going back to the version before the document was attached takes it off again, and going
    # forward to the latest puts it back: each version holds what its save left.
    first = Version.objects.get_for_object(event).last()
    # The revert screen names them (their rows would get new ids: no inline of them there).
    latest = Version.objects.get_for_object(event).first()
    for version, expected, named in ((first, [], "không có"), (latest, [document], f"“{document}”")):
        url = reverse("admin:events_event_revision", args=[event.pk, version.pk])
        page = editor_client.get(url)
        assert f"Văn bản kèm theo theo phiên bản này: {named}." in page.content.decode()
        response = editor_client.post(url, admin_form_data(page))
        assert response.status_code == 302, response.context and response.context["errors"]
        assert list(event.documents.all()) == expected


def test_a_report_appears_only_once_its_event_has_begun(editor_client, ward):
    """A report tells what happened: never published beside "Sắp diễn ra"; written ahead, or
    scheduled for a time after the start, it is."""
    from frontcms import publishing_service
    from frontcms.publishing_service import WorkflowError

    start = timezone.now() + datetime.timedelta(days=3)
    event = EventFactory(organization=ward, title="Hội nghị khu dân cư số 7", starts_at=start)
    add = reverse("admin:events_eventreport_add")
    response = editor_client.post(add, report_form(event, _workflow="publish"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert "“Hội nghị khu dân cư số 7” diễn ra lúc" in errors[0] and "chỉ được đăng từ lúc đó" in errors[0]
    assert not EventReport.objects.exists()

    assert editor_client.post(add, report_form(event, _workflow="save")).status_code == 302  # written ahead
    report = EventReport.objects.get()
    with pytest.raises(WorkflowError):  # a bulk step or a command asks too
        publishing_service.publish(report, user=None)
    later = timezone.localtime(start + datetime.timedelta(hours=4))
    change = reverse("admin:events_eventreport_change", args=[report.pk])
    scheduled = report_form(event, report, _workflow="publish")
    scheduled |= {"publish_at_0": f"{later:%d/%m/%Y}", "publish_at_1": f"{later:%H:%M}"}
    response = editor_client.post(change, scheduled)
    assert response.status_code == 302, response.context and response.context["errors"]
    report.refresh_from_db()
    assert report.is_scheduled


def test_a_postponed_events_report_waits_for_its_new_time(ward):
    from events.models import EventStatus

    now = timezone.now()
    event = EventFactory(
        organization=ward,
        starts_at=now - datetime.timedelta(days=1),
        event_status=EventStatus.POSTPONED,
        postponed_to=now + datetime.timedelta(days=2),
    )
    report = EventReportFactory.build(event=event)
    assert report.publication_refusal(now) is not None
    assert report.publication_refusal(now + datetime.timedelta(days=3)) is None
