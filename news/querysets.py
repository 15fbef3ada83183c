"""Query logic of the news app: what readers may see and how articles relate to each other."""

from __future__ import annotations

from django.db import models

from frontcms.publishing import PublishableQuerySet

RELATED_LIMIT = 6


def _tagged_items(model):
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import TaggedItem

    return TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(model))


class CategoryQuerySet(models.QuerySet):
    def roots(self):
        return self.filter(parent__isnull=True)

    def ancestor_ids(self, category_id: int) -> set[int]:
        """Ids of the category and every category above it (one query for the whole table)."""
        parents = dict(self.model._default_manager.values_list("pk", "parent_id"))
        found: set[int] = set()
        current = category_id
        while current is not None and current not in found:
            found.add(current)
            current = parents.get(current)
        return found

    def descendant_ids(self, category) -> set[int]:
        """Ids of `category` and every category below it (one query for the whole table)."""
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in self.model._default_manager.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        found = {category.pk}
        frontier = [category.pk]
        while frontier:
            frontier = [c for pk in frontier for c in children.get(pk, []) if c not in found]
            found.update(frontier)
        return found


class ArticleQuerySet(PublishableQuerySet):
    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def in_category(self, category):
        """Articles of `category` and of all its sub-categories."""
        ids = category.__class__.objects.descendant_ids(category)
        return self.filter(category_id__in=ids)

    def tagged(self, slug: str):
        # EXISTS rather than taggit's join: the join casts object_id, which rules out its index.
        return self.filter(
            models.Exists(_tagged_items(self.model).filter(object_id=models.OuterRef("pk"), tag__slug=slug))
        )

    def for_organization(self, organization):
        return self.filter(organization=organization)

    def featured(self):
        return self.filter(is_featured=True)

    def with_cards(self):
        """What a list card shows: category, organisation (no tags, no body)."""
        return self.select_related("category", "organization").defer("body")

    def with_detail(self):
        # Tags are read with the body, which is usually kept rendered (news.views.ArticleDetailMixin).
        return self.select_related("category", "category__parent", "organization", "event")

    def related_to(self, article, limit: int = RELATED_LIMIT) -> list:
        """Related news for `article`, in this order of groups, most recent first within each:

        1. the editor's manual picks (in their chosen order), 2. the same event, 3. sharing a tag,
        4. the same organisation or category. Never the article itself, never unpublished ones.
        One query per group at most (each capped at `limit`), so the cost does not grow with data.
        """
        base = self.model._default_manager.published().exclude(pk=article.pk)
        chosen: list = []
        seen = {article.pk}

        def take(queryset):
            if len(chosen) >= limit:
                return
            for item in queryset.exclude(pk__in=seen)[: limit - len(chosen)]:
                seen.add(item.pk)
                chosen.append(item)

        picks = base.filter(picked_by__from_article=article).order_by("picked_by__position", "picked_by__pk")
        take(picks.with_cards())
        if article.event_id:
            take(base.filter(event_id=article.event_id).newest_first().with_cards())
        tag_ids = [tag.pk for tag in article.tags.all()]
        if tag_ids:
            # EXISTS, not a join + DISTINCT: the newest articles are walked in index order and the
            # first few sharing a tag are kept, instead of sorting every article of common tags.
            shares_tag = _tagged_items(self.model).filter(object_id=models.OuterRef("pk"), tag_id__in=tag_ids)
            take(base.filter(models.Exists(shares_tag)).newest_first().with_cards())
        same = models.Q()
        if article.organization_id:
            same |= models.Q(organization_id=article.organization_id)
        if article.category_id:
            same |= models.Q(category_id=article.category_id)
        if same:
            take(base.filter(same).newest_first().with_cards())
        return chosen
