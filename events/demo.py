"""Demo content of the events app: a year of events for the district and several wards, with
agendas, connection points, reports, photos and documents (small PDFs generated here).

Organisations come from the committees demo when it has run (looked up by kind); nothing is
created in committees. Every object is looked up by a fixed slug first, so running twice adds
nothing.
"""

from __future__ import annotations

import datetime
import io
import random

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from committees.models import Organization, OrganizationKind, Term
from frontcms.publishing import Status
from frontcms.text import fold, slugify_vi

from .models import (
    AgendaItem,
    ConnectionPoint,
    Document,
    DocumentFile,
    DocumentType,
    Event,
    EventKind,
    EventPerson,
    EventReport,
    EventStatus,
    GalleryImage,
    PersonRole,
)


def minimal_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF showing `lines` (folded to ASCII: the standard fonts have no Vietnamese)."""
    text_ops = ["BT", "/F1 12 Tf", "50 780 Td", "16 TL"]
    for line in lines:
        safe = fold(line).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        text_ops.append(f"({safe[:90]}) Tj T*")
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("ascii", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def demo_photo(seed: int, name: str) -> ContentFile:
    """A generated 'photo' of a meeting hall: rows of seats before a red stage. No copied artwork."""
    rng = random.Random(seed)
    width, height = 960, 600
    image = Image.new("RGB", (width, height), (236, 228, 214))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width, 230], fill=(179, 20, 28))
    draw.rectangle([0, 230, width, 246], fill=(246, 194, 26))
    draw.ellipse([width // 2 - 60, 40, width // 2 + 60, 160], fill=(246, 194, 26))
    for row in range(6):
        y = 290 + row * 50
        for col in range(14):
            x = 40 + col * 64 + (row % 2) * 20
            shade = rng.randint(30, 90)
            draw.ellipse([x, y, x + 30, y + 30], fill=(shade, shade, shade + 10))
            draw.rectangle([x - 4, y + 30, x + 34, y + 48], fill=(70 + shade, 40, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return ContentFile(buffer.getvalue(), name=f"{name}.jpg")


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _term_for(organization, day):
    if organization is None:
        return None
    for term in Term.objects.filter(organization=organization).order_by("-start_date"):
        if term.contains(day):
            return term
    return None


class Seeder:
    def __init__(self, out):
        self.out = out
        self.created = 0

    def document(self, slug, number, doc_type, title, issuer, issued_on, summary, signer=""):
        slug = slugify_vi(slug)[:200].strip("-")
        document, created = Document.objects.get_or_create(
            slug=slug,
            defaults={
                "number": number,
                "doc_type": doc_type,
                "title": title,
                "issuer": issuer,
                "issued_on": issued_on,
                "summary": summary,
                "signer": signer,
                "status": Status.PUBLISHED,
                "published_at": _at(issued_on, 9),
            },
        )
        if created:
            self.created += 1
            pdf = minimal_pdf([number, title, f"Ngay {issued_on:%d/%m/%Y}", summary[:80]])
            DocumentFile.objects.create(
                document=document, file=ContentFile(pdf, name=f"{slug}.pdf"), title=f"{number} (bản PDF)"
            )
        return document

    def event(self, slug, **fields):
        slug = slugify_vi(slug)[:200].strip("-")
        agenda = fields.pop("agenda", [])
        points = fields.pop("points", [])
        people = fields.pop("people", [])
        documents = fields.pop("documents", [])
        report = fields.pop("report", None)
        photos = fields.pop("photos", 0)
        fields.setdefault("status", Status.PUBLISHED)
        fields.setdefault("published_at", fields["starts_at"] - datetime.timedelta(days=7))
        if (
            fields.get("session_number")
            and Event.objects.filter(
                organization=fields.get("organization"),
                term=fields.get("term"),
                kind=fields["kind"],
                session_number=fields["session_number"],
            )
            .exclude(slug=slug)
            .exists()
        ):
            fields["session_number"] = None
        event, created = Event.objects.get_or_create(slug=slug, defaults=fields)
        if not created:
            return event
        self.created += 1
        for order, (time, title, presenter) in enumerate(agenda):
            AgendaItem.objects.create(
                event=event, starts_at=time, title=title, presenter=presenter, order=order
            )
        for order, (name, address, host) in enumerate(points):
            ConnectionPoint.objects.create(event=event, name=name, address=address, host=host, order=order)
        for order, (role, name, position) in enumerate(people):
            EventPerson.objects.create(event=event, role=role, name=name, position=position, order=order)
        event.documents.add(*documents)
        for i in range(photos):
            GalleryImage.objects.create(
                event=event,
                image=demo_photo(event.pk * 10 + i, f"{slug[:40]}-{i + 1}"),
                caption=f"Quang cảnh {event.get_kind_display().lower()} ({i + 1})",
                order=i,
            )
        if report:
            EventReport.objects.create(event=event, **report)
        return event


def seed(out) -> None:
    s = Seeder(out)
    today = timezone.localdate()
    district = (
        Organization.objects.filter(kind=OrganizationKind.DISTRICT_COMMITTEE).order_by("order", "pk").first()
    )
    standing = (
        Organization.objects.filter(kind=OrganizationKind.STANDING_BOARD).order_by("order", "pk").first()
    )
    wards = list(
        Organization.objects.current()
        .filter(kind=OrganizationKind.WARD_COMMITTEE)
        .order_by("order", "pk")[:6]
    )
    if district is None or len(wards) < 2:
        out.write("  Events: skipped (run the committees demo first: no district or wards found)")
        return
    ward, ward2 = wards[0], wards[1]
    district_name = district.name
    district_hall = "Hội trường tầng 3, trụ sở Quận ủy, số 9 phố Khương Hạ"

    # --- documents -------------------------------------------------------------------------------
    year = today.year
    plan = s.document(
        "ke-hoach-tap-huan-nghiep-vu-cong-tac-mat-tran",
        "125/KH-MTTQ",
        DocumentType.PLAN,
        f"Kế hoạch tập huấn nghiệp vụ công tác Mặt trận năm {year}",
        district,
        today - datetime.timedelta(days=250),
        "Kế hoạch tổ chức lớp tập huấn nghiệp vụ cho Ủy viên Ủy ban MTTQ Việt Nam quận, Ban Thường trực "
        "Ủy ban MTTQ các phường, Trưởng ban công tác Mặt trận khu dân cư và Ban Thanh tra nhân dân.",
        "Nguyễn Thị Hạnh",
    )
    guidance = s.document(
        "huong-dan-to-chuc-hoi-nghi-doi-thoai",
        "08/HD-MTTQ",
        DocumentType.GUIDANCE,
        "Hướng dẫn tổ chức hội nghị đối thoại giữa Ban Thường trực Ủy ban MTTQ phường với các Ban công tác Mặt trận",
        district,
        today - datetime.timedelta(days=200),
        "Hướng dẫn nội dung, thành phần, trình tự tổ chức hội nghị đối thoại và việc tổng hợp, trả lời kiến nghị.",
    )
    report_doc = s.document(
        "bao-cao-cong-tac-mat-tran-6-thang-dau-nam-2023",
        "47/BC-MTTQ",
        DocumentType.REPORT,
        "Báo cáo công tác Mặt trận 6 tháng đầu năm, phương hướng nhiệm vụ 6 tháng cuối năm 2023",
        district,
        datetime.date(2023, 7, 14),
        "Đánh giá kết quả công tác Mặt trận 6 tháng đầu năm 2023 và đề ra phương hướng nhiệm vụ trọng tâm.",
    )
    resolution = s.document(
        "nghi-quyet-hoi-nghi-lan-thu-10-khoa-v",
        "12/NQ-MTTQ",
        DocumentType.RESOLUTION,
        "Nghị quyết Hội nghị lần thứ 10 Ủy ban MTTQ Việt Nam quận khóa V, nhiệm kỳ 2019-2024",
        district,
        datetime.date(2023, 7, 21),
        "Nghị quyết thông qua báo cáo 6 tháng đầu năm và hiệp thương cử bổ sung Ủy viên Ủy ban.",
    )
    s.document(
        "thong-bao-lich-tiep-dan-quy",
        "31/TB-MTTQ",
        DocumentType.NOTICE,
        "Thông báo lịch tiếp công dân của Ban Thường trực Ủy ban MTTQ Việt Nam quận",
        district,
        today - datetime.timedelta(days=20),
        "Ban Thường trực tiếp công dân vào sáng thứ Năm hằng tuần tại trụ sở Ủy ban MTTQ Việt Nam quận.",
    )
    ward_plan = s.document(
        "ke-hoach-ngay-hoi-dai-doan-ket-phuong",
        "19/KH-MTTQ",
        DocumentType.PLAN,
        "Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư",
        ward,
        today - datetime.timedelta(days=40),
        "Kế hoạch tổ chức Ngày hội tại các khu dân cư nhân kỷ niệm Ngày truyền thống Mặt trận Tổ quốc Việt Nam 18/11.",
    )

    # --- events ----------------------------------------------------------------------------------
    training_day = today - datetime.timedelta(days=240)
    s.event(
        "tap-huan-nghiep-vu-cong-tac-mat-tran",
        kind=EventKind.TRAINING,
        title=f"Tập huấn nghiệp vụ công tác Mặt trận năm {year}",
        summary="Tập huấn kỹ năng, nghiệp vụ công tác Mặt trận cho Ủy viên Ủy ban MTTQ Việt Nam quận, "
        "Ban Thường trực các phường, Trưởng ban công tác Mặt trận và Ban Thanh tra nhân dân.",
        organization=standing or district,
        starts_at=_at(training_day, 8),
        ends_at=_at(training_day, 11, 30),
        venue="Trung tâm Bồi dưỡng chính trị quận",
        event_status=EventStatus.HELD,
        chair="Đ/c Chủ tịch Ủy ban MTTQ Việt Nam quận",
        attendees="Ủy viên Ủy ban MTTQ quận; Ban Thường trực Ủy ban MTTQ các phường",
        agenda=[
            (datetime.time(8, 0), "Khai mạc, giới thiệu đại biểu", "Ban Thường trực"),
            (
                datetime.time(8, 15),
                "Kỹ năng, nghiệp vụ công tác Mặt trận trong giai đoạn hiện nay",
                "Báo cáo viên",
            ),
            (datetime.time(10, 0), "Trao đổi, thảo luận", ""),
            (datetime.time(11, 15), "Kết luận lớp tập huấn", "Chủ tịch Ủy ban MTTQ quận"),
        ],
        people=[
            (PersonRole.SPEAKER, "Nguyễn Túc", "Ủy viên Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt Nam"),
            (PersonRole.CHAIR, "Nguyễn Thị Hạnh", "Chủ tịch Ủy ban MTTQ Việt Nam quận"),
            (PersonRole.PARTICIPANT, "Ban Thường trực Ủy ban MTTQ 11 phường", ""),
        ],
        documents=[plan],
        photos=2,
        report={
            "body": "<p>Lớp tập huấn đã nghe truyền đạt những nội dung về kỹ năng, nghiệp vụ công tác Mặt trận "
            "để thực hiện tốt nhiệm vụ tập hợp, xây dựng khối đại đoàn kết toàn dân tộc; giám sát và phản biện xã hội.</p>"
            "<p>Các học viên đề nghị tăng cường trao đổi kinh nghiệm giữa các phường.</p>",
            "delegates_count": 160,
            "boards_present": 11,
            "opinions_count": 12,
            "results": "Các phường rà soát, ban hành Quy chế hoạt động của Ủy ban MTTQ phường.",
            "status": Status.PUBLISHED,
            "published_at": _at(training_day, 16),
        },
    )

    term = _term_for(district, datetime.date(2023, 7, 21))
    s.event(
        "hoi-nghi-lan-thu-10-uy-ban-mttq-quan-khoa-v",
        kind=EventKind.CONFERENCE,
        title="Hội nghị lần thứ 10 Ủy ban MTTQ Việt Nam quận khóa V, nhiệm kỳ 2019-2024",
        summary="Thông qua Báo cáo công tác Mặt trận 6 tháng đầu năm 2023, phương hướng nhiệm vụ 6 tháng cuối năm; "
        "hiệp thương cử bổ sung Ủy viên Ủy ban MTTQ Việt Nam quận.",
        organization=district,
        term=term,
        session_number=10,
        starts_at=_at(datetime.date(2023, 7, 21), 8),
        ends_at=_at(datetime.date(2023, 7, 21), 11, 30),
        venue=district_hall,
        event_status=EventStatus.HELD,
        chair="Ban Thường trực Ủy ban MTTQ Việt Nam quận",
        attendees="Ủy viên Ủy ban MTTQ Việt Nam quận khóa V",
        agenda=[
            (
                datetime.time(8, 0),
                "Báo cáo công tác Mặt trận 6 tháng đầu năm 2023",
                "Phó Chủ tịch Ủy ban MTTQ quận",
            ),
            (datetime.time(9, 0), "Hiệp thương cử bổ sung Ủy viên Ủy ban", "Ban Thường trực"),
            (datetime.time(10, 30), "Thảo luận, biểu quyết thông qua Nghị quyết hội nghị", ""),
        ],
        documents=[report_doc, resolution],
        report={
            "body": "<p>Hội nghị thống nhất đánh giá: 6 tháng đầu năm 2023, Ủy ban MTTQ Việt Nam quận đã chủ động "
            "tham mưu, phối hợp triển khai các nhiệm vụ trọng tâm, tổ chức tốt các cuộc vận động và phong trào thi đua.</p>",
            "delegates_count": 85,
            "boards_present": 11,
            "opinions_count": 7,
            "results": "Thông qua Báo cáo 6 tháng đầu năm; hiệp thương cử bổ sung 02 Ủy viên Ủy ban MTTQ Việt Nam quận khóa V.",
            "status": Status.PUBLISHED,
            "published_at": _at(datetime.date(2023, 7, 24), 14, 34),
        },
    )

    online_day = today - datetime.timedelta(days=150)
    s.event(
        "hoi-nghi-truc-tuyen-tap-huan-cong-tac-mat-tran",
        kind=EventKind.TRAINING,
        title="Hội nghị trực tuyến tập huấn công tác Mặt trận",
        summary="Hội nghị trực tuyến từ điểm cầu Ủy ban MTTQ Việt Nam quận tới các phường.",
        organization=district,
        starts_at=_at(online_day, 8),
        ends_at=_at(online_day, 11),
        venue="Điểm cầu chính: " + district_hall,
        is_online=True,
        event_status=EventStatus.HELD,
        chair="Ban Thường trực Ủy ban MTTQ Việt Nam quận",
        attendees="Ban Thường trực Ủy ban MTTQ các phường tại điểm cầu phường",
        points=[("Điểm cầu chính – Ủy ban MTTQ quận", district_hall, "Chủ tịch Ủy ban MTTQ quận")]
        + [
            (f"Điểm cầu {w.short_name or w.name}", f"Hội trường UBND {w.short_name or w.name}", "")
            for w in wards[:5]
        ],
    )

    for i, w in enumerate(wards[:4]):
        day = today - datetime.timedelta(days=120 - i * 25)
        s.event(
            f"hoi-nghi-doi-thoai-{w.slug}-{day.year}",
            kind=EventKind.DIALOGUE,
            title=f"Hội nghị đối thoại giữa Ban Thường trực {w.name} với các Ban công tác Mặt trận",
            summary="Đối thoại về việc triển khai Quy chế tổ chức và hoạt động của Ban công tác Mặt trận ở khu dân cư.",
            organization=w,
            starts_at=_at(day, 14),
            ends_at=_at(day, 16, 30),
            venue=f"Hội trường UBND {w.short_name or w.name}",
            event_status=EventStatus.HELD,
            chair=f"Chủ tịch {w.name}",
            attendees="Trưởng ban công tác Mặt trận các khu dân cư",
            documents=[guidance],
            report=(
                {
                    "body": "<p>Hội nghị đã nghe 14 ý kiến của các Trưởng ban công tác Mặt trận về kinh phí hoạt động, "
                    "công tác nắm tình hình nhân dân và việc tổ chức Ngày hội Đại đoàn kết.</p>",
                    "delegates_count": 45,
                    "boards_present": 18,
                    "opinions_count": 14,
                    "results": "Ban Thường trực tiếp thu, trả lời trực tiếp 10 ý kiến; 4 ý kiến chuyển UBND phường.",
                    "status": Status.PUBLISHED if i % 2 == 0 else Status.PENDING,
                    "published_at": _at(day, 18),
                }
                if i < 3
                else None
            ),
        )

    congress_day = today - datetime.timedelta(days=60)
    s.event(
        f"dai-hoi-dai-bieu-mttq-{ward2.slug}",
        kind=EventKind.CONGRESS,
        title=f"Đại hội đại biểu {ward2.name} lần thứ XIV, nhiệm kỳ 2024-2029",
        summary="Đại hội tổng kết nhiệm kỳ, hiệp thương cử Ủy ban MTTQ phường khóa mới.",
        organization=ward2,
        starts_at=_at(congress_day, 7, 30),
        ends_at=_at(congress_day, 11, 30),
        venue=f"Nhà văn hóa {ward2.short_name or ward2.name}",
        event_status=EventStatus.HELD,
        chair="Đoàn Chủ tịch Đại hội",
        attendees="120 đại biểu chính thức",
    )

    # The current and the next week: the work schedule (Lịch công tác) is never empty in a demo.
    monday = today - datetime.timedelta(days=today.weekday())
    meetings = [
        (
            0,
            8,
            "Họp Ban Thường trực Ủy ban MTTQ Việt Nam quận giao ban tuần",
            district_hall,
            EventKind.MEETING,
        ),
        (
            1,
            14,
            "Giám sát việc thực hiện chính sách đối với người có công tại phường",
            "UBND phường",
            EventKind.OTHER,
        ),
        (3, 8, "Tiếp công dân định kỳ", "Trụ sở Ủy ban MTTQ Việt Nam quận", EventKind.MEETING),
        (
            4,
            14,
            "Hội nghị phản biện xã hội dự thảo quy hoạch chi tiết khu dân cư",
            district_hall,
            EventKind.CONFERENCE,
        ),
        (
            7,
            8,
            "Họp Ban Thường trực Ủy ban MTTQ Việt Nam quận giao ban tuần",
            district_hall,
            EventKind.MEETING,
        ),
        (
            9,
            8,
            "Hội nghị sơ kết Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”",
            district_hall,
            EventKind.CONFERENCE,
        ),
        (10, 8, "Tiếp công dân định kỳ", "Trụ sở Ủy ban MTTQ Việt Nam quận", EventKind.MEETING),
    ]
    for offset, hour, title, venue, kind in meetings:
        day = monday + datetime.timedelta(days=offset)
        s.event(
            f"lich-{day:%Y%m%d}-{fold(title).replace(' ', '-')[:50]}",
            kind=kind,
            title=f"{title} ({day:%d/%m})" if kind == EventKind.MEETING else title,
            organization=district,
            starts_at=_at(day, hour),
            ends_at=_at(day, hour + 2),
            venue=venue,
            chair="Đ/c Chủ tịch Ủy ban MTTQ Việt Nam quận"
            if kind == EventKind.MEETING
            else "Đ/c Phó Chủ tịch",
            attendees="Ban Thường trực; Văn phòng"
            if kind == EventKind.MEETING
            else "Đại diện các tổ chức thành viên",
            published_at=_at(monday - datetime.timedelta(days=3), 9),
            event_status=EventStatus.HELD if day < today else EventStatus.PLANNED,
        )

    festival_day = today + datetime.timedelta(days=30)
    s.event(
        f"ngay-hoi-dai-doan-ket-toan-dan-toc-{ward.slug}",
        kind=EventKind.OTHER,
        title="Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư",
        summary="Ngày hội nhân kỷ niệm Ngày truyền thống Mặt trận Tổ quốc Việt Nam (18/11).",
        organization=ward,
        starts_at=_at(festival_day, 7, 30),
        ends_at=_at(festival_day, 11),
        venue="Sân chơi khu dân cư số 3",
        chair=f"Ban công tác Mặt trận khu dân cư số 3, {ward.short_name or ward.name}",
        attendees="Nhân dân khu dân cư; lãnh đạo quận, phường",
        documents=[ward_plan],
    )
    postponed_day = today + datetime.timedelta(days=12)
    s.event(
        "hoi-nghi-tong-ket-cong-tac-giam-sat",
        kind=EventKind.CONFERENCE,
        title="Hội nghị tổng kết công tác giám sát và phản biện xã hội",
        organization=district,
        starts_at=_at(postponed_day, 8),
        ends_at=_at(postponed_day, 11),
        venue=district_hall,
        event_status=EventStatus.POSTPONED,
        postponed_to=_at(postponed_day + datetime.timedelta(days=14), 8),
        chair="Ban Thường trực Ủy ban MTTQ Việt Nam quận",
    )
    cancelled_day = today + datetime.timedelta(days=45)
    s.event(
        f"giao-luu-van-nghe-{ward2.slug}",
        kind=EventKind.OTHER,
        title="Giao lưu văn nghệ chào mừng Ngày truyền thống Mặt trận",
        organization=ward2,
        starts_at=_at(cancelled_day, 19, 30),
        venue=f"Nhà văn hóa {ward2.short_name or ward2.name}",
        event_status=EventStatus.CANCELLED,
    )
    s.event(
        "hoi-nghi-hiep-thuong-du-kien",
        kind=EventKind.CONFERENCE,
        title="Hội nghị hiệp thương (bản nháp chưa xuất bản)",
        organization=district,
        starts_at=_at(today + datetime.timedelta(days=60), 8),
        status=Status.DRAFT,
    )
    out.write(
        f"  Events: {Event.objects.count()}, documents: {Document.objects.count()} "
        f"({s.created} created now) for {district_name}"
    )
