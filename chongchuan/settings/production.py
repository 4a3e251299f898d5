"""Production settings: secrets from the environment, secure cookies, whitenoise for static files."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

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
# Recommended: Redis, CACHE_URL=redis://127.0.0.1:6379/1 (Django's own RedisCache with the `redis`
# package; django-environ maps redis://, rediss:// and rediscache:// to it). Without CACHE_URL: the
# database cache table (`manage.py createcachetable`, which `manage.py restore` also runs).
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://chongchuan_cache")}
# Static files with content hashes in their names (app.3f2a9c.css), gzip/brotli copies made by
# collectstatic; whitenoise serves hashed names with a one-year immutable Cache-Control.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}  # noqa: F405

SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
