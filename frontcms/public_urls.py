"""Public URLs of the core, namespace `frontcms`; mounted last by the root URLconf."""

from django.urls import path

from . import views

app_name = "frontcms"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("<path:path>/", views.PageView.as_view(), name="page"),
]
