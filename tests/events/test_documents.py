"""The document library: file checks by content and size, public list, filters and detail."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from events.files import check_document_file
from events.models import DocumentFile, DocumentType
from frontcms.publishing import Status
from tests.factories import MINIMAL_PDF, DocumentFactory, DocumentFileFactory, EventFactory, WardFactory

pytestmark = pytest.mark.django_db


def ooxml(main_part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<x/>")
    return buffer.getvalue()


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 0, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("ke-hoach.pdf", MINIMAL_PDF, "pdf"),
        ("Hướng dẫn.DOCX", ooxml("word/document.xml"), "docx"),
        ("so-lieu.xlsx", ooxml("xl/workbook.xml"), "xlsx"),
        ("anh.png", png(), "png"),
    ],
)
def test_accepted_files(name, content, kind):
    assert check_document_file(SimpleUploadedFile(name, content)) == kind


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("trang.pdf", b"<html><script>alert(1)</script></html>"),
        ("nen.docx", ooxml("other.xml")),
        ("bang.xlsx", ooxml("word/document.xml")),
        ("chuong-trinh.exe", b"MZ\x90\x00"),
        ("anh.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("ke-hoach.doc", b"\xd0\xcf\x11\xe0"),
        ("rong.pdf", b""),
        ("anh.png", MINIMAL_PDF),
        ("khong-duoi", MINIMAL_PDF),
    ],
)
def test_refused_files(name, content):
    with pytest.raises(ValidationError):
        check_document_file(SimpleUploadedFile(name, content))


def test_size_cap_comes_from_settings(settings):
    settings.MAX_DOCUMENT_UPLOAD_SIZE = 100
    with pytest.raises(ValidationError, match="quá lớn"):
        check_document_file(SimpleUploadedFile("lon.pdf", MINIMAL_PDF + b"0" * 200))


def test_model_validation_refuses_fake_pdf_and_records_type_and_size():
    document = DocumentFactory()
    bad = DocumentFile(document=document, file=SimpleUploadedFile("gia.pdf", b"<html></html>"))
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert "file" in error.value.message_dict
    good = DocumentFileFactory(document=document)
    assert good.kind == "pdf" and good.size == len(MINIMAL_PDF)
    assert good.file.name.startswith("van-ban/") and good.file.name.endswith(".pdf")


def test_document_list_filters(client):
    ward = WardFactory()
    DocumentFactory(number="1/KH-MTTQ", doc_type=DocumentType.PLAN, issuer=ward, title="Kế hoạch Ngày hội")
    DocumentFactory(number="2/TB-MTTQ", doc_type=DocumentType.NOTICE, title="Thông báo tiếp dân")
    DocumentFactory(
        number="3/BC-MTTQ",
        doc_type=DocumentType.REPORT,
        issued_on=datetime.date(2023, 7, 14),
        title="Báo cáo",
    )
    DocumentFactory(number="4/NQ-MTTQ", status=Status.DRAFT, title="Nghị quyết nháp")

    def numbers(query=""):
        response = client.get(reverse("events:documents") + query)
        assert response.status_code == 200
        return sorted(d.number for d in response.context["documents"])

    assert numbers() == ["1/KH-MTTQ", "2/TB-MTTQ", "3/BC-MTTQ"]
    assert numbers("?loai=thong-bao") == ["2/TB-MTTQ"]
    assert numbers(f"?co-quan={ward.slug}") == ["1/KH-MTTQ"]
    assert numbers("?nam=2023") == ["3/BC-MTTQ"]
    assert numbers("?q=ngay+hoi") == ["1/KH-MTTQ"]
    assert numbers("?q=2/TB") == ["2/TB-MTTQ"]
    assert numbers("?loai=xyz&nam=abc") == ["1/KH-MTTQ", "2/TB-MTTQ", "3/BC-MTTQ"]
    assert "Không có văn bản nào phù hợp" in client.get("/van-ban/?loai=nghi-quyet").content.decode()


def test_document_page_shows_number_date_files_and_events(client):
    document = DocumentFactory(
        number="125/KH-MTTQ", issued_on=datetime.date(2024, 5, 9), summary="Tóm tắt kế hoạch"
    )
    DocumentFileFactory(document=document, title="Toàn văn kế hoạch")
    event = EventFactory(title="Tập huấn có tài liệu")
    event.documents.add(document)
    hidden = EventFactory(title="Sự kiện nháp", status=Status.DRAFT)
    hidden.documents.add(document)
    html = client.get(document.get_absolute_url()).content.decode()
    for expected in (
        "125/KH-MTTQ",
        "09/05/2024",
        "Tóm tắt kế hoạch",
        "Toàn văn kế hoạch",
        "PDF",
        "Tập huấn có tài liệu",
    ):
        assert expected in html, expected
    assert "Sự kiện nháp" not in html


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PENDING, Status.ARCHIVED])
def test_unpublished_document_is_404_for_the_public(client, status):
    document = DocumentFactory(status=status)
    assert client.get(document.get_absolute_url()).status_code == 404
