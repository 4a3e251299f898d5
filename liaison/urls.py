"""URLs of the department workspace, mounted at /dept/."""

from django.urls import path

from . import views

app_name = "liaison"

urlpatterns = [
    path("", views.home, name="home"),
    path("issues/<int:pk>/", views.issue_detail, name="issue"),
]
