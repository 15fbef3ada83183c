"""Public news pages: lists (all, by category, by tag), the article, and the secret preview."""

from __future__ import annotations

import hashlib
import zlib
from typing import NamedTuple

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from committees.scoping import allowed_organization_ids
from frontcms.cache import depends_on, kept, tag
from frontcms.models import SiteSettings
from frontcms.pagination import DeferredJoinPaginator, PaginationMixin
from frontcms.publishing import next_publication
from frontcms.templatetags.frontcms_tags import breadcrumb_trail
from frontcms.views import DependsOnMixin, OldSlugRedirectMixin, SharedObjectMixin

from .models import Article, Category
from .preview import article_from_token
from .templatetags.news_tags import rendition

OTHER_NEWS_LIMIT = 6


class ArticleListView(PaginationMixin, DependsOnMixin, ListView):
    """`/tin-tuc/`: published articles, newest first."""

    template_name = "news/article_list.html"
    context_object_name = "articles"
    paginator_class = DeferredJoinPaginator

    def get_queryset(self):
        return self.filter_articles(Article.objects.published()).with_cards().newest_first()

    def filter_articles(self, queryset):
        return queryset

    def list_tag(self) -> str:
        return tag(Article)

    def dependencies(self) -> None:
        depends_on(self.list_tag())
        next_publication(Article)  # a scheduled article appears by itself

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("heading", _("Tin tức"))
        context.setdefault("breadcrumbs", [(_("Tin tức"), None)])
        return context


class CategoryArticleListView(ArticleListView):
    """`/tin-tuc/danh-muc/<slug>/`: the category and its sub-categories."""

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category.objects.select_related("parent"), slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def filter_articles(self, queryset):
        return queryset.in_category(self.category)

    def list_tag(self) -> str:
        return tag(Article, category=self.category.pk)  # its sub-categories' articles included

    def get_context_data(self, **kwargs):
        crumbs = [(_("Tin tức"), reverse("news:list"))]
        if self.category.parent_id:
            crumbs.append((self.category.parent.name, self.category.parent.get_absolute_url()))
        crumbs.append((self.category.name, None))
        return super().get_context_data(
            category=self.category,
            heading=self.category.name,
            breadcrumbs=crumbs,
            subcategories=list(self.category.children.all()),
            **kwargs,
        )


