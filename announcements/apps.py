"""Announced sessions: sign-up with capacity and waiting list, calendar files and feeds, and the
结果公示 period with residents' comments."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    name = "announcements"
    verbose_name = _("议题公示与报名")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the session signals)
