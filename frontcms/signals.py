"""Cache invalidation: any change to the portal's own content bumps the content version."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .cache import bump_content_version

CONTENT_APPS = {"frontcms", "engagement", "news", "events", "committees", "taggit"}


def _is_content(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    return bool(meta) and meta.app_label in CONTENT_APPS and not getattr(sender, "cache_exempt", False)


@receiver(post_save)
@receiver(post_delete)
def content_changed(sender, **kwargs):
    if _is_content(sender) and not kwargs.get("raw"):
        bump_content_version()


@receiver(m2m_changed)
def content_relations_changed(sender, instance=None, action="", **kwargs):
    if action.startswith("post_") and _is_content(type(instance)):
        bump_content_version()
