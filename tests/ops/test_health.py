"""The load balancers' health endpoint /suc-khoe/: 200 when the database and the cache answer,
503 (never a 500) when either does not, never cached, reachable over plain HTTP."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

URL = "/suc-khoe/"


@pytest.mark.django_db
def test_healthy_site_answers_200_with_each_check(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_unreachable_database_gives_503(client):
    # The real outage (PostgreSQL stopped) is exercised by bench/fault_load.py and test_two_instances.
    with mock.patch("frontcms.views.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get(URL)
    assert response.status_code == 503
    assert response.json()["database"].startswith("error") and response.json()["status"] == "error"


@pytest.mark.django_db
def test_unreachable_cache_gives_503(client):
    with mock.patch("frontcms.views.cache.set", side_effect=ConnectionError("redis down")):
        response = client.get(URL)
    assert response.status_code == 503
    assert response.json()["cache"].startswith("error")


@pytest.mark.django_db
def test_health_is_never_served_from_the_page_cache(client):
    assert client.get(URL).status_code == 200
    assert client.get(URL).status_code == 200
    with mock.patch("frontcms.views.connection.cursor", side_effect=OperationalError("down")):
        assert client.get(URL).status_code == 503


@pytest.mark.django_db
def test_health_is_exempt_from_the_https_redirect(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()  # middleware is loaded with the settings above
    assert client.get(URL).status_code == 200
    assert client.get("/").status_code == 301


@pytest.mark.django_db
def test_health_refuses_other_methods(client):
    assert client.post(URL).status_code == 405
