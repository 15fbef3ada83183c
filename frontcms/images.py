"""Uploaded images: verified with Pillow, size-capped, re-encoded before they reach the disk.

`SafeImageField` is the image field of every model that takes a picture from a user; document
library pictures and feedback attachments go through the same functions. The validator opens the
file with Pillow (so an HTML or SVG file renamed `.jpg` is refused) and rejects files over
`MAX_IMAGE_UPLOAD_SIZE` and pictures over `MAX_IMAGE_PIXELS` or whose decoded pixels would take
more than `MAX_IMAGE_DECODE_BYTES` (decompression bombs), reading only the header: nothing is
decoded before that check. A JPEG over those limits (a camera's 48-megapixel photo) is decoded at
a half, a quarter or an eighth of its size instead, up to the most pixels Pillow opens at all.
Every refusal for size names the limit of that picture (`largest_picture`): with the default
settings 26 million pixels in colour, 40 in grey or palette, 80 for a JPEG, whether the header
check or Pillow's own refuses it. Saving re-encodes the pixels, no larger than
`MAX_IMAGE_STORED_SIDE` on the long side, which drops metadata (EXIF, XMP, ICC, PNG text), JPEG
and GIF comments and anything appended to the file (polyglots).
"""

from __future__ import annotations

import io
import os
import struct
import uuid
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import (
    GifImagePlugin,
    Image,
    ImageOps,
    JpegImagePlugin,
    PngImagePlugin,
    UnidentifiedImageError,
    WebPImagePlugin,
)

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# What survives re-encoding of the decoder's `info`: transparency is part of the picture. Every other
# entry (comment, exif, xmp, icc_profile, dpi, text chunks, …) is dropped.
KEPT_INFO = ("transparency",)
# A JPEG's decoder scales by these as it reads: a photo too large to decode whole is decoded smaller.
JPEG_SCALES = (2, 4, 8)


def decoded_bytes(mode: str, width: int, height: int) -> int:
    """Memory Pillow takes for the decoded pixels: 1 byte a pixel for bilevel, grey and palette
    images, 2 for 16-bit grey, 4 for everything else (RGB is stored padded to 4)."""
    if mode in ("1", "L", "P"):
        per_pixel = 1
    elif mode.startswith("I;16"):
        per_pixel = 2
    else:
        per_pixel = 4
    return width * height * per_pixel


def opened_at_most() -> int | None:
    """The most pixels Pillow opens at all: above twice its `Image.MAX_IMAGE_PIXELS` (which
    frontcms.apps sets to the setting) `Image.open` raises DecompressionBombError."""
    return None if Image.MAX_IMAGE_PIXELS is None else 2 * Image.MAX_IMAGE_PIXELS


