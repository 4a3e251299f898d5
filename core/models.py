"""Settings staff change in the admin, read by every layer (the edit window, the quiet-room threshold)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class PortalSettings(models.Model):
    """Settings staff change in the admin. There is one row; `PortalSettings.load()` returns it."""

    session_edit_window_days = models.PositiveSmallIntegerField(
        _("召集人可修改议事活动的天数"),
        default=30,
        validators=[MinValueValidator(0), MaxValueValidator(3650)],
        help_text=_("超过这个天数后，只有区政协机关工作人员可以修改或删除议事活动。"),
    )
    quiet_room_days = models.PositiveSmallIntegerField(
        _("多少天无活动视为沉寂"), default=60, validators=[MinValueValidator(1), MaxValueValidator(3650)]
    )

    class Meta:
        verbose_name = _("平台设置")
        verbose_name_plural = _("平台设置")

    def __str__(self):
        return str(_("平台设置"))

    @classmethod
    def load(cls):
        settings_row, _created = cls.objects.get_or_create(pk=1)
        return settings_row
