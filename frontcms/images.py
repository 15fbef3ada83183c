"""Uploaded images: verified with Pillow, size-capped, re-encoded before they reach the disk.

`SafeImageField` is the image field of every model that takes a picture from a user. Its
validator opens the file with Pillow (so an HTML or SVG file renamed `.jpg` is refused), rejects
files over `MAX_IMAGE_UPLOAD_SIZE` and pictures over `MAX_IMAGE_PIXELS` (decompression bombs);
saving re-encodes the pixels, which drops metadata and anything appended to the file (polyglots).
"""

from __future__ import annotations

import io
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def _open_checked(fileobj, size: int | None = None) -> Image.Image:
    size = size if size is not None else getattr(fileobj, "size", None)
    if size is not None and size > settings.MAX_IMAGE_UPLOAD_SIZE:
        raise ValidationError(
            _("Ảnh quá lớn (%(size)s MB). Dung lượng tối đa là %(max)s MB."),
            code="too_large",
            params={
                "size": round(size / 1024 / 1024, 1),
                "max": settings.MAX_IMAGE_UPLOAD_SIZE // 1024 // 1024,
            },
        )
    try:
        fileobj.seek(0)
        with Image.open(fileobj) as probe:
            fmt = probe.format
            width, height = probe.size
            if fmt not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("Định dạng ảnh không được hỗ trợ. Hãy dùng JPEG, PNG, WebP hoặc GIF."),
                    code="format",
                )
            if width * height > settings.MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("Ảnh có kích thước quá lớn (%(w)s×%(h)s điểm ảnh)."),
                    code="dimensions",
                    params={"w": width, "h": height},
                )
            probe.verify()
        fileobj.seek(0)
        image = Image.open(fileobj)
        image.load()
        return image
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise ValidationError(_("Tệp tải lên không phải là ảnh hợp lệ."), code="invalid_image") from exc
    finally:
        fileobj.seek(0)


def validate_image_file(fieldfile) -> None:
    """Model/form validator: refuses anything that is not a real, reasonably sized image."""
    if getattr(fieldfile, "_committed", False) and not hasattr(fieldfile, "content_type"):
        return  # an image already stored (and so already checked) on an unchanged field
    _open_checked(getattr(fieldfile, "file", fieldfile), size=getattr(fieldfile, "size", None))


def reencode_image(fileobj, name: str) -> InMemoryUploadedFile:
    """Re-encode an uploaded image: orientation applied, metadata dropped, trailing bytes gone."""
    image = _open_checked(fileobj)
    fmt = image.format if image.format in ALLOWED_FORMATS else "JPEG"
    image = ImageOps.exif_transpose(image)
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    save_kwargs = {"JPEG": {"quality": 88, "optimize": True}, "WEBP": {"quality": 85}}.get(fmt, {})
    image.save(buffer, format=fmt, **save_kwargs)
    stem = os.path.splitext(os.path.basename(name))[0][:60] or "anh"
    from .text import slugify_vi

    safe_name = f"{slugify_vi(stem, 'anh')}-{uuid.uuid4().hex[:8]}.{ALLOWED_FORMATS[fmt]}"
    size = buffer.tell()
    buffer.seek(0)
    return InMemoryUploadedFile(buffer, None, safe_name, f"image/{ALLOWED_FORMATS[fmt]}", size, None)


class SafeImageField(models.ImageField):
    """ImageField that validates with Pillow and stores a re-encoded copy under a safe name."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 255)
        super().__init__(*args, **kwargs)
        self.validators.append(validate_image_file)

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            clean = reencode_image(file.file, file.name)
            file.save(clean.name, clean, save=False)
        return file
