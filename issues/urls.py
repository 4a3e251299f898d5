from django.urls import path

from . import views

app_name = "issues"

urlpatterns = [
    path("", views.issue_list, name="list"),
    path("<int:pk>/", views.issue_detail, name="detail"),
]
