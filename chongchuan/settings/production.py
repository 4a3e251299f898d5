"""Production settings: secrets from the environment, HTTPS (or a documented plain-HTTP intranet
mode), secure cookies, whitenoise for static files."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, redis_cache_settings

DEBUG = False

# ---- Secret key ----
# Refused unless it is long and random enough: the same rules as Django's security.W009 check.
DEV_SECRET_KEY = "insecure-local-key-change-me"
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
_HOW_TO_GENERATE = (
    "请用以下命令生成一个新密钥并设置为环境变量 DJANGO_SECRET_KEY："
    " python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    " (Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))')"
)
try:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY")
except ImproperlyConfigured as error:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY 未设置：生产环境必须通过环境变量提供密钥。"
        " (Set DJANGO_SECRET_KEY in the environment; production has no default.) " + _HOW_TO_GENERATE
    ) from error
if (
    len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
    or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
    or SECRET_KEY.startswith("insecure")
    or SECRET_KEY == DEV_SECRET_KEY
):
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY 太短、太简单或是开发默认值：生产环境的密钥至少 {SECRET_KEY_MIN_LENGTH} 个字符、"
        f"至少 {SECRET_KEY_MIN_UNIQUE_CHARACTERS} 种不同字符，且不能以 insecure 开头。"
        f" (DJANGO_SECRET_KEY is too short, too simple or the development default: production needs at least"
        f" {SECRET_KEY_MIN_LENGTH} characters, {SECRET_KEY_MIN_UNIQUE_CHARACTERS} different ones, not starting"
        " with 'insecure'.) " + _HOW_TO_GENERATE
    )

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
# A cache every gunicorn worker shares, so a write invalidates the figures for all of them.
# Recommended: Redis, CACHE_URL=redis://127.0.0.1:6379/1 (Django's own RedisCache with the `redis`
# package; django-environ maps redis://, rediss:// and rediscache:// to it). Without CACHE_URL: the
# database cache table (`manage.py createcachetable`, which `manage.py restore` also runs).
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://chongchuan_cache")}
# Static files with content hashes in their names (app.3f2a9c.css), gzip/brotli copies made by
# collectstatic; whitenoise serves hashed names with a one-year immutable Cache-Control.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}  # noqa: F405

# ---- HTTPS ----
# DJANGO_HTTPS=true (the default): the site is served over HTTPS (TLS ends at nginx, which sets
# X-Forwarded-Proto). Plain HTTP is redirected, HSTS tells browsers to use HTTPS only, and the
# session and CSRF cookies are sent over HTTPS only.
# DJANGO_HTTPS=false: a plain-HTTP intranet. All of the above is off; `check --deploy` then
# reports exactly the warnings inherent to plain HTTP: security.W004 (no HSTS), security.W008 (no
# SSL redirect), security.W012 (session cookie not secure) and security.W016 (CSRF cookie not
# secure). Passwords and session cookies cross the network in clear text: use this only on a
# trusted network.
HTTPS = env.bool("DJANGO_HTTPS", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
# One year by default; start lower (e.g. DJANGO_HSTS_SECONDS=3600) when first switching HTTPS on.
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading is hard to undo (browsers ship the list): only on request, never by default.
SECURE_HSTS_PRELOAD = HTTPS and env.bool("DJANGO_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
if not SECURE_HSTS_PRELOAD:
    # security.W021 only says that the site cannot join the browsers' HSTS preload list; staying
    # off that list by default is deliberate (see above), so the warning is silenced.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Caches: Redis URLs always on Django's own RedisCache (see base.redis_cache_settings).
CACHES["default"] = redis_cache_settings(CACHES["default"])
