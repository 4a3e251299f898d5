"""Who may see and change issues: the room's conveners, street staff for their street, the
assigned department's liaisons for what a department does, and district staff."""

from django.db.models import Q, QuerySet

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
    department = department_of(user)
    return (
        department is not None
        and issue.department_id == department.pk
        and issue.is_open
        and issue.handling in (Issue.Handling.ASSIGNED, Issue.Handling.ACCEPTED)
    )


def can_decide_extension(user, extension) -> bool:
    """District staff approve or decline a department's request for more time."""
    return is_staff(user)
