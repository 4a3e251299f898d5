"""A new password ends the user's API tokens."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from .models import User
from .services import api_tokens_revoke_for_user


@receiver(post_save, sender=User, dispatch_uid="accounts.revoke_tokens_on_password_change")
def revoke_tokens_on_password_change(sender, instance, created, **kwargs):
    """`set_password()` keeps the raw password in `_password` until the save after it has run
    (AbstractBaseUser.save), so this sees every password change made through Django: the user's own
    change, a reset, staff in the admin, `changepassword`. A change that bypasses set_password is
    still caught when the token is used (the password stamp no longer matches)."""
    if created or getattr(instance, "_password", None) is None:
        return
    api_tokens_revoke_for_user(user=instance, reason=_("密码已修改"))
