"""Shared helpers of the security tests: the XSS corpus, the allow-list checker, model discovery.

Everything here discovers what exists when the tests run (models with rich-text or image fields,
registered admins, factories), so that apps landing later are covered without new code.
"""

from __future__ import annotations

import codecs
import functools
import inspect
import itertools
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import factory
from django.apps import apps
from django.conf import settings

from frontcms.images import SafeImageField
from frontcms.richtext import ALLOWED_ATTRIBUTES, ALLOWED_CLASSES, ALLOWED_TAGS, URL_SCHEMES, RichTextField

PAYLOAD_FILE = Path(__file__).with_name("xss_payloads.txt")
# nh3 adds rel="noopener noreferrer" to every link.
EXTRA_ATTRIBUTES = {"a": {"rel"}}
URL_ATTRIBUTES = {("a", "href"), ("img", "src")}


def xss_payloads() -> list[str]:
    payloads = []
    for line in PAYLOAD_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("# "):
            continue
        if line.startswith("ESC:"):
            # unicode_escape works on latin-1 bytes; keep non-ASCII text intact around the escapes.
            line = codecs.decode(line[4:].encode("unicode_escape").replace(b"\\\\", b"\\"), "unicode_escape")
        payloads.append(line)
    return payloads


class _AllowListChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | EXTRA_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                self.problems.append(f"attribute {name} on <{tag}>")
            elif name == "class":
                # Only the classes CKEditor's image2 needs, never arbitrary values.
                for value_name in (value or "").split():
                    if value_name not in ALLOWED_CLASSES.get(tag, ()):
                        self.problems.append(f"class {value_name!r} on <{tag}>")
            elif (tag, name) in URL_ATTRIBUTES and value is not None:
                self._check_url(tag, name, value)

    handle_startendtag = handle_starttag

    def _check_url(self, tag, name, value):
        # Browsers ignore ASCII whitespace and control characters inside a scheme.
        squeezed = "".join(ch for ch in value if ord(ch) > 0x20).lower()
        scheme = urlsplit(squeezed).scheme
        if scheme and scheme not in URL_SCHEMES:
            self.problems.append(f"{name}={value!r} on <{tag}> (scheme {scheme})")
        if tag == "img" and not (value.startswith(settings.MEDIA_URL) and ".." not in value):
            self.problems.append(f"img src {value!r} not on this site's media")

    def handle_comment(self, data):
        self.problems.append(f"comment <!--{data}-->")

    def handle_decl(self, decl):
        self.problems.append(f"declaration <!{decl}>")

    def handle_pi(self, data):
        self.problems.append(f"processing instruction <?{data}>")

    def unknown_decl(self, data):
        self.problems.append(f"declaration <![{data}]>")


def allow_list_problems(html: str) -> list[str]:
    """What in `html` lies outside frontcms.richtext's allow-list (empty list when clean)."""
    checker = _AllowListChecker()
    checker.feed(html)
    checker.close()
    if "\x00" in html:
        checker.problems.append("NUL character")
    return checker.problems


# --- discovery ------------------------------------------------------------------------------------
def rich_text_fields() -> list[tuple[type, str]]:
    """(model, field name) for every RichTextField of every installed concrete model."""
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, RichTextField)
    ]


def image_fields() -> list[tuple[type, str]]:
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, SafeImageField)
    ]


def factories_by_model() -> dict[type, type]:
    """The most general factory_boy factory of each model found in tests.factories."""
    import tests.factories as module

    found: dict[type, type] = {}
    for _name, obj in inspect.getmembers(module, inspect.isclass):
        if not issubclass(obj, factory.django.DjangoModelFactory) or obj._meta.model is None:
            continue
        model = obj._meta.model
        if isinstance(model, str):
            model = apps.get_model(model)
        current = found.get(model)
        # Prefer the base factory (OrganizationFactory over WardFactory).
        if current is None or issubclass(current, obj):
            found[model] = obj
    return found


def factory_for(model):
    return factories_by_model().get(model)


