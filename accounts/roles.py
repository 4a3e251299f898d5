"""The roles every app asks about. A role that depends on a room, a street or a department is
answered by that app's permissions module (rooms, departments); these are the ones that need
nothing but the user."""


def is_active_user(user) -> bool:
    """Logged in with an active account."""
    return bool(user and user.is_authenticated and user.is_active)


def is_staff(user) -> bool:
    """District staff (区政协机关) and superusers may do everything."""
    return is_active_user(user) and bool(user.is_staff or user.is_superuser)
