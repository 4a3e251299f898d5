from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliberationsConfig(AppConfig):
    """The label is `deliberations`: `sessions` already belongs to django.contrib.sessions."""

    name = "sessions"
    label = "deliberations"
    verbose_name = _("议事活动")
