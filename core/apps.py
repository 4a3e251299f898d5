from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared plumbing for every layer: listing, exports, rate limit, the statistics cache, API
    support, photo processing, and the settings staff change in the admin."""

    name = "core"
    verbose_name = _("平台设置")
