from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiaisonConfig(AppConfig):
    """The department workspace at /dept/ (承办单位工作台): a department's liaisons accept,
    answer and report on the issues assigned to it."""

    name = "liaison"
    verbose_name = _("承办单位工作台")

    def ready(self):
        from . import signals  # noqa: F401  (connects the login receiver)
