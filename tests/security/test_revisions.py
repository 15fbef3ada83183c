"""Revision history and recovery never cross a scope, a model or an object (frontcms.revisions).

The attacks of the security issue, as forged requests against every admin with history: a ward
contributor, or a district editor, sends another model's version id to their own object's history
URL or to a recover URL; a contributor recovers what an editor deleted; an old revision holding
several objects (bulk actions used to make those) is reverted for one of them. Controls show that
the legitimate revert and recover still work on every model, so the refusals are the checks.
"""

from __future__ import annotations

import pytest
import reversion
from django.contrib import admin
from django.db.models import Max
from reversion.models import Version
from taggit.models import Tag

from events.models import AgendaItem, Document, Event, EventReport
from frontcms.models import SearchEntry
from frontcms.publishing import Status
from frontcms.revisions import RevisionAdmin, own_revision
from frontcms.roles import CONTRIBUTORS, EDITORS
from news.models import Article
from tests.factories import (
    AgendaItemFactory,
    ArticleFactory,
    EventFactory,
    EventReportFactory,
    OrganizationFactory,
    WardFactory,
)
from tests.security.support import (
    admin_form_data,
    admin_url,
    make_object,
    revision_admins,
    save_revision,
    staff_user,
)

pytestmark = pytest.mark.django_db

HISTORY_MODELS = [model for model, _admin in revision_admins()]
# A field each model's form edits, and a value to change it to (a revert must bring the old one back).
EDITED = {
    "news.Article": ("title", "Tiêu đề sửa sau"),
    "news.Category": ("name", "Danh mục sửa sau"),
    "events.Event": ("title", "Sự kiện sửa sau"),
    "events.EventReport": ("results", "Kết quả sửa sau"),
    "events.Document": ("title", "Văn bản sửa sau"),
    "committees.Organization": ("short_name", "Tên gọn sửa sau"),
    "committees.Term": ("congress_name", "Đại hội sửa sau"),
    "committees.Person": ("full_name", "Trần Thị Sửa Sau"),
    "committees.Position": ("name_en", "Edited later"),
    "committees.Membership": ("order", 7),
    "frontcms.Page": ("title", "Trang sửa sau"),
}
SECRET = "Tin nội bộ phường Khương Đình"


def label(model) -> str:
    return model._meta.label


def admin_of(model):
    return admin.site._registry[model]


@pytest.fixture
def wards(db):
    district = OrganizationFactory(name="Ủy ban MTTQ Việt Nam quận Thanh Hà")
    ward_a = WardFactory(name="Ủy ban MTTQ Việt Nam phường Kim Giang", parent=district)
    ward_b = WardFactory(name="Ủy ban MTTQ Việt Nam phường Khương Đình", parent=district)
    return ward_a, ward_b


@pytest.fixture
def attacker(wards):
    """A contributor of ward A, attacking ward B."""
    return staff_user("ctv-kim-giang", CONTRIBUTORS, wards[0])


@pytest.fixture
def editor(db):
    return staff_user("bientap-quan", EDITORS)


@pytest.fixture
def user_of(attacker, editor):
    return {"contributor": attacker, "editor": editor}.get


def free_pk(*models) -> int:
    """An id no row of these models has, far from what their sequences hand out in this test."""
    highest = [m._default_manager.aggregate(top=Max("pk"))["top"] or 0 for m in models]
    return max(highest) + 500


def row(obj) -> dict:
    return type(obj)._default_manager.filter(pk=obj.pk).values().get()


def archived_prize(model, ward_b, pk=None):
    """A ward-B object of `model` that was published once and is archived now; returns it and
    the version in which it was published."""
    prize = make_object(model, admin_of(model), ward_b, pk=pk, title=SECRET)
    published = save_revision(prize, status=Status.PUBLISHED)
    save_revision(prize, status=Status.ARCHIVED)
    return prize, published


def prize_model_for(model):
    return Event if model is Article else Article


