"""Template context shared by every page: site settings, menu, sidebar blocks, today's date, and the
header and footer HTML, which are the same for every visitor: kept values (frontcms.cache) that
follow the tag `site` (menu, settings) and turn at midnight (the date).

Pages in another language (English under /en/, frontcms.languages) get the header and footer in
that language, with that language's short menu and no sidebar: its blocks are Vietnamese news.
Kept values are kept per language (frontcms.cache.kept_key)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from . import home, languages
from .cache import kept, next_midnight
from .models import MenuItem, SiteSettings
from .text import format_long_date


def _menu() -> list[MenuItem]:
    def items() -> list[MenuItem]:
        children = MenuItem.objects.filter(is_active=True).select_related("page", "page__parent")
        found = list(
            MenuItem.objects.filter(is_active=True, parent__isnull=True)
            .select_related("page", "page__parent")
            .prefetch_related(Prefetch("children", queryset=children, to_attr="visible_children"))
        )
        for item in found:
            item.resolved_url = item.get_url()
            for child in item.visible_children:
                child.resolved_url = child.get_url()
        return found

    return kept("chrome:menu", items)


def _today() -> dict:
    """Today's date for the header, kept until midnight: a header or page that shows it turns then."""

    def today() -> dict:
        day = timezone.localdate()
        return {"display": format_long_date(day, get_language()), "iso": day.isoformat()}

    return kept("chrome:today", today, until=next_midnight())


def _menu_paths() -> frozenset[str]:
    """The paths the header can mark as the current page (kept: no menu to unpickle per page)."""

    def paths() -> frozenset[str]:
        menu = _menu()
        found = {"/", *(item.resolved_url for item in menu)}
        found.update(child.resolved_url for item in menu for child in item.visible_children)
        return frozenset(found)

    return kept("chrome:menu-paths", paths)


def header_html(request) -> str:
    """The site header. It differs between pages only in the menu link marked as the current
    page, so it is kept once for all pages outside the menu and once per menu page (per language,
    as every kept value: frontcms.cache.kept_key)."""
    language = get_language()
    home_url = languages.home_url(language)
    if languages.is_other(language):
        menu = languages.menu(language)
        menu_paths = {home_url, *(item.resolved_url for item in menu)}
    else:
        menu, menu_paths = None, _menu_paths()
    current = request.path if request.path in menu_paths else ""

    def render() -> str:
        context = {
            "site": SiteSettings.load(),
            "main_menu": _menu() if menu is None else menu,
            "current_path": current,
            "today": _today(),
            "home_url": home_url,
            "other_site": languages.other_site(),
            # The search covers the Vietnamese content only: no search box on the English pages.
            "hide_search": menu is not None,
        }
        return render_to_string("partials/header.html", context)

    return kept(f"chrome:header:{current}", render)


def footer_html() -> str:
    return kept(
        "chrome:footer", lambda: render_to_string("partials/footer.html", {"site": SiteSettings.load()})
    )


def assets_html() -> str:
    return kept("chrome:assets", lambda: render_to_string("partials/head_assets.html"))


def site(request):
    other_language = languages.is_other()
    site_settings = SimpleLazyObject(SiteSettings.load)  # loaded only by pages that show it
    return {
        "site": site_settings,
        # The site's name and description in the page's language, for <title> and the meta tags.
        "site_name": SimpleLazyObject(lambda: languages.localized_text(site_settings, "site_name")[0]),
        "site_description": SimpleLazyObject(
            lambda: languages.localized_text(site_settings, "description", "site_name")[0]
        ),
        "page_language": get_language(),
        "home_url": languages.home_url,
        "other_site": languages.other_site,  # for the search page, which writes its own header
        "other_language": other_language,
        "main_menu": _menu,
        "sidebar_html": lambda: "" if other_language else home.region_html(request, "aside"),
        "portal_header": lambda: header_html(request),
        "portal_footer": footer_html,
        "portal_assets": assets_html,
        "today": SimpleLazyObject(_today),
        "alternates": (),  # the same page in other languages: pages that have one say so
        "kept_head": "",  # views whose <head> reads no query parameter keep it (DependsOnMixin)
    }
