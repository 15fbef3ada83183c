"""Search adapters of the events app for the portal index (frontcms.search): events and documents.

Only published objects are indexed; a scheduled one carries `visible_from` and shows up in results
by itself when its time comes.
"""

from __future__ import annotations

from frontcms.publishing import Status
from frontcms.richtext import html_to_text
from frontcms.search import SearchAdapter, SearchDocument, register_model


def event_document(event) -> SearchDocument | None:
    if event.status != Status.PUBLISHED:
        return None
    report = getattr(event, "report", None) if hasattr(event, "report") else None
    report_text = html_to_text(report.body) if report is not None and report.is_published else ""
    return SearchDocument(
        title=event.title,
        url=event.get_absolute_url(),
        summary=event.summary,
        body=" ".join(part for part in (event.venue, report_text) if part),
        date=event.starts_at,
        organization_id=event.organization_id,
        visible_from=event.published_at,
    )


def document_document(document) -> SearchDocument | None:
    if document.status != Status.PUBLISHED:
        return None
    return SearchDocument(
        title=str(document),
        url=document.get_absolute_url(),
        summary=document.summary,
        body=document.get_doc_type_display(),
        date=document.published_at if document.issued_on is None else _as_datetime(document.issued_on),
        organization_id=document.issuer_id,
        visible_from=document.published_at,
    )


def _as_datetime(day):
    import datetime

    from django.utils import timezone

    if isinstance(day, str):  # assigned but not yet reloaded from the database
        day = datetime.date.fromisoformat(day)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8)))


def reindex_event_of_report(sender, instance, **kwargs):
    """A report published or withdrawn changes what its event's index row holds."""
    from frontcms.search import index_object

    event = type(instance.event)._default_manager.filter(pk=instance.event_id).first()
    if event is not None:
        index_object(event)


def register() -> None:
    from django.db.models.signals import post_delete, post_save

    from .models import Document, Event, EventReport

    register_model(
        SearchAdapter(model=Event, kind="event", label="Sự kiện", document=event_document, order=20)
    )
    register_model(
        SearchAdapter(model=Document, kind="document", label="Văn bản", document=document_document, order=25)
    )
    post_save.connect(reindex_event_of_report, sender=EventReport, dispatch_uid="events-report-reindex")
    post_delete.connect(reindex_event_of_report, sender=EventReport, dispatch_uid="events-report-reindex-del")
