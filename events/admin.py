"""Staff admin for events, their reports and the document library.

All three follow the shared workflow (draft → pending → published, frontcms.workflow), keep
revisions (frontcms.revisions.RevisionAdmin: history, compare, restore) and are scoped for ward
contributors (committees.scoping): a contributor sees and edits only the events, reports and
documents of their own organisation and its children, and attaches their own documents or
published ones of the library.
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from committees.scoping import (
    OrganizationScopedAdminMixin,
    ScopedChoicesMixin,
    allowed_organization_ids,
    is_autocomplete_request,
)
from committees.term_picking import OrganizationTermsFormMixin, OrganizationTermsViewMixin
from frontcms.admin import public_page_link
from frontcms.revisions import RevisionAdmin
from frontcms.workflow import ConcurrentEditForm, WorkflowAdminMixin

from .forms import DocumentAdminForm
from .models import (
    AgendaItem,
    ConnectionPoint,
    Document,
    DocumentFile,
    Event,
    EventPerson,
    EventReport,
    GalleryImage,
)


class ScopedRequiredOrganizationMixin:
    """For a contributor the organisation field is required: an object without one is nobody's."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        field = form.base_fields.get(self.organization_field)
        if field is not None and allowed_organization_ids(request.user) is not None:
            field.required = True
        return form


# --- events ---------------------------------------------------------------------------------------
class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("order", "starts_at", "title", "presenter")


class ConnectionPointInline(admin.TabularInline):
    model = ConnectionPoint
    extra = 0
    fields = ("order", "name", "address", "host")


class EventPersonInline(admin.TabularInline):
    model = EventPerson
    extra = 0
    fields = ("order", "role", "name", "position")


class EventDocumentInline(ScopedChoicesMixin, admin.TabularInline):
    model = Event.documents.through
    extra = 0
    autocomplete_fields = ("document",)
    verbose_name = _("văn bản kèm theo")
    verbose_name_plural = _("văn bản kèm theo (chọn từ thư viện Văn bản)")


class GalleryImageInline(admin.TabularInline):
    model = GalleryImage
    extra = 0
    fields = ("order", "image", "thumbnail", "caption")
    readonly_fields = ("thumbnail",)

    @admin.display(description=_("xem trước"))
    def thumbnail(self, obj):
        if not obj.pk or not obj.image:
            return ""
        return format_html('<img src="{}" alt="" width="96">', obj.image.url)


class EventAdminForm(OrganizationTermsFormMixin, ConcurrentEditForm):
    class Meta:
        model = Event
        exclude = ("documents",)  # edited through the documents inline


