"""Read-only admin pages link a related object only when the reader may open its admin page: a ward
contributor reading their ward's published items meets no link that answers 403 or 404, an editor
keeps the links (frontcms/admin_links.py and the two admin field templates)."""

import re
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin import helpers
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from committees.models import OrganizationKind
from frontcms.publishing import Status
from news.models import Article
from tests.factories import (
    ArticleFactory,
    DocumentFactory,
    EventFactory,
    OrganizationFactory,
    RelatedArticleFactory,
    StaffAssignmentFactory,
    TermFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db

OTHER_EVENT = "Hội nghị đối thoại phường Thượng Đình"
OTHER_ARTICLE = "Phường Thượng Đình ra mắt mô hình dân vận khéo"
OTHER_DOCUMENT = "Kế hoạch tổ chức Ngày hội Đại đoàn kết phường Thượng Đình"


@pytest.fixture
def district():
    return OrganizationFactory(
        name="Ủy ban MTTQ Việt Nam quận Đống Đa", kind=OrganizationKind.DISTRICT_COMMITTEE
    )


@pytest.fixture
def ward(district):
    return WardFactory(name="Ủy ban MTTQ Việt Nam phường Khương Đình", parent=district)


@pytest.fixture
def other_ward(district):
    return WardFactory(name="Ủy ban MTTQ Việt Nam phường Thượng Đình", parent=district)


@pytest.fixture
def article(ward, other_ward):
    """A published article of `ward` on another ward's event, with another ward's article picked as
    related news: every reader sees both, neither is the contributor's to open in the admin."""
    event = EventFactory(title=OTHER_EVENT, organization=other_ward)
    article = ArticleFactory(status=Status.PUBLISHED, organization=ward, event=event)
    RelatedArticleFactory(
        from_article=article, to_article=ArticleFactory(title=OTHER_ARTICLE, organization=other_ward)
    )
    return article


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def links_to_other_change_pages(html: str, page: str) -> set[str]:
    admin_root = re.escape(reverse("admin:index"))
    return set(re.findall(rf'href="({admin_root}\w+/\w+/\d+/change/)"', html)) - {page}


def read_only_page(client, obj) -> tuple[str, set[str]]:
    """The change page of `obj` (read-only for this user) and its links to other change pages,
    each checked to open."""
    page = change_url(obj)
    response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="_workflow"' not in html and 'name="_save"' not in html  # nothing to save
    links = links_to_other_change_pages(html, page)
    for url in links:
        assert client.get(url).status_code == 200, url
    return html, links


# --- a contributor on their ward's read-only pages ------------------------------------------------
def test_a_contributor_reading_a_published_article_sees_other_wards_items_named_not_linked(
    contributor_client, article, ward
):
    html, links = read_only_page(contributor_client, article)
    related = article.related_picks.get().to_article
    assert OTHER_EVENT in html and OTHER_ARTICLE in html  # the event field, the related-news row
    assert change_url(article.event) not in links and change_url(related) not in links
    # What opens stays a link: their own committee, the category.
    assert {change_url(ward), change_url(article.category)} <= links


def test_a_contributor_reading_a_published_event_sees_another_wards_document_named_not_linked(
    contributor_client, ward, other_ward
):
    term = TermFactory(organization=ward, number=7)
    document = DocumentFactory(title=OTHER_DOCUMENT, issuer=other_ward)
    event = EventFactory(organization=ward, term=term)
    event.documents.add(document)
    html, links = read_only_page(contributor_client, event)
    assert OTHER_DOCUMENT in html and change_url(document) not in links
    assert {change_url(ward), change_url(term)} <= links


def test_a_contributor_reading_their_committee_sees_the_district_named_not_linked(
    contributor_client, ward, district
):
    html, links = read_only_page(contributor_client, ward)  # they may view it, not change it
    assert district.name in html and change_url(district) not in links


# --- the same fields for an editor and for a contributor ------------------------------------------
def render_read_only(user, obj, fields) -> str:
    """`fields` of `obj` drawn read-only by the admin's fieldset template, for `user`."""
    model_admin = admin.site.get_model_admin(type(obj))
    request = RequestFactory().get(change_url(obj))
    request.user = user
    form = model_admin.get_form(request, obj, change=True, fields=())(instance=obj)
    adminform = helpers.AdminForm(form, [(None, {"fields": fields})], {}, fields, model_admin)
    return "".join(
        render_to_string("admin/includes/fieldset.html", {"fieldset": fieldset, "request": request})
        for fieldset in adminform
    )


def test_an_editor_gets_a_link_for_each_related_object_a_contributor_only_for_their_own(
    editor_user, contributor_user, article, ward
):
    StaffAssignmentFactory(user=contributor_user, organization=ward)
    fields = ("organization", "event", "category")
    editor_sees = render_read_only(editor_user, article, fields)
    contributor_sees = render_read_only(contributor_user, Article.objects.get(pk=article.pk), fields)
    for url in (change_url(ward), change_url(article.event), change_url(article.category)):
        assert f'href="{url}"' in editor_sees
    assert f'href="{change_url(ward)}"' in contributor_sees
    assert f'href="{change_url(article.event)}"' not in contributor_sees
    assert OTHER_EVENT in contributor_sees


def test_an_account_without_the_right_to_see_users_gets_a_name_not_a_link(editor_user, ward):
    from events.models import EventReport

    report = EventReport.objects.create(event=EventFactory(organization=ward), author=editor_user)
    assert not editor_user.has_perm("auth.view_user")
    html = render_read_only(editor_user, report, ("event", "author"))
    assert f'href="{change_url(report.event)}"' in html
    assert "bientap" in html and f'href="{change_url(editor_user)}"' not in html


# --- the templates stay Django's own but for the read-only value ------------------------------------
@pytest.mark.parametrize("name", ["admin/includes/fieldset.html", "admin/edit_inline/tabular.html"])
def test_the_field_templates_are_djangos_but_for_the_read_only_value(name):
    ours = (Path(settings.BASE_DIR) / "templates" / name).read_text()
    djangos = (Path(django.__file__).parent / "contrib" / "admin" / "templates" / name).read_text()
    ours = re.sub(
        r"\A\{% comment %\}.*?\{% endcomment %\}\{% load frontcms_admin %\}\n", "", ours, flags=re.S
    )
    assert ours.count("{% readonly_contents field %}") == 1
    assert ours.replace("{% readonly_contents field %}", "{{ field.contents }}") == djangos
