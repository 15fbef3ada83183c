"""Search adapters of the committees app for the portal index (frontcms.search): people and
organisations. Public data only: a person's name and short bio, an organisation's names and texts."""

from __future__ import annotations

from frontcms.richtext import html_to_text
from frontcms.search import SearchAdapter, SearchDocument, register_model


def person_document(person) -> SearchDocument | None:
    return SearchDocument(
        title=person.full_name,
        url=person.get_absolute_url(),
        summary=person.bio[:300],
        date=person.updated_at,
    )


def organization_document(org) -> SearchDocument | None:
    names = " ".join(part for part in (org.short_name, org.name_en) if part)
    return SearchDocument(
        title=org.name,
        url=org.get_absolute_url(),
        summary=names,
        body=" ".join(part for part in (html_to_text(org.intro), html_to_text(org.functions)) if part),
        date=org.updated_at,
        organization_id=org.pk,
    )


def register() -> None:
    from .models import Organization, Person

    register_model(
        SearchAdapter(model=Person, kind="person", label="Nhân sự", document=person_document, order=60)
    )
    register_model(
        SearchAdapter(
            model=Organization, kind="organization", label="Tổ chức", document=organization_document, order=65
        )
    )
