from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliberationsConfig(AppConfig):
    """Sessions (议事活动) and what they record. Folder and label are `deliberations`: `sessions`
    belongs to django.contrib.sessions (and `request.session`)."""

    name = "deliberations"
    label = "deliberations"
    verbose_name = _("议事活动")
