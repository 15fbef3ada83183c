"""Home-page blocks contributed by the apps.

The home page belongs to the core, but its content (latest news, upcoming events, …) belongs to
the apps. Each app registers its blocks in `AppConfig.ready()`; the home view renders them in
`order`. This keeps the dependency pointing from the apps to the core, never back.

A block is the same for every visitor: its HTML is a kept value (frontcms.cache), so pages the
page cache does not serve (staff, visitors with a session) skip rendering it too. Its template
gets only `data`, not the request context, and `get_context` says with depends_on() what the
block shows (a block that shows only the site's own settings needs nothing: every kept value
follows `site`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class HomeBlock:
    name: str
    template: str
    get_context: Callable[[HttpRequest], dict[str, Any]]
    order: int = 100
    # "main": the home page body; "aside": the sidebar of every page; "page:<path>": below the
    # body of the static page at that path (page_region(), e.g. the contact page's contacts).
    region: str = "main"


@dataclass
class RenderedBlock:
    name: str
    template: str
    region: str
    html: str  # kept (may be "")


_registry: dict[str, HomeBlock] = {}


def register(block: HomeBlock) -> None:
    _registry[block.name] = block


CONTACT_PAGE_PATH = "lien-he"  # the static page that lists the portal's contacts (DESIGN.md)


def page_region(path: str) -> str:
    """The region of blocks shown below the static page at `path` (`lien-he`, `gioi-thieu/lich-su`)."""
    return f"page:{path.strip('/')}"


def has_blocks(region: str) -> bool:
    return any(b.region == region for b in _registry.values())


def _ordered(region: str) -> list[HomeBlock]:
    return sorted((b for b in _registry.values() if b.region == region), key=lambda b: (b.order, b.name))


def blocks(request: HttpRequest, region: str = "main") -> list[RenderedBlock]:
    """The blocks registered for `region`, in order, each as its kept HTML."""
    return [_rendered(block, request) for block in _ordered(region)]


def region_html(request: HttpRequest, region: str) -> str:
    """Every block of `region` as one piece of HTML (the sidebar on every page), kept as a whole
    too: one cache read per page."""
    from django.utils.safestring import mark_safe

    from .cache import kept

    def joined() -> str:
        # Each part is the output of an autoescaping template.
        return mark_safe("".join(block.html for block in blocks(request, region)))  # noqa: S308

    return kept(f"region:{region}", joined)


def _rendered(block: HomeBlock, request: HttpRequest) -> RenderedBlock:
    from django.template.loader import render_to_string

    from .cache import kept

    html = kept(
        f"block:{block.name}", lambda: render_to_string(block.template, {"data": block.get_context(request)})
    )
    return RenderedBlock(block.name, block.template, block.region, html=html)


def quick_links_context(request: HttpRequest) -> dict[str, Any]:
    """The core's own sidebar block: links to other websites, in their admin order."""
    from .models import QuickLink

    return {"links": list(QuickLink.objects.filter(is_active=True))}


def site_contact_context(request: HttpRequest) -> dict[str, Any]:
    """The core's block of the contact page: the committee's address, phone, e-mail and hours."""
    from .models import SiteSettings

    site = SiteSettings.load()
    return {"site": site, "hours": [line.strip() for line in site.working_hours.splitlines() if line.strip()]}
