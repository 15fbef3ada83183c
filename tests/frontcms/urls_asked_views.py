"""A URLconf for tests/frontcms/test_legacy_paths.py: pages that write, refuse or break when
frontcms.legacy_paths.portal_answers asks them whether they are there."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views import View

from frontcms.cache import kept


class WritingView(View):
    """Like a form that stores its captcha when it is shown, and a page that keeps what it shows."""

    def get(self, request, slug):
        group = Group.objects.create(name=f"written-by-{slug}")
        return HttpResponse(kept(f"asked:{slug}", lambda: group.name))


class ForbiddenView(View):
    def get(self, request, slug):
        raise PermissionDenied


class BrokenQueryView(View):
    def get(self, request, slug):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table_anywhere")
        return HttpResponse()


urlpatterns = [
    path("ghi/<slug:slug>/", WritingView.as_view()),
    path("cam/<slug:slug>/", ForbiddenView.as_view()),
    path("hong/<slug:slug>/", BrokenQueryView.as_view()),
]
