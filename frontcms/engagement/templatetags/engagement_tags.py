"""`{% load engagement_tags %}`: view pixel, view count, rating and comment blocks for any
registered object. The blocks say what they show (frontcms.cache.depends_on), so the page or kept
part around them is refreshed when a rating or an approved comment changes their figure."""

from __future__ import annotations

from django import template
from django.db.models import Avg, Count
from django.urls import reverse
from django.utils.html import format_html

from frontcms.cache import depends_on
from frontcms.engagement import api
from frontcms.engagement.models import Comment, Rating

register = template.Library()

RATING_NOTICES = {"cam-on", "da-danh-gia", "qua-nhieu", "loi"}


@register.inclusion_tag("engagement/tags/view_pixel.html")
def view_pixel(obj):
    """An invisible image that counts the view, even when the page itself comes from the cache."""
    return {"ct_id": api.content_type_id(obj), "obj": obj}


@register.simple_tag
def view_count_attrs(obj):
    """Attributes for the element that shows the object's view count: engagement.js brings the
    number in it up to date from `/tuong-tac/luot-xem.json`. Counting a view invalidates no
    cached page, so the number a cached page was rendered with is only the no-JS fallback."""
    return format_html(
        ' data-view-count="{}" data-view-counts-url="{}"', counter_id(obj), reverse("engagement:view_counts")
    )


def counter_id(obj) -> str:
    """`<content type>-<id>`, how `/tuong-tac/luot-xem.json` names an object."""
    return f"{api.content_type_id(obj)}-{obj.pk}"


@register.inclusion_tag("engagement/tags/rating_block.html", takes_context=True)
def rating_block(context, obj):
    """Average, number of ratings and a 1–5 form that works without JavaScript (one query)."""
    depends_on(Rating.figure_tag(api.content_type_id(obj), obj.pk))
    summary = Rating.objects.filter(content_type_id=api.content_type_id(obj), object_id=obj.pk).aggregate(
        average=Avg("score"), count=Count("pk")
    )
    request = context.get("request")
    notice = request.GET.get("danh-gia", "") if request is not None else ""
    return {
        "ct_id": api.content_type_id(obj),
        "obj": obj,
        "average": summary["average"],
        "rounded": round(summary["average"] or 0),
        "count": summary["count"],
        "notice": notice if notice in RATING_NOTICES else "",
        "scores": [5, 4, 3, 2, 1],
    }


@register.inclusion_tag("engagement/tags/comments_block.html")
def comments_block(obj, limit: int = 20):
    """The approved comments (newest first, at most `limit`) and a link to the comment form page."""
    depends_on(Comment.figure_tag(api.content_type_id(obj), obj.pk))
    comments = Comment.objects.approved().for_object(obj).order_by("-created_at")
    shown = list(comments[: limit + 1])
    return {
        "ct_id": api.content_type_id(obj),
        "obj": obj,
        "comments": shown[:limit],
        "has_more": len(shown) > limit,
        "total": comments.count() if len(shown) > limit else len(shown),
        "is_open": api.comments_open(obj),
    }
