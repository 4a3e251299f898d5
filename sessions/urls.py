from django.urls import path

from . import views

app_name = "deliberations"

urlpatterns = [
    path("<int:pk>/", views.session_detail, name="detail"),
]
