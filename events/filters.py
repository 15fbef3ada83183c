"""Reader-facing filters (django-filter) of the event list and the document library.

Query parameters are Vietnamese words so that shared links read well:
`/su-kien/?loai=conference&to-chuc=<slug>&nam=2024&tinh-trang=held&thoi-gian=sap-dien-ra&q=...`.
A value that does not validate (an unknown kind, `nam=abc`) is ignored rather than emptying the
list or failing: the other, valid filters still apply.
"""

from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committees.models import Organization
from frontcms import search
from frontcms.widgets import FastSelect

from .models import ONGOING, Document, DocumentType, Event, EventKind, EventStatus


class LenientFilterSet(django_filters.FilterSet):
    """Applies the filters whose values are valid and ignores the others (never a 500, never 'no results').

    Also the parts both lists share: the `q` keyword filter and the year choices.
    """

    q = django_filters.CharFilter(label=_("Từ khóa"), method="filter_text", max_length=200)

    renames: dict[str, str] = {}
    search_kind = ""  # the frontcms.search kind of the listed objects

    def filter_text(self, queryset, name, value):
        """Objects where every word of `value` is found in their search index row (frontcms.search).

        Accent-insensitive and word-based like portal search: `tap huan`, `tập huấn` and `TẬP HUẤN`
        find each other, through the index (full-text search on PostgreSQL) instead of reading
        every row. Only published objects are indexed, as only those are listed.
        """
        ids = search.object_ids_matching(self.search_kind, value)
        return queryset if ids is None else queryset.filter(pk__in=ids)

    def offer_years(self, years: list[tuple[int, str]]) -> None:
        """The `nam` filter as a list of the given years (newest first), plus "all"."""
        self.filters["nam"].extra.update(
            widget=FastSelect(choices=[("", _("Tất cả"))] + years), min_value=1900, max_value=2100
        )

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        for python_name, param in cls.renames.items():
            if python_name in filters:
                filters[param] = filters.pop(python_name)
        return filters

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            qs = self.queryset.all()
            if self.is_bound:
                self.form.is_valid()
                cleaned = getattr(self.form, "cleaned_data", {})
                for name, value in cleaned.items():
                    qs = self.filters[name].filter(qs, value)
            self._qs = qs
        return self._qs


def _year_range(queryset, field: str):
    """Every year from the first to the last `field` (newest first): two index look-ups, where
    the distinct years of every row took a scan of the whole table."""
    from django.db.models import Max, Min

    bounds = queryset.aggregate(first=Min(field), last=Max(field))
    if bounds["first"] is None:
        return []
    first, last = (timezone.localtime(bounds[k]).year for k in ("first", "last"))
    return [(y, str(y)) for y in range(last, first - 1, -1)]


def _year_choices(dates):
    return [(y, str(y)) for y in sorted({d.year for d in dates if d}, reverse=True)]


class EventFilter(LenientFilterSet):
    search_kind = "event"
    kind = django_filters.ChoiceFilter(
        label=_("Loại"), choices=EventKind.choices, empty_label=_("Tất cả"), widget=FastSelect
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Đơn vị"),
        field_name="organization",
        queryset=Organization.objects.all(),
        to_field_name="slug",
        empty_label=_("Tất cả đơn vị"),
        widget=FastSelect,
    )
    year = django_filters.NumberFilter(label=_("Năm"), field_name="starts_at", lookup_expr="year")
    event_status = django_filters.ChoiceFilter(
        label=_("Tình trạng"),
        choices=[
            (EventStatus.PLANNED, EventStatus.PLANNED.label),
            (ONGOING.key, ONGOING.label),
            *((status, status.label) for status in EventStatus if status != EventStatus.PLANNED),
        ],
        method="filter_shown_status",
        empty_label=_("Tất cả"),
        widget=FastSelect,
    )
    when = django_filters.ChoiceFilter(
        label=_("Thời gian"),
        # "Tình trạng" says whether an event took place; this only says when it is (the values
        # stay as they were: filtered addresses are shared).
        choices=[("sap-dien-ra", _("Đang và sắp diễn ra")), ("da-dien-ra", _("Đã qua"))],
        method="filter_when",
        empty_label=_("Tất cả"),
        widget=FastSelect,
    )

    renames = {
        "kind": "loai",
        "organization": "to-chuc",
        "year": "nam",
        "event_status": "tinh-trang",
        "when": "thoi-gian",
    }

    class Meta:
        model = Event
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer_years(_year_range(Event.objects.published(), "starts_at"))

    def filter_shown_status(self, queryset, name, value):
        return queryset.in_shown_status(value, timezone.now())

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "sap-dien-ra":
            return queryset.upcoming(now)
        return queryset.past(now)


class DocumentFilter(LenientFilterSet):
    search_kind = "document"
    doc_type = django_filters.ChoiceFilter(
        label=_("Loại văn bản"), choices=DocumentType.choices, empty_label=_("Tất cả"), widget=FastSelect
    )
    issuer = django_filters.ModelChoiceFilter(
        label=_("Cơ quan ban hành"),
        field_name="issuer",
        queryset=Organization.objects.all(),
        to_field_name="slug",
        empty_label=_("Tất cả"),
        widget=FastSelect,
    )
    year = django_filters.NumberFilter(label=_("Năm"), field_name="issued_on", lookup_expr="year")

    renames = {"doc_type": "loai", "issuer": "co-quan", "year": "nam"}

    class Meta:
        model = Document
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer_years(_year_choices(Document.objects.published().dates("issued_on", "year")))
