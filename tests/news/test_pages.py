"""Public news pages: lists, category tree, tags, home blocks, RSS, sitemap, search; query counts."""

import datetime
import email.utils
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from frontcms.publishing import Status
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory, WardFactory, make_image_file

pytestmark = pytest.mark.django_db


def parse_xml(content: bytes):
    return ET.fromstring(content)  # noqa: S314 (our own server's output)


def ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


def test_list_is_newest_first_paginated_by_twenty(client):
    for n in range(25):
        ArticleFactory(title=f"Tin số {n:02d}", published_at=ago(100 - n))
    page1 = client.get(reverse("news:list")).content.decode()
    assert page1.index("Tin số 24") < page1.index("Tin số 23")
    assert "Tin số 05" in page1 and "Tin số 04" not in page1
    assert "trang=2" in page1
    page2 = client.get(reverse("news:list") + "?trang=2").content.decode()
    assert "Tin số 04" in page2 and "Tin số 00" in page2 and "Tin số 05" not in page2


@pytest.mark.parametrize("value", ["abc", "0", "-1", "999", "1e9", "%00"])
def test_bad_page_numbers_are_never_500(client, value):
    ArticleFactory()
    assert client.get(reverse("news:list"), {"trang": value}).status_code in (200, 400, 404)


def test_card_shows_thumbnail_title_date_and_summary(client):
    article = ArticleFactory(
        title="Tập huấn nghiệp vụ cho Ban công tác Mặt trận",
        summary="Hơn 200 cán bộ tham dự lớp tập huấn.",
        published_at=timezone.make_aware(datetime.datetime(2019, 7, 23, 15, 27)),
        cover=make_image_file(),
    )
    html = client.get(reverse("news:list")).content.decode()
    assert "23/07/2019 15:27" in html
    assert '<time datetime="2019-07-23T' in html
    assert "Hơn 200 cán bộ tham dự lớp tập huấn." in html
    assert 'loading="lazy"' in html and "srcset=" in html and 'width="480" height="270"' in html
    assert article.cover.name.rsplit("/", 1)[-1].rsplit(".", 1)[0] in html


def test_category_page_includes_sub_categories(client):
    parent = CategoryFactory(name="Tin hoạt động")
    child = CategoryFactory(name="Tin phường", parent=parent)
    grandchild = CategoryFactory(name="Khu dân cư", parent=child)
    other = CategoryFactory(name="Tập huấn")
    ArticleFactory(title="Tin của danh mục cha", category=parent)
    ArticleFactory(title="Tin của danh mục con", category=child)
    ArticleFactory(title="Tin của danh mục cháu", category=grandchild)
    ArticleFactory(title="Tin của danh mục khác", category=other)
    html = client.get(reverse("news:category", args=["tin-hoat-dong"])).content.decode()
    assert (
        "Tin của danh mục cha" in html and "Tin của danh mục con" in html and "Tin của danh mục cháu" in html
    )
    assert "Tin của danh mục khác" not in html
    child_html = client.get(child.get_absolute_url()).content.decode()
    assert "Tin của danh mục cha" not in child_html and "Tin của danh mục cháu" in child_html
    assert client.get("/tin-tuc/danh-muc/khong-ton-tai/").status_code == 404


def test_tag_page(client):
    ArticleFactory(title="Tin gắn thẻ bầu cử", tags=["Bầu cử"])
    ArticleFactory(title="Tin không gắn thẻ")
    html = client.get(reverse("news:tag", args=["bau-cu"])).content.decode()
    assert "Tin gắn thẻ bầu cử" in html and "Tin không gắn thẻ" not in html
    assert client.get("/tin-tuc/the/khong-co-the/").status_code == 404


