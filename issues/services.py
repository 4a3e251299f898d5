"""Writes for issues: progress updates with status changes, escalation, urging and feedback."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ISSUE_TRANSITIONS, TRIAGE_ORDER, Feedback, Issue, IssueUpdate
from .permissions import can_update_issue, can_urge_issue


class ConcurrentEditError(ValidationError):
    """Someone else changed the issue after this user opened it."""


@transaction.atomic
def issue_post_update(
    *,
    issue,
    author,
    note,
    status_to="",
    triage_to="",
    resolution="",
    resolved_on=None,
    occurred_on=None,
    expected_version=None,
) -> IssueUpdate:
    """Post progress on an issue: a note, optionally a status change along the allowed
    transitions (ISSUE_TRANSITIONS) and an upward triage escalation.

    The row is locked while it changes, and `expected_version` (the version the user's form
    showed) must still be current, so two conveners never silently overwrite each other.
    """
    issue = Issue.objects.select_for_update().select_related("room").get(pk=issue.pk)
    if not can_update_issue(author, issue):
        raise PermissionDenied(_("您无权更新该问题。"))
    if expected_version is not None and int(expected_version) != issue.version:
        raise ConcurrentEditError(_("该问题刚刚已被他人更新,请刷新页面查看最新进展后再提交。"))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("请填写进展说明。")})
    today = timezone.localdate()
    occurred_on = occurred_on or today
    if occurred_on > today:
        raise ValidationError({"occurred_on": _("进展日期不能晚于今天。")})
    if resolved_on and resolved_on > today:
        raise ValidationError({"resolved_on": _("解决日期不能晚于今天。")})
    status_from = issue.status

    if status_to and status_to != issue.status:
        if status_to not in ISSUE_TRANSITIONS.get(issue.status, set()):
            raise ValidationError(
                {
                    "status_to": _("不能从“%(from)s”直接改为“%(to)s”。")
                    % {"from": issue.get_status_display(), "to": Issue.Status(status_to).label}
                }
            )
        issue.status = status_to
        if status_to == Issue.Status.RESOLVED:
            if not (resolution or "").strip():
                raise ValidationError({"resolution": _("标记为已解决时请填写解决情况。")})
            issue.resolution = resolution.strip()
            issue.resolved_on = resolved_on or occurred_on
        else:
            issue.resolved_on = None
        if status_to == Issue.Status.CLOSED:
            issue.closed_reason = note
    else:
        status_to = ""

    if triage_to and triage_to != issue.triage_level:
        if triage_to not in TRIAGE_ORDER or TRIAGE_ORDER.index(triage_to) < TRIAGE_ORDER.index(issue.triage_level):
            raise ValidationError({"triage_to": _("三事分流层级只能向上提级。")})
        issue.triage_level = triage_to
    else:
        triage_to = ""

    issue.version += 1
    issue.full_clean()
    issue.save()
    update = IssueUpdate(
        issue=issue,
        status_from=status_from if status_to else "",
        status_to=status_to,
        triage_to=triage_to,
        note=note,
        occurred_on=occurred_on,
        author=author,
    )
    update.full_clean()
    update.save()
    return update


@transaction.atomic
def issue_urge(*, issue, author, note) -> IssueUpdate:
    """催办: staff urge the responsible department on an open issue; recorded on the timeline."""
    if not can_urge_issue(author, issue):
        raise PermissionDenied(_("只有区政协机关工作人员可以催办。"))
    if not issue.is_open:
        raise ValidationError(_("该问题已办结,无需催办。"))
    update = IssueUpdate(
        issue=issue,
        note=note or _("请承办单位抓紧办理。"),
        occurred_on=timezone.localdate(),
        author=author,
        is_urge=True,
    )
    update.full_clean()
    update.save()
    return update


@transaction.atomic
def feedback_submit(*, issue, rating, note="", ip_hash="") -> Feedback:
    """A resident rates a resolved, published issue."""
    if not (issue.is_public and issue.status == Issue.Status.RESOLVED):
        raise ValidationError(_("只能评价已解决的公开问题。"))
    feedback = Feedback(issue=issue, rating=rating, note=(note or "").strip(), ip_hash=ip_hash)
    feedback.full_clean()
    feedback.save()
    return feedback


@transaction.atomic
def issue_escalate(*, issue, author, triage_to, note="") -> IssueUpdate:
    """三事分流提级: raise an open issue to a higher triage level (for example to 街道 or 区),
    recorded on its timeline. Goes through `issue_post_update`, so the same permission check,
    row lock and upward-only rule apply."""
    issue = Issue.objects.get(pk=issue.pk)
    if not issue.is_open:
        raise ValidationError(_("该问题已办结,无需提级。"))
    if TRIAGE_ORDER.index(triage_to) <= TRIAGE_ORDER.index(issue.triage_level):
        raise ValidationError(
            _("该问题已在“%(level)s”或更高层级办理。") % {"level": Issue.Triage(issue.triage_level).label}
        )
    note = (note or "").strip() or _("提级至%(level)s层级协商办理。") % {"level": Issue.Triage(triage_to).label}
    return issue_post_update(issue=issue, author=author, note=note, triage_to=triage_to)


# savepoint=False: called once per issue inside `session_log`'s transaction, where a savepoint
# per issue would only add two queries each (the save cost of a session is pinned); an error
# still rolls back everything, which is what the session form wants.
@transaction.atomic(savepoint=False)
def issue_report(
    *,
    room,
    title: str,
    category,
    author,
    reported_on,
    status: str = Issue.Status.REPORTED,
    raised_in=None,
    triage_level: str = "",
    department: str = "",
    due_on=None,
    description: str = "",
    note: str = "",
) -> Issue:
    """Record a new issue of `room` (for example one raised in a session, `raised_in`) with the
    first entry of its public timeline. The caller has checked that `author` may write for the
    room (logging a session is that check). Raises ValidationError with Chinese field errors."""
    if category is None:
        raise ValidationError({"category": _("请选择问题类别。")})
    issue = Issue(
        title=title,
        description=description,
        category=category,
        triage_level=triage_level or Issue.Triage.COMMUNITY,
        department=department,
        due_on=due_on,
        room=room,
        raised_in=raised_in,
        reported_on=reported_on,
        status=status,
    )
    # The category, room and session are objects in hand and the database enforces the check
    # constraints, so skip the per-issue existence and constraint queries.
    issue.full_clean(exclude=["category", "room", "raised_in"], validate_constraints=False)
    issue.save()
    IssueUpdate.objects.create(
        issue=issue, status_to=issue.status, note=note, occurred_on=issue.reported_on, author=author
    )
    return issue


@transaction.atomic(savepoint=False)
def issues_link_deliberated(*, session, issues, replace: bool = False) -> None:
    """Record that `session` deliberated `issues` (议事活动所议问题). Only issues of the session's
    own room may be linked. With `replace`, the links the session had before are dropped."""
    for issue in issues:
        if issue.room_id != session.room_id:
            raise ValidationError({"deliberated_issues": _("只能关联本议事室的问题。")})
    if replace:
        session.issues_deliberated.clear()
    session.issues_deliberated.add(*issues)
