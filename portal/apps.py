from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public pages residents read without logging in."""

    name = "portal"
    verbose_name = _("公开门户")
