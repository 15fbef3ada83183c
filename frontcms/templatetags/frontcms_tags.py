"""Template filters for Vietnamese dates and numerals, and small page helpers."""

from datetime import datetime

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from .. import text

register = template.Library()


@register.filter
def vi_date(value):
    """09/05/2024"""
    return text.format_date(value)


@register.filter
def vi_datetime(value):
    """23/07/2019 15:27"""
    return text.format_datetime(value)


@register.filter
def vi_longdate(value):
    """Thứ năm, 09/05/2024"""
    return text.format_long_date(value)


@register.filter
def roman(value):
    try:
        return text.to_roman(int(value))
    except (TypeError, ValueError):
        return ""


@register.simple_tag
def time_tag(value, fmt="datetime"):
    """A <time datetime="…"> element with the Vietnamese display format."""
    if value is None:
        return ""
    display = {"date": text.format_date, "long": text.format_long_date}.get(fmt, text.format_datetime)
    # HTML allows at most three digits of fractions of a second: whole seconds are plenty for readers.
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)  # datetime="…+07:00": the same instant, as readers see it
    machine = value.isoformat(timespec="seconds") if hasattr(value, "hour") else value.isoformat()
    return format_html('<time datetime="{}">{}</time>', machine, display(value))


@register.simple_tag(takes_context=True)
def absolute_url(context, path=None):
    request = context.get("request")
    if request is None:
        return path or ""
    return request.build_absolute_uri(path if path is not None else request.get_full_path())


@register.simple_tag
def breadcrumb_trail(crumbs) -> str:
    """The "you are here" trail: Trang chủ, then each (title, url) pair; the last has no url.

    Written here rather than as an included template: it is on every page, and an include
    with a loop cost about a tenth of a millisecond."""
    items = format_html_join(
        "",
        "<li>{}</li>",
        (
            (
                format_html('<a href="{}">{}</a>', url, title)
                if url
                else format_html('<span aria-current="page">{}</span>', title),
            )
            for title, url in crumbs
        ),
    )
    return format_html(
        '<nav class="breadcrumbs" aria-label="{}"><ol><li><a href="{}">{}</a></li>{}</ol></nav>',
        _("Vị trí trang"),
        reverse("frontcms:home"),
        _("Trang chủ"),
        items,
    )
