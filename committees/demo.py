"""Demo content of the committees app, called by `manage.py seed_demo`. Idempotent.

The district committee (two terms, with a mid-term replacement of its chair and a mid-term
addition), its Standing Board, advisory councils and member organisations; 11 current wards, each
with its residential-area boards and people's inspection board; one ward dissolved on 01/01/2025
and merged into another; and two ward contributor accounts. All names are invented.
"""

from __future__ import annotations

import datetime
import os
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from frontcms.demo import DEMO_ADMIN_PASSWORD, DemoRun
from frontcms.demo_images import portrait_placeholder
from frontcms.roles import CONTRIBUTORS
from frontcms.text import fold, without_diacritics

from .models import (
    ContactPoint,
    EndReason,
    EntryKind,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    Position,
    StaffAssignment,
    Term,
)

D = datetime.date
POSITIONS = [
    # name, name_en, rank, single holder, leadership
    ("Chủ tịch", "Chairperson", 10, True, True),
    ("Trưởng ban", "Head", 12, True, True),
    ("Phó Chủ tịch Thường trực", "Standing Vice Chairperson", 20, True, True),
    ("Phó Chủ tịch", "Vice Chairperson", 30, False, True),
    ("Phó Trưởng ban", "Deputy Head", 32, False, True),
    ("Ủy viên Ban Thường trực", "Member of the Standing Board", 40, False, True),
    ("Ủy viên", "Member", 50, False, False),
    ("Thành viên", "Member", 60, False, False),
]
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Phan",
    "Đinh",
    "Trịnh",
    "Đào",
    "Lương",
]
MIDDLE = {
    "m": ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Mạnh", "Tiến"],
    "f": ["Thị", "Thu", "Ngọc", "Thúy", "Hồng", "Thanh", "Kim"],
}
GIVEN = {
    "m": [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Đức",
        "Giang",
        "Hải",
        "Hùng",
        "Khánh",
        "Long",
        "Nam",
        "Phong",
        "Quân",
        "Sơn",
        "Tâm",
        "Thắng",
        "Toàn",
        "Trung",
        "Tuấn",
        "Việt",
        "Vinh",
        "Hiếu",
        "Lâm",
        "Khoa",
    ],
    "f": [
        "Anh",
        "Chi",
        "Dung",
        "Hà",
        "Hạnh",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Nga",
        "Ngọc",
        "Phương",
        "Quỳnh",
        "Thảo",
        "Trang",
        "Vân",
        "Yến",
        "Huyền",
        "Loan",
        "Nhung",
    ],
}
WARDS = [
    "Khương Đình",
    "Thượng Đình",
    "Khương Mai",
    "Khương Trung",
    "Nhân Chính",
    "Thanh Xuân Bắc",
    "Thanh Xuân Trung",
    "Hạ Đình",
    "Kim Giang",
    "Phương Liệt",
    "Khương Hạ",
]
# The district committee's terms V (2019-2024) and VI (2024-2029); the wards' term XVIII.
V_START, V_END, VI_START, VI_END = D(2019, 6, 20), D(2024, 6, 20), D(2024, 6, 20), D(2029, 6, 20)
WARD_TERM_START, WARD_TERM_END = D(2024, 5, 31), D(2029, 5, 31)
DISSOLVED_WARD, MERGED_INTO = "Thanh Xuân Nam", "Thanh Xuân Bắc"
MEMBER_ORGS = [
    ("Hội Liên hiệp Phụ nữ quận Thanh Hà", "Hội LHPN quận", "Women's Union of Thanh Ha District"),
    (
        "Đoàn TNCS Hồ Chí Minh quận Thanh Hà",
        "Quận đoàn",
        "Ho Chi Minh Communist Youth Union of Thanh Ha District",
    ),
    ("Hội Cựu chiến binh quận Thanh Hà", "Hội CCB quận", "Veterans' Association of Thanh Ha District"),
    ("Liên đoàn Lao động quận Thanh Hà", "LĐLĐ quận", "Labour Federation of Thanh Ha District"),
    ("Hội Chữ thập đỏ quận Thanh Hà", "Hội CTĐ quận", "Red Cross Society of Thanh Ha District"),
]
FUNCTIONS = """<p>Ủy ban MTTQ Việt Nam quận là cơ quan chấp hành giữa hai kỳ đại hội, có chức năng tập hợp,
xây dựng khối đại đoàn kết toàn dân tộc; đại diện, bảo vệ quyền và lợi ích hợp pháp, chính đáng của nhân dân;
giám sát và phản biện xã hội; tham gia xây dựng Đảng, chính quyền.</p>
<ul>
<li>Tuyên truyền, vận động nhân dân thực hiện chủ trương của Đảng, chính sách, pháp luật của Nhà nước.</li>
<li>Chủ trì cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”.</li>
<li>Tổ chức hội nghị đối thoại, tiếp xúc cử tri; tổng hợp ý kiến, kiến nghị của nhân dân.</li>
<li>Hướng dẫn hoạt động của Ban công tác Mặt trận khu dân cư và Ban Thanh tra nhân dân.</li>
</ul>"""
FUNCTIONS_EN = """<p>Between two congresses the Committee is the executive body of the Front in the district. It
unites all people, represents and protects their lawful rights and interests, supervises and gives social
criticism, and takes part in building the Party and the government.</p>
<ul><li>Disseminate the Party's guidelines and the State's policies and laws.</li>
<li>Lead the campaign "All people unite to build new rural areas and civilised urban areas".</li>
<li>Hold dialogues and voter meetings and forward the people's opinions.</li>
<li>Guide residential-area Front boards and people's inspection boards.</li></ul>"""


