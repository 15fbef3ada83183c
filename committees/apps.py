from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = _("Tổ chức và nhân sự")

    # Read by frontcms.roles; permissions as "app_label.codename".
    role_permissions = {
        "Biên tập viên": [
            f"committees.{action}_{model}"
            for model in ("organization", "term", "staffassignment")
            for action in ("add", "change", "delete", "view")
        ]
        + ["committees.edit_all_organizations"],
        "Cộng tác viên": ["committees.view_organization", "committees.view_term"],
    }
