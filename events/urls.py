"""Public URLs of events and the document library (paths fixed by DESIGN.md)."""

from django.urls import path

from . import feeds, views

app_name = "events"

urlpatterns = [
    path("su-kien/", views.EventListView.as_view(), name="list"),
    path("su-kien/lich.ics", feeds.events_ics, name="ics"),
    path("su-kien/lich-cong-tac/", views.ScheduleView.as_view(), name="schedule"),
    path("su-kien/<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
    path("su-kien/<slug:slug>/lich.ics", feeds.event_ics, name="event_ics"),
    path("van-ban/", views.DocumentListView.as_view(), name="documents"),
    path("van-ban/<slug:slug>/", views.DocumentDetailView.as_view(), name="document"),
]
