"""Reads for the department workspace: the department's desk (its open issues by handling
state, overdue first) and one issue's page. A fixed number of queries however many issues."""

from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from issues.models import ExtensionRequest, Issue

RECENTLY_CONFIRMED = 5

# The desk's groups, in the order the page shows them: key, heading.
GROUPS = (
    ("assigned", _("待签收")),
    ("accepted", _("办理中")),
    ("extension", _("延期审批中")),
    ("done_reported", _("已报办结，待确认")),
)


@dataclass
class Group:
    key: str
    title: str
    issues: list = field(default_factory=list)


@dataclass
class Desk:
    groups: list[Group]
    recently_confirmed: list[Issue]
    overdue_count: int = 0

    @property
    def open_count(self) -> int:
        return sum(len(group.issues) for group in self.groups)


def _pending_extension():
    return ExtensionRequest.objects.filter(issue=OuterRef("pk"), status=ExtensionRequest.Status.PENDING)


def _group_of(issue) -> str:
    if issue.handling == Issue.Handling.ASSIGNED:
        return "assigned"
    if issue.handling == Issue.Handling.DONE_REPORTED:
        return "done_reported"
    return "extension" if issue.has_pending_extension else "accepted"


def department_desk(issues: QuerySet, today=None) -> Desk:
    """The open issues of `issues` (a department's scope) with the department, grouped by where
    the department stands (waiting for acceptance, in hand, waiting for an extension decision,
    reported done), each group overdue first and then by due date (no date last). Each issue
    gets `days_overdue` (0 when not overdue). Plus the last few issues whose completion the
    convener confirmed. Two queries."""
    today = today or timezone.localdate()
    rows = (
        issues.open()
        .filter(handling__in=(Issue.Handling.ASSIGNED, Issue.Handling.ACCEPTED, Issue.Handling.DONE_REPORTED))
        .select_related("room", "category")
        .annotate(has_pending_extension=Exists(_pending_extension()))
        .order_by(F("due_on").asc(nulls_last=True), "reported_on", "pk")
    )
    groups = {key: Group(key, title) for key, title in GROUPS}
    overdue = 0
    for issue in rows:
        issue.days_overdue = (today - issue.due_on).days if issue.due_on and issue.due_on < today else 0
        overdue += issue.days_overdue > 0
        groups[_group_of(issue)].issues.append(issue)
    confirmed = list(
        issues.filter(handling=Issue.Handling.CONFIRMED)
        .select_related("room", "category")
        .order_by(F("resolved_on").desc(nulls_last=True), "-pk")[:RECENTLY_CONFIRMED]
    )
    return Desk(groups=list(groups.values()), recently_confirmed=confirmed, overdue_count=overdue)


def issue_page(issues: QuerySet, pk: int):
    """The issue `pk` within `issues` (a department's scope), its timeline entries (department
    entries carry the department for its name) and its pending extension request, or None for
    the issue when it is not in the scope. Three queries."""
    issue = issues.select_related("room", "category", "department").filter(pk=pk).first()
    if issue is None:
        return None, [], None
    updates = list(issue.updates.select_related("department").order_by("-occurred_on", "-pk"))
    pending = issue.extension_requests.filter(status=ExtensionRequest.Status.PENDING).first()
    return issue, updates, pending
