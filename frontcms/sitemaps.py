"""Sitemap sections of the core (static pages); the apps add their own in the root URLconf."""

from django.contrib.sitemaps import Sitemap

from .cache import depends_on, tag
from .models import Page


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        depends_on(tag(Page))
        return Page.objects.published().select_related("parent").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class HomeSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        depends_on()
        return ["frontcms:home"]

    def location(self, item):
        from django.urls import reverse

        return reverse(item)
