"""Benchmark data for committees (called by `manage.py generate_load_data`): bulk inserts only.

A district committee with its boards and member organisations, 11 wards (one of them merged
into another in 2025), about ten residential-area boards and an inspection board per ward,
four terms (Khóa III–VI) for every committee, and `--people` people spread over their
memberships. Single-holder positions get one holder per term, so the database rule holds.
Fills `context["organizations"]`, `context["wards"]`, `context["terms"]` (org id → term ids,
oldest first), `context["people"]` for the apps generated after this one.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from frontcms.text import fold, slugify_vi

from .demo import FAMILY, GIVEN, MIDDLE, POSITIONS
from .models import Membership, Organization, OrganizationKind, Person, Position, Term

D = datetime.date
BATCH = 2000
WARDS = [
    "Khương Đình",
    "Thượng Đình",
    "Khương Mai",
    "Khương Trung",
    "Nhân Chính",
    "Hạ Đình",
    "Kim Giang",
    "Thanh Xuân Bắc",
    "Thanh Xuân Nam",
    "Thanh Xuân Trung",
    "Phương Liệt",
]
MEMBER_ORGANIZATIONS = [
    "Hội Liên hiệp Phụ nữ quận",
    "Hội Cựu chiến binh quận",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh quận",
    "Hội Nông dân quận",
    "Liên đoàn Lao động quận",
    "Hội Người cao tuổi quận",
    "Hội Chữ thập đỏ quận",
    "Hội Khuyến học quận",
]
# Terms of every committee: (number, start, end). One term ends the day the next begins.
TERMS = [
    (3, D(2009, 9, 20), D(2014, 9, 25)),
    (4, D(2014, 9, 25), D(2019, 9, 28)),
    (5, D(2019, 9, 28), D(2024, 9, 21)),
    (6, D(2024, 9, 21), D(2029, 9, 30)),
]
BIOS = [
    "Nhiều năm công tác Mặt trận ở cơ sở, phụ trách công tác dân vận và xây dựng khu dân cư văn minh.",
    "Nguyên cán bộ Hội Cựu chiến binh phường, tham gia Ban Thanh tra nhân dân hai nhiệm kỳ.",
    "Phụ trách công tác giám sát, phản biện xã hội và tiếp xúc cử tri.",
    "Trưởng ban công tác Mặt trận khu dân cư, tích cực vận động quỹ Vì người nghèo.",
    "",
]


class Slugs:
    """Unique slugs for bulk-created rows: the folded base, then `-2`, `-3`, … on collision."""

    def __init__(self, model):
        self.taken = set(model._default_manager.values_list("slug", flat=True))
        self.counters: dict[str, int] = {}  # base → last suffix tried, so repeats stay O(1)

    def make(self, text: str, fallback: str = "muc", max_length: int = 190) -> str:
        base = slugify_vi(text, fallback=fallback)[:max_length].strip("-") or fallback
        slug, n = base, self.counters.get(base, 1)
        if n > 1:
            slug = f"{base}-{n}"
        while slug in self.taken:
            n += 1
            slug = f"{base}-{n}"
        self.counters[base] = n
        self.taken.add(slug)
        return slug


def _org(slugs: Slugs, name: str, kind: str, parent=None, **extra) -> Organization:
    short = extra.pop("short_name", "")
    return Organization(
        name=name,
        short_name=short,
        kind=kind,
        parent=parent,
        slug=slugs.make(name),
        search_name=fold(" ".join(filter(None, [name, short]))),
        intro=f"<p>{name} là tổ chức trong hệ thống Mặt trận Tổ quốc Việt Nam quận.</p>",
        functions=(
            "<p>Tập hợp, xây dựng khối đại đoàn kết toàn dân tộc; giám sát và phản biện xã hội; "
            "tham gia xây dựng Đảng, chính quyền.</p>"
        ),
        address=extra.pop("address", ""),
        **extra,
    )


def _person_name(rng) -> str:
    sex = rng.choice("mf")
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}"


def generate(options: dict, rng, context: dict) -> str:
    with transaction.atomic():
        return _generate(options["people"], rng, context)


def _generate(people_count: int, rng, context: dict) -> str:
    positions = {}
    for name, name_en, rank, single, lead in POSITIONS:
        positions[name], _ = Position.objects.get_or_create(
            name=name,
            defaults={"name_en": name_en, "rank": rank, "single_holder": single, "is_leadership": lead},
        )

    slugs = Slugs(Organization)
    district = _org(
        slugs,
        "Ủy ban MTTQ Việt Nam quận Thanh Xuân",
        OrganizationKind.DISTRICT_COMMITTEE,
        short_name="MTTQ quận",
        founded_on=D(1997, 1, 1),
        address="Số 9 Khương Hạ, quận Thanh Xuân",
    )
    district.save()  # parents first: children need its id
    top = [
        _org(slugs, "Ban Thường trực Ủy ban MTTQ Việt Nam quận", OrganizationKind.STANDING_BOARD, district),
        _org(slugs, "Ban Thanh tra nhân dân quận", OrganizationKind.INSPECTION_BOARD, district),
        _org(slugs, "Hội đồng tư vấn về dân chủ – pháp luật", OrganizationKind.ADVISORY_COUNCIL, district),
    ]
    top += [
        _org(slugs, name, OrganizationKind.MEMBER_ORGANIZATION, district, order=20 + i)
        for i, name in enumerate(MEMBER_ORGANIZATIONS)
    ]
    wards = [
        _org(
            slugs,
            f"Ủy ban MTTQ Việt Nam phường {ward}",
            OrganizationKind.WARD_COMMITTEE,
            district,
            short_name=f"MTTQ phường {ward}",
            order=100 + i,
            founded_on=D(1997, 1, 1),
            address=f"Trụ sở Ủy ban nhân dân phường {ward}",
        )
        for i, ward in enumerate(WARDS)
    ]
    # The last ward was merged into the one before it in the 2025 re-organisation.
    wards[-1].dissolved_on = D(2025, 7, 1)
    Organization.objects.bulk_create(top + wards, batch_size=BATCH)
    Organization.succeeded_by.through.objects.create(from_organization=wards[-1], to_organization=wards[-2])

    boards = []
    for ward_name, ward in zip(WARDS, wards, strict=True):
        boards.append(
            _org(slugs, f"Ban Thanh tra nhân dân phường {ward_name}", OrganizationKind.INSPECTION_BOARD, ward)
        )
        for n in range(1, rng.randint(8, 13)):
            boards.append(
                _org(
                    slugs,
                    f"Ban công tác Mặt trận khu dân cư số {n} phường {ward_name}",
                    OrganizationKind.RESIDENTIAL_BOARD,
                    ward,
                    order=n,
                )
            )
    Organization.objects.bulk_create(boards, batch_size=BATCH)

    # Committees elect at congresses: district, wards and the standing board have terms.
    elected = [district, top[0], *wards]
    terms = []
    for org in elected:
        for number, start, end in TERMS:
            if org.dissolved_on and start > org.dissolved_on:
                continue
            where = "quận" if org is district else org.name.rsplit("phường", 1)[-1].strip()
            terms.append(
                Term(
                    organization=org,
                    number=number,
                    start_date=start,
                    end_date=min(end, org.dissolved_on) if org.dissolved_on else end,
                    congress_name=f"Đại hội đại biểu MTTQ Việt Nam {where} lần thứ {number}",
                    congress_date=start,
                )
            )
    Term.objects.bulk_create(terms, batch_size=BATCH)
    terms_by_org: dict[int, list[int]] = {}
    for term in terms:
        terms_by_org.setdefault(term.organization_id, []).append(term.pk)

    person_slugs = Slugs(Person)
    people = []
    for _ in range(people_count):
        name = _person_name(rng)
        people.append(
            Person(
                full_name=name,
                slug=person_slugs.make(name, fallback="nhan-su"),
                search_name=fold(name),
                bio=rng.choice(BIOS),
            )
        )
    Person.objects.bulk_create(people, batch_size=BATCH)

    memberships = _memberships(rng, people, positions, district, wards, boards, top, terms)
    Membership.objects.bulk_create(memberships, batch_size=BATCH)

    organizations = [district, *top, *wards, *boards]
    context["organizations"] = [o.pk for o in organizations]
    context["district"] = district.pk
    context["wards"] = [w.pk for w in wards]
    context["terms"] = terms_by_org
    context["people"] = [p.pk for p in people]
    return (
        f"{len(organizations)} organisations, {len(terms)} terms, {len(people)} people, "
        f"{len(memberships)} memberships"
    )


def _memberships(rng, people, positions, district, wards, boards, top, terms) -> list[Membership]:
    """Leadership and members per term; a person keeps a seat across terms now and then."""
    pool = list(people)
    rng.shuffle(pool)
    cursor = 0

    def next_person():
        nonlocal cursor
        person = pool[cursor % len(pool)]
        cursor += 1
        return person

    rows: list[Membership] = []

    def seat(person, org, term, position, order=0):
        rows.append(
            Membership(
                person=person,
                organization=org,
                term=term,
                position=position,
                start_date=term.start_date if term else D(2020, 1, 1),
                end_date=None,
                exclusive=position.single_holder,
                range_end=term.end_date if term else None,
                order=order,
                entry_kind="elected",
            )
        )

    if not pool:
        return rows
    members_per_term = {district.pk: max(40, len(pool) // 40)}
    for term in terms:
        org = term.organization
        seats = [("Chủ tịch", 1), ("Phó Chủ tịch Thường trực", 1), ("Phó Chủ tịch", 2)]
        seats.append(("Ủy viên Ban Thường trực", 4))
        seats.append(("Ủy viên", members_per_term.get(org.pk, 25)))
        order = 0
        previous = None
        for position_name, count in seats:
            for _ in range(count):
                # Re-elected: a third of seats go to someone from the same organisation's last term.
                person = previous.pop() if previous and rng.random() < 0.33 else next_person()
                seat(person, org, term, positions[position_name], order)
                order += 1
        previous = [row.person for row in rows[-order:]]
    # Boards without terms: a head, deputies and members from the pool (current only).
    for board in [*boards, *top[1:]]:
        head = "Trưởng ban" if board.kind != OrganizationKind.MEMBER_ORGANIZATION else "Chủ tịch"
        seat(next_person(), board, None, positions[head])
        for _ in range(rng.randint(1, 2)):
            seat(next_person(), board, None, positions["Phó Trưởng ban"])
        for i in range(rng.randint(3, 8)):
            seat(next_person(), board, None, positions["Thành viên"], i + 3)
    return rows
