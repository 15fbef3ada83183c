"""Public URLs of the committees app (paths fixed by DESIGN.md)."""

from django.urls import path

from . import views

app_name = "committees"

urlpatterns = [
    path("to-chuc/", views.OrganizationTreeView.as_view(), name="tree"),
    path("to-chuc/<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization"),
    path("to-chuc/<slug:slug>/nhiem-ky/<int:number>/", views.TermDetailView.as_view(), name="term"),
    path(
        "to-chuc/<slug:slug>/nhiem-ky/<int:number>/so-sanh/",
        views.TermCompareView.as_view(),
        name="term_compare",
    ),
    path("nhan-su/<slug:slug>/", views.PersonDetailView.as_view(), name="person"),
    path("en/", views.EnglishHomeView.as_view(), name="english"),
    path("en/to-chuc/<slug:slug>/", views.EnglishOrganizationView.as_view(), name="english_organization"),
]
