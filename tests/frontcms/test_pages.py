"""Static pages, menu, site settings, robots, sitemap, health and error pages."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from frontcms.models import MenuItem, Page, SiteSettings
from tests.factories import MenuItemFactory, PageFactory, QuickLinkFactory

pytestmark = pytest.mark.django_db


def test_page_and_nested_page_are_served_by_path(client):
    parent = PageFactory(title="Giới thiệu", body="<p>Về chúng tôi</p>")
    child = PageFactory(title="Lịch sử hình thành", parent=parent, body="<p>Năm 1930</p>")
    assert parent.get_absolute_url() == "/gioi-thieu/"
    assert child.get_absolute_url() == "/gioi-thieu/lich-su-hinh-thanh/"
    response = client.get("/gioi-thieu/lich-su-hinh-thanh/")
    assert response.status_code == 200
    assert "Năm 1930" in response.content.decode()
    assert client.get("/gioi-thieu/").status_code == 200


@pytest.mark.parametrize(
    "path", ["/khong-ton-tai/", "/gioi-thieu/khong-co/", "/a/b/c/", "/lich-su-hinh-thanh/"]
)
def test_unknown_or_wrongly_nested_paths_are_404(client, path):
    parent = PageFactory(title="Giới thiệu")
    PageFactory(title="Lịch sử hình thành", parent=parent)
    response = client.get(path)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_unpublished_page_is_404(client):
    PageFactory(title="Bản nháp", is_published=False)
    assert client.get("/ban-nhap/").status_code == 404


def test_page_body_is_sanitised_on_save():
    page = PageFactory(
        body='<p onclick="x()">Xin chào<script>alert(1)</script></p><img src="https://evil.example/x.png">'
    )
    page.refresh_from_db()
    assert "script" not in page.body and "onclick" not in page.body and "evil" not in page.body
    assert "Xin chào" in page.body


def test_reserved_slug_is_refused():
    page = Page(title="Tin tức", slug="tin-tuc")
    with pytest.raises(ValidationError):
        page.full_clean()


def test_changed_slug_keeps_old_url_with_301(client):
    page = PageFactory(title="Liên hệ")
    page.slug = "lien-he-cong-tac"
    page.save()
    response = client.get("/lien-he/")
    assert response.status_code == 301
    assert response["Location"] == "/lien-he-cong-tac/"


def test_menu_shows_pages_routes_and_children(client):
    about = PageFactory(title="Giới thiệu")
    top = MenuItemFactory(title="Về Mặt trận", page=about)
    MenuItemFactory(title="Chức năng", parent=top, page=PageFactory(title="Chức năng nhiệm vụ"))
    MenuItem.objects.create(title="Tìm kiếm", route="frontcms:search", order=5)
    MenuItemFactory(title="Ẩn đi", is_active=False)
    html = client.get("/").content.decode()
    assert 'href="/gioi-thieu/"' in html and "Về Mặt trận" in html
    assert 'href="/chuc-nang-nhiem-vu/"' in html
    assert 'href="/tim-kiem/"' in html
    assert "Ẩn đi" not in html


def test_menu_item_needs_exactly_one_target():
    with pytest.raises(ValidationError):
        MenuItem(title="Trống").full_clean()
    with pytest.raises(ValidationError):
        MenuItem(title="Sai", route="khong:co").full_clean()


def test_site_settings_footer_and_cache_refresh(client):
    SiteSettings(
        site_name="Ủy ban MTTQ quận Mẫu",
        address="Số 1 phố Mẫu",
        phone="024 1234 5678",
        licence="Giấy phép số 1/GP",
        responsible_person="Ông Nguyễn Văn A",
    ).save()
    html = client.get("/").content.decode()
    assert "Ủy ban MTTQ quận Mẫu" in html and "Số 1 phố Mẫu" in html and "Giấy phép số 1/GP" in html
    settings_row = SiteSettings.load()
    settings_row.address = "Số 2 phố Mới"
    settings_row.save()
    assert "Số 2 phố Mới" in client.get("/").content.decode()


def test_quick_links_in_sidebar(client):
    QuickLinkFactory(title="Báo Đại Đoàn Kết", url="https://daidoanket.vn/")
    page = PageFactory(title="Giới thiệu")
    assert "Báo Đại Đoàn Kết" in client.get(page.get_absolute_url()).content.decode()


def test_base_template_landmarks_and_date(client):
    html = client.get("/").content.decode()
    assert '<html lang="vi">' in html
    assert 'class="skip-link" href="#noi-dung"' in html
    assert "<main" in html and "<footer" in html and 'role="search"' in html
    assert 'property="og:title"' in html and 'name="twitter:card"' in html
    assert "Thứ " in html or "Chủ nhật" in html


def test_robots_and_sitemap(client):
    PageFactory(title="Giới thiệu")
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /quan-tri/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert "/gioi-thieu/" in sitemap.content.decode() and "<lastmod>" in sitemap.content.decode()


def test_health_endpoint(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_security_headers_on_public_pages(client):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize(
    "url",
    [
        "/tim-kiem/?q=" + "a" * 5000,
        "/tim-kiem/?q=%00%ff%fe",
        "/tim-kiem/?q=!!!",
        "/tim-kiem/?q=t%E1%BA%ADp&trang=-1",
        "/tim-kiem/?q=x&trang=99999999999999999999",
        "/%00/",
        "/..%2f..%2fetc/passwd/",
        "/" + "x" * 3000 + "/",
    ],
)
def test_hostile_requests_never_500(client, url):
    assert client.get(url).status_code < 500


def test_search_page_explains_empty_and_punctuation_queries(client):
    assert "Nhập từ khóa" in client.get("/tim-kiem/").content.decode()
    assert "ít nhất một chữ" in client.get("/tim-kiem/?q=%21%21%21").content.decode()


def test_page_query_count_is_bounded(client, django_assert_max_num_queries):
    parent = PageFactory(title="Giới thiệu")
    for i in range(30):
        PageFactory(title=f"Trang con {i}", parent=parent)
        MenuItemFactory(title=f"Mục {i}")
    client.get("/gioi-thieu/")  # warm the menu cache
    with django_assert_max_num_queries(6):
        assert client.get("/gioi-thieu/").status_code == 200


def test_breadcrumb_trail_links_each_step_marks_the_page_and_escapes_titles(client):
    from tests.factories import ArticleFactory, CategoryFactory

    category = CategoryFactory(name="Hoạt động <phường>")
    article = ArticleFactory(title="Tập huấn <b>nghiệp vụ</b>", category=category)
    html = client.get(article.get_absolute_url()).content.decode()
    trail = html.split('<nav class="breadcrumbs"')[1].split("</nav>")[0]
    assert 'aria-label="Vị trí trang"' in trail
    assert '<li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc/">Tin tức</a></li>' in trail
    assert f'<a href="{category.get_absolute_url()}">Hoạt động &lt;phường&gt;</a>' in trail
    assert '<span aria-current="page">Tập huấn &lt;b&gt;nghiệp vụ&lt;/b&gt;</span>' in trail
