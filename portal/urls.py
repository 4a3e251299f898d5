"""URLs of the public pages. Each group keeps its own namespace (portal, rooms, deliberations,
issues) so that templates name a page by what it shows."""

from django.urls import path

from portal import (
    announcement_views,
    campaign_views,
    case_views,
    checkin_views,
    feeds,
    issue_views,
    member_views,
    room_views,
    session_views,
    views,
)

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("stats/", views.stats, name="stats"),
    path("stats/download/<slug:slug>.<str:fmt>", views.stats_download, name="stats-download"),
    path("search/", views.search, name="search"),
    path("feeds/", views.feed_about, name="feeds"),
    path("feeds/rooms/<int:pk>/about/", views.feed_about, name="feed-room-about"),
    path("feeds/resolved/", feeds.ResolvedIssuesFeed(), name="feed-resolved"),
    path("feeds/rooms/<int:pk>/", feeds.RoomResolvedIssuesFeed(), name="feed-room"),
]

room_urls = (
    [
        path("", room_views.room_list, name="list"),
        path("coverage/", room_views.room_coverage, name="coverage"),
        path("options/", room_views.room_options, name="options"),
        path("<int:pk>/", room_views.room_detail, name="detail"),
    ],
    "rooms",
)

session_urls = (
    [
        path("", session_views.session_list, name="list"),
        path("<int:pk>/", session_views.session_detail, name="detail"),
    ],
    "deliberations",
)

issue_urls = (
    [
        path("", issue_views.issue_list, name="list"),
        path("<int:pk>/", issue_views.issue_detail, name="detail"),
        path("<int:pk>/follow/", issue_views.issue_follow, name="follow"),
        path("follow/<slug:token>/confirm/", issue_views.follow_confirm, name="follow-confirm"),
        path("follow/<slug:token>/unsubscribe/", issue_views.unfollow, name="unfollow"),
    ],
    "issues",
)

checkin_urls = (
    [path("<str:token>/", checkin_views.checkin, name="checkin")],
    "checkins",
)

campaign_urls = (
    [
        path("", campaign_views.campaign_list, name="list"),
        path("<int:pk>/", campaign_views.campaign_detail, name="detail"),
    ],
    "campaigns",
)

case_urls = (
    [
        path("", case_views.case_list, name="list"),
        path("<int:pk>/", case_views.case_detail, name="detail"),
    ],
    "cases",
)

member_urls = (
    [
        path("", member_views.member_list, name="list"),
        path("<int:pk>/", member_views.member_detail, name="detail"),
    ],
    "members",
)

# 议题公示, sign-up, 结果公示 and the calendars, mounted at the site root (chongchuan/urls.py).
announcement_urls = (
    [
        path("sessions/announced/", announcement_views.upcoming, name="upcoming"),
        path("sessions/results/", announcement_views.results, name="results"),
        path("sessions/<int:pk>/signup/", announcement_views.signup, name="signup-submit"),
        path("sessions/<int:pk>/comment/", announcement_views.comment, name="comment"),
        path("sessions/<int:pk>/calendar.ics", announcement_views.session_ics, name="session-ics"),
        path("sessions/signups/<str:token>/", announcement_views.signup_page, name="signup"),
        path("calendar/", announcement_views.calendar_about, name="calendar"),
        path("calendar/rooms/<int:pk>/", announcement_views.calendar_about, name="room-calendar"),
        path("calendar/district.ics", announcement_views.district_ics, name="district-ics"),
        path("calendar/rooms/<int:pk>.ics", announcement_views.room_ics, name="room-ics"),
    ],
    "announcements",
)
