"""Rich-text sanitising: the one place where editor HTML becomes reader-safe HTML.

Every rich-text field in the project is a `RichTextField` from this module. Whatever the browser
sends (CKEditor output, pasted Word markup, a forged POST) is cleaned with an allow-list by nh3
(the Rust `ammonia` sanitiser) before it is stored, so the stored value never holds script,
event handlers, `style`, `javascript:`/`data:` URLs or images from other hosts.

The same allow-list is CKEditor's content filter (`editor_config`), so what the editor produces
is stored as it is and reads back unchanged. The only classes kept are the ones CKEditor's image2
plugin needs to recognise a captioned or aligned image; `_normalise_images` keeps them exactly
where image2 puts them, so that a stored captioned image stays a figure with its caption.
"""

from __future__ import annotations

import re
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from ckeditor_uploader.fields import RichTextUploadingField, RichTextUploadingFormField
from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django import forms
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

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
    "img": {"src", "alt", "width", "height", "title", "class"},
    "figure": {"class"},
    "p": {"class"},
    "div": {"class"},
    "ol": {"start"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
# tel: is what the link dialog's "phone" type writes; none of these can carry script.
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# CKEditor's image2 plugin marks a captioned image with `image2_captionedClass` and an aligned one
# with `image2_alignClasses` (editor_config sets both from here). A captioned image is
# <figure class="figure [left|right]"><img><figcaption>; centred, it sits in <div class="…center">;
# an image without caption is <img class="[left|right]"> or <p class="…center"><img></p>.
CAPTIONED_CLASS = "figure"
ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT = "image-align-left", "image-align-center", "image-align-right"
ALLOWED_CLASSES = {
    "figure": (CAPTIONED_CLASS, ALIGN_LEFT, ALIGN_RIGHT),
    "img": (ALIGN_LEFT, ALIGN_RIGHT),
    "p": (ALIGN_CENTER,),
    "div": (ALIGN_CENTER,),
}
ALLOWED_SCOPES = {"col", "row", "colgroup", "rowgroup"}
# What image2 puts in a new caption: ours (editor_config), and the bundled Vietnamese and English
# ones that older content may hold.
CAPTION_PLACEHOLDER = gettext_lazy("Nhập chú thích ảnh")
_KNOWN_PLACEHOLDERS = {"nhập chú thích ảnh", "nhãn", "caption"}


def _is_local_media(url: str) -> bool:
    media = settings.MEDIA_URL
    return url.startswith(media) and not url.startswith("//") and ".." not in url


def _own_hosts() -> set[str]:
    """The names this portal answers to (ALLOWED_HOSTS without wildcards, and SITE_URL's host)."""
    hosts = {
        host.lower() for host in settings.ALLOWED_HOSTS if host and not host.startswith(".") and host != "*"
    }
    if settings.SITE_URL:
        hosts.add((urlsplit(settings.SITE_URL).hostname or "").lower())
    return hosts - {""}


def local_media_path(url: str) -> str | None:
    """`url` as a path under MEDIA_URL if it is a picture stored on this site: the path itself, or
    a full address of this site (what "copy image address" gives, or a passage copied from the
    public pages); None for anything else."""
    url = url.strip()
    if _is_local_media(url):
        return url
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and (parts.hostname or "").lower() in _own_hosts():
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return path if _is_local_media(path) else None
    return None


def image_sources(html: str | None) -> list[str]:
    """The addresses of the pictures in `html`, in order."""
    finder = _ImageSources()
    finder.feed(html or "")
    finder.close()
    return finder.sources


def foreign_images(html: str | None) -> list[str]:
    """The addresses of the pictures in `html` that the sanitiser would drop (another site's, or a
    picture still inline as data): an editor is told before saving, never left to find them gone."""
    return [src for src in image_sources(html) if src and local_media_path(src) is None]


class _ImageSources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.append(dict(attrs).get("src") or "")


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    if attribute not in ALLOWED_ATTRIBUTES.get(element, ()) and (element, attribute) != ("a", "rel"):
        # ammonia also keeps `lang` and `title` on every tag; the allow-list above is the whole list
        # (`rel` on links is the one nh3 sets itself, from `link_rel`).
        return None
    if element == "img" and attribute == "src":
        # Only images stored on this site (kept as a path): no tracking pixels or hot-linked pictures.
        return local_media_path(value)
    if attribute == "class":
        kept = [name for name in dict.fromkeys(value.split()) if name in ALLOWED_CLASSES[element]]
        return " ".join(kept) or None
    if attribute == "scope":
        return value if value in ALLOWED_SCOPES else None
    if attribute in {"width", "height", "colspan", "rowspan", "start"}:
        return value if value.isdigit() and len(value) <= 4 else None
    return value


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def sanitize_html(html: str | None) -> str:
    """Return `html` reduced to the allow-list above, in NFC. Idempotent."""
    if not html:
        return ""
    clean = _clean(nfc(html))
    if "<img" in clean or "<figure" in clean or ALIGN_CENTER in clean:
        normalised = _normalise_images(clean)
        if normalised != clean:
            # Serialised once more by nh3, so the stored text is always nh3's own.
            clean = _clean(normalised)
    return clean.strip()


# --- images and captions, the way image2 writes them ---------------------------------------------
VOID_TAGS = {"br", "hr", "img"}


class Element:
    __slots__ = ("tag", "attrs", "children", "unwrapped_image")

    def __init__(self, tag: str | None, attrs: list[tuple[str, str | None]], children=None):
        self.tag = tag
        self.attrs = attrs
        self.children: list[Element | str] = children if children is not None else []
        self.unwrapped_image = False

    @property
    def classes(self) -> list[str]:
        return (dict(self.attrs).get("class") or "").split()

    @classes.setter
    def classes(self, names: list[str]) -> None:
        attrs = [(name, value) for name, value in self.attrs if name != "class"]
        self.attrs = attrs + [("class", " ".join(names))] if names else attrs

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def serialise(self) -> str:
        inner = "".join(c if isinstance(c, str) else c.serialise() for c in self.children)
        if self.tag is None:
            return inner
        attrs = "".join(f' {name}="{escape(value or "", quote=True)}"' for name, value in self.attrs)
        return f"<{self.tag}{attrs}>" if self.tag in VOID_TAGS else f"<{self.tag}{attrs}>{inner}</{self.tag}>"


class _TreeBuilder(HTMLParser):
    """A tree of nh3's output, which is well formed: every element that is not void is closed."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.root = Element(None, [])
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        self.stack[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, attrs))

    def handle_endtag(self, tag):
        while len(self.stack) > 1:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data):
        self.stack[-1].children.append(data)

    def handle_entityref(self, name):
        self.stack[-1].children.append(f"&{name};")

    def handle_charref(self, name):
        self.stack[-1].children.append(f"&#{name};")


def _is_blank(text: str) -> bool:
    return not unescape(text).replace("\xa0", " ").replace("\u200b", "").strip()


def significant_children(element: Element) -> list[Element | str]:
    return [c for c in element.children if not (isinstance(c, str) and _is_blank(c))]


def image_of(node: Element | str) -> Element | None:
    """The <img> when `node` is an image as image2 sees one: <img> or <a><img></a>."""
    if isinstance(node, str):
        return None
    if node.tag == "img":
        return node
    if node.tag == "a":
        inner = significant_children(node)
        if len(inner) == 1 and not isinstance(inner[0], str) and inner[0].tag == "img":
            return inner[0]
    return None


def is_placeholder_caption(node: Element | str) -> bool:
    if isinstance(node, str) or node.tag != "figcaption":
        return False
    text = " ".join(unescape(node.text()).replace("\u200b", "").split()).casefold()
    return not text or text in _KNOWN_PLACEHOLDERS or text == str(CAPTION_PLACEHOLDER).casefold()


def _normalise_figure(figure: Element) -> Element:
    """A figure holding one image and a caption gets image2's class; an image whose caption is
    empty or the editor's placeholder becomes a plain image; any other figure is not image2's."""
    figure.children = [c for c in figure.children if not is_placeholder_caption(c)]
    parts = significant_children(figure)
    align = [name for name in figure.classes if name in (ALIGN_LEFT, ALIGN_RIGHT)][:1]
    image = image_of(parts[0]) if parts else None
    if image is not None and len(parts) == 2 and getattr(parts[1], "tag", None) == "figcaption":
        figure.classes = [CAPTIONED_CLASS, *align]
        image.classes = []
        return figure
    if image is not None and len(parts) == 1:
        if align:
            image.classes = align
        paragraph = Element("p", [], [parts[0]])
        paragraph.unwrapped_image = True
        return paragraph
    figure.classes = []
    return figure


def _normalise_centred(block: Element) -> None:
    """Keep the centring class only on image2's wrappers: <p> around one image, <div> around one
    captioned figure."""
    parts = significant_children(block)
    only = parts[0] if len(parts) == 1 else None
    if isinstance(only, Element) and only.unwrapped_image:
        only = significant_children(only)[0]  # a figure that lost its caption inside a centred <div>
    image = image_of(only) if only is not None else None
    if image is not None:
        block.tag, block.children = "p", [only]
        image.classes = []
    elif block.tag == "div" and getattr(only, "tag", None) == "figure" and CAPTIONED_CLASS in only.classes:
        only.classes = [CAPTIONED_CLASS]
    else:
        block.classes = []


def _normalise_element(element: Element) -> None:
    children = []
    for child in element.children:
        if isinstance(child, Element):
            _normalise_element(child)
            if child.tag == "img" and not dict(child.attrs).get("src"):
                continue  # its picture was from another host: nothing left to show
            if child.tag == "figure":
                child = _normalise_figure(child)
        children.append(child)
    element.children = children
    if element.tag in ("p", "div") and ALIGN_CENTER in element.classes:
        _normalise_centred(element)


def parse_fragment(html: str) -> Element:
    """A tree of `html`, which must be nh3's output (see _TreeBuilder); `.serialise()` writes it back."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _normalise_images(html: str) -> str:
    root = parse_fragment(html)
    _normalise_element(root)
    return root.serialise()


# --- the editor -----------------------------------------------------------------------------------
def _editor_rule(tag: str) -> str:
    # `rel` on links is left out: the server alone sets it, so the dialog offers no field for it.
    attributes = sorted(ALLOWED_ATTRIBUTES.get(tag, set()) - {"class"})
    if tag == "img":
        attributes = ["!src" if name == "src" else name for name in attributes]
    rule = tag
    if attributes:
        rule += f"[{','.join(attributes)}]"
    if tag in ALLOWED_CLASSES:
        rule += f"({','.join(ALLOWED_CLASSES[tag])})"
    return rule


# CKEditor's Advanced Content Filter in custom mode: the editor drops what the server would drop,
# and its dialogs hide the fields whose output would not be kept (table borders, link targets…).
# A picture pasted or dropped into the text is a placeholder marked with these attributes while it
# uploads (uploadimage); without them the filter drops the mark and the picture is lost. They live
# only in the editor: the uploaded picture replaces the placeholder, and the server keeps neither.
UPLOAD_PLACEHOLDER_RULE = "img[data-cke-upload-id,data-widget]"
EDITOR_ALLOWED_CONTENT = "; ".join(
    [*(_editor_rule(tag) for tag in sorted(ALLOWED_TAGS)), UPLOAD_PLACEHOLDER_RULE]
)


# Resolved when the widget is rendered: forms are built when the admin is imported, and with the
# manifest storage a URL asked for before collectstatic has run would stop every command.
_static_url = lazy(static, str)
_upload_url = reverse_lazy("ckeditor_upload")
_browse_url = reverse_lazy("ckeditor_browse")


def editor_config() -> dict:
    """What every CKEditor on the site adds to settings.CKEDITOR_CONFIGS: the allow-list, image2's
    classes, and dialog labels that say what a field is (read by static/js/ckeditor-config.js)."""
    return {
        "allowedContent": EDITOR_ALLOWED_CONTENT,
        # Pictures go to the upload endpoint from the image dialog and when pasted or dropped into
        # the text (uploadimage: CKEditor would otherwise post those to filebrowserUploadUrl with
        # "&responseType=json" glued on without a "?", an address that does not exist). Only
        # pictures: the link dialog gets no upload tab or browser, which could take no document.
        "filebrowserImageUploadUrl": _upload_url,
        "imageUploadUrl": _upload_url,
        "filebrowserImageBrowseUrl": _browse_url,
        "filebrowserUploadUrl": None,
        "filebrowserBrowseUrl": None,
        "image2_captionedClass": CAPTIONED_CLASS,
        "image2_alignClasses": [ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT],
        "customConfig": _static_url("js/ckeditor-config.js"),
        "contentsCss": [
            _static_url("ckeditor/ckeditor/contents.css"),
            _static_url("css/ckeditor-content.css"),
        ],
        "frontcmsLang": {
            "image2": {
                # The bundled Vietnamese calls the alt text "Chú thích ảnh", i.e. caption.
                "alt": gettext_lazy("Mô tả ảnh (cho người khiếm thị)"),
                "captioned": gettext_lazy("Ảnh có chú thích"),
                "captionPlaceholder": CAPTION_PLACEHOLDER,
            },
            # Left in English by CKEditor's Vietnamese translation (the format list offers p;h2;h3;h4).
            "format": {
                "tag_p": gettext_lazy("Đoạn văn"),
                "tag_h2": gettext_lazy("Tiêu đề mục"),
                "tag_h3": gettext_lazy("Tiêu đề nhỏ"),
                "tag_h4": gettext_lazy("Tiêu đề nhỏ hơn"),
            },
            "link": {
                "displayText": gettext_lazy("Chữ hiển thị"),
                "toPhone": gettext_lazy("Số điện thoại"),
                "phoneNumber": gettext_lazy("Số điện thoại"),
                "noTel": gettext_lazy("Hãy nhập số điện thoại"),
            },
        },
    }


# Tags that end a line of text: their words never run into the next block's ("dân tộc" in a
# caption, then "Nhiều" in the next paragraph, must not become "tộcNhiều"). Inline tags (b, a,
# span, sub…) may sit inside a word and add nothing.
_BLOCK_TAG = re.compile(
    r"<(?:/?(?:p|div|li|ul|ol|h[1-6]|figure|figcaption|blockquote|table|thead|tbody|tr|td|th|caption|"
    r"section|article|header|footer|pre|dl|dt|dd)|br|hr|img)\b[^>]*>",
    re.IGNORECASE,
)


def html_to_text(html: str | None) -> str:
    """Plain text of an HTML fragment (for snippets, search, feeds and the comparison of versions)."""
    if not html:
        return ""
    text = nh3.clean(_BLOCK_TAG.sub(r"\g<0> ", html), tags=set())
    return " ".join(unescape(text).split())


class UploadingWidget(CKEditorUploadingWidget):
    """django-ckeditor's widget, plus the script that lets its uploads pass Django's CSRF check."""

    @property
    def media(self):
        # Named after fixups.js, which follows ckeditor.js: Django's Media merge keeps that order.
        return super().media + forms.Media(js=["ckeditor/fixups.js", "js/ckeditor-csrf.js"])


class RichTextFormField(RichTextUploadingFormField):
    widget = UploadingWidget

    def clean(self, value):
        value = super().clean(value)
        dropped = foreign_images(value)
        if dropped:
            shown = dropped[0] if not dropped[0].startswith("data:") else _("ảnh dán chưa tải lên được")
            raise forms.ValidationError(
                ngettext(
                    "Nội dung có %(count)d ảnh không nằm trên cổng thông tin (%(first)s) nên sẽ không được "
                    "giữ lại. Hãy tải ảnh lên bằng nút Ảnh (hoặc dán chính tấm ảnh vào), hoặc xóa ảnh đó.",
                    "Nội dung có %(count)d ảnh không nằm trên cổng thông tin (đầu tiên: %(first)s) nên sẽ "
                    "không được giữ lại. Hãy tải ảnh lên bằng nút Ảnh (hoặc dán chính tấm ảnh vào), hoặc "
                    "xóa các ảnh đó.",
                    len(dropped),
                )
                % {"count": len(dropped), "first": Truncator(shown).chars(80)},
                code="foreign_image",
            )
        return value

    def has_changed(self, initial, data):
        # CKEditor writes the stored HTML back with its own spacing: compare what would be stored,
        # so that a form sent back untouched names no change in the history.
        return sanitize_html(initial or "") != sanitize_html(self.to_python(data) or "")


class RichTextField(RichTextUploadingField):
    """django-ckeditor field (with uploads) that stores only sanitised HTML."""

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        # Also covers QuerySet.update() and bulk paths that skip pre_save.
        return sanitize_html(super().get_prep_value(value))

    def formfield(self, **kwargs):
        field = super().formfield(**{"form_class": RichTextFormField, **kwargs})
        field.widget.config.update(editor_config())
        return field


def show_rich_text_as_html(obj) -> None:
    """Let the admin's read-only page show `obj`'s rich text as readers see it, not as HTML source:
    the values are sanitised again and marked safe on this instance only (never saved)."""
    for field in obj._meta.concrete_fields:
        if isinstance(field, RichTextField) and getattr(obj, field.attname):
            # The admin turns line breaks into <br>: HTML needs none between its tags.
            shown = sanitize_html(getattr(obj, field.attname)).replace("\n", " ")
            setattr(obj, field.attname, mark_safe(shown))  # noqa: S308 - sanitised just above
