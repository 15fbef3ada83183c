import datetime

import factory
from django.utils import timezone

from frontcms.publishing import Status
from news.models import Article, Category, RelatedArticle

__all__ = ["CategoryFactory", "ArticleFactory", "RelatedArticleFactory", "make_image_file"]


def make_image_file(name: str = "anh.jpg", color=(180, 20, 30), size=(64, 40)):
    """A small real JPEG upload."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Tin hoạt động {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Ủy ban MTTQ phường tổ chức hội nghị đối thoại số {n}")
    summary = "Sáng nay, Ủy ban MTTQ phường đã tổ chức hội nghị với sự tham gia của đông đảo nhân dân."
    body = "<p>Nội dung bài viết về công tác Mặt trận ở khu dân cư.</p>"
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    category = factory.SubFactory(CategoryFactory)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)


class RelatedArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedArticle

    from_article = factory.SubFactory(ArticleFactory)
    to_article = factory.SubFactory(ArticleFactory)
