"""Sitemap sections for events and documents; collected by the root URLconf."""

from django.contrib.sitemaps import Sitemap

from frontcms.cache import depends_on, tag
from frontcms.publishing import next_publication

from .models import Document, Event


class EventSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    limit = 5000

    def items(self):
        depends_on(tag(Event))
        next_publication(Event)
        return Event.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 5000

    def items(self):
        depends_on(tag(Document))
        next_publication(Document)
        return Document.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


sitemaps = {"events": EventSitemap, "documents": DocumentSitemap}
