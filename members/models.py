"""The table of points for the annual 履职 review: how much each kind of a member's activity
counts. Staff edit it in the admin; a data migration gives the defaults."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    """What a member's record counts, in the order the review sheet shows it."""

    SESSION = "session", _("参加议事活动")
    ISSUE_RAISED = "issue_raised", _("所在议事活动提出民生问题")
    ISSUE_FOLLOWED = "issue_followed", _("所在议事活动跟进协商民生问题")
    PROPOSAL = "proposal", _("形成提案")
    OPINION = "opinion", _("形成社情民意信息")
    SUGGESTION = "suggestion", _("形成建议")


DEFAULT_POINTS = {
    ActivityKind.SESSION: Decimal("2"),
    ActivityKind.ISSUE_RAISED: Decimal("1"),
    ActivityKind.ISSUE_FOLLOWED: Decimal("0.5"),
    ActivityKind.PROPOSAL: Decimal("5"),
    ActivityKind.OPINION: Decimal("3"),
    ActivityKind.SUGGESTION: Decimal("1"),
}


class ActivityWeight(models.Model):
    """The points one activity of `kind` earns in the annual review. One row per kind."""

    Kind = ActivityKind

    kind = models.CharField(_("履职项目"), max_length=16, choices=ActivityKind.choices, unique=True)
    points = models.DecimalField(
        _("每项分值"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("每完成一项计的分数，0 至 100，可有一位小数。"),
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("履职积分标准")
        verbose_name_plural = _("履职积分标准")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ActivityKind.values), name="activityweight_kind_valid"),
            models.CheckConstraint(condition=Q(points__gte=0) & Q(points__lte=100), name="activityweight_points_range"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.points} 分"
