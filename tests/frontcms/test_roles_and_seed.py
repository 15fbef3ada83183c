"""Roles created by migration with their permissions; seed_demo fills the site and is idempotent."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command

from frontcms.roles import ADMINS, CONTRIBUTORS, EDITORS

pytestmark = pytest.mark.django_db


def perms(group_name):
    group = Group.objects.get(name=group_name)
    return {
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
    }


def test_three_roles_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {ADMINS, EDITORS, CONTRIBUTORS}


def test_admins_hold_every_permission_and_contributors_can_never_publish():
    from django.contrib.auth.models import Permission

    assert len(perms(ADMINS)) == Permission.objects.count()
    contributor = perms(CONTRIBUTORS)
    assert not {p for p in contributor if ".publish_" in p}
    assert "committees.edit_all_organizations" not in contributor
    assert "frontcms.change_sitesettings" not in contributor


def test_editors_manage_content_and_pages_but_not_site_settings():
    editor = perms(EDITORS)
    assert {"frontcms.change_page", "frontcms.add_menuitem", "committees.edit_all_organizations"} <= editor
    assert "frontcms.change_sitesettings" not in editor
    assert not {p for p in editor if p.startswith("auth.")}


def _counts():
    models = [
        m
        for m in apps.get_models()
        if m._meta.app_label in {"frontcms", "engagement", "committees", "events", "news", "taggit"}
    ]
    return {m._meta.label: m._default_manager.count() for m in models}


def test_seed_demo_fills_the_portal_and_running_it_twice_duplicates_nothing(client):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "quantri" in out.getvalue() and "Demo@MTTQ-2024" in out.getvalue()
    first = _counts()
    assert first["frontcms.Page"] >= 4 and first["frontcms.MenuItem"] >= 3
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == first
    response = client.post(
        "/quan-tri/login/?next=/quan-tri/", {"username": "quantri", "password": "Demo@MTTQ-2024"}
    )
    assert response.status_code == 302 and response["Location"] == "/quan-tri/"
    assert client.get("/quan-tri/").status_code == 200
    client.logout()
    # The district editor publishes but is not an administrator.
    assert "bientap" in out.getvalue()
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.get(username="bientap")
    assert editor.has_perm("news.publish_article") and not editor.is_superuser
    assert not editor.has_perm("frontcms.change_sitesettings")
    response = client.post("/quan-tri/login/", {"username": "bientap", "password": "Demo@MTTQ-2024"})
    assert response.status_code == 302
    client.logout()
    html = client.get("/").content.decode()
    assert "Giới thiệu" in html and "Liên hệ" in html
