"""The portal's languages: Vietnamese, and English under the `/en/` path prefix (DESIGN.md).

Decree 42/2022/NĐ-CP asks public portals for an English version of the organisation, its functions
and its contacts. Those pages live under `/<language>/` for each other language of
`settings.LANGUAGES`, while Vietnamese URLs keep no prefix. A request under such a prefix runs in
that language (`PathLanguageMiddleware`): `{% translate %}` strings come from `locale/<language>`,
and the header, footer, breadcrumbs and dates follow.

What those pages show belongs to an app: it registers the language's home page and its short
menu here in `AppConfig.ready()`, so the core names no app's URL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.html import format_html

from .routing import url_for
from .text import nfc


@dataclass(frozen=True)
class MenuLink:
    title: str  # a lazy translation of a Vietnamese msgid, shown in the page's language
    url_name: str
    fragment: str = ""  # "#contacts": a part of the page


@dataclass(frozen=True)
class LanguageSite:
    """The pages of one other language: its home page and its menu."""

    code: str
    home: str  # URL name of its home page
    menu: tuple[MenuLink, ...] = ()


@dataclass(frozen=True)
class MenuEntry:
    """One link of the header's menu, shaped like frontcms.models.MenuItem for partials/header.html."""

    title: str
    resolved_url: str
    lang: str = ""  # the link's own language, when it is not the page's (the way back to Vietnamese)
    visible_children: tuple = field(default=())
    is_external: bool = False


_sites: dict[str, LanguageSite] = {}


def register(site: LanguageSite) -> None:
    _sites[site.code] = site


def default() -> str:
    return settings.LANGUAGE_CODE


def path_language(path: str) -> str | None:
    """The language whose prefix starts `path` (`/en/…` → "en"), or None for a Vietnamese path."""
    for code, _name in settings.LANGUAGES:
        if code != default() and (path == f"/{code}" or path.startswith(f"/{code}/")):
            return code
    return None


def is_other(language: str | None = None) -> bool:
    """Whether the page is in another language than Vietnamese (the current one by default)."""
    return (language or translation.get_language()) != default()


def native_name(code: str) -> str:
    """The language's name in itself: "Tiếng Việt", "English" (in NFC: Django spells the
    Vietnamese with combining accents, which would not match the same words typed by anyone)."""
    return nfc(translation.get_language_info(code)["name_local"])


def home_url(language: str | None = None) -> str:
    """The home page of `language` (the current one by default): `/` for Vietnamese, `/en/`."""
    site = _sites.get(language or translation.get_language())
    return url_for(site.home if site else "frontcms:home")


def other_site() -> dict | None:
    """The link to the other language's home in the header: English from Vietnamese pages, and
    Vietnamese from the others (None while no app has registered pages in another language)."""
    language = translation.get_language()
    if is_other(language):
        code = default()
    else:
        code = next(iter(_sites), None)
        if code is None:
            return None
    return {"code": code, "name": native_name(code), "url": home_url(code)}


def menu(language: str) -> list[MenuEntry]:
    """The short menu of the pages in `language`, then the way back to the Vietnamese site."""
    site = _sites.get(language)
    entries = [
        MenuEntry(str(link.title), url_for(link.url_name) + link.fragment)
        for link in (site.menu if site else ())
    ]
    entries.append(MenuEntry(native_name(default()), home_url(default()), lang=default()))
    return entries


def alternates(urls: dict[str, str]) -> list[tuple[str, str]]:
    """(hreflang, URL) pairs for `<link rel="alternate">` in base.html: one page in each of its
    languages (itself included), and the Vietnamese one for every other reader (x-default)."""
    if len(urls) < 2:
        return []
    return [*urls.items(), ("x-default", urls[default()])]


def home_alternates() -> list[tuple[str, str]]:
    """The alternates of the home page: `/`, and `/en/` once an app has registered it."""
    return alternates({default(): home_url(default()), **{code: home_url(code) for code in _sites}})


def localized_text(obj, *names: str) -> tuple[str, str]:
    """(text, language) of the first of the fields `names` of `obj` filled in for the page's
    language (`address_en` on an English page), else of the first filled in in Vietnamese.

    The language is "" when the text is in the page's own language, else the code to mark it with,
    so an English page says which words are not English (WCAG 3.1.2)."""
    language = translation.get_language()
    if is_other(language):
        for name in names:
            value = getattr(obj, f"{name}_{language}", "")
            if value:
                return value, ""
    for name in names:
        value = getattr(obj, name, "")
        if value:
            return value, default() if is_other(language) else ""
    return "", ""


def localized_html(obj, *names: str) -> str:
    """localized_text as HTML: the text, in `<span lang="vi">` when it is not in the page's language."""
    text, lang = localized_text(obj, *names)
    if lang:
        return format_html('<span lang="{}">{}</span>', lang, text)
    return format_html("{}", text)


class PathLanguageMiddleware:
    """Runs a request under `/en/` in English, and every other request in Vietnamese as before.

    Not Django's LocaleMiddleware and i18n_patterns: Vietnamese URLs have no prefix and must not
    change, and the language never comes from a cookie or the browser's Accept-Language, so a page
    is the same for every reader (and the page cache keys it by its path alone)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = path_language(request.path_info)
        if language is None:
            return self.get_response(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
