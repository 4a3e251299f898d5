"""Routing a new issue to a department with a deadline, and telling people after a write.
Shared by the issue services (`services.py`) and the department's handling (`handling.py`)."""

import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone

from .models import Issue
from .tasks import issue_event


def announce(issue, event: str, note: str = "") -> None:
    """Queue `issues.tasks.issue_event` for when the current transaction commits. The version
    the issue has now goes with it: it keys the messages, so two events of the same kind (two
    progress notes) stay two messages even when the worker only runs after both."""
    transaction.on_commit(partial(issue_event.enqueue, issue.pk, event, note, issue.version))


def category_due_on(category, start: datetime.date) -> datetime.date:
    """The deadline a category gives an issue assigned on `start`."""
    return start + datetime.timedelta(days=category.deadline_days)


def issue_route(issue: Issue, *, start: datetime.date | None = None) -> None:
    """Route a new (unsaved or just-changed) issue: the category's default department unless
    one was chosen, and the category's deadline unless one was set by hand. Saves nothing."""
    if issue.department_id is None and issue.category.default_department_id:
        issue.department_id = issue.category.default_department_id
    if issue.department_id and not issue.handling:
        issue.handling = Issue.Handling.ASSIGNED
    if issue.due_on and not issue.due_on_set_by_hand and issue.pk is None:
        issue.due_on_set_by_hand = True  # a date typed in the form
    if not issue.due_on_set_by_hand and issue.department_id:
        issue.due_on = category_due_on(issue.category, start or issue.reported_on or timezone.localdate())
