"""Admin-side template tags of the committees app: the Decree 42 checklist panel."""

from django import template

from ..decree42 import checklist
from ..scoping import allowed_organization_ids

register = template.Library()


@register.inclusion_tag("committees/admin/decree42_panel.html", takes_context=True)
def decree42_panel(context):
    """The whole checklist for those who edit organisations; a ward contributor sees the checks
    about their own committee (they read them, the district fixes them)."""
    user = getattr(context.get("request"), "user", None)
    if not (user and user.is_active and user.is_staff):
        return {"checks": [], "visible": False}
    if user.has_perm("committees.change_organization"):
        return {"checks": checklist(), "visible": True}
    within = allowed_organization_ids(user)
    if within:
        return {"checks": checklist(within), "visible": True, "scoped": True}
    return {"checks": [], "visible": False}
