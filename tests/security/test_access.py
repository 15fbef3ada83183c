"""Access control: anonymous users reach no admin, upload or preview endpoint; a ward contributor
reaches nothing of another ward through any registered admin URL; `next` never leads off-site."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from committees.models import Organization, StaffAssignment
from committees.scoping import OrganizationScopedAdminMixin
from frontcms.roles import CONTRIBUTORS
from tests.factories import WardFactory
from tests.security.support import admin_form_data, factory_for

PASSWORD = "Mat-khau-thu-123"


def _admin_urls(model, object_id="1") -> list[str]:
    info = (model._meta.app_label, model._meta.model_name)
    return [
        reverse("admin:{}_{}_changelist".format(*info)),
        reverse("admin:{}_{}_add".format(*info)),
        reverse("admin:{}_{}_change".format(*info), args=[object_id]),
        reverse("admin:{}_{}_delete".format(*info), args=[object_id]),
        reverse("admin:{}_{}_history".format(*info), args=[object_id]),
    ]


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and urlsplit(response["Location"]).path == reverse("admin:login")


def _walk(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


# --- anonymous -----------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_anonymous_is_sent_to_login_from_every_admin_url(client):
    assert admin.site._registry, "no admin registered"
    failures = []
    urls = [reverse("admin:index"), reverse("admin:password_change"), reverse("admin:autocomplete")]
    for model in admin.site._registry:
        urls += _admin_urls(model)
    for url in urls:
        for method in (client.get, client.post):
            response = method(url)
            if not (_is_login_redirect(response) or response.status_code in (403, 404, 405)):
                failures.append((method.__name__, url, response.status_code))
    assert not failures, failures


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/ckeditor/upload/", "/ckeditor/browse/"])
def test_anonymous_cannot_use_ckeditor_endpoints(client, url):
    for method in (client.get, client.post):
        response = method(url)
        assert _is_login_redirect(response) or response.status_code in (403, 404, 405), (
            method.__name__,
            response.status_code,
        )


@pytest.mark.django_db
def test_anonymous_cannot_open_previews(client):
    previews = [(route, p) for route, p in _walk() if "xem-truoc" in route or "preview" in (p.name or "")]
    for route, _pattern in previews:
        for token in ("1", "abc", "0" * 64, "..%2f..%2fetc"):
            path = "/" + route.split("<", 1)[0] + token + "/"
            response = client.get(path)
            assert response.status_code in (302, 403, 404), (path, response.status_code)
            if response.status_code == 302:
                assert _is_login_redirect(response), response["Location"]


# --- open redirects -------------------------------------------------------------------------------------
HOSTILE_NEXT = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https:evil.example",
    "http://testserver@evil.example/",
    "javascript:alert(1)",
    " https://evil.example/",
    "%2F%2Fevil.example",
]


def _is_local(location: str) -> bool:
    """A path on this site (relative paths such as `%2F%2Fevil.example` resolve under the login URL)."""
    parts = urlsplit(location.strip())
    return not parts.scheme and not parts.netloc and not location.strip().startswith(("//", "/\\", "\\"))


@pytest.mark.django_db
@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_admin_login_refuses_off_site_next(client, admin_user, target):
    login = reverse("admin:login")
    response = client.post(
        f"{login}?next={target}", {"username": admin_user.username, "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302, response.status_code
    assert _is_local(response["Location"]), response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_admin_logout_refuses_off_site_next(client, admin_user, target):
    client.force_login(admin_user)
    response = client.post(f"{reverse('admin:logout')}?next={target}", {"next": target})
    if response.status_code == 302:
        assert _is_local(response["Location"]), response["Location"]
    else:
        assert response.status_code == 200
        assert "evil.example" not in response.content.decode()


# --- the ward contributor ------------------------------------------------------------------------------
def _set_organization(obj, path: str, organization):
    """Put `obj` into `organization` through the admin's `organization_field` path."""
    parts = path.split("__")
    holder = obj
    for part in parts[:-1]:
        holder = getattr(holder, part)
    setattr(holder, parts[-1], organization)
    holder.save()


