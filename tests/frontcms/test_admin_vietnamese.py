"""Staff meet Vietnamese everywhere in the admin, and dates in dd/mm/yyyy.

The walk logs in as an administrator, a district editor and a ward contributor, opens every admin
page each of them reaches (app indexes, every model's list, search, add, change, history,
revisions, recovery, delete confirmations, a form with errors, password change, login and logout,
the editor's image browser)
and reads what a person sees or hears: text, button labels, option text and the screen-reader
attributes (aria-label, title, alt, placeholder). It fails on any English interface word from
ENGLISH_UI below and on any ISO date (2026-12-02) in that text or in a visible input.
"""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser

import pytest
import reversion
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, Permission
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from reversion.admin import VersionAdmin
from reversion.models import Version

from frontcms import publishing_service
from frontcms.admin_l10n import permission_label
from frontcms.publishing import Status
from frontcms.text import join_tags, split_tags
from news.models import Article
from tests.factories import (
    AgendaItemFactory,
    ArticleFactory,
    CategoryFactory,
    ChairPositionFactory,
    ChoiceFactory,
    CommentFactory,
    ContactPointFactory,
    DocumentFactory,
    EventFactory,
    EventReportFactory,
    FeedbackFactory,
    MembershipFactory,
    MenuItemFactory,
    PageFactory,
    PersonFactory,
    PollFactory,
    QuickLinkFactory,
    StaffAssignmentFactory,
    TermFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db
PASSWORD = "Mat-khau-thu-123"

# English interface words and phrases as Django and the third-party apps print them. Matched as
# whole words, case-sensitively. Kept free of Vietnamese syllables written without accents ("No"
# is listed capitalised only: "no" is Vietnamese) and of words that demo data uses.
ENGLISH_UI = [
    "Home",
    "History",
    "Add",
    "Change",
    "Delete",
    "Save",
    "Search",
    "Filter",
    "Filters",
    "Show",
    "Hide",
    "counts",
    "Recover",
    "Revert",
    "Model name",
    "Add link",
    "Change or view list link",
    "Date/time",
    "Date",
    "Time",
    "User",
    "Users",
    "Action",
    "Actions",
    "Yes",
    "No",
    "Unknown",
    "True",
    "False",
    "None",
    "Today",
    "Now",
    "Yesterday",
    "Tomorrow",
    "Midnight",
    "Noon",
    "Choose",
    "Chosen",
    "Remove",
    "Select",
    "selected",
    "Clear",
    "Close",
    "Cancel",
    "Go",
    "All",
    "Any date",
    "Past 7 days",
    "This month",
    "This year",
    "No date",
    "Has date",
    "Empty",
    "Not empty",
    "Log in",
    "Log out",
    "Logout",
    "Password",
    "Username",
    "Welcome",
    "View site",
    "View",
    "Documentation",
    "Toggle",
    "Sidebar",
    "Breadcrumbs",
    "Skip to main content",
    "Access",
    "Attempt",
    "Attempts",
    "Attempted",
    "Failed",
    "Locked",
    "Expires",
    "Path",
    "User Agent",
    "IP Address",
    "Meta Data",
    "Form Data",
    "Tags",
    "Tag",
    "Taggit",
    "Axes",
    "Reversion",
    "Captcha",
    "Easy_Thumbnails",
    "Thumbnail",
    "Thumbnails",
    "source",
    "object",
    "objects",
    "relationship",
    "relationships",
    "entry",
    "entries",
    "result",
    "results",
    "total",
    "Merge",
    "Enabled",
    "Disabled",
    "Content type",
    "content type",
    "Object id",
    "object id",
    "Loaded version",
    "Display name",
    "Currently",
    "Lookup",
    "Previous",
    "Next",
    "Press",
    "Please",
    "Error",
    "Added",
    "Changed",
    "Deleted",
    "Are you sure",
    "Summary",
    "Permission",
    "permissions",
    "Group",
    "Groups",
    "Staff status",
    "Active",
    "Superuser",
    "Personal info",
    "Important dates",
    "Date joined",
    "Last login",
    "First name",
    "Last name",
    "Email address",
    "Authentication",
    "Authorization",
    "Sessions",
    "Messages",
    "Recent actions",
    "My actions",
    "None available",
    "Recover deleted",
    "Initial version",
    "Reverted",
    "Embed",
    "Upload",
    "Browse",
    "Images",
    "Slideshow",
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
    "tagged",
    "Enter",
    "valid",
    "required",
    "This field",
]
ENGLISH = re.compile(r"(?<!\w)(" + "|".join(re.escape(word) for word in ENGLISH_UI) + r")(?!\w)")
ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
SCREEN_READER_ATTRIBUTES = ("aria-label", "aria-description", "title", "alt", "placeholder")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class StaffView(HTMLParser):
    """What a person sees or hears on an admin page, split into interface text and input values.

    Data is left out of the word check: table cells of a list, read-only field contents and text
    areas hold what staff typed (an English position name, a browser's user agent). Their
    screen-reader attributes (a tick's alt text, a checkbox's label) are interface and are kept.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, inside data)
        self.interface: list[str] = []
        self.data: list[str] = []
        self.values: list[str] = []

    def _in_data(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        in_data = self._in_data() or tag == "textarea" or "readonly" in classes
        if tag in {"td", "th"} and self.stack and any(t == "tbody" for t, _d in self.stack):
            in_data = in_data or self._inside_results
        for name in SCREEN_READER_ATTRIBUTES:
            if attributes.get(name):
                self.interface.append(attributes[name])
        if tag == "input":
            kind = (attributes.get("type") or "text").lower()
            if kind in {"submit", "button", "reset"} and attributes.get("value"):
                self.interface.append(attributes["value"])
            elif kind not in {"hidden", "password", "checkbox", "radio", "file"} and attributes.get("value"):
                self.values.append(attributes["value"])
        if tag not in VOID:
            self.stack.append((tag, in_data))
        if tag == "table" and attributes.get("id") == "result_list":
            self._inside_results = True

    _inside_results = False

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "table":
            self._inside_results = False
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, text):
        if any(t in {"script", "style", "template"} for t, _d in self.stack):
            return
        text = " ".join(text.split())
        if text:
            (self.data if self._in_data() else self.interface).append(text)


def problems_on(url: str, html: str) -> list[str]:
    view = StaffView()
    view.feed(html)
    found = []
    for text in view.interface:
        for match in ENGLISH.finditer(text):
            found.append(f"{url}: English {match.group(0)!r} in {text[:120]!r}")
    for text in view.interface + view.data + view.values:
        for match in ISO_DATE.finditer(text):
            found.append(f"{url}: ISO date {match.group(0)} in {text[:120]!r}")
    return found


# --- content for every list and form -------------------------------------------------------------
@pytest.fixture
def staff(django_user_model, admin_user, editor_user, contributor_user):
    ward = WardFactory(name="Ủy ban MTTQ Việt Nam phường Khương Đình")
    StaffAssignmentFactory(user=contributor_user, organization=ward)
    return {"admin": admin_user, "editor": editor_user, "contributor": contributor_user, "ward": ward}


@pytest.fixture
def content(staff):
    ward = staff["ward"]
    with reversion.create_revision():
        reversion.set_user(staff["editor"])
        term = TermFactory(organization=ward)
        person = PersonFactory(full_name="Nguyễn Thị Hạnh")
        MembershipFactory(
            person=person,
            organization=ward,
            term=term,
            position=ChairPositionFactory(),
            start_date=datetime.date(2019, 6, 20),
            end_date=datetime.date(2021, 10, 1),
        )
        ContactPointFactory(organization=ward, person=person, name="")
        article = ArticleFactory(
            title="Hội nghị đối thoại ở phường Khương Đình",
            organization=ward,
            category=CategoryFactory(name="Tin phường"),
            is_featured=True,
            tags=["an ninh trật tự", "tập huấn"],
        )
        event = EventFactory(title="Hội nghị hiệp thương lần thứ 2", organization=ward)
        AgendaItemFactory(event=event, starts_at=datetime.time(8, 30))
        EventReportFactory(event=event)
        document = DocumentFactory(issuer=ward)
        event.documents.add(document)
        page = PageFactory(title="Giới thiệu")
        MenuItemFactory(title="Giới thiệu", page=page)
        QuickLinkFactory()
        gone = PageFactory(title="Trang sẽ bị xóa")
    with reversion.create_revision():
        reversion.set_user(staff["editor"])
        article.title = "Hội nghị đối thoại ở phường Khương Đình năm 2026"
        article.save()
    gone.delete()
    CommentFactory(content_object=article)
    poll = PollFactory()
    ChoiceFactory(poll=poll)
    FeedbackFactory()
    common = {"ip_address": "10.0.0.5", "user_agent": "Mozilla/5.0", "path_info": "/quan-tri/login/"}
    AccessAttempt.objects.create(
        username="bientap", get_data="", post_data="", failures_since_start=2, http_accept="*/*", **common
    )
    AccessLog.objects.create(username="bientap", http_accept="*/*", **common)
    AccessFailureLog.objects.create(username="bientap", locked_out=True, http_accept="*/*", **common)
    return {"article": article, "event": event}


def _request_for(user):
    request = RequestFactory().get("/quan-tri/")
    request.user = user
    return request


def admin_urls(user) -> list[str]:
    """Every admin page `user` reaches from the index, for the objects they may see."""
    request = _request_for(user)
    urls = [
        reverse("admin:index"),
        reverse("admin:password_change"),
        reverse("admin:password_change_done"),
        reverse("ckeditor_browse"),  # the rich-text editor's image browser
    ]
    for app in admin.site.get_app_list(request):
        urls.append(app["app_url"])
        for entry in app["models"]:
            model = entry["model"]
            model_admin = admin.site.get_model_admin(model)
            info = (model._meta.app_label, model._meta.model_name)
            urls.append(entry["admin_url"])
            if model_admin.get_search_fields(request):
                urls.append(entry["admin_url"] + "?q=kh%C3%B4ng+c%C3%B3+g%C3%AC")
            if entry.get("add_url"):
                urls.append(entry["add_url"])
            obj = model_admin.get_queryset(request).first()
            if obj is not None:
                urls.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
                urls.append(reverse("admin:{}_{}_history".format(*info), args=[obj.pk]))
                if model_admin.has_delete_permission(request, obj):
                    urls.append(reverse("admin:{}_{}_delete".format(*info), args=[obj.pk]))
            if not isinstance(model_admin, VersionAdmin):
                continue
            version = Version.objects.get_for_object(obj).first() if obj is not None else None
            # Reverting needs the right to change the object; recovering, the recover right.
            if version is not None and model_admin.has_change_permission(request, obj):
                urls.append(reverse("admin:{}_{}_revision".format(*info), args=[obj.pk, version.pk]))
            if model_admin.has_recover_permission(request):
                urls.append(reverse("admin:{}_{}_recoverlist".format(*info)))
                deleted = Version.objects.get_deleted(model).first()
                if deleted is not None:
                    urls.append(reverse("admin:{}_{}_recover".format(*info), args=[deleted.pk]))
    return urls


def walk(client: Client, urls: list[str]) -> list[str]:
    found = []
    for url in dict.fromkeys(urls):
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        found += problems_on(url, response.content.decode())
    return found


@pytest.mark.parametrize("role", ["admin", "editor", "contributor"])
def test_every_admin_page_a_staff_member_opens_is_vietnamese(client, staff, content, role):
    user = staff[role]
    # The workflow's own screens: a returned article (its notice and steps), one scheduled.
    returned = ArticleFactory(title="Tin phường chờ bổ sung", organization=staff["ward"], status=Status.DRAFT)
    publishing_service.submit(returned, user=staff["contributor"])
    publishing_service.return_to_author(
        returned, user=staff["editor"], reason="Bổ sung ảnh và tên người phát biểu."
    )
    ArticleFactory(organization=staff["ward"], published_at=timezone.now() + datetime.timedelta(days=2))
    client.force_login(user)
    urls = admin_urls(user)
    article = content["article"]
    if user.has_perm("news.change_article"):
        urls.append(reverse("admin:news_article_compare", args=[article.pk]))
        urls.append(reverse("admin:news_article_change", args=[returned.pk]))
    assert len(urls) > 20
    found = walk(client, urls)

    # A form sent with mistakes, and the confirmation before deleting a selection.
    response = client.post(
        reverse("admin:news_article_add"),
        {"title": "", "publish_at_0": "31/02/2026", "publish_at_1": "08:00"},
    )
    found += problems_on("article add form with errors", response.content.decode())
    if user.has_perm("news.delete_article"):
        # A draft, which contributors may delete too.
        response = client.post(
            reverse("admin:news_article_changelist"),
            {"action": "delete_selected", ACTION_CHECKBOX_NAME: [returned.pk]},
        )
        assert response.status_code == 200
        found += problems_on("delete selected articles", response.content.decode())

    response = client.post(reverse("admin:logout"))
    found += problems_on("logged out", response.content.decode())
    response = Client().get(reverse("admin:login"))
    found += problems_on("login", response.content.decode())
    assert not found, "\n".join(found)


def test_the_check_itself_catches_english_iso_dates_and_english_screen_reader_text():
    html = (
        '<h1>Chọn bài viết</h1><a href="/">Home</a><input type="text" value="2026-12-02">'
        '<img src="x.svg" alt="True"><table id="result_list"><tbody><tr><td>Member</td>'
        '<td><img alt="False"></td></tr></tbody></table><p>Đăng lúc 02/12/2026 14:30</p>'
    )
    found = problems_on("page", html)
    assert any("'Home'" in line for line in found)
    assert any("ISO date 2026-12-02" in line for line in found)
    assert any("'True'" in line for line in found) and any("'False'" in line for line in found)
    assert not any("Member" in line for line in found), "a list cell is data, not interface"
    assert len(found) == 4


# --- what the walk relies on, checked directly ------------------------------------------------------
def test_app_and_model_names_of_third_party_apps_are_vietnamese(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    for name in ("Bảo vệ đăng nhập", "Thẻ bài viết", "Nhật ký đăng nhập", "Thử đăng nhập", "Đăng nhập sai"):
        assert name in html
    for english in ("Axes", "Taggit", "Access attempts", "Model name", "Add link"):
        assert english not in html


def test_date_and_time_inputs_show_and_accept_what_staff_type(editor_client, staff):
    article = ArticleFactory(published_at=timezone.make_aware(datetime.datetime(2026, 12, 2, 14, 30)))
    html = editor_client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()
    # The publish time is typed beside the step button ("Đổi giờ đăng" for a published article).
    assert 'name="publish_at_0" value="02/12/2026"' in html
    assert 'name="publish_at_1" value="14:30"' in html

    from django import forms

    date_field, time_field = forms.DateField(), forms.TimeField()
    for typed in ("02/12/2026", "2/12/2026", "02-12-2026", "02.12.2026", "2026-12-02", "2/12/26"):
        assert date_field.clean(typed) == datetime.date(2026, 12, 2), typed
    for typed in ("14:30", "14:30:00", "14h30", "14H30", "14 giờ 30"):
        assert time_field.clean(typed) == datetime.time(14, 30), typed
    assert time_field.clean("14h") == datetime.time(14, 0)
    with pytest.raises(forms.ValidationError) as error:
        date_field.clean("31/02/2026")
    assert error.value.messages == ["Hãy nhập ngày dạng ngày/tháng/năm, ví dụ 02/12/2026."]


def post_article_form(client, article, **fields):
    """Send the article's change form as the admin shows it, with `fields` typed over it."""
    url = reverse("admin:news_article_change", args=[article.pk])
    context = client.get(url).context
    form = context["adminform"].form
    data = {name: form[name].value() for name in ("title", "summary", "body", "slug")}
    for inline in context["inline_admin_formsets"]:  # every inline sent empty, as the page has it
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update({"loaded_version": article.updated_at.isoformat(), **fields})
    return client.post(url, data)


def test_article_saved_from_dates_typed_the_vietnamese_way(editor_client, staff):
    article = ArticleFactory(tags=["tập huấn"])
    response = post_article_form(
        editor_client,
        article,
        publish_at_0="2/12/2026",
        publish_at_1="7h05",
        _workflow="publish",
        tags="an ninh trật tự, tập huấn ,  khu dân cư",
        allow_comments="on",
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert timezone.localtime(article.published_at).strftime("%d/%m/%Y %H:%M") == "02/12/2026 07:05"
    assert sorted(article.tags.names()) == ["an ninh trật tự", "khu dân cư", "tập huấn"]


def test_tags_are_edited_as_a_plain_comma_separated_list(editor_client, staff):
    article = ArticleFactory(tags=["tập huấn", "an ninh trật tự", "đối thoại"])
    html = editor_client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()
    assert 'value="an ninh trật tự, đối thoại, tập huấn"' in html
    assert "&quot;" not in re.search(r'<input[^>]*name="tags"[^>]*>', html).group(0)

    assert split_tags("an ninh trật tự, tập huấn") == ["an ninh trật tự", "tập huấn"]
    assert split_tags("an ninh") == ["an ninh"], "a space does not separate tags"
    assert split_tags('"an ninh trật tự", "tập huấn"') == ["an ninh trật tự", "tập huấn"]
    assert split_tags(" Tập huấn ,tập huấn,, khu   dân cư ") == ["Tập huấn", "khu dân cư"]
    assert split_tags("") == []
    assert join_tags(["tập huấn", "đối thoại", "an ninh"]) == "an ninh, đối thoại, tập huấn"


def test_a_tag_too_long_to_store_is_a_form_error_not_a_crash(editor_client, staff):
    article = ArticleFactory()
    response = post_article_form(
        editor_client,
        article,
        publish_at_0="02/12/2026",
        publish_at_1="14:30",
        _workflow="publish",
        tags="tập huấn, " + "rất dài " * 20,
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["tags"] == [
        "Hãy nhập các thẻ cách nhau bằng dấu phẩy, mỗi thẻ không quá 100 ký tự."
    ]


def test_ticks_and_crosses_are_read_out_in_vietnamese(editor_client, staff):
    ArticleFactory(is_featured=True)
    ArticleFactory(is_featured=False)
    html = editor_client.get(reverse("admin:news_article_changelist")).content.decode()
    assert 'icon-yes.svg" alt="Có"' in html and 'icon-no.svg" alt="Không"' in html
    assert 'alt="True"' not in html and 'alt="False"' not in html


def test_permissions_are_listed_by_vietnamese_names():
    publish = Permission.objects.get(codename="publish_article")
    change = Permission.objects.get(codename="change_article")
    assert permission_label(change) == "Tin tức | bài viết | Sửa bài viết"
    assert permission_label(publish) == "Tin tức | bài viết | Xuất bản bài viết"
    tag = Permission.objects.get(codename="add_tag")
    assert permission_label(tag) == "Thẻ bài viết | thẻ | Thêm thẻ"


def test_group_form_lists_permissions_in_vietnamese(admin_client):
    group = Group.objects.first()
    html = admin_client.get(reverse("admin:auth_group_change", args=[group.pk])).content.decode()
    assert "Tin tức | bài viết | Sửa bài viết" in html
    assert "Can change" not in html and "Can add" not in html


def test_deleting_an_event_names_its_document_links_in_vietnamese(admin_client, content):
    event = content["event"]
    html = admin_client.get(reverse("admin:events_event_delete", args=[event.pk])).content.decode()
    assert "Liên kết sự kiện – văn bản" in html
    assert "Event_documents object" not in html and "relationship" not in html


def test_login_records_are_named_in_vietnamese_with_local_time():
    attempt = AccessAttempt(
        username="bientap", attempt_time=timezone.make_aware(datetime.datetime(2026, 12, 2, 7, 30))
    )
    assert str(attempt) == "Thử đăng nhập của bientap lúc 02/12/2026 07:30"
    log = AccessFailureLog(
        username="an", ip_address="10.0.0.5", locked_out=True, attempt_time=attempt.attempt_time
    )
    assert str(log) == "Đăng nhập sai của an lúc 02/12/2026 07:30 từ 10.0.0.5, đã khóa"


def test_contributors_no_longer_see_a_site_wide_tag_merge_action(client, staff):
    client.force_login(staff["contributor"])
    html = client.get(reverse("admin:taggit_tag_changelist")).content.decode()
    assert "render_tag_form" not in html and "Merge" not in html


def test_deleted_article_can_be_found_in_the_vietnamese_recover_list(admin_client, content):
    article = content["article"]
    with reversion.create_revision():
        article.delete()
    html = admin_client.get(reverse("admin:news_article_recoverlist")).content.decode()
    assert "Khôi phục bài viết đã xóa" in html
    assert "Hội nghị đối thoại ở phường Khương Đình" in html
    assert not problems_on("recover list", html)
    assert not Article.objects.exists()


def test_delete_pages_read_as_vietnamese_sentences(admin_client):
    """Django's own Vietnamese runs the question into the next sentence ("?Tất cả"), uses straight
    quotes and showed each vote as two bare ids."""
    from frontcms.engagement.models import PollVote

    poll = PollFactory(question="Bạn quan tâm nội dung nào?")
    choice = ChoiceFactory(poll=poll)
    PollVote.objects.create(
        poll=poll,
        choice=choice,
        voter_hash="a" * 64,
        created_at=timezone.make_aware(datetime.datetime(2026, 11, 2, 9, 5)),
    )
    page = admin_client.get(reverse("admin:engagement_poll_delete", args=[poll.pk])).content.decode()
    assert "Bạn có chắc muốn xóa" in page and "“Bạn quan tâm nội dung nào?”" in page
    assert "?Tất" not in page
    assert "Lượt bình chọn: 02/11/2026 09:05" in page
