"""Document files: what the library accepts, checked by content (magic bytes), not by name.

Accepted: PDF, Word (DOCX), Excel (XLSX), JPEG and PNG images, up to MAX_DOCUMENT_UPLOAD_SIZE.
A file whose bytes do not match its extension (an HTML page renamed `.pdf`, a ZIP renamed `.docx`)
is refused with a form error. Stored files get a safe ASCII name; pictures are stored re-encoded
(events.models.DocumentFile.save), which drops their metadata and comments.
"""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frontcms.files import sniff_kind
from frontcms.text import slugify_vi

# extension → (kind, label shown to readers)
FILE_KINDS = {
    "pdf": ("pdf", "PDF"),
    "docx": ("docx", "Word"),
    "xlsx": ("xlsx", "Excel"),
    "jpg": ("jpg", "JPEG"),
    "jpeg": ("jpg", "JPEG"),
    "png": ("png", "PNG"),
}
KIND_LABELS = dict(FILE_KINDS.values())  # kind → label, derived so the two never disagree


def extension_kind(name: str) -> str | None:
    ext = os.path.splitext(name or "")[1].lower().lstrip(".")
    entry = FILE_KINDS.get(ext)
    return entry[0] if entry else None


def check_document_file(upload) -> str:
    """Validate an uploaded document file; return its kind. Raises ValidationError."""
    size = getattr(upload, "size", None)
    limit = settings.MAX_DOCUMENT_UPLOAD_SIZE
    if size is not None and size > limit:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s MB). Dung lượng tối đa là %(max)s MB."),
            code="too_large",
            params={"size": round(size / 1024 / 1024, 1), "max": round(limit / 1024 / 1024, 1)},
        )
    if size == 0:
        raise ValidationError(_("Tệp rỗng."), code="empty")
    by_name = extension_kind(getattr(upload, "name", ""))
    if by_name is None:
        raise ValidationError(
            _("Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx) hoặc ảnh JPEG, PNG."), code="extension"
        )
    fileobj = getattr(upload, "file", upload)
    by_content = sniff_kind(fileobj)
    if by_content != by_name:
        raise ValidationError(
            _("Nội dung tệp không khớp với phần mở rộng .%(ext)s; tệp có thể bị hỏng hoặc giả mạo."),
            code="content",
            params={"ext": os.path.splitext(upload.name)[1].lower().lstrip(".")},
        )
    if by_content in ("jpg", "png"):
        from frontcms.images import validate_image_file

        validate_image_file(upload)
    return by_content


def validate_document_file(fieldfile) -> None:
    """Field validator; files already stored (unchanged field) were checked when uploaded."""
    if getattr(fieldfile, "_committed", False) and not hasattr(fieldfile, "content_type"):
        return
    check_document_file(fieldfile)


def document_upload_to(instance, filename: str) -> str:
    stem, _ext = os.path.splitext(os.path.basename(filename))
    kind = extension_kind(filename) or "bin"
    safe = slugify_vi(stem, "van-ban")[:60].strip("-") or "van-ban"
    return f"van-ban/{timezone.now():%Y}/{safe}-{uuid.uuid4().hex[:8]}.{kind}"