class Names:
    """Deterministic invented names: the same sequence on every run, never the same name twice."""

    def __init__(self):
        self.rng = random.Random(2024)
        self.used: set[str] = set()

    def __call__(self, gender: str | None = None) -> str:
        while True:
            g = gender or self.rng.choice("mf")
            name = f"{self.rng.choice(FAMILY)} {self.rng.choice(MIDDLE[g])} {self.rng.choice(GIVEN[g])}"
            if name not in self.used:
                self.used.add(name)
                return name


def portrait(name: str) -> ContentFile:
    """The neutral silhouette placeholder: the demo has no photographs of real people."""
    return ContentFile(portrait_placeholder(), name=f"{fold(name).replace(' ', '-')}.jpg")


class Seeder:
    """Creates the demo's organisations and people; memberships, terms and contacts are added only
    where this run created the organisation (and the person), never to anyone else's records."""

    def __init__(self, run: DemoRun):
        self.run = run
        self.names = Names()
        self.names.used.add("Nguyễn Thị Hạnh")  # the chair named in the site settings
        self.positions = {}
        self.created = 0

    def org(self, slug, name, kind, parent=None, **extra) -> Organization:
        org, created = Organization.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "parent": parent, **extra}
        )
        if created:
            self.created += 1
            self.run.add(org)
        return org

    def person(self, gender=None, photo=False, bio="") -> Person:
        name = self.names(gender)
        person, created = Person.objects.get_or_create(
            slug=fold(name).replace(" ", "-"), defaults={"full_name": name, "bio": bio}
        )
        if created:
            self.run.add(person)
            if photo:
                person.photo.save("chan-dung.jpg", portrait(name), save=True)
        return person

    def member(self, person, org, position, start, term=None, **extra) -> Membership | None:
        if not (self.run.made(person) and self.run.made(org)):
            return None
        membership = Membership.objects.filter(
            person=person, organization=org, position=self.positions[position], start_date=start
        ).first()
        if membership is None:
            membership = Membership(
                person=person,
                organization=org,
                position=self.positions[position],
                start_date=start,
                term=term,
                **extra,
            )
            membership.full_clean()
            membership.save()
            self.created += 1
        return membership

    def term(self, org, number, start, end, congress="") -> Term | None:
        if not self.run.made(org):
            return Term.objects.filter(organization=org, number=number).first()
        term, _ = Term.objects.get_or_create(
            organization=org,
            number=number,
            defaults={
                "start_date": start,
                "end_date": end,
                "congress_name": congress,
                "congress_date": start,
            },
        )
        return term


