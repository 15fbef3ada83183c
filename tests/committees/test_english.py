"""The English site under /en/ (Decree 42/2022/NĐ-CP): English chrome, names, dates and links.

The demo checks open every English page of seed_demo's content (the home page and every
organisation's page) with a cold cache and fail on: a string of the interface without an English
translation, Vietnamese words outside the parts marked lang="vi" (people's names aside), and an
organisation named in Vietnamese where the official English pattern gives it a name."""

from __future__ import annotations

import datetime
import unicodedata
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from committees import english
from committees.models import Organization, OrganizationKind, Person
from frontcms.models import SiteSettings
from tests.factories import ContactPointFactory, MembershipFactory, OrganizationFactory, PositionFactory
from tests.po_files import read_po

EN_PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


# --- English names ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, kind, expected",
    [
        (
            "Ủy ban MTTQ Việt Nam phường Khương Đình",
            "ward",
            "Viet Nam Fatherland Front Committee of Khuong Dinh Ward",
        ),
        (
            "Ủy ban Mặt trận Tổ quốc Việt Nam phường Thanh Xuân Bắc, quận Thanh Hà",
            "ward",
            "Viet Nam Fatherland Front Committee of Thanh Xuan Bac Ward",
        ),
        ("Ủy ban MTTQ Việt Nam Phường 5", "ward", "Viet Nam Fatherland Front Committee of Ward 5"),
        (
            "Ủy ban MTTQ Việt Nam xã Đông Anh",
            "ward",
            "Viet Nam Fatherland Front Committee of Dong Anh Commune",
        ),
        (
            "Ủy ban MTTQ Việt Nam quận Thanh Hà",
            "district",
            "Viet Nam Fatherland Front Committee of Thanh Ha District",
        ),
        (
            "Ủy ban MTTQ Việt Nam thị xã Sơn Tây",
            "district",
            "Viet Nam Fatherland Front Committee of Son Tay Town",
        ),
        (
            "Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Hà",
            "standing_board",
            "Standing Board of the Viet Nam Fatherland Front Committee of Thanh Ha District",
        ),
        (
            "Ban Thanh tra nhân dân phường Kim Giang",
            "inspection_board",
            "People's Inspection Board of Kim Giang Ward",
        ),
        (
            "Ban công tác Mặt trận khu dân cư số 3, phường Hạ Đình",
            "residential_board",
            "Front Work Board of Residential Area No. 3, Ha Dinh Ward",
        ),
        (
            "Ban công tác Mặt trận thôn Đông, xã Kim Chung",
            "residential_board",
            "Front Work Board of Dong Village, Kim Chung Commune",
        ),
        # No pattern: member organisations, councils, and names that do not say where.
        ("Hội đồng tư vấn Kinh tế", "advisory_council", ""),
        ("Hội Liên hiệp Phụ nữ quận Thanh Hà", "member_org", ""),
        ("Ủy ban MTTQ Việt Nam", "ward", ""),
        ("Ban Thường trực", "standing_board", ""),
    ],
)
def test_english_name_follows_the_official_pattern(name, kind, expected):
    assert english.derived_name(name, kind) == expected


def test_english_name_prefers_name_en_then_the_pattern_then_the_vietnamese_name_with_its_kind(db):
    ward = OrganizationFactory(
        name="Ủy ban MTTQ Việt Nam phường Khương Mai", kind=OrganizationKind.WARD_COMMITTEE
    )
    assert ward.english_name == "Viet Nam Fatherland Front Committee of Khuong Mai Ward"
    assert str(ward.english_name_html) == ward.english_name
    ward.name_en = "Khuong Mai Ward Front Committee"
    assert ward.english_name == "Khuong Mai Ward Front Committee"
    council = OrganizationFactory(name="Hội đồng tư vấn Kinh tế", kind=OrganizationKind.ADVISORY_COUNCIL)
    assert council.english_name == "Hội đồng tư vấn Kinh tế (Advisory council)"
    assert (
        str(council.english_name_html) == '<span lang="vi">Hội đồng tư vấn Kinh tế</span> (Advisory council)'
    )


