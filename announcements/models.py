"""议题公示 and 结果公示: a planned session announced with its agenda and sign-up, residents' sign-ups
(private), the result's publication with a comment period (公示期) and residents' comments on it.

A resident's name and contact (报名姓名、联系方式, 意见的联系方式) are private: only the room's
conveners and staff see them (workspace, admin, the convener's export). No public page, feed,
calendar file, API answer or file name carries them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deliberations.models import SessionStatus

MAX_CAPACITY = 10_000


class SignUpStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("已报名")
    WAITLISTED = "waitlisted", _("候补")
    CANCELLED = "cancelled", _("已取消")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已公开")
    REJECTED = "rejected", _("不予公开")


class CommentKind(models.TextChoices):
    COMMENT = "comment", _("意见建议")
    OBJECTION = "objection", _("异议")


class AnnouncementQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """Announcements of sessions that have not started yet (cancelled ones included: a
        resident who planned to go must be able to see that it was called off)."""
        return self.filter(session__starts_at__gte=now or timezone.now())

    def with_signup_counts(self):
        """Each announcement with `confirmed_count` and `waitlisted_count`, counted in the database."""
        return self.annotate(
            confirmed_count=Count("signups", filter=Q(signups__status=SignUpStatus.CONFIRMED)),
            waitlisted_count=Count("signups", filter=Q(signups__status=SignUpStatus.WAITLISTED)),
        )


class Announcement(models.Model):
    """议题公示: the public announcement of a planned session. Topic, time and place are the
    session's own (one source); the announcement adds the agenda, who is invited and the sign-up
    rules. `sequence` is the calendar SEQUENCE: it goes up each time the session is moved or
    cancelled, so calendar apps replace the event they hold."""

    session = models.OneToOneField(
        "deliberations.Session", verbose_name=_("议事活动"), on_delete=models.CASCADE, related_name="announcement"
    )
    agenda = models.TextField(_("议程"), blank=True, help_text=_("每行一项，例如“召集人介绍议题背景”。"))
    invited = models.CharField(
        _("邀请对象"), max_length=200, blank=True, help_text=_("例如“小区居民、物业公司、社区民警”。")
    )
    capacity = models.PositiveIntegerField(
        _("报名名额"),
        default=30,
        help_text=_("填 0 表示不接受网上报名。"),
    )
    waitlist_size = models.PositiveIntegerField(
        _("候补名额"), default=10, help_text=_("名额报满后，可排队候补的人数；有人取消时第一位候补自动递补。")
    )
    signup_deadline = models.DateTimeField(
        _("报名截止时间"), null=True, blank=True, help_text=_("不填则报名到活动开始为止。")
    )
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    cancel_reason = models.CharField(_("取消原因"), max_length=200, blank=True)
    sequence = models.PositiveIntegerField(_("日历版本号"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("发布时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("议题公示")
        verbose_name_plural = _("议题公示")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__lte=MAX_CAPACITY), name="announcement_capacity_range"),
            models.CheckConstraint(condition=Q(waitlist_size__lte=MAX_CAPACITY), name="announcement_waitlist_range"),
        ]

    def __str__(self):
        return str(self.session)

    def get_absolute_url(self):
        return self.session.get_absolute_url()

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def takes_signups(self) -> bool:
        return self.capacity > 0

    def deadline(self):
        """When sign-up closes: the deadline set, else the session's start."""
        return self.signup_deadline or self.session.starts_at

    def signup_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.takes_signups
            and not self.is_cancelled
            and self.session.status == SessionStatus.PLANNED
            and now < self.session.starts_at
            and now < self.deadline()
        )


class SignUp(models.Model):
    """A resident's sign-up for an announced session. Name and contact are private."""

    Status = SignUpStatus

    announcement = models.ForeignKey(
        Announcement, verbose_name=_("议题公示"), on_delete=models.CASCADE, related_name="signups"
    )
    name = models.CharField(_("姓名（不公开）"), max_length=50)
    contact = models.CharField(_("联系方式（不公开）"), max_length=100)
    # The contact as compared for duplicates: digits only for a phone, lower case for an e-mail.
    contact_key = models.CharField(_("联系方式（规范化）"), max_length=100, editable=False)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    created_at = models.DateTimeField(_("报名时间"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("候补转正时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        ordering = ["announcement", "created_at", "pk"]
        indexes = [models.Index(fields=["announcement", "status", "created_at"], name="signup_ann_status_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=SignUpStatus.values), name="signup_status_valid"),
            # One live sign-up per contact and session; a cancelled one may sign up again.
            models.UniqueConstraint(
                fields=["announcement", "contact_key"],
                condition=~Q(status=SignUpStatus.CANCELLED),
                name="signup_one_per_contact",
            ),
        ]

    def __str__(self):
        # Never the name: the admin's history and logs may be read by more people.
        return _("报名 #%(pk)s") % {"pk": self.pk}


class ResultNoticeQuerySet(models.QuerySet):
    def running(self, today=None):
        return self.filter(ends_on__gte=today or timezone.localdate())

    def ended(self, today=None):
        return self.filter(ends_on__lt=today or timezone.localdate())


class ResultNotice(models.Model):
    """结果公示: a held session's consensus published for a period of working days (公示期),
    during which residents may comment or object."""

    session = models.OneToOneField(
        "deliberations.Session", verbose_name=_("议事活动"), on_delete=models.CASCADE, related_name="result_notice"
    )
    text = models.TextField(_("公示内容"), help_text=_("默认为议事活动的共识，可补充说明。"))
    working_days = models.PositiveSmallIntegerField(_("公示期（工作日）"), default=5)
    starts_on = models.DateField(_("公示开始日期"))
    ends_on = models.DateField(_("公示截止日期"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("发布时间"), default=timezone.now)

    objects = ResultNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("结果公示")
        verbose_name_plural = _("结果公示")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["ends_on", "id"], name="resultnotice_ends_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="resultnotice_ends_after_start"),
            models.CheckConstraint(
                condition=Q(working_days__gte=1) & Q(working_days__lte=30), name="resultnotice_days_range"
            ),
        ]

    def __str__(self):
        return str(self.session)

    def get_absolute_url(self):
        return reverse("deliberations:detail", args=[self.session_id]) + "#result"

    def is_running(self, today=None) -> bool:
        return (today or timezone.localdate()) <= self.ends_on


class Comment(models.Model):
    """A resident's comment or objection on a result in 公示. Hidden until a convener or staff
    approves it; the contact is never public. The convener's answer shows under it."""

    Status = CommentStatus
    Kind = CommentKind

    notice = models.ForeignKey(
        ResultNotice, verbose_name=_("结果公示"), on_delete=models.CASCADE, related_name="comments"
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.COMMENT)
    body = models.TextField(_("内容"), max_length=1000)
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
    answer = models.TextField(_("答复"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)

    class Meta:
        verbose_name = _("公示意见")
        verbose_name_plural = _("公示意见")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["notice", "status", "created_at"], name="comment_notice_status_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=CommentStatus.values), name="comment_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=CommentKind.values), name="comment_kind_valid"),
        ]

    def __str__(self):
        return self.body[:40]
