"""Benchmark data for events (called by `manage.py generate_load_data`): bulk inserts only.

`--events` training sessions, conferences, dialogues, congresses and meetings of the district and
its wards over ten years (a few in the coming months), most of them published, with agendas,
speakers and — for most held ones — a published report; plus a document library of one
document per ten events. Fills `context["events"]` (published event ids) for the news app.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from committees.load_data import WARDS, Slugs
from frontcms.publishing import Status

from .models import (
    AgendaItem,
    Document,
    DocumentType,
    Event,
    EventKind,
    EventPerson,
    EventReport,
    EventStatus,
    PersonRole,
)

BATCH = 2000
YEARS = 10
SUBJECTS = {
    EventKind.TRAINING: [
        "Tập huấn nghiệp vụ công tác Mặt trận cho Ban công tác Mặt trận khu dân cư",
        "Tập huấn kỹ năng giám sát, phản biện xã hội",
        "Tập huấn nghiệp vụ cho Ban Thanh tra nhân dân",
        "Tập huấn công tác hòa giải ở cơ sở",
        "Tập huấn chuyển đổi số trong công tác Mặt trận",
    ],
    EventKind.CONFERENCE: [
        "Hội nghị hiệp thương",
        "Hội nghị sơ kết 6 tháng công tác Mặt trận",
        "Hội nghị tổng kết công tác Mặt trận năm",
        "Hội nghị đại biểu nhân dân",
        "Hội nghị phản biện xã hội dự thảo quy hoạch",
        "Hội nghị Ủy ban MTTQ Việt Nam",
    ],
    EventKind.DIALOGUE: [
        "Đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân",
        "Đối thoại về chỉnh trang đô thị",
        "Đối thoại với đoàn viên, hội viên về an sinh xã hội",
    ],
    EventKind.CONGRESS: [
        "Đại hội đại biểu MTTQ Việt Nam",
        "Đại hội điểm Ban công tác Mặt trận khu dân cư",
    ],
    EventKind.MEETING: [
        "Họp Ban Thường trực",
        "Họp giao ban công tác Mặt trận",
        "Họp triển khai Ngày hội Đại đoàn kết toàn dân tộc",
        "Họp Hội đồng tư vấn",
    ],
    EventKind.OTHER: [
        "Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư",
        "Trao quà Tết cho hộ nghèo, hộ cận nghèo",
        "Phát động ủng hộ Quỹ Vì người nghèo",
        "Tiếp xúc cử tri",
    ],
}
KIND_WEIGHTS = [
    (EventKind.TRAINING, 22),
    (EventKind.CONFERENCE, 30),
    (EventKind.DIALOGUE, 10),
    (EventKind.CONGRESS, 3),
    (EventKind.MEETING, 25),
    (EventKind.OTHER, 10),
]
VENUES = [
    "Hội trường Ủy ban nhân dân quận",
    "Nhà văn hóa khu dân cư số {n}",
    "Hội trường Ủy ban nhân dân phường",
    "Phòng họp trực tuyến, 11 điểm cầu phường",
    "Trung tâm Văn hóa – Thể thao quận",
]
SPEAKERS = [
    ("Đ/c Chủ tịch Ủy ban MTTQ Việt Nam quận", PersonRole.CHAIR),
    ("Đ/c Phó Chủ tịch Thường trực", PersonRole.SPEAKER),
    ("Báo cáo viên Ban Tuyên giáo Quận ủy", PersonRole.SPEAKER),
    ("Chủ tịch Ủy ban MTTQ 11 phường", PersonRole.PARTICIPANT),
    ("Đại diện các tổ chức chính trị – xã hội", PersonRole.GUEST),
]
AGENDA = [
    "Khai mạc, giới thiệu đại biểu",
    "Báo cáo kết quả công tác Mặt trận",
    "Thảo luận, đóng góp ý kiến",
    "Giải đáp kiến nghị của nhân dân",
    "Phát biểu chỉ đạo",
    "Bế mạc",
]


def generate(options: dict, rng, context: dict) -> str:
    with transaction.atomic():
        return _generate(options["events"], rng, context)


def _weighted_kind(rng):
    return rng.choices([k for k, _ in KIND_WEIGHTS], weights=[w for _, w in KIND_WEIGHTS])[0]


def _generate(count: int, rng, context: dict) -> str:
    organizations = context.get("organizations") or []
    district = context.get("district")
    wards = context.get("wards") or []
    terms = context.get("terms") or {}
    hosts = [district, *wards] if district else organizations
    term_rows = {}
    if terms:
        from committees.models import Term

        term_rows = {t.pk: t for t in Term.objects.filter(pk__in=[i for ids in terms.values() for i in ids])}
    now = timezone.now()
    start_span = datetime.timedelta(days=365 * YEARS)
    slugs = Slugs(Event)
    sessions: dict[tuple, int] = {}
    events = []
    for _ in range(count):
        kind = _weighted_kind(rng)
        org_id = rng.choice(hosts) if hosts and rng.random() < 0.95 else None
        ward_index = wards.index(org_id) if org_id in wards else None
        place = f"phường {WARDS[ward_index]}" if ward_index is not None else "quận"
        # Three percent lie in the next three months: the "upcoming" lists are never empty.
        if rng.random() < 0.03:
            starts = now + datetime.timedelta(minutes=rng.randint(60, 90 * 24 * 60))
        else:
            starts = (
                now - start_span + datetime.timedelta(seconds=rng.randint(0, int(start_span.total_seconds())))
            )
        starts = starts.replace(minute=rng.choice((0, 30)), second=0, microsecond=0)
        ends = starts + datetime.timedelta(hours=rng.choice((2, 3, 4, 8)))
        term = None
        for term_id in terms.get(org_id, []):
            row = term_rows[term_id]
            if row.start_date <= timezone.localtime(starts).date() and (
                row.end_date is None or timezone.localtime(starts).date() < row.end_date
            ):
                term = row
        session = None
        if term and kind in (EventKind.CONFERENCE, EventKind.MEETING):
            key = (org_id, term.pk, kind)
            session = sessions[key] = sessions.get(key, 0) + 1
        title = f"{rng.choice(SUBJECTS[kind])} {place}"
        if session and kind == EventKind.CONFERENCE:
            title = f"Hội nghị Ủy ban MTTQ Việt Nam {place} lần thứ {session}, {term.label}"
        if kind == EventKind.CONGRESS and term:
            title = f"{term.congress_name or title}, {term.label}"
        upcoming = starts > now
        roll = rng.random()
        event_status = (
            EventStatus.PLANNED
            if upcoming
            else EventStatus.CANCELLED
            if roll < 0.02
            else EventStatus.POSTPONED
            if roll < 0.04
            else EventStatus.HELD
        )
        status = Status.PUBLISHED if rng.random() < 0.92 else rng.choice((Status.DRAFT, Status.PENDING))
        events.append(
            Event(
                kind=kind,
                title=title,
                slug=slugs.make(title, fallback="su-kien"),
                summary=(
                    f"{title}: Ủy ban MTTQ Việt Nam {place} tổ chức với sự tham dự của đại diện "
                    "Ban Thường trực, các tổ chức thành viên và Ban công tác Mặt trận khu dân cư."
                ),
                organization_id=org_id,
                term=term,
                session_number=session,
                starts_at=starts,
                ends_at=ends,
                venue=rng.choice(VENUES).format(n=rng.randint(1, 12)),
                is_online=rng.random() < 0.15,
                event_status=event_status,
                status=status,
                published_at=min(now, starts - datetime.timedelta(days=rng.randint(1, 20))),
                view_count=rng.randint(0, 3000),
                chair="Đ/c Chủ tịch Ủy ban MTTQ Việt Nam " + place,
                attendees="Ban Thường trực; đại diện các tổ chức thành viên; Chủ tịch MTTQ 11 phường",
            )
        )
    Event.objects.bulk_create(events, batch_size=BATCH)

    agenda, people, reports = [], [], []
    for event in events:
        if rng.random() < 0.5:
            for order, item in enumerate(AGENDA[: rng.randint(3, len(AGENDA))]):
                agenda.append(AgendaItem(event=event, title=item, order=order))
            for order, (name, role) in enumerate(rng.sample(SPEAKERS, rng.randint(1, 3))):
                people.append(EventPerson(event=event, name=name, role=role, order=order))
        if event.event_status == EventStatus.HELD and rng.random() < 0.6:
            delegates = rng.randint(30, 400)
            reports.append(
                EventReport(
                    event=event,
                    body=(
                        f"<p>{event.title} đã diễn ra với {delegates} đại biểu tham dự.</p>"
                        "<p>Các ý kiến tập trung vào công tác giám sát, phản biện xã hội, xây dựng khu dân "
                        "cư văn minh và chăm lo cho hộ nghèo, gia đình chính sách.</p>"
                    ),
                    delegates_count=delegates,
                    boards_present=rng.randint(5, 120),
                    opinions_count=rng.randint(3, 40),
                    results="Thống nhất các nội dung đề ra; kiến nghị được tổng hợp gửi cơ quan có thẩm quyền.",
                    status=Status.PUBLISHED,
                    published_at=event.ends_at,
                )
            )
    AgendaItem.objects.bulk_create(agenda, batch_size=BATCH)
    EventPerson.objects.bulk_create(people, batch_size=BATCH)
    EventReport.objects.bulk_create(reports, batch_size=BATCH)

    documents = _documents(rng, max(1, count // 10) if count else 0, hosts, now)
    Document.objects.bulk_create(documents, batch_size=BATCH)
    links = []
    published_events = [e for e in events if e.status == Status.PUBLISHED]
    for document in documents:
        for event in rng.sample(published_events, min(len(published_events), rng.randint(0, 2))):
            links.append(Event.documents.through(event_id=event.pk, document_id=document.pk))
    Event.documents.through.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)

    context["events"] = [e.pk for e in published_events if e.starts_at <= now]
    return (
        f"{len(events)} events, {len(agenda)} agenda items, {len(reports)} reports, "
        f"{len(documents)} documents"
    )


DOC_SUBJECTS = [
    (DocumentType.PLAN, "KH", "Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm {y}"),
    (DocumentType.PLAN, "KH", "Kế hoạch giám sát, phản biện xã hội năm {y}"),
    (DocumentType.GUIDANCE, "HD", "Hướng dẫn tổ chức Đại hội điểm Ban công tác Mặt trận khu dân cư"),
    (DocumentType.NOTICE, "TB", "Thông báo kết luận Hội nghị Ban Thường trực tháng {m}/{y}"),
    (DocumentType.REPORT, "BC", "Báo cáo kết quả công tác Mặt trận 6 tháng đầu năm {y}"),
    (DocumentType.RESOLUTION, "NQ", "Nghị quyết liên tịch về đối thoại với nhân dân năm {y}"),
    (DocumentType.INVITATION, "GM", "Giấy mời dự Hội nghị tập huấn nghiệp vụ tháng {m}/{y}"),
    (DocumentType.OFFICIAL_LETTER, "CV", "Công văn về vận động ủng hộ Quỹ Vì người nghèo năm {y}"),
]


def _documents(rng, count: int, hosts: list, now) -> list[Document]:
    slugs = Slugs(Document)
    rows = []
    for i in range(count):
        doc_type, symbol, template = rng.choice(DOC_SUBJECTS)
        issued = (now - datetime.timedelta(days=rng.randint(0, 365 * YEARS))).date()
        title = template.format(y=issued.year, m=issued.month)
        number = f"{i % 300 + 1}/{symbol}-MTTQ"
        rows.append(
            Document(
                number=number,
                doc_type=doc_type,
                title=title,
                slug=slugs.make(f"{number} {title}", fallback="van-ban"),
                issuer_id=rng.choice(hosts) if hosts else None,
                issued_on=issued,
                signer="TM. Ban Thường trực",
                summary=title + ".",
                status=Status.PUBLISHED,
                published_at=timezone.make_aware(datetime.datetime.combine(issued, datetime.time(8))),
            )
        )
    return rows
