"""Rich-text sanitising: the one place where editor HTML becomes reader-safe HTML.

Every rich-text field in the project is a `RichTextField` from this module. Whatever the browser
sends (CKEditor output, pasted Word markup, a forged POST) is cleaned with an allow-list by nh3
(the Rust `ammonia` sanitiser) before it is stored, so the stored value never holds script,
event handlers, `style`, `javascript:`/`data:` URLs or images from other hosts.
"""

from __future__ import annotations

from html import unescape

import nh3
from ckeditor_uploader.fields import RichTextUploadingField, RichTextUploadingFormField
from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django import forms
from django.conf import settings

from .text import nfc

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "hr",
    "pre",
    "code",
    "span",
    "div",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "ol": {"start"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def _is_local_media(url: str) -> bool:
    media = settings.MEDIA_URL
    return url.startswith(media) and not url.startswith("//") and ".." not in url


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    if attribute not in ALLOWED_ATTRIBUTES.get(element, ()) and (element, attribute) != ("a", "rel"):
        # ammonia also keeps `lang` and `title` on every tag; the allow-list above is the whole list
        # (`rel` on links is the one nh3 sets itself, from `link_rel`).
        return None
    if element == "img" and attribute == "src":
        # Only images stored on this site: no tracking pixels or hot-linked pictures.
        return value if _is_local_media(value) else None
    if attribute in {"width", "height", "colspan", "rowspan", "start"}:
        return value if value.isdigit() and len(value) <= 4 else None
    return value


def sanitize_html(html: str | None) -> str:
    """Return `html` reduced to the allow-list above, in NFC. Idempotent."""
    if not html:
        return ""
    return nh3.clean(
        nfc(html),
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def html_to_text(html: str | None) -> str:
    """Plain text of an HTML fragment (for snippets, search and feeds)."""
    if not html:
        return ""
    text = nh3.clean(html.replace("</p>", "</p> ").replace("<br>", " "), tags=set())
    return " ".join(unescape(text).split())


class UploadingWidget(CKEditorUploadingWidget):
    """django-ckeditor's widget, plus the script that lets its uploads pass Django's CSRF check."""

    @property
    def media(self):
        # Named after fixups.js, which follows ckeditor.js: Django's Media merge keeps that order.
        return super().media + forms.Media(js=["ckeditor/fixups.js", "js/ckeditor-csrf.js"])


class RichTextFormField(RichTextUploadingFormField):
    widget = UploadingWidget


class RichTextField(RichTextUploadingField):
    """django-ckeditor field (with uploads) that stores only sanitised HTML."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextFormField, **kwargs})

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        # Also covers QuerySet.update() and bulk paths that skip pre_save.
        return sanitize_html(super().get_prep_value(value))
