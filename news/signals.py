"""Tag slugs follow DESIGN.md: ASCII, Vietnamese letters folded (`Bầu cử` → `bau-cu`).

django-taggit keeps Unicode in slugs by default (and folding would need the unidecode package,
which does not map every Vietnamese letter the way frontcms.text does). Its `Tag.save()` fills
the slug before `pre_save` is sent, so this receiver replaces it with the folded form.
"""

from __future__ import annotations

from django.db.models.signals import pre_save
from django.dispatch import receiver
from taggit.models import Tag

from frontcms.text import slugify_vi, unique_slug


@receiver(pre_save, sender=Tag, dispatch_uid="news-fold-tag-slugs")
def fold_tag_slug(sender, instance, raw=False, **kwargs):
    if raw or (instance.slug and slugify_vi(instance.slug, fallback="the") == instance.slug):
        return
    instance.slug = unique_slug(
        instance.name,
        lambda s: Tag.objects.filter(slug=s).exclude(pk=instance.pk).exists(),
        max_length=Tag._meta.get_field("slug").max_length,
    )
