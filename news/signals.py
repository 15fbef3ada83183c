"""Receivers of the news app.

- Tag slugs follow DESIGN.md: ASCII, Vietnamese letters folded (`Bầu cử` → `bau-cu`).
  django-taggit keeps Unicode in slugs by default (and folding would need the unidecode package,
  which does not map every Vietnamese letter the way frontcms.text does). Its `Tag.save()` fills
  the slug before `pre_save` is sent, so a receiver replaces it with the folded form.
- Revoked preview links stay revoked (news.preview): every save, a revision being restored
  included, keeps the highest preview generation.
- django-taggit's Tag is not ours to make CacheTagged (frontcms.cache): renaming or deleting a
  tag invalidates the list of articles with it, which is every page that shows its name.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from taggit.models import Tag

from frontcms.cache import invalidate, tag
from frontcms.text import slugify_vi, unique_slug

from .models import Article


@receiver(pre_save, sender=Tag, dispatch_uid="news-fold-tag-slugs")
def fold_tag_slug(sender, instance, raw=False, **kwargs):
    if raw or (instance.slug and slugify_vi(instance.slug, fallback="the") == instance.slug):
        return
    instance.slug = unique_slug(
        instance.name,
        lambda s: Tag.objects.filter(slug=s).exclude(pk=instance.pk).exists(),
        max_length=Tag._meta.get_field("slug").max_length,
    )


@receiver(pre_save, sender=Article, dispatch_uid="news-keep-preview-links-revoked")
def keep_preview_links_revoked(sender, instance, update_fields=None, **kwargs):
    # Sent for raw saves too: django-reversion restores an old revision with save_base(raw=True).
    if instance.pk is None or (update_fields is not None and "preview_generation" not in update_fields):
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("preview_generation", flat=True).first()
    if stored is not None and stored > instance.preview_generation:
        instance.preview_generation = stored


@receiver(post_save, sender=Tag, dispatch_uid="news-tag-saved")
@receiver(post_delete, sender=Tag, dispatch_uid="news-tag-deleted")
def tag_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate(tag(Article, tag=instance.pk))
