"""seed_demo for the committees app: complete, idempotent, with working contributor accounts."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from committees.models import Membership, Organization, OrganizationKind, Person, StaffAssignment
from committees.scoping import allowed_organization_ids


@pytest.fixture
def seeded(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    from committees import demo
    from frontcms import demo as core_demo

    core_demo.seed(StringIO())
    demo.seed(StringIO())


def counts():
    return (Organization.objects.count(), Person.objects.count(), Membership.objects.count())


def test_demo_content(seeded):
    district = Organization.objects.get(kind=OrganizationKind.DISTRICT_COMMITTEE)
    assert [t.number for t in district.terms.order_by("number")] == [5, 6]
    assert Organization.objects.current().filter(kind=OrganizationKind.WARD_COMMITTEE).count() == 11
    assert Organization.objects.filter(kind=OrganizationKind.STANDING_BOARD).exists()
    assert Organization.objects.filter(kind=OrganizationKind.RESIDENTIAL_BOARD).count() >= 11
    assert Organization.objects.filter(kind=OrganizationKind.INSPECTION_BOARD).count() >= 11
    assert Organization.objects.filter(kind=OrganizationKind.MEMBER_ORGANIZATION).count() >= 5
    merged = Organization.objects.dissolved().get(kind=OrganizationKind.WARD_COMMITTEE)
    assert merged.succeeded_by.filter(kind=OrganizationKind.WARD_COMMITTEE).exists()


def test_demo_is_idempotent(seeded):
    from committees import demo

    before = counts()
    demo.seed(StringIO())
    assert counts() == before


def test_demo_contributors_are_bound_to_their_wards(seeded, client):
    User = get_user_model()
    for username, ward_slug in (
        ("phuong-khuong-dinh", "mttq-phuong-khuong-dinh"),
        ("phuong-thuong-dinh", "mttq-phuong-thuong-dinh"),
    ):
        user = User.objects.get(username=username)
        assert user.check_password("Demo@MTTQ-2024")
        assert user.groups.filter(name="Cộng tác viên").exists()
        assert StaffAssignment.objects.get(user=user).organization.slug == ward_slug
        ward = Organization.objects.get(slug=ward_slug)
        assert ward.pk in allowed_organization_ids(user)
    client.force_login(User.objects.get(username="phuong-khuong-dinh"))
    other = Organization.objects.get(slug="mttq-phuong-thuong-dinh")
    assert client.get(reverse("admin:committees_organization_change", args=[other.pk])).status_code == 404


def test_demo_pages_render(seeded, client):
    for url in ("/to-chuc/", "/to-chuc/uy-ban-mttq-quan-thanh-ha/", "/en/", "/nhan-su/nguyen-thi-hanh/"):
        assert client.get(url).status_code == 200, url


def test_seed_demo_gives_every_object_a_first_version(db, settings, tmp_path):
    from django.core.management import call_command
    from reversion.models import Version

    from events.models import Event
    from news.models import Article

    settings.MEDIA_ROOT = str(tmp_path)
    call_command("seed_demo", stdout=StringIO())
    for model in (Article, Event, Person, Membership, Organization):
        objects = model.objects.all()
        assert objects and Version.objects.get_for_model(model).count() == objects.count(), model
