"""URLs of the convener workspace, mounted at /my/."""

from django.urls import path

from workspace import checkin_views, issue_views
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
]
