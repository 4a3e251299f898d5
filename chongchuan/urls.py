from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("chongchuan.portal.urls")),
    path("rooms/", include("rooms.urls")),
    path("sessions/", include("sessions.urls")),
    path("issues/", include("issues.urls")),
    path("accounts/", include("chongchuan.accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("my/", include("sessions.workspace_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("staff/", include("chongchuan.portal.staff_urls")),
    path("api/", include("chongchuan.api_urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
