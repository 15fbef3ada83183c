"""`{% load engagement_tags %}`: view pixel, view count, rating and comment blocks for any
registered object. The blocks say what they show (frontcms.cache.depends_on), so the page or kept
part around them is refreshed when a rating or an approved comment changes their figure."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html

from frontcms.cache import depends_on, kept, tag
from frontcms.engagement import api
from frontcms.engagement.blocks import RATING_NOTICES, counter_id, rating_block_html
from frontcms.engagement.models import Comment
from frontcms.routing import url_for

register = template.Library()


@register.simple_tag
def view_pixel(obj):
    """An invisible image that counts the view, even when the page itself comes from the cache."""
    return format_html(
        '<img class="engagement-pixel" src="{}" alt="" width="1" height="1" aria-hidden="true">',
        url_for("engagement:view_pixel", api.content_type_id(obj), obj.pk),
    )


@register.simple_tag
def view_count_attrs(obj):
    """Attributes for the element that shows the object's view count: engagement.js brings the
    number in it up to date from `/tuong-tac/luot-xem.json`. Counting a view invalidates no
    cached page, so the number a cached page was rendered with is only the no-JS fallback."""
    return format_html(
        ' data-view-count="{}" data-view-counts-url="{}"', counter_id(obj), reverse("engagement:view_counts")
    )


@register.simple_tag(takes_context=True)
def rating_block(context, obj):
    """Average, number of ratings and a 1–5 form that works without JavaScript (one query).

    Kept on its own: a rating makes stale this block and the pages that show it, never the
    article or event around it. The visit right after rating (`?danh-gia=cam-on`) renders it in
    place with its notice."""
    request = context.get("request")
    notice = request.GET.get("danh-gia", "") if request is not None else ""
    ct_id = api.content_type_id(obj)
    if notice in RATING_NOTICES:
        return rating_block_html(obj, ct_id, notice)
    return kept(f"engagement:rating:{ct_id}.{obj.pk}", lambda: rating_block_html(obj, ct_id, ""))


@register.simple_tag
def comments_block(obj, limit: int = 20):
    """The approved comments (newest first, at most `limit`) and a link to the comment form page;
    kept on its own, like the rating block (an approved comment makes stale only this block and
    the pages that show it)."""
    ct_id = api.content_type_id(obj)

    def render() -> str:
        depends_on(Comment.figure_tag(ct_id, obj.pk), tag(obj))  # the object: comments opened or closed
        comments = Comment.objects.approved().for_object(obj).order_by("-created_at")
        shown = list(comments[: limit + 1])
        context = {
            "ct_id": ct_id,
            "obj": obj,
            "comments": shown[:limit],
            "has_more": len(shown) > limit,
            "total": comments.count() if len(shown) > limit else len(shown),
            "is_open": api.comments_open(obj),
        }
        return render_to_string("engagement/tags/comments_block.html", context)

    return kept(f"engagement:comments:{ct_id}.{obj.pk}:{limit}", render)
