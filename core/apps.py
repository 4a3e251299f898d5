from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared plumbing for every layer: listing, exports, rate limit, the statistics cache and the
    page cache, API support, photo processing, and the settings staff change in the admin."""

    name = "core"
    verbose_name = _("平台设置")

    def ready(self):
        from django.conf import settings

        from core import cache

        # The cached public pages show every model of these apps: a write to any of them makes
        # the cached copies obsolete (core.pagecache).
        cache.watch_apps(settings.PAGE_CACHE_WATCHED_APPS)
