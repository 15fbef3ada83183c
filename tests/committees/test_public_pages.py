"""Public pages: tree, organisation, term, comparison, person, English; no private data; 404s;
bounded query counts on organisations with hundreds of members."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from committees.models import EndReason, EntryKind, OrganizationKind
from tests.factories import (
    ContactPointFactory,
    EventFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
)

D = datetime.date


@pytest.fixture
def positions(chair, member_position):
    return {
        "chair": chair,
        "vice": PositionFactory(name="Phó Chủ tịch", rank=30, is_leadership=True),
        "board": PositionFactory(name="Ủy viên Ban Thường trực", rank=40, is_leadership=True),
        "member": member_position,
    }


@pytest.fixture
def staffed(district, next_term, positions):
    """District, current term VI with a chair, a vice chair, a board member and three members."""
    start = next_term.start_date
    people = {}
    for key, name, pos in [
        ("chair", "Nguyễn Thị Hạnh", "chair"),
        ("vice", "Trần Văn Bình", "vice"),
        ("board", "Lê Thị Yến", "board"),
        ("m1", "Phạm Văn An", "member"),
        ("m2", "Đỗ Thị Đào", "member"),
        ("m3", "Bùi Văn Dũng", "member"),
    ]:
        people[key] = PersonFactory(full_name=name, bio=f"Tiểu sử {name}.")
        MembershipFactory(
            person=people[key],
            organization=district,
            term=next_term,
            position=positions[pos],
            start_date=start,
        )
    return people


def test_organisation_page_shows_leadership_in_rank_order_and_members_by_given_name(
    client, district, staffed
):
    html = client.get(district.get_absolute_url()).content.decode()
    leaders = html.index('id="leaders-title"')
    order = [html.index(name, leaders) for name in ("Nguyễn Thị Hạnh", "Trần Văn Bình", "Lê Thị Yến")]
    assert order == sorted(order)
    members = html.index('id="members-title"')
    # By given name: An, Bình, Dũng, Đào, Hạnh, Yến (đ after d in the Vietnamese alphabet)
    names = ["Phạm Văn An", "Trần Văn Bình", "Bùi Văn Dũng", "Đỗ Thị Đào", "Nguyễn Thị Hạnh", "Lê Thị Yến"]
    positions = [html.index(name, members) for name in names]
    assert positions == sorted(positions)
    assert "Khóa VI, nhiệm kỳ 2024-2029" in html


def test_organisation_page_links_past_terms_sub_organisations_events(
    client, district, term, next_term, ward_a, staffed
):
    EventFactory(organization=district, title="Hội nghị Ủy ban MTTQ quận lần thứ 3")
    EventFactory(organization=ward_a, title="Sự kiện của phường khác")
    html = client.get(district.get_absolute_url()).content.decode()
    assert term.get_absolute_url() in html
    assert reverse("committees:term_compare", args=[district.slug, 6]) in html
    assert ward_a.get_absolute_url() in html
    assert "Hội nghị Ủy ban MTTQ quận lần thứ 3" in html
    assert "Sự kiện của phường khác" not in html


def test_organisation_page_lists_its_own_published_articles(client, district, ward_a):
    from tests.factories import ArticleFactory

    ArticleFactory(organization=district, title="Tin của Ủy ban quận")
    ArticleFactory(organization=district, title="Tin nháp của quận", status="draft")
    ArticleFactory(organization=ward_a, title="Tin của phường")
    html = client.get(district.get_absolute_url()).content.decode()
    news = html[html.index('id="news-title"') :]
    assert "Tin của Ủy ban quận" in news
    assert "Tin nháp của quận" not in html and "Tin của phường" not in html


def test_unpublished_events_are_not_listed(client, district):
    EventFactory(organization=district, title="Bản nháp sự kiện", status="draft")
    EventFactory(
        organization=district, title="Hẹn giờ", published_at=timezone.now() + datetime.timedelta(days=2)
    )
    html = client.get(district.get_absolute_url()).content.decode()
    assert "Bản nháp sự kiện" not in html and "Hẹn giờ" not in html


def test_contacts_and_functions_are_shown(client, district):
    district.functions = "<p>Tập hợp, xây dựng khối đại đoàn kết toàn dân tộc.</p>"
    district.save()
    ContactPointFactory(
        organization=district, name="Văn phòng Ủy ban", phone="024 3858 0000", email="vp@example.vn"
    )
    html = client.get(district.get_absolute_url()).content.decode()
    assert "khối đại đoàn kết" in html
    assert "tel:02438580000" in html and "mailto:vp@example.vn" in html


def test_dissolved_organisation_keeps_its_page_with_date_successor_and_last_members(
    client, district, chair, term
):
    merged_into = OrganizationFactory(
        name="Ủy ban MTTQ phường Thanh Xuân Bắc", kind=OrganizationKind.WARD_COMMITTEE, parent=district
    )
    old = OrganizationFactory(
        name="Ủy ban MTTQ phường Thanh Xuân Nam",
        kind=OrganizationKind.WARD_COMMITTEE,
        parent=district,
        dissolved_on=D(2025, 1, 1),
    )
    old.succeeded_by.add(merged_into)
    MembershipFactory(
        person=PersonFactory(full_name="Hoàng Văn Toàn"),
        organization=old,
        position=chair,
        start_date=D(2024, 5, 31),
        end_date=D(2025, 1, 1),
        end_reason=EndReason.REORGANIZED,
    )
    response = client.get(old.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "01/01/2025" in html and merged_into.get_absolute_url() in html
    assert "Hoàng Văn Toàn" in html  # the leadership of its last day stays readable
    successor_html = client.get(merged_into.get_absolute_url()).content.decode()
    assert old.get_absolute_url() in successor_html


def test_tree_lists_current_first_and_dissolved_apart(client, district, ward_a):
    gone = OrganizationFactory(
        name="Phường đã sáp nhập",
        kind=OrganizationKind.WARD_COMMITTEE,
        parent=district,
        dissolved_on=D(2025, 1, 1),
    )
    html = client.get(reverse("committees:tree")).content.decode()
    chart = html.index('class="org-chart"')
    dissolved = html.index('id="dissolved-title"')
    assert chart < html.index(ward_a.name) < dissolved < html.index(gone.name)
    assert "<ul" in html[chart:dissolved]  # nested lists, not an image


def test_term_page_lists_everyone_who_served_with_dates_and_reasons(client, district, term, chair):
    MembershipFactory(
        person=PersonFactory(full_name="Vũ Văn Cường"),
        organization=district,
        term=term,
        position=chair,
        start_date=term.start_date,
        end_date=D(2021, 10, 1),
        end_reason=EndReason.MOVED,
    )
    html = client.get(term.get_absolute_url()).content.decode()
    assert "Vũ Văn Cường" in html and "Chuyển công tác" in html and "01/10/2021" in html


def test_term_comparison(client, district, term, next_term, chair, member_position):
    stay, leave, new, added, repl_old = (
        PersonFactory(full_name=n) for n in ("Ông Ở Lại", "Bà Thôi", "Anh Mới", "Chị Bổ Sung", "Ông Cũ")
    )
    for p in (stay, leave):
        MembershipFactory(
            person=p, organization=district, term=term, position=member_position, start_date=term.start_date
        )
    rep = OrganizationFactory(
        name="Hội Liên hiệp Phụ nữ quận",
        short_name="Hội LHPN quận",
        kind=OrganizationKind.MEMBER_ORGANIZATION,
    )
    MembershipFactory(
        person=stay,
        organization=district,
        term=next_term,
        position=member_position,
        start_date=next_term.start_date,
        represents=rep,
        is_full_time=True,
    )
    MembershipFactory(
        person=new,
        organization=district,
        term=next_term,
        position=member_position,
        start_date=next_term.start_date,
    )
    MembershipFactory(
        person=added,
        organization=district,
        term=next_term,
        position=member_position,
        start_date=D(2025, 3, 1),
        entry_kind=EntryKind.ADDITION,
    )
    old_chair = MembershipFactory(
        person=repl_old,
        organization=district,
        term=next_term,
        position=chair,
        start_date=next_term.start_date,
        end_date=D(2025, 5, 1),
    )
    MembershipFactory(
        person=PersonFactory(full_name="Bà Thay Thế"),
        organization=district,
        term=next_term,
        position=chair,
        start_date=D(2025, 5, 1),
        entry_kind=EntryKind.REPLACEMENT,
        replaces=old_chair,
    )
    response = client.get(reverse("committees:term_compare", args=[district.slug, 6]))
    c = response.context["comparison"]
    names = lambda entries: {e.person.full_name for e in entries}  # noqa: E731
    assert names(c.carried_over) == {"Ông Ở Lại"}
    assert names(c.left) == {"Bà Thôi"}
    assert names(c.new) == {"Anh Mới", "Ông Cũ"}
    assert [m.person.full_name for m in c.additions] == ["Chị Bổ Sung"]
    assert [m.person.full_name for m in c.replacements] == ["Bà Thay Thế"]
    assert c.composition.total == 5 and c.composition.full_time == 1 and c.composition.part_time == 4
    assert [(o.name, n) for o, n in c.composition.representatives] == [("Hội Liên hiệp Phụ nữ quận", 1)]
    html = response.content.decode()
    assert "Hội LHPN quận: 1" in html


def test_term_page_links_the_congress_that_opened_it(client, district, term):
    EventFactory(
        organization=district, term=term, kind="congress", title="Đại hội đại biểu MTTQ quận lần thứ V"
    )
    EventFactory(organization=district, term=term, kind="meeting", title="Họp thường kỳ")
    html = client.get(term.get_absolute_url()).content.decode()
    assert "Đại hội đại biểu MTTQ quận lần thứ V" in html and "Họp thường kỳ" not in html


def test_first_term_comparison_says_there_is_nothing_before(client, district, term):
    response = client.get(reverse("committees:term_compare", args=[district.slug, term.number]))
    assert response.status_code == 200 and "nhiệm kỳ đầu tiên" in response.content.decode()


def test_person_page_shows_current_positions_and_history_without_private_data(
    client, district, term, next_term, chair, member_position
):
    person = PersonFactory(full_name="Nguyễn Thị Hạnh", bio="Chủ tịch từ năm 2021.")
    MembershipFactory(
        person=person,
        organization=district,
        term=term,
        position=member_position,
        start_date=term.start_date,
        end_date=D(2021, 10, 15),
    )
    MembershipFactory(
        person=person, organization=district, term=next_term, position=chair, start_date=next_term.start_date
    )
    response = client.get(person.get_absolute_url())
    html = response.content.decode()
    assert [m.position.name for m in response.context["current"]] == ["Chủ tịch"]
    assert [m.position.name for m in response.context["history"]] == ["Ủy viên"]
    assert "Chủ tịch từ năm 2021." in html
    current_section = html[html.index("Đang đảm nhiệm") : html.index("Quá trình công tác")]
    # Still in office: "until now", not the planned end of the term.
    assert "– nay" in current_section and "20/06/2029" not in current_section
    for private in ("ngày sinh", "CCCD", "số điện thoại"):
        assert private not in html


def test_renamed_organisation_and_person_redirect_from_old_slug(client, district):
    old = district.slug
    district.slug = "mttq-quan-moi"
    district.save()
    response = client.get(reverse("committees:organization", args=[old]))
    assert response.status_code == 301 and response["Location"] == "/to-chuc/mttq-quan-moi/"
    person = PersonFactory(full_name="Lê Văn Nam")
    old_person = person.slug
    person.slug = "le-van-nam-2"
    person.save()
    assert client.get(reverse("committees:person", args=[old_person])).status_code == 301


@pytest.mark.parametrize(
    "path",
    [
        "/to-chuc/khong-co/",
        "/nhan-su/khong-co/",
        "/en/to-chuc/khong-co/",
        "/to-chuc/{slug}/nhiem-ky/99/",
        "/to-chuc/{slug}/nhiem-ky/99999999999999999999/",
        "/to-chuc/{slug}/nhiem-ky/99999999999999999999/so-sanh/",
    ],
)
def test_unknown_things_are_404(client, district, path):
    assert client.get(path.format(slug=district.slug)).status_code == 404


def test_english_pages(client, district, ward_a, staffed, positions):
    district.name_en = "Vietnam Fatherland Front Committee of Thanh Ha District"
    district.intro_en = "<p>The political alliance of the district.</p>"
    district.functions_en = "<p>Unite all people.</p>"
    district.save()
    ward_a.name_en = "Khuong Dinh Ward Committee"
    ward_a.save()
    ContactPointFactory(
        organization=district,
        name="Văn phòng",
        title="Văn phòng",
        title_en="Office",
        phone="024 1",
        email="o@example.vn",
    )
    html = client.get(reverse("committees:english")).content.decode()
    assert 'lang="en"' in html
    for text in (
        "Vietnam Fatherland Front Committee of Thanh Ha District",
        "The political alliance",
        "Unite all people",
        "Office",
        "Khuong Dinh Ward Committee",
        "Chairperson",
    ):
        assert text in html, text
    html = client.get(reverse("committees:english_organization", args=[ward_a.slug])).content.decode()
    assert "Khuong Dinh Ward Committee" in html
    assert ward_a.get_absolute_url() in html  # the Vietnamese version


def test_english_home_without_data_is_not_an_error(client, db):
    assert client.get(reverse("committees:english")).status_code == 200


def test_sitemap_lists_organisations_and_people(client, district, staffed):
    xml = client.get("/sitemap.xml").content.decode()
    assert district.get_absolute_url() in xml and staffed["chair"].get_absolute_url() in xml


def test_search_finds_people_and_organisations_without_diacritics(client, staffed, ward_a):
    html = client.get("/tim-kiem/", {"q": "nguyen thi hanh"}).content.decode()
    assert staffed["chair"].get_absolute_url() in html
    assert staffed["vice"].get_absolute_url() not in html
    html = client.get("/tim-kiem/", {"q": "khuong dinh"}).content.decode()
    assert ward_a.get_absolute_url() in html


def test_renamed_person_is_reindexed(client, staffed):
    person = staffed["m1"]
    person.full_name = "Phạm Văn Khánh"
    person.save()
    html = client.get("/tim-kiem/", {"q": "pham van khanh"}).content.decode()
    assert person.get_absolute_url() in html


def test_wards_sidebar_block(client, district, ward_a, ward_b):
    OrganizationFactory(name="Phường cũ", kind=OrganizationKind.WARD_COMMITTEE, dissolved_on=D(2025, 1, 1))
    html = client.get(reverse("committees:tree")).content.decode()
    block = html[html.index('id="wards-block-title"') :]
    assert "Phường Khương Đình" in block and "Phường Thượng Đình" in block and "Phường cũ" not in block


# --- query counts --------------------------------------------------------------------------------
@pytest.fixture
def big_organisation(district, term, next_term, positions):
    """An organisation with 300 members per term, two terms, 30 sub-organisations, contacts, events."""
    people = PersonFactory.create_batch(450)
    from committees.models import Membership

    rows = []
    for p in people[:300]:
        rows.append(
            Membership(
                person=p,
                organization=district,
                term=term,
                position=positions["member"],
                start_date=term.start_date,
                range_end=term.end_date,
            )
        )
    for i, p in enumerate(people[150:]):
        pos = positions["vice"] if i < 5 else positions["member"]
        rows.append(
            Membership(
                person=p,
                organization=district,
                term=next_term,
                position=pos,
                start_date=next_term.start_date,
                range_end=next_term.end_date,
                is_full_time=i % 3 == 0,
            )
        )
    Membership.objects.bulk_create(rows)
    MembershipFactory(
        person=PersonFactory(),
        organization=district,
        term=next_term,
        position=positions["chair"],
        start_date=next_term.start_date,
    )
    for n in range(30):
        OrganizationFactory(
            name=f"Ban công tác khu dân cư số {n}", kind=OrganizationKind.RESIDENTIAL_BOARD, parent=district
        )
    for n in range(5):
        ContactPointFactory(organization=district, name=f"Đầu mối {n}")
    EventFactory.create_batch(12, organization=district)
    from tests.factories import ArticleFactory

    ArticleFactory.create_batch(12, organization=district)
    return district


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("committees:organization", lambda o: [o.slug]),
        ("committees:term", lambda o: [o.slug, 6]),
        ("committees:term_compare", lambda o: [o.slug, 6]),
        ("committees:tree", lambda o: []),
        ("committees:english", lambda o: []),
        ("committees:english_organization", lambda o: [o.slug]),
    ],
)
def test_query_counts_are_bounded(client, big_organisation, django_assert_max_num_queries, url_name, args):
    url = reverse(url_name, args=args(big_organisation))
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert response.status_code == 200


def test_person_page_query_count(client, big_organisation, django_assert_max_num_queries):
    from committees.models import Person

    person = Person.objects.filter(memberships__term__number=6).first()
    with django_assert_max_num_queries(15):
        assert client.get(person.get_absolute_url()).status_code == 200


def test_organisation_page_renders_hundreds_of_members(client, big_organisation):
    response = client.get(big_organisation.get_absolute_url())
    assert len(response.context["roster"]) == 301
    assert len(response.context["leadership"]) == 6
