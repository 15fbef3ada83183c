"""Admin-side template tags of the core: the dashboard of today's work on the admin's front page."""

from django import template

from ..dashboard import dashboard_context

register = template.Library()


@register.inclusion_tag("frontcms/admin/dashboard.html", takes_context=True)
def work_dashboard(context):
    request = context.get("request")
    if request is None or not request.user.is_active or not request.user.is_staff:
        return {"visible": False}
    return {"visible": True, **dashboard_context(request)}