class TagArticleListView(ArticleListView):
    """`/tin-tuc/the/<slug>/`."""

    def get(self, request, *args, **kwargs):
        self.tag = get_object_or_404(Tag, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def filter_articles(self, queryset):
        return queryset.tagged(self.tag.slug)

    def list_tag(self) -> str:
        return tag(Article, tag=self.tag.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tag=self.tag,
            heading=_("Thẻ: %(tag)s") % {"tag": self.tag.name},
            breadcrumbs=[(_("Tin tức"), reverse("news:list")), (self.tag.name, None)],
            **kwargs,
        )


def sees_unpublished(user) -> bool:
    """Staff who may change articles see the unpublished ones they may edit, with a preview banner."""
    return user.is_authenticated and user.is_staff and user.has_perm("news.change_article")


def visible_articles(user):
    """Published articles; staff who may change articles also see unpublished ones they may edit."""
    published = Article.objects.published()
    if not sees_unpublished(user):
        return published
    allowed = allowed_organization_ids(user)
    if allowed is None:
        return Article.objects.all()
    return Article.objects.filter(Q(pk__in=published.values("pk")) | Q(organization_id__in=allowed))


class ArticleParts(NamedTuple):
    """What every reader of a published article sees the same (ArticleDetailMixin.shared_parts):
    HTML and a picture's address, a tuple so that caches can hand it out without copying it."""

    breadcrumbs: str
    article: str
    around: str
    og_image: str  # "" without a cover picture


# Part of the kept entry's key: entries pickled with other fields (or fields of other types) are
# never read after a deploy that changes them (they would not unpickle into this class).
ARTICLE_PARTS_SHAPE = zlib.crc32(repr(ArticleParts.__annotations__).encode())


class ArticleDetailMixin:
    template_name = "news/article_detail.html"
    main_template = "news/includes/article_main.html"
    around_template = "news/includes/article_around.html"
    context_object_name = "article"
    model = Article

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("is_shared_preview", False)  # asked four times by the templates
        article = self.object
        if self.parts_are_shared(article, context):
            context["page_parts"] = parts = self.shared_parts(article)
            context["og_image"] = parts.og_image
        else:
            context["breadcrumbs"] = self.breadcrumbs(article)
            context.update(self.body_context(article))
            context["og_image"] = rendition(article.cover, "og")
        return context

    def parts_are_shared(self, article, context) -> bool:
        """A published article's page is the same for every reader (the one-off notice after
        rating is the rating block's own). Previews and drafts are rendered in place, and so is
        every page for logged-in staff, who must always see it fresh."""
        return (
            article.is_published
            and not self.request.user.is_authenticated
            and not context.get("is_shared_preview")
        )

    def breadcrumbs(self, article) -> list[tuple[str, str | None]]:
        crumbs = [(_("Tin tức"), reverse("news:list"))]
        if article.category_id:
            crumbs.append((article.category.name, article.category.get_absolute_url()))
        crumbs.append((article.title, None))
        return crumbs

    def body_context(self, article) -> dict:
        from django.db.models import prefetch_related_objects

        prefetch_related_objects([article], "tags")  # once, for the tag list and the related news
        tags = list(article.tags.all())
        related = Article.objects.related_to(article)
        others = Article.objects.published().exclude(pk=article.pk)
        others = others.filter(category_id=article.category_id) if article.category_id else others
        # The body shows the article, its organisation and event by name, the articles it names,
        # and lists that a newly published article could join: the same category (the other
        # news), and the same tags, organisation or event (the related news).
        depends_on(
            tag(article),
            *(tag(item) for item in related),
            tag(Article, category=article.category_id) if article.category_id else tag(Article),
            *(tag(Article, tag=item.pk) for item in tags),
        )
        if article.organization_id:
            depends_on(tag(article.organization), tag(Article, organization=article.organization_id))
        if article.event_id:
            depends_on(tag(article.event), tag(Article, event=article.event_id))
        next_publication(Article)
        return {
            "article": article,
            "tags": tags,
            "related_articles": related,
            "other_articles": list(others.with_cards().newest_first()[:OTHER_NEWS_LIMIT]),
            "request": self.request,  # absolute share links: the host is part of the cache key
        }

    def shared_parts(self, article) -> ArticleParts:
        """The article's breadcrumb trail, the article and the news around it as HTML, and its
        sharing picture, kept: all that is left to render per request is the page around them
        and the rating and comment blocks (kept on their own, so that a rating does not make
        these stale). One entry per scheme and host, for the absolute links (per language)."""
        origin = f"{self.request.scheme}://{self.request.get_host()}"
        host = hashlib.sha256(origin.encode()).hexdigest()[:16]

        def render_parts() -> ArticleParts:
            context = {**self.body_context(article), "site": SiteSettings.load()}
            return ArticleParts(
                breadcrumbs=breadcrumb_trail(self.breadcrumbs(article)),
                article=render_to_string(self.main_template, context),
                around=render_to_string(self.around_template, context),
                og_image=rendition(article.cover, "og"),
            )

        return kept(f"news:article-parts:{ARTICLE_PARTS_SHAPE}:{article.pk}:{host}", render_parts)


class ArticleDetailView(OldSlugRedirectMixin, SharedObjectMixin, ArticleDetailMixin, DetailView):
    """`/tin-tuc/<slug>/`: 404 for the public unless published; staff preview with a banner."""

    head_is_per_path = True

    def get_queryset(self):
        return visible_articles(self.request.user).with_detail()

    def object_is_shared(self) -> bool:
        return not sees_unpublished(self.request.user)

    def find_renamed(self, kwargs):
        # Only published articles redirect: an old slug must not reveal an unpublished one.
        obj = Article.from_old_slug(kwargs.get(self.slug_url_kwarg, ""))
        return obj if obj is not None and obj.is_published else None


class ArticlePreviewView(ArticleDetailMixin, DetailView):
    """`/tin-tuc/xem-truoc/<token>/`: a signed, expiring, revocable link to an article that is not
    archived, for people without accounts."""

    def get_object(self, queryset=None):
        article = article_from_token(self.kwargs["token"], Article.objects.with_detail())
        if article is None:
            raise Http404
        return article

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_shared_preview=True, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response
