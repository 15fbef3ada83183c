import datetime

import factory

from committees.models import Organization, OrganizationKind, StaffAssignment, Term

__all__ = ["OrganizationFactory", "WardFactory", "TermFactory", "StaffAssignmentFactory"]


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


class StaffAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffAssignment

    organization = factory.SubFactory(WardFactory)
