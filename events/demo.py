"""Demo content of the events app: a year of events for the district and several wards, with
agendas, connection points, reports, illustrations and documents (typeset PDFs).

Organisations come from the committees demo when it has run (looked up by kind); nothing is
created in committees. Every object is looked up by a fixed slug first, so running twice adds
nothing; agendas, reports, pictures and files are added only to events and documents that this
run created. Dates follow the calendar a Front committee keeps: meetings on working days, the
Ngày hội Đại đoàn kết in the first half of November, the ward congress on its term's first day.
"""

from __future__ import annotations

import datetime
import random

from django.core.files.base import ContentFile
from django.utils import timezone

from committees.models import Membership, Organization, OrganizationKind, Term
from frontcms.demo import (
    DemoRun,
    at,
    office_time,
    office_time_before,
    workday_on_or_after,
    workday_on_or_before,
)
from frontcms.demo_images import caption, illustration
from frontcms.demo_pdf import Heading, OfficialDocument, render
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

DISTRICT_ISSUER = ["ỦY BAN MTTQ VIỆT NAM", "QUẬN THANH HÀ", "BAN THƯỜNG TRỰC"]
DISTRICT_HALL = "Hội trường tầng 3, trụ sở Quận ủy, số 9 phố Khương Hạ"
CHAIR_SIGNS = ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"]
DEPUTY_SIGNS = ["TM. BAN THƯỜNG TRỰC", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH THƯỜNG TRỰC"]


def holder(organization, position: str, on: datetime.date, fallback: str) -> str:
    """Who held `position` in `organization` on day `on` (the demo's own people), else `fallback`."""
    membership = (
        Membership.objects.active_on(on)
        .filter(organization=organization, position__name=position)
        .select_related("person")
        .first()
    )
    return membership.person.full_name if membership else fallback


def _term_for(organization, day):
    if organization is None:
        return None
    return Term.objects.filter(organization=organization).containing(day).order_by("-start_date").first()


def _day(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


class Seeder:
    def __init__(self, out, run: DemoRun):
        self.out = out
        self.run = run
        self.rng = random.Random(2024)
        self.created = 0

    def document(self, slug, doc_type, title, issuer, summary, pdf: OfficialDocument):
        """A document of the library, its number, date and signer taken from its PDF."""
        slug = slugify_vi(slug)[:200].strip("-")
        document, created = Document.objects.get_or_create(
            slug=slug,
            defaults={
                "number": pdf.number,
                "doc_type": doc_type,
                "title": title,
                "issuer": issuer,
                "issued_on": pdf.issued_on,
                "summary": summary,
                "signer": pdf.signer,
                "status": Status.PUBLISHED,
                "published_at": office_time(pdf.issued_on, self.rng),
            },
        )
        if created:
            self.created += 1
            self.run.add(document)
            DocumentFile.objects.create(
                document=document,
                file=ContentFile(render(pdf), name=f"{slug[:60]}.pdf"),
                title=f"{pdf.number} (bản PDF)",
            )
        return document

    def event(self, slug, **fields):
        slug = slugify_vi(slug)[:200].strip("-")
        agenda = fields.pop("agenda", [])
        points = fields.pop("points", [])
        people = fields.pop("people", [])
        documents = fields.pop("documents", [])
        report = fields.pop("report", None)
        pictures = fields.pop("pictures", [])
        fields.setdefault("status", Status.PUBLISHED)
        # Announced a week ahead, during office hours.
        announced = workday_on_or_before(timezone.localdate(fields["starts_at"]) - datetime.timedelta(days=7))
        fields.setdefault("published_at", office_time_before(announced, self.rng, self.run.now))
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
        self.run.add(event)
        for order, (time, title, presenter) in enumerate(agenda):
            AgendaItem.objects.create(
                event=event, starts_at=time, title=title, presenter=presenter, order=order
            )
        for order, (name, address, host) in enumerate(points):
            ConnectionPoint.objects.create(event=event, name=name, address=address, host=host, order=order)
        for order, (role, name, position) in enumerate(people):
            EventPerson.objects.create(event=event, role=role, name=name, position=position, order=order)
        event.documents.add(*documents)
        for order, subject in enumerate(pictures):
            GalleryImage.objects.create(
                event=event,
                image=ContentFile(
                    illustration(subject, event.pk * 10 + order, size=(1200, 750)),
                    name=f"{slug[:40]}-{order + 1}.jpg",
                ),
                caption=caption(subject),
                order=order,
            )
        if report:
            end = event.ends_at or event.starts_at
            report.setdefault("published_at", office_time(timezone.localdate(end), self.rng, after=end))
            EventReport.objects.create(event=event, **report)
        return event


def seed(out, run: DemoRun | None = None) -> None:
    run = run or DemoRun()
    s = Seeder(out, run)
    today = run.today
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
    chair = holder(district, "Chủ tịch", today, "Nguyễn Thị Hạnh")
    deputy = holder(district, "Phó Chủ tịch Thường trực", today, "Trần Văn Minh")

    documents = seed_documents(s, district, ward, chair, deputy)

    # --- the year's training ------------------------------------------------------------------------
    training_day = workday_on_or_before(today - datetime.timedelta(days=240))
    s.event(
        "tap-huan-nghiep-vu-cong-tac-mat-tran",
        kind=EventKind.TRAINING,
        title=f"Tập huấn nghiệp vụ công tác Mặt trận năm {training_day.year}",
        summary="Tập huấn kỹ năng, nghiệp vụ công tác Mặt trận cho Ủy viên Ủy ban MTTQ Việt Nam quận, "
        "Ban Thường trực các phường, Trưởng ban công tác Mặt trận và Ban Thanh tra nhân dân.",
        organization=standing or district,
        starts_at=at(training_day, 8),
        ends_at=at(training_day, 11, 30),
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
            (PersonRole.SPEAKER, "Báo cáo viên Ủy ban MTTQ Việt Nam thành phố", ""),
            (PersonRole.CHAIR, chair, "Chủ tịch Ủy ban MTTQ Việt Nam quận"),
            (PersonRole.PARTICIPANT, "Ban Thường trực Ủy ban MTTQ 11 phường", ""),
        ],
        documents=[documents["plan"]],
        pictures=["training", "people"],
        report={
            "body": "<p>Lớp tập huấn đã nghe truyền đạt những nội dung về kỹ năng, nghiệp vụ công tác Mặt trận "
            "để thực hiện tốt nhiệm vụ tập hợp, xây dựng khối đại đoàn kết toàn dân tộc; giám sát và phản biện xã hội.</p>"
            "<p>Các học viên đề nghị tăng cường trao đổi kinh nghiệm giữa các phường.</p>",
            "delegates_count": 160,
            "boards_present": 11,
            "opinions_count": 12,
            "results": "Các phường rà soát, ban hành Quy chế hoạt động của Ủy ban MTTQ phường.",
            "status": Status.PUBLISHED,
        },
    )

    # --- the committee's 10th session of term V ----------------------------------------------------
    session_day = datetime.date(2023, 7, 21)
    s.event(
        "hoi-nghi-lan-thu-10-uy-ban-mttq-quan-khoa-v",
        kind=EventKind.CONFERENCE,
        title="Hội nghị lần thứ 10 Ủy ban MTTQ Việt Nam quận khóa V, nhiệm kỳ 2019-2024",
        summary="Thông qua Báo cáo công tác Mặt trận 6 tháng đầu năm 2023, phương hướng nhiệm vụ 6 tháng cuối năm; "
        "hiệp thương cử bổ sung Ủy viên Ủy ban MTTQ Việt Nam quận.",
        organization=district,
        term=_term_for(district, session_day),
        session_number=10,
        starts_at=at(session_day, 8),
        ends_at=at(session_day, 11, 30),
        venue=DISTRICT_HALL,
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
        documents=[documents["report"], documents["resolution"]],
        pictures=["conference"],
        report={
            "body": "<p>Hội nghị thống nhất đánh giá: 6 tháng đầu năm 2023, Ủy ban MTTQ Việt Nam quận đã chủ động "
            "tham mưu, phối hợp triển khai các nhiệm vụ trọng tâm, tổ chức tốt các cuộc vận động và phong trào thi đua.</p>",
            "delegates_count": 85,
            "boards_present": 11,
            "opinions_count": 7,
            "results": "Thông qua Báo cáo 6 tháng đầu năm; hiệp thương cử bổ sung 02 Ủy viên Ủy ban MTTQ Việt Nam quận khóa V.",
            "status": Status.PUBLISHED,
            "published_at": at(datetime.date(2023, 7, 24), 14, 34),
        },
    )

    online_day = workday_on_or_before(today - datetime.timedelta(days=150))
    s.event(
        "hoi-nghi-truc-tuyen-tap-huan-cong-tac-mat-tran",
        kind=EventKind.TRAINING,
        title="Hội nghị trực tuyến tập huấn công tác Mặt trận",
        summary="Hội nghị trực tuyến từ điểm cầu Ủy ban MTTQ Việt Nam quận tới các phường.",
        organization=district,
        starts_at=at(online_day, 8),
        ends_at=at(online_day, 11),
        venue="Điểm cầu chính: " + DISTRICT_HALL,
        is_online=True,
        event_status=EventStatus.HELD,
        chair="Ban Thường trực Ủy ban MTTQ Việt Nam quận",
        attendees="Ban Thường trực Ủy ban MTTQ các phường tại điểm cầu phường",
        points=[("Điểm cầu chính – Ủy ban MTTQ quận", DISTRICT_HALL, "Chủ tịch Ủy ban MTTQ quận")]
        + [
            (f"Điểm cầu {w.short_name or w.name}", f"Hội trường UBND {w.short_name or w.name}", "")
            for w in wards[:5]
        ],
    )

    # --- dialogues in four wards ----------------------------------------------------------------------
    dialogue_opinions = [
        "kinh phí hoạt động của Ban công tác Mặt trận, việc nắm tình hình nhân dân và tổ chức Ngày hội Đại đoàn kết",
        "tình trạng đỗ xe trong ngõ nhỏ, thu gom rác thải và việc cập nhật danh sách hộ cận nghèo",
        "phụ cấp của Trưởng ban công tác Mặt trận, tài liệu tuyên truyền và việc giải quyết đơn thư ở khu dân cư",
        "nhà văn hóa khu dân cư xuống cấp, chiếu sáng ngõ xóm và công tác hòa giải ở cơ sở",
    ]
    for i, w in enumerate(wards[:4]):
        day = workday_on_or_before(today - datetime.timedelta(days=120 - i * 25))
        s.event(
            f"hoi-nghi-doi-thoai-{w.slug}-{day.year}",
            kind=EventKind.DIALOGUE,
            title=f"Hội nghị đối thoại giữa Ban Thường trực {w.name} với các Ban công tác Mặt trận",
            summary="Đối thoại về việc triển khai Quy chế tổ chức và hoạt động của Ban công tác Mặt trận ở khu dân cư.",
            organization=w,
            starts_at=at(day, 14),
            ends_at=at(day, 16, 30),
            venue=f"Hội trường UBND {w.short_name or w.name}",
            event_status=EventStatus.HELD,
            chair=f"Chủ tịch {w.name}",
            attendees="Trưởng ban công tác Mặt trận các khu dân cư",
            documents=[documents["guidance"]],
            pictures=["dialogue"] if i == 0 else [],
            report=(
                {
                    "body": f"<p>Hội nghị đã nghe {14 - i * 2} ý kiến của các Trưởng ban công tác Mặt trận về "
                    f"{dialogue_opinions[i]}.</p>",
                    "delegates_count": 45 - i * 3,
                    "boards_present": 18 - i,
                    "opinions_count": 14 - i * 2,
                    "results": f"Ban Thường trực tiếp thu, trả lời trực tiếp {10 - i * 2} ý kiến; "
                    "4 ý kiến chuyển UBND phường.",
                    "status": Status.PUBLISHED if i % 2 == 0 else Status.PENDING,
                }
                if i < 3
                else None
            ),
        )

    # --- a ward congress, on the first day of the ward's current term -----------------------------
    term2 = Term.objects.filter(organization=ward2).order_by("-start_date").first()
    congress_day = term2.start_date if term2 else datetime.date(2024, 5, 31)
    s.event(
        f"dai-hoi-dai-bieu-mttq-{ward2.slug}",
        kind=EventKind.CONGRESS,
        title=(
            term2.congress_name
            if term2 and term2.congress_name
            else f"Đại hội đại biểu MTTQ Việt Nam {ward2.short_name or ward2.name}"
        )
        + f", nhiệm kỳ {congress_day.year}-{congress_day.year + 5}",
        summary="Đại hội tổng kết nhiệm kỳ, hiệp thương cử Ủy ban MTTQ phường khóa mới.",
        organization=ward2,
        term=term2,
        starts_at=at(congress_day, 7, 30),
        ends_at=at(congress_day, 11, 30),
        venue=f"Nhà văn hóa {ward2.short_name or ward2.name}",
        event_status=EventStatus.HELD,
        chair="Đoàn Chủ tịch Đại hội",
        attendees="120 đại biểu chính thức",
        pictures=["congress", "people"],
    )

    # The current and the next week: the work schedule (Lịch công tác) is never empty in a demo.
    monday = today - datetime.timedelta(days=today.weekday())
    meetings = [
        (
            0,
            8,
            "Họp Ban Thường trực Ủy ban MTTQ Việt Nam quận giao ban tuần",
            DISTRICT_HALL,
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
            DISTRICT_HALL,
            EventKind.CONFERENCE,
        ),
        (
            7,
            8,
            "Họp Ban Thường trực Ủy ban MTTQ Việt Nam quận giao ban tuần",
            DISTRICT_HALL,
            EventKind.MEETING,
        ),
        (
            9,
            8,
            "Hội nghị sơ kết Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”",
            DISTRICT_HALL,
            EventKind.CONFERENCE,
        ),
        (10, 8, "Tiếp công dân định kỳ", "Trụ sở Ủy ban MTTQ Việt Nam quận", EventKind.MEETING),
    ]
    schedule_published = office_time(monday - datetime.timedelta(days=3), s.rng)  # the Friday before
    for offset, hour, title, venue, kind in meetings:
        day = monday + datetime.timedelta(days=offset)
        s.event(
            f"lich-{day:%Y%m%d}-{fold(title).replace(' ', '-')[:50]}",
            kind=kind,
            title=f"{title} ({day:%d/%m})" if kind == EventKind.MEETING else title,
            organization=district,
            starts_at=at(day, hour),
            ends_at=at(day, hour + 2),
            venue=venue,
            chair="Đ/c Chủ tịch Ủy ban MTTQ Việt Nam quận"
            if kind == EventKind.MEETING
            else "Đ/c Phó Chủ tịch",
            attendees="Ban Thường trực; Văn phòng"
            if kind == EventKind.MEETING
            else "Đại diện các tổ chức thành viên",
            published_at=schedule_published,
            event_status=EventStatus.HELD if day < today else EventStatus.PLANNED,
        )

    # --- the Ngày hội Đại đoàn kết: the Sunday before 18 November of the plan's year -----------------
    festival_day = documents["festival_day"]
    held = at(festival_day, 11) < run.now
    s.event(
        f"ngay-hoi-dai-doan-ket-toan-dan-toc-{ward.slug}",
        kind=EventKind.OTHER,
        title=f"Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư số 3 năm {festival_day.year}",
        summary="Ngày hội nhân kỷ niệm Ngày truyền thống Mặt trận Tổ quốc Việt Nam (18/11).",
        organization=ward,
        starts_at=at(festival_day, 7, 30),
        ends_at=at(festival_day, 11),
        venue="Sân chơi khu dân cư số 3",
        event_status=EventStatus.HELD if held else EventStatus.PLANNED,
        chair=f"Ban công tác Mặt trận khu dân cư số 3, {ward.short_name or ward.name}",
        attendees="Nhân dân khu dân cư; lãnh đạo quận, phường",
        documents=[documents["ward_plan"]],
        pictures=["people"] if held else [],
    )
    # The evening before, a cultural exchange that was called off (rain was forecast).
    eve = festival_day - datetime.timedelta(days=1)
    s.event(
        f"giao-luu-van-nghe-{ward2.slug}-{eve.year}",
        kind=EventKind.OTHER,
        title="Giao lưu văn nghệ chào mừng Ngày truyền thống Mặt trận",
        summary="Chương trình tạm dừng do dự báo mưa lớn; Ban tổ chức sẽ thông báo thời gian mới.",
        organization=ward2,
        starts_at=at(eve, 19, 30),
        ends_at=at(eve, 21, 30),
        venue=f"Nhà văn hóa {ward2.short_name or ward2.name}",
        event_status=EventStatus.CANCELLED,
    )
    postponed_day = workday_on_or_after(today + datetime.timedelta(days=12))
    s.event(
        "hoi-nghi-tong-ket-cong-tac-giam-sat",
        kind=EventKind.CONFERENCE,
        title="Hội nghị tổng kết công tác giám sát và phản biện xã hội",
        organization=district,
        starts_at=at(postponed_day, 8),
        ends_at=at(postponed_day, 11),
        venue=DISTRICT_HALL,
        event_status=EventStatus.POSTPONED,
        postponed_to=at(postponed_day + datetime.timedelta(days=14), 8),
        chair="Ban Thường trực Ủy ban MTTQ Việt Nam quận",
    )
    s.event(
        "hoi-nghi-hiep-thuong-du-kien",
        kind=EventKind.CONFERENCE,
        title="Hội nghị hiệp thương (bản nháp chưa xuất bản)",
        organization=district,
        starts_at=at(workday_on_or_after(today + datetime.timedelta(days=60)), 8),
        status=Status.DRAFT,
    )
    out.write(
        f"  Events: {Event.objects.count()}, documents: {Document.objects.count()} "
        f"({s.created} created now) for {district.name}"
    )


def seed_documents(s: Seeder, district, ward, chair: str, deputy: str) -> dict:
    """The document library: six documents with their PDFs; returns them by role, and the day of
    the Ngày hội the ward's plan prepares."""
    today = s.run.today
    training_day = workday_on_or_before(today - datetime.timedelta(days=240))
    plan_day = workday_on_or_before(today - datetime.timedelta(days=250))
    year = training_day.year
    place = "Thanh Hà"
    plan_subject = f"Tập huấn nghiệp vụ công tác Mặt trận năm {year}"
    plan = s.document(
        "ke-hoach-tap-huan-nghiep-vu-cong-tac-mat-tran",
        DocumentType.PLAN,
        f"Kế hoạch tập huấn nghiệp vụ công tác Mặt trận năm {year}",
        district,
        "Kế hoạch tổ chức lớp tập huấn nghiệp vụ cho Ủy viên Ủy ban MTTQ Việt Nam quận, Ban Thường trực "
        "Ủy ban MTTQ các phường, Trưởng ban công tác Mặt trận khu dân cư và Ban Thanh tra nhân dân.",
        pdf=OfficialDocument(
            issuer=DISTRICT_ISSUER,
            number="125/KH-MTTQ",
            place=place,
            issued_on=plan_day,
            kind="KẾ HOẠCH",
            subject=plan_subject,
            paragraphs=[
                Heading("I. MỤC ĐÍCH, YÊU CẦU"),
                "1. Nâng cao nhận thức, kỹ năng, nghiệp vụ cho đội ngũ cán bộ làm công tác Mặt trận ở cơ sở, "
                "nhất là Trưởng ban công tác Mặt trận khu dân cư và Ban Thanh tra nhân dân, đáp ứng yêu cầu "
                "nhiệm vụ trong tình hình mới.",
                "2. Lớp tập huấn bảo đảm thiết thực, hiệu quả, tiết kiệm; nội dung sát với thực tiễn công tác "
                "Mặt trận ở phường và khu dân cư.",
                Heading("II. NỘI DUNG, THÀNH PHẦN, THỜI GIAN"),
                "1. Nội dung: những điểm mới của Luật Mặt trận Tổ quốc Việt Nam và các văn bản hướng dẫn thi "
                "hành; kỹ năng tổ chức họp khu dân cư, nắm tình hình nhân dân, tổng hợp ý kiến, kiến nghị của "
                "cử tri; nghiệp vụ giám sát, phản biện xã hội và hoạt động của Ban Thanh tra nhân dân.",
                "2. Thành phần: Ủy viên Ủy ban MTTQ Việt Nam quận; Ban Thường trực Ủy ban MTTQ Việt Nam 11 "
                "phường; Trưởng ban công tác Mặt trận các khu dân cư; Trưởng Ban Thanh tra nhân dân các phường.",
                f"3. Thời gian, địa điểm: từ 8 giờ 00 ngày {_day(training_day)}, tại Trung tâm Bồi dưỡng "
                "chính trị quận.",
                Heading("III. TỔ CHỨC THỰC HIỆN"),
                "1. Văn phòng Ủy ban MTTQ Việt Nam quận chuẩn bị tài liệu, hội trường và các điều kiện bảo đảm "
                "cho lớp tập huấn.",
                "2. Ban Thường trực Ủy ban MTTQ Việt Nam các phường thông báo, cử cán bộ tham dự đầy đủ, đúng "
                "thành phần; báo cáo kết quả về Ban Thường trực Ủy ban MTTQ Việt Nam quận sau lớp tập huấn.",
            ],
            recipients=[
                "Thường trực Quận ủy (để báo cáo)",
                "Ủy ban MTTQ Việt Nam thành phố (để báo cáo)",
                "Ủy ban MTTQ Việt Nam các phường (để thực hiện)",
            ],
            signer_role=CHAIR_SIGNS,
            signer=chair,
        ),
    )
    guidance_day = workday_on_or_before(today - datetime.timedelta(days=200))
    guidance = s.document(
        "huong-dan-to-chuc-hoi-nghi-doi-thoai",
        DocumentType.GUIDANCE,
        "Hướng dẫn tổ chức hội nghị đối thoại giữa Ban Thường trực Ủy ban MTTQ phường với các Ban công tác Mặt trận",
        district,
        "Hướng dẫn nội dung, thành phần, trình tự tổ chức hội nghị đối thoại và việc tổng hợp, trả lời kiến nghị.",
        pdf=OfficialDocument(
            issuer=DISTRICT_ISSUER,
            number="08/HD-MTTQ",
            place=place,
            issued_on=guidance_day,
            kind="HƯỚNG DẪN",
            subject="Tổ chức hội nghị đối thoại giữa Ban Thường trực Ủy ban MTTQ Việt Nam phường "
            "với các Ban công tác Mặt trận khu dân cư",
            paragraphs=[
                Heading("I. MỤC ĐÍCH"),
                "Tạo điều kiện để các Ban công tác Mặt trận khu dân cư phản ánh trực tiếp với Ban Thường trực "
                "Ủy ban MTTQ phường những khó khăn, vướng mắc trong tổ chức thực hiện nhiệm vụ; kịp thời tháo gỡ "
                "và nâng cao chất lượng hoạt động của Mặt trận ở khu dân cư.",
                Heading("II. THÀNH PHẦN"),
                "Chủ trì: Ban Thường trực Ủy ban MTTQ Việt Nam phường. Mời dự: đại diện Thường trực Đảng ủy, "
                "Ủy ban nhân dân phường và Ban Thường trực Ủy ban MTTQ Việt Nam quận. Đại biểu đối thoại: Trưởng "
                "ban, Phó Trưởng ban công tác Mặt trận các khu dân cư.",
                Heading("III. TRÌNH TỰ HỘI NGHỊ"),
                "1. Tuyên bố lý do, giới thiệu đại biểu.",
                "2. Ban Thường trực Ủy ban MTTQ phường báo cáo tóm tắt kết quả hoạt động của các Ban công tác "
                "Mặt trận và những vấn đề cần đối thoại.",
                "3. Đại biểu phát biểu ý kiến; Ban Thường trực trả lời trực tiếp các ý kiến thuộc thẩm quyền.",
                "4. Chủ trì hội nghị kết luận.",
                Heading("IV. TỔNG HỢP, THEO DÕI"),
                "Trong 10 ngày làm việc kể từ ngày tổ chức hội nghị, Ban Thường trực Ủy ban MTTQ phường tổng hợp "
                "kết quả, gửi văn bản đến cơ quan có thẩm quyền đối với các ý kiến chưa được trả lời và báo cáo "
                "Ban Thường trực Ủy ban MTTQ Việt Nam quận.",
            ],
            recipients=["Ủy ban MTTQ Việt Nam các phường", "Các Ban công tác Mặt trận khu dân cư"],
            signer_role=DEPUTY_SIGNS,
            signer=deputy,
        ),
    )
    report_day = datetime.date(2023, 7, 14)
    report = s.document(
        "bao-cao-cong-tac-mat-tran-6-thang-dau-nam-2023",
        DocumentType.REPORT,
        "Báo cáo công tác Mặt trận 6 tháng đầu năm, phương hướng nhiệm vụ 6 tháng cuối năm 2023",
        district,
        "Đánh giá kết quả công tác Mặt trận 6 tháng đầu năm 2023 và đề ra phương hướng nhiệm vụ trọng tâm.",
        pdf=OfficialDocument(
            issuer=DISTRICT_ISSUER,
            number="47/BC-MTTQ",
            place=place,
            issued_on=report_day,
            kind="BÁO CÁO",
            subject="Kết quả công tác Mặt trận 6 tháng đầu năm, phương hướng nhiệm vụ 6 tháng cuối năm 2023",
            paragraphs=[
                Heading("I. KẾT QUẢ CÔNG TÁC MẶT TRẬN 6 THÁNG ĐẦU NĂM 2023"),
                "1. Công tác tuyên truyền, vận động: Ủy ban MTTQ Việt Nam quận và các phường đã phối hợp tổ "
                "chức 126 buổi tuyên truyền tại khu dân cư với hơn 9.800 lượt người tham dự; nội dung tập trung "
                "vào chủ trương của Đảng, chính sách, pháp luật của Nhà nước và các cuộc vận động lớn.",
                "2. Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”: 98,6% hộ gia đình "
                "đăng ký thực hiện; các khu dân cư duy trì mô hình tự quản về vệ sinh môi trường và an ninh trật tự.",
                "3. Quỹ “Vì người nghèo”: vận động được 1 tỷ 245 triệu đồng; hỗ trợ xây mới, sửa chữa 6 nhà "
                "Đại đoàn kết và trao 320 suất quà cho hộ nghèo, hộ cận nghèo.",
                "4. Giám sát, phản biện xã hội: tổ chức 4 cuộc giám sát chuyên đề và 2 hội nghị phản biện xã "
                "hội; tổng hợp 57 ý kiến, kiến nghị của cử tri gửi các cơ quan có thẩm quyền.",
                Heading("II. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2023"),
                "1. Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư nhân kỷ niệm 93 năm Ngày truyền "
                "thống Mặt trận Tổ quốc Việt Nam (18/11/1930 - 18/11/2023).",
                "2. Phối hợp tổ chức tiếp xúc cử tri với đại biểu Hội đồng nhân dân các cấp trước kỳ họp cuối năm.",
                "3. Tiếp tục vận động Quỹ “Vì người nghèo”, chăm lo cho hộ nghèo, gia đình chính sách dịp Tết.",
            ],
            recipients=["Ủy ban MTTQ Việt Nam thành phố", "Thường trực Quận ủy", "Ủy viên Ủy ban MTTQ quận"],
            signer_role=CHAIR_SIGNS,
            signer=chair,
        ),
    )
    session_day = datetime.date(2023, 7, 21)
    resolution = s.document(
        "nghi-quyet-hoi-nghi-lan-thu-10-khoa-v",
        DocumentType.RESOLUTION,
        "Nghị quyết Hội nghị lần thứ 10 Ủy ban MTTQ Việt Nam quận khóa V, nhiệm kỳ 2019-2024",
        district,
        "Nghị quyết thông qua báo cáo 6 tháng đầu năm và hiệp thương cử bổ sung Ủy viên Ủy ban.",
        pdf=OfficialDocument(
            issuer=["ỦY BAN MTTQ VIỆT NAM", "QUẬN THANH HÀ"],
            number="12/NQ-MTTQ",
            place=place,
            issued_on=session_day,
            kind="NGHỊ QUYẾT",
            subject="Hội nghị lần thứ 10 Ủy ban MTTQ Việt Nam quận khóa V, nhiệm kỳ 2019-2024",
            paragraphs=[
                "Căn cứ Luật Mặt trận Tổ quốc Việt Nam và Điều lệ Mặt trận Tổ quốc Việt Nam;",
                "Căn cứ kết quả Hội nghị lần thứ 10 Ủy ban MTTQ Việt Nam quận khóa V ngày 21/7/2023,",
                Heading("QUYẾT NGHỊ:"),
                "Điều 1. Thông qua Báo cáo kết quả công tác Mặt trận 6 tháng đầu năm và phương hướng, nhiệm "
                "vụ 6 tháng cuối năm 2023.",
                "Điều 2. Hiệp thương cử bổ sung 02 Ủy viên Ủy ban MTTQ Việt Nam quận khóa V, nhiệm kỳ 2019-2024.",
                "Điều 3. Ban Thường trực, các Ủy viên Ủy ban MTTQ Việt Nam quận và Ủy ban MTTQ Việt Nam các "
                "phường chịu trách nhiệm thi hành Nghị quyết này.",
            ],
            recipients=["Ủy ban MTTQ Việt Nam thành phố", "Thường trực Quận ủy", "Như Điều 3"],
            signer_role=["TM. ỦY BAN MTTQ VIỆT NAM QUẬN", "CHỦ TỊCH"],
            signer=chair,
        ),
    )
    notice_day = workday_on_or_before(today - datetime.timedelta(days=20))
    s.document(
        "thong-bao-lich-tiep-dan-quy",
        DocumentType.NOTICE,
        "Thông báo lịch tiếp công dân của Ban Thường trực Ủy ban MTTQ Việt Nam quận",
        district,
        "Ban Thường trực tiếp công dân vào sáng thứ Năm hằng tuần tại trụ sở Ủy ban MTTQ Việt Nam quận.",
        pdf=OfficialDocument(
            issuer=DISTRICT_ISSUER,
            number="31/TB-MTTQ",
            place=place,
            issued_on=notice_day,
            kind="THÔNG BÁO",
            subject="Lịch tiếp công dân của Ban Thường trực Ủy ban MTTQ Việt Nam quận",
            paragraphs=[
                "Ban Thường trực Ủy ban MTTQ Việt Nam quận thông báo lịch tiếp công dân định kỳ như sau:",
                "1. Thời gian: sáng thứ Năm hằng tuần, từ 8 giờ 00 đến 11 giờ 30 (trừ ngày nghỉ lễ, Tết).",
                "2. Địa điểm: Phòng tiếp công dân, trụ sở Ủy ban MTTQ Việt Nam quận, số 9 phố Khương Hạ.",
                "3. Công dân đến phản ánh, kiến nghị mang theo giấy tờ tùy thân và tài liệu liên quan (nếu có).",
                "4. Ngoài lịch định kỳ, công dân có thể gửi ý kiến qua mục “Góp ý” trên cổng thông tin điện tử "
                "của Ủy ban MTTQ Việt Nam quận hoặc hộp thư gopy@thanhha.example.vn.",
            ],
            recipients=["Ủy ban MTTQ Việt Nam các phường", "Cổng thông tin điện tử (để đăng tải)"],
            signer_role=DEPUTY_SIGNS,
            signer=deputy,
        ),
    )
    # The Ngày hội is held in the first half of November; its plan is issued in late October. Until
    # this year's plan is out, the latest one is last year's.
    plan_year = today.year if today >= datetime.date(today.year, 10, 20) else today.year - 1
    ward_plan_day = workday_on_or_before(datetime.date(plan_year, 10, 20))
    eighteenth = datetime.date(plan_year, 11, 18)
    festival_day = eighteenth - datetime.timedelta(days=(eighteenth.weekday() + 1) % 7)  # a Sunday
    ward_name = ward.short_name or ward.name
    ward_chair = holder(ward, "Chủ tịch", ward_plan_day, "")
    ward_plan = s.document(
        f"ke-hoach-ngay-hoi-dai-doan-ket-{plan_year}",
        DocumentType.PLAN,
        f"Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư năm {plan_year}",
        ward,
        "Kế hoạch tổ chức Ngày hội tại các khu dân cư nhân kỷ niệm Ngày truyền thống Mặt trận Tổ quốc Việt Nam 18/11.",
        pdf=OfficialDocument(
            issuer=["ỦY BAN MTTQ VIỆT NAM QUẬN THANH HÀ", f"ỦY BAN MTTQ VIỆT NAM {ward_name.upper()}"],
            number="19/KH-MTTQ",
            place=ward_name.removeprefix("Phường "),
            issued_on=ward_plan_day,
            kind="KẾ HOẠCH",
            subject=f"Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư năm {plan_year}",
            paragraphs=[
                Heading("I. MỤC ĐÍCH, YÊU CẦU"),
                f"Ngày hội là dịp để nhân dân ôn lại truyền thống vẻ vang của Mặt trận Tổ quốc Việt Nam "
                f"(18/11/1930 - 18/11/{plan_year}), khơi dậy tinh thần đoàn kết, tương thân tương ái trong "
                "cộng đồng dân cư. Tổ chức trang trọng, vui tươi, tiết kiệm, phù hợp với điều kiện từng khu dân cư.",
                Heading("II. THỜI GIAN, HÌNH THỨC"),
                f"Các khu dân cư tổ chức Ngày hội từ ngày 01/11 đến ngày 18/11/{plan_year}, gồm phần lễ ngắn "
                "gọn và phần hội với các hoạt động văn hóa, thể thao, trò chơi dân gian.",
                Heading("III. NỘI DUNG PHẦN LỄ"),
                "Ôn lại truyền thống Mặt trận; báo cáo kết quả thực hiện cuộc vận động “Toàn dân đoàn kết xây "
                "dựng nông thôn mới, đô thị văn minh” ở khu dân cư; biểu dương gia đình văn hóa tiêu biểu; trao "
                "quà cho hộ nghèo, hộ cận nghèo, gia đình có hoàn cảnh khó khăn.",
                Heading("IV. TỔ CHỨC THỰC HIỆN"),
                "Các Ban công tác Mặt trận khu dân cư xây dựng kế hoạch, dự trù kinh phí, phối hợp với chi bộ, "
                "tổ dân phố tổ chức Ngày hội và báo cáo kết quả về Ban Thường trực Ủy ban MTTQ phường trước ngày "
                f"25/11/{plan_year}.",
            ],
            recipients=[
                "Ban Thường trực Ủy ban MTTQ Việt Nam quận",
                "Đảng ủy, UBND phường",
                "Các Ban công tác Mặt trận",
            ],
            signer_role=["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"],
            signer=ward_chair or "Ban Thường trực",
        ),
    )
    return {
        "plan": plan,
        "guidance": guidance,
        "report": report,
        "resolution": resolution,
        "ward_plan": ward_plan,
        "festival_day": festival_day,
    }
