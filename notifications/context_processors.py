from django.utils.functional import SimpleLazyObject

from .models import Notification


def unread(request):
    """The logged-in user's unread count for the header, counted (one query) only when a
    template shows it; anonymous pages cost nothing."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    return {"inbox_unread": SimpleLazyObject(lambda: Notification.objects.for_user(user).unread().count())}
