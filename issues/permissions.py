"""Who may see and change issues: the room's conveners, street staff for their street, the
assigned department's liaisons for what a department does, and district staff."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from departments.permissions import department_of
from rooms.permissions import can_manage_room, is_staff, rooms_managed_by

from .models import Issue


def issues_visible_to(user) -> QuerySet:
    """Public issues for everyone, plus the unpublished issues of the rooms a user manages, of
    the rooms they were escalated to, and of the user's department."""
    if is_staff(user):
        return Issue.objects.all()
    if user and user.is_authenticated:
        rooms = rooms_managed_by(user)
        visible = Issue.public_q() | Q(room__in=rooms) | Q(escalated_to__in=rooms)
        department = department_of(user)
        if department is not None:
            visible |= Q(department=department)
        return Issue.objects.filter(visible)
    return Issue.objects.public()


def issues_editable_by(user) -> QuerySet:
    """Issues whose progress a user may post: their rooms' issues and the issues escalated to
    their rooms, or all for staff."""
    if is_staff(user):
        return Issue.objects.all()
    rooms = rooms_managed_by(user)
    return Issue.objects.filter(Q(room__in=rooms) | Q(escalated_to__in=rooms))


def can_update_issue(user, issue) -> bool:
    """Post progress, change status or department, resolve, confirm or escalate: the room's
    convener, the convener of the room it was escalated to, street staff, or district staff."""
    if can_manage_room(user, issue.room):
        return True
    return issue.escalated_to_id is not None and can_manage_room(user, issue.escalated_to)


def can_urge_issue(user, issue) -> bool:
    """催办 (urging an overdue issue) is a staff action."""
    return is_staff(user)


def issues_handled_by(user) -> QuerySet:
    """The issues assigned to the user's department (承办单位联络员); none for anyone else."""
    department = department_of(user)
    if department is None:
        return Issue.objects.none()
    return Issue.objects.filter(department=department)


def can_handle_issue(user, issue) -> bool:
    """Accept, return, answer, ask for time or report done: a liaison of the issue's department,
    while the issue is with the department (assigned or accepted)."""
    return _handling_refusal(department_of(user), issue, None) is None


# The department's steps, in the order the department workspace offers them.
HANDLING_STEPS = ("accept", "return", "progress", "extension", "done")
STEPS_BEFORE_ACCEPTANCE = ("accept", "return")
STEPS_AFTER_ACCEPTANCE = ("progress", "extension", "done")


def _handling_refusal(department, issue, step) -> str | None:
    """Why the liaison of `department` may not take `step` on `issue` now (None: they may).
    `step=None` asks whether the issue is with the department at all."""
    if department is None or issue.department_id != department.pk:
        return _("该问题不由您的单位承办。")
    if not issue.is_open:
        return _("该问题已办结或已关闭，不能再办理。")
    handling = issue.handling
    if handling == Issue.Handling.RETURNED:
        return _("该问题已退回，正在等待改派。")
    if handling == Issue.Handling.DONE_REPORTED:
        return _("本单位已报告办结，正在等待召集人确认。")
    if handling == Issue.Handling.CONFIRMED:
        return _("该问题已确认办结。")
    if handling not in (Issue.Handling.ASSIGNED, Issue.Handling.ACCEPTED):
        return _("该问题尚未交办给您的单位。")
    if step is None:
        return None
    if handling == Issue.Handling.ASSIGNED and step not in STEPS_BEFORE_ACCEPTANCE:
        return _("请先签收该问题，再办理。")
    if handling == Issue.Handling.ACCEPTED and step == "accept":
        return _("该问题已经签收。")
    if handling == Issue.Handling.ACCEPTED and step == "return":
        return _("该问题已经签收，不能再退回；如确实不属于本单位职责，请联系区政协机关改派。")
    return None


def handling_refusal(user, issue, step: str) -> str | None:
    """Why `user` may not take the department step `step` on `issue` now, or None when they may
    (one query). The handling services raise PermissionDenied with this reason."""
    if step not in HANDLING_STEPS:
        raise ValueError(step)
    return _handling_refusal(department_of(user), issue, step)


def handling_steps(user, issue) -> tuple[str, ...]:
    """The department steps `user` may take on `issue` now: accept or return before acceptance;
    progress, extension and done after it; none when the issue is not with their department
    (one query)."""
    department = department_of(user)
    return tuple(step for step in HANDLING_STEPS if _handling_refusal(department, issue, step) is None)


def can_decide_extension(user, extension) -> bool:
    """District staff approve or decline a department's request for more time."""
    return is_staff(user)
