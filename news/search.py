"""Search adapter for articles (frontcms.search): published and scheduled articles are indexed."""

from __future__ import annotations

from frontcms.publishing import Status
from frontcms.richtext import html_to_text
from frontcms.search import SearchAdapter, SearchDocument


def article_document(article) -> SearchDocument | None:
    if article.status != Status.PUBLISHED:
        return None
    return SearchDocument(
        title=article.title,
        url=article.get_absolute_url(),
        summary=article.summary,
        body=html_to_text(article.body),
        date=article.published_at,
        organization_id=article.organization_id,
        visible_from=article.published_at,  # a scheduled article is found only from its time on
    )


def register() -> None:
    from frontcms import search

    from .models import Article

    search.register_model(
        SearchAdapter(model=Article, kind="article", label="Tin tức", document=article_document, order=10)
    )
