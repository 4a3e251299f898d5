"""Deliberation sessions (议事活动), their attendance and photos, campaigns and topic suggestions."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.bulk import SignallingQuerySet
from core.lookups import prefixed_q

MAX_HEADCOUNT = 100_000


class Campaign(models.Model):
    """A 民生专题协商议事月: a period with a theme and targets the dashboard tracks."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    theme = models.CharField(_("主题"), max_length=200, blank=True)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    target_sessions = models.PositiveIntegerField(_("目标场次"), default=0)
    target_person_times = models.PositiveIntegerField(_("目标参与人次"), default=0)
    target_issues_resolved = models.PositiveIntegerField(_("目标解决问题数"), default=0)
    summary = models.TextField(
        _("活动总结"), blank=True, help_text=_("活动结束后由区政协机关填写，显示在议事月公开页面。")
    )

    class Meta:
        verbose_name = _("议事月活动")
        verbose_name_plural = _("议事月活动")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="campaign_ends_after_start"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("campaigns:detail", args=[self.pk])

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("结束日期不能早于开始日期。")})

    def is_running(self, on=None):
        on = on or timezone.localdate()
        return self.starts_on <= on <= self.ends_on


class CampaignStreetTarget(models.Model):
    """What one street set out to do in a campaign: the staff set it in the admin, and the
    campaign page sets each street's own sessions against it."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("议事月"), on_delete=models.CASCADE, related_name="street_targets"
    )
    street = models.ForeignKey(
        "rooms.Street", verbose_name=_("街道"), on_delete=models.PROTECT, related_name="campaign_targets"
    )
    target_sessions = models.PositiveIntegerField(_("目标场次"), default=0)
    target_person_times = models.PositiveIntegerField(_("目标参与人次"), default=0)
    target_issues_resolved = models.PositiveIntegerField(_("目标解决问题数"), default=0)

    class Meta:
        verbose_name = _("街道目标")
        verbose_name_plural = _("街道目标")
        ordering = ["campaign", "street__ordering", "street__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "street"], name="campaignstreettarget_unique_street"),
        ]

    def __str__(self):
        return f"{self.campaign}:{self.street}"


# Choices live at module level so that `Meta.constraints` can read their `.values` (a nested
# Meta cannot see the model's own namespace); each model exposes them under its usual name.
class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("计划中")
    HELD = "held", _("已举行")


class AttendanceRole(models.TextChoices):
    CPPCC_MEMBER = "cppcc_member", _("政协委员")
    RESIDENT = "resident", _("居民群众")
    DEPARTMENT = "department", _("部门代表")
    EXPERT = "expert", _("专家律师")
    OTHER = "other", _("其他")


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    ACCEPTED = "accepted", _("已采纳")
    DECLINED = "declined", _("未采纳")


class SessionQuerySet(SignallingQuerySet):
    def held(self):
        """Sessions that took place: the only ones the figures count."""
        return self.filter(Session.held_q())

    def planned(self):
        """Sessions announced but not held yet."""
        return self.filter(status=SessionStatus.PLANNED)

    def public(self):
        """Sessions anyone may see, with their photos: every logged session (the public list
        shows planned and held ones alike). A deleted session is gone, so its photos are too."""
        return self.all()

    def with_person_times(self):
        """Each session with `person_times` annotated, 0 when it has no attendance.

        A correlated subquery, not a join, so it stays one query and never multiplies other
        annotations' rows.
        """
        per_session = (
            Attendance.objects.filter(session=OuterRef("pk"))
            .order_by()
            .values("session")
            .annotate(total=Attendance.person_times_sum())
            .values("total")[:1]
        )
        return self.annotate(person_times=Coalesce(Subquery(per_session, output_field=IntegerField()), Value(0)))


class Session(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("常规议事")
        CAMPAIGN = "campaign", _("民生专题议事月")
        SECTOR = "sector", _("界别活动")
        INSPECTION = "inspection", _("视察调研")
        OTHER = "other", _("其他")

    Status = SessionStatus

    room = models.ForeignKey("rooms.Room", verbose_name=_("议事室"), on_delete=models.PROTECT, related_name="sessions")
    topic = models.CharField(_("议题"), max_length=200)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices, default=Kind.REGULAR)
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("议事月"), null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.HELD)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=200, blank=True)
    minutes = models.TextField(_("纪要"), blank=True)
    consensus = models.TextField(_("共识"), blank=True)
    cppcc_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("参加的政协委员"), blank=True, related_name="sessions_attended"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions_created",
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # Optimistic lock, as on Issue: every save through `deliberations.services` adds 1, and an edit
    # form (or API write) that carries an older version is refused instead of overwriting.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    # The one-time token of the form (or API request) that created the session: a double submit
    # or a retry with the same token finds this session instead of creating a second one.
    client_token = models.UUIDField(_("录入表单标识"), null=True, blank=True, unique=True, editable=False)

    objects = SessionQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("议事活动历史"), excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = _("议事活动")
        verbose_name_plural = _("议事活动")
        ordering = ["-starts_at"]
        # Each filter of the list pages and the API, followed by the default sort (newest first)
        # and the id tie-breaker, so a page is read in index order and never sorted in full.
        indexes = [
            models.Index(fields=["starts_at", "id"], name="session_start_id_idx"),
            models.Index(fields=["status", "starts_at", "id"], name="session_status_start_id_idx"),
            models.Index(fields=["room", "status", "starts_at"], name="session_room_status_idx"),
            models.Index(fields=["room", "starts_at", "id"], name="session_room_start_idx"),
            models.Index(fields=["kind", "starts_at", "id"], name="session_kind_start_idx"),
            models.Index(fields=["campaign", "starts_at", "id"], name="session_campaign_start_idx"),
            models.Index(fields=["topic", "id"], name="session_topic_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(status__in=SessionStatus.values), name="session_status_valid"),
        ]

    def __str__(self):
        return self.topic

    def get_absolute_url(self):
        return reverse("deliberations:detail", args=[self.pk])

    @staticmethod
    def held_q(prefix: str = "") -> Q:
        """What counts as a held session, seen through `prefix` (e.g. `"session"` from attendance)."""
        return prefixed_q(prefix, status=SessionStatus.HELD)

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("结束时间不能早于开始时间。")
        if self.status == self.Status.HELD and self.starts_at and self.starts_at > timezone.now():
            errors["status"] = _("未来的议事活动不能标记为已举行，请选择“计划中”。")
        if errors:
            raise ValidationError(errors)


class AttendanceQuerySet(SignallingQuerySet):
    def held(self):
        """Attendance of held sessions: the headcounts the person-times figures add up."""
        return self.filter(Session.held_q("session"))

    def person_times(self) -> int:
        """The person-times (人次) of these rows: the sum of their headcounts, 0 when none."""
        return self.aggregate(total=Attendance.person_times_sum())["total"] or 0


class Attendance(models.Model):
    """One headcount per (session, role). Person-times (人次) are the sum of headcounts."""

    Role = AttendanceRole

    session = models.ForeignKey(
        Session, verbose_name=_("议事活动"), on_delete=models.CASCADE, related_name="attendance"
    )
    role = models.CharField(_("身份"), max_length=14, choices=Role.choices)
    headcount = models.PositiveIntegerField(_("人数"), validators=[MaxValueValidator(MAX_HEADCOUNT)])

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("参与人数")
        verbose_name_plural = _("参与人数")
        ordering = ["session", "role"]
        # A session's person-times are summed from this index alone (an index-only scan), on
        # SQLite too, which has no INCLUDE columns.
        indexes = [models.Index(fields=["session", "headcount"], name="attendance_session_head_idx")]
        constraints = [
            models.UniqueConstraint(fields=["session", "role"], name="attendance_unique_session_role"),
            models.CheckConstraint(
                condition=Q(headcount__gte=0) & Q(headcount__lte=MAX_HEADCOUNT), name="attendance_headcount_range"
            ),
            models.CheckConstraint(
                condition=Q(role__in=AttendanceRole.values),
                name="attendance_role_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.headcount}"

    @staticmethod
    def person_times_sum() -> Sum:
        """The aggregate of person-times (人次): the sum of headcounts. The one place they are
        summed; every figure, grouped or not, aggregates with this."""
        return Sum("headcount")


def session_photo_path(photo, filename) -> str:
    """Where a session photo is stored: `sessions/photos/<2 hex>/<uuid4 hex>.jpg`. The name is
    random (the uploaded name, which may carry a resident's name or phone number, is never used)
    and the two-digit folder keeps directories small. `photo_for_display` already names the file
    randomly; a new uuid is drawn here too so no caller can leak a name by accident."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    if not extension.isalnum() or len(extension) > 5:
        extension = "jpg"
    name = uuid.uuid4().hex
    return f"{SESSION_PHOTO_DIR}{name[:2]}/{name}.{extension}"


SESSION_PHOTO_DIR = "sessions/photos/"


class SessionPhoto(models.Model):
    session = models.ForeignKey(Session, verbose_name=_("议事活动"), on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("照片"), upload_to=session_photo_path, max_length=200)
    caption = models.CharField(_("说明"), max_length=200, blank=True)
    alt_text = models.CharField(_("替代文字"), max_length=200)
    ordering = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("活动照片")
        verbose_name_plural = _("活动照片")
        ordering = ["session", "ordering", "pk"]

    def __str__(self):
        return self.caption or self.alt_text


class TopicSuggestion(models.Model):
    """A resident's suggested topic (议题征集). Never public until a convener or staff accepts it."""

    Status = SuggestionStatus

    room = models.ForeignKey(
        "rooms.Room", verbose_name=_("议事室"), on_delete=models.CASCADE, related_name="topic_suggestions"
    )
    topic = models.CharField(_("建议议题"), max_length=200)
    description = models.TextField(_("具体说明"), blank=True)
    contact = models.CharField(_("联系方式（不公开）"), max_length=100, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("议题征集")
        verbose_name_plural = _("议题征集")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["room", "status"], name="suggestion_room_status_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=SuggestionStatus.values), name="suggestion_status_valid"),
        ]

    def __str__(self):
        return self.topic
