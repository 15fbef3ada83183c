"""Home-page / sidebar blocks of the committees app."""

from __future__ import annotations

from frontcms.cache import depends_on, next_midnight, tag

from .models import ContactPoint, Organization, OrganizationKind


def wards_block(request) -> dict:
    """The current ward committees, for the sidebar of every page (one query; the block is kept).

    A ward committee's save invalidates `site` (Organization.cache_tags); a ward dissolved today
    leaves the list at midnight, when its dissolution date arrives."""
    depends_on(until=next_midnight())
    wards = [
        {"name": org.name, "short_name": org.short_name, "url": org.get_absolute_url()}
        for org in Organization.objects.current()
        .filter(kind=OrganizationKind.WARD_COMMITTEE)
        .only("name", "short_name", "slug")
        .order_by("order", "name")
    ]
    return {"wards": wards}


def ward_contacts_block(request) -> dict:
    """Each current ward committee's office and designated contacts, for the contact page
    (two queries; the block is kept until a ward or a contact changes, or midnight)."""
    from django.db.models import Prefetch

    depends_on(tag(ContactPoint), until=next_midnight())

    wards = (
        Organization.objects.current()
        .filter(kind=OrganizationKind.WARD_COMMITTEE)
        .only("name", "short_name", "slug", "address", "phone", "email")
        .prefetch_related(Prefetch("contact_points", queryset=ContactPoint.objects.select_related("person")))
        .order_by("order", "name")
    )
    return {"wards": list(wards)}