def test_every_admin_with_history_is_a_revision_admin():
    assert len(HISTORY_MODELS) >= 11, HISTORY_MODELS
    assert [label(m) for m, a in revision_admins() if not isinstance(a, RevisionAdmin)] == []
    assert sorted(EDITED) == sorted(label(m) for m in HISTORY_MODELS)


# --- the attacks ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["contributor", "editor"])
@pytest.mark.parametrize("model", HISTORY_MODELS, ids=label)
def test_another_models_version_is_refused_on_this_objects_history(client, wards, user_of, model, role):
    ward_a, ward_b = wards
    prize_model = prize_model_for(model)
    pk = free_pk(model, prize_model)
    prize, published = archived_prize(prize_model, ward_b, pk=pk)
    own = make_object(model, admin_of(model), ward_a, pk=pk)  # the same id, as the attacker arranged
    save_revision(own)
    before = row(own)
    client.force_login(user_of(role))
    url = admin_url(model, "revision", own.pk, published.pk)
    refused = {403, 404} if role == "contributor" else {404}

    page = client.get(url)
    assert page.status_code in refused
    assert SECRET not in page.content.decode()
    response = client.post(url, {"status": Status.PUBLISHED, "title": SECRET, "_save": "Lưu"})
    assert response.status_code in refused

    prize.refresh_from_db()
    assert prize.status == Status.ARCHIVED
    assert row(own) == before


@pytest.mark.parametrize("role", ["contributor", "editor"])
@pytest.mark.parametrize("model", HISTORY_MODELS, ids=label)
def test_recover_takes_only_a_deleted_object_of_this_model(client, wards, user_of, model, role):
    ward_a, ward_b = wards
    prize_model = prize_model_for(model)
    prize, published = archived_prize(prize_model, ward_b)
    prize_pk = prize.pk
    prize.delete()  # an editor deleted it; its versions stay
    living = make_object(model, admin_of(model), ward_a)
    living_version = save_revision(living)
    before = row(living)
    client.force_login(user_of(role))
    refused = {403} if role == "contributor" else {404}

    for version in (published, living_version):
        url = admin_url(model, "recover", version.pk)
        assert client.get(url).status_code in refused
        assert client.post(url, {"status": Status.PUBLISHED, "title": SECRET}).status_code in refused

    assert not prize_model.objects.filter(pk=prize_pk).exists()
    assert row(living) == before


def test_contributor_cannot_republish_another_wards_archived_article_through_own_event(
    client, wards, attacker
):
    """The issue's attack: draft events until one has the article's id, then its history URL."""
    ward_a, ward_b = wards
    article, published = archived_prize(Article, ward_b)
    event = EventFactory(organization=ward_a, status=Status.DRAFT)
    for _attempt in range(20):  # as the attacker would; a few drafts at most in a fresh database
        if event.pk >= article.pk:
            break
        event = EventFactory(organization=ward_a, status=Status.DRAFT)
    # Ids run apart on PostgreSQL, whose sequences are never rolled back: after the rest of the
    # suite the gap is thousands of drafts, so both objects are given the same free id instead.
    if event.pk != article.pk:
        event = make_object(Event, admin_of(Event), ward_a, pk=free_pk(Event, Article))
        article, published = archived_prize(Article, ward_b, pk=event.pk)
    client.force_login(attacker)
    form = admin_form_data(client.get(admin_url(Event, "change", event.pk)))
    url = admin_url(Event, "revision", event.pk, published.pk)
    assert client.post(url, {**form, "status": Status.PUBLISHED}).status_code == 404
    article.refresh_from_db()
    assert article.status == Status.ARCHIVED
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_contributor_cannot_recover_what_an_editor_deleted(client, wards, attacker):
    ward_a, ward_b = wards
    for ward in (ward_a, ward_b):  # not even their own ward's
        article, published = archived_prize(Article, ward)
        pk = article.pk
        article.delete()
        client.force_login(attacker)
        for model in (Article, Event):
            url = admin_url(model, "recover", published.pk)
            assert client.post(url, {"status": Status.PUBLISHED}).status_code == 403
        assert not Article.objects.filter(pk=pk).exists()
    assert client.get(admin_url(Article, "recoverlist")).status_code == 403
    changelist = client.get(admin_url(Article, "changelist")).content.decode()
    assert admin_url(Article, "recoverlist") not in changelist


