"""frontcms.widgets.FastSelect writes the same HTML as Django's template-rendered Select."""

import re

import pytest
from django import forms

from frontcms.widgets import FastSelect

CHOICES = [
    ("", "Tất cả"),
    ("phuong-a", 'Ủy ban MTTQ phường <Khương Đình> & "Hạ Đình"'),
    (2024, "2024"),
    ("Nhóm", [("x", "Một"), ("y", "Hai")]),
]


def _normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("value", ["", "phuong-a", 2024, "y", "không-có"])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_to-chuc", "class": "a b", "required": True, "disabled": False}]
)
def test_same_html_as_django(value, attrs):
    expected = forms.Select(choices=CHOICES).render("to-chuc", value, attrs=attrs)
    assert _normalised(FastSelect(choices=CHOICES).render("to-chuc", value, attrs=attrs)) == _normalised(
        expected
    )


def test_labels_and_values_are_escaped():
    html = FastSelect(choices=[('"><script>', "<b>x</b>")]).render("q", None)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


@pytest.mark.django_db
def test_event_filter_form_renders_the_organisation_list(client):
    from tests.factories import OrganizationFactory

    ward = OrganizationFactory(name="Ủy ban MTTQ phường Nhân Chính")
    html = client.get(f"/su-kien/?to-chuc={ward.slug}").content.decode()
    assert f'<option value="{ward.slug}" selected>Ủy ban MTTQ phường Nhân Chính</option>' in html
