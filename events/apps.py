"""Events: training sessions, conferences, dialogues, congresses, their reports; the document library."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_CRUD = ("add", "change", "delete", "view")
_EVENT_MODELS = ("event", "eventreport", "agendaitem", "connectionpoint", "eventperson", "galleryimage")
_DOCUMENT_MODELS = ("document", "documentfile")


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Sự kiện và văn bản")

    # Read by frontcms.roles ("app_label.codename"). Contributors never get the publish rights;
    # what they may touch is further limited to their organisation by committees.scoping.
    role_permissions = {
        "Biên tập viên": [
            *(f"events.{a}_{m}" for m in _EVENT_MODELS + _DOCUMENT_MODELS for a in _CRUD),
            "events.publish_event",
            "events.publish_document",
        ],
        "Cộng tác viên": [
            # Delete: drafts only (frontcms.workflow.WorkflowAdminMixin).
            *(f"events.{a}_{m}" for m in ("event", "eventreport") for a in _CRUD),
            *(f"events.{a}_{m}" for m in _EVENT_MODELS[2:] for a in _CRUD),
            "events.add_document",
            "events.change_document",
            "events.delete_document",
            "events.view_document",
            *(f"events.{a}_documentfile" for a in _CRUD),
        ],
    }

    def ready(self) -> None:
        from frontcms import home

        from . import home as event_home
        from . import search

        home.register(
            home.HomeBlock(
                "events-upcoming",
                "events/blocks/upcoming.html",
                event_home.upcoming_context,
                30,
            )
        )
        home.register(
            home.HomeBlock(
                "events-documents",
                "events/blocks/documents.html",
                event_home.documents_context,
                40,
            )
        )
        search.register()
