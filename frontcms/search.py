"""Portal-wide search: each app registers a provider for its content type.

A provider turns a cleaned query into an ordered list of `SearchHit`s. The search view merges
the providers' hits, labelled by type. Matching is accent-insensitive: see frontcms.text.fold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet


@dataclass
class SearchHit:
    kind: str  # machine name: "page", "article", "event", "person"
    kind_label: str  # shown to the reader: "Trang", "Tin tức", …
    title: str
    url: str
    snippet: str = ""
    date: datetime | None = None
    score: float = 0.0


@dataclass(frozen=True)
class SearchProvider:
    kind: str
    label: str
    search: Callable[[str], list[SearchHit]]
    order: int = 100


_providers: dict[str, SearchProvider] = {}


def register(provider: SearchProvider) -> None:
    _providers[provider.kind] = provider


def providers() -> list[SearchProvider]:
    return sorted(_providers.values(), key=lambda p: (p.order, p.kind))


def words_filter(fields: list[str], words: list[str]) -> Q:
    """Every word must appear in at least one of `fields` (case-insensitive containment)."""
    condition = Q()
    for word in words:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition


def filter_words(queryset: QuerySet, fields: list[str], words: list[str]) -> QuerySet:
    return queryset.filter(words_filter(fields, words)) if words else queryset.none()
