"""Writes to user accounts made outside the admin (the admin keeps Django's own user forms), and
the API tokens of conveners."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken
from .tokens import default_lifetime, key_digest, key_prefix, new_key, password_stamp


@transaction.atomic
def convener_account_save(*, user=None, username: str, full_name: str = ""):
    """The account of a convener named in the registry import: created without a usable password
    (staff set one, or the convener resets it), or given the registry's full name. Personal
    phone numbers are never touched here. Returns (user, "created" | "updated" | "unchanged").

    A staff or superuser account is refused (ValidationError): the registry speaks for conveners
    only, and a spreadsheet must not rename the accounts that run the portal."""
    if user is not None and (user.is_staff or user.is_superuser):
        raise ValidationError(
            _(
                "用户名“%(username)s”是区政协机关工作人员或管理员的账号，名册导入不能修改这类账号，"
                "也不能把它登记为召集人。请核对用户名，或由管理员在后台处理。"
            )
            % {"username": user.username}
        )
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


@transaction.atomic
def api_token_issue(*, user, name: str, expires_at=None, created_by=None):
    """Issue an API token for `user`. Returns (token, key): the key is shown once and never stored
    (only its digest), so whoever issues it must hand it over now."""
    if not user.is_active:
        raise ValidationError({"user": _("该账号已停用，不能签发令牌。")})
    now = timezone.now()
    key = new_key()
    token = ApiToken(
        user=user,
        name=name,
        prefix=key_prefix(key),
        digest=key_digest(key),
        password_stamp=password_stamp(user),
        created_at=now,
        created_by=created_by,
        expires_at=expires_at or now + default_lifetime(),
    )
    token.full_clean()
    if token.expires_at <= now:
        raise ValidationError({"expires_at": _("有效期必须晚于现在。")})
    token.save()
    return token, key


@transaction.atomic
def api_token_revoke(*, token, reason: str = "") -> bool:
    """Revoke a token (it stays listed, with when and why). Returns False if it already was."""
    if token.revoked_at:
        return False
    token.revoked_at = timezone.now()
    token.revoked_reason = (reason or str(_("工作人员吊销")))[:100]
    token.save(update_fields=["revoked_at", "revoked_reason"])
    return True


def api_tokens_revoke_for_user(*, user, reason: str) -> int:
    """Revoke every live token of `user` (on a password change). Returns how many."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason[:100]
    )
