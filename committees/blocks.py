"""Home-page / sidebar blocks of the committees app."""

from __future__ import annotations

from django.core.cache import cache

from frontcms.cache import content_version

from .models import Organization, OrganizationKind


def wards_block(request) -> dict:
    """The current ward committees, for the sidebar of every page (one cached query)."""
    key = f"committees:wards-block:{content_version()}"
    wards = cache.get(key)
    if wards is None:
        wards = [
            {"name": org.name, "short_name": org.short_name, "url": org.get_absolute_url()}
            for org in Organization.objects.current()
            .filter(kind=OrganizationKind.WARD_COMMITTEE)
            .only("name", "short_name", "slug")
            .order_by("order", "name")
        ]
        cache.set(key, wards, 3600)
    return {"wards": wards}
