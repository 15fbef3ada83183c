"""Committees: organisations, terms (khóa / nhiệm kỳ), people, positions and memberships."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = _("Tổ chức và nhân sự")

    # Read by frontcms.roles; permissions as "app_label.codename". Contributors only read the
    # organisations and terms of their own subtree (to pick them on news and events).
    role_permissions = {
        "Biên tập viên": [
            f"committees.{action}_{model}"
            for model in (
                "organization",
                "term",
                "staffassignment",
                "person",
                "position",
                "membership",
                "contactpoint",
            )
            for action in ("add", "change", "delete", "view")
        ]
        + ["committees.edit_all_organizations"],
        "Cộng tác viên": ["committees.view_organization", "committees.view_term"],
    }

    def ready(self):
        from frontcms import dashboard, home, languages, publishing_service

        from . import blocks, search
        from .dashboard import scope_label
        from .scoping import may_open

        dashboard.register_scope_label(scope_label)
        publishing_service.register_audience_check(may_open)

        # The English pages (Decree 42/2022/NĐ-CP): /en/ and each organisation's /en/to-chuc/<slug>/.
        languages.register(
            languages.LanguageSite(
                "en",
                home="committees:english",
                menu=(
                    languages.MenuLink(_("Tổ chức"), "committees:english", "#structure"),
                    languages.MenuLink(_("Liên hệ"), "committees:english", "#contacts"),
                ),
            )
        )

        home.register(
            home.HomeBlock(
                "committees-wards",
                "committees/blocks/wards.html",
                blocks.wards_block,
                order=50,
                region="aside",
            )
        )
        home.register(
            home.HomeBlock(
                "committees-ward-contacts",
                "committees/blocks/ward_contacts.html",
                blocks.ward_contacts_block,
                order=50,
                region=home.page_region(home.CONTACT_PAGE_PATH),
            )
        )
        search.register()
