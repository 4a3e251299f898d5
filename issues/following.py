"""Writes for residents who hear back: following an issue by e-mail (double opt-in, one-click
unsubscribe, no account) and the follow-up visit (回访) that a 不满意 rating asks for."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import message_send

from .models import Feedback, FollowUpVisit, Issue, IssueFollower, IssueUpdate
from .permissions import can_update_issue
from .routing import announce

CONFIRMATION_DAYS = 7


class InvalidLinkError(ValidationError):
    """An unknown, used or expired opt-in or unsubscribe link."""


class ExpiredLinkError(InvalidLinkError):
    """A confirmation link older than `CONFIRMATION_DAYS` (the public page answers 410 Gone)."""


def _normalised_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError({"email": _("请填写有效的电子邮箱地址，例如 name@example.com。")}) from error
    return email


@transaction.atomic
def follower_subscribe(*, issue, email) -> IssueFollower:
    """Register an address to follow a published issue and send the confirmation e-mail. Until
    the link in it is opened nothing else is sent (double opt-in). Asking again for an address
    that waits for confirmation sends the confirmation again; a confirmed one gets nothing."""
    if not issue.is_public:
        raise ValidationError(_("只能关注公开的问题。"))
    email = _normalised_email(email)
    follower, created = IssueFollower.objects.get_or_create(
        issue=issue, email=email, defaults={"token": secrets.token_urlsafe(32)}
    )
    if follower.confirmed_at:
        return follower
    if not created:
        follower.token = secrets.token_urlsafe(32)
        follower.created_at = timezone.now()
        follower.save(update_fields=["token", "created_at"])
    link = settings.PORTAL_BASE_URL + reverse("issues:follow-confirm", args=[follower.token])
    message_send(
        channel="email",
        address=email,
        subject=_("请确认关注：%s") % issue.title,
        body=_(
            "您在“有事好商量”协商议事室平台申请关注问题“%(title)s”。\n"
            "请在 %(days)d 天内打开下面的链接确认，确认后问题状态变化和办结时会发邮件告诉您：\n%(link)s\n\n"
            "如果不是您本人申请，请忽略本邮件，我们不会再给您发信。"
        )
        % {"title": issue.title, "days": CONFIRMATION_DAYS, "link": link},
    )
    return follower


def _follower_by_token(token) -> IssueFollower:
    follower = IssueFollower.objects.select_related("issue").filter(token=token or "").first()
    if follower is None:
        raise InvalidLinkError(_("这个链接无效或已经用过。如需关注，请在问题页面重新填写邮箱。"))
    return follower


def _expired(follower) -> bool:
    return not follower.confirmed_at and timezone.now() - follower.created_at > datetime.timedelta(
        days=CONFIRMATION_DAYS
    )


def _expired_error() -> ExpiredLinkError:
    return ExpiredLinkError(_("这个确认链接已超过 %d 天，已经失效。请在问题页面重新填写邮箱。") % CONFIRMATION_DAYS)


def follower_by_token(*, token, confirming=True) -> IssueFollower:
    """The follower a link in an e-mail names, for the page that asks to confirm or unsubscribe
    (a GET: mail scanners that open links change nothing). Raises InvalidLinkError, or
    ExpiredLinkError for a confirmation link too old to use (`confirming`)."""
    follower = _follower_by_token(token)
    if confirming and _expired(follower):
        raise _expired_error()
    return follower


def follower_confirm(*, token) -> IssueFollower:
    """Open the link in the confirmation e-mail: the address now follows the issue. An expired
    link deletes the waiting address (it is committed before the error is raised)."""
    with transaction.atomic():
        follower = _follower_by_token(token)
        if follower.confirmed_at:
            return follower
        if not _expired(follower):
            follower.confirmed_at = timezone.now()
            follower.save(update_fields=["confirmed_at"])
            return follower
        follower.delete()
    raise _expired_error()


@transaction.atomic
def follower_unsubscribe(*, token) -> Issue:
    """One click in any e-mail: the address is deleted, and nothing more is sent to it."""
    follower = _follower_by_token(token)
    issue = follower.issue
    follower.delete()
    return issue


def follow_up_open(*, feedback: Feedback) -> FollowUpVisit | None:
    """A 不满意 rating puts the issue on its conveners' 回访 list (called by `feedback_submit`)."""
    if feedback.rating != Feedback.Rating.DISSATISFIED:
        return None
    visit = FollowUpVisit.objects.create(issue=feedback.issue, feedback=feedback)
    announce(feedback.issue, "dissatisfied", feedback.note)
    return visit


@transaction.atomic
def follow_up_record(*, visit, author, result, note, visited_on=None) -> FollowUpVisit:
    """The convener records the 回访: the resident is satisfied now, or the issue is reopened
    (back to 办理中, with its department, which is told)."""
    visit = FollowUpVisit.objects.select_for_update().select_related("issue").get(pk=visit.pk)
    if not can_update_issue(author, visit.issue):
        raise PermissionDenied(_("您无权记录该问题的回访。"))
    if visit.result:
        raise ValidationError(_("这次回访已经记录过了。"))
    if result not in FollowUpVisit.Result.values:
        raise ValidationError({"result": _("请选择回访结果。")})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("请填写回访情况。")})
    today = timezone.localdate()
    visited_on = visited_on or today
    if visited_on > today:
        raise ValidationError({"visited_on": _("回访日期不能晚于今天。")})
    visit.result, visit.note, visit.visited_on, visit.recorded_by = result, note, visited_on, author
    visit.full_clean()
    visit.save()
    issue = Issue.objects.select_for_update().get(pk=visit.issue_id)
    status_from = issue.status
    if result == FollowUpVisit.Result.REOPENED and issue.status != Issue.Status.IN_PROGRESS:
        issue.status = Issue.Status.IN_PROGRESS
        issue.resolved_on = None
        if issue.department_id:
            issue.handling = Issue.Handling.ASSIGNED
    issue.version += 1
    issue.full_clean()
    issue.save()
    label = FollowUpVisit.Result(result).label
    IssueUpdate.objects.create(
        issue=issue,
        kind=IssueUpdate.Kind.FOLLOW_UP,
        note=_("回访（%(result)s）：%(note)s") % {"result": label, "note": note},
        occurred_on=visited_on,
        author=author,
        status_from=status_from if issue.status != status_from else "",
        status_to=issue.status if issue.status != status_from else "",
    )
    if issue.status != status_from:
        announce(issue, "reopened", note)
    return visit
