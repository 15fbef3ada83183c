"""Blocks kept on their own: most read, poll and visitor statistics for the home page and the
sidebar, and the rating block of an object (engagement_tags and the rating view)."""

from __future__ import annotations

import datetime

from django.db.models import Avg, Count
from django.http import HttpRequest
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from frontcms.cache import depends_on, tag

from . import api
from .models import Poll, Rating

MOST_READ_COUNT = 5
MOST_READ_SECONDS = 300


def counter_id(obj) -> str:
    """`<content type>-<id>`, how `/tuong-tac/luot-xem.json` names an object."""
    return f"{api.content_type_id(obj)}-{obj.pk}"


def most_read_context(request: HttpRequest) -> dict:
    """The most read public objects of every countable model (one query per model). The block is
    kept for MOST_READ_SECONDS: views invalidate nothing, and engagement.js brings its figures
    up to date on load."""
    until = timezone.now() + datetime.timedelta(seconds=MOST_READ_SECONDS)
    depends_on(*(tag(model) for model in api.countable_models()), until=until)
    candidates = []
    for model in api.countable_models():
        queryset = api.public_queryset(model).filter(view_count__gt=0).order_by("-view_count", "-pk")
        candidates.extend(queryset[:MOST_READ_COUNT])
    candidates.sort(key=lambda obj: obj.view_count, reverse=True)
    items = [
        {
            "title": str(obj),
            "url": obj.get_absolute_url(),
            "view_count": obj.view_count,
            "counter": counter_id(obj),
        }
        for obj in candidates[:MOST_READ_COUNT]
    ]
    return {"items": items}


def poll_context(request: HttpRequest) -> dict:
    """The newest open poll placed in the sidebar, with its choices. Polls follow `site`; the
    block turns by itself when a sidebar poll opens or closes (next_poll_change)."""
    depends_on(until=next_poll_change())
    poll = Poll.objects.open().filter(show_in_sidebar=True).prefetch_related("choices").first()
    if poll is not None:
        poll.choice_list = list(poll.choices.all())
    return {"poll": poll}


def stats_context(request: HttpRequest) -> dict:
    return {"stats": api.visitor_stats()}


def next_poll_change():
    """When a sidebar poll opens or closes next: the sidebar must not outlive that moment."""
    from django.db.models import Min, Q

    now = timezone.now()
    polls = Poll.objects.filter(is_active=True, show_in_sidebar=True)
    result = polls.aggregate(
        opens=Min("opens_at", filter=Q(opens_at__gt=now)),
        closes=Min("closes_at", filter=Q(closes_at__gt=now)),
    )
    moments = [m for m in result.values() if m is not None]
    return min(moments) if moments else None


# What the reader who just rated is told (the `?danh-gia=` of the page without JavaScript): the
# notice's ARIA role and text.
RATING_NOTICES = {
    "cam-on": ("status", _("Cảm ơn bạn đã đánh giá.")),
    "da-danh-gia": ("status", _("Bạn đã đánh giá nội dung này rồi.")),
    "qua-nhieu": (
        "alert",
        _(
            "Mạng bạn đang dùng đã gửi nhiều lượt đánh giá trong thời gian ngắn nên lượt này chưa "
            "được ghi nhận. Vui lòng thử lại sau."
        ),
    ),
    "loi": ("alert", _("Vui lòng chọn từ 1 đến 5 sao.")),
}
SCORES = (5, 4, 3, 2, 1)  # as the form offers them


def _rating_context(obj, ct_id: int, notice: str) -> dict:
    """The block's figures and texts, ready to print: the template only places them (it is
    rendered for every rating posted by engagement.js, so no formatting is left to it)."""
    depends_on(Rating.figure_tag(ct_id, obj.pk))
    summary = Rating.objects.filter(content_type_id=ct_id, object_id=obj.pk).aggregate(
        average=Avg("score"), count=Count("pk")
    )
    count, rounded = summary["count"], round(summary["average"] or 0)
    text = ""
    if count:
        text = ngettext(
            "Trung bình %(avg)s/5 (%(n)s lượt đánh giá)", "Trung bình %(avg)s/5 (%(n)s lượt đánh giá)", count
        ) % {"avg": floatformat(summary["average"], "-1"), "n": localize(count)}
    role, notice_text = RATING_NOTICES.get(notice, ("", ""))
    return {
        "action": reverse("engagement:rate", args=(ct_id, obj.pk)),
        "summary": text,
        "stars": [n <= rounded for n in reversed(SCORES)],
        "notice_role": role,
        "notice_text": notice_text,
        "choices": [(str(n), gettext("%(n)s sao") % {"n": localize(n)}) for n in SCORES],
    }


def rating_block_html(obj, ct_id: int, notice: str) -> str:
    """The rating block of `obj`, with the figures as they are now and a notice for the reader
    who just rated (a key of RATING_NOTICES, or "" for none)."""
    return render_to_string("engagement/tags/rating_block.html", _rating_context(obj, ct_id, notice))
