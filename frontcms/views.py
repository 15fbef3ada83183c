"""Core public views: home, static pages, robots.txt, health check and error pages."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, TemplateView

from . import home, languages, robots
from .cache import depends_on, kept, tag
from .models import Page
from .pagination import pagination_context


class DependsOnMixin:
    """For public views: the page depends on what `dependencies()` names (frontcms.cache).

    The page cache stores a page only when its view has said what it shows; this mixin says it
    for every page of the view, even one that shows nothing but kept parts (the home page).

    `head_is_per_path`: the page's `<head>` (title, description, sharing tags) reads no query
    parameter, so base.html keeps it per address with the page's dependencies (`{% keep %}`):
    a page-cache miss (a new query parameter, a rating that changed the page) does not render it
    again."""

    head_is_per_path = False

    def dependencies(self) -> None:
        """Call depends_on() with the tags of the objects and lists this page shows."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        depends_on()
        self.dependencies()
        if self.head_is_per_path:
            context["kept_head"] = "head"
        return context


class HomeView(DependsOnMixin, TemplateView):
    """The home page: the apps' blocks, each kept as HTML with its own dependencies."""

    template_name = "frontcms/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["blocks"] = home.blocks(self.request)
        context["alternates"] = languages.home_alternates()
        return context


class OldSlugRedirectMixin:
    """For DetailViews by slug: a request for a slug the object used to have gets a 301."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            target = self.find_renamed(kwargs)
            if target is None:
                raise
            return HttpResponsePermanentRedirect(self.renamed_url(target))

    def renamed_url(self, obj) -> str:
        """Where a request for an old slug goes (the English view of an object overrides it)."""
        return obj.get_absolute_url()

    def find_renamed(self, kwargs):
        model = self.model or self.get_queryset().model
        obj = model.from_old_slug(kwargs.get(self.slug_url_kwarg, ""))
        if obj is None or not self.get_queryset().filter(pk=obj.pk).exists():
            return None
        return obj


class SharedObjectMixin(DependsOnMixin):
    """For DetailViews whose object every reader sees alike: the page depends on the object's tag,
    and the lookup is a kept value, so a warm page runs no query for it (pinned in tests/perf).
    Unknown URLs raise Http404 inside and are never kept, so junk URLs cannot fill the cache."""

    def object_is_shared(self) -> bool:
        """Whether this visitor sees the shared object (staff who preview drafts do not)."""
        return True

    def get_object(self, queryset=None):
        if queryset is not None or not self.object_is_shared():
            return super().get_object(queryset)
        find = super().get_object

        def found():
            obj = find()
            depends_on(tag(obj))  # saving or unpublishing the object forgets the lookup
            return obj

        # The view is part of the key: two views of one model may show different objects.
        lookup = repr((type(self).__qualname__, sorted(self.kwargs.items()))).encode()
        return kept(f"object:{type(self).__module__}:{hashlib.sha256(lookup).hexdigest()[:32]}", found)

    def dependencies(self) -> None:
        depends_on(tag(self.object))


class PageView(OldSlugRedirectMixin, DependsOnMixin, DetailView):
    """A static page by its full path; nested pages live at `/<parent>/<child>/`."""

    head_is_per_path = True

    template_name = "frontcms/page.html"
    context_object_name = "page"
    model = Page

    def get_queryset(self):
        return Page.objects.published()

    def find_renamed(self, kwargs):
        page = Page.from_old_slug(kwargs["path"].strip("/").split("/")[-1])
        return page if page is not None and page.is_published else None

    def get_object(self, queryset=None):
        page = Page.objects.for_path(self.kwargs["path"]).select_related("parent").first()
        if page is None:
            raise Http404
        return page

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.object
        root = page.parent or page
        context["section_root"] = root
        context["section_pages"] = list(root.children.published().select_related("parent"))
        context["breadcrumbs"] = (
            [(page.parent.title, page.parent.get_absolute_url())] if page.parent else []
        ) + [(page.title, None)]
        # Blocks the core and the apps attach to this page (the contact page's contacts), kept as HTML.
        region = home.page_region(page.get_absolute_url())
        if home.has_blocks(region):
            context["page_blocks_html"] = home.region_html(self.request, region)
        return context

    def dependencies(self) -> None:
        depends_on(tag(self.object), tag(Page))  # the page, and its section's list of pages


@require_safe
def robots_txt(request):
    depends_on()  # nothing but the code: a new release (migrate) forgets it
    private = [f"/{settings.ADMIN_URL}", "/ckeditor/", reverse("frontcms:search"), *robots.disallowed_paths()]
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in private),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def health(request):
    """For load balancers: 200 when the database and the cache answer, 503 otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # any driver error means "not healthy", never a 500
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        # A key of this request's own: a cache that stopped taking writes must not pass on what an
        # earlier check left, and checks from several balancers at once must not read each other's.
        key = f"frontcms:health:{secrets.token_hex(8)}"
        cache.set(key, "1", 10)
        checks["cache"] = "ok" if cache.get(key) == "1" else "error: no round trip"
        cache.delete(key)
    except Exception as exc:
        checks["cache"] = f"error: {exc.__class__.__name__}"
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def error_400(request, exception=None):
    """400 page. A request for a host outside ALLOWED_HOSTS gets a page built without the request:
    the full page names its own address (canonical link, share links), which needs the host."""
    try:
        request.get_host()
    except DisallowedHost:
        from django.template import loader

        response = HttpResponse(loader.get_template("errors/bad_host.html").render(), status=400)
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # Plain render without the request context: the failure may be in a context processor.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)


