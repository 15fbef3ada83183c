"""PDF files of the demo documents: Vietnamese administrative documents typeset with fpdf2.

The text keeps its diacritics, so the font must cover Vietnamese. The portal bundles Be Vietnam
Pro as one WOFF2 web font per weight (its Latin and Vietnamese subsets merged); fontTools turns it
into a plain TrueType font, which fpdf2 embeds (only the glyphs used).
The layout follows the usual form of a Vietnamese administrative document (Decree 30/2020/NĐ-CP):
the issuer and number on the left, the national motto and the place and date on the right, the
document type and its subject centred, the body, the recipients and the signature block.
"""

from __future__ import annotations

import datetime
import functools
import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.staticfiles import finders

FONT_FAMILY = "BeVietnamPro"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

SAMPLE_NOTE = "Văn bản mẫu của cổng thông tin FrontCMS: dữ liệu minh họa, không có giá trị pháp lý."

_font_dir = tempfile.TemporaryDirectory(prefix="frontcms-demo-fonts-")  # removed when the process ends


@functools.cache
def vietnamese_font(weight: int) -> Path:
    """One TrueType file of Be Vietnam Pro at `weight` (400 or 700), made once per process."""
    from fontTools.ttLib import TTFont

    found = finders.find(f"fonts/be-vietnam-pro/be-vietnam-pro-vi-{weight}-normal.woff2")
    if not found:
        raise FileNotFoundError(f"Be Vietnam Pro {weight} is missing from static/fonts/")
    font = TTFont(found)
    font.flavor = None  # plain TrueType, which fpdf2 subsets and embeds
    ttf = Path(_font_dir.name) / f"be-vietnam-pro-{weight}.ttf"
    font.save(ttf)
    return ttf


class Heading(str):
    """A paragraph of the body printed as a heading ("I. MỤC ĐÍCH, YÊU CẦU")."""


@dataclass
class OfficialDocument:
    """What a Vietnamese administrative document says, from its header to its signature."""

    issuer: list[str]  # e.g. ["ỦY BAN MTTQ VIỆT NAM", "QUẬN THANH HÀ"], the body that issues it
    number: str  # "125/KH-MTTQ"
    place: str  # "Thanh Hà"
    issued_on: datetime.date
    kind: str  # "KẾ HOẠCH", "NGHỊ QUYẾT", …
    subject: str  # the trích yếu
    paragraphs: list[str]  # Heading(...) for a heading
    recipients: list[str] = field(default_factory=list)
    signer_role: list[str] = field(default_factory=list)  # ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"]
    signer: str = ""


def render(document: OfficialDocument) -> bytes:
    """The document as an A4 PDF (fonts embedded, text extractable, language set to Vietnamese)."""
    from fpdf import FPDF

    class SamplePDF(FPDF):
        def footer(self):
            # Every page says it is sample data, so a printed copy cannot pass for a real document.
            self.set_y(-12)
            self.set_font(FONT_FAMILY, "", 8)
            self.set_text_color(110, 110, 110)
            self.cell(0, 4, SAMPLE_NOTE, align="C")
            self.set_text_color(0, 0, 0)

    pdf = SamplePDF(format="A4", unit="mm")
    pdf.set_margins(25, 20, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font(FONT_FAMILY, "", vietnamese_font(400))
    pdf.add_font(FONT_FAMILY, "B", vietnamese_font(700))
    pdf.set_lang("vi")
    pdf.set_title(f"{document.number} – {document.subject}")
    pdf.set_author(document.issuer[-1] if document.issuer else "")
    pdf.set_creator("FrontCMS (dữ liệu mẫu)")
    pdf.set_creation_date(
        datetime.datetime.combine(document.issued_on, datetime.time(9), tzinfo=datetime.UTC)
    )
    pdf.add_page()
    left_w, gap = 68, 4
    right_x = pdf.l_margin + left_w + gap
    right_w = pdf.epw - left_w - gap
    top = pdf.get_y()

    # Left: the issuer, a short rule, the number.
    pdf.set_font(FONT_FAMILY, "", 10)
    for i, line in enumerate(document.issuer):
        pdf.set_font(FONT_FAMILY, "B" if i == len(document.issuer) - 1 else "", 10)
        pdf.multi_cell(left_w, 5, line, align="C", new_x="LMARGIN", new_y="NEXT")
    mid = pdf.l_margin + left_w / 2
    pdf.line(mid - 10, pdf.get_y() + 1, mid + 10, pdf.get_y() + 1)
    pdf.set_y(pdf.get_y() + 3)
    pdf.set_font(FONT_FAMILY, "", 10)
    pdf.cell(left_w, 6, f"Số: {document.number}", align="C", new_x="LMARGIN", new_y="NEXT")
    left_bottom = pdf.get_y()

    # Right: the national name and motto, a rule, the place and date.
    pdf.set_xy(right_x, top)
    pdf.set_font(FONT_FAMILY, "B", 10)
    pdf.cell(right_w, 5, NATION, align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "B", 10.5)
    pdf.cell(right_w, 5.5, MOTTO, align="C", new_x="LEFT", new_y="NEXT")
    motto_w = pdf.get_string_width(MOTTO)
    centre = right_x + right_w / 2
    pdf.line(centre - motto_w / 2, pdf.get_y() + 0.5, centre + motto_w / 2, pdf.get_y() + 0.5)
    pdf.set_y(pdf.get_y() + 3)
    pdf.set_x(right_x)
    pdf.set_font(FONT_FAMILY, "", 10)
    day = document.issued_on
    pdf.cell(
        right_w,
        6,
        f"{document.place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_y(max(left_bottom, pdf.get_y()) + 8)

    # The document type and its subject.
    pdf.set_font(FONT_FAMILY, "B", 13)
    pdf.cell(0, 7, document.kind, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "B", 11)
    pdf.multi_cell(0, 6, document.subject, align="C", new_x="LMARGIN", new_y="NEXT")
    rule = pdf.get_y() + 2
    pdf.line(pdf.w / 2 - 15, rule, pdf.w / 2 + 15, rule)
    pdf.set_y(rule + 6)

    # The body: paragraphs justified with a first-line indent, as in printed documents.
    for paragraph in document.paragraphs:
        heading = isinstance(paragraph, Heading)
        pdf.set_font(FONT_FAMILY, "B" if heading else "", 11)
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(
            0, 6, ("" if heading else "      ") + paragraph, align="J", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.ln(1.5)

    # Recipients on the left, the signature block on the right, side by side.
    pdf.ln(4)
    if pdf.get_y() > pdf.h - 70:
        pdf.add_page()
    block_top = pdf.get_y()
    if document.recipients:
        pdf.set_font(FONT_FAMILY, "B", 9.5)
        pdf.cell(left_w, 5, "Nơi nhận:", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT_FAMILY, "", 9)
        for recipient in document.recipients:
            pdf.multi_cell(left_w, 4.5, f"- {recipient};", new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(left_w, 4.5, "- Lưu VT.", new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(right_x, block_top)
    pdf.set_font(FONT_FAMILY, "B", 10.5)
    for line in document.signer_role:
        pdf.cell(right_w, 5.5, line, align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 9)
    pdf.cell(right_w, 5, "(Đã ký)", align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_y(pdf.get_y() + 16)
    pdf.set_x(right_x)
    pdf.set_font(FONT_FAMILY, "B", 11)
    pdf.cell(right_w, 6, document.signer, align="C")

    buffer = io.BytesIO()
    pdf.output(buffer)
    return buffer.getvalue()
