import datetime

import factory
from django.utils import timezone

from events.models import Event, EventKind
from frontcms.publishing import Status

__all__ = ["EventFactory"]


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Hội nghị tập huấn nghiệp vụ công tác Mặt trận {n}")
    kind = EventKind.CONFERENCE
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))