@pytest.fixture
def wards(db, django_user_model):
    ward_a, ward_b = (
        WardFactory(name="Ủy ban MTTQ phường Kim Giang"),
        WardFactory(name="Ủy ban MTTQ phường Khương Đình"),
    )
    user = django_user_model.objects.create_user(username="ctv-kim-giang", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=CONTRIBUTORS))
    StaffAssignment.objects.create(user=user, organization=ward_a)
    return ward_a, ward_b, user


def _foreign_objects(ward_b) -> dict[type, models.Model]:
    """One object of ward B for every scoped admin whose model has a factory."""
    created: dict[type, models.Model] = {}
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, OrganizationScopedAdminMixin):
            continue
        if model_admin.organization_field == "pk":
            created[model] = ward_b
            continue
        factory_class = factory_for(model)
        if factory_class is None:
            continue
        obj = factory_class.create()
        _set_organization(obj, model_admin.organization_field, ward_b)
        if hasattr(obj, "status"):
            # Not public: published library items may deliberately be offered to every ward.
            model._default_manager.filter(pk=obj.pk).update(status="draft")
        created[model] = obj
    return created


def _any_object(model):
    """An object of `model`: from its factory when it builds without arguments, else any row."""
    factory_class = factory_for(model)
    if factory_class is not None:
        try:
            with transaction.atomic():
                return factory_class.create()
        except Exception:  # a factory that needs arguments (a comment needs its target)
            return model._default_manager.first()
    return model._default_manager.first()


def _scoped_models_without_factory() -> list[str]:
    return [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, OrganizationScopedAdminMixin)
        and model_admin.organization_field != "pk"
        and factory_for(model) is None
    ]


def test_every_scoped_admin_model_has_a_factory():
    # Without a factory the walk below cannot create an object of the other ward for that model.
    assert not _scoped_models_without_factory(), _scoped_models_without_factory()


@pytest.mark.django_db
def test_contributor_reaches_nothing_of_another_ward(client, wards):
    ward_a, ward_b, user = wards
    foreign = _foreign_objects(ward_b)
    assert Organization in foreign and len(foreign) >= 2, foreign
    client.force_login(user)
    failures = []
    for model, obj in foreign.items():
        info = (model._meta.app_label, model._meta.model_name)
        for view in ("change", "delete", "history"):
            url = reverse(f"admin:{info[0]}_{info[1]}_{view}", args=[obj.pk])
            response = client.get(url)
            if response.status_code not in (302, 403, 404):
                failures.append(("GET", url, response.status_code))
            response = client.post(url, {"post": "yes"})
            if response.status_code not in (302, 403, 404, 405):
                failures.append(("POST", url, response.status_code))
        assert model._default_manager.filter(pk=obj.pk).exists(), (
            f"{model._meta.label} deleted by contributor"
        )
        changelist = client.get(reverse(f"admin:{info[0]}_{info[1]}_changelist"))
        if changelist.status_code == 200:
            change_url = reverse(f"admin:{info[0]}_{info[1]}_change", args=[obj.pk])
            if change_url in changelist.content.decode():
                failures.append(("changelist lists", model._meta.label, change_url))
    assert not failures, failures


@pytest.mark.django_db
def test_contributor_cannot_reach_unscoped_admins_without_permission(client, wards):
    ward_a, ward_b, user = wards
    client.force_login(user)
    failures = []
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, OrganizationScopedAdminMixin):
            continue
        perms = {
            f"{model._meta.app_label}.{a}_{model._meta.model_name}"
            for a in ("view", "change", "add", "delete")
        }
        if any(user.has_perm(p) for p in perms):
            # Shared vocabulary a contributor may use (categories, …). It must hold no ward data.
            org_fks = [
                f.name
                for f in model._meta.get_fields()
                if getattr(f, "related_model", None) is Organization and (f.many_to_one or f.many_to_many)
            ]
            if org_fks:
                failures.append(("unscoped admin of ward data", model._meta.label, org_fks))
            continue
        obj = _any_object(model)
        for url in _admin_urls(model, str(obj.pk) if obj else "1"):
            response = client.get(url)
            if response.status_code not in (302, 403, 404):
                failures.append((url, response.status_code))
    assert not failures, failures


