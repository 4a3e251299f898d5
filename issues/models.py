"""Livelihood issues (民生问题), their public timeline, residents' feedback and outcomes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.bulk import SignallingQuerySet
from core.lookups import prefixed_q


class IssueCategory(models.Model):
    """A kind of livelihood issue, routed to a default department with a deadline."""

    DEFAULT_DEADLINE_DAYS = 30

    name = models.CharField(_("名称"), max_length=50, unique=True)
    ordering = models.PositiveSmallIntegerField(_("排序"), default=0)
    default_department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("默认承办单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="default_categories",
        help_text=_("新问题自动交办给这个单位；召集人或工作人员可以改派。"),
    )
    deadline_days = models.PositiveSmallIntegerField(
        _("办理时限（天）"),
        default=DEFAULT_DEADLINE_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("交办之日起的天数；个别问题可以手工设定期限。"),
    )

    class Meta:
        verbose_name = _("问题类别")
        verbose_name_plural = _("问题类别")
        ordering = ["ordering", "name"]

    def __str__(self):
        return self.name


# Choices live at module level so that `Meta.constraints` can read their `.values` (a nested
# Meta cannot see the model's own namespace); each model exposes them under its usual name.
class IssueStatus(models.TextChoices):
    REPORTED = "reported", _("已反映")
    DELIBERATING = "deliberating", _("协商中")
    AGREED = "agreed", _("已达成共识")
    IN_PROGRESS = "in_progress", _("办理中")
    RESOLVED = "resolved", _("已解决")
    CLOSED = "closed", _("未解决关闭")


class IssueTriage(models.TextChoices):
    """三事分流: the level that handles the issue, escalated upward when it must be."""

    BUILDING = "building", _("楼幢")
    NEIGHBOURHOOD = "neighbourhood", _("邻里")
    COMMUNITY = "community", _("社区")
    STREET = "street", _("街道")
    DISTRICT = "district", _("区")


class HandlingStatus(models.TextChoices):
    """Where the department stands with an issue assigned to it (承办状态)."""

    ASSIGNED = "assigned", _("待签收")
    ACCEPTED = "accepted", _("已签收")
    RETURNED = "returned", _("已退回")
    DONE_REPORTED = "done_reported", _("已报办结，待确认")
    CONFIRMED = "confirmed", _("已确认办结")


class FeedbackRating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    MOSTLY = "mostly", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


class OutcomeKind(models.TextChoices):
    SUGGESTION = "suggestion", _("建议")
    PROPOSAL = "proposal", _("提案")
    OPINION = "opinion", _("社情民意信息")


class OutcomeAdoption(models.TextChoices):
    PENDING = "pending", _("待答复")
    ADOPTED = "adopted", _("已采纳")
    NOT_ADOPTED = "not_adopted", _("未采纳")


class IssueQuerySet(SignallingQuerySet):
    def public(self):
        """Published issues: the only ones public pages, the API, exports and figures show."""
        return self.filter(Issue.public_q())

    def open(self):
        """Issues still being handled (see `Issue.OPEN_STATUSES`)."""
        return self.filter(Issue.open_q())

    def resolved(self):
        """Issues resolved (not merely closed)."""
        return self.filter(Issue.resolved_q())

    def overdue(self, today):
        """Open issues whose due date is before `today`."""
        return self.open().filter(due_on__lt=today)


class Issue(models.Model):
    Status = IssueStatus
    Triage = IssueTriage
    Handling = HandlingStatus

    # What counts as open: every status but resolved and closed. Written once here; the
    # QuerySet word `open()`, `is_open` and the reopen rule all read it.
    OPEN_STATUSES = (
        IssueStatus.REPORTED,
        IssueStatus.DELIBERATING,
        IssueStatus.AGREED,
        IssueStatus.IN_PROGRESS,
    )

    title = models.CharField(_("标题"), max_length=200)
    description = models.TextField(_("问题描述"), blank=True)
    category = models.ForeignKey(IssueCategory, verbose_name=_("类别"), on_delete=models.PROTECT, related_name="issues")
    room = models.ForeignKey("rooms.Room", verbose_name=_("议事室"), on_delete=models.PROTECT, related_name="issues")
    raised_in = models.ForeignKey(
        "deliberations.Session",
        verbose_name=_("提出于议事活动"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issues_raised",
    )
    deliberated_in = models.ManyToManyField(
        "deliberations.Session", verbose_name=_("协商于议事活动"), blank=True, related_name="issues_deliberated"
    )
    triage_level = models.CharField(_("三事分流层级"), max_length=14, choices=Triage.choices, default=Triage.COMMUNITY)
    status = models.CharField(_("状态"), max_length=14, choices=Status.choices, default=Status.REPORTED)
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("承办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issues",
    )
    handling = models.CharField(_("承办状态"), max_length=14, choices=HandlingStatus.choices, blank=True)
    reported_on = models.DateField(_("反映日期"))
    due_on = models.DateField(_("办理期限"), null=True, blank=True)
    due_on_set_by_hand = models.BooleanField(
        _("手工设定期限"), default=False, help_text=_("不勾选时，期限按类别的办理时限自动计算。")
    )
    escalated_to = models.ForeignKey(
        "rooms.Room",
        verbose_name=_("提级至议事室"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="escalated_issues",
        help_text=_("三事分流提级到街道时，由该街道协商议事室接手。提级到区时由区政协机关接手。"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("重复于"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    resolution = models.TextField(_("解决情况"), blank=True)
    resolved_on = models.DateField(_("解决日期"), null=True, blank=True)
    closed_reason = models.TextField(_("关闭原因"), blank=True)
    is_public = models.BooleanField(_("公开"), default=True)
    search_document = models.TextField(_("检索文本（二元分词）"), blank=True, default="", editable=False)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = IssueQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("民生问题历史"), excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = _("民生问题")
        verbose_name_plural = _("民生问题")
        ordering = ["-reported_on", "-pk"]
        indexes = [
            models.Index(fields=["is_public", "status", "resolved_on"], name="issue_public_status_idx"),
            models.Index(fields=["room", "status"], name="issue_room_status_idx"),
            models.Index(fields=["category", "status"], name="issue_category_status_idx"),
            models.Index(fields=["status", "due_on"], name="issue_status_due_idx"),
            models.Index(fields=["department", "status"], name="issue_department_status_idx"),
            # Each filter of the list page and the API, followed by the default sort (newest
            # report first) and the id tie-breaker; then each ordering the API allows.
            models.Index(fields=["reported_on", "id"], name="issue_reported_id_idx"),
            models.Index(fields=["status", "reported_on", "id"], name="issue_status_reported_idx"),
            models.Index(fields=["category", "reported_on", "id"], name="issue_category_reported_idx"),
            models.Index(fields=["room", "reported_on", "id"], name="issue_room_reported_idx"),
            models.Index(fields=["triage_level", "reported_on", "id"], name="issue_triage_reported_idx"),
            models.Index(fields=["resolved_on", "id"], name="issue_resolved_id_idx"),
            models.Index(fields=["due_on", "id"], name="issue_due_id_idx"),
            models.Index(fields=["title", "id"], name="issue_title_id_idx"),
            # Published resolved issues by date: the home page's latest resolutions and the figures
            # as of a day read them without stepping over the unresolved ones' empty dates.
            models.Index(
                fields=["resolved_on", "id"],
                condition=Q(is_public=True, status=IssueStatus.RESOLVED),
                name="issue_public_resolved_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=IssueStatus.RESOLVED) | Q(resolved_on__isnull=False), name="issue_resolved_has_date"
            ),
            models.CheckConstraint(
                condition=Q(status=IssueStatus.RESOLVED) | Q(resolved_on__isnull=True),
                name="issue_resolved_date_only_if_resolved",
            ),
            models.CheckConstraint(
                condition=~Q(status=IssueStatus.CLOSED) | ~Q(closed_reason=""), name="issue_closed_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(status__in=IssueStatus.values),
                name="issue_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(triage_level__in=IssueTriage.values),
                name="issue_triage_valid",
            ),
            models.CheckConstraint(
                condition=Q(handling="") | Q(handling__in=HandlingStatus.values),
                name="issue_handling_valid",
            ),
            models.CheckConstraint(condition=~Q(duplicate_of=F("pk")), name="issue_not_duplicate_of_itself"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("issues:detail", args=[self.pk])

    @staticmethod
    def public_q(prefix: str = "") -> Q:
        """What counts as a published issue, seen through `prefix` (e.g. `"issue"` from feedback)."""
        return prefixed_q(prefix, is_public=True)

    @staticmethod
    def open_q(prefix: str = "") -> Q:
        """What counts as an open issue, seen through `prefix`."""
        return prefixed_q(prefix, status__in=Issue.OPEN_STATUSES)

    @staticmethod
    def resolved_q(prefix: str = "") -> Q:
        """What counts as a resolved issue, seen through `prefix`."""
        return prefixed_q(prefix, status=IssueStatus.RESOLVED)

    def clean(self):
        errors = {}
        if self.status == self.Status.RESOLVED and not self.resolved_on:
            errors["resolved_on"] = _("已解决的问题必须填写解决日期。")
        if self.status != self.Status.RESOLVED and self.resolved_on:
            errors["resolved_on"] = _("只有已解决的问题才能填写解决日期。")
        if self.status == self.Status.CLOSED and not self.closed_reason.strip():
            errors["closed_reason"] = _("关闭未解决的问题必须说明原因。")
        if self.resolved_on and self.reported_on and self.resolved_on < self.reported_on:
            errors["resolved_on"] = _("解决日期不能早于反映日期。")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES


# Allowed status changes. Leaving resolved or closed is a reopen and needs a note.
ISSUE_TRANSITIONS = {
    Issue.Status.REPORTED: {
        Issue.Status.DELIBERATING,
        Issue.Status.AGREED,
        Issue.Status.IN_PROGRESS,
        Issue.Status.RESOLVED,
        Issue.Status.CLOSED,
    },
    Issue.Status.DELIBERATING: {
        Issue.Status.AGREED,
        Issue.Status.IN_PROGRESS,
        Issue.Status.RESOLVED,
        Issue.Status.CLOSED,
    },
    Issue.Status.AGREED: {Issue.Status.IN_PROGRESS, Issue.Status.RESOLVED, Issue.Status.CLOSED},
    Issue.Status.IN_PROGRESS: {Issue.Status.RESOLVED, Issue.Status.CLOSED},
    Issue.Status.RESOLVED: {Issue.Status.IN_PROGRESS},
    Issue.Status.CLOSED: {Issue.Status.DELIBERATING, Issue.Status.IN_PROGRESS},
}
REOPEN_STATUSES = set(Issue.Status) - set(Issue.OPEN_STATUSES)
TRIAGE_ORDER = [choice for choice, _label in Issue.Triage.choices]


class UpdateKind(models.TextChoices):
    PROGRESS = "progress", _("进展")
    ASSIGN = "assign", _("交办")
    ACCEPT = "accept", _("签收")
    RETURN = "return", _("退回")
    EXTENSION = "extension", _("延期")
    DONE_REPORT = "done_report", _("报告办结")
    CONFIRM = "confirm", _("确认办结")
    ESCALATE = "escalate", _("提级")
    DUPLICATE = "duplicate", _("合并重复")
    FOLLOW_UP = "follow_up", _("回访")
    URGE = "urge", _("催办")


class IssueUpdateQuerySet(models.QuerySet):
    def public(self):
        """Timeline entries of published issues."""
        return self.filter(Issue.public_q("issue"))


class IssueUpdate(models.Model):
    """One entry of an issue's public timeline: a note, and possibly a status change."""

    issue = models.ForeignKey(Issue, verbose_name=_("民生问题"), on_delete=models.CASCADE, related_name="updates")
    status_from = models.CharField(_("原状态"), max_length=14, choices=Issue.Status.choices, blank=True)
    status_to = models.CharField(_("新状态"), max_length=14, choices=Issue.Status.choices, blank=True)
    triage_to = models.CharField(_("分流层级调整为"), max_length=14, choices=Issue.Triage.choices, blank=True)
    note = models.TextField(_("进展说明"))
    occurred_on = models.DateField(_("日期"))
    is_urge = models.BooleanField(_("催办"), default=False)
    kind = models.CharField(_("类型"), max_length=12, choices=UpdateKind.choices, default=UpdateKind.PROGRESS)
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("以承办单位名义"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issue_updates",
        help_text=_("承办单位的答复在时间线上只显示单位名称，不显示个人。"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issue_updates",
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    objects = IssueUpdateQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("进展记录历史"), excluded_fields=["created_at"])

    Kind = UpdateKind

    class Meta:
        verbose_name = _("进展记录")
        verbose_name_plural = _("进展记录")
        ordering = ["issue", "occurred_on", "pk"]
        # The timeline of one issue in its order (date, then id), read from the index.
        indexes = [models.Index(fields=["issue", "occurred_on", "id"], name="issueupdate_issue_date_id_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=UpdateKind.values), name="issueupdate_kind_valid"),
        ]

    def __str__(self):
        return f"{self.issue} · {self.occurred_on}"


class FeedbackQuerySet(SignallingQuerySet):
    def public(self):
        """Ratings of published issues: the ones the satisfaction figures count."""
        return self.filter(Issue.public_q("issue"))

    def positive(self):
        """Ratings that count as satisfied (see `Feedback.POSITIVE_RATINGS`)."""
        return self.filter(rating__in=Feedback.POSITIVE_RATINGS)


class Feedback(models.Model):
    """A resident's rating of a resolved issue. Anonymous in every public output.

    One rating per issue and client: the logged-in user, or else the salted hash of the client's
    IP (`ip_hash`, core/ratelimit.py). Rating again replaces the earlier rating (see
    `feedback_submit`), so the satisfaction figures count each client once."""

    Rating = FeedbackRating

    # The satisfaction rate counts these ratings as satisfied, over all ratings.
    POSITIVE_RATINGS = (FeedbackRating.SATISFIED, FeedbackRating.MOSTLY)

    issue = models.ForeignKey(Issue, verbose_name=_("民生问题"), on_delete=models.CASCADE, related_name="feedback")
    rating = models.CharField(_("评价"), max_length=14, choices=Rating.choices)
    note = models.CharField(_("留言"), max_length=500, blank=True)
    ip_hash = models.CharField(_("来源标识（散列）"), max_length=64, blank=True, editable=False)
    # Set when the resident was logged in; then `ip_hash` stays empty (the user is the client).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评价人账号"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("群众评价")
        verbose_name_plural = _("群众评价")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["issue", "rating"], name="feedback_issue_rating_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(rating__in=FeedbackRating.values), name="feedback_rating_valid"),
            # One rating per issue and client (a new rating updates the earlier one).
            models.UniqueConstraint(
                fields=["issue", "user"], condition=Q(user__isnull=False), name="feedback_one_per_user"
            ),
            models.UniqueConstraint(
                fields=["issue", "ip_hash"],
                condition=Q(user__isnull=True) & ~Q(ip_hash=""),
                name="feedback_one_per_client_ip",
            ),
        ]

    def __str__(self):
        return f"{self.issue} · {self.get_rating_display()}"


class OutcomeQuerySet(models.QuerySet):
    def adopted(self):
        """Outcomes the receiving body adopted."""
        return self.filter(adoption=OutcomeAdoption.ADOPTED)


class Outcome(models.Model):
    """成果转化: a suggestion, proposal or public-opinion report that came out of deliberation."""

    Kind = OutcomeKind
    Adoption = OutcomeAdoption

    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=200)
    summary = models.TextField(_("内容摘要"), blank=True)
    issues = models.ManyToManyField(Issue, verbose_name=_("来源问题"), blank=True, related_name="outcomes")
    sessions = models.ManyToManyField(
        "deliberations.Session", verbose_name=_("来源议事活动"), blank=True, related_name="outcomes"
    )
    submitted_to = models.CharField(_("报送单位"), max_length=100, blank=True)
    submitted_on = models.DateField(_("报送日期"), null=True, blank=True)
    adoption = models.CharField(_("采纳情况"), max_length=12, choices=Adoption.choices, default=Adoption.PENDING)
    adopted_on = models.DateField(_("采纳日期"), null=True, blank=True)
    response = models.TextField(_("答复意见"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        verbose_name = _("成果转化")
        verbose_name_plural = _("成果转化")
        ordering = ["-submitted_on", "-pk"]
        indexes = [models.Index(fields=["kind", "adoption"], name="outcome_kind_adoption_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=OutcomeKind.values), name="outcome_kind_valid"),
            models.CheckConstraint(condition=Q(adoption__in=OutcomeAdoption.values), name="outcome_adoption_valid"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.adopted_on and self.adoption != self.Adoption.ADOPTED:
            raise ValidationError({"adopted_on": _("只有已采纳的成果才能填写采纳日期。")})


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已同意")
    DECLINED = "declined", _("未同意")


class ExtensionRequest(models.Model):
    """A department asks for more time on an issue; district staff approve or decline."""

    Status = ExtensionStatus

    issue = models.ForeignKey(
        Issue, verbose_name=_("民生问题"), on_delete=models.CASCADE, related_name="extension_requests"
    )
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("承办单位"),
        on_delete=models.PROTECT,
        related_name="extension_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    current_due_on = models.DateField(_("原期限"), null=True, blank=True)
    requested_due_on = models.DateField(_("申请延至"))
    reason = models.TextField(_("延期理由"))
    status = models.CharField(_("审批状态"), max_length=10, choices=ExtensionStatus.choices, default="pending")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="extension_status_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ExtensionStatus.values), name="extension_status_valid"),
            models.UniqueConstraint(
                fields=["issue"], condition=Q(status="pending"), name="extension_one_pending_per_issue"
            ),
        ]

    def __str__(self):
        return f"{self.issue} · {self.requested_due_on}"


class IssueFollowerQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class IssueFollower(models.Model):
    """A resident who follows an issue by e-mail, without an account. Double opt-in: nothing is
    sent but the confirmation until `confirmed_at` is set. Unsubscribing deletes the row, and
    with it the address. The address is never shown publicly."""

    issue = models.ForeignKey(Issue, verbose_name=_("民生问题"), on_delete=models.CASCADE, related_name="followers")
    email = models.EmailField(_("电子邮箱（不公开）"))
    token = models.CharField(_("令牌"), max_length=64, unique=True, editable=False)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = IssueFollowerQuerySet.as_manager()

    class Meta:
        verbose_name = _("关注者")
        verbose_name_plural = _("关注者")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["issue", "email"], name="issuefollower_unique")]

    def __str__(self):
        return f"{self.issue} · {_('关注者')}"


class FollowUpResult(models.TextChoices):
    SATISFIED = "satisfied", _("回访后满意")
    REOPENED = "reopened", _("重新办理")


class FollowUpVisit(models.Model):
    """回访: a resident rated a fix 不满意, so the convener visits and records the result."""

    Result = FollowUpResult

    issue = models.ForeignKey(Issue, verbose_name=_("民生问题"), on_delete=models.CASCADE, related_name="follow_ups")
    feedback = models.OneToOneField(
        Feedback,
        verbose_name=_("引起回访的评价"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_up",
    )
    visited_on = models.DateField(_("回访日期"), null=True, blank=True)
    result = models.CharField(_("回访结果"), max_length=10, choices=FollowUpResult.choices, blank=True)
    note = models.TextField(_("回访情况"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("列入回访时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("回访")
        verbose_name_plural = _("回访")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["issue", "result"], name="followup_issue_result_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(result="") | Q(result__in=FollowUpResult.values), name="followup_result_valid"
            ),
            models.CheckConstraint(
                condition=Q(result="") | Q(visited_on__isnull=False), name="followup_result_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.issue} · {_('回访')}"

    @property
    def is_pending(self):
        return not self.result
