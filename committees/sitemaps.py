"""Sitemap sections: organisations (current and dissolved: their pages stay) and people."""

from django.contrib.sitemaps import Sitemap

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


sitemaps = {"organizations": OrganizationSitemap, "people": PersonSitemap}