# --- public pages ----------------------------------------------------------------------------------
def static_routes(resolver=None, prefix=""):
    """Public routes without parameters (admin, uploads and captcha left out)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith((settings.ADMIN_URL, "ckeditor/", "captcha/", "^")):
            continue
        if isinstance(entry, URLResolver):
            yield from static_routes(entry, route)
        elif isinstance(entry, URLPattern) and "<" not in route and "(" not in route:
            yield "/" + route


def public_pages() -> tuple[list[str], list[tuple[str, str]]]:
    """Every parameterless public route plus the page of one new object of each model with a
    factory; and the models whose object could not be made or has no page."""
    from django.db import transaction

    pages = sorted(set(static_routes())) + ["/tim-kiem/?q=mat+tran", "/khong-co-trang-nay/"]
    skipped = []
    for model, factory_class in factories_by_model().items():
        if not hasattr(model, "get_absolute_url"):
            continue
        try:
            with transaction.atomic():
                obj = factory_class.create()
            pages.append(obj.get_absolute_url())
        except Exception as exc:  # factories that need arguments, objects without a public page
            skipped.append((model._meta.label, exc.__class__.__name__))
    return pages, skipped


# --- rendered pages -------------------------------------------------------------------------------
SCRIPT_MARKERS = ("__xss", "alert(", "msgbox(", "fromcharcode")
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:text", "data:image/svg")
URLISH = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "dynsrc",
    "lowsrc",
    "xlink:href",
}


class _RenderedPageChecker(HTMLParser):
    """Finds markup in a rendered page that a stored or reflected payload could have produced."""

    def __init__(self, strict: bool):
        super().__init__(convert_charrefs=True)
        self.strict = strict
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            if name in URLISH and value:
                squeezed = "".join(ch for ch in value if ord(ch) > 0x20).lower()
                if squeezed.startswith(DANGEROUS_SCHEMES):
                    self.problems.append(f"{name}={value!r} on <{tag}>")
            if name == "http-equiv" and value and value.lower() == "refresh":
                self.problems.append("meta refresh")
        if self.strict and tag in {"iframe", "object", "embed", "base", "frame", "applet"}:
            self.problems.append(f"tag <{tag}>")
        if tag == "script":
            self._in_script = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and any(marker in data.lower() for marker in SCRIPT_MARKERS):
            self.problems.append(f"script body {data[:80]!r}")


def rendered_page_problems(html: str, strict: bool = True) -> list[str]:
    """Executable markup in a rendered page (event handlers, script URLs, payload scripts)."""
    checker = _RenderedPageChecker(strict)
    checker.feed(html)
    checker.close()
    return checker.problems


# --- admin forms ------------------------------------------------------------------------------------
def admin_form_data(response) -> dict:
    """POST data that re-submits an admin change/add page as rendered (main form and inlines)."""
    from django import forms
    from taggit.forms import TagField

    def form_values(form):
        values = {}
        for name, field in form.fields.items():
            if isinstance(field, forms.FileField):
                continue
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None:
                continue
            if isinstance(field, forms.BooleanField):
                if value:
                    values[key] = "on"
            elif isinstance(field, TagField):
                # One box, tags separated by commas: a browser posts the text it shows.
                values[key] = field.widget.format_value(value) or ""
            elif isinstance(value, (list, tuple)):
                values[key] = [str(v) for v in value]
            else:
                # Split date/time widgets need their own keys; let the widget say how it posts.
                widget = form[name].field.widget
                if isinstance(widget, forms.MultiWidget):
                    for index, part in enumerate(widget.decompress(value)):
                        values[f"{key}_{index}"] = "" if part is None else str(part)
                else:
                    formatted = widget.format_value(value)
                    if isinstance(formatted, (list, tuple)):
                        values[key] = [str(v) for v in formatted]
                    else:
                        values[key] = "" if formatted is None else str(formatted)
        return values

    data = form_values(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(form_values(formset.management_form))
        for form in formset.forms:
            data.update(form_values(form))
    return data


# --- wards, scoped objects and revisions ------------------------------------------------------------
PASSWORD = "Mat-khau-thu-123"
_UNIQUE = itertools.count(1)


def staff_user(username: str, group: str, organization=None):
    """A staff user in `group`, bound to `organization` when given (a ward contributor)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from committees.models import StaffAssignment

    user = get_user_model().objects.create_user(username=username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    if organization is not None:
        StaffAssignment.objects.create(user=user, organization=organization)
    return user


def revision_admins() -> list[tuple[type, object]]:
    """(model, admin) of every registered admin that keeps history (django-reversion)."""
    from django.contrib import admin
    from reversion.admin import VersionAdmin

    return [(m, a) for m, a in admin.site._registry.items() if isinstance(a, VersionAdmin)]


def put_in_organization(obj, model_admin, organization):
    """Move `obj` into `organization` along its admin's `organization_field` (scoped admins only)."""
    path = getattr(model_admin, "organization_field", None)
    if path is None or organization is None:
        return obj
    if path == "pk":
        type(obj)._default_manager.filter(pk=obj.pk).update(parent=organization)
        obj.refresh_from_db()
        return obj
    *through, last = path.split("__")
    holder = functools.reduce(getattr, through, obj)
    setattr(holder, last, organization)
    holder.save()
    obj.refresh_from_db()
    return obj


def make_object(model, model_admin=None, organization=None, pk=None, **values):
    """A saved object of `model` from its factory (with primary key `pk` if given), put in
    `organization` through its admin, a draft when the model has a workflow."""
    from django.contrib import admin

    factory_class = factory_for(model)
    assert factory_class is not None, f"no factory for {model._meta.label}"
    kwargs = dict(values)
    for name in factory_class._meta.django_get_or_create or ():
        kwargs.setdefault(name, f"{name} {next(_UNIQUE)}")  # a new row, not the shared one
    if pk is not None:
        kwargs["pk"] = pk
    if model._meta.label == "committees.Organization" and organization is not None:
        kwargs.setdefault("parent", organization)  # inside the ward's subtree
        organization = None
    obj = factory_class.create(**kwargs)
    put_in_organization(obj, model_admin or admin.site._registry.get(model), organization)
    if hasattr(obj, "status") and "status" not in values:
        model._default_manager.filter(pk=obj.pk).update(status="draft")
        obj.refresh_from_db()
    return obj


def save_revision(obj, user=None, comment: str = "", **changes):
    """Change `obj`, save it in a revision of its own, and return that revision's version of it."""
    import reversion
    from reversion.models import Version

    with reversion.create_revision():
        for name, value in changes.items():
            setattr(obj, name, value)
        obj.save()
        reversion.set_user(user)
        reversion.set_comment(comment)
    return Version.objects.get_for_object(obj).order_by("-pk").first()


def admin_url(model, view: str, *args) -> str:
    from django.urls import reverse

    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)
