"""Home-page / sidebar blocks of the committees app."""

from __future__ import annotations

from frontcms.cache import cached_for_version

from .models import Organization, OrganizationKind


def wards_block(request) -> dict:
    """The current ward committees, for the sidebar of every page (one cached query)."""

    def current_wards() -> list[dict]:
        return [
            {"name": org.name, "short_name": org.short_name, "url": org.get_absolute_url()}
            for org in Organization.objects.current()
            .filter(kind=OrganizationKind.WARD_COMMITTEE)
            .only("name", "short_name", "slug")
            .order_by("order", "name")
        ]

    wards = cached_for_version("committees:wards-block", current_wards, 3600)
    return {"wards": wards}


def ward_contacts_block(request) -> dict:
    """Each current ward committee's office and designated contacts, for the contact page
    (two queries; the block's HTML is kept until content changes)."""
    from django.db.models import Prefetch

    from .models import ContactPoint

    wards = (
        Organization.objects.current()
        .filter(kind=OrganizationKind.WARD_COMMITTEE)
        .only("name", "short_name", "slug", "address", "phone", "email")
        .prefetch_related(Prefetch("contact_points", queryset=ContactPoint.objects.select_related("person")))
        .order_by("order", "name")
    )
    return {"wards": list(wards)}
