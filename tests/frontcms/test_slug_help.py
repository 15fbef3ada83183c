"""The help text of a slug names the field the slug is made from: people have a full name, organisations
and categories a name, documents an abstract (trích yếu), only pages and articles a title."""

import pytest
from django.apps import apps
from django.urls import reverse

from frontcms.models import SluggedModel

SLUGGED_MODELS = [m for m in apps.get_models() if issubclass(m, SluggedModel)]


def slug_help(model) -> str:
    return str(model._meta.get_field("slug").help_text)


@pytest.mark.parametrize(
    ("label", "source"),
    [
        ("committees.Person", "họ và tên"),
        ("committees.Organization", "tên"),
        ("news.Category", "tên"),
        ("events.Event", "tên sự kiện"),
        ("events.Document", "trích yếu"),
        ("news.Article", "tiêu đề"),
        ("frontcms.Page", "tiêu đề"),
    ],
)
def test_the_slug_help_names_what_the_slug_is_made_from(label, source):
    assert slug_help(apps.get_model(label)) == (
        f"Để trống để tạo tự động từ {source}. Đổi đường dẫn thì đường dẫn cũ vẫn chuyển tiếp."
    )


@pytest.mark.parametrize("model", SLUGGED_MODELS, ids=lambda m: m._meta.label)
def test_every_slugged_model_names_its_own_slug_source(model):
    source = model._meta.get_field(model.slug_source)
    assert f"từ {source.verbose_name}." in slug_help(model)


@pytest.mark.django_db
def test_the_person_form_says_the_slug_comes_from_the_full_name(editor_client):
    html = editor_client.get(reverse("admin:committees_person_add")).content.decode()
    assert "Để trống để tạo tự động từ họ và tên." in html
    assert "từ tiêu đề" not in html