def test_recover_list_and_link_for_editors_show_this_models_deleted_objects(client, wards, editor):
    ward_a, ward_b = wards
    article, _published = archived_prize(Article, ward_b)
    event, _event_published = archived_prize(Event, ward_b)
    Event.objects.filter(pk=event.pk).update(title="Sự kiện đã xóa")
    event.refresh_from_db()
    save_revision(event)
    article.delete()
    event.delete()
    client.force_login(editor)
    assert admin_url(Article, "recoverlist") in client.get(admin_url(Article, "changelist")).content.decode()
    listing = client.get(admin_url(Article, "recoverlist")).content.decode()
    assert SECRET in listing and "Sự kiện đã xóa" not in listing


def test_contributor_sees_no_deleted_version_outside_the_ward_even_through_the_hook(rf, wards, attacker):
    ward_a, ward_b = wards
    own, _ = archived_prize(Article, ward_a)
    other, _ = archived_prize(Article, ward_b)
    own_version = Version.objects.get_for_object(own).first()
    other_version = Version.objects.get_for_object(other).first()
    own.delete()
    other.delete()
    request = rf.get("/")
    request.user = attacker
    model_admin = admin_of(Article)
    assert not model_admin.has_recover_permission(request)
    assert model_admin.may_see_deleted_version(request, own_version)
    assert not model_admin.may_see_deleted_version(request, other_version)


def test_contributor_revert_never_publishes(client, wards, attacker):
    ward_a, _ward_b = wards
    article = make_object(Article, admin_of(Article), ward_a, title="Bài của phường")
    published = save_revision(article, status=Status.PUBLISHED)
    save_revision(article, status=Status.DRAFT, title="Bài trả lại để sửa")  # returned by an editor
    client.force_login(attacker)
    url = admin_url(Article, "revision", article.pk, published.pk)
    page = client.get(url)
    assert page.status_code == 200
    assert "status" not in page.context["adminform"].form.fields  # the state moves by named steps only
    assert '<span class="workflow-state workflow-state--draft">Bản nháp</span>' in page.content.decode()
    forged = client.post(url, {**admin_form_data(page), "status": Status.PUBLISHED, "_workflow": "publish"})
    assert forged.status_code == 200 and forged.context["adminform"].form.non_field_errors()
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    response = client.post(url, admin_form_data(page))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Bài của phường"  # the content came back
    assert article.status == Status.DRAFT  # the publication did not


def test_contributor_cannot_revert_own_article_back_into_another_ward(client, wards, attacker):
    ward_a, ward_b = wards
    article = make_object(Article, admin_of(Article), ward_b, title="Bài chuyển phường")
    old = save_revision(article)
    save_revision(article, organization=ward_a, title="Bài nay thuộc Kim Giang")  # an editor moved it
    client.force_login(attacker)
    url = admin_url(Article, "revision", article.pk, old.pk)
    response = client.post(url, {"status": Status.DRAFT})
    assert response.status_code == 302 and response["Location"] == admin_url(Article, "changelist")
    article.refresh_from_db()
    assert (article.organization_id, article.title) == (ward_a.pk, "Bài nay thuộc Kim Giang")
    assert "phạm vi" in client.get(response["Location"]).content.decode()


def test_contributor_reverting_an_old_two_ward_revision_touches_only_their_article(client, wards, attacker):
    ward_a, ward_b = wards
    own = make_object(Article, admin_of(Article), ward_a, title="Bài Kim Giang bản đầu")
    other = make_object(Article, admin_of(Article), ward_b, title="Bài Khương Đình bản đầu")
    with reversion.create_revision():  # an old bulk revision holding both
        own.save()
        other.save()
    old = Version.objects.get_for_object(own).first()
    assert old.revision.version_set.count() == 2
    save_revision(own, title="Bài Kim Giang bản sau")
    save_revision(other, title="Bài Khương Đình bản sau", status=Status.ARCHIVED)
    client.force_login(attacker)
    url = admin_url(Article, "revision", own.pk, old.pk)
    response = client.post(url, admin_form_data(client.get(url)))
    assert response.status_code == 302
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.title == "Bài Kim Giang bản đầu"
    assert (other.title, other.status) == ("Bài Khương Đình bản sau", Status.ARCHIVED)