def test_a_standing_board_named_only_ban_thuong_truc_takes_its_parents_name_when_at_hand(db, district):
    board = OrganizationFactory(name="Ban Thường trực", kind=OrganizationKind.STANDING_BOARD, parent=district)
    fetched = Organization.objects.select_related("parent").get(pk=board.pk)
    assert (
        fetched.english_name
        == "Standing Board of the Viet Nam Fatherland Front Committee of Thanh Ha District"
    )
    # Without the parent at hand, the name is not worth a query: the kind says what it is.
    assert Organization.objects.get(pk=board.pk).english_name == "Ban Thường trực (Standing board)"


# --- the chrome in English -------------------------------------------------------------------------
@pytest.fixture
def site(db):
    return SiteSettings.objects.create(
        site_name="Ủy ban MTTQ Việt Nam quận Thanh Hà",
        site_name_en="Viet Nam Fatherland Front Committee of Thanh Ha District",
        agency_name="Ủy ban Mặt trận Tổ quốc Việt Nam quận Thanh Hà",
        address="Số 9 phố Khương Hạ",
        address_en="9 Khuong Ha Street",
        phone="024 3858 0000",
        licence="Giấy phép số 12/GP-TTĐT",
        responsible_person="Bà Nguyễn Thị Hạnh",
    )


@time_machine.travel(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC))
def test_english_pages_run_in_english_and_vietnamese_pages_stay_vietnamese(client, site, district, ward_a):
    response = client.get(reverse("committees:english"))
    html = response.content.decode()
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in html
    for text in (
        ">Skip to main content<",
        'aria-label="Main menu"',
        ">Home</a>",
        ">Organisations</a>",
        ">Contacts</a>",
        "Tuesday, 1 December 2026",  # the header's date
        'class="brand__name">Viet Nam Fatherland Front Committee of Thanh Ha District<',
        "<dt>Address</dt><dd>9 Khuong Ha Street</dd>",
        "Responsible for content",
    ):
        assert text in html, text
    # No search box (it searches Vietnamese content) and no sidebar (Vietnamese news and polls).
    assert 'role="search"' not in html and 'class="sidebar"' not in html
    assert '<link rel="alternate" hreflang="vi" href="http://testserver/">' in html
    assert '<a href="/" hreflang="vi" lang="vi">Tiếng Việt</a>' in html  # the menu's way back

    vietnamese = client.get("/").content.decode()
    assert '<html lang="vi">' in vietnamese and "Content-Language" not in client.get("/")
    for text in (
        "Bỏ qua, đến nội dung chính",
        'aria-label="Menu chính"',
        "Thứ ba, 01/12/2026",
        'role="search"',
    ):
        assert text in vietnamese, text
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/">' in vietnamese
    assert '<a class="topbar__language" href="/en/" hreflang="en" lang="en">English</a>' in vietnamese


def test_kept_header_and_footer_are_kept_per_language(client, site, district):
    """Both languages read the same cache: neither gets the other's kept fragments."""
    for _ in range(2):
        assert ">Trang chủ<" in client.get("/to-chuc/").content.decode()
        english_html = client.get(reverse("committees:english")).content.decode()
        assert ">Home<" in english_html and "Trang chủ" not in english_html
        assert "Địa chỉ" not in english_html and "<dt>Address</dt>" in english_html


def test_footer_falls_back_to_the_vietnamese_text_marked_as_vietnamese(client, site, district):
    html = client.get(reverse("committees:english")).content.decode()
    # No English licence or responsible person given: the Vietnamese ones, marked.
    assert '<p><span lang="vi">Giấy phép số 12/GP-TTĐT</span></p>' in html
    assert 'Responsible for content: <span lang="vi">Bà Nguyễn Thị Hạnh</span>' in html
    # No English agency name: the English site name comes before the Vietnamese agency name.
    assert '<p class="site-footer__name">Viet Nam Fatherland Front Committee of Thanh Ha District</p>' in html


