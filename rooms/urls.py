from django.urls import path

from . import views

app_name = "rooms"

urlpatterns = [
    path("", views.room_list, name="list"),
    path("coverage/", views.room_coverage, name="coverage"),
    path("<int:pk>/", views.room_detail, name="detail"),
]