# --- one revision per object ---------------------------------------------------------------------------
def test_reverting_one_article_of_an_old_bulk_revision_keeps_the_others(client, wards, editor):
    """The issue's data loss: a later fix of B and the archiving of C survive a revert of A."""
    a, b, c = (ArticleFactory(status=Status.PENDING, title=f"Bài {n}") for n in "ABC")
    with reversion.create_revision():  # what the old bulk publish wrote
        for article in (a, b, c):
            article.status = Status.PUBLISHED
            article.save()
    bulk = Version.objects.get_for_object(a).first()
    save_revision(b, editor, title="Bài B đã sửa lỗi")
    save_revision(c, editor, status=Status.ARCHIVED)
    save_revision(a, editor, title="Bài A sửa nhầm")
    client.force_login(editor)
    url = admin_url(Article, "revision", a.pk, bulk.pk)
    response = client.post(url, admin_form_data(client.get(url)))
    assert response.status_code == 302
    for article in (a, b, c):
        article.refresh_from_db()
    assert a.title == "Bài A" and a.status == Status.PUBLISHED
    assert b.title == "Bài B đã sửa lỗi"
    assert c.status == Status.ARCHIVED


@pytest.mark.parametrize("model", [Article, Event, EventReport], ids=label)
@pytest.mark.parametrize(
    ("action", "start", "end", "comment"),
    [
        ("publish_selected", Status.PENDING, Status.PUBLISHED, "Xuất bản hàng loạt"),
        ("archive_selected", Status.PUBLISHED, Status.ARCHIVED, "Lưu trữ hàng loạt"),
        ("submit_for_review", Status.DRAFT, Status.PENDING, "Gửi duyệt hàng loạt"),
    ],
)
def test_bulk_actions_give_each_object_its_own_revision(client, editor, model, action, start, end, comment):
    objects = [make_object(model, status=start) for _ in range(3)]
    client.force_login(editor)
    response = client.post(
        admin_url(model, "changelist"), {"action": action, "_selected_action": [o.pk for o in objects]}
    )
    assert response.status_code == 302
    revisions = set()
    for obj in objects:
        obj.refresh_from_db()
        assert obj.status == end
        version = Version.objects.get_for_object(obj).get()
        revision = version.revision
        assert [v.object_id for v in revision.version_set.filter(content_type=version.content_type)] == [
            str(obj.pk)
        ]
        assert revision.user == editor and revision.get_comment() == comment
        revisions.add(revision.pk)
    assert len(revisions) == 3


def test_after_a_bulk_publish_reverting_one_keeps_anothers_later_fix(client, editor):
    a, b = (ArticleFactory(status=Status.PENDING, title=f"Tin {n}") for n in "AB")
    client.force_login(editor)
    changelist = admin_url(Article, "changelist")
    client.post(changelist, {"action": "publish_selected", "_selected_action": [a.pk, b.pk]})
    bulk_a = Version.objects.get_for_object(a).get()
    save_revision(b, editor, title="Tin B đã sửa lỗi")
    save_revision(a, editor, title="Tin A sửa nhầm")
    url = admin_url(Article, "revision", a.pk, bulk_a.pk)
    assert client.post(url, admin_form_data(client.get(url))).status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.title, b.title) == ("Tin A", "Tin B đã sửa lỗi")


def test_list_editable_saves_each_object_in_its_own_revision(client, editor):
    from tests.factories import PageFactory

    pages = [PageFactory(title=f"Trang {n}", order=n) for n in range(2)]
    client.force_login(editor)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "_save": "Lưu",
    }
    for index, page in enumerate(pages):
        data |= {f"form-{index}-id": str(page.pk), f"form-{index}-order": str(10 + index)}
        data |= {f"form-{index}-is_published": "on"}
    response = client.post(admin_url(type(pages[0]), "changelist"), data)
    assert response.status_code == 302
    revisions = {Version.objects.get_for_object(p).get().revision_id for p in pages}
    assert len(revisions) == 2


