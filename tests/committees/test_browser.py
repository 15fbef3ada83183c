"""In a real browser: a citizen goes from the home page to a ward's page and to a person's page."""

import datetime

import pytest

from committees.models import OrganizationKind
from tests.factories import (
    ChairPositionFactory,
    MembershipFactory,
    MenuItemFactory,
    OrganizationFactory,
    PersonFactory,
    TermFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ward_with_chair():
    MenuItemFactory(title="Tổ chức", page=None, route="committees:tree")
    district = OrganizationFactory(
        name="Ủy ban MTTQ Việt Nam quận Thanh Hà", kind=OrganizationKind.DISTRICT_COMMITTEE
    )
    ward = OrganizationFactory(
        name="Ủy ban MTTQ Việt Nam phường Khương Đình",
        short_name="Phường Khương Đình",
        kind=OrganizationKind.WARD_COMMITTEE,
        parent=district,
    )
    for n in range(1, 4):
        OrganizationFactory(
            name=f"Ban công tác Mặt trận khu dân cư số {n}",
            kind=OrganizationKind.RESIDENTIAL_BOARD,
            parent=ward,
        )
    term = TermFactory(
        organization=ward,
        number=18,
        start_date=datetime.date(2024, 5, 31),
        end_date=datetime.date(2029, 5, 31),
    )
    person = PersonFactory(full_name="Nguyễn Thị Hạnh", bio="Chủ tịch Ủy ban MTTQ phường từ năm 2024.")
    MembershipFactory(
        person=person,
        organization=ward,
        term=term,
        position=ChairPositionFactory(),
        start_date=term.start_date,
    )
    return ward, person


def test_citizen_goes_from_home_to_a_ward_and_to_its_chair(browser_page, ward_with_chair):
    ward, person = ward_with_chair
    page = browser_page
    page.goto("/")
    page.get_by_role("navigation", name="Menu chính").get_by_role("link", name="Tổ chức").click()
    page.wait_for_url("**/to-chuc/")
    chart = page.get_by_role("navigation", name="Sơ đồ tổ chức hiện nay")
    # The ward's residential-area boards are folded away but reachable without script.
    board = chart.get_by_role("link", name="Ban công tác Mặt trận khu dân cư số 1")
    assert not board.is_visible()
    chart.get_by_text("3 tổ chức trực thuộc").click()
    assert board.is_visible()
    chart.get_by_role("link", name=ward.name).click()
    page.wait_for_url(f"**{ward.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == ward.name
    leaders = page.locator("section", has=page.get_by_role("heading", name="Lãnh đạo"))
    assert "Chủ tịch" in leaders.inner_text()
    leaders.get_by_role("link", name="Nguyễn Thị Hạnh").click()
    page.wait_for_url(f"**{person.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == "Nguyễn Thị Hạnh"
    main = page.locator("main").inner_text()
    assert "Chủ tịch Ủy ban MTTQ phường từ năm 2024." in main and ward.name in main


@pytest.mark.viewport(360, 800)
def test_organisation_page_fits_a_phone(browser_page, ward_with_chair):
    ward, _person = ward_with_chair
    page = browser_page
    page.goto(ward.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.goto("/to-chuc/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
