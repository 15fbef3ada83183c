"""The admin's "view on site" redirect (`<admin>/r/<content type id>/<object id>/`), limited to
objects the user may see in the admin.

Django's contenttypes shortcut redirects any staff user to any object's public URL, so typing ids
would reveal the slugs (and titles) of other wards' drafts. Here the object must be one the user
may view in its model's admin, through that admin's own (ward-scoped) queryset and permissions;
anything else, including a model without an admin, answers 404 as if it did not exist.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ValidationError
from django.http import Http404


def view_on_site(request, content_type_id: int, object_id: str):
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type is not None else None
    try:
        model_admin = admin.site.get_model_admin(model) if model is not None else None
    except NotRegistered:
        model_admin = None
    if model_admin is None:
        raise Http404
    try:
        obj = model_admin.get_queryset(request).filter(pk=object_id).first()
    except (ValueError, ValidationError):  # an id of the wrong shape for this model
        obj = None
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404
    return shortcut(request, content_type_id, object_id)
