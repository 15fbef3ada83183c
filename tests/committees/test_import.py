"""`manage.py import_memberships`: columns, dry run, line-numbered errors, all or nothing."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from committees.models import EndReason, EntryKind, Membership, Person
from tests.factories import PersonFactory

HEADER = (
    "full_name,organization,term,position,start_date,end_date,end_reason,entry_kind,full_time,represents\n"
)


@pytest.fixture
def csv_file(tmp_path):
    def write(text, encoding="utf-8"):
        path = tmp_path / "nhan-su.csv"
        path.write_bytes(text.encode(encoding))
        return str(path)

    return write


def run(path, *args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_memberships", path, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def good_rows(district, rep):
    return (
        HEADER
        + f"Nguyễn Thị Hạnh,{district.slug},5,Chủ tịch,2019-06-20,15/10/2021,Chuyển công tác,,1,\n"
        + f"Trần Văn Bình,{district.slug},5,Chủ tịch,15/10/2021,,,thay thế,có,\n"
        + f"Lê Thị Yến,{district.slug},5,Ủy viên,2019-06-20,,,,,{rep.slug}\n"
    )


def test_import_creates_people_and_memberships(csv_file, district, term, chair, member_position, ward_a):
    out, _ = run(csv_file(good_rows(district, ward_a)))
    assert "Đã nhập 3 chức vụ, 3 người mới" in out
    hanh = Membership.objects.get(person__full_name="Nguyễn Thị Hạnh")
    assert (
        hanh.end_date == datetime.date(2021, 10, 15)
        and hanh.end_reason == EndReason.MOVED
        and hanh.is_full_time
    )
    binh = Membership.objects.get(person__full_name="Trần Văn Bình")
    assert binh.entry_kind == EntryKind.REPLACEMENT and binh.term == term
    assert Membership.objects.get(person__full_name="Lê Thị Yến").represents == ward_a


def test_existing_person_is_reused_and_bom_nfd_are_accepted(csv_file, district, term, member_position):
    import unicodedata

    existing = PersonFactory(full_name="Nguyễn Thị Hạnh")
    text = unicodedata.normalize(
        "NFD", HEADER + f"Nguyễn Thị Hạnh,{district.slug},5,Ủy viên,2020-01-01,,,,,\n"
    )
    path = csv_file("\ufeff" + text)
    run(path)
    assert Person.objects.count() == 1
    assert Membership.objects.get().person == existing


def test_dry_run_writes_nothing(csv_file, district, term, chair, member_position, ward_a):
    out, _ = run(csv_file(good_rows(district, ward_a)), "--dry-run")
    assert "Sẽ nhập 3 chức vụ" in out
    assert not Membership.objects.exists() and not Person.objects.exists()


def test_errors_are_reported_with_line_numbers_and_nothing_is_imported(
    csv_file, district, term, chair, member_position
):
    text = (
        HEADER
        + f"Nguyễn Thị Hạnh,{district.slug},5,Chủ tịch,2019-06-20,,,,,\n"  # line 2: fine alone
        + f"Trần Văn Bình,{district.slug},5,Chủ tịch,2020-01-01,,,,,\n"  # line 3: overlaps line 2
        + "Lê Văn An,khong-co,5,Ủy viên,2020-01-01,,,,,\n"  # line 4: unknown organisation
        + f"Lê Văn Ba,{district.slug},5,Ủy viên,2018-01-01,,,,,\n"  # line 5: before the term
        + f"Lê Văn Bốn,{district.slug},5,Ủy viên,31/02/2020,,,,,\n"  # line 6: no such date
        + f"Lê Văn Năm,{district.slug},5,Ủy viên,2020-01-01,2019-01-01,,,,\n"  # line 7: end before start
        + f"Lê Văn Sáu,{district.slug},5,Bí thư,2020-01-01,,,,,\n"  # line 8: unknown position
        + f"Lê Văn Bảy,{district.slug},9,Ủy viên,2020-01-01,,,,,\n"  # line 9: unknown term
        + f"Lê Văn Tám,{district.slug},5,Ủy viên,2020-01-01,,,,có lẽ,\n"  # line 10: bad full_time
    )
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError, match="8 dòng lỗi"):
        call_command("import_memberships", csv_file(text), stdout=StringIO(), stderr=err)
    report = err.getvalue()
    for line, needle in [
        (3, "chỉ có một người giữ"),
        (4, "khong-co"),
        (5, "nhiệm kỳ"),
        (6, "31/02/2020"),
        (7, "không thể trước ngày bắt đầu"),
        (8, "Bí thư"),
        (9, "khóa 9"),
        (10, "full_time"),
    ]:
        assert any(r.startswith(f"Dòng {line}:") and needle in r for r in report.splitlines()), (line, report)
    assert "Dòng 2:" not in report
    assert not Membership.objects.exists() and not Person.objects.exists()


def test_bad_header_and_unreadable_files(csv_file, tmp_path, db):
    with pytest.raises(CommandError, match="thiếu cột position"):
        run(csv_file("full_name,organization,start_date,ghi_chu\n"))
    with pytest.raises(CommandError, match="không đọc được|Không đọc được"):
        run(str(tmp_path / "khong-ton-tai.csv"))
    with pytest.raises(CommandError, match="UTF-8"):
        run(
            csv_file("full_name,organization,position,start_date\nNguyễn,a,b,2020-01-01\n", encoding="utf-16")
        )


def test_namesakes_need_a_slug(csv_file, district, member_position):
    PersonFactory(full_name="Nguyễn Văn An")
    second = PersonFactory(full_name="Nguyễn Văn An")
    with pytest.raises(CommandError):
        run(
            csv_file(
                "full_name,organization,position,start_date\n"
                + f"Nguyễn Văn An,{district.slug},Ủy viên,2020-01-01\n"
            )
        )
    run(
        csv_file(
            "full_name,person_slug,organization,position,start_date\n"
            + f"Nguyễn Văn An,{second.slug},{district.slug},Ủy viên,2020-01-01\n"
        )
    )
    assert Membership.objects.get().person == second


def test_imported_people_and_posts_start_with_a_version_and_can_be_recovered(
    csv_file, district, term, chair, member_position, ward_a, admin_client
):
    from django.urls import reverse
    from reversion.models import Version

    run(csv_file(good_rows(district, ward_a)))
    person = Person.objects.get(full_name="Trần Văn Bình")
    version = Version.objects.get_for_object(person).get()
    assert version.revision.comment == "Nhập từ tệp nhan-su.csv"
    assert all(Version.objects.get_for_object(m).exists() for m in Membership.objects.all())
    person.delete()
    deleted = Version.objects.get_deleted(Person).get()
    url = reverse("admin:committees_person_recover", args=[deleted.pk])
    from tests.security.support import admin_form_data

    assert admin_client.post(url, admin_form_data(admin_client.get(url))).status_code == 302
    assert Person.objects.filter(full_name="Trần Văn Bình").exists()
