"""Hostile uploads through every SafeImageField and through CKEditor's upload endpoint: refused
with a clear message, nothing left on disk, nothing written outside MEDIA_ROOT."""

from __future__ import annotations

import io
import json
import struct
import zlib
from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from frontcms.images import reencode_image, validate_image_file
from tests.security.support import factory_for, image_fields

UPLOAD_URL = "/ckeditor/upload/"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def _image_bytes(fmt="PNG", size=(40, 30), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, 0 if mode == "1" else (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def _bomb_png(width=100_000, height=100_000) -> bytes:
    """A PNG whose header claims width×height pixels, with a tiny (valid, compressed) IDAT."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 4096))
        + _png_chunk(b"IEND", b"")
    )


HOSTILE_FILES = {
    "html-renamed-jpg": ("anh.jpg", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "image/jpeg"),
    "svg-renamed-jpg": (
        "anh.jpg",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>',
        "image/jpeg",
    ),
    "svg": ("anh.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>', "image/svg+xml"),
    "html-with-jpeg-magic": ("anh.jpg", b"\xff\xd8\xff\xe0<html><script>alert(1)</script>", "image/jpeg"),
    "truncated-jpeg": ("anh.jpg", _image_bytes("JPEG")[:120], "image/jpeg"),
    "decompression-bomb-header": ("bom.png", _bomb_png(), "image/png"),
    "huge-dimensions": ("lon.png", _image_bytes("PNG", size=(8000, 6000), mode="1"), "image/png"),
    "tiff-not-allowed": ("anh.jpg", _image_bytes("TIFF"), "image/jpeg"),
    "empty": ("rong.jpg", b"", "image/jpeg"),
}
OVERSIZED = ("qua-lon.jpg", _image_bytes("JPEG") + b"\x00" * (10 * 1024 * 1024 + 1), "image/jpeg")
POLYGLOT = ("da-nang.png", _image_bytes("PNG") + b"<html><script>alert(1)</script></html>", "image/png")
TRAVERSAL_NAMES = [
    "../../x.jpg",
    "..\\..\\x.jpg",
    "/etc/x.jpg",
    "....//....//x.jpg",
    "%2e%2e%2fx.jpg",
    "x.php.jpg",
    "x.jpg\x00.html",
    "ảnh đẹp<script>.jpg",
]


def _upload(spec):
    name, data, content_type = spec
    return SimpleUploadedFile(name, data, content_type=content_type)


def _files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _assert_nothing_written(tmp_path: Path, before: set[str]):
    assert _files_under(tmp_path) == before, sorted(_files_under(tmp_path) - before)


# --- frontcms.images ----------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", [*HOSTILE_FILES, "oversized"])
def test_validator_refuses_hostile_file_with_a_message(kind):
    spec = OVERSIZED if kind == "oversized" else HOSTILE_FILES[kind]
    with pytest.raises(ValidationError) as excinfo:
        validate_image_file(_upload(spec))
    message = " ".join(excinfo.value.messages)
    assert message and "ảnh" in message.lower(), message


def test_polyglot_is_reencoded_without_the_trailing_html():
    clean = reencode_image(_upload(POLYGLOT), POLYGLOT[0])
    data = clean.read()
    assert b"<script" not in data and b"<html" not in data
    assert Image.open(io.BytesIO(data)).format == "PNG"


@pytest.mark.parametrize("name", TRAVERSAL_NAMES)
def test_reencoded_name_is_safe(name):
    clean = reencode_image(_upload((name, _image_bytes("JPEG"), "image/jpeg")), name)
    assert "/" not in clean.name and "\\" not in clean.name and ".." not in clean.name
    assert clean.name.endswith(".jpg") and clean.name.isascii()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model,field_name", image_fields(), ids=[f"{m._meta.label}.{f}" for m, f in image_fields()]
)
def test_model_forms_refuse_hostile_images(model, field_name, media_root, tmp_path):
    before = _files_under(tmp_path)
    form_class = forms.modelform_factory(model, fields=[field_name])
    for kind, spec in [*HOSTILE_FILES.items(), ("oversized", OVERSIZED)]:
        form = form_class(data={}, files={field_name: _upload(spec)})
        assert not form.is_valid(), kind
        assert form.errors.get(field_name), (kind, form.errors)
    _assert_nothing_written(tmp_path, before)


def _instance_and_saver(model, field_name):
    """An instance to attach files to, and a function that stores the field like save() does.

    With a factory the object is saved for real (in a savepoint, since a refused save marks the
    transaction for rollback); without one, the field's own pre_save is called, which is where
    SafeImageField re-encodes and writes the file.
    """
    factory_class = factory_for(model)
    if factory_class is not None:
        obj = factory_class.create()

        def save():
            with transaction.atomic():
                obj.save()

        return obj, save
    obj = model()
    field = model._meta.get_field(field_name)
    return obj, lambda: field.pre_save(obj, add=True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model,field_name", image_fields(), ids=[f"{m._meta.label}.{f}" for m, f in image_fields()]
)
def test_saving_a_hostile_image_without_a_form_writes_nothing(model, field_name, media_root, tmp_path):
    obj, save = _instance_and_saver(model, field_name)
    before = _files_under(tmp_path)
    for kind, spec in HOSTILE_FILES.items():
        if kind == "empty":
            continue  # an empty file is "no file" to Django's FieldFile
        setattr(obj, field_name, _upload(spec))
        with pytest.raises(ValidationError):
            save()
    _assert_nothing_written(tmp_path, before)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model,field_name", image_fields(), ids=[f"{m._meta.label}.{f}" for m, f in image_fields()]
)
def test_traversal_names_are_stored_inside_media_root(model, field_name, media_root, tmp_path):
    obj, save = _instance_and_saver(model, field_name)
    for name in TRAVERSAL_NAMES:
        setattr(obj, field_name, _upload((name, _image_bytes("JPEG"), "image/jpeg")))
        save()
        stored = Path(getattr(obj, field_name).path).resolve()
        assert stored.is_relative_to(media_root.resolve()), stored
        assert ".." not in getattr(obj, field_name).name
    outside = {p for p in _files_under(tmp_path) if not p.startswith("media/")}
    assert not outside, outside


# --- CKEditor's upload endpoint ----------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize("kind", [*HOSTILE_FILES, "oversized", "svg-named-svg"])
def test_ckeditor_upload_refuses_hostile_file(admin_client, media_root, tmp_path, kind):
    spec = {"oversized": OVERSIZED, "svg-named-svg": HOSTILE_FILES["svg"]}.get(kind) or HOSTILE_FILES[kind]
    before = _files_under(tmp_path)
    response = admin_client.post(UPLOAD_URL, {"upload": _upload(spec)})
    # Refused in CKEditor's own terms: a 200 whose body says "not uploaded" and why (CKEditor shows
    # the reason only from a 200; frontcms.upload_urls).
    assert response.status_code == 200, (kind, response.status_code, response.content[:200])
    body = json.loads(response.content)
    assert body["uploaded"] == 0 and body["error"]["message"], body
    _assert_nothing_written(tmp_path, before)


@pytest.mark.django_db
def test_ckeditor_upload_without_a_file_is_a_clear_400(admin_client, media_root):
    response = admin_client.post(UPLOAD_URL, {})
    assert response.status_code == 400
    assert json.loads(response.content)["error"]["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", TRAVERSAL_NAMES)
def test_ckeditor_upload_keeps_traversal_names_inside_media(admin_client, media_root, tmp_path, name):
    response = admin_client.post(UPLOAD_URL, {"upload": _upload((name, _image_bytes("JPEG"), "image/jpeg"))})
    assert response.status_code == 200, response.content[:300]
    stored = [tmp_path / p for p in _files_under(tmp_path)]
    assert stored and all(p.resolve().is_relative_to(media_root.resolve()) for p in stored), stored
    assert all(".." not in p.name and p.name.isascii() for p in stored), stored


@pytest.mark.django_db
def test_ckeditor_polyglot_is_stored_reencoded(admin_client, media_root):
    response = admin_client.post(UPLOAD_URL, {"upload": _upload(POLYGLOT)})
    assert response.status_code == 200
    stored = [p for p in media_root.rglob("*") if p.is_file()]
    assert stored
    for path in stored:
        data = path.read_bytes()
        assert b"<script" not in data and b"<html" not in data, path


@pytest.mark.django_db
def test_ckeditor_callback_number_must_be_numeric(admin_client, media_root, tmp_path):
    before = _files_under(tmp_path)
    response = admin_client.post(
        f"{UPLOAD_URL}?CKEditorFuncNum=1);alert(1)//",
        {"upload": _upload(("a.jpg", _image_bytes("JPEG"), "image/jpeg"))},
    )
    assert response.status_code == 400
    _assert_nothing_written(tmp_path, before)
