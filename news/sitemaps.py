"""Sitemap sections for articles and categories, collected by the root URLconf."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.utils import timezone

from frontcms.cache import depends_on, tag
from frontcms.publishing import Status, next_publication

from .models import Article, Category


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7
    limit = 5000

    def items(self):
        depends_on(tag(Article))  # the page cache keeps the sitemap until an article changes
        next_publication(Article)
        return (
            Article.objects.published()
            .only("slug", "updated_at", "published_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, obj):
        return max(obj.updated_at, obj.published_at)


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        depends_on(tag(Article))  # each category's latest publication; categories follow `site`
        next_publication(Article)
        published = Q(articles__status=Status.PUBLISHED, articles__published_at__lte=timezone.now())
        return Category.objects.annotate(
            last_article=Max("articles__published_at", filter=published)
        ).order_by("pk")

    def lastmod(self, obj):
        return obj.last_article


sitemaps = {"news": ArticleSitemap, "news_categories": CategorySitemap}
