"""news/demo.py: a realistic, idempotent demo set."""

import io

import pytest
from PIL import Image

from news import demo
from news.models import Article, Category

pytestmark = pytest.mark.django_db


def test_seed_creates_forty_articles_with_distinct_covers_and_is_idempotent():
    out = io.StringIO()
    demo.seed(out)
    assert Article.objects.count() >= 40
    assert Article.objects.published().count() >= 40
    assert Category.objects.count() >= 5 and Category.objects.filter(parent__isnull=False).exists()
    assert Article.objects.filter(cover="").count() == 0
    assert Article.objects.filter(tags__isnull=False).distinct().count() == Article.objects.count()
    assert Article.objects.filter(is_featured=True).exists()
    with Image.open(Article.objects.first().cover.path) as image:
        assert image.size == (1200, 675)
    covers = set()
    for article in Article.objects.all():
        with article.cover.open("rb") as cover:
            covers.add(cover.read())
    assert len(covers) == Article.objects.count()
    counts = (Article.objects.count(), Category.objects.count())
    demo.seed(out)
    assert (Article.objects.count(), Category.objects.count()) == counts