def test_english_organisation_page_has_english_breadcrumbs_dates_and_both_twins(client, site, district):
    dissolved = OrganizationFactory(
        name="Ủy ban MTTQ Việt Nam phường Thanh Xuân Nam",
        kind=OrganizationKind.WARD_COMMITTEE,
        parent=district,
        dissolved_on=datetime.date(2025, 1, 1),
    )
    successor = OrganizationFactory(
        name="Ủy ban MTTQ Việt Nam phường Thanh Xuân Bắc",
        kind=OrganizationKind.WARD_COMMITTEE,
        parent=district,
    )
    dissolved.succeeded_by.add(successor)
    html = client.get(dissolved.get_english_url()).content.decode()
    assert (
        '<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/en/">Home</a></li>'
        f'<li><a href="{district.get_english_url()}">Viet Nam Fatherland Front Committee of Thanh Ha District</a></li>'
        '<li><span aria-current="page">Viet Nam Fatherland Front Committee of Thanh Xuan Nam Ward</span></li>'
    ) in html
    assert '<p class="meta">Ward committee · part of' in html
    assert 'dissolved or merged on <time datetime="2025-01-01">1 January 2025</time>' in html
    assert (
        f'Succeeded by: <a href="{successor.get_english_url()}">'
        "Viet Nam Fatherland Front Committee of Thanh Xuan Bac Ward</a>"
    ) in html
    # Its Vietnamese twin, linked and named in <head>, and the Vietnamese page names this one.
    assert f'<a href="{dissolved.get_absolute_url()}" hreflang="vi">Read this page in Vietnamese</a>' in html
    for language, url in (("vi", dissolved.get_absolute_url()), ("en", dissolved.get_english_url())):
        link = f'<link rel="alternate" hreflang="{language}" href="http://testserver{url}">'
        assert link in html
        assert link in client.get(dissolved.get_absolute_url()).content.decode()
    vietnamese = client.get(dissolved.get_absolute_url()).content.decode()
    assert f'<a href="{dissolved.get_english_url()}" hreflang="en" lang="en">English</a>' in vietnamese


def test_english_names_positions_and_contact_titles_where_given_else_marked_vietnamese(
    client, site, district
):
    chair = PositionFactory(name="Chủ tịch", name_en="Chairperson", rank=10, is_leadership=True)
    vice = PositionFactory(name="Phó Chủ tịch", name_en="", rank=20, is_leadership=True)
    MembershipFactory(organization=district, position=chair, start_date=datetime.date(2024, 6, 20))
    MembershipFactory(organization=district, position=vice, start_date=datetime.date(2024, 6, 20))
    ContactPointFactory(organization=district, title="Văn phòng Ủy ban", title_en="Office")
    ContactPointFactory(organization=district, name="Tổ tiếp dân", title="Tiếp công dân", title_en="")
    html = client.get(district.get_english_url()).content.decode()
    assert '<span class="leader__position">Chairperson</span>' in html
    assert '<span class="leader__position"><span lang="vi">Phó Chủ tịch</span></span>' in html
    assert '<td data-label="Position">Office</td>' in html
    assert '<td data-label="Position"><span lang="vi">Tiếp công dân</span></td>' in html


def test_a_contact_points_english_name_where_given_else_its_vietnamese_name_marked(client, site, district):
    ContactPointFactory(
        organization=district,
        name="Văn phòng Ủy ban MTTQ quận",
        name_en="District Front Office",
        title="Văn phòng",
    )
    ContactPointFactory(organization=district, name="Tổ tiếp dân", title="Tiếp công dân")
    english = client.get(district.get_english_url()).content.decode()
    assert '<td data-label="Name">District Front Office</td>' in english
    assert "Văn phòng Ủy ban MTTQ quận" not in english
    assert '<td data-label="Name"><span lang="vi">Tổ tiếp dân</span></td>' in english
    vietnamese = client.get(district.get_absolute_url()).content.decode()
    assert "Văn phòng Ủy ban MTTQ quận" in vietnamese and "District Front Office" not in vietnamese


def test_an_old_slug_of_an_english_page_redirects_to_the_english_page(client, district):
    old = district.slug
    district.slug = "mttq-quan-thanh-ha-moi"
    district.save()
    response = client.get(f"/en/to-chuc/{old}/")
    assert response.status_code == 301 and response["Location"] == "/en/to-chuc/mttq-quan-thanh-ha-moi/"


def test_a_missing_english_page_is_an_english_404(client, site):
    response = client.get("/en/to-chuc/khong-co/")
    html = response.content.decode()
    assert response.status_code == 404 and '<html lang="en">' in html
    assert "Page not found" in html and '<a class="button" href="/en/">Back to the home page</a>' in html


def test_sitemap_lists_the_english_pages(client, district, ward_a):
    xml = client.get("/sitemap.xml").content.decode()
    for url in (reverse("committees:english"), district.get_english_url(), ward_a.get_english_url()):
        assert f"<loc>http://testserver{url}</loc>" in xml


