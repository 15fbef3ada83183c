"""Admin-side template tags of the core: the dashboard of today's work on the admin's front page,
and read-only values that link only where the reader may go."""

from django import template

from .. import admin_links
from ..dashboard import dashboard_context

register = template.Library()


@register.inclusion_tag("frontcms/admin/dashboard.html", takes_context=True)
def work_dashboard(context):
    request = context.get("request")
    if request is None or not request.user.is_active or not request.user.is_staff:
        return {"visible": False}
    return {"visible": True, **dashboard_context(request)}


@register.simple_tag(takes_context=True)
def readonly_contents(context, field):
    """`{{ field.contents }}` of a read-only admin field, with a related object linked only when
    this user may open its admin page (frontcms/admin_links.py)."""
    return admin_links.readonly_contents(field, context.get("request"))
