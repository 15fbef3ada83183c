"""Shared fixtures for the committees tests: two wards under one district, with terms."""

import datetime

import pytest

from committees.models import OrganizationKind
from tests.factories import (
    ChairPositionFactory,
    OrganizationFactory,
    PositionFactory,
    TermFactory,
    WardFactory,
)

D = datetime.date


@pytest.fixture
def district(db):
    return OrganizationFactory(
        name="Ủy ban MTTQ Việt Nam quận Thanh Hà", kind=OrganizationKind.DISTRICT_COMMITTEE
    )


@pytest.fixture
def ward_a(district):
    return WardFactory(
        name="Ủy ban MTTQ Việt Nam phường Khương Đình", short_name="Phường Khương Đình", parent=district
    )


@pytest.fixture
def ward_b(district):
    return WardFactory(
        name="Ủy ban MTTQ Việt Nam phường Thượng Đình", short_name="Phường Thượng Đình", parent=district
    )


@pytest.fixture
def chair(db):
    return ChairPositionFactory()


@pytest.fixture
def member_position(db):
    return PositionFactory()


@pytest.fixture
def term(district):
    return TermFactory(organization=district, number=5, start_date=D(2019, 6, 20), end_date=D(2024, 6, 20))


@pytest.fixture
def next_term(district):
    return TermFactory(organization=district, number=6, start_date=D(2024, 6, 20), end_date=D(2029, 6, 20))