def test_own_revision_refuses_to_merge_into_an_outer_revision(editor):
    with reversion.create_revision(), pytest.raises(RuntimeError), own_revision(editor, "x"):
        pass


# --- what a revert brings back, and what it leaves current -------------------------------------------
def test_revert_brings_back_the_events_own_children_and_no_one_elses(client, editor):
    mine = EventFactory(title="Hội nghị của tôi")
    other = EventFactory(title="Hội nghị khác")
    kept = AgendaItemFactory(event=mine, title="Khai mạc")
    theirs = AgendaItemFactory(event=other, title="Việc của sự kiện khác")
    with reversion.create_revision():  # one old revision holding both events and their agendas
        mine.save()
        other.save()
    old = Version.objects.get_for_object(mine).first()
    assert AgendaItem.objects.count() == 2
    AgendaItem.objects.filter(pk=kept.pk).update(title="Khai mạc (đổi)")
    AgendaItem.objects.filter(pk=theirs.pk).update(title="Việc đã sửa sau")
    added = AgendaItemFactory(event=mine, title="Mục thêm sau")
    client.force_login(editor)
    url = admin_url(Event, "revision", mine.pk, old.pk)
    response = client.post(url, admin_form_data(client.get(url)))
    assert response.status_code == 302
    assert AgendaItem.objects.get(pk=kept.pk).title == "Khai mạc"
    assert not AgendaItem.objects.filter(pk=added.pk).exists()
    assert AgendaItem.objects.get(pk=theirs.pk).title == "Việc đã sửa sau"


def test_revert_keeps_search_and_the_public_page_current(client, editor):
    from django.test import Client

    article = ArticleFactory(title="Hội nghị đối thoại lần thứ nhất")
    old = save_revision(article)
    save_revision(article, title="Tiêu đề đặt nhầm")
    reader = Client()
    assert "Tiêu đề đặt nhầm" in reader.get(article.get_absolute_url()).content.decode()  # now cached
    assert SearchEntry.objects.get(object_id=article.pk, kind="article").title == "Tiêu đề đặt nhầm"
    client.force_login(editor)
    url = admin_url(Article, "revision", article.pk, old.pk)
    assert client.post(url, admin_form_data(client.get(url))).status_code == 302
    assert SearchEntry.objects.get(object_id=article.pk, kind="article").title == (
        "Hội nghị đối thoại lần thứ nhất"
    )
    page = reader.get(article.get_absolute_url()).content.decode()
    assert "Hội nghị đối thoại lần thứ nhất" in page and "Tiêu đề đặt nhầm" not in page


def test_recovered_article_is_found_again(client, editor):
    article = ArticleFactory(title="Tin được khôi phục về bầu cử")
    version = save_revision(article)
    pk = article.pk
    article.delete()
    assert not SearchEntry.objects.filter(object_id=pk, kind="article").exists()
    client.force_login(editor)
    url = admin_url(Article, "recover", version.pk)
    assert client.post(url, admin_form_data(client.get(url))).status_code == 302
    assert Article.objects.get(pk=pk).title == "Tin được khôi phục về bầu cử"
    assert SearchEntry.objects.filter(object_id=pk, kind="article").exists()


def test_revert_to_a_version_pointing_at_deleted_data_is_a_message_not_a_500(
    client, editor, django_user_model
):
    author = django_user_model.objects.create_user("tac-gia-da-nghi", password="x")
    report = EventReportFactory(author=author)
    old = save_revision(report)
    report.author = editor
    save_revision(report, results="Đã sửa")
    author.delete()
    client.force_login(editor)
    url = admin_url(EventReport, "revision", report.pk, old.pk)
    response = client.post(url, admin_form_data(client.get(url)))
    assert response.status_code == 302 and response["Location"] == admin_url(EventReport, "changelist")
    assert "đã bị xóa" in client.get(response["Location"]).content.decode()
    report.refresh_from_db()
    assert report.results == "Đã sửa" and report.author == editor


