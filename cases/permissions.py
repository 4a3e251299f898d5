"""Who may do what with 典型案例: everyone reads the public ones, district staff write them."""

from accounts.roles import is_staff

from .models import Case


def can_manage_cases(user) -> bool:
    """District staff (区政协机关) write cases, in the admin; nobody else does."""
    return is_staff(user)


def cases_visible_to(user):
    """The cases `user` may read: every case for staff, the public ones for everyone else (a case
    not in it answers 404, the same as one that does not exist)."""
    if can_manage_cases(user):
        return Case.objects.all()
    return Case.objects.public()
