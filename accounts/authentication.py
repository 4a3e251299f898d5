"""The API's token authentication: `Authorization: Token <key>`, checked against the stored digest.

A token authenticates while it is not revoked, not expired, its user is active and the user's
password is the one it was issued under. `last_used_at` is written at most once every
`LAST_USED_RESOLUTION` so that a busy client does not write on every request.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import ApiToken
from .tokens import KEY_PREFIX, key_digest, password_stamp

LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)
MAX_KEY_LENGTH = 100


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """DRF's header parsing (`Token <key>`, 401 with `WWW-Authenticate: Token`), our own lookup."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        invalid = exceptions.AuthenticationFailed(_("令牌无效、已过期或已被吊销，请向区政协机关申请新令牌。"))
        if not key.startswith(KEY_PREFIX) or len(key) > MAX_KEY_LENGTH:
            raise invalid
        token = ApiToken.objects.select_related("user").filter(digest=key_digest(key)).first()
        now = timezone.now()
        if token is None or token.revoked_at is not None or token.expires_at <= now:
            raise invalid
        user = token.user
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("该账号已停用。"))
        if token.password_stamp != password_stamp(user):
            ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
                revoked_at=now, revoked_reason=str(_("密码已修改"))
            )
            raise invalid
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return user, token
