"""Template helpers of the news app."""

from __future__ import annotations

import hashlib

from django import template
from django.core.cache import cache
from easy_thumbnails.exceptions import InvalidImageFormatError
from easy_thumbnails.files import get_thumbnailer

register = template.Library()

RENDITION_CACHE_SECONDS = 30 * 24 * 3600


def _rendition(image, alias: str) -> dict:
    """URL, width and height of an easy-thumbnails alias of `image` (card, card_2x, detail, og, admin).

    Like easy-thumbnails' `thumbnail_url`, but the URL is remembered in the cache: easy-thumbnails
    generates each rendition once and records it in the database, and without this every card of
    a list would cost database queries to find that record again. Stored file names are unique
    (SafeImageField adds a random suffix), so a cached URL never points at another picture.
    """
    if not image:
        return {}
    digest = hashlib.sha256(f"{image.name}|{alias}".encode()).hexdigest()[:32]
    key = f"news:rendition:{digest}"
    info = cache.get(key)
    if info is None:
        try:
            thumb = get_thumbnailer(image)[alias]
            info = {"url": thumb.url, "width": thumb.width, "height": thumb.height}
        except (InvalidImageFormatError, OSError, KeyError, ValueError):
            info = {}
        cache.set(key, info, RENDITION_CACHE_SECONDS)
    return info


@register.filter
def rendition(image, alias: str) -> str:
    """URL of an easy-thumbnails alias of `image` ("" when it cannot be made)."""
    return _rendition(image, alias).get("url", "")


@register.filter
def rendition_info(image, alias: str) -> dict:
    """{"url", "width", "height"} of an alias of `image`, for <img width height>."""
    return _rendition(image, alias)


@register.filter
def object_url(obj) -> str:
    """`obj.get_absolute_url()`, or "" while the app that owns the page has no URL for it yet."""
    from django.urls import NoReverseMatch

    try:
        return obj.get_absolute_url() if obj is not None else ""
    except NoReverseMatch:
        return ""
