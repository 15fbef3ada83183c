"""Repairs of rich text stored before the sanitiser kept CKEditor image2's classes.

Until then a captioned photo was stored as a bare <figure><img><figcaption>, which CKEditor does
not recognise: the next editor to save the page turned it into <p><img></p><p>caption</p>. Each
app's data migration calls `repair_rich_text` for its own models:

- every stored value that holds a <figure> or an <img> is sanitised again, which gives a figure
  with an image and a caption image2's class back and drops placeholder captions ("Nhãn");
- a photo already flattened gets its caption back only when that is unambiguous: an earlier saved
  revision of the same object (django-reversion) shows that very image with that very caption, and
  the paragraph right after the image holds exactly that text. Anything else is left as it is.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from html import unescape

from django.db.models import Q

from .richtext import (
    ALIGN_CENTER,
    ALIGN_LEFT,
    ALIGN_RIGHT,
    CAPTIONED_CLASS,
    Element,
    RichTextField,
    image_of,
    is_placeholder_caption,
    parse_fragment,
    sanitize_html,
    significant_children,
)

logger = logging.getLogger(__name__)


def _text(node: Element | str) -> str:
    return " ".join(unescape(node if isinstance(node, str) else node.text()).split())


def _image_src(node: Element | str) -> str | None:
    image = image_of(node)
    return dict(image.attrs).get("src") if image is not None else None


def captions_in(html: str) -> dict[str, set[str]]:
    """{image src: caption texts} of the captioned figures in `html` (with or without a class)."""
    found: dict[str, set[str]] = defaultdict(set)

    def walk(element: Element) -> None:
        for child in element.children:
            if not isinstance(child, Element):
                continue
            parts = significant_children(child) if child.tag == "figure" else []
            if (
                len(parts) == 2
                and _image_src(parts[0])
                and getattr(parts[1], "tag", None) == "figcaption"
                and not is_placeholder_caption(parts[1])
            ):
                found[_image_src(parts[0])].add(_text(parts[1]))
            walk(child)

    walk(parse_fragment(sanitize_html(html)))
    return found


def _flattened_figure(paragraph: Element, caption: Element) -> Element:
    """<p><img></p><p>caption</p> back to what image2 writes for a captioned image."""
    picture = significant_children(paragraph)[0]
    image = image_of(picture)
    align = [name for name in image.classes if name in (ALIGN_LEFT, ALIGN_RIGHT)]
    image.classes = []
    figure = Element(
        "figure",
        [("class", " ".join([CAPTIONED_CLASS, *align]))],
        [picture, "\n", Element("figcaption", [], caption.children), "\n"],
    )
    if ALIGN_CENTER in paragraph.classes:
        return Element("div", [("class", ALIGN_CENTER)], ["\n", figure, "\n"])
    return figure


def refold_captions(html: str, known: dict[str, set[str]]) -> str:
    """`html` with each image that was flattened away from a caption listed in `known` put back
    in its figure. `html` must be sanitised already."""
    if not known:
        return html
    root = parse_fragment(html)
    changed = False

    def walk(element: Element) -> None:
        nonlocal changed
        children = element.children
        positions = [i for i, child in enumerate(children) if isinstance(child, Element)]
        for here, following in zip(positions, positions[1:], strict=False):
            paragraph, caption = children[here], children[following]
            between = children[here + 1 : following]
            if (
                not isinstance(paragraph, Element)  # already folded into the figure before it
                or paragraph.tag != "p"
                or caption.tag != "p"
                or caption.attrs
                or any(_text(t) for t in between)
            ):
                continue
            parts = significant_children(paragraph)
            src = _image_src(parts[0]) if len(parts) == 1 else None
            if src and _text(caption) and _text(caption) in known.get(src, ()):
                children[here] = _flattened_figure(paragraph, caption)
                children[here + 1 : following + 1] = [""] * (following - here)
                changed = True
        element.children = [child for child in children if child != ""]
        for child in element.children:
            if isinstance(child, Element):
                walk(child)

    walk(root)
    return sanitize_html(root.serialise()) if changed else html


def _history(apps, model, field_name: str):
    """A function giving {src: captions} from every saved revision of one object of `model`."""
    try:
        version_model = apps.get_model("reversion", "Version")
    except LookupError:
        return lambda pk: {}
    versions = version_model._base_manager.filter(
        content_type__app_label=model._meta.app_label, content_type__model=model._meta.model_name
    )

    def captions(pk) -> dict[str, set[str]]:
        found: dict[str, set[str]] = defaultdict(set)
        for data, data_format in versions.filter(object_id=str(pk)).values_list("serialized_data", "format"):
            if data_format != "json":
                continue
            try:
                value = json.loads(data)[0]["fields"].get(field_name)
            except (ValueError, LookupError, TypeError, AttributeError):
                continue
            for src, texts in captions_in(value or "").items():
                found[src] |= texts
        return found

    return captions


def repair_rich_text(apps, schema_editor, app_label: str) -> int:
    """Data migration body: repair the rich-text fields of `app_label`'s models; the rows changed."""
    changed = 0
    for model in apps.get_app_config(app_label).get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, RichTextField):
                continue
            history = _history(apps, model, field.name)
            rows = model._base_manager.filter(
                Q(**{f"{field.attname}__contains": "<figure"}) | Q(**{f"{field.attname}__contains": "<img"})
            )
            for pk, value in rows.values_list("pk", field.attname).iterator():
                repaired = sanitize_html(value)
                if "<img" in repaired:
                    repaired = refold_captions(repaired, history(pk))
                if repaired != value:
                    model._base_manager.filter(pk=pk).update(**{field.attname: repaired})
                    changed += 1
    if changed:
        _forget_cached_pages()
    return changed


def _forget_cached_pages() -> None:
    """Pages cached with the old HTML must not be served again. A cache that cannot be reached
    while migrating does not stop the migration: its pages then expire on their own."""
    from .cache import SITE, invalidate

    try:
        invalidate(SITE)  # every kept value and page depends on `site`
    except Exception as error:  # any backend's connection error
        logger.warning("rich text repaired, but the page cache could not be cleared: %s", error)
