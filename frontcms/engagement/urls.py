"""Engagement URLs. Everything under /tuong-tac/ is skipped by the page cache."""

from django.urls import path

from . import views

app_name = "engagement"

urlpatterns = [
    path("tuong-tac/xem/<int:ct_id>/<int:object_id>.gif", views.view_pixel, name="view_pixel"),
    path("tuong-tac/truy-cap.gif", views.visit_pixel, name="visit_pixel"),
    path("tuong-tac/thong-ke.json", views.visitor_stats_json, name="stats"),
    path("tuong-tac/luot-xem.json", views.view_counts_json, name="view_counts"),
    path("tuong-tac/binh-luan/<int:ct_id>/<int:object_id>/", views.CommentView.as_view(), name="comment"),
    path("tuong-tac/danh-gia/<int:ct_id>/<int:object_id>/", views.rate, name="rate"),
    path("khao-sat/<int:pk>/", views.PollView.as_view(), name="poll"),
    path("khao-sat/<int:pk>/binh-chon/", views.vote, name="vote"),
    path("gop-y/", views.FeedbackView.as_view(), name="feedback"),
    path("gop-y/da-gui/<str:token>/", views.feedback_thanks, name="feedback_thanks"),
]
