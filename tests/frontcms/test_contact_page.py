"""/lien-he/: the committee's own contacts from the site settings and every current ward's."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache

from frontcms.models import SiteSettings
from tests.factories import ContactPointFactory, PageFactory, WardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact_page():
    SiteSettings(
        site_name="Ủy ban MTTQ Việt Nam quận Mẫu",
        agency_name="Ủy ban Mặt trận Tổ quốc Việt Nam quận Mẫu",
        address="Số 9 phố Khương Hạ",
        phone="024 3858 0000",
        email="mttq@mau.example.vn",
        working_hours="Sáng 7 giờ 30 – 11 giờ 30\nTiếp công dân: sáng thứ Năm",
    ).save()
    return PageFactory(slug="lien-he", title="Liên hệ", body="<p>Mọi ý kiến xin gửi về Văn phòng.</p>")


def test_contact_page_shows_site_settings_hours_and_every_current_wards_contacts(client, contact_page):
    ward = WardFactory(
        name="Ủy ban MTTQ Việt Nam phường Kim Giang",
        short_name="Phường Kim Giang",
        phone="024 3858 1108",
        email="mttq.kimgiang@mau.example.vn",
    )
    ContactPointFactory(
        organization=ward, name="Nguyễn Hồng Loan", title="Chủ tịch", email="chutich@mau.example.vn"
    )
    WardFactory(name="Ủy ban MTTQ Việt Nam phường Cũ", dissolved_on=datetime.date(2020, 1, 1))
    html = client.get("/lien-he/").content.decode()
    for expected in (
        "Mọi ý kiến xin gửi về Văn phòng.",
        "Ủy ban Mặt trận Tổ quốc Việt Nam quận Mẫu",
        "Số 9 phố Khương Hạ",
        'href="tel:02438580000"',
        'href="mailto:mttq@mau.example.vn"',
        "Sáng 7 giờ 30 – 11 giờ 30<br>Tiếp công dân: sáng thứ Năm",
        "Phường Kim Giang",
        'href="tel:02438581108"',
        'href="mailto:mttq.kimgiang@mau.example.vn"',
        "Chủ tịch: Nguyễn Hồng Loan",
        'href="mailto:chutich@mau.example.vn"',
    ):
        assert expected in html, expected
    assert "phường Cũ" not in html


def test_other_static_pages_do_not_carry_the_contacts(client, contact_page):
    about = PageFactory(slug="gioi-thieu", title="Giới thiệu")
    html = client.get(about.get_absolute_url()).content.decode()
    assert "Giờ làm việc" not in html and 'id="lien-he-phuong"' not in html


def test_a_changed_ward_phone_shows_on_the_contact_page_at_once(client, contact_page):
    ward = WardFactory(short_name="Phường Kim Giang", phone="024 1111 1111")
    assert "024 1111 1111" in client.get("/lien-he/").content.decode()
    ward.phone = "024 2222 2222"
    ward.save()
    html = client.get("/lien-he/").content.decode()
    assert "024 2222 2222" in html and "024 1111 1111" not in html


def test_contact_page_query_count_does_not_grow_with_the_wards(client, contact_page):
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/lien-he/").status_code == 200
        return len(ctx.captured_queries)

    for n in range(3):
        ContactPointFactory(organization=WardFactory(short_name=f"Phường {n}"))
    few = count()
    for n in range(3, 20):
        ContactPointFactory(organization=WardFactory(short_name=f"Phường {n}"))
    assert count() == few
