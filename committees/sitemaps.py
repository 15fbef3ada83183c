"""Sitemap sections: organisations (current and dissolved: their pages stay), people, and the
English pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from frontcms.cache import depends_on, tag

from .models import Organization, Person


class OrganizationSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        depends_on(tag(Organization))
        return Organization.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class PersonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        depends_on(tag(Person))
        return Person.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class EnglishSitemap(Sitemap):
    """`/en/` and every organisation's English page (Decree 42/2022/NĐ-CP)."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return [None, *Organization.objects.only("slug", "updated_at").order_by("pk")]

    def location(self, obj):
        return obj.get_english_url() if obj else reverse("committees:english")

    def lastmod(self, obj):
        return obj.updated_at if obj else None


sitemaps = {"organizations": OrganizationSitemap, "people": PersonSitemap, "english": EnglishSitemap}
