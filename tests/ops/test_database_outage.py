"""frontcms.middleware.DatabaseOutageMiddleware: a view failing on an unreachable database is
retried once for GET/HEAD after the database answers again; otherwise a 503 with Retry-After,
never a 500. The real outage (PostgreSQL stopped) is in test_two_instances and bench/fault_load.py."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from frontcms.views import PageView
from tests.factories import PageFactory
from tests.security.support import admin_form_data

# Not inside the test's transaction: the middleware never replays a request in an atomic block.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def page(transactional_db):
    return PageFactory(title="Liên hệ", slug="lien-he", body="<p>Địa chỉ trụ sở</p>")


def _flaky(times: int):
    original = PageView.get_object
    calls = {"n": 0}

    def get_object(self, queryset=None):
        calls["n"] += 1
        if calls["n"] <= times:
            raise OperationalError("server closed the connection unexpectedly")
        return original(self, queryset)

    return mock.patch.object(PageView, "get_object", get_object), calls


def test_get_is_retried_once_the_database_answers(client, page):
    patch, calls = _flaky(times=1)
    with patch:
        response = client.get("/lien-he/")
    assert response.status_code == 200 and "Địa chỉ trụ sở" in response.content.decode()
    assert calls["n"] == 2


def test_database_still_failing_gives_503_with_retry_after(page, settings):
    settings.DB_OUTAGE_WAIT = 0
    client = Client(raise_request_exception=False)
    patch, calls = _flaky(times=10)
    with patch:
        response = client.get("/lien-he/")
    assert response.status_code == 503 and response["Retry-After"]
    assert 'lang="vi"' in response.content.decode()
    assert calls["n"] == 2  # one retry, not a loop
    # The 503 is not put into the page cache: the page works as soon as the database does.
    assert client.get("/lien-he/").status_code == 200


def test_post_is_never_replayed(page, admin_user):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    data = admin_form_data(client.get("/quan-tri/frontcms/page/add/"))
    data.update(title="Trang mới", body="<p>Nội dung</p>")
    with mock.patch(
        "django.contrib.admin.options.ModelAdmin.save_model", side_effect=OperationalError("connection lost")
    ) as save_model:
        response = client.post("/quan-tri/frontcms/page/add/", data)
    assert response.status_code == 503
    assert save_model.call_count == 1


def test_other_errors_are_not_hidden(page):
    client = Client(raise_request_exception=False)
    with mock.patch.object(PageView, "get_object", side_effect=ZeroDivisionError):
        assert client.get("/lien-he/").status_code == 500
