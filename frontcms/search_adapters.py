"""The core's own search adapter: static pages."""

from .richtext import html_to_text
from .search import SearchAdapter, SearchDocument


def page_document(page) -> SearchDocument | None:
    if not page.is_published or (page.parent_id and not page.parent.is_published):
        return None
    return SearchDocument(
        title=page.title,
        url=page.get_absolute_url(),
        summary=page.seo_description,
        body=html_to_text(page.body),
        date=page.updated_at,
    )


def register() -> None:
    from . import search
    from .models import Page

    search.register_model(
        SearchAdapter(model=Page, kind="page", label="Trang", document=page_document, order=40)
    )
