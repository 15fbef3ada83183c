"""Template filters for Vietnamese dates and numerals, and small page helpers."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import languages, routing, text
from ..cache import kept_with_page

register = template.Library()


@register.simple_tag
def url_for(viewname, *args):
    """`{% url %}` for the links on every page of a kind (the news feed): remembered, see
    frontcms.routing."""
    return routing.url_for(viewname, *args)


class KeepNode(template.Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        name = self.name.resolve(context)
        request = context.get("request")
        if not name or request is None:
            return self.nodelist.render(context)
        # One per address: the scheme and host of its absolute links, and the path (not the query).
        address = f"{request.scheme}://{request.get_host()}{request.path}"
        return kept_with_page(f"keep:{name}:{address}", lambda: self.nodelist.render(context))


@register.tag
def keep(parser, token):
    """`{% keep name %}…{% endkeep %}`: the HTML inside, kept for this page's address (scheme, host
    and path, not the query string) with everything the page depends on so far
    (frontcms.cache.kept_with_page). An empty `name` renders it in place, for pages whose HTML
    there reads the query string (a list's page number, a search): base.html keeps the `<head>`
    of the pages whose views say `head_is_per_path`."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the name of what is kept")
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(parser.compile_filter(bits[1]), nodelist)


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
    language = get_language()  # "1 December 2026" on the English pages
    # HTML allows at most three digits of fractions of a second: whole seconds are plenty for readers.
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)  # datetime="…+07:00": the same instant, as readers see it
    machine = value.isoformat(timespec="seconds") if hasattr(value, "hour") else value.isoformat()
    return format_html('<time datetime="{}">{}</time>', machine, display(value, language))


@register.simple_tag(takes_context=True)
def absolute_url(context, path=None):
    request = context.get("request")
    if request is None:
        return path or ""
    return request.build_absolute_uri(path if path is not None else request.get_full_path())


@register.simple_tag
def breadcrumb_trail(crumbs) -> str:
    """The "you are here" trail: Trang chủ (the home page of the page's language), then each
    (title, url) pair; the last has no url. A title may be HTML (format_html) marking its language.

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
        languages.home_url(),
        _("Trang chủ"),
        items,
    )


@register.simple_tag
def localized(obj, *names):
    """The first of the fields `names` of `obj` in the page's language: on an English page
    `address_en` when it is filled in, else the Vietnamese `address` in `<span lang="vi">`.
    On Vietnamese pages simply the first field that is filled in."""
    return languages.localized_html(obj, *names)
