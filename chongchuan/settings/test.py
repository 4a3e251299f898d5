"""Test settings: fast password hashing, in-memory cache and e-mail, media in a temp folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env("DJANGO_MEDIA_ROOT", default=tempfile.mkdtemp(prefix="chongchuan-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]

# Serve static files straight from the finders; no collectstatic needed outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tasks run at once when queued (on commit); tests that need the real worker switch to the
# database backend with override_settings and run `db_worker --batch`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Private files (registry import previews) in a temp folder of their own.
PRIVATE_DATA_ROOT = Path(tempfile.mkdtemp(prefix="chongchuan-private-"))

# Whole-page cache: off for the suite at large, whose tests change rows behind the services' back
# (QuerySet.update) between two requests; tests/portal/test_page_cache.py turns it on.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=False)  # PAGE_CACHE_ENABLED=true runs the suite with it