class SearchView(DependsOnMixin, TemplateView):
    """`/tim-kiem/?q=`: articles, events, pages and people in one ranked list, labelled by type.

    Filters: `loai` (type), `to-chuc` (organisation slug), `nam` (year); `trang` pages.
    Bad filter values are ignored rather than refused, so a shared link never breaks.
    """

    template_name = "frontcms/search.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        from django.apps import apps
        from django.core.paginator import Paginator

        from . import search
        from .text import normalize_query

        context = super().get_context_data(**kwargs)
        params = self.request.GET
        query_text = normalize_query(params.get("q", ""))
        query = search.parse_query(query_text)
        kinds = search.adapters()
        kind = params.get("loai", "")
        kind = kind if search.adapter_for(kind) else ""
        year = params.get("nam", "")
        year = int(year) if year.isdigit() and 1900 < int(year) < 2200 else None
        organization = None
        org_slug = params.get("to-chuc", "")
        if org_slug and apps.is_installed("committees"):
            Organization = apps.get_model("committees", "Organization")
            organization = Organization.objects.filter(slug=org_slug[:200]).only("pk", "name").first()
        results = search.search(
            query, kind=kind, organization_id=organization.pk if organization else None, year=year
        )
        page = Paginator(results, self.paginate_by).get_page(params.get("trang"))
        labels = {a.kind: a.label for a in kinds}
        hits = [
            {
                "kind": entry.kind,
                "label": labels.get(entry.kind, entry.kind),
                "title": entry.title,
                "url": entry.url,
                "date": entry.date,
                "snippet": search.highlight(entry.excerpt, query),
            }
            for entry in page.object_list
        ]
        context.update(
            search_query=query_text,
            has_words=not query.is_empty,
            kinds=kinds,
            selected_kind=kind,
            selected_year=year,
            organization=organization,
            page_obj=page,
            hits=hits,
            suggestions=search.suggestions(query) if not query.is_empty and not hits else [],
            breadcrumbs=[("Tìm kiếm", None)],
            **pagination_context(page, params),
        )
        return context

    def dependencies(self) -> None:
        from . import search
        from .publishing import Publishable, next_publication

        # Results come from every searchable model, and change when a scheduled item appears.
        models = [adapter.model for adapter in search.adapters()]
        depends_on(*(tag(model) for model in models))
        next_publication(*(model for model in models if issubclass(model, Publishable)))
