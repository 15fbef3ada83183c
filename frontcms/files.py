"""What an uploaded file really is, from its bytes (magic numbers), never from its name.

Shared by the document library (events.files) and citizens' feedback attachments
(frontcms.engagement.forms): each decides which kinds it accepts, this module only tells them apart.
"""

from __future__ import annotations

import zipfile

# An Office Open XML package is a ZIP holding [Content_Types].xml and this main part.
OOXML_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def _head(fileobj, length: int = 16) -> bytes:
    fileobj.seek(0)
    data = fileobj.read(length)
    fileobj.seek(0)
    return data or b""


def sniff_kind(fileobj) -> str | None:
    """The kind the file's bytes show: "pdf", "docx", "xlsx", "jpg", "png", or None."""
    head = _head(fileobj, 16)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04"):
        try:
            fileobj.seek(0)
            with zipfile.ZipFile(fileobj) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            fileobj.seek(0)
        for kind, part in OOXML_MAIN_PART.items():
            if part in names and "[Content_Types].xml" in names:
                return kind
    return None
