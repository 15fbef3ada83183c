"""Cache invalidation: any change to the portal's own content bumps the content version."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver

from .cache import bump_content_version

CONTENT_APPS = {"frontcms", "engagement", "news", "events", "committees", "taggit"}


def _is_content(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    return bool(meta) and meta.app_label in CONTENT_APPS and not getattr(sender, "cache_exempt", False)


def content_version_changes() -> None:
    """Bump now, so this request and this process see the change at once, and again when the
    transaction commits: a reader arriving between the two would read the new version with the
    old rows and keep them under it (the admin saves inside a transaction). One bump per
    transaction however many rows it saves; a rollback drops it with the transaction."""
    bump_content_version()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        func is bump_content_version for _sids, func, _robust in connection.run_on_commit
    ):
        transaction.on_commit(bump_content_version)


@receiver(post_save)
@receiver(post_delete)
def content_changed(sender, **kwargs):
    if _is_content(sender) and not kwargs.get("raw"):
        content_version_changes()


@receiver(m2m_changed)
def content_relations_changed(sender, instance=None, action="", **kwargs):
    if action.startswith("post_") and _is_content(type(instance)):
        content_version_changes()


@receiver(post_migrate)
def code_or_schema_changed(sender, **kwargs):
    """A deploy runs `migrate`: nothing kept by the previous release (HTML from old templates,
    pickled model instances) is read by the new one."""
    bump_content_version()
