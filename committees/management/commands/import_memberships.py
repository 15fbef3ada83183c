"""`python manage.py import_memberships [--dry-run] FILE.csv`: import who holds which position.

The file is CSV, UTF-8 (with or without BOM), comma-separated, with a header row. Columns
(header names exactly as below; order free; unknown columns are an error):

    full_name     required  Họ và tên, e.g. "Nguyễn Thị Hạnh". An existing person with this exact
                            name (or `person_slug`) is reused; otherwise a person is created.
    person_slug   optional  Slug of an existing person, to tell namesakes apart.
    organization  required  Slug of the organisation, e.g. "mttq-phuong-khuong-dinh".
    term          optional  Term number (5 for Khóa V) of that organisation.
    position      required  Position name as in the admin, e.g. "Chủ tịch", "Ủy viên".
    start_date    required  Date the position was taken: 2024-06-20 or 20/06/2024.
    end_date      optional  Date it ended (same formats); empty while still held.
    end_reason    optional  term_ended, moved, retired, resigned, dismissed, deceased,
                            reorganized, other (or the Vietnamese label: "Chuyển công tác", …).
    entry_kind    optional  elected (default), addition (cử bổ sung), replacement (thay thế),
                            or the Vietnamese label.
    full_time     optional  1/0, có/không, yes/no, x: a full-time (chuyên trách) post.
    represents    optional  Slug of the member organisation this person represents.

Every row is validated by the same rules as the admin (dates within the term, end not before
start, one holder at a time for single-holder positions, also against rows earlier in the file).
Errors are reported with their line numbers; if any row fails, nothing is imported. With
`--dry-run` the file is checked and reported but nothing is written.
"""

from __future__ import annotations

import csv
import datetime
import io
import os

import reversion
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction

from committees.models import EndReason, EntryKind, Membership, Organization, Person, Position, Term
from frontcms.text import fold, nfc

COLUMNS = {
    "full_name",
    "person_slug",
    "organization",
    "term",
    "position",
    "start_date",
    "end_date",
    "end_reason",
    "entry_kind",
    "full_time",
    "represents",
}
REQUIRED = ("full_name", "organization", "position", "start_date")
TRUE = {"1", "x", "co", "yes", "true", "chuyen trach"}
FALSE = {"", "0", "khong", "no", "false", "khong chuyen trach"}


class RowError(Exception):
    pass


def parse_date(value: str, column: str) -> datetime.date | None:
    value = value.strip()
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise RowError(f"{column}: ngày “{value}” không hợp lệ (dùng 2024-06-20 hoặc 20/06/2024)")


def parse_choice(value: str, choices, column: str) -> str:
    value = value.strip()
    if not value:
        return ""
    for code, label in choices.choices:
        if fold(value) in (fold(code), fold(str(label))):
            return code
    allowed = ", ".join(code for code, _label in choices.choices)
    raise RowError(f"{column}: “{value}” không hợp lệ (chọn một trong: {allowed})")


