"""Workflow e-mails tell only people who may open the item: a ward-bound account that may publish (a
ward's own editor) is not mailed another ward's submissions, and a writer who has moved to another
ward is not mailed the title and return reason of their old ward's item."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail

from frontcms import publishing_service as service
from frontcms.roles import CONTRIBUTORS, EDITORS
from news.models import Article
from tests.factories import StaffAssignmentFactory, WardFactory

pytestmark = pytest.mark.django_db


def staff(django_user_model, username, group, ward=None):
    user = django_user_model.objects.create_user(
        username, password="x", is_staff=True, email=f"{username}@mttq.vn"
    )
    user.groups.add(Group.objects.get(name=group))
    if ward is not None:
        StaffAssignmentFactory(user=user, organization=ward)
    return user


@pytest.fixture
def wards():
    return WardFactory(name="Phường Khương Đình"), WardFactory(name="Phường Thượng Đình")


def recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def submitted_draft(writer, ward, capture) -> Article:
    article = Article(title="Danh sách hộ nghèo chưa công bố", body="<p>Nội dung.</p>", organization=ward)
    service.save_draft(article, user=writer)
    with capture(execute=True):
        service.submit(article, user=writer)
    return article


def test_a_ward_editor_is_not_mailed_another_wards_submission(
    django_user_model, wards, django_capture_on_commit_callbacks
):
    khuong, thuong = wards
    writer = staff(django_user_model, "ctv-khuong", CONTRIBUTORS, khuong)
    district = staff(django_user_model, "bientap", EDITORS)
    own_editor = staff(django_user_model, "bt-khuong", CONTRIBUTORS, khuong)
    other_editor = staff(django_user_model, "bt-thuong", CONTRIBUTORS, thuong)
    publish = Permission.objects.get(codename="publish_article", content_type__app_label="news")
    own_editor.user_permissions.add(publish)
    other_editor.user_permissions.add(publish)

    submitted_draft(writer, khuong, django_capture_on_commit_callbacks)

    assert recipients() == {district.email, own_editor.email}
    assert not any("hộ nghèo" in message.body for message in mail.outbox if other_editor.email in message.to)


def test_a_writer_moved_to_another_ward_is_not_mailed_the_return_reason(
    django_user_model, wards, django_capture_on_commit_callbacks
):
    khuong, thuong = wards
    writer = staff(django_user_model, "ctv", CONTRIBUTORS, khuong)
    editor = staff(django_user_model, "bientap", EDITORS)
    article = submitted_draft(writer, khuong, django_capture_on_commit_callbacks)
    writer.staff_assignment.organization = thuong
    writer.staff_assignment.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        service.return_to_author(article, user=editor, reason="Thiếu số liệu của tổ dân phố 5.")

    assert writer.email not in recipients()