def test_article_page_shows_everything_a_reader_needs(client):
    ward = WardFactory(name="Ủy ban MTTQ Việt Nam phường Khương Đình")
    article = ArticleFactory(
        title="Hội nghị đối thoại với nhân dân",
        summary="Sapo của bài viết.",
        body='<p>Đoạn một.</p><figure><img src="/media/uploads/a.jpg" alt="Ảnh"><figcaption>Quang cảnh hội nghị</figcaption></figure><script>alert(1)</script>',
        organization=ward,
        byline="Minh Anh – Ban Tuyên giáo",
        published_at=timezone.make_aware(datetime.datetime(2019, 7, 23, 15, 27)),
        tags=["Đối thoại"],
        cover=make_image_file(),
        cover_caption="Các đại biểu dự hội nghị",
    )
    Article.objects.filter(pk=article.pk).update(view_count=8)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<h1" in html and "Hội nghị đối thoại với nhân dân" in html
    assert '<time datetime="2019-07-23T15:27:00+07:00">23/07/2019 15:27</time>' in html
    assert "Ủy ban MTTQ Việt Nam phường Khương Đình" in html
    assert article.category.name in html
    assert "Sapo của bài viết." in html
    assert "<figcaption>Quang cảnh hội nghị</figcaption>" in html
    assert "<script>alert" not in html
    assert "Minh Anh – Ban Tuyên giáo" in html
    assert 'href="/tin-tuc/the/doi-thoai/"' in html
    assert "Lượt xem: 8" in html
    assert "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver%2Ftin-tuc%2F" in html
    assert "https://zalo.me/share?url=http%3A%2F%2Ftestserver%2Ftin-tuc%2F" in html
    assert 'data-copy-link="http://testserver/tin-tuc/hoi-nghi-doi-thoai-voi-nhan-dan/"' in html
    assert "data-print" in html and "In bài viết" in html
    assert '<p class="print-url" hidden>' in html
    assert "Các đại biểu dự hội nghị" in html
    assert '<meta property="og:image" content="http://testserver/media/news/covers/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="og:type" content="article">' in html


def test_pages_without_a_picture_do_not_offer_themselves_as_the_share_image(client):
    article = ArticleFactory(title="Tin không có ảnh")
    for url in ("/", article.get_absolute_url(), "/su-kien/?loai=conference"):
        html = client.get(url).content.decode()
        assert 'property="og:image"' not in html, url
        assert '<meta name="twitter:card" content="summary">' in html, url


def test_home_shows_featured_and_latest_of_each_main_category(client):
    main = CategoryFactory(name="Tin hoạt động")
    sub = CategoryFactory(name="Tin phường", parent=main)
    second = CategoryFactory(name="Tập huấn")
    CategoryFactory(name="Ẩn khỏi trang chủ", show_on_home=False)
    ArticleFactory(title="Tin nổi bật nhất", is_featured=True, category=second)
    for n in range(6):
        ArticleFactory(title=f"Tin phường {n}", category=sub, published_at=ago(10 - n))
    ArticleFactory(title="Tin tập huấn", category=second)
    html = client.get("/").content.decode()
    assert "Tin nổi bật nhất" in html
    assert "Tin hoạt động" in html and "Tập huấn" in html
    section = html.split('id="danh-muc-tin-hoat-dong"', 1)[1].split("<section", 1)[0]
    assert [f"Tin phường {n}" in section for n in range(6)] == [False, False, True, True, True, True]


