"""A second URLconf for tests/frontcms/test_routing.py: the news feed's name at another path."""

from django.http import HttpResponse
from django.urls import include, path

urlpatterns = [
    path("khac/", include(([path("rss-khac/", lambda request: HttpResponse(), name="rss")], "news")))
]
