"""Membership rules: end not before start, dates within the term, one holder at a time for a
single-holder position; checked by clean() with Vietnamese messages and held by the database."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from committees.models import Membership
from tests.factories import MembershipFactory, PersonFactory, TermFactory

D = datetime.date


def build(**kwargs):
    return MembershipFactory.build(person=PersonFactory(), **kwargs)


def test_end_before_start_is_refused_with_a_vietnamese_message(district, member_position):
    m = build(
        organization=district, position=member_position, start_date=D(2020, 1, 1), end_date=D(2019, 1, 1)
    )
    with pytest.raises(ValidationError) as exc:
        m.full_clean()
    assert "không thể trước ngày bắt đầu" in str(exc.value.message_dict["end_date"])


def test_end_before_start_is_refused_by_the_database(district, member_position):
    m = build(
        organization=district, position=member_position, start_date=D(2020, 1, 1), end_date=D(2019, 1, 1)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        m.save()


def test_start_outside_the_term_is_refused(district, term, member_position):
    m = build(organization=district, term=term, position=member_position, start_date=D(2018, 1, 1))
    with pytest.raises(ValidationError) as exc:
        m.full_clean()
    assert "phải nằm trong nhiệm kỳ (20/06/2019 – 20/06/2024)" in exc.value.message_dict["start_date"][0]


def test_end_after_the_term_is_refused(district, term, member_position):
    m = build(
        organization=district,
        term=term,
        position=member_position,
        start_date=D(2020, 1, 1),
        end_date=D(2025, 1, 1),
    )
    with pytest.raises(ValidationError) as exc:
        m.full_clean()
    assert "end_date" in exc.value.message_dict


def test_term_of_another_organisation_is_refused(district, ward_a, member_position):
    other_term = TermFactory(organization=ward_a, number=18)
    m = build(organization=district, term=other_term, position=member_position, start_date=D(2020, 1, 1))
    with pytest.raises(ValidationError) as exc:
        m.full_clean()
    assert "tổ chức khác" in exc.value.message_dict["term"][0]


def test_dates_within_the_term_are_accepted(district, term, member_position):
    m = build(
        organization=district,
        term=term,
        position=member_position,
        start_date=term.start_date,
        end_date=term.end_date,
    )
    m.full_clean()
    m.save()
    assert m.range_end == term.end_date


def test_overlapping_chairs_are_refused_with_the_holder_named(district, term, chair):
    first = MembershipFactory(organization=district, term=term, position=chair, start_date=D(2019, 6, 20))
    second = build(organization=district, term=term, position=chair, start_date=D(2021, 1, 1))
    with pytest.raises(ValidationError) as exc:
        second.full_clean()
    message = exc.value.message_dict["start_date"][0]
    assert "chỉ có một người giữ" in message and first.person.full_name in message


def test_a_chair_replaced_the_day_the_predecessor_left_is_accepted(district, term, chair):
    MembershipFactory(
        organization=district, term=term, position=chair, start_date=D(2019, 6, 20), end_date=D(2021, 10, 1)
    )
    successor = build(organization=district, term=term, position=chair, start_date=D(2021, 10, 1))
    successor.full_clean()
    successor.save()


def test_open_ended_membership_ends_with_its_term_for_the_overlap_rule(district, term, next_term, chair):
    # Chair of term V without an end date: it ends with term V, so term VI's chair does not clash.
    MembershipFactory(organization=district, term=term, position=chair, start_date=term.start_date)
    nxt = build(organization=district, term=next_term, position=chair, start_date=next_term.start_date)
    nxt.full_clean()
    nxt.save()


def test_chairs_of_different_organisations_may_overlap(district, ward_a, chair):
    MembershipFactory(organization=district, position=chair, start_date=D(2020, 1, 1))
    other = build(organization=ward_a, position=chair, start_date=D(2020, 1, 1))
    other.full_clean()


def test_several_ordinary_members_may_overlap(district, member_position):
    MembershipFactory(organization=district, position=member_position, start_date=D(2020, 1, 1))
    build(organization=district, position=member_position, start_date=D(2020, 1, 1)).full_clean()


@pytest.mark.django_db(transaction=True)
def test_overlapping_chairs_are_refused_by_the_database(district, chair):
    """Bypassing clean() (bulk_create, raw save): the database itself refuses (both backends)."""
    MembershipFactory(organization=district, position=chair, start_date=D(2020, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership(
            person=PersonFactory(), organization=district, position=chair, start_date=D(2021, 1, 1)
        ).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.bulk_create(
            [
                Membership(
                    person=PersonFactory(),
                    organization=district,
                    position=chair,
                    start_date=D(2022, 1, 1),
                    exclusive=True,
                )
            ]
        )
    assert Membership.objects.filter(organization=district, position=chair).count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_update_creating_an_overlap_is_refused_by_the_database(district, chair):
    MembershipFactory(organization=district, position=chair, start_date=D(2020, 1, 1), end_date=D(2021, 1, 1))
    later = MembershipFactory(organization=district, position=chair, start_date=D(2021, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=later.pk).update(start_date=D(2020, 6, 1))


def test_the_database_rule_exists_on_this_backend(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='committees_membership'"
            )
            names = {row[0] for row in cursor.fetchall()}
            assert {"membership_single_holder_insert", "membership_single_holder_update"} <= names
        else:
            cursor.execute(
                "SELECT conname FROM pg_constraint WHERE conname = 'membership_single_holder_no_overlap'"
            )
            assert cursor.fetchone()


@pytest.mark.postgres
def test_postgres_uses_an_exclusion_constraint(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT contype FROM pg_constraint WHERE conname = 'membership_single_holder_no_overlap'"
        )
        assert cursor.fetchone()[0] == "x"


def test_making_a_position_single_holder_with_overlapping_holders_is_refused(district, member_position):
    MembershipFactory(organization=district, position=member_position, start_date=D(2020, 1, 1))
    MembershipFactory(organization=district, position=member_position, start_date=D(2020, 1, 1))
    member_position.single_holder = True
    with pytest.raises(ValidationError) as exc:
        member_position.full_clean()
    assert "single_holder" in exc.value.message_dict


def test_position_flag_is_copied_to_memberships(district, member_position):
    m = MembershipFactory(organization=district, position=member_position, start_date=D(2020, 1, 1))
    assert not m.exclusive
    member_position.single_holder = True
    member_position.save()
    m.refresh_from_db()
    assert m.exclusive


def test_changing_a_term_end_moves_open_memberships_range(district, term, member_position):
    m = MembershipFactory(
        organization=district, term=term, position=member_position, start_date=D(2020, 1, 1)
    )
    term.end_date = D(2024, 7, 1)
    term.save()
    m.refresh_from_db()
    assert m.range_end == D(2024, 7, 1)


def test_shortening_a_term_past_its_memberships_is_refused(district, term, member_position):
    MembershipFactory(
        organization=district,
        term=term,
        position=member_position,
        start_date=D(2020, 1, 1),
        end_date=D(2024, 1, 1),
    )
    term.end_date = D(2023, 1, 1)
    with pytest.raises(ValidationError):
        term.full_clean()


def test_current_and_past_memberships(district, member_position, chair):
    today = datetime.date.today()
    current = MembershipFactory(
        organization=district, position=member_position, start_date=today - datetime.timedelta(days=10)
    )
    past = MembershipFactory(
        organization=district,
        position=chair,
        start_date=D(2019, 1, 1),
        end_date=today - datetime.timedelta(days=1),
    )
    assert list(Membership.objects.current()) == [current]
    assert list(Membership.objects.past()) == [past]
    assert current.is_current and not past.is_current
