"""Admin: inlines, accent-free search, filters, Vietnamese rule messages, Decree 42 panel."""

import datetime

import pytest
from django.urls import reverse

from committees.decree42 import checklist
from committees.models import Membership
from frontcms.models import QuickLink, SiteSettings
from tests.factories import ContactPointFactory, MembershipFactory, PersonFactory

D = datetime.date


def url(name, *args):
    return reverse(f"admin:committees_{name}", args=args)


def test_person_search_without_diacritics(editor_client, db):
    hanh = PersonFactory(full_name="Nguyễn Thị Hạnh")
    other = PersonFactory(full_name="Trần Văn Bình")
    html = editor_client.get(url("person_changelist"), {"q": "nguyen thi hanh"}).content.decode()
    assert url("person_change", hanh.pk) in html and url("person_change", other.pk) not in html
    html = editor_client.get(url("person_changelist"), {"q": "HẠNH"}).content.decode()
    assert url("person_change", hanh.pk) in html


def test_organisation_search_without_diacritics(editor_client, ward_a, ward_b):
    html = editor_client.get(url("organization_changelist"), {"q": "khuong dinh"}).content.decode()
    assert url("organization_change", ward_a.pk) in html and url("organization_change", ward_b.pk) not in html


def test_membership_filters_current_past_position_organisation_term(
    editor_client, district, term, next_term, chair, member_position
):
    past = MembershipFactory(
        organization=district, term=term, position=member_position, start_date=term.start_date
    )
    current = MembershipFactory(
        organization=district, term=next_term, position=chair, start_date=next_term.start_date
    )
    changelist = url("membership_changelist")

    def ids(params):
        return {m.pk for m in editor_client.get(changelist, params).context["cl"].result_list}

    assert ids({"hien-tai": "1"}) == {current.pk}
    assert ids({"hien-tai": "0"}) == {past.pk}
    assert ids({"position__id__exact": chair.pk}) == {current.pk}
    assert ids({"term__id__exact": term.pk}) == {past.pk}
    assert ids({"organization__id__exact": district.pk}) == {past.pk, current.pk}
    assert ids({"q": fold_name(current.person.full_name)}) == {current.pk}


def fold_name(name):
    from frontcms.text import fold

    return fold(name)


def test_change_pages_render_with_inlines(editor_client, district, term, chair):
    m = MembershipFactory(organization=district, term=term, position=chair, start_date=term.start_date)
    ContactPointFactory(organization=district)
    html = editor_client.get(url("organization_change", district.pk)).content.decode()
    assert 'id="terms-group"' in html and 'id="contact_points-group"' in html
    assert 'id="memberships-group"' in editor_client.get(url("person_change", m.person.pk)).content.decode()
    assert 'id="memberships-group"' in editor_client.get(url("term_change", term.pk)).content.decode()


