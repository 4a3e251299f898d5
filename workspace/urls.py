"""URLs of the convener workspace, mounted at /my/."""

from django.urls import path

from workspace import announcement_views, checkin_views, issue_views
from workspace import session_views as views

app_name = "workspace"

urlpatterns = [
    path("", views.my_rooms, name="home"),
    path("sessions/new/", views.session_create, name="session_new"),
    path("sessions/uploads/<uuid:token>/<str:name>", views.uploaded_photo, name="uploaded_photo"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:pk>/delete/", views.session_delete_view, name="session_delete"),
    path("suggestions/<int:pk>/review/", views.suggestion_review_view, name="suggestion_review"),
    path("issues/<int:pk>/", issue_views.issue_update, name="issue"),
    path("rooms/<int:pk>/poster/", checkin_views.room_poster, name="room_poster"),
    path("rooms/<int:pk>/poster.pdf", checkin_views.room_poster_pdf, name="room_poster_pdf"),
    path("sessions/<int:pk>/checkin/", checkin_views.session_checkin, name="session_checkin"),
    path("sessions/<int:pk>/checkin.pdf", checkin_views.session_checkin_pdf, name="session_checkin_pdf"),
    # 公示与报名: announcements, sign-ups, result notices and comments
    path("announcements/", announcement_views.participation_list, name="announcements"),
    path("sessions/<int:pk>/announcement/", announcement_views.announcement_edit, name="announcement"),
    path(
        "sessions/<int:pk>/announcement/cancel/",
        announcement_views.announcement_cancel_view,
        name="announcement_cancel",
    ),
    path("sessions/<int:pk>/signups.xlsx", announcement_views.signups_export, name="signups_export"),
    path("sessions/<int:pk>/signups/message/", announcement_views.signups_message_view, name="signups_message"),
    path("sessions/<int:pk>/result/", announcement_views.result_edit, name="result"),
    path("comments/<int:pk>/", announcement_views.comment_moderate, name="comment"),
]
