"""The publicity the article counts: media reports and visiting delegations."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


# At module level so that `Meta.constraints` can read its `.values` (a nested Meta cannot see
# the model's own namespace); the model exposes it under its usual name.
class MediaReportLevel(models.TextChoices):
    CENTRAL = "central", _("中央")
    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")


class MediaReport(models.Model):
    Level = MediaReportLevel

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
            models.CheckConstraint(condition=Q(level__in=MediaReportLevel.values), name="mediareport_level_valid"),
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
