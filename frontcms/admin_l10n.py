"""Admin text that no message catalogue reaches, put into Vietnamese.

- Boolean columns and read-only fields are icons whose alternative text Django writes as the
  Python value: screen readers read "True", "False", "None".
- A many-to-many field without a declared `through` model (Event.documents, Group.permissions…)
  links through a model Django names after the Python classes: delete confirmations list
  "Event-document relationship: Event_documents object (3)" and inlines head a column "Document".
- Permissions are stored with English names ("Can add bài viết"), shown in the group and user forms.

`install()` runs once from FrontcmsConfig.ready(); it touches no app by name.
"""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.contrib.admin.templatetags import admin_list
from django.contrib.auth.models import Permission
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

BOOLEAN_ALT = {True: _("Có"), False: _("Không"), None: _("Không rõ")}
BOOLEAN_ICON = {True: "yes", False: "no", None: "unknown"}


def boolean_icon(field_val):
    """Django's boolean icon with a Vietnamese alternative text."""
    return format_html(
        '<img src="{}" alt="{}">',
        static(f"admin/img/icon-{BOOLEAN_ICON[field_val]}.svg"),
        BOOLEAN_ALT[field_val],
    )


def _link_str(source: str, target: str):
    def __str__(self) -> str:
        return f"{_name(getattr(self, source))} – {_name(getattr(self, target))}"

    return __str__


def _name(obj) -> str:
    return permission_label(obj) if isinstance(obj, Permission) else str(obj)


def name_implicit_links() -> None:
    """Vietnamese names for the models Django creates behind many-to-many fields without `through`."""
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.auto_created:
            continue
        source, target = (field for field in model._meta.fields if field.is_relation)
        for field in (source, target):
            field.verbose_name = field.related_model._meta.verbose_name
        name = format_lazy(
            _("liên kết {source} – {target}"),
            source=source.related_model._meta.verbose_name,
            target=target.related_model._meta.verbose_name,
        )
        model._meta.verbose_name = model._meta.verbose_name_plural = name
        model.__str__ = _link_str(source.name, target.name)


PERMISSION_ACTIONS = {
    "add": _("Thêm %(name)s"),
    "change": _("Sửa %(name)s"),
    "delete": _("Xóa %(name)s"),
    "view": _("Xem %(name)s"),
}


def permission_label(permission) -> str:
    """`Tin tức | bài viết | Sửa bài viết` for Django's default permissions, else the stored name."""
    content_type = permission.content_type
    model = content_type.model_class()
    action, _sep, model_name = permission.codename.partition("_")
    if model is not None and action in PERMISSION_ACTIONS and model_name == content_type.model:
        name = PERMISSION_ACTIONS[action] % {"name": model._meta.verbose_name}
    else:
        name = gettext(permission.name)
    return f"{content_type} | {name}"


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return permission_label(obj)


def install() -> None:
    # Django calls this module-level function for every boolean it displays (lists, read-only fields).
    admin_list._boolean_icon = boolean_icon
    name_implicit_links()
