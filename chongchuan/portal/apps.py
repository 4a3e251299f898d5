from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "chongchuan.portal"
    label = "portal"
    verbose_name = _("门户与宣传")

    def ready(self):
        from . import cache  # noqa: F401  (connects the cache invalidation receivers)
