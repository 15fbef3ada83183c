from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontcmsConfig(AppConfig):
    name = "frontcms"
    verbose_name = _("Nội dung chung")

    def ready(self) -> None:
        from django.conf import settings
        from django.db.models.signals import post_migrate
        from PIL import Image

        # Any Pillow decode in the process (thumbnails included) refuses pictures over the cap.
        Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS

        # cache: invalidation receivers; revisions: tags kept with every version, however it is made.
        from . import admin_l10n, cache, home, lookups, revisions, search_adapters  # noqa: F401
        from .roles import post_migrate_sync

        # Runs after every app's permissions exist (the last app's post_migrate is enough).
        post_migrate.connect(post_migrate_sync, dispatch_uid="frontcms-sync-roles")
        search_adapters.register()
        admin_l10n.install()
        lookups.install()
        home.register(
            home.HomeBlock(
                "quick_links",
                "frontcms/blocks/quick_links.html",
                home.quick_links_context,
                order=100,
                region="aside",
            )
        )
        home.register(
            home.HomeBlock(
                "site_contact",
                "frontcms/blocks/site_contact.html",
                home.site_contact_context,
                order=10,
                region=home.page_region(home.CONTACT_PAGE_PATH),
            )
        )
