"""Home-page blocks contributed by the apps.

The home page belongs to the core, but its content (latest news, upcoming events, …) belongs to
the apps. Each app registers its blocks in `AppConfig.ready()`; the home view renders them in
`order`. This keeps the dependency pointing from the apps to the core, never back.

A block whose output is the same for every visitor says so with `same_for_everyone=True`: its
HTML, not just its data, is then kept until content changes (frontcms.cache.cached_until_change),
so pages the page cache does not serve (staff, visitors with a session) skip rendering it too.
Its template then gets only `data`, not the request context.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
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
    same_for_everyone: bool = False  # keep the rendered HTML (see the module docstring)


@dataclass
class RenderedBlock:
    name: str
    template: str
    region: str
    data: dict[str, Any] = field(default_factory=dict)
    html: str | None = None  # the kept HTML of a block that is the same for everyone (may be "")


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
    """The blocks registered for `region`, in order, each with the data its template needs."""
    return [_rendered(block, request) for block in _ordered(region)]


def region_html(request: HttpRequest, region: str) -> str:
    """Every block of `region` as one piece of HTML (the sidebar on every page). When all of
    them are the same for everyone, the joined HTML is kept too: one cache read per page."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    from .cache import cached_until_change

    def joined() -> str:
        return mark_safe(  # noqa: S308 - each part is the output of an autoescaping template
            "".join(
                block.html
                if block.html is not None
                else render_to_string(block.template, {"data": block.data}, request)
                for block in blocks(request, region)
            )
        )

    if all(block.same_for_everyone for block in _ordered(region)):
        return cached_until_change(f"html:region:{region}:{get_language()}", joined)
    return joined()


def _rendered(block: HomeBlock, request: HttpRequest) -> RenderedBlock:
    if not block.same_for_everyone:
        return RenderedBlock(block.name, block.template, block.region, block.get_context(request))
    from .cache import cached_render

    html = cached_render(f"block:{block.name}", block.template, lambda: {"data": block.get_context(request)})
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
