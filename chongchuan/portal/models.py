"""Publicity records (the article's media reports and visiting delegations) and portal settings."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MediaReport(models.Model):
    class Level(models.TextChoices):
        CENTRAL = "central", _("中央")
        PROVINCIAL = "provincial", _("省级")
        MUNICIPAL = "municipal", _("市级")

    outlet = models.CharField(_("媒体"), max_length=100)
    level = models.CharField(_("级别"), max_length=12, choices=Level.choices)
    title = models.CharField(_("标题"), max_length=200)
    published_on = models.DateField(_("发布日期"))
    url = models.URLField(_("链接"), blank=True)

    class Meta:
        verbose_name = _("媒体报道")
        verbose_name_plural = _("媒体报道")
        ordering = ["-published_on", "-pk"]
        indexes = [models.Index(fields=["level", "published_on"], name="mediareport_level_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=["central", "provincial", "municipal"]), name="mediareport_level_valid"
            ),
        ]

    def __str__(self):
        return f"{self.outlet}:{self.title}"


class Visit(models.Model):
    """A delegation from another CPPCC committee that came to study the rooms."""

    delegation = models.CharField(_("来访单位"), max_length=100)
    visited_on = models.DateField(_("来访日期"))
    headcount = models.PositiveIntegerField(_("人数"), null=True, blank=True)
    rooms = models.ManyToManyField("rooms.Room", verbose_name=_("参观的议事室"), blank=True, related_name="visits")
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("来访考察")
        verbose_name_plural = _("来访考察")
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["visited_on"], name="visit_date_idx")]

    def __str__(self):
        return f"{self.delegation}({self.visited_on})"


class PortalSettings(models.Model):
    """Settings staff change in the admin. There is one row; `PortalSettings.load()` returns it."""

    session_edit_window_days = models.PositiveSmallIntegerField(
        _("召集人可修改议事活动的天数"),
        default=30,
        validators=[MinValueValidator(0), MaxValueValidator(3650)],
        help_text=_("超过这个天数后,只有区政协机关工作人员可以修改或删除议事活动。"),
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
