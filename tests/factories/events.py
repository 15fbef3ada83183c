import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from events.models import (
    AgendaItem,
    ConnectionPoint,
    Document,
    DocumentFile,
    DocumentType,
    Event,
    EventKind,
    EventPerson,
    EventReport,
)
from frontcms.publishing import Status

__all__ = [
    "EventFactory",
    "EventReportFactory",
    "AgendaItemFactory",
    "ConnectionPointFactory",
    "EventPersonFactory",
    "DocumentFactory",
    "DocumentFileFactory",
    "MINIMAL_PDF",
]

# A tiny valid one-page PDF.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Hội nghị tập huấn nghiệp vụ công tác Mặt trận {n}")
    kind = EventKind.CONFERENCE
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))


class EventReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventReport

    # A report tells what happened: its event has taken place (EventReport.publication_refusal).
    event = factory.SubFactory(
        EventFactory, starts_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=3))
    )
    body = "<p>Hội nghị đã thông qua báo cáo công tác Mặt trận 6 tháng đầu năm.</p>"
    delegates_count = 120
    boards_present = 11
    opinions_count = 9
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Nội dung chương trình {n}")
    order = factory.Sequence(lambda n: n)


class ConnectionPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConnectionPoint

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Điểm cầu phường {n}")


class EventPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventPerson

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    position = "Ủy viên Đoàn Chủ tịch"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    number = factory.Sequence(lambda n: f"{n + 100}/KH-MTTQ")
    doc_type = DocumentType.PLAN
    title = factory.Sequence(lambda n: f"Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc {n}")
    issued_on = datetime.date(2024, 5, 9)
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class DocumentFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentFile

    document = factory.SubFactory(DocumentFactory)
    file = factory.LazyFunction(lambda: ContentFile(MINIMAL_PDF, name="ke-hoach.pdf"))
