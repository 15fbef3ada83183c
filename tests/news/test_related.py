"""Related news ("Tin liên quan"): manual picks, same event, shared tags, same unit or category."""

import datetime

import pytest
from django.utils import timezone

from frontcms.publishing import Status
from news.models import Article, RelatedArticle
from tests.factories import ArticleFactory, CategoryFactory, EventFactory, WardFactory

pytestmark = pytest.mark.django_db


def ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


@pytest.fixture
def scene():
    """An article and candidates of every group, with dates that would mix the groups if sorted by date."""
    event = EventFactory()
    ward = WardFactory()
    category = CategoryFactory(name="Hội nghị")
    other_category = CategoryFactory(name="Tập huấn")
    article = ArticleFactory(
        title="Bài gốc", event=event, organization=ward, category=category, tags=["đối thoại", "bầu cử"]
    )
    s = {"article": article}
    s["pick_b"] = ArticleFactory(title="Chọn tay B", category=other_category, published_at=ago(50))
    s["pick_a"] = ArticleFactory(title="Chọn tay A", category=other_category, published_at=ago(1))
    RelatedArticle.objects.create(from_article=article, to_article=s["pick_b"], position=1)
    RelatedArticle.objects.create(from_article=article, to_article=s["pick_a"], position=2)
    s["event_old"] = ArticleFactory(
        title="Cùng sự kiện cũ", event=event, category=other_category, published_at=ago(40)
    )
    s["event_new"] = ArticleFactory(
        title="Cùng sự kiện mới", event=event, category=other_category, published_at=ago(30)
    )
    s["tag_new"] = ArticleFactory(
        title="Cùng thẻ mới", category=other_category, published_at=ago(2), tags=["bầu cử"]
    )
    s["tag_both"] = ArticleFactory(
        title="Cùng hai thẻ", category=other_category, published_at=ago(20), tags=["bầu cử", "đối thoại"]
    )
    s["same_org"] = ArticleFactory(
        title="Cùng phường", organization=ward, category=other_category, published_at=ago(3)
    )
    s["same_cat"] = ArticleFactory(title="Cùng danh mục", category=category, published_at=ago(4))
    ArticleFactory(title="Không liên quan", category=other_category, published_at=ago(0.5))
    return s


def titles(items):
    return [a.title for a in items]


def test_related_order_picks_event_tags_then_unit_or_category(scene):
    related = Article.objects.related_to(scene["article"])
    assert titles(related) == [
        "Chọn tay B",  # manual picks in the editor's order, whatever their dates
        "Chọn tay A",
        "Cùng sự kiện mới",  # same event, most recent first
        "Cùng sự kiện cũ",
        "Cùng thẻ mới",  # sharing tags, most recent first, each once
        "Cùng hai thẻ",
    ]


def test_related_fills_up_with_same_unit_or_category_most_recent_first(scene):
    related = Article.objects.related_to(scene["article"], limit=9)
    assert titles(related)[6:] == ["Cùng phường", "Cùng danh mục"]
    assert "Không liên quan" not in titles(related)


def test_related_never_contains_itself_duplicates_or_unpublished(scene):
    article = scene["article"]
    RelatedArticle.objects.create(
        from_article=article,
        to_article=ArticleFactory(title="Chọn tay nháp", status=Status.DRAFT),
        position=0,
    )
    ArticleFactory(
        title="Cùng sự kiện hẹn giờ",
        event=article.event,
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    ArticleFactory(title="Cùng thẻ lưu trữ", status=Status.ARCHIVED, tags=["bầu cử"])
    ArticleFactory(title="Cùng phường chờ duyệt", status=Status.PENDING, organization=article.organization)
    related = Article.objects.related_to(article, limit=50)
    names = titles(related)
    assert "Bài gốc" not in names
    assert len(names) == len(set(names))
    assert not {"Chọn tay nháp", "Cùng sự kiện hẹn giờ", "Cùng thẻ lưu trữ", "Cùng phường chờ duyệt"} & set(
        names
    )


def test_related_is_capped_at_six_by_default(scene):
    assert len(Article.objects.related_to(scene["article"])) == 6


def test_related_of_lone_article_is_empty():
    article = ArticleFactory(category=None)
    ArticleFactory(category=None)
    assert Article.objects.related_to(article) == []


def test_related_runs_a_bounded_number_of_queries(scene, django_assert_max_num_queries):
    article = Article.objects.with_detail().get(pk=scene["article"].pk)
    for _ in range(30):
        ArticleFactory(event=article.event, tags=["bầu cử"], organization=article.organization)
    with django_assert_max_num_queries(4):
        Article.objects.related_to(article)


def test_related_and_other_news_shown_on_article_page(client, scene):
    html = client.get(scene["article"].get_absolute_url()).content.decode()
    related = html.split("Tin liên quan", 1)[1].split("Các tin tức khác", 1)[0]
    assert related.index("Chọn tay B") < related.index("Chọn tay A") < related.index("Cùng sự kiện mới")
    others = html.split("Các tin tức khác", 1)[1]
    assert "Cùng danh mục" in others  # the latest others of the same category
    assert "Không liên quan" not in others
