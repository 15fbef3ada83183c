import datetime

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from frontcms.engagement.models import Choice, Comment, CommentStatus, Feedback, Poll

__all__ = ["CommentFactory", "PollFactory", "ChoiceFactory", "FeedbackFactory"]


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment on `content_object` (pass an article or event)."""

    class Meta:
        model = Comment
        exclude = ["content_object"]

    content_object = None
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.content_object))
    object_id = factory.LazyAttribute(lambda o: o.content_object.pk)
    name = factory.Sequence(lambda n: f"Bạn đọc {n}")
    text = "Bài viết rất thiết thực cho công tác Mặt trận ở khu dân cư."
    status = CommentStatus.APPROVED


class PollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Poll
        skip_postgeneration_save = True

    question = factory.Sequence(lambda n: f"Bạn quan tâm mục gì nhất trên cổng thông tin? ({n})")
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))

    @factory.post_generation
    def choices(self, create, extracted, **kwargs):
        if create:
            for order, text in enumerate(extracted or ["Tin tức", "Sự kiện", "Văn bản"]):
                Choice.objects.create(poll=self, text=text, order=order)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    poll = factory.SubFactory(PollFactory, choices=[])
    text = factory.Sequence(lambda n: f"Phương án {n}")


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    name = "Nguyễn Văn An"
    contact = "0912 345 678"
    subject = "Đề nghị sửa đèn chiếu sáng ngõ 12"
    message = "Đèn chiếu sáng ngõ 12 bị hỏng đã hai tuần, đề nghị Mặt trận phường kiến nghị sửa chữa."
