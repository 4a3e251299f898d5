"""Writes to user accounts made outside the admin (the admin keeps Django's own user forms)."""

from django.contrib.auth import get_user_model
from django.db import transaction


@transaction.atomic
def convener_account_save(*, user=None, username: str, full_name: str = ""):
    """The account of a convener named in the registry import: created without a usable password
    (staff set one, or the convener resets it), or given the registry's full name. Personal
    phone numbers are never touched here. Returns (user, "created" | "updated" | "unchanged")."""
    if user is None:
        user = get_user_model()(username=username, full_name=full_name)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        return user, "created"
    if full_name and user.full_name != full_name:
        user.full_name = user._meta.get_field("full_name").clean(full_name, user)
        user.save(update_fields=["full_name"])
        return user, "updated"
    return user, "unchanged"
