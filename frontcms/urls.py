"""Root URLconf. Keep the public paths exactly as DESIGN.md lists them."""

import re

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.shortcuts import redirect
from django.templatetags.static import static as static_url
from django.urls import include, path, re_path
from django.views.static import serve as serve_file

from . import views
from .sitemaps import HomeSitemap, PageSitemap
from .view_on_site import view_on_site

sitemaps = {"home": HomeSitemap, "pages": PageSitemap}
for _app in ("news", "events", "committees"):
    try:
        _module = __import__(f"{_app}.sitemaps", fromlist=["sitemaps"])
    except ModuleNotFoundError:
        continue
    sitemaps.update(getattr(_module, "sitemaps", {}))


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the emblem."""
    return redirect(static_url("img/emblem.svg"))


def demo_media_urls():
    """Uploads served by Django in demo mode (DEBUG off, loopback only); nginx serves them in production."""
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    return [re_path(rf"^{prefix}(?P<path>.*)$", serve_file, {"document_root": settings.MEDIA_ROOT})]


handler400 = "frontcms.views.error_400"
handler403 = "frontcms.views.error_403"
handler404 = "frontcms.views.error_404"
handler500 = "frontcms.views.error_500"

admin.site.site_header = "Quản trị cổng thông tin MTTQ"
admin.site.site_title = "Quản trị FrontCMS"
admin.site.index_title = "Bảng điều khiển"

urlpatterns = [
    # Before the admin's own `r/…/…/` (view on site), which would redirect to any object.
    path(
        f"{settings.ADMIN_URL}r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(view_on_site)
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    path("ckeditor/", include("frontcms.upload_urls")),
    path("captcha/", include("captcha.urls")),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", favicon),
    path("suc-khoe/", views.health, name="health"),
    # Kept by the page cache under the content version, like every public page: archiving or
    # unpublishing drops a URL at once (a fixed cache_page would keep it for an hour).
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("", include("frontcms.engagement.urls")),
    path("tin-tuc/", include("news.urls")),
    path("", include("events.urls")),
    path("", include("committees.urls")),
    *(static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) if settings.DEBUG else []),
    *(demo_media_urls() if settings.DEMO and not settings.DEBUG else []),
    # Last: home, search and the static-page catch-all, which must never shadow the apps' URLs.
    path("", include("frontcms.public_urls")),
]
