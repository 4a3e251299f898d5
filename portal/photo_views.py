"""Session photos, served through Django so that a photo follows its session: a photo of a
deleted session, or of a session the public may not see, answers 404 (a convener or staff member
who may edit the session still sees it). The file name is a random uuid (see core/photos.py).

The bytes are streamed by Django, or by the web server when `PHOTO_SENDFILE_HEADER` is set
(`X-Accel-Redirect` for nginx; see the settings block "Session photos" for the nginx locations).
"""

import mimetypes

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from deliberations.models import SESSION_PHOTO_DIR, Session, SessionPhoto
from deliberations.permissions import sessions_editable_by


def _visible(request, session_id) -> tuple[bool, bool]:
    """(may see it, is it public)."""
    if Session.objects.public().filter(pk=session_id).exists():
        return True, True
    user = request.user
    return user.is_authenticated and sessions_editable_by(user).filter(pk=session_id).exists(), False


@require_safe
def session_photo(request, name):
    """One stored session photo, by its (random) stored name under `sessions/photos/`."""
    stored_name = f"{SESSION_PHOTO_DIR}{name}"
    photo = SessionPhoto.objects.filter(image=stored_name).only("pk", "session_id", "image").first()
    if photo is None:
        raise Http404(_("找不到该照片。"))
    allowed, public = _visible(request, photo.session_id)
    if not allowed:
        raise Http404(_("找不到该照片。"))
    content_type = mimetypes.guess_type(stored_name)[0] or "application/octet-stream"
    header = getattr(settings, "PHOTO_SENDFILE_HEADER", "")
    if header:
        response = HttpResponse(content_type=content_type)
        response[header] = f"{settings.PHOTO_SENDFILE_PREFIX.rstrip('/')}/{stored_name}"
    else:
        storage = photo.image.storage
        if not storage.exists(stored_name):
            raise Http404(_("找不到该照片。"))
        response = FileResponse(storage.open(stored_name, "rb"), content_type=content_type)
    # A public photo may be cached briefly; one only its editors see is never stored by a cache.
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
