"""Account URLs that differ from django.contrib.auth.urls (which is included after these)."""

from django.urls import path

from . import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
]
