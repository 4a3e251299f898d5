from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from portal.photo_views import session_photo
from portal.urls import (
    announcement_urls,
    campaign_urls,
    case_urls,
    checkin_urls,
    issue_urls,
    member_urls,
    room_urls,
    session_urls,
)

# A database outage raised outside a view (middleware, context processors, error pages) is a 503
# too, and the API's 500 is JSON (core/errors.py).
handler500 = "core.errors.server_error"

urlpatterns = [
    path("", include("portal.urls")),
    path("", include(announcement_urls)),
    path("rooms/", include(room_urls)),
    path("sessions/", include(session_urls)),
    path("issues/", include(issue_urls)),
    path("checkin/", include(checkin_urls)),
    path("campaigns/", include(campaign_urls)),
    path("cases/", include(case_urls)),
    path("members/", include(member_urls)),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("my/", include("workspace.urls")),
    path("dept/", include("liaison.urls")),
    path("inbox/", include("notifications.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("staff/", include("backoffice.urls")),
    path("api/", include("api.urls")),
    # Session photos go through a view that checks their session (before the DEBUG media
    # serving below, which would hand out any file).
    path(f"{settings.MEDIA_URL.strip('/')}/sessions/photos/<path:name>", session_photo, name="session_photo"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Too many form fields or too much form text (RequestDataTooBig) answers 413 with a clear page.
handler400 = "core.middleware.bad_request"
