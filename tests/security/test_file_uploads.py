"""Non-image uploads (document library files, feedback attachments): files that lie about their
type are refused with a form error and leave nothing on disk; every FileField is checked."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from PIL import Image

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="PNG")
    return buffer.getvalue()


HOSTILE_DOCUMENTS = {
    "html-renamed-pdf": ("bao-cao.pdf", HTML),
    "html": ("bao-cao.html", HTML),
    "svg": ("so-do.svg", SVG),
    "svg-renamed-png": ("so-do.png", SVG),
    "exe-renamed-pdf": ("ke-hoach.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
    "zip-renamed-docx": ("bien-ban.docx", _zip(["payload.js"])),
    "png-renamed-pdf": ("nghi-quyet.pdf", _png()),
    "javascript": ("x.js", b"alert(1)"),
    "traversal-html": ("../../../x.html", HTML),
    "double-extension": ("bao-cao.pdf.html", HTML),
    "empty-pdf": ("rong.pdf", b""),
}


def _files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def _plain_file_fields():
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField) and not isinstance(field, models.ImageField)
    ]


# Fields whose only way in is a form that validates the file itself (see the test below).
FORM_VALIDATED = {"engagement.Feedback.attachment"}


def test_every_file_field_validates_its_content():
    unchecked = [
        f"{model._meta.label}.{field.name}"
        for model, field in _plain_file_fields()
        if not field.validators and f"{model._meta.label}.{field.name}" not in FORM_VALIDATED
    ]
    assert not unchecked, f"FileFields that accept any file: {unchecked}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model,field",
    [(m, f) for m, f in _plain_file_fields() if f.validators],
    ids=[f"{m._meta.label}.{f.name}" for m, f in _plain_file_fields() if f.validators],
)
def test_model_forms_refuse_documents_that_lie(model, field, media_root, tmp_path):
    before = _files_under(tmp_path)
    form_class = forms.modelform_factory(model, fields=[field.name])
    accepted = []
    for kind, (name, data) in HOSTILE_DOCUMENTS.items():
        form = form_class(data={}, files={field.name: SimpleUploadedFile(name, data)})
        form.is_valid()
        if not form.errors.get(field.name):
            accepted.append(kind)
    assert not accepted, accepted
    assert _files_under(tmp_path) == before


@pytest.mark.django_db
@pytest.mark.skipif(not apps.is_installed("frontcms.engagement"), reason="engagement not installed")
@pytest.mark.parametrize("kind", sorted(HOSTILE_DOCUMENTS))
def test_feedback_form_refuses_attachments_that_lie(client, media_root, tmp_path, kind):
    from frontcms.engagement.models import Feedback

    name, data = HOSTILE_DOCUMENTS[kind]
    before = _files_under(tmp_path)
    response = client.post(
        "/gop-y/",
        {
            "name": "Nguyễn Văn An",
            "contact": "0912345678",
            "subject": "Đề nghị sửa đèn",
            "message": "Đèn ngõ 12 hỏng đã lâu.",
            "captcha_0": "x",
            "captcha_1": "PASSED",
            "attachment": SimpleUploadedFile(name, data),
        },
    )
    if kind == "empty-pdf" and response.status_code == 302:
        return  # an empty upload is "no attachment" to Django, and nothing is stored
    assert response.status_code == 200, response.status_code
    assert response.context["form"].errors.get("attachment"), response.context["form"].errors
    assert not Feedback.objects.exists()
    assert _files_under(tmp_path) == before


@pytest.mark.django_db
@pytest.mark.skipif(not apps.is_installed("frontcms.engagement"), reason="engagement not installed")
def test_feedback_form_accepts_a_real_pdf_as_control(client, media_root):
    from frontcms.engagement.models import Feedback

    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    response = client.post(
        "/gop-y/",
        {
            "name": "Nguyễn Văn An",
            "contact": "0912345678",
            "subject": "Đề nghị sửa đèn",
            "message": "Đèn ngõ 12 hỏng đã lâu.",
            "captcha_0": "x",
            "captcha_1": "PASSED",
            "attachment": SimpleUploadedFile("../../de-nghi.pdf", pdf),
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    stored = Feedback.objects.get().attachment
    assert Path(stored.path).resolve().is_relative_to(media_root.resolve()) and ".." not in stored.name
