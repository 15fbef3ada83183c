"""Links from one admin page to another, drawn only where the person reading may follow them.

Django draws a foreign key in a read-only field as a link to the related object's change page
(`AdminReadonlyField.get_admin_url`), without asking whether that page would open for the person
reading: a ward contributor reading a published article of their ward met links to another ward's
event or document that answered 404. The admin's field templates (`admin/includes/fieldset.html`
and `admin/edit_inline/tabular.html` in `templates/`, Django's own but for that one value) draw
read-only values through `readonly_contents`, which asks the related model's admin first and
otherwise names the object as plain text.
"""

from __future__ import annotations

from django.contrib.admin.exceptions import NotRegistered
from django.http import HttpRequest
from django.utils.safestring import SafeString


def may_open_in_admin(request: HttpRequest, admin_site, model, obj) -> bool:
    """Whether the change page of `obj` (a `model`) on `admin_site` opens for `request.user`: the
    model's admin lets them view or change it and its queryset (ward scoping included) holds it.
    Kept on the request: a read-only inline names the same object on many rows."""
    answers = request.__dict__.setdefault("_frontcms_admin_links", {})
    key = (admin_site.name, model._meta.label, obj.pk)
    if key not in answers:
        answers[key] = _may_open(request, admin_site, model, obj)
    return answers[key]


def _may_open(request, admin_site, model, obj) -> bool:
    try:
        model_admin = admin_site.get_model_admin(model)
    except NotRegistered:
        return False
    if not model_admin.has_view_or_change_permission(request, obj):
        return False
    # The change view finds its object through get_queryset: what that leaves out answers 404.
    return model_admin.get_queryset(request).filter(pk=obj.pk).exists()


def readonly_contents(field, request: HttpRequest | None) -> SafeString:
    """What Django shows for the read-only `field` (a `helpers.AdminReadonlyField`), with the
    related object linked only when `request.user` may open it (never without a request)."""
    admin_site = field.model_admin.admin_site
    link = field.get_admin_url

    def get_admin_url(remote_field, remote_obj):
        if request is not None and may_open_in_admin(request, admin_site, remote_field.model, remote_obj):
            return link(remote_field, remote_obj)
        return str(remote_obj)  # escaped by contents(), as Django's own fallback is

    # The field object is made afresh for each form row the template draws: changing this one
    # instance changes nothing else.
    field.get_admin_url = get_admin_url
    return field.contents()
