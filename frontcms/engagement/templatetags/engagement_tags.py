"""`{% load engagement_tags %}`: view pixel, rating and comment blocks for any registered object."""

from __future__ import annotations

from django import template
from django.db.models import Avg, Count

from frontcms.engagement import api
from frontcms.engagement.models import Comment, Rating

register = template.Library()

RATING_NOTICES = {"cam-on", "da-danh-gia", "qua-nhieu", "loi"}


@register.inclusion_tag("engagement/tags/view_pixel.html")
def view_pixel(obj):
    """An invisible image that counts the view, even when the page itself comes from the cache."""
    return {"ct_id": api.content_type_id(obj), "obj": obj}


@register.inclusion_tag("engagement/tags/rating_block.html", takes_context=True)
def rating_block(context, obj):
    """Average, number of ratings and a 1–5 form that works without JavaScript (one query)."""
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
