import datetime

import factory

from committees.models import (
    ContactPoint,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    Position,
    StaffAssignment,
    Term,
)

__all__ = [
    "OrganizationFactory",
    "WardFactory",
    "TermFactory",
    "ward_terms",
    "StaffAssignmentFactory",
    "PersonFactory",
    "PositionFactory",
    "ChairPositionFactory",
    "MembershipFactory",
    "ContactPointFactory",
]


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Ủy ban MTTQ Việt Nam quận Số {n}")
    kind = OrganizationKind.DISTRICT_COMMITTEE


class WardFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"Ủy ban MTTQ Việt Nam phường Thượng Đình {n}")
    kind = OrganizationKind.WARD_COMMITTEE


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    organization = factory.SubFactory(OrganizationFactory)
    number = factory.Sequence(lambda n: n + 1)
    start_date = datetime.date(2019, 6, 1)
    end_date = datetime.date(2024, 6, 1)


def ward_terms(organization) -> list[Term]:
    """A ward committee's last two terms, oldest first: Khóa XVII (2019-2024), Khóa XVIII (2024-2029)."""
    return [
        TermFactory(
            organization=organization,
            number=17,
            start_date=datetime.date(2019, 5, 31),
            end_date=datetime.date(2024, 5, 31),
        ),
        TermFactory(
            organization=organization,
            number=18,
            start_date=datetime.date(2024, 5, 31),
            end_date=datetime.date(2029, 5, 31),
        ),
    ]


class StaffAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffAssignment

    organization = factory.SubFactory(WardFactory)


GIVEN = ["An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hạnh", "Lan", "Mai", "Nam", "Yến"]


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {GIVEN[n % len(GIVEN)]} {n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position
        django_get_or_create = ("name",)

    name = "Ủy viên"
    name_en = "Member"
    rank = 50


class ChairPositionFactory(PositionFactory):
    name = "Chủ tịch"
    name_en = "Chairperson"
    rank = 10
    single_holder = True
    is_leadership = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    position = factory.SubFactory(PositionFactory)
    start_date = datetime.date(2019, 6, 1)


class ContactPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPoint

    organization = factory.SubFactory(OrganizationFactory)
    name = "Văn phòng"
    title = "Văn phòng Ủy ban"
    phone = "024 3858 0000"
    email = "vanphong@example.vn"
