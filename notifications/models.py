"""The inbox (one row per message to a user) and deliveries (one message on one channel)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_user(self, user):
        return self.filter(recipient=user)


class NotificationKind(models.TextChoices):
    ISSUE_ASSIGNED = "issue_assigned", _("问题交办")
    ISSUE_RETURNED = "issue_returned", _("承办单位退回")
    ISSUE_PROGRESS = "issue_progress", _("办理进展")
    ISSUE_DONE = "issue_done", _("报告办结")
    ISSUE_CONFIRMED = "issue_confirmed", _("确认办结")
    ISSUE_ESCALATED = "issue_escalated", _("问题提级")
    ISSUE_URGED = "issue_urged", _("催办")
    ISSUE_REOPENED = "issue_reopened", _("问题重新办理")
    EXTENSION = "extension", _("延期申请")
    FOLLOW_UP = "follow_up", _("回访")
    REMINDER = "reminder", _("提醒")
    REPORT = "report", _("月度报告")


class Notification(models.Model):
    """A message in a user's inbox (召集人, 承办单位联络员, 机关工作人员)."""

    Kind = NotificationKind

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    dedupe_key = models.CharField(_("去重标识"), max_length=120, blank=True, editable=False)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("站内消息")
        verbose_name_plural = _("站内消息")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=NotificationKind.values), name="notification_kind_valid"),
            # The same reminder is never sent twice: a dedupe key is unique per recipient.
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"], condition=~Q(dedupe_key=""), name="notification_dedupe_unique"
            ),
        ]

    def __str__(self):
        return self.title


class DeliveryQuerySet(models.QuerySet):
    def due(self, now=None):
        """Pending deliveries whose next attempt time has come."""
        now = now or timezone.now()
        return self.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now)

    def failed(self):
        return self.filter(status=Delivery.Status.FAILED)


class DeliveryChannel(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    SMS = "sms", _("短信")
    WECHAT = "wechat", _("微信")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class Delivery(models.Model):
    """One message on one channel to one address, sent by the worker and retried with backoff.

    `address` is an e-mail address, a mobile number or a WeChat id: private, shown to staff in
    the admin only, never on a public page or in the API.
    """

    Channel = DeliveryChannel

    Status = DeliveryStatus

    notification = models.ForeignKey(
        Notification,
        verbose_name=_("站内消息"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("地址（不公开）"), max_length=254)
    subject = models.CharField(_("主题"), max_length=200)
    body = models.TextField(_("正文"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), default=timezone.now)
    last_error = models.TextField(_("最近一次错误"), blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    dedupe_key = models.CharField(_("去重标识"), max_length=120, blank=True, editable=False)
    # Extra e-mail headers, e.g. List-Unsubscribe on the mails to an issue's followers. Only the
    # e-mail channel uses them; the others ignore them.
    headers = models.JSONField(_("邮件头"), default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("消息投递")
        verbose_name_plural = _("消息投递")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(channel__in=DeliveryChannel.values), name="delivery_channel_valid"),
            models.CheckConstraint(condition=Q(status__in=DeliveryStatus.values), name="delivery_status_valid"),
            models.UniqueConstraint(
                fields=["channel", "address", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="delivery_dedupe_unique",
            ),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} · {self.subject}"
