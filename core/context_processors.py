from django.conf import settings


def site(request):
    """The portal's name for every template. No database access."""
    return {"PORTAL_NAME": settings.PORTAL_NAME, "PORTAL_OWNER": settings.PORTAL_OWNER}
