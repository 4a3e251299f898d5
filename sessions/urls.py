from django.urls import path

from . import views

app_name = "deliberations"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("<int:pk>/", views.session_detail, name="detail"),
]
