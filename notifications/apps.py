from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Telling people: the in-app inbox, and messages by e-mail, SMS or WeChat sent by a
    background worker (django-tasks), retried when a channel fails."""

    name = "notifications"
    verbose_name = _("消息通知")
