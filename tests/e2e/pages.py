"""The catalogue of public page types a reader can land on, found in a database filled by seed_demo.

`catalogue()` returns one (page_type, url) per page type whose app has landed and whose demo
content exists, plus notes on the types it had to leave out and why. `landed_page_types()` says
which types must be present: those whose app is installed, whose URL name exists and whose app
seeds demo content; the completeness test compares the two, so it becomes strict by itself as the
apps arrive.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.apps import apps
from django.urls import get_resolver, reverse

SEARCH_WITH_RESULTS = "Mặt trận"
SEARCH_WITHOUT_RESULTS = "qzxjvkw"
MISSING_PATH = "/trang-khong-ton-tai-qzxjvkw/"


@dataclass(frozen=True)
class PageType:
    name: str
    app: str  # the app (module path) that serves the page
    url_name: str
    find: Callable[[], str | None]  # the URL of a page of this type in the seeded database, or None
    needs_demo: bool = True  # False: the page exists whatever the database holds (lists, forms)


def url_names() -> set[str]:
    """Every namespaced URL name of the root URLconf ("news:detail", "frontcms:home", …)."""
    names: set[str] = set()

    def walk(resolver, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))
            elif pattern.name:
                names.add(namespace + pattern.name)

    walk(get_resolver(), "")
    return names


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _first_url(queryset) -> str | None:
    obj = queryset.first() if queryset is not None else None
    return obj.get_absolute_url() if obj else None


def _published(label: str):
    model = _model(label)
    return model.objects.published() if model else None


def _article():
    articles = _published("news.Article")
    if articles is None:
        return None
    # An article with a cover, a category and tags shows the most of the page template.
    return (
        articles.exclude(cover="").exclude(category=None).filter(tags__isnull=False).first()
        or articles.first()
    )


def _find_article() -> str | None:
    article = _article()
    return article.get_absolute_url() if article else None


def _find_category() -> str | None:
    article = _article()
    if article and article.category_id:
        return article.category.get_absolute_url()
    return _first_url(_model("news.Category").objects.all()) if _model("news.Category") else None


def _find_tag() -> str | None:
    article = _article()
    tag = article.tags.first() if article else None
    return reverse("news:tag", kwargs={"slug": tag.slug}) if tag else None


def _find_event() -> str | None:
    events = _published("events.Event")
    if events is None:
        return None
    return _first_url(events.filter(report__isnull=False)) or _first_url(events)


def _find_organization() -> str | None:
    model = _model("committees.Organization")
    if model is None:
        return None
    return _first_url(model.objects.current().filter(parent=None)) or _first_url(model.objects.current())


def _find_english_organization() -> str | None:
    """A ward's English page: breadcrumbs, leaders, sub-organisations and a contact table."""
    model = _model("committees.Organization")
    if model is None:
        return None
    ward = model.objects.current().filter(kind="ward").order_by("order", "pk").first()
    return ward.get_english_url() if ward else None


def _find_person() -> str | None:
    membership = _model("committees.Membership")
    if membership is None:
        return None
    first = membership.objects.select_related("person").order_by("pk").first()
    return first.person.get_absolute_url() if first else None


def _find_page() -> str | None:
    return _first_url(_model("frontcms.Page").objects.published().filter(parent=None).order_by("pk"))


def _find_poll() -> str | None:
    model = _model("engagement.Poll")
    return _first_url(model.objects.visible()) if model else None


def _search(query: str) -> str:
    return f"{reverse('frontcms:search')}?{urlencode({'q': query})}"


PAGE_TYPES: list[PageType] = [
    PageType("home", "frontcms", "frontcms:home", lambda: reverse("frontcms:home"), needs_demo=False),
    PageType("news list", "news", "news:list", lambda: reverse("news:list"), needs_demo=False),
    PageType("category", "news", "news:category", _find_category),
    PageType("tag", "news", "news:tag", _find_tag),
    PageType("article", "news", "news:detail", _find_article),
    PageType("events list", "events", "events:list", lambda: reverse("events:list"), needs_demo=False),
    PageType("event", "events", "events:detail", _find_event),
    PageType(
        "organisation tree",
        "committees",
        "committees:tree",
        lambda: reverse("committees:tree"),
        needs_demo=False,
    ),
    PageType("organisation", "committees", "committees:organization", _find_organization),
    PageType("person", "committees", "committees:person", _find_person),
    PageType(
        "English home",
        "committees",
        "committees:english",
        lambda: reverse("committees:english"),
        needs_demo=False,
    ),
    PageType(
        "English organisation", "committees", "committees:english_organization", _find_english_organization
    ),
    PageType(
        "search with results",
        "frontcms",
        "frontcms:search",
        lambda: _search(SEARCH_WITH_RESULTS),
        needs_demo=False,
    ),
    PageType(
        "search without results",
        "frontcms",
        "frontcms:search",
        lambda: _search(SEARCH_WITHOUT_RESULTS),
        needs_demo=False,
    ),
    PageType("static page", "frontcms", "frontcms:page", _find_page),
    PageType(
        "feedback form",
        "frontcms.engagement",
        "engagement:feedback",
        lambda: reverse("engagement:feedback"),
        needs_demo=False,
    ),
    PageType("poll results", "frontcms.engagement", "engagement:poll", _find_poll),
    PageType("404", "frontcms", "frontcms:page", lambda: MISSING_PATH, needs_demo=False),
]
PAGE_TYPE_NAMES = [page_type.name for page_type in PAGE_TYPES]


def page_language(url: str) -> str:
    """The language a page is in: English under /en/, Vietnamese everywhere else."""
    return "en" if url.startswith("/en/") else "vi"


def _has_demo(app: str) -> bool:
    try:
        return importlib.util.find_spec(f"{app}.demo") is not None
    except ModuleNotFoundError:
        return False


def why_not_landed(page_type: PageType, names: set[str] | None = None) -> str | None:
    """Why this page type cannot be checked yet (its app is missing), or None when it has landed."""
    names = url_names() if names is None else names
    if not apps.is_installed(page_type.app):
        return f"app {page_type.app} is not installed"
    if page_type.url_name not in names:
        return f"URL name {page_type.url_name} does not exist"
    if page_type.needs_demo and not _has_demo(page_type.app):
        return f"{page_type.app} has no demo module, so seed_demo creates no content for it"
    return None


def landed_page_types() -> list[str]:
    names = url_names()
    return [pt.name for pt in PAGE_TYPES if why_not_landed(pt, names) is None]


def catalogue() -> tuple[list[tuple[str, str]], list[str]]:
    """[(page_type, url)] for the seeded database, and notes on the page types left out."""
    names = url_names()
    pages: list[tuple[str, str]] = []
    notes: list[str] = []
    for page_type in PAGE_TYPES:
        reason = why_not_landed(page_type, names)
        if reason is None:
            url = page_type.find()
            if url:
                pages.append((page_type.name, url))
                continue
            reason = "seed_demo created nothing of this type"
        notes.append(f"page type {page_type.name!r} not checked: {reason}")
    return pages, notes
