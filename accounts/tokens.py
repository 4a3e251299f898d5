"""The API tokens' secrets: how a key is made, digested and tied to the user's password.

A key is `cc_` followed by 40 random URL-safe characters (240 bits): long enough that a fast
digest (SHA-256) is safe to store and to look up by, unlike a password, which needs a slow hash.
The key itself is never stored.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

KEY_PREFIX = "cc_"
KEY_RANDOM_BYTES = 30  # 40 URL-safe characters
SHOWN_PREFIX_LENGTH = 8  # characters after KEY_PREFIX kept in clear to tell tokens apart
DEFAULT_LIFETIME_DAYS = 180


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(KEY_RANDOM_BYTES)


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def key_prefix(key: str) -> str:
    return key[: len(KEY_PREFIX) + SHOWN_PREFIX_LENGTH]


def password_stamp(user) -> str:
    """A keyed hash of the user's password hash: it changes whenever the password changes (set by
    the user, by a reset, by staff, or made unusable), which ends the user's tokens."""
    return salted_hmac("accounts.ApiToken.password_stamp", user.password or "", algorithm="sha256").hexdigest()


def default_lifetime() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "API_TOKEN_LIFETIME_DAYS", DEFAULT_LIFETIME_DAYS))