# --- controls: the legitimate revert and recover work on every model -----------------------------------
def revert_to_first_version(client, user, model, organization):
    """Save an object of `model`, change it, then revert it in the admin as `user`; returns the
    object (refreshed), its first value of the edited field and the revert's response."""
    field, changed = EDITED[label(model)]
    obj = make_object(model, admin_of(model), organization)
    original = getattr(obj, field)
    old = save_revision(obj)
    save_revision(obj, **{field: changed})
    client.force_login(user)
    url = admin_url(model, "revision", obj.pk, old.pk)
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, admin_form_data(page))
    obj.refresh_from_db()
    return obj, original, response


@pytest.mark.parametrize("model", HISTORY_MODELS, ids=label)
def test_editor_reverts_and_recovers_every_model_with_history(client, wards, editor, model):
    obj, original, response = revert_to_first_version(client, editor, model, wards[0])
    assert response.status_code == 302
    assert getattr(obj, EDITED[label(model)][0]) == original

    last = save_revision(obj)
    pk = obj.pk
    obj.delete()
    assert str(last.object_repr) in client.get(admin_url(model, "recoverlist")).content.decode()
    url = admin_url(model, "recover", last.pk)
    response = client.post(url, admin_form_data(client.get(url)))
    assert response.status_code == 302
    assert model._default_manager.filter(pk=pk).exists()


@pytest.mark.parametrize("model", [Article, Event, EventReport], ids=label)
def test_contributor_reverts_own_draft(client, wards, attacker, model):
    obj, original, response = revert_to_first_version(client, attacker, model, wards[0])
    assert response.status_code == 302
    assert getattr(obj, EDITED[label(model)][0]) == original


@pytest.mark.parametrize("model", [Article, Event, EventReport, Document], ids=label)
@pytest.mark.parametrize(
    ("then", "now"),
    [(Status.PENDING, Status.PUBLISHED), (Status.DRAFT, Status.PENDING), (Status.PUBLISHED, Status.ARCHIVED)],
    ids=["live-stays-live", "waiting-stays-in-the-queue", "taken-down-stays-down"],
)
def test_going_back_brings_back_the_text_and_keeps_the_workflow_state(
    client, wards, editor, model, then, now
):
    """Publishing, taking down and sending for review are steps of their own: going back to a
    version saved in another state changes only what the item says."""
    field, _changed = EDITED[label(model)]
    obj = make_object(model, admin_of(model), wards[0], status=then)
    old = save_revision(obj, **{field: "Nội dung của phiên bản cũ"})
    save_revision(obj, status=now, **{field: "Nội dung mới nhất"})
    published_at = type(obj)._default_manager.get(pk=obj.pk).published_at
    client.force_login(editor)
    url = admin_url(model, "revision", obj.pk, old.pk)
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(url, {**admin_form_data(form), "_workflow": "save"})
    assert response.status_code == 302, response.content[:300]
    obj = type(obj)._default_manager.get(pk=obj.pk)
    assert getattr(obj, field) == "Nội dung của phiên bản cũ"
    assert obj.status == now and obj.published_at == published_at


# --- what another unit's time leaves behind: versions, related names, tags ------------------------
def test_history_and_compare_show_no_version_from_another_wards_time(client, wards, attacker):
    ward_a, ward_b = wards
    article = make_object(Article, admin_of(Article), ward_b, title=SECRET, body=f"<p>{SECRET}</p>")
    secret_version = save_revision(article)
    save_revision(article, title="Bài của Khương Đình, bản hai")
    # An editor moves it to ward A, which works on it from then on.
    save_revision(article, organization=ward_a, title="Bài nay thuộc Kim Giang", body="<p>Bản mới.</p>")
    save_revision(article, title="Bài nay thuộc Kim Giang, sửa lại")
    client.force_login(attacker)
    history = client.get(admin_url(Article, "history", article.pk))
    assert history.status_code == 200
    assert admin_url(Article, "revision", article.pk, secret_version.pk) not in history.content.decode()
    assert history.content.decode().count(f"/news/article/{article.pk}/history/") == 2  # ward A's two
    compare = admin_url(Article, "compare", article.pk)
    for url in (compare, f"{compare}?cu={secret_version.pk}"):
        page = client.get(url)
        assert page.status_code == 200
        assert "Kim Giang" in page.content.decode() and SECRET not in page.content.decode()


