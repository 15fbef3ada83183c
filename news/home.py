"""Home-page blocks of the news app: featured articles and the latest of each main category."""

from __future__ import annotations

from django.db.models.expressions import RawSQL
from django.utils import timezone

from frontcms.cache import depends_on, tag
from frontcms.publishing import Status, next_publication

from .models import Article, Category

FEATURED_LIMIT = 5
PER_CATEGORY = 4
LATEST_LIMIT = 6


def featured_context(request) -> dict:
    """Featured articles; when none is featured, the latest ones (so the block is never empty)."""
    depends_on(tag(Article))
    next_publication(Article)
    featured = list(Article.objects.published().featured().with_cards().newest_first()[:FEATURED_LIMIT])
    if not featured:
        featured = list(Article.objects.published().with_cards().newest_first()[:FEATURED_LIMIT])
    return {"lead": featured[0] if featured else None, "articles": featured[1:]}


def _union_of_ids(querysets) -> RawSQL:
    """`SELECT id … UNION ALL SELECT id …` of sliced querysets (Django cannot slice union parts on SQLite)."""
    parts, params = [], []
    for n, queryset in enumerate(querysets):
        sql, part_params = queryset.values("pk").query.sql_with_params()
        # Django-compiled SQL; every value stays a bound parameter.
        parts.append(f"SELECT * FROM ({sql}) AS newest_{n}")  # noqa: S608
        params.extend(part_params)
    return RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611


def categories_context(request) -> dict:
    """The latest articles of each top-level category, sub-categories included: two queries in all."""
    depends_on(tag(Article))  # categories themselves follow `site`
    next_publication(Article)
    categories = list(Category.objects.all())
    by_id = {c.pk: c for c in categories}

    def root_of(category):
        seen = set()
        while category.parent_id and category.parent_id in by_id and category.pk not in seen:
            seen.add(category.pk)
            category = by_id[category.parent_id]
        return category

    roots = [c for c in categories if c.parent_id is None and c.show_on_home]
    root_ids = {c.pk for c in roots}
    leaf_to_root = {c.pk: root_of(c).pk for c in categories if root_of(c).pk in root_ids}
    if not leaf_to_root:
        return {"sections": []}
    # One query in all: the newest PER_CATEGORY of each root (sub-categories included) come from
    # one small index-ordered LIMIT subquery per root, glued with UNION ALL; numbering every
    # article of every category with a window function instead took 180 ms at 100,000 articles.
    newest_of_root = []
    for root in roots:
        leaves = [pk for pk, root_pk in leaf_to_root.items() if root_pk == root.pk]
        newest_of_root.append(
            Article.objects.filter(
                status=Status.PUBLISHED, published_at__lte=timezone.now(), category_id__in=leaves
            ).order_by("-published_at", "-pk")[:PER_CATEGORY]
        )
    newest = (
        Article.objects.filter(pk__in=_union_of_ids(newest_of_root))
        .select_related("organization")
        .defer("body")
    )
    grouped: dict[int, list] = {pk: [] for pk in root_ids}
    for article in newest:
        article.category = by_id[article.category_id]
        grouped[leaf_to_root[article.category_id]].append(article)
    sections = []
    for root in roots:
        items = sorted(grouped[root.pk], key=lambda a: (a.published_at, a.pk), reverse=True)[:PER_CATEGORY]
        if items:
            sections.append({"category": root, "articles": items})
    return {"sections": sections}


def category_menu_context(request) -> dict:
    """The sidebar's "Danh mục tin tức": every top-level category with its sub-categories, in
    their admin order (one query; categories follow `site`, like the rest of the sidebar)."""
    categories = list(Category.objects.only("name", "slug", "parent_id", "order"))
    children: dict[int, list] = {}
    for category in categories:
        if category.parent_id is not None:
            children.setdefault(category.parent_id, []).append(category)
    return {
        "categories": [
            {"category": c, "children": children.get(c.pk, [])} for c in categories if c.parent_id is None
        ]
    }
