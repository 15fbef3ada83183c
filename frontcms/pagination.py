"""Pagination shared by every list page: `?trang=N`, phone-friendly elided page numbers."""

from __future__ import annotations

from django.core.paginator import Page
from django.http import QueryDict


def pagination_context(page_obj: Page | None, query: QueryDict) -> dict:
    """Context for partials/pagination.html: elided page numbers and the other query parameters."""
    if page_obj is None:
        return {}
    others = query.copy()
    others.pop("trang", None)
    return {
        "page_range": list(
            page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
        ),
        "page_query": others.urlencode(),
    }


class PaginationMixin:
    """For ListViews: 20 a page, `?trang=N`, numbers that fit a phone screen."""

    paginate_by = 20
    page_kwarg = "trang"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(pagination_context(context.get("page_obj"), self.request.GET))
        return context