class Command(BaseCommand):
    help = "Nhập danh sách chức vụ đảm nhiệm (nhân sự theo tổ chức, nhiệm kỳ) từ tệp CSV."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp CSV (UTF-8), xem mô tả cột trong README")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi gì")

    def handle(self, *args, **options):
        path = options["file"]
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc.strerror}") from exc
        try:
            text = nfc(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path}: tệp không phải UTF-8 (byte {exc.start}).") from exc

        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [h.strip() for h in (reader.fieldnames or [])]
        unknown = sorted(set(header) - COLUMNS)
        missing = [c for c in REQUIRED if c not in header]
        if unknown or missing:
            parts = []
            if missing:
                parts.append("thiếu cột " + ", ".join(missing))
            if unknown:
                parts.append("cột không biết " + ", ".join(unknown))
            raise CommandError(f"{path}, dòng 1: " + "; ".join(parts))
        reader.fieldnames = header

        errors: list[str] = []
        created = 0
        new_people = 0
        with transaction.atomic():
            # One revision for the whole file: each person and post gets a first version, so that
            # it can be recovered after a deletion and its first admin edit undone.
            with reversion.create_revision():
                reversion.set_comment(f"Nhập từ tệp {os.path.basename(path)}")
                while True:
                    try:
                        row = next(reader)
                    except StopIteration:
                        break
                    except csv.Error as exc:
                        errors.append(f"Dòng {reader.line_num}: CSV lỗi ({exc})")
                        break
                    line = reader.line_num
                    if not any((v or "").strip() for v in row.values()):
                        continue
                    if None in row:
                        errors.append(f"Dòng {line}: thừa cột so với tiêu đề")
                        continue
                    try:
                        with transaction.atomic():
                            person_created = self.import_row({k: (v or "").strip() for k, v in row.items()})
                        created += 1
                        new_people += person_created
                    except RowError as exc:
                        errors.append(f"Dòng {line}: {exc}")
                    except ValidationError as exc:
                        messages = [
                            f"{field}: {msg}" if field != "__all__" else msg
                            for field, msgs in exc.message_dict.items()
                            for msg in msgs
                        ]
                        errors.append(f"Dòng {line}: " + "; ".join(messages))
                    except IntegrityError as exc:
                        errors.append(f"Dòng {line}: cơ sở dữ liệu từ chối ({exc})")
            if errors or options["dry_run"]:
                transaction.set_rollback(True)

        for error in errors:
            self.stderr.write(error)
        if errors:
            raise CommandError(f"{len(errors)} dòng lỗi; không nhập dòng nào.")
        verb = "Sẽ nhập" if options["dry_run"] else "Đã nhập"
        self.stdout.write(f"{verb} {created} chức vụ, {new_people} người mới.")

    def import_row(self, row: dict) -> bool:
        for column in REQUIRED:
            if not row.get(column):
                raise RowError(f"thiếu {column}")
        org = Organization.objects.filter(slug=row["organization"]).first()
        if org is None:
            raise RowError(f"organization: không có tổ chức “{row['organization']}”")
        position = Position.objects.filter(name__iexact=row["position"]).first()
        if position is None:
            raise RowError(f"position: không có chức vụ “{row['position']}”")
        term = None
        if row.get("term"):
            if not row["term"].isdigit():
                raise RowError(f"term: “{row['term']}” không phải số khóa")
            term = Term.objects.filter(organization=org, number=int(row["term"])).first()
            if term is None:
                raise RowError(f"term: {org.name} không có khóa {row['term']}")
        represents = None
        if row.get("represents"):
            represents = Organization.objects.filter(slug=row["represents"]).first()
            if represents is None:
                raise RowError(f"represents: không có tổ chức “{row['represents']}”")
        full_time_raw = fold(row.get("full_time", ""))
        if full_time_raw not in TRUE | FALSE:
            raise RowError(f"full_time: “{row['full_time']}” không hợp lệ (1/0, có/không)")

        person_created = False
        if row.get("person_slug"):
            person = Person.objects.filter(slug=row["person_slug"]).first()
            if person is None:
                raise RowError(f"person_slug: không có người “{row['person_slug']}”")
        else:
            name = " ".join(row["full_name"].split())
            matches = list(Person.objects.filter(full_name=name)[:2])
            if len(matches) > 1:
                raise RowError(f"có nhiều người tên “{name}”: ghi thêm person_slug")
            person = matches[0] if matches else None
            if person is None:
                person = Person(full_name=name)
                person.full_clean(exclude=["slug"])
                person.save()
                person_created = True

        membership = Membership(
            person=person,
            organization=org,
            term=term,
            position=position,
            start_date=parse_date(row["start_date"], "start_date"),
            end_date=parse_date(row.get("end_date", ""), "end_date"),
            end_reason=parse_choice(row.get("end_reason", ""), EndReason, "end_reason"),
            entry_kind=parse_choice(row.get("entry_kind", ""), EntryKind, "entry_kind") or EntryKind.ELECTED,
            is_full_time=full_time_raw in TRUE - {""},
            represents=represents,
        )
        membership.full_clean()
        membership.save()
        return person_created
