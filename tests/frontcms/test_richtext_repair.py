"""The data migrations that repair rich text stored before image2's class was kept."""

import pytest
import reversion
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from frontcms.cache import kept
from frontcms.models import Page
from frontcms.richtext_repair import repair_rich_text
from news.models import Article
from tests.factories import ArticleFactory, EventReportFactory, OrganizationFactory, PageFactory

IMG = '<img src="/media/uploads/hoi-nghi.jpg" alt="Hội nghị">'
OLD_FIGURE = f"<figure>{IMG}<figcaption>Quang cảnh hội nghị</figcaption></figure>"
NEW_FIGURE = f'<figure class="figure">{IMG}<figcaption>Quang cảnh hội nghị</figcaption></figure>'
# What CKEditor made of OLD_FIGURE when an editor opened the article and saved it.
FLATTENED = f"<p>Mở đầu.</p>\n\n<p>{IMG}</p>\n\n<p>Quang cảnh hội nghị</p>\n\n<p>Tiếp theo.</p>"


def store_as_before(obj, field: str, html: str) -> None:
    """Write `html` as the old sanitiser left it, around today's field (which would repair it)."""
    table = obj._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {field} = %s WHERE id = %s", [html, obj.pk])  # noqa: S608


def stored(obj, field: str = "body") -> str:
    return type(obj)._base_manager.values_list(field, flat=True).get(pk=obj.pk)


@pytest.mark.django_db
def test_figures_get_image2s_class_back_in_every_app():
    article, page, report = ArticleFactory(), PageFactory(), EventReportFactory()
    organization = OrganizationFactory()
    untouched = ArticleFactory(body="<p>Không có ảnh.</p>")
    for obj, field in ((article, "body"), (page, "body"), (report, "body"), (organization, "intro")):
        store_as_before(obj, field, f"<p>Mở đầu.</p>{OLD_FIGURE}")
    assert kept("test:page", lambda: "HTML với ảnh cũ") == "HTML với ảnh cũ"

    assert repair_rich_text(apps, None, "news") == 1
    assert repair_rich_text(apps, None, "frontcms") == 1
    assert repair_rich_text(apps, None, "events") == 1
    assert repair_rich_text(apps, None, "committees") == 1

    for obj, field in ((article, "body"), (page, "body"), (report, "body"), (organization, "intro")):
        assert stored(obj, field) == f"<p>Mở đầu.</p>{NEW_FIGURE}"
    assert stored(untouched) == "<p>Không có ảnh.</p>"
    # No page or part kept with the old HTML is served again.
    assert kept("test:page", lambda: "HTML mới") == "HTML mới"
    assert repair_rich_text(apps, None, "news") == 0  # a second run finds nothing to do


@pytest.mark.django_db
def test_placeholder_captions_that_reached_readers_are_removed():
    article = ArticleFactory()
    store_as_before(article, "body", f"<figure>{IMG}<figcaption>Nhãn</figcaption></figure>")
    repair_rich_text(apps, None, "news")
    assert stored(article) == f"<p>{IMG}</p>"


def _revision(obj, body: str) -> None:
    """A revision as the admin kept it when the contributor saved `body`."""
    with reversion.create_revision():
        obj.body = body
        reversion.add_to_revision(obj)


@pytest.mark.django_db
def test_flattened_photo_gets_its_caption_back_when_a_revision_shows_it():
    article = ArticleFactory()
    _revision(article, f"<p>Mở đầu.</p>{OLD_FIGURE}<p>Tiếp theo.</p>")
    store_as_before(article, "body", FLATTENED)

    repair_rich_text(apps, None, "news")

    assert stored(article) == (
        f'<p>Mở đầu.</p>\n\n<figure class="figure">{IMG}\n<figcaption>Quang cảnh hội nghị</figcaption>\n'
        "</figure>\n\n<p>Tiếp theo.</p>"
    )


@pytest.mark.django_db
def test_flattened_centred_or_aligned_photo_keeps_its_place():
    article, other = ArticleFactory(), ArticleFactory()
    _revision(article, OLD_FIGURE)
    _revision(other, OLD_FIGURE)
    store_as_before(article, "body", f'<p class="image-align-center">{IMG}</p><p>Quang cảnh hội nghị</p>')
    aligned = IMG.replace("<img ", '<img class="image-align-left" ')
    store_as_before(other, "body", f"<p>{aligned}</p><p>Quang cảnh hội nghị</p>")

    repair_rich_text(apps, None, "news")

    caption = "\n<figcaption>Quang cảnh hội nghị</figcaption>\n"
    assert (
        stored(article)
        == f'<div class="image-align-center">\n<figure class="figure">{IMG}{caption}</figure>\n</div>'
    )
    assert stored(other) == f'<figure class="figure image-align-left">{IMG}{caption}</figure>'


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("history", "now"),
    [
        (None, FLATTENED),  # no revision: a photo followed by a paragraph is just that
        (f"<p>{IMG}</p><p>Quang cảnh hội nghị</p>", FLATTENED),  # the revision has no caption either
        (OLD_FIGURE.replace("hội nghị</fig", "buổi lễ</fig"), FLATTENED),  # another caption
        (OLD_FIGURE.replace("hoi-nghi", "khac"), FLATTENED),  # the caption was another photo's
        (OLD_FIGURE, FLATTENED.replace("<p>Quang cảnh hội nghị</p>", "<p>Quang cảnh hội nghị đông vui</p>")),
        (OLD_FIGURE, FLATTENED.replace("\n\n<p>Quang cảnh", "\n\n<h2>Mục</h2><p>Quang cảnh")),
        (
            OLD_FIGURE.replace("</figcaption>", "Nhãn</figcaption>").replace("Quang cảnh hội nghị", ""),
            FLATTENED,
        ),
    ],
    ids=[
        "no-revision",
        "never-captioned",
        "other-caption",
        "other-photo",
        "text-changed",
        "not-next",
        "placeholder",
    ],
)
def test_flattened_photo_is_left_alone_when_its_caption_is_not_certain(history, now):
    article = ArticleFactory()
    if history is not None:
        _revision(article, history)
    store_as_before(article, "body", now)
    repair_rich_text(apps, None, "news")
    assert stored(article) == now


@pytest.mark.django_db(transaction=True)
def test_the_migration_repairs_what_the_database_holds():
    executor = MigrationExecutor(connection)
    repair = ("news", "0005_restore_captioned_figures")
    before = [key for key in executor.loader.graph.node_map[repair].parents if key[0] == "news"]
    latest = [key for key in executor.loader.graph.leaf_nodes() if key[0] == "news"]
    executor.migrate(before)
    try:
        article = ArticleFactory()
        store_as_before(article, "body", OLD_FIGURE)
        page = PageFactory()
        store_as_before(page, "body", OLD_FIGURE)
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(latest)
        assert stored(article) == NEW_FIGURE
        assert stored(page) == OLD_FIGURE  # each app repairs its own models, in its own migration
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert Article.objects.count() == 1 and Page.objects.count() == 1
