"""Staff roles as Django groups, and the permissions each one holds.

The groups are created by a data migration (`frontcms/migrations/0002_roles.py`). Their
permissions are (re)synchronised after every `migrate`, because each app declares the rights it
grants in its `AppConfig.role_permissions` and new models arrive with later migrations.
"""

from __future__ import annotations

from django.apps import apps as global_apps

ADMINS = "Quản trị"
EDITORS = "Biên tập viên"
CONTRIBUTORS = "Cộng tác viên"
ROLE_NAMES = (ADMINS, EDITORS, CONTRIBUTORS)

# What the core grants; the apps add theirs in AppConfig.role_permissions the same way.
CORE_PERMISSIONS = {
    EDITORS: [
        "frontcms.add_page",
        "frontcms.change_page",
        "frontcms.view_page",
        "frontcms.delete_page",
        "frontcms.add_menuitem",
        "frontcms.change_menuitem",
        "frontcms.view_menuitem",
        "frontcms.delete_menuitem",
        "frontcms.add_quicklink",
        "frontcms.change_quicklink",
        "frontcms.view_quicklink",
        "frontcms.delete_quicklink",
        "frontcms.view_sitesettings",
        "taggit.add_tag",
        "taggit.change_tag",
        "taggit.view_tag",
    ],
    CONTRIBUTORS: ["frontcms.view_page", "taggit.view_tag", "taggit.add_tag"],
}


def declared_permissions() -> dict[str, set[str]]:
    """Role name → set of "app_label.codename" from the core and every app config."""
    result: dict[str, set[str]] = {EDITORS: set(), CONTRIBUTORS: set()}
    sources = [CORE_PERMISSIONS] + [
        getattr(config, "role_permissions", {}) for config in global_apps.get_app_configs()
    ]
    for source in sources:
        for role, perms in source.items():
            result.setdefault(role, set()).update(perms)
    return result


def sync_roles(using: str = "default") -> None:
    """Create the groups if missing and give each exactly its declared permissions."""
    from django.contrib.auth.models import Group, Permission

    all_perms = Permission.objects.using(using).select_related("content_type")
    by_name = {f"{p.content_type.app_label}.{p.codename}": p for p in all_perms}
    admins, _ = Group.objects.using(using).get_or_create(name=ADMINS)
    admins.permissions.set(list(by_name.values()))
    for role, names in declared_permissions().items():
        group, _ = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set([by_name[n] for n in sorted(names) if n in by_name])


def post_migrate_sync(sender, using="default", **kwargs) -> None:
    # post_migrate is sent once per app; by the last app every permission exists.
    with_models = [c for c in global_apps.get_app_configs() if c.models_module is not None]
    if with_models and sender.label == with_models[-1].label:
        sync_roles(using=using)