@admin.register(Event)
class EventAdmin(
    OrganizationTermsViewMixin,
    WorkflowAdminMixin,
    ScopedRequiredOrganizationMixin,
    OrganizationScopedAdminMixin,
    RevisionAdmin,
):
    publish_permission = "events.publish_event"
    organization_field = "organization"
    form = EventAdminForm
    list_display = (
        "title",
        "kind",
        "organization",
        "starts_at",
        "shown_status",
        "status",
        "report_status",
        "view_count",
        "view",
    )
    list_filter = ("status", "kind", "event_status", "is_online", "organization")
    list_select_related = ("organization", "report")
    search_fields = (
        "title__folded_contains",
        "summary__folded_contains",
        "venue__folded_contains",
    )  # frontcms/lookups.py
    autocomplete_fields = ("organization",)
    date_hierarchy = "starts_at"
    fieldsets = (
        (None, {"fields": ("title", "kind", "summary", "organization", "term", "session_number")}),
        (
            _("Thời gian, địa điểm"),
            {"fields": ("starts_at", "ends_at", "venue", "is_online", "event_status", "postponed_to")},
        ),
        (_("Lịch công tác"), {"fields": ("chair", "attendees")}),
        (_("Xuất bản"), {"fields": ("status", "published_at", "slug", "allow_comments")}),
    )
    inlines = [
        AgendaItemInline,
        ConnectionPointInline,
        EventPersonInline,
        EventDocumentInline,
        GalleryImageInline,
    ]

    @admin.display(description=_("tình trạng tổ chức"), ordering="event_status")
    def shown_status(self, obj):
        """As readers see it: a planned event that is over reads "Đã diễn ra" (Event.shown_status)."""
        return obj.shown_status.label

    @admin.display(description=_("báo cáo"))
    def report_status(self, obj):
        report = getattr(obj, "report", None)
        return report.get_status_display() if report else "—"

    @admin.display(description=_("xem"))
    def view(self, obj):
        return public_page_link(obj)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        source = (request.GET.get("app_label"), request.GET.get("model_name"), request.GET.get("field_name"))
        if source == ("events", "eventreport", "event") and is_autocomplete_request(request, self.admin_site):
            # A report is written for an event of the user's own scope that has none yet.
            queryset = queryset.filter(pk__in=self.get_queryset(request).values("pk"), report__isnull=True)
        return queryset, may_have_duplicates

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["report_panel"] = self.report_panel(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def report_panel(self, request, event) -> dict:
        """The event's report as its change page lists it: status and link, or "Thêm báo cáo"
        opening the report form with this event filled in."""
        report_admin = self.admin_site.get_model_admin(EventReport)
        report = EventReport.objects.filter(event=event).first()
        panel = {"report": report}
        if report is not None:
            if report_admin.has_view_or_change_permission(request, report):
                panel["url"] = reverse(f"{self.admin_site.name}:events_eventreport_change", args=[report.pk])
        elif report_admin.has_add_permission(request):
            add = reverse(f"{self.admin_site.name}:events_eventreport_add")
            panel["add_url"] = f"{add}?{urlencode({'event': event.pk})}"
        return panel


# --- reports --------------------------------------------------------------------------------------
@admin.register(EventReport)
class EventReportAdmin(WorkflowAdminMixin, OrganizationScopedAdminMixin, RevisionAdmin):
    """A contributor writes the report of an event of their ward and submits it; an editor publishes it."""

    publish_permission = "events.publish_event"
    organization_field = "event__organization"
    list_display = ("event", "event_organization", "status", "updated_at", "author")
    list_filter = ("status", "event__organization")
    list_select_related = ("event", "event__organization", "author")
    search_fields = ("event__title__folded_contains", "body", "results")
    autocomplete_fields = ("event",)
    date_hierarchy = "updated_at"
    fieldsets = (
        (None, {"fields": ("event", "body")}),
        (_("Số liệu"), {"fields": ("delegates_count", "boards_present", "opinions_count", "results")}),
        (_("Xuất bản"), {"fields": ("status", "published_at")}),
    )

    @admin.display(description=_("đơn vị"), ordering="event__organization__name")
    def event_organization(self, obj):
        return obj.event.organization

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "event":
            ids = allowed_organization_ids(request.user)
            events = Event.objects.select_related("organization").order_by("-starts_at")
            if ids is not None:
                events = events.filter(organization_id__in=ids)
            kwargs["queryset"] = events
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)


# --- documents ------------------------------------------------------------------------------------
class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    extra = 1
    fields = ("order", "file", "title", "kind", "size_display")
    readonly_fields = ("kind", "size_display")

    @admin.display(description=_("dung lượng"))
    def size_display(self, obj):
        from django.template.defaultfilters import filesizeformat

        return filesizeformat(obj.size) if obj.pk else ""


@admin.register(Document)
class DocumentAdmin(
    WorkflowAdminMixin,
    ScopedRequiredOrganizationMixin,
    OrganizationScopedAdminMixin,
    RevisionAdmin,
):
    publish_permission = "events.publish_document"
    organization_field = "issuer"
    form = DocumentAdminForm
    list_display = ("number", "title", "doc_type", "issuer", "issued_on", "status", "view")
    list_display_links = ("number", "title")
    list_filter = ("status", "doc_type", "issuer")
    list_select_related = ("issuer",)
    search_fields = ("number", "title__folded_contains", "summary__folded_contains")
    autocomplete_fields = ("issuer",)
    date_hierarchy = "issued_on"
    fieldsets = (
        (None, {"fields": ("number", "doc_type", "title", "issuer", "issued_on", "signer", "summary")}),
        (_("Xuất bản"), {"fields": ("status", "published_at", "slug")}),
    )
    inlines = [DocumentFileInline]

    @admin.display(description=_("xem"))
    def view(self, obj):
        return public_page_link(obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # A document whose number is taken is linked from the form's error if this user may open it.
        form.document_url = staticmethod(lambda document: self.change_url(request, document))
        return form

    def change_url(self, request, document) -> str | None:
        if not self.has_view_or_change_permission(request, document):
            return None
        return reverse(f"{self.admin_site.name}:events_document_change", args=[document.pk])
