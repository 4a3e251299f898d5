"""Writes for the department's handling of an issue (承办): routing a new issue by its
category, reassigning it, and what the department's liaison does with it (accept, send back,
answer, ask for time, report done), up to the convener's confirmation.

Each step is one transaction that locks the issue row, checks the version the user's form
showed (409 when someone changed the issue meanwhile), writes a timeline entry in the
department's name (never a person's), and tells the people concerned when it commits.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ExtensionRequest, Issue, IssueUpdate
from .permissions import can_decide_extension, can_update_issue, handling_refusal
from .routing import announce, category_due_on
from .services import ConcurrentEditError


def _locked(issue, expected_version) -> Issue:
    locked = (
        Issue.objects.select_for_update(of=("self",)).select_related("room", "department", "category").get(pk=issue.pk)
    )
    if expected_version not in (None, "") and int(expected_version) != locked.version:
        raise ConcurrentEditError(_("该问题刚刚已被他人更新，请刷新页面查看最新进展后再提交。"))
    return locked


def _entry(issue, *, author, kind, note, department=None, status_from="", status_to="") -> IssueUpdate:
    update = IssueUpdate(
        issue=issue,
        kind=kind,
        note=note,
        occurred_on=timezone.localdate(),
        author=author,
        department=department,
        status_from=status_from,
        status_to=status_to,
    )
    update.full_clean()
    update.save()
    return update


def _save(issue) -> None:
    issue.version += 1
    issue.full_clean()
    issue.save()


def _require_step(user, issue, step) -> None:
    """The department steps follow `permissions.handling_steps`: accept or return before
    acceptance, then progress, extension, done. Anything else is refused with the reason."""
    refusal = handling_refusal(user, issue, step)
    if refusal:
        raise PermissionDenied(refusal)


def _text(value, field, message) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


@transaction.atomic
def issue_assign(*, issue, author, department, due_on=None, note="", expected_version=None) -> IssueUpdate:
    """交办/改派: a convener or staff give the issue to `department`. The deadline follows the
    category from today unless `due_on` is given."""
    issue = _locked(issue, expected_version)
    if not can_update_issue(author, issue):
        raise PermissionDenied(_("您无权交办该问题。"))
    if not issue.is_open:
        raise ValidationError(_("该问题已办结，不能再交办。"))
    if department is None or not department.is_active:
        raise ValidationError({"department": _("请选择启用中的承办单位。")})
    today = timezone.localdate()
    issue.department = department
    issue.handling = Issue.Handling.ASSIGNED
    if due_on:
        if due_on < today:
            raise ValidationError({"due_on": _("办理期限不能早于今天。")})
        issue.due_on, issue.due_on_set_by_hand = due_on, True
    elif not issue.due_on_set_by_hand:
        issue.due_on = category_due_on(issue.category, today)
    _save(issue)
    text = (note or "").strip() or _("交办%(department)s办理，期限%(due)s。") % {
        "department": department.name,
        "due": issue.due_on.strftime("%Y-%m-%d") if issue.due_on else _("未设定"),
    }
    update = _entry(issue, author=author, kind=IssueUpdate.Kind.ASSIGN, note=text)
    announce(issue, "assigned")
    return update


@transaction.atomic
def handling_accept(*, issue, author, note="", expected_version=None) -> IssueUpdate:
    """签收: the department takes the issue on; it is then 办理中."""
    issue = _locked(issue, expected_version)
    _require_step(author, issue, "accept")
    status_from = issue.status
    issue.handling = Issue.Handling.ACCEPTED
    if issue.status != Issue.Status.IN_PROGRESS:
        issue.status = Issue.Status.IN_PROGRESS
    _save(issue)
    update = _entry(
        issue,
        author=author,
        kind=IssueUpdate.Kind.ACCEPT,
        note=(note or "").strip() or _("承办单位已签收，正在办理。"),
        department=issue.department,
        status_from=status_from if status_from != issue.status else "",
        status_to=issue.status if status_from != issue.status else "",
    )
    announce(issue, "progress", update.note)
    if status_from != issue.status:
        announce(issue, "status_changed")
    return update


@transaction.atomic
def handling_return(*, issue, author, reason, expected_version=None) -> IssueUpdate:
    """退回: the issue is not this department's; staff (and the convener) reassign it. Only
    before acceptance: once accepted, the department has taken it on (staff can still reassign)."""
    issue = _locked(issue, expected_version)
    _require_step(author, issue, "return")
    reason = _text(reason, "reason", _("请说明退回的理由，例如不属于本单位职责。"))
    department = issue.department
    issue.handling = Issue.Handling.RETURNED
    _save(issue)
    update = _entry(
        issue,
        author=author,
        kind=IssueUpdate.Kind.RETURN,
        note=_("承办单位退回：%s") % reason,
        department=department,
    )
    announce(issue, "returned", reason)
    return update


@transaction.atomic
def handling_progress(*, issue, author, note, expected_version=None) -> IssueUpdate:
    """The department posts progress; it appears on the public timeline under its name."""
    issue = _locked(issue, expected_version)
    _require_step(author, issue, "progress")
    note = _text(note, "note", _("请填写办理进展。"))
    _save(issue)
    update = _entry(issue, author=author, kind=IssueUpdate.Kind.PROGRESS, note=note, department=issue.department)
    announce(issue, "progress", note)
    return update


@transaction.atomic
def extension_request_submit(*, issue, author, requested_due_on, reason, expected_version=None) -> ExtensionRequest:
    """The department asks for more time; district staff decide."""
    issue = _locked(issue, expected_version)
    _require_step(author, issue, "extension")
    reason = _text(reason, "reason", _("请说明需要延期的理由。"))
    today = timezone.localdate()
    if requested_due_on is None:
        raise ValidationError({"requested_due_on": _("请填写希望延至的日期。")})
    if requested_due_on <= max(today, issue.due_on or today):
        raise ValidationError({"requested_due_on": _("延期日期必须晚于现在的办理期限和今天。")})
    if issue.extension_requests.filter(status=ExtensionRequest.Status.PENDING).exists():
        raise ValidationError(_("已有一份延期申请正在审批，请等待结果。"))
    extension = ExtensionRequest(
        issue=issue,
        department=issue.department,
        requested_by=author,
        current_due_on=issue.due_on,
        requested_due_on=requested_due_on,
        reason=reason,
    )
    extension.full_clean()
    extension.save()
    _save(issue)
    _entry(
        issue,
        author=author,
        kind=IssueUpdate.Kind.EXTENSION,
        note=_("承办单位申请延期至%(date)s:%(reason)s")
        % {"date": requested_due_on.strftime("%Y-%m-%d"), "reason": reason},
        department=issue.department,
    )
    announce(issue, "extension_requested", reason)
    return extension


@transaction.atomic
def extension_request_decide(*, extension, author, approve: bool, note="") -> ExtensionRequest:
    """District staff approve (the deadline moves, set by hand from now on) or decline."""
    extension = ExtensionRequest.objects.select_for_update().select_related("issue").get(pk=extension.pk)
    if not can_decide_extension(author, extension):
        raise PermissionDenied(_("只有区政协机关工作人员可以审批延期。"))
    if extension.status != ExtensionRequest.Status.PENDING:
        raise ValidationError(_("该延期申请已经审批。"))
    issue = _locked(extension.issue, None)
    extension.status = ExtensionRequest.Status.APPROVED if approve else ExtensionRequest.Status.DECLINED
    extension.decided_by = author
    extension.decided_at = timezone.now()
    extension.save()
    if approve:
        issue.due_on, issue.due_on_set_by_hand = extension.requested_due_on, True
        text = _("同意延期至%s。") % extension.requested_due_on.strftime("%Y-%m-%d")
    else:
        text = _("延期申请未获同意，请按原期限办理。")
    if (note or "").strip():
        text += " " + note.strip()
    _save(issue)
    _entry(issue, author=author, kind=IssueUpdate.Kind.EXTENSION, note=text)
    announce(issue, "extension_decided", text)
    return extension


@transaction.atomic
def handling_report_done(*, issue, author, resolution, expected_version=None) -> IssueUpdate:
    """报告办结: the department says it is done. The issue counts as resolved only when the
    convener confirms."""
    issue = _locked(issue, expected_version)
    _require_step(author, issue, "done")
    resolution = _text(resolution, "resolution", _("请填写办理结果。"))
    issue.handling = Issue.Handling.DONE_REPORTED
    issue.resolution = resolution
    _save(issue)
    update = _entry(
        issue,
        author=author,
        kind=IssueUpdate.Kind.DONE_REPORT,
        note=_("承办单位报告办结：%s") % resolution,
        department=issue.department,
    )
    announce(issue, "done_reported", resolution)
    return update


@transaction.atomic
def handling_confirm(*, issue, author, accept: bool, note="", resolved_on=None, expected_version=None) -> IssueUpdate:
    """The convener (or staff) confirms the department's report: the issue is resolved; or
    sends it back to the department to continue."""
    issue = _locked(issue, expected_version)
    if not can_update_issue(author, issue):
        raise PermissionDenied(_("您无权确认该问题。"))
    if issue.handling != Issue.Handling.DONE_REPORTED:
        raise ValidationError(_("承办单位尚未报告办结。"))
    today = timezone.localdate()
    status_from = issue.status
    if accept:
        resolved_on = resolved_on or today
        if resolved_on > today:
            raise ValidationError({"resolved_on": _("解决日期不能晚于今天。")})
        issue.status = Issue.Status.RESOLVED
        issue.resolved_on = resolved_on
        issue.handling = Issue.Handling.CONFIRMED
        text = (note or "").strip() or _("召集人确认办结。")
        event = "confirmed"
    else:
        text = _text(note, "note", _("请说明还需要承办单位做什么。"))
        issue.handling = Issue.Handling.ACCEPTED
        event = "done_rejected"
    _save(issue)
    update = _entry(
        issue,
        author=author,
        kind=IssueUpdate.Kind.CONFIRM if accept else IssueUpdate.Kind.PROGRESS,
        note=text,
        status_from=status_from if issue.status != status_from else "",
        status_to=issue.status if issue.status != status_from else "",
    )
    announce(issue, event, text)
    return update