def test_rss_feed_is_valid_rss_with_latest_twenty(client):
    for n in range(25):
        ArticleFactory(title=f"Tin RSS {n:02d}", published_at=ago(100 - n), byline="Thu Hà")
    ArticleFactory(title="Tin nháp RSS", status=Status.DRAFT)
    response = client.get(reverse("news:rss"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = parse_xml(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.find("title").text and channel.find("link").text.startswith("http://testserver/")
    items = channel.findall("item")
    assert len(items) == 20
    assert items[0].find("title").text == "Tin RSS 24"
    assert "Tin nháp RSS" not in response.content.decode()
    for item in items:
        assert item.find("link").text.startswith("http://testserver/tin-tuc/")
        parsed = email.utils.parsedate_to_datetime(item.find("pubDate").text)  # RFC 822
        assert parsed.tzinfo is not None


def test_category_rss_contains_only_that_category_tree(client):
    parent = CategoryFactory(name="Giám sát phản biện")
    child = CategoryFactory(name="Giám sát", parent=parent)
    ArticleFactory(title="Tin giám sát", category=child)
    ArticleFactory(title="Tin khác")
    response = client.get(reverse("news:category_rss", args=[parent.slug]))
    titles = [i.find("title").text for i in parse_xml(response.content).find("channel").findall("item")]
    assert titles == ["Tin giám sát"]
    assert client.get("/tin-tuc/danh-muc/khong-co/rss/").status_code == 404


def test_sitemap_lists_published_articles_and_categories_with_lastmod(client):
    category = CategoryFactory(name="Đại đoàn kết")
    article = ArticleFactory(title="Tin trong sitemap", category=category)
    ArticleFactory(title="Nháp ngoài sitemap", status=Status.DRAFT)
    response = client.get("/sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {
        u.find("s:loc", ns).text: u.find("s:lastmod", ns)
        for u in parse_xml(response.content).findall("s:url", ns)
    }
    article_url = f"http://testserver{article.get_absolute_url()}"
    assert article_url in urls and urls[article_url] is not None
    assert urls[article_url].text.startswith(str(timezone.now().year))
    assert f"http://testserver{category.get_absolute_url()}" in urls
    assert not any("nhap-ngoai-sitemap" in u for u in urls)


def test_search_finds_published_articles_only(client):
    ArticleFactory(title="Ngày hội Đại đoàn kết toàn dân tộc")
    ArticleFactory(title="Ngày hội nháp", status=Status.DRAFT)
    ArticleFactory(title="Ngày hội hẹn giờ", published_at=timezone.now() + datetime.timedelta(days=1))
    html = client.get("/tim-kiem/", {"q": "ngay hoi"}).content.decode()
    assert "Ngày hội Đại đoàn kết toàn dân tộc" in html
    assert "Ngày hội nháp" not in html and "Ngày hội hẹn giờ" not in html


# --- query counts on data much larger than a page -------------------------------------------------
@pytest.fixture
def many_articles():
    categories = [CategoryFactory(name=name) for name in ("Tin hoạt động", "Tập huấn", "Hội nghị")]
    sub = CategoryFactory(name="Tin phường", parent=categories[0])
    categories.append(sub)
    wards = [WardFactory() for _ in range(3)]
    start = timezone.now() - datetime.timedelta(days=400)
    rows = [
        Article(
            title=f"Tin số {n}",
            slug=f"tin-so-{n}",
            summary="Tóm tắt",
            body="<p>Nội dung</p>",
            status=Status.PUBLISHED,
            published_at=start + datetime.timedelta(hours=n),
            category=categories[n % 4],
            organization=wards[n % 3],
            is_featured=n % 50 == 0,
        )
        for n in range(400)
    ]
    Article.objects.bulk_create(rows)
    articles = list(Article.objects.order_by("pk"))
    for article in articles[-60:]:
        article.tags.add("bầu cử", f"thẻ {article.pk % 5}")
    # The newest ones get covers (the renditions are made on the first request, then cached).
    for n, article in enumerate(articles[-25:]):
        article.cover = make_image_file(f"anh-{n}.jpg", color=(n * 9 % 255, 80, 120))
        article.save()
    return articles


PAGE_QUERY_LIMIT = 12


@pytest.mark.parametrize(
    "url",
    [
        "/tin-tuc/",
        "/tin-tuc/?trang=7",
        "/tin-tuc/danh-muc/tin-hoat-dong/",
        "/tin-tuc/the/bau-cu/",
        "/tin-tuc/rss/",
        "/tin-tuc/danh-muc/tin-hoat-dong/rss/",
    ],
)
def test_list_pages_run_a_fixed_number_of_queries(client, many_articles, url, django_assert_max_num_queries):
    assert client.get(url).status_code == 200  # renditions generated and remembered
    with django_assert_max_num_queries(PAGE_QUERY_LIMIT):
        # Another URL, so that it is not served from the anonymous page cache.
        response = client.get(url + ("&" if "?" in url else "?") + "v=2")
    assert response.status_code == 200


def test_home_page_runs_a_fixed_number_of_queries(client, many_articles, django_assert_max_num_queries):
    from frontcms.publishing import next_publication
    from news import home
    from news.models import Article

    next_publication(Article)  # kept once, shared by every list of articles
    with django_assert_max_num_queries(3):  # the news blocks themselves: featured, categories, articles
        home.featured_context(None)
        home.categories_context(None)
    assert client.get("/").status_code == 200
    # The whole page, blocks of the other apps included.
    with django_assert_max_num_queries(2 * PAGE_QUERY_LIMIT):
        assert client.get("/?v=2").status_code == 200


def test_article_page_runs_a_fixed_number_of_queries(client, many_articles, django_assert_max_num_queries):
    article = many_articles[-1]
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(PAGE_QUERY_LIMIT):
        assert client.get(url, {"v": "2"}).status_code == 200


def test_cold_list_page_queries_are_bounded_by_page_size_not_data(
    client, many_articles, django_assert_max_num_queries
):
    # Even before any rendition exists, the cost depends on the 20 cards, never on the 400 rows.
    with django_assert_max_num_queries(PAGE_QUERY_LIMIT + 20 * 2 * 12):
        assert client.get("/tin-tuc/").status_code == 200


# --- an article page's kept parts (news.views.ArticleDetailMixin.shared_parts) ---------------------
def _head(html: str) -> str:
    head = html[html.index("<head>") : html.index("</head>")]
    return " ".join(head.split())


def _trail(html: str) -> str:
    return " ".join(
        html[
            html.index('<nav class="breadcrumbs"') : html.index(
                "</nav>", html.index('<nav class="breadcrumbs"')
            )
        ].split()
    )


def _main(html: str) -> str:
    return " ".join(html[html.index('<main id="noi-dung"') : html.index("</main>")].split())


def test_a_warm_article_page_renders_only_the_page_around_its_kept_parts(client):
    article = ArticleFactory(category=CategoryFactory(name="Hoạt động Mặt trận"))
    client.cookies["sessionid"] = "no-page-cache"  # past the page cache, as a visitor with a session
    first = client.get(article.get_absolute_url())
    assert "news/includes/article_main.html" in [t.name for t in first.templates]
    warm = client.get(article.get_absolute_url())
    # The rating and comment blocks between the kept parts are kept too: only their include runs.
    assert [t.name for t in warm.templates] == [
        "news/article_detail.html",
        "base.html",
        "news/includes/article_engagement.html",
    ]
    assert warm.content == first.content


def test_the_kept_article_page_matches_one_rendered_in_place(client, editor_user):
    category = CategoryFactory(name="Hoạt động Mặt trận")
    article = ArticleFactory(
        title="Tập huấn nghiệp vụ cho Ban công tác Mặt trận", category=category, cover=make_image_file()
    )
    url = article.get_absolute_url()
    kept = client.get(url).content.decode()
    client.force_login(editor_user)  # staff always get the page rendered in place
    in_place = client.get(url)
    assert "news/includes/article_body.html" in [t.name for t in in_place.templates]
    in_place = in_place.content.decode()
    assert _head(kept) == _head(in_place)
    assert _trail(kept) == _trail(in_place)
    assert _main(kept) == _main(in_place)  # the kept parts and blocks put together as in place
    assert 'id="danh-gia"' in _main(kept) and 'id="y-kien"' in _main(kept)
    assert "Hoạt động Mặt trận" in _trail(kept) and 'aria-current="page">Tập huấn nghiệp vụ' in _trail(kept)
    assert '<meta property="og:image"' in _head(kept)


def test_kept_article_links_follow_the_scheme_and_host_of_the_request(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "mttq.example.vn"]
    article = ArticleFactory()
    url = article.get_absolute_url()
    client.cookies["sessionid"] = "no-page-cache"
    assert f'<link rel="canonical" href="http://testserver{url}">' in client.get(url).content.decode()
    assert (
        f'<link rel="canonical" href="https://testserver{url}">'
        in client.get(url, secure=True).content.decode()
    )
    other_host = client.get(url, HTTP_HOST="mttq.example.vn").content.decode()
    assert f'<link rel="canonical" href="http://mttq.example.vn{url}">' in other_host


def test_a_preview_link_to_a_published_article_is_never_served_its_kept_parts(client):
    from news.preview import preview_url

    article = ArticleFactory(title="Tin đã đăng, mở bằng liên kết xem trước")
    client.cookies["sessionid"] = "no-page-cache"
    kept = client.get(article.get_absolute_url())
    assert [t.name for t in client.get(article.get_absolute_url()).templates] == [
        "news/article_detail.html",
        "base.html",
        "news/includes/article_engagement.html",
    ]
    assert 'name="robots"' not in _head(kept.content.decode())
    preview = client.get(preview_url(article))
    html = preview.content.decode()
    assert "news/includes/article_body.html" in [t.name for t in preview.templates]
    assert '<meta name="robots" content="noindex, nofollow">' in _head(html)
    assert 'class="preview-banner"' in html and "bài đã được xuất bản." in html
