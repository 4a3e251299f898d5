"""At login, remember in the session whether the user acts for a department: the login view
lands them on /dept/ and the header shows 承办工作台, without a query on every page."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.landing import DEPARTMENT_WORKSPACE_KEY
from departments.permissions import is_liaison


def remember_department(session, user) -> None:
    if is_liaison(user):
        session[DEPARTMENT_WORKSPACE_KEY] = True
    else:
        session.pop(DEPARTMENT_WORKSPACE_KEY, None)


@receiver(user_logged_in, dispatch_uid="liaison.remember_department")
def _on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember_department(request.session, user)
