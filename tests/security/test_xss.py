"""Stored and reflected XSS: a corpus of payloads through every rich-text field, plain-text
field, comment, feedback, search query and slug; nothing outside the allow-list is stored and
nothing runs in a real browser."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse

from frontcms.models import Page
from frontcms.richtext import sanitize_html
from tests.security.support import (
    allow_list_problems,
    factory_for,
    rendered_page_problems,
    rich_text_fields,
    xss_payloads,
)

PAYLOADS = xss_payloads()


def test_corpus_is_large_and_varied():
    assert len(PAYLOADS) >= 100
    joined = "\n".join(PAYLOADS).lower()
    for family in (
        "<script",
        "onerror",
        "javascript:",
        "data:",
        "vbscript:",
        "<svg",
        "<math",
        "style=",
        "{{7*7}}",
        "\x00",
        "&#",
    ):
        assert family in joined, family


def test_every_rich_text_field_is_found():
    # Guards the discovery itself: the core page body must be among the fields checked.
    assert (Page, "body") in rich_text_fields()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model,field_name",
    rich_text_fields(),
    ids=[f"{m._meta.label}.{f}" for m, f in rich_text_fields()],
)
def test_stored_rich_text_holds_only_the_allow_list(model, field_name):
    factory_class = factory_for(model)
    failures = []
    if factory_class is not None:
        obj = factory_class.create()
        queryset = model._default_manager.filter(pk=obj.pk)
        for payload in PAYLOADS:
            setattr(obj, field_name, payload)
            obj.save()
            stored = queryset.values_list(field_name, flat=True).get()
            problems = allow_list_problems(stored)
            if problems:
                failures.append((payload, stored, problems))
        # QuerySet.update() skips save() and pre_save(); get_prep_value must still sanitise.
        queryset.update(**{field_name: "\n".join(PAYLOADS)})
        stored = queryset.values_list(field_name, flat=True).get()
        if allow_list_problems(stored):
            failures.append(("update() of all payloads", stored, allow_list_problems(stored)))
    else:
        # No factory for this model yet: at least the field's save path (pre_save) is exercised.
        field = model._meta.get_field(field_name)
        obj = model()
        for payload in PAYLOADS:
            setattr(obj, field_name, payload)
            stored = field.pre_save(obj, add=True)
            if allow_list_problems(stored):
                failures.append((payload, stored, allow_list_problems(stored)))
    assert not failures, failures[:5]


def test_sanitiser_is_idempotent_on_the_corpus():
    for payload in PAYLOADS:
        once = sanitize_html(payload)
        assert sanitize_html(once) == once, payload


@pytest.mark.django_db
def test_hostile_slugs_are_folded_to_ascii():
    for payload in PAYLOADS[:40]:
        page = Page.objects.create(title="Trang thử", slug=payload)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", page.slug), (payload, page.slug)
        page.delete()  # several payloads fold to the same slug


@pytest.mark.django_db
def test_payload_titles_and_bodies_render_escaped_on_static_pages(client):
    failures = []
    for number, payload in enumerate(PAYLOADS):
        text = payload.replace("\x00", "")  # forms refuse NUL in plain text; PostgreSQL cannot store it
        page = Page.objects.create(
            title=text[:200], slug=f"trang-thu-{number}", body=payload, seo_description=text[:300]
        )
        response = client.get(page.get_absolute_url())
        assert response.status_code == 200, (payload, response.status_code)
        problems = rendered_page_problems(response.content.decode())
        if problems:
            failures.append((payload, problems))
    assert not failures, failures[:5]


@pytest.mark.django_db
def test_search_query_payloads_are_escaped(client):
    failures = []
    for payload in PAYLOADS:
        response = client.get(reverse("frontcms:search"), {"q": payload.replace("\x00", "")})
        assert response.status_code < 500, payload
        problems = rendered_page_problems(response.content.decode())
        if problems:
            failures.append((payload, problems))
    assert not failures, failures[:5]


def _content_models_with_pages():
    """(model, factory) for installed content models whose objects have a public page."""
    found = []
    for label in ("news.Article", "events.Event", "events.Document", "committees.Person"):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        factory_class = factory_for(model)
        if factory_class is not None:
            found.append((model, factory_class))
    return found


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model,factory_class",
    _content_models_with_pages(),
    ids=[m._meta.label for m, _f in _content_models_with_pages()],
)
def test_plain_text_fields_with_payloads_render_escaped(client, model, factory_class):
    text_fields = [
        f.name
        for f in model._meta.concrete_fields
        if f.get_internal_type() in {"CharField", "TextField"} and not f.choices and f.name != "slug"
    ]
    failures = []
    for payload in PAYLOADS[::3]:
        values = {name: payload[: model._meta.get_field(name).max_length or 10_000] for name in text_fields}
        obj = factory_class.create()
        model._default_manager.filter(pk=obj.pk).update(
            **{k: v.replace("\x00", "") for k, v in values.items()}
        )
        response = client.get(obj.get_absolute_url())
        assert response.status_code < 500
        problems = rendered_page_problems(response.content.decode())
        if problems:
            failures.append((payload, problems))
    assert not failures, failures[:5]


def _comment_setup():
    if not apps.is_installed("frontcms.engagement"):
        return None
    try:
        apps.get_model("engagement", "Comment")
        apps.get_model("news", "Article")
    except LookupError:
        return None
    return True


@pytest.mark.django_db
@pytest.mark.skipif(_comment_setup() is None, reason="comments or articles not installed")
def test_comment_payloads_render_escaped(client):
    from tests.factories import ArticleFactory, CommentFactory

    article = ArticleFactory()
    for payload in PAYLOADS:
        CommentFactory(
            content_object=article, text=payload.replace("\x00", ""), name=payload[:80].replace("\x00", "")
        )
    urls = [article.get_absolute_url()]
    try:
        ct = ContentType.objects.get_for_model(article)
        urls.append(reverse("engagement:comment", kwargs={"ct_id": ct.pk, "object_id": article.pk}))
    except NoReverseMatch:
        pass
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not rendered_page_problems(response.content.decode()), url


@pytest.mark.django_db
@pytest.mark.skipif(not apps.is_installed("frontcms.engagement"), reason="engagement not installed")
def test_feedback_payloads_render_escaped_in_the_admin(admin_client):
    from tests.factories import FeedbackFactory

    feedback = [
        FeedbackFactory(name=p[:120], subject=p[:200], message=p, contact=p[:200])
        for p in (x.replace("\x00", "") for x in PAYLOADS[::4])
    ]
    opts = feedback[0]._meta
    urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")] + [
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[f.pk]) for f in feedback[:10]
    ]
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        # The admin has inline data scripts of its own; only payload traces count here.
        assert not rendered_page_problems(response.content.decode(), strict=False), url


# --- in a real browser ------------------------------------------------------------------------------
WATCH_SCRIPT = "() => window.__xss === undefined"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_payload_runs_in_chromium(browser_page, live_server):
    dialogs, missing = [], []
    browser_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    browser_page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    all_in_one = Page.objects.create(title="Tất cả mẫu tấn công", slug="tat-ca-mau", body="\n".join(PAYLOADS))
    titled = [
        Page.objects.create(title=p[:200], slug=f"tieu-de-{n}", body=p, seo_description=p[:300])
        for n, p in enumerate(PAYLOADS[:30])
        if "\x00" not in p
    ]
    urls = [all_in_one.get_absolute_url(), *(p.get_absolute_url() for p in titled[:10])]
    urls += [
        f"{reverse('frontcms:search')}?q={q}"
        for q in (
            "%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E",
            "%22%3E%3Cimg+src%3Dx+onerror%3Dwindow.__xss%3D1%3E",
            "%27%3E%3Csvg+onload%3Dalert(1)%3E",
        )
    ]
    if _comment_setup():
        from tests.factories import ArticleFactory, CommentFactory

        article = ArticleFactory(title=PAYLOADS[0], summary=PAYLOADS[14], body="\n".join(PAYLOADS))
        for payload in PAYLOADS[:20]:
            CommentFactory(content_object=article, text=payload, name=payload[:80])
        ct = ContentType.objects.get_for_model(article)
        urls += [
            article.get_absolute_url(),
            reverse("news:list"),
            reverse("engagement:comment", kwargs={"ct_id": ct.pk, "object_id": article.pk}),
        ]
    for url in urls:
        response = browser_page.goto(url)
        assert response is not None and response.status < 400, url
        browser_page.mouse.move(200, 200)  # give hover handlers a chance
        browser_page.wait_for_timeout(150)
        assert browser_page.evaluate(WATCH_SCRIPT), f"a payload ran on {url}"
    assert not dialogs, dialogs
    # Allowed payloads such as <img src="/media/x.jpg"> point at pictures that do not exist; those
    # 404s are expected, any other failed request still fails the test through browser_page.
    assert all("/media/" in url for url in missing), missing
    browser_page.problems.console_errors = [
        e for e in browser_page.problems.console_errors if "status of 404" not in e
    ]
