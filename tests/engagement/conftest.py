import pytest
from django.contrib.contenttypes.models import ContentType

BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"
)


@pytest.fixture
def reader(client):
    """An anonymous reader with an ordinary browser."""
    client.defaults.update(HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR="203.0.113.10")
    return client


def pixel_url(obj) -> str:
    from django.urls import reverse

    ct = ContentType.objects.get_for_model(obj)
    return reverse("engagement:view_pixel", args=[ct.pk, obj.pk])


def ct_args(obj) -> list[int]:
    return [ContentType.objects.get_for_model(obj).pk, obj.pk]
