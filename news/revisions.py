"""Comparing two saved revisions of an article, field by field, with word-level changes marked
(tags, and the pictures in the body, as whole names: those removed and those added)."""

from __future__ import annotations

import datetime
import difflib
import posixpath
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from taggit.managers import TaggableManager

from frontcms.publishing import PUBLICATION_STATUSES
from frontcms.revisions import kept_tags
from frontcms.richtext import html_to_text, image_sources
from frontcms.text import format_date, format_datetime

# The fields an editor cares about, in the order of the form.
COMPARED_FIELDS = [
    "title",
    "summary",
    "body",
    "cover",
    "cover_caption",
    "category",
    "tags",
    "organization",
    "event",
    "byline",
    "status",
    "published_at",
    "is_featured",
    "allow_comments",
    "slug",
]


@dataclass
class FieldChange:
    label: str
    old: SafeString
    new: SafeString
    changed: bool


def _text(model, name: str, value, related) -> str:
    if value is None or value == "":
        return ""
    field = model._meta.get_field(name)
    if name == "body":
        return html_to_text(value)
    if field.is_relation:
        obj = related(field.related_model, value)
        return str(obj) if obj is not None else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime.datetime):
        return format_datetime(value)
    if isinstance(value, datetime.date):
        return format_date(value)
    return str(value)


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Both texts as HTML, removed words in <del> on the old side, added words in <ins> on the new."""
    a, b = old.split(), new.split()
    left, right = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        old_part, new_part = escape(" ".join(a[i1:i2])), escape(" ".join(b[j1:j2]))
        if tag == "equal":
            left.append(old_part)
            right.append(new_part)
            continue
        if old_part:
            left.append(f"<del>{old_part}</del>")
        if new_part:
            right.append(f"<ins>{new_part}</ins>")
    return mark_safe(" ".join(left)), mark_safe(" ".join(right))  # noqa: S308 (every part escaped above)


def tag_diff(old: list[str], new: list[str]) -> tuple[SafeString, SafeString]:
    """Both lists of names (tags, pictures) as HTML, removed names in <del> on the old side, added
    in <ins> on the new."""

    def marked(names, others, mark):
        return ", ".join(escape(n) if n in others else f"<{mark}>{escape(n)}</{mark}>" for n in names)

    return mark_safe(marked(old, new, "del")), mark_safe(marked(new, old, "ins"))  # noqa: S308 (escaped)


def _tag_change(name: str, old_version, new_version) -> tuple[SafeString, SafeString, bool]:
    """The tags kept with each version; a version saved before tags were kept says it does not know."""
    old, new = kept_tags(old_version), kept_tags(new_version)
    if old is None or new is None:
        unknown = _("(không rõ: phiên bản này được lưu trước khi hệ thống lưu kèm thẻ)")
        old_text, new_text = (
            unknown if kept is None else ", ".join(kept.get(name, [])) for kept in (old, new)
        )
        return escape(old_text), escape(new_text), False
    old_names, new_names = old.get(name, []), new.get(name, [])
    return *tag_diff(old_names, new_names), set(old_names) != set(new_names)


def _pictures(body: str | None) -> list[str]:
    """The file names of the pictures in a body, in order (a picture swapped for another changes
    no word of the text)."""
    return [posixpath.basename(src.split("?", 1)[0]) or src for src in image_sources(body) if src]


def _picture_change(old_body, new_body) -> FieldChange:
    old, new = _pictures(old_body), _pictures(new_body)
    return FieldChange(_("Ảnh trong nội dung"), *tag_diff(old, new), old != new)


def compare_versions(model, old_version, new_version, related) -> list[FieldChange]:
    """The compared fields of two versions. `related(model, pk)` gives the object a relation
    names if the user may see it named (else it shows as `#pk`)."""
    old_data, new_data = old_version.field_dict, new_version.field_dict
    changes = []
    for name in COMPARED_FIELDS:
        field = model._meta.get_field(name)
        label = capfirst(str(field.verbose_name))
        if isinstance(field, TaggableManager):  # not in the version's data: kept beside it
            changes.append(FieldChange(label, *_tag_change(name, old_version, new_version)))
            continue
        old, new = (
            _text(model, name, data.get(field.attname), related)
            if name != "published_at" or data.get("status") in PUBLICATION_STATUSES
            else _("(chưa đăng)")  # a draft's time is only when it was created
            for data in (old_data, new_data)
        )
        old_html, new_html = word_diff(old, new) if old != new else (escape(old), escape(new))
        changes.append(FieldChange(label, old_html, new_html, old != new))
        if name == "body":
            changes.append(_picture_change(old_data.get("body"), new_data.get("body")))
    return changes
