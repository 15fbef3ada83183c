"""Search providers: people and organisations, accent-insensitive on their folded names."""

from __future__ import annotations

from frontcms.search import SearchHit
from frontcms.text import fold

from .models import Organization, Person

LIMIT = 50


def _words(query: str) -> list[str]:
    return [w for w in fold(query).split() if w]


def _score(title: str, query: str) -> float:
    # Exact diacritics rank above a folded-only match; a whole-name match above a partial one.
    score = 2.0
    if query.casefold() in title.casefold():
        score += 1.0
    if fold(title) == fold(query):
        score += 1.0
    return score


def search_people(query: str) -> list[SearchHit]:
    words = _words(query)
    if not words:
        return []
    hits = []
    for person in Person.objects.matching(words).only("full_name", "slug", "bio")[:LIMIT]:
        hits.append(
            SearchHit(
                kind="person",
                kind_label="Nhân sự",
                title=person.full_name,
                url=person.get_absolute_url(),
                snippet=person.bio[:200],
                score=_score(person.full_name, query),
            )
        )
    return hits


def search_organizations(query: str) -> list[SearchHit]:
    words = _words(query)
    if not words:
        return []
    qs = Organization.objects.all()
    for word in words:
        qs = qs.filter(search_name__contains=word)
    return [
        SearchHit(
            kind="organization",
            kind_label="Tổ chức",
            title=org.name,
            url=org.get_absolute_url(),
            score=_score(org.name, query),
        )
        for org in qs.only("name", "slug")[:LIMIT]
    ]