# --- every English page of the demo ----------------------------------------------------------------
@pytest.fixture
def demo_english_pages(db, settings, tmp_path, client) -> dict[str, dict]:
    """{url: {"html": …, "templates": {source files}}} for /en/ and every organisation's English
    page of seed_demo's content, each rendered with a cold cache (kept fragments included)."""
    settings.MEDIA_ROOT = str(tmp_path)
    from django.core.management import call_command

    call_command("seed_demo", stdout=StringIO())
    urls = [reverse("committees:english")] + [
        o.get_english_url() for o in Organization.objects.order_by("pk")
    ]
    pages = {}
    base = Path(settings.BASE_DIR)
    for url in urls:
        cache.clear()
        response = client.get(url)
        assert response.status_code == 200, url
        sources = {
            str(Path(t.origin.name).relative_to(base))
            for t in response.templates
            if t.origin and t.origin.name and Path(t.origin.name).is_relative_to(base)
        }
        pages[url] = {"html": response.content.decode(), "templates": sources}
    return pages


class _VisibleText(HTMLParser):
    """Text and the attributes people read or hear (title, alt, aria-label, placeholder, the
    phone-layout data-label, meta descriptions), outside elements marked lang="vi"."""

    READ = {"title", "alt", "aria-label", "placeholder", "data-label"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []  # (tag, inside Vietnamese)
        self.found: list[str] = []

    def _vietnamese(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        vietnamese = self._vietnamese()
        if tag == "html":
            vietnamese = False
        elif "lang" in attrs:
            vietnamese = (attrs["lang"] or "").startswith("vi")
        if not vietnamese:
            self.found += [value for name, value in attrs.items() if name in self.READ and value]
            if tag == "meta" and attrs.get("name") == "description":
                self.found.append(attrs.get("content") or "")
        if tag not in self.VOID:
            self.stack.append((tag, vietnamese))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self._vietnamese() and not (self.stack and self.stack[-1][0] in ("script", "style")):
            self.found.append(data)


def _has_vietnamese_letters(text: str) -> bool:
    decomposed = unicodedata.normalize("NFD", text)
    return "đ" in text.lower() or any(unicodedata.combining(ch) for ch in decomposed)


def test_every_english_page_of_the_demo_shows_no_vietnamese_outside_marked_parts(demo_english_pages):
    names = sorted(Person.objects.values_list("full_name", flat=True), key=len, reverse=True)
    failures = []
    for url, page in demo_english_pages.items():
        parser = _VisibleText()
        parser.feed(page["html"])
        for text in parser.found:
            for name in names:  # people's names are written as they are
                text = text.replace(name, "")
            if _has_vietnamese_letters(text):
                failures.append(f"{url}: {text.strip()[:100]!r}")
    assert not failures, "\n" + "\n".join(sorted(set(failures))[:40])


def test_every_interface_string_of_the_english_pages_has_an_english_translation(demo_english_pages):
    """Every catalogue entry used by a template that rendered an English page is translated."""
    templates = set().union(*(page["templates"] for page in demo_english_pages.values()))
    assert {
        "templates/base.html",
        "templates/partials/header.html",
        "templates/partials/footer.html",
    } <= templates
    assert "committees/templates/committees/english.html" in templates
    untranslated = sorted(
        f"{entry.msgid!r} ({', '.join(sorted(entry.references & templates))})"
        for entry in read_po(EN_PO)
        if entry.references & templates and not entry.translated
    )
    assert not untranslated, "untranslated in locale/en:\n" + "\n".join(untranslated)


def test_no_english_page_of_the_demo_names_an_organisation_in_vietnamese_where_a_pattern_applies(
    demo_english_pages,
):
    organisations = list(Organization.objects.all())
    patterned = [o for o in organisations if english.derived_name(o.name, o.kind)]
    # The pattern reaches most of the demo (wards, boards), and the rest has its own name_en.
    assert len(patterned) > 50
    assert all(o.name_en or o in patterned for o in organisations)
    failures = [
        f"{url}: {org.name}"
        for url, page in demo_english_pages.items()
        for org in patterned
        if org.name in page["html"]
    ]
    assert not failures, "\n" + "\n".join(failures[:40])
    for org in organisations:  # and each is named on its own English page
        assert f'<h1 class="page-title">{org.english_name}</h1>' in demo_english_pages[org.get_english_url()][
            "html"
        ].replace("&#x27;", "'")