def inline_management(prefix, total=1, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def person_form(full_name="Lê Văn Mới", **membership) -> dict:
    """A new person's page as posted, with one row of posts (`organization=…`, `term=…`, …)."""
    row = {"entry_kind": "elected", **membership}
    return {
        "full_name": full_name,
        "slug": "",
        "bio": "",
        "bio_en": "",
        **inline_management("memberships"),
        **{f"memberships-0-{name}": value for name, value in row.items()},
    }


def test_adding_an_overlapping_chair_in_the_person_inline_shows_the_vietnamese_message(
    editor_client, district, term, chair
):
    MembershipFactory(organization=district, term=term, position=chair, start_date=term.start_date)
    data = person_form(organization=district.pk, term=term.pk, position=chair.pk, start_date="2021-01-01")
    response = editor_client.post(url("person_add"), data)
    assert response.status_code == 200
    assert "chỉ có một người giữ" in response.content.decode()
    assert not Membership.objects.filter(person__full_name="Lê Văn Mới").exists()
    data["memberships-0-start_date"] = "2018-01-01"
    assert "phải nằm trong nhiệm kỳ" in editor_client.post(url("person_add"), data).content.decode()


def test_editor_adds_a_membership_through_the_term_inline(editor_client, district, term, member_position):
    person = PersonFactory()
    data = {
        "organization": district.pk,
        "number": term.number,
        "start_date": term.start_date.isoformat(),
        "end_date": term.end_date.isoformat(),
        "congress_name": "",
        "congress_date": "",
        **inline_management("memberships"),
        "memberships-0-person": person.pk,
        "memberships-0-position": member_position.pk,
        "memberships-0-start_date": "2020-01-01",
        "memberships-0-entry_kind": "addition",
    }
    response = editor_client.post(url("term_change", term.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert term.memberships.get().person == person


# --- Decree 42 panel ---------------------------------------------------------------------------
def checks_by_label():
    return {str(c.label): c for c in checklist()}


def test_panel_is_on_the_admin_index_for_editors(editor_client, district):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert 'id="decree42-panel"' in html and "Nghị định 42/2022/NĐ-CP" in html
    assert 'id="content-main"' in html  # Django's own index is still there
    start = html.index('id="decree42-panel"')
    panel = html[start : html.index("</table>", start)]
    assert "Thiếu nội dung chức năng, nhiệm vụ:" in panel and district.name in panel
    assert "Đạt yêu cầu." not in panel.split("Sơ đồ tổ chức")[0]


def test_panel_is_hidden_from_contributors(client, contributor_user):
    client.force_login(contributor_user)
    assert 'id="decree42-panel"' not in client.get(reverse("admin:index")).content.decode()


def test_panel_flags_missing_items(district, ward_a):
    checks = checks_by_label()
    assert not checks["Chức năng, nhiệm vụ"].ok
    assert ward_a.name in checks["Chức năng, nhiệm vụ"].problems
    assert not checks["Lãnh đạo hiện nay"].ok
    assert not checks["Đầu mối liên hệ có điện thoại và thư điện tử"].ok
    assert not checks["Trang tiếng Anh"].ok
    assert not checks["Liên kết tới cơ quan liên quan"].ok
    assert checks["Sơ đồ tổ chức"].ok
    assert checks["Tìm kiếm"].ok


def test_panel_passes_when_everything_is_published(district, chair):
    district.functions = "<p>Chức năng.</p>"
    district.name_en = "District Committee"
    district.intro_en = "<p>Intro.</p>"
    district.functions_en = "<p>Functions.</p>"
    district.save()
    SiteSettings.objects.create(site_name_en="Portal")
    QuickLink.objects.create(title="Chính phủ", url="https://chinhphu.vn/")
    MembershipFactory(organization=district, position=chair, start_date=D(2024, 6, 20))
    ContactPointFactory(organization=district, reviewed_on=D(2024, 7, 1))
    failing = [c.label for c in checklist() if not c.ok]
    assert failing == []


def test_panel_takes_the_official_pattern_as_the_district_committees_english_name(district):
    """The English pages name "Ủy ban MTTQ Việt Nam quận Thanh Hà" by the official pattern, so the
    panel does not ask for `name_en`; a name the pattern cannot read still needs one."""
    SiteSettings.objects.create(site_name_en="Portal")
    district.intro_en = "<p>Intro.</p>"
    district.functions_en = "<p>Functions.</p>"
    district.save()
    assert district.name_en == ""
    assert checks_by_label()["Trang tiếng Anh"].ok

    district.name = "Ủy ban Mặt trận"  # says no place: no pattern applies
    district.save()
    check = checks_by_label()["Trang tiếng Anh"]
    assert not check.ok
    assert "tên tiếng Anh" in check.problems


def test_panel_flags_contacts_not_reviewed_since_the_leadership_changed(district, chair):
    ContactPointFactory(organization=district, reviewed_on=D(2024, 7, 1))
    old = MembershipFactory(
        organization=district, position=chair, start_date=D(2024, 6, 20), end_date=D(2025, 8, 1)
    )
    MembershipFactory(organization=district, position=chair, start_date=old.end_date)
    check = checks_by_label()["Đầu mối liên hệ được rà soát sau thay đổi lãnh đạo"]
    assert not check.ok and district.name in check.problems
    district.contact_points.update(reviewed_on=D(2025, 8, 2))
    assert checks_by_label()["Đầu mối liên hệ được rà soát sau thay đổi lãnh đạo"].ok


def test_panel_query_count_is_bounded(district, django_assert_max_num_queries):
    from tests.factories import WardFactory

    WardFactory.create_batch(40, parent=district)
    with django_assert_max_num_queries(8):
        checklist()


@pytest.mark.parametrize(
    "model", ["organization", "term", "person", "position", "membership", "contactpoint"]
)
def test_changelists_open_for_editors(editor_client, model, district):
    assert editor_client.get(url(f"{model}_changelist")).status_code == 200


def test_the_membership_lists_term_filter_reads_its_terms_in_one_query(editor_client, district, term):
    """A term is named with its organisation: the filter read each organisation on its own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import TermFactory, WardFactory

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = editor_client.get(url("membership_changelist"))
        assert response.status_code == 200
        return len(captured)

    first = queries()
    for number in range(5):
        TermFactory(organization=WardFactory(), number=number + 10)
    assert queries() == first
    html = editor_client.get(url("membership_changelist")).content.decode()
    assert f"term__id__exact={term.pk}" in html and str(term) in html


def test_a_scoped_user_filters_by_their_own_terms_only(client, contributor_user, ward_a, ward_b):
    from django.contrib.auth.models import Permission

    from tests.factories import StaffAssignmentFactory, TermFactory

    own = TermFactory(organization=ward_a, number=18)
    other = TermFactory(organization=ward_b, number=18)
    StaffAssignmentFactory(user=contributor_user, organization=ward_a)
    contributor_user.user_permissions.add(Permission.objects.get(codename="view_membership"))
    client.force_login(contributor_user)
    html = client.get(url("membership_changelist")).content.decode()
    assert f"term__id__exact={own.pk}" in html and f"term__id__exact={other.pk}" not in html
