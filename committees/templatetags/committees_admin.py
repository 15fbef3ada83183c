"""Admin-side template tags of the committees app: the Decree 42 checklist panel."""

from django import template

from ..decree42 import checklist

register = template.Library()


@register.inclusion_tag("committees/admin/decree42_panel.html", takes_context=True)
def decree42_panel(context):
    user = getattr(context.get("request"), "user", None)
    visible = bool(
        user and user.is_active and user.is_staff and user.has_perm("committees.change_organization")
    )
    return {"checks": checklist() if visible else [], "visible": visible}
