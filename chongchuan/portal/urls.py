from django.urls import path

from . import feeds, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("stats/", views.stats, name="stats"),
    path("stats/download/<slug:slug>.<str:fmt>", views.stats_download, name="stats-download"),
    path("search/", views.search, name="search"),
    path("feeds/resolved/", feeds.ResolvedIssuesFeed(), name="feed-resolved"),
    path("feeds/rooms/<int:pk>/", feeds.RoomResolvedIssuesFeed(), name="feed-room"),
]
