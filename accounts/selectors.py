"""Reads about users that several apps share."""

from .models import User


def district_staff_users() -> list:
    """Active district staff (区政协机关), who take over issues escalated to 区 and approve
    deadline extensions."""
    return list(User.objects.filter(is_active=True, is_staff=True))