def test_history_links_versions_only_for_users_who_may_go_back_to_them(client, wards, attacker, editor):
    """A contributor may read a published article's history but not change it: the page lists its
    versions without links that would end in a refusal; an editor gets the links."""
    article = make_object(Article, admin_of(Article), wards[0], title="Bài Kim Giang")
    first = save_revision(article)
    save_revision(article, status=Status.PUBLISHED)
    revision = admin_url(Article, "revision", article.pk, first.pk)
    client.force_login(attacker)
    history = client.get(admin_url(Article, "history", article.pk))
    assert history.status_code == 200
    page = history.content.decode()
    assert revision not in page and "không trở về phiên bản cũ được" in page
    assert page.split('id="change-history"')[1].count('<th scope="row">') == 2  # both still listed
    assert client.get(revision).status_code == 403
    assert revision not in client.get(admin_url(Article, "compare", article.pk)).content.decode()
    client.force_login(editor)
    assert revision in client.get(admin_url(Article, "history", article.pk)).content.decode()
    assert revision in client.get(admin_url(Article, "compare", article.pk)).content.decode()


def test_compare_names_only_related_objects_the_contributor_may_pick(client, wards, attacker):
    ward_a, ward_b = wards
    event = make_object(Event, admin_of(Event), ward_b, title="Hội nghị công khai", status=Status.PUBLISHED)
    article = make_object(Article, admin_of(Article), ward_a, title="Bài Kim Giang")
    save_revision(article, event=event)
    save_revision(article, title="Bài Kim Giang sửa lại")
    save_revision(event, status=Status.ARCHIVED, title=SECRET)  # taken down and renamed since
    client.force_login(attacker)
    page = client.get(admin_url(Article, "compare", article.pk)).content.decode()
    assert SECRET not in page and f"#{event.pk}" in page


def test_a_picked_article_taken_down_since_is_not_named_on_the_pickers_form(client, wards, attacker):
    from news.models import RelatedArticle

    ward_a, ward_b = wards
    picked = make_object(Article, admin_of(Article), ward_b, title="Tin công khai", status=Status.PUBLISHED)
    own = make_object(Article, admin_of(Article), ward_a, title="Bài Kim Giang")
    RelatedArticle.objects.create(from_article=own, to_article=picked)
    Article.objects.filter(pk=picked.pk).update(status=Status.ARCHIVED, title=SECRET)
    client.force_login(attacker)
    response = client.get(admin_url(Article, "change", own.pk))
    assert response.status_code == 200 and SECRET not in response.content.decode()


def test_the_tag_list_shows_a_contributor_only_tags_of_articles_they_may_see(client, wards, attacker, editor):
    ward_a, ward_b = wards
    draft = make_object(Article, admin_of(Article), ward_b, title="Bản nháp Khương Đình")
    draft.tags.add("thẻ bí mật khương đình")
    published = make_object(Article, admin_of(Article), ward_b, title="Tin đã đăng", status=Status.PUBLISHED)
    published.tags.add("thẻ công khai")
    own = make_object(Article, admin_of(Article), ward_a, title="Bản nháp Kim Giang")
    own.tags.add("thẻ của kim giang", "thẻ công khai")
    client.force_login(attacker)
    page = client.get(admin_url(Tag, "changelist")).content.decode()
    assert "thẻ công khai" in page and "thẻ của kim giang" in page
    assert "bí mật" not in page
    client.force_login(editor)
    assert "thẻ bí mật khương đình" in client.get(admin_url(Tag, "changelist")).content.decode()