@pytest.mark.django_db
def test_contributor_autocomplete_offers_nothing_of_another_ward(client, wards):
    ward_a, ward_b, user = wards
    foreign = _foreign_objects(ward_b)
    client.force_login(user)
    failures = []
    sources = []
    for model, model_admin in admin.site._registry.items():
        sources += [(model, name) for name in model_admin.autocomplete_fields]
        for inline in model_admin.inlines:
            sources += [(inline.model, name) for name in getattr(inline, "autocomplete_fields", ())]
    for source_model, field_name in sources:
        target = source_model._meta.get_field(field_name).related_model
        if target not in foreign:
            continue
        response = client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": source_model._meta.app_label,
                "model_name": source_model._meta.model_name,
                "field_name": field_name,
                "term": "",
            },
        )
        if response.status_code != 200:
            continue  # 403 for a source the contributor cannot edit is fine
        ids = {item["id"] for item in response.json()["results"]}
        if str(foreign[target].pk) in ids:
            failures.append((source_model._meta.label, field_name, target._meta.label))
    assert not failures, failures


@pytest.mark.django_db
def test_contributor_cannot_move_own_article_into_another_ward(client, wards):
    from django.apps import apps

    try:
        apps.get_model("news", "Article")
    except LookupError:
        pytest.skip("news not installed")
    from tests.factories import ArticleFactory

    ward_a, ward_b, user = wards
    article = ArticleFactory(organization=ward_a, status="draft")
    client.force_login(user)
    url = reverse("admin:news_article_change", args=[article.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = admin_form_data(page)
    # Control: the same form, organisation unchanged, saves (so a refusal below is the scoping).
    control = client.post(url, {**data, "title": article.title + " (sửa)"})
    assert control.status_code == 302, (
        control.context["adminform"].form.errors if control.context else control
    )
    data = admin_form_data(client.get(url))
    data["organization"] = str(ward_b.pk)
    response = client.post(url, data)
    assert response.status_code in (200, 403), response.status_code
    article.refresh_from_db()
    assert article.organization_id == ward_a.pk
    if response.status_code == 200:
        assert response.context["adminform"].form.errors.get("organization"), "no error shown"


@pytest.mark.django_db
def test_contributors_browse_only_their_own_uploads(client, wards, django_user_model, settings, tmp_path):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = str(tmp_path)
    ward_a, ward_b, user_a = wards
    user_b = django_user_model.objects.create_user(
        username="ctv-khuong-dinh", password=PASSWORD, is_staff=True
    )
    user_b.groups.add(Group.objects.get(name=CONTRIBUTORS))
    StaffAssignment.objects.create(user=user_b, organization=ward_b)
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 120, 40)).save(buffer, format="PNG")

    client.force_login(user_a)
    response = client.post(
        "/ckeditor/upload/", {"upload": SimpleUploadedFile("anh-rieng.png", buffer.getvalue())}
    )
    assert response.status_code == 200, response.content[:200]
    stored = next(p.name for p in tmp_path.rglob("anh-rieng*.png"))
    assert stored in client.get("/ckeditor/browse/").content.decode()  # control: the owner sees it

    client.force_login(user_b)
    response = client.get("/ckeditor/browse/")
    assert response.status_code == 200
    assert stored not in response.content.decode()


@pytest.mark.django_db
def test_preview_tokens_cannot_be_forged_or_reused_for_another_draft(client):
    from django.apps import apps

    if not apps.is_installed("news"):
        pytest.skip("news not installed")
    from news.preview import make_token
    from tests.factories import ArticleFactory

    mine = ArticleFactory(status="draft", title="Bản nháp được chia sẻ")
    other = ArticleFactory(status="draft", title="Bản nháp bí mật của người khác")
    token = make_token(mine)
    assert client.get(reverse("news:preview", kwargs={"token": token})).status_code == 200  # control
    value, _sep, signature = token.partition(":")
    forged = f"{other.pk}:{signature}"
    for candidate in (forged, f"{other.pk}", f"{token}x", token.replace(value, str(other.pk), 1)):
        response = client.get(reverse("news:preview", kwargs={"token": candidate}))
        assert response.status_code == 404, candidate
        assert "bí mật" not in response.content.decode()
