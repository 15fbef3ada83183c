"""RSS 2.0 feeds: the latest published articles, for the whole portal and per category."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape

from frontcms.cache import depends_on, tag
from frontcms.models import SiteSettings
from frontcms.publishing import next_publication

from .models import Article, Category

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "vi"

    def title(self, obj=None):
        return f"Tin tức – {SiteSettings.load().site_name}"

    def link(self, obj=None):
        return reverse("news:list")

    def description(self, obj=None):
        return SiteSettings.load().description or self.title(obj)

    def get_articles(self, obj):
        return Article.objects.published()

    def list_tag(self, obj) -> str:
        return tag(Article)

    def items(self, obj=None):
        depends_on(self.list_tag(obj))  # the page cache keeps the feed until the list changes
        next_publication(Article)
        return list(self.get_articles(obj).with_cards().newest_first()[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # RSS readers show <description> as HTML and the summary is plain text: escaped once here,
        # then once more as XML by the feed writer, so a reader shows exactly what was written.
        return escape(item.summary)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [item.category.name] if item.category_id else []


class CategoryArticlesFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj=None):
        return f"{obj.name} – {SiteSettings.load().site_name}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return obj.description or self.title(obj)

    def get_articles(self, obj):
        return Article.objects.published().in_category(obj)

    def list_tag(self, obj) -> str:
        return tag(Article, category=obj.pk)