def decodable_pixels(mode: str) -> int:
    """The most pixels a picture in `mode` may have to be decoded whole: `MAX_IMAGE_PIXELS`, and
    no more than `MAX_IMAGE_DECODE_BYTES` of decoded pixels (26 million in colour, 40 in grey)."""
    budget = getattr(settings, "MAX_IMAGE_DECODE_BYTES", 100 * 1024 * 1024)
    return min(settings.MAX_IMAGE_PIXELS, budget // max(1, decoded_bytes(mode, 1, 1)))


def largest_picture(fmt: str, mode: str) -> int:
    """The most pixels an upload of this format and mode may have: what decodes whole, except for
    a JPEG, which is decoded at down to an eighth of its size (JPEG_SCALES) up to what Pillow opens
    at all (80 million: a phone's 48-megapixel photo fits)."""
    limit = decodable_pixels(mode)
    if fmt == "JPEG":
        limit *= JPEG_SCALES[-1] ** 2
    hard = opened_at_most()
    return limit if hard is None else min(limit, hard)


def _refuse_dimensions(limit_pixels: int, size: tuple[int, int] | None = None) -> ValidationError:
    """The refusal of a picture with too many pixels, naming the limit for that picture (and its
    size, when its header could be read)."""
    mp = max(1, limit_pixels // 1_000_000)
    if size is None:
        return ValidationError(
            _("Ảnh có kích thước quá lớn. Hãy thu nhỏ ảnh xuống dưới %(mp)s triệu điểm ảnh rồi tải lên lại."),
            code="dimensions",
            params={"mp": mp},
        )
    return ValidationError(
        _(
            "Ảnh có kích thước quá lớn (%(w)s×%(h)s điểm ảnh). "
            "Hãy thu nhỏ ảnh xuống dưới %(mp)s triệu điểm ảnh rồi tải lên lại."
        ),
        code="dimensions",
        params={"w": size[0], "h": size[1], "mp": mp},
    )


def _refuse_unsupported() -> ValidationError:
    return ValidationError(
        _("Định dạng ảnh không được hỗ trợ. Hãy dùng JPEG, PNG, WebP hoặc GIF."),
        code="format",
    )


# Pillow's readers of the allowed formats: each reads its header alone, without Image.open's check
# of the size.
HEADER_READERS = (
    JpegImagePlugin.JpegImageFile,
    PngImagePlugin.PngImageFile,
    GifImagePlugin.GifImageFile,
    WebPImagePlugin.WebPImageFile,
)


def _refuse_unopened(fileobj) -> ValidationError:
    """The refusal of a picture Pillow would not open for its size (over `opened_at_most`), naming
    the same limit as the header check would: its format's reader tells its size and mode."""
    for reader in HEADER_READERS:
        fileobj.seek(0)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                header = reader(fileobj)
        except Image.DecompressionBombError:
            # A reader that checks the size itself (WebP's: its decoder would take the memory at
            # once) tells no size. WebP pictures decode in colour: the limit of a colour picture.
            return _refuse_dimensions(largest_picture(reader.format, "RGBA"))
        except (SyntaxError, OSError, ValueError, IndexError, TypeError, struct.error):
            continue
        return _refuse_dimensions(largest_picture(header.format, header.mode), header.size)
    return _refuse_unsupported()


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
        with warnings.catch_warnings():
            # Pillow warns of a large size while reading the header; the check below refuses it.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            probe = Image.open(fileobj)
        with probe:
            fmt = probe.format
            width, height = probe.size
            if fmt not in ALLOWED_FORMATS:
                raise _refuse_unsupported()
            # From the header alone, before a single pixel is decoded.
            decodable = decodable_pixels(probe.mode)
            largest = largest_picture(fmt, probe.mode)
            reduced = None
            if width * height > decodable:
                if width * height <= largest:
                    reduced = _jpeg_reduction(fmt, width, height, decodable)
                if reduced is None:
                    raise _refuse_dimensions(largest, (width, height))
            probe.verify()
        fileobj.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(fileobj)
            if reduced is not None:
                # A camera's photo (48 megapixels and more): JPEG decodes straight to a half, a
                # quarter or an eighth of its size, so its full-size pixels never take memory.
                image.draft(image.mode, reduced)
            image.load()
        return image
    except ValidationError:
        raise
    except Image.DecompressionBombError:  # more than twice Pillow's limit, found in the header
        raise _refuse_unopened(fileobj) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(_("Tệp tải lên không phải là ảnh hợp lệ."), code="invalid_image") from exc
    finally:
        fileobj.seek(0)


def _jpeg_reduction(fmt: str, width: int, height: int, limit_pixels: int) -> tuple[int, int] | None:
    """The size a JPEG too large to decode whole is decoded at (its decoder scales by 1/2, 1/4 or
    1/8 as it reads), or None if it is not a JPEG or too large even at an eighth."""
    if fmt != "JPEG":
        return None
    for scale in JPEG_SCALES:
        size = (-(-width // scale), -(-height // scale))
        if size[0] * size[1] <= limit_pixels:
            return size
    return None


def validate_image_file(fieldfile) -> None:
    """Model/form validator: refuses anything that is not a real, reasonably sized image."""
    if getattr(fieldfile, "_committed", False) and not hasattr(fieldfile, "content_type"):
        return  # an image already stored (and so already checked) on an unchanged field
    _open_checked(getattr(fieldfile, "file", fieldfile), size=getattr(fieldfile, "size", None))


def reencode_image(fileobj, name: str) -> InMemoryUploadedFile:
    """Re-encode an uploaded image: orientation applied, metadata and comments dropped, trailing
    bytes gone. Only the first frame of an animation is kept."""
    image = _open_checked(fileobj)
    fmt = image.format if image.format in ALLOWED_FORMATS else "JPEG"
    ImageOps.exif_transpose(image, in_place=True)  # no second copy of the pixels
    # Stored no larger than a wide screen needs: a camera's photo would weigh megabytes on every
    # phone that opens the article.
    side = settings.MAX_IMAGE_STORED_SIDE
    if max(image.size) > side:
        image.thumbnail((side, side), Image.Resampling.LANCZOS)
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    # Encoders write some of `info` back (JPEG and GIF comments, PNG's ICC profile): keep only
    # what belongs to the picture itself.
    image.info = {key: image.info[key] for key in KEPT_INFO if key in image.info}
    buffer = io.BytesIO()
    save_kwargs = {"JPEG": {"quality": 88, "optimize": True}, "WEBP": {"quality": 85}}.get(fmt, {})
    if fmt == "GIF" and "transparency" in image.info:
        save_kwargs["transparency"] = image.info["transparency"]  # the GIF writer reads only this
    image.save(buffer, format=fmt, **save_kwargs)
    stem = os.path.splitext(os.path.basename(name))[0][:60] or "anh"
    from .text import slugify_vi

    safe_name = f"{slugify_vi(stem, 'anh')}-{uuid.uuid4().hex[:8]}.{ALLOWED_FORMATS[fmt]}"
    size = buffer.tell()
    buffer.seek(0)
    return InMemoryUploadedFile(buffer, None, safe_name, f"image/{ALLOWED_FORMATS[fmt]}", size, None)


class SafeImageFormField(forms.ImageField):
    """Django's image form field opens the picture itself and calls anything it cannot open "not
    an image or corrupted", a picture too large for its pixel limit included: the checks above
    run first, so the editor reads what is really wrong."""

    def to_python(self, data):
        if data not in self.empty_values and hasattr(data, "read"):
            _open_checked(data, size=getattr(data, "size", None))
        return super().to_python(data)


class SafeImageField(models.ImageField):
    """ImageField that validates with Pillow and stores a re-encoded copy under a safe name."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 255)
        super().__init__(*args, **kwargs)
        self.validators.append(validate_image_file)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SafeImageFormField, **kwargs})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        store_reencoded(file)
        return file


def store_reencoded(file) -> None:
    """Store a FieldFile that has just been uploaded (not yet saved) as its re-encoded copy."""
    if file and not file._committed:
        clean = reencode_image(file.file, file.name)
        file.save(clean.name, clean, save=False)
