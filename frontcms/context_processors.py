"""Template context shared by every page: site settings, menu, quick links, today's date."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Prefetch
from django.utils import timezone

from . import home
from .cache import content_version
from .models import MenuItem, QuickLink, SiteSettings
from .text import format_long_date


def _menu() -> list[MenuItem]:
    key = f"frontcms:menu:{content_version()}"
    items = cache.get(key)
    if items is None:
        children = MenuItem.objects.filter(is_active=True).select_related("page", "page__parent")
        items = list(
            MenuItem.objects.filter(is_active=True, parent__isnull=True)
            .select_related("page", "page__parent")
            .prefetch_related(Prefetch("children", queryset=children, to_attr="visible_children"))
        )
        for item in items:
            item.resolved_url = item.get_url()
            for child in item.visible_children:
                child.resolved_url = child.get_url()
        cache.set(key, items, 3600)
    return items


def _quick_links() -> list[QuickLink]:
    key = f"frontcms:quicklinks:{content_version()}"
    links = cache.get(key)
    if links is None:
        links = list(QuickLink.objects.filter(is_active=True))
        cache.set(key, links, 3600)
    return links


def site(request):
    return {
        "site": SiteSettings.load(),
        "main_menu": _menu,
        "quick_links": _quick_links,
        "sidebar_blocks": lambda: home.blocks(request, region="aside"),
        "today_display": format_long_date(timezone.localdate()),
        "today_iso": timezone.localdate().isoformat(),
    }
