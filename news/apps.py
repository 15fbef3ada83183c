from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

ARTICLE_PERMS = [f"news.{action}_article" for action in ("add", "change", "delete", "view")]
CATEGORY_PERMS = [f"news.{action}_category" for action in ("add", "change", "delete", "view")]
PICK_PERMS = [f"news.{action}_relatedarticle" for action in ("add", "change", "delete", "view")]
# Import records are written by the import commands only; staff may read them.
IMPORT_PERMS = ["news.view_importrecord"]
LEGACY_PATH_PERMS = [f"news.{action}_legacypath" for action in ("add", "change", "delete", "view")]


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Tin tức")

    # Read by frontcms.roles ("app_label.codename"). Contributors never get publish_article.
    role_permissions = {
        "Biên tập viên": [
            *ARTICLE_PERMS,
            *CATEGORY_PERMS,
            *PICK_PERMS,
            *IMPORT_PERMS,
            *LEGACY_PATH_PERMS,
            "news.publish_article",
        ],
        "Cộng tác viên": [
            "news.add_article",
            "news.change_article",
            "news.delete_article",  # drafts only (frontcms.workflow.WorkflowAdminMixin)
            "news.view_article",
            "news.view_category",
            *PICK_PERMS,
            *IMPORT_PERMS,
            "news.view_legacypath",
        ],
    }

    def ready(self) -> None:
        from frontcms import home, legacy_paths, robots

        from . import home as news_home
        from . import preview, search, signals  # noqa: F401  (signals: ASCII tag slugs)

        home.register(
            home.HomeBlock(
                "news_featured",
                "news/blocks/featured.html",
                news_home.featured_context,
                order=10,
            )
        )
        home.register(
            home.HomeBlock(
                "news_categories",
                "news/blocks/categories.html",
                news_home.categories_context,
                order=30,
            )
        )
        home.register(
            home.HomeBlock(
                "news_category_menu",
                "news/blocks/category_menu.html",
                news_home.category_menu_context,
                order=10,
                region="aside",
            )
        )
        search.register()
        legacy_paths.register(article_for_legacy_path)
        robots.disallow(preview.path_prefix)


def article_for_legacy_path(key: str, host: str) -> str | None:
    """The address of the published article that had the old path `key` on the site `host`: the
    row of that host, else one recorded without a host (frontcms.legacy_paths.pick_for_host), else
    the only row with that path unless `host` is an old site with addresses of its own (its own
    article was not imported: another site's must not stand in). Asked only for a 404."""
    from django.db.models import Case, Value, When
    from django.urls import reverse

    from frontcms.legacy_paths import pick_for_host

    from .models import Article, LegacyPath

    # One query for a plain 404 (no row): the rows of that path, those of `host` and without a
    # host first, so that the bound cannot leave them out.
    first = Case(When(host=host, then=Value(0)), When(host="", then=Value(1)), default=Value(2))
    rows = list(
        LegacyPath.objects.filter(key=key).order_by(first, "pk").values_list("host", "article_id")[:20]
    )
    chosen = pick_for_host(rows, host)
    if chosen is None and len(rows) == 1 and not (host and LegacyPath.objects.filter(host=host).exists()):
        chosen = rows[0][1]
    if chosen is None:
        return None
    slug = Article.objects.published().filter(pk=chosen).values_list("slug", flat=True).first()
    return reverse("news:detail", kwargs={"slug": slug}) if slug else None
