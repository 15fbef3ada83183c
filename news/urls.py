"""News URLs, mounted at /tin-tuc/ (DESIGN.md: keep exactly)."""

from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("rss/", feeds.LatestArticlesFeed(), name="rss"),
    path("xem-truoc/<str:token>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("danh-muc/<slug:slug>/", views.CategoryArticleListView.as_view(), name="category"),
    path("danh-muc/<slug:slug>/rss/", feeds.CategoryArticlesFeed(), name="category_rss"),
    path("the/<slug:slug>/", views.TagArticleListView.as_view(), name="tag"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
