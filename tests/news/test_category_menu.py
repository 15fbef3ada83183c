"""The sidebar's "Danh mục tin tức": every category, sub-categories under their parent, on every page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CategoryFactory, PageFactory

pytestmark = pytest.mark.django_db


def _sidebar(html: str) -> str:
    return html.split('<aside class="sidebar"', 1)[1].split("</aside>", 1)[0]


def test_sidebar_lists_categories_with_sub_categories_on_every_page(client):
    parent = CategoryFactory(name="Tin hoạt động", order=1)
    CategoryFactory(name="Tin phường", parent=parent)
    CategoryFactory(name="Tập huấn", order=2)
    for url in ("/", PageFactory().get_absolute_url(), "/su-kien/"):
        sidebar = _sidebar(client.get(url).content.decode())
        assert "Danh mục tin tức" in sidebar, url
        menu = sidebar.split('class="box category-menu"', 1)[1].split("</nav>", 1)[0]
        assert menu.index("Tin hoạt động") < menu.index("Tin phường") < menu.index("Tập huấn"), url
        assert f'href="{parent.get_absolute_url()}"' in menu


def test_a_new_category_shows_in_the_sidebar_at_once(client):
    CategoryFactory(name="Tin hoạt động")
    assert "Giám sát phản biện" not in client.get("/su-kien/").content.decode()
    CategoryFactory(name="Giám sát phản biện")
    assert "Giám sát phản biện" in _sidebar(client.get("/su-kien/").content.decode())


def test_category_menu_is_kept_with_the_sidebar_and_runs_no_query_when_warm(client):
    CategoryFactory(name="Tin hoạt động")
    client.cookies["sessionid"] = "no-page-cache"
    client.get("/su-kien/")
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/su-kien/").content.decode()
    assert "Danh mục tin tức" in html
    assert not [q["sql"] for q in ctx.captured_queries if "news_category" in q["sql"]]
