"""Production settings: secrets from the environment, secure cookies, whitenoise for static files."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, redis_cache_settings

DEBUG = False
try:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY")
except ImproperlyConfigured as error:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY 未设置:生产环境必须通过环境变量提供密钥。"
        " (Set DJANGO_SECRET_KEY in the environment; production has no default.)"
    ) from error
if not SECRET_KEY or SECRET_KEY.startswith("insecure"):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY 不能为空或使用开发默认值。")

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
# A cache every gunicorn worker shares, so a write invalidates the figures for all of them.
# Default: the database cache table (run `manage.py createcachetable` once); Redis via CACHE_URL.
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://chongchuan_cache")}

SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Caches: Redis URLs always on Django's own RedisCache (see base.redis_cache_settings).
CACHES["default"] = redis_cache_settings(CACHES["default"])