def seed(out, run: DemoRun | None = None) -> None:
    run = run or DemoRun()
    s = Seeder(run)
    for name, name_en, rank, single, lead in POSITIONS:
        s.positions[name], _ = Position.objects.get_or_create(
            name=name,
            defaults={"name_en": name_en, "rank": rank, "single_holder": single, "is_leadership": lead},
        )

    district = s.org(
        "uy-ban-mttq-quan-thanh-ha",
        "Ủy ban MTTQ Việt Nam quận Thanh Hà",
        OrganizationKind.DISTRICT_COMMITTEE,
        short_name="MTTQ quận Thanh Hà",
        name_en="Viet Nam Fatherland Front Committee of Thanh Ha District",
        founded_on=D(1976, 5, 1),
        intro="<p>Ủy ban MTTQ Việt Nam quận Thanh Hà là tổ chức liên minh chính trị, liên hiệp tự nguyện của các tổ chức và cá nhân tiêu biểu trên địa bàn quận.</p>",
        intro_en="<p>The Viet Nam Fatherland Front Committee of Thanh Ha District is the political alliance and voluntary union of organisations and representative individuals of the district.</p>",
        functions=FUNCTIONS,
        functions_en=FUNCTIONS_EN,
        address="Số 9 phố Khương Hạ, phường Khương Đình, quận Thanh Hà, Hà Nội",
        address_en="9 Khuong Ha Street, Khuong Dinh Ward, Thanh Ha District, Ha Noi",
        phone="024 3858 0000",
        email="mttq@thanhha.example.vn",
    )
    standing = s.org(
        "ban-thuong-truc-mttq-quan-thanh-ha",
        "Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Hà",
        OrganizationKind.STANDING_BOARD,
        district,
        name_en="Standing Board of the Viet Nam Fatherland Front Committee of Thanh Ha District",
        order=1,
    )
    councils = [
        s.org(
            f"hoi-dong-tu-van-{slug}",
            f"Hội đồng tư vấn {name}",
            OrganizationKind.ADVISORY_COUNCIL,
            district,
            name_en=f"Advisory Council on {name_en}",
            order=2,
        )
        for slug, name, name_en in (
            ("dan-chu-phap-luat", "Dân chủ - Pháp luật", "Democracy and Law"),
            ("kinh-te", "Kinh tế", "the Economy"),
        )
    ]
    member_orgs = [
        s.org(
            fold(name).replace(" ", "-"),
            name,
            OrganizationKind.MEMBER_ORGANIZATION,
            district,
            short_name=short,
            name_en=en,
            order=3,
        )
        for name, short, en in MEMBER_ORGS
    ]

    # --- district committee: term V (2019-2024) and VI (2024-2029) ---
    v = s.term(district, 5, V_START, V_END, "Đại hội đại biểu MTTQ Việt Nam quận Thanh Hà lần thứ V")
    vi = s.term(district, 6, VI_START, VI_END, "Đại hội đại biểu MTTQ Việt Nam quận Thanh Hà lần thứ VI")
    first_chair = s.person(
        "m",
        photo=True,
        bio="Nguyên Chủ tịch Ủy ban MTTQ Việt Nam quận (2019-2021), chuyển công tác về Thành phố.",
    )
    hanh, created = Person.objects.get_or_create(
        slug="nguyen-thi-hanh",
        defaults={
            "full_name": "Nguyễn Thị Hạnh",
            "bio": "Chủ tịch Ủy ban MTTQ Việt Nam quận từ tháng 10/2021.",
        },
    )
    if created:
        run.add(hanh)
        hanh.photo.save("chan-dung.jpg", portrait(hanh.full_name), save=True)
    standing_vice = s.person(photo=True)
    vice_old, vice_both, vice_new = s.person(photo=True), s.person(photo=True), s.person(photo=True)
    board_v = [s.person() for _ in range(2)]
    members_both = [s.person() for _ in range(14)]
    members_v_only = [s.person() for _ in range(4)]
    members_vi_new = [s.person() for _ in range(6)]
    added_2025 = s.person()

    s.member(
        first_chair,
        district,
        "Chủ tịch",
        V_START,
        v,
        end_date=D(2021, 10, 1),
        end_reason=EndReason.MOVED,
        is_full_time=True,
    )
    s.member(
        hanh,
        district,
        "Ủy viên Ban Thường trực",
        V_START,
        v,
        end_date=D(2021, 10, 15),
        is_full_time=True,
        end_reason=EndReason.OTHER,
    )
    s.member(
        hanh,
        district,
        "Chủ tịch",
        D(2021, 10, 15),
        v,
        entry_kind=EntryKind.REPLACEMENT,
        end_date=V_END,
        is_full_time=True,
    )
    s.member(
        standing_vice,
        district,
        "Phó Chủ tịch Thường trực",
        V_START,
        v,
        end_date=V_END,
        is_full_time=True,
    )
    s.member(
        vice_old,
        district,
        "Phó Chủ tịch",
        V_START,
        v,
        end_date=V_END,
        end_reason=EndReason.RETIRED,
        is_full_time=True,
    )
    s.member(vice_both, district, "Phó Chủ tịch", V_START, v, end_date=V_END, is_full_time=True)
    for p in board_v:
        s.member(p, district, "Ủy viên Ban Thường trực", V_START, v, end_date=V_END)
    for i, p in enumerate(members_both + members_v_only):
        rep = member_orgs[i] if i < len(member_orgs) else None
        s.member(p, district, "Ủy viên", V_START, v, end_date=V_END, represents=rep)

    s.member(hanh, district, "Chủ tịch", VI_START, vi, is_full_time=True)
    s.member(standing_vice, district, "Phó Chủ tịch Thường trực", VI_START, vi, is_full_time=True)
    s.member(vice_both, district, "Phó Chủ tịch", VI_START, vi, is_full_time=True)
    s.member(vice_new, district, "Phó Chủ tịch", VI_START, vi, is_full_time=True)
    s.member(board_v[0], district, "Ủy viên Ban Thường trực", VI_START, vi)
    for i, p in enumerate(members_both + members_vi_new):
        rep = member_orgs[i] if i < len(member_orgs) else None
        s.member(p, district, "Ủy viên", VI_START, vi, represents=rep)
    s.member(added_2025, district, "Ủy viên", D(2025, 3, 12), vi, entry_kind=EntryKind.ADDITION)
    for p, pos in (
        (hanh, "Chủ tịch"),
        (standing_vice, "Phó Chủ tịch Thường trực"),
        (vice_both, "Phó Chủ tịch"),
        (vice_new, "Phó Chủ tịch"),
    ):
        s.member(p, standing, pos, VI_START)
    for i, org in enumerate(member_orgs):
        s.member(members_both[i], org, "Chủ tịch", D(2022, 5, 10))
    for council in councils:
        s.member(s.person(), council, "Chủ tịch", D(2024, 9, 1))
        for _ in range(3):
            s.member(s.person(), council, "Thành viên", D(2024, 9, 1))

    if run.made(district):
        seed_district_contacts(district, hanh)

    # --- wards ---
    wards = {}
    for i, ward_name in enumerate([*WARDS, DISSOLVED_WARD]):
        dissolved = ward_name == DISSOLVED_WARD
        slug = "mttq-phuong-" + fold(ward_name).replace(" ", "-")
        ward = s.org(
            slug,
            f"Ủy ban MTTQ Việt Nam phường {ward_name}",
            OrganizationKind.WARD_COMMITTEE,
            district,
            short_name=f"Phường {ward_name}",
            name_en=f"Viet Nam Fatherland Front Committee of {without_diacritics(ward_name)} Ward",
            order=10 + i,
            founded_on=D(1982, 1, 1),
            dissolved_on=D(2025, 1, 1) if dissolved else None,
            functions="<p>Tập hợp, vận động nhân dân trên địa bàn phường; giám sát, phản biện xã hội; hướng dẫn các Ban công tác Mặt trận khu dân cư.</p>",
            functions_en="<p>Gathers and mobilises the people of the ward; supervises and gives social criticism; guides the residential-area Front work boards.</p>",
            address=f"Trụ sở UBND phường {ward_name}, quận Thanh Hà",
            address_en=f"Office of the {without_diacritics(ward_name)} Ward People's Committee, Thanh Ha District",
            phone=f"024 3858 {1100 + i:04d}",
            email=f"mttq.{fold(ward_name).replace(' ', '')}@thanhha.example.vn",
        )
        wards[ward_name] = ward
        end = D(2025, 1, 1) if dissolved else WARD_TERM_END
        term = s.term(
            ward, 18, WARD_TERM_START, end, f"Đại hội đại biểu MTTQ Việt Nam phường {ward_name} lần thứ XVIII"
        )
        extra_end = {"end_date": end, "end_reason": EndReason.REORGANIZED} if dissolved else {}
        chair = s.person()
        s.member(chair, ward, "Chủ tịch", WARD_TERM_START, term, is_full_time=True, **extra_end)
        s.member(s.person(), ward, "Phó Chủ tịch", WARD_TERM_START, term, is_full_time=True, **extra_end)
        for _ in range(6):
            s.member(s.person(), ward, "Ủy viên", WARD_TERM_START, term, **extra_end)
        reviewed = (
            D(2024, 1, 10) if ward_name == "Kim Giang" else D(2024, 6, 15)
        )  # Kim Giang: stale on purpose
        if not dissolved and run.made(ward):
            ContactPoint.objects.get_or_create(
                organization=ward,
                title=f"Chủ tịch Ủy ban MTTQ phường {ward_name}",
                defaults={
                    "person": chair,
                    "title_en": "Chairperson",
                    "phone": f"09{i:02d} 555 {100 + i}",
                    "email": f"chutich.{fold(ward_name).replace(' ', '')}@thanhha.example.vn",
                    "reviewed_on": reviewed,
                },
            )
        for n in range(1, 4):
            board = s.org(
                f"{slug}-khu-dan-cu-so-{n}",
                f"Ban công tác Mặt trận khu dân cư số {n}, phường {ward_name}",
                OrganizationKind.RESIDENTIAL_BOARD,
                ward,
                order=n,
                dissolved_on=D(2025, 1, 1) if dissolved else None,
            )
            s.member(s.person(), board, "Trưởng ban", D(2022, 9, 1), **extra_end)
            s.member(s.person(), board, "Phó Trưởng ban", D(2022, 9, 1), **extra_end)
            for _ in range(2):
                s.member(s.person(), board, "Thành viên", D(2022, 9, 1), **extra_end)
        inspection = s.org(
            f"{slug}-ban-thanh-tra-nhan-dan",
            f"Ban Thanh tra nhân dân phường {ward_name}",
            OrganizationKind.INSPECTION_BOARD,
            ward,
            order=9,
            dissolved_on=D(2025, 1, 1) if dissolved else None,
        )
        s.member(s.person(), inspection, "Trưởng ban", D(2022, 10, 1), **extra_end)
        for _ in range(2):
            s.member(s.person(), inspection, "Thành viên", D(2022, 10, 1), **extra_end)
    if run.made(wards[DISSOLVED_WARD]) and run.made(wards[MERGED_INTO]):
        wards[DISSOLVED_WARD].succeeded_by.add(wards[MERGED_INTO])

    # Kim Giang's chair changed after its contacts were last reviewed: the admin panel flags it.
    kim_giang = wards["Kim Giang"]
    kg_chair = (
        Membership.objects.filter(organization=kim_giang, position=s.positions["Chủ tịch"])
        .order_by("start_date")
        .first()
    )
    if run.made(kim_giang) and kg_chair and kg_chair.end_date is None:
        kg_term = kim_giang.terms.get(number=18)
        kg_chair.end_date, kg_chair.end_reason = D(2025, 8, 1), EndReason.MOVED
        kg_chair.save()
        s.member(
            s.person(),
            kim_giang,
            "Chủ tịch",
            D(2025, 8, 1),
            kg_term,
            entry_kind=EntryKind.REPLACEMENT,
            replaces=kg_chair,
            is_full_time=True,
        )

    # --- contributor accounts bound to two wards ---
    User = get_user_model()
    password = os.environ.get("DEMO_ADMIN_PASSWORD", DEMO_ADMIN_PASSWORD)
    for username, ward_name in (("phuong-khuong-dinh", "Khương Đình"), ("phuong-thuong-dinh", "Thượng Đình")):
        user, created = User.objects.get_or_create(
            username=username, defaults={"is_staff": True, "first_name": f"Cộng tác viên phường {ward_name}"}
        )
        if created:
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=CONTRIBUTORS))
            StaffAssignment.objects.create(user=user, organization=wards[ward_name])
    out.write(
        f"  Organisations: {Organization.objects.count()}, people: {Person.objects.count()}, "
        f"memberships: {Membership.objects.count()}; contributors phuong-khuong-dinh, phuong-thuong-dinh "
        f"(password: {password})"
    )


def seed_district_contacts(district: Organization, chair: Person) -> None:
    ContactPoint.objects.create(
        organization=district,
        title="Chủ tịch Ủy ban MTTQ Việt Nam quận",
        person=chair,
        title_en="Chairperson",
        phone="024 3858 0001",
        email="chutich@thanhha.example.vn",
        order=1,
        reviewed_on=D(2024, 7, 1),
    )
    ContactPoint.objects.create(
        organization=district,
        title="Văn phòng Ủy ban",
        name="Văn phòng Ủy ban MTTQ quận",
        name_en="Office of the District Fatherland Front Committee",
        title_en="Office",
        phone="024 3858 0000",
        email="vanphong@thanhha.example.vn",
        order=2,
        reviewed_on=D(2024, 7, 1),
    )
