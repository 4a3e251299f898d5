"""Who acts for a department."""

from accounts.roles import is_active_user

from .models import Department, Liaison


def department_of(user) -> Department | None:
    """The department a liaison acts for, or None (one query)."""
    if not is_active_user(user):
        return None
    liaison = Liaison.objects.select_related("department").filter(user=user, department__is_active=True).first()
    return liaison.department if liaison else None


def is_liaison(user) -> bool:
    return department_of(user) is not None


def liaisons_of(department):
    """The active users who act for `department` (for notifications)."""
    return [liaison.user for liaison in department.liaisons.select_related("user") if liaison.user.is_active]
