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
        return f"{self.outlet}：{self.title}"


class Visit(models.Model):
    """A delegation from another CPPCC committee that came to study the rooms."""

    delegation = models.CharField(_("来访单位"), max_length=100)
    visited_on = models.DateField(_("来访日期"))
    headcount = models.PositiveIntegerField(_("人数"), null=True, blank=True)
    rooms = models.ManyToManyField("rooms.Room", verbose_name=_("参观的议事室"), blank=True, related_name="visits")
    cases = models.ManyToManyField("cases.Case", verbose_name=_("看过的典型案例"), blank=True, related_name="visits")
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("来访考察")
        verbose_name_plural = _("来访考察")
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["visited_on"], name="visit_date_idx")]

    def __str__(self):
        return f"{self.delegation}（{self.visited_on}）"


# ---- rollups: counters kept per room and month so that reads cost O(page), not O(data) ----------


class RollupCounters(models.Model):
    """The counters every rollup keeps. Public data only, as the figures count it: held sessions
    (person-times are their attendance), published issues (total, open, resolved) and the
    residents' ratings of published issues (total, positive). Sessions count in the month of
    their start (Asia/Shanghai), issues and their ratings in the month the issue was reported.
    Maintained by `figures.rollups` (see docs/architecture.md, "Rollups")."""

    sessions_held = models.PositiveIntegerField(_("已举行场次"), default=0)
    person_times = models.PositiveBigIntegerField(_("参与人次"), default=0)
    issues_total = models.PositiveIntegerField(_("民生问题"), default=0)
    issues_open = models.PositiveIntegerField(_("办理中问题"), default=0)
    issues_resolved = models.PositiveIntegerField(_("已解决问题"), default=0)
    feedback_total = models.PositiveIntegerField(_("群众评价"), default=0)
    feedback_positive = models.PositiveIntegerField(_("满意评价"), default=0)
    last_session_date = models.DateField(_("最近举行日期"), null=True, blank=True)

    COUNTERS = (
        "sessions_held",
        "person_times",
        "issues_total",
        "issues_open",
        "issues_resolved",
        "feedback_total",
        "feedback_positive",
    )

    class Meta:
        abstract = True


class RoomMonthRollup(RollupCounters):
    room = models.ForeignKey(
        "rooms.Room", verbose_name=_("议事室"), on_delete=models.CASCADE, related_name="month_rollups"
    )
    month = models.DateField(_("月份"), help_text=_("该月第一天。"))

    class Meta:
        verbose_name = _("议事室月度汇总")
        verbose_name_plural = _("议事室月度汇总")
        ordering = ["room", "month"]
        indexes = [models.Index(fields=["month"], name="roommonthrollup_month_idx")]
        constraints = [models.UniqueConstraint(fields=["room", "month"], name="roommonthrollup_unique_key")]

    def __str__(self):
        return f"{self.room_id} {self.month:%Y-%m}"


class RoomRollup(RollupCounters):
    """A room's totals over all months: what the room list and the room page show."""

    room = models.OneToOneField(
        "rooms.Room", verbose_name=_("议事室"), on_delete=models.CASCADE, primary_key=True, related_name="rollup"
    )

    class Meta:
        verbose_name = _("议事室汇总")
        verbose_name_plural = _("议事室汇总")

    def __str__(self):
        return str(self.room_id)


class StreetMonthRollup(RollupCounters):
    """The rooms of a street in one month; `street` empty for the rooms with no street (most
    sector rooms), so the rows add up to the district."""

    street = models.ForeignKey(
        "rooms.Street",
        verbose_name=_("街道"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="month_rollups",
    )
    month = models.DateField(_("月份"), help_text=_("该月第一天。"))

    class Meta:
        verbose_name = _("街道月度汇总")
        verbose_name_plural = _("街道月度汇总")
        ordering = ["street", "month"]
        indexes = [
            models.Index(fields=["street", "month"], name="streetmonthrollup_key_idx"),
            models.Index(fields=["month"], name="streetmonthrollup_month_idx"),
        ]

    def __str__(self):
        return f"{self.street_id} {self.month:%Y-%m}"
