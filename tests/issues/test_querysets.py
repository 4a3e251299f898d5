"""The issues' QuerySet words, and "what counts as open" written once."""

import datetime
import re
from pathlib import Path

import pytest

from issues.models import REOPEN_STATUSES, Feedback, Issue, IssueUpdate, Outcome

from ..factories import (
    FeedbackFactory,
    IssueFactory,
    IssueUpdateFactory,
    OutcomeFactory,
    ResolvedIssueFactory,
)

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {".venv", "tests", "migrations", "node_modules", ".git", "static"}
TODAY = datetime.date(2021, 1, 10)


def source_texts():
    for path in ROOT.rglob("*.py"):
        if not SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts):
            yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


@pytest.fixture
def issues(db):
    return {
        "open": IssueFactory(status=Issue.Status.IN_PROGRESS, due_on=TODAY - datetime.timedelta(days=1)),
        "reported": IssueFactory(status=Issue.Status.REPORTED, due_on=TODAY),
        "resolved": ResolvedIssueFactory(due_on=TODAY - datetime.timedelta(days=30)),
        "closed": IssueFactory(
            status=Issue.Status.CLOSED, closed_reason="不属于协商范围", due_on=datetime.date(2020, 1, 1)
        ),
        "unpublished": IssueFactory(status=Issue.Status.AGREED, is_public=False),
    }


def test_public_leaves_out_unpublished_issues(issues):
    assert set(Issue.objects.public()) == set(issues.values()) - {issues["unpublished"]}


def test_open_resolved_and_closed_are_disjoint_and_cover_every_issue(issues):
    assert set(Issue.objects.open()) == {issues["open"], issues["reported"], issues["unpublished"]}
    assert list(Issue.objects.resolved()) == [issues["resolved"]]
    closed = set(Issue.objects.all()) - set(Issue.objects.open()) - set(Issue.objects.resolved())
    assert closed == {issues["closed"]}
    assert list(Issue.objects.public().open().filter(is_public=False)) == []


def test_is_open_agrees_with_the_queryset(issues):
    assert {issue for issue in Issue.objects.all() if issue.is_open} == set(Issue.objects.open())


def test_overdue_is_open_and_past_its_due_date(issues):
    # The resolved and closed issues are past due too, but no longer open.
    assert list(Issue.objects.overdue(TODAY)) == [issues["open"]]


def test_open_statuses_are_every_status_but_resolved_and_closed():
    assert set(Issue.OPEN_STATUSES) == set(Issue.Status) - {Issue.Status.RESOLVED, Issue.Status.CLOSED}
    assert REOPEN_STATUSES == {Issue.Status.RESOLVED, Issue.Status.CLOSED}


@pytest.mark.django_db
def test_feedback_public_and_positive():
    satisfied = FeedbackFactory(rating=Feedback.Rating.SATISFIED)
    mostly = FeedbackFactory(rating=Feedback.Rating.MOSTLY)
    dissatisfied = FeedbackFactory(rating=Feedback.Rating.DISSATISFIED)
    hidden = FeedbackFactory(issue=ResolvedIssueFactory(is_public=False))
    assert set(Feedback.objects.public()) == {satisfied, mostly, dissatisfied}
    assert set(Feedback.objects.public().positive()) == {satisfied, mostly}
    assert hidden in Feedback.objects.positive()


@pytest.mark.django_db
def test_issue_update_public_and_outcome_adopted():
    shown = IssueUpdateFactory()
    IssueUpdateFactory(issue=IssueFactory(is_public=False))
    assert list(IssueUpdate.objects.public()) == [shown]
    adopted = OutcomeFactory(adoption=Outcome.Adoption.ADOPTED, adopted_on=datetime.date(2020, 9, 1))
    OutcomeFactory()
    assert list(Outcome.objects.adopted()) == [adopted]


def test_open_statuses_are_defined_once():
    definitions = [name for name, text in source_texts() if re.search(r"\bOPEN_STATUSES\s*=", text)]
    assert definitions == ["issues/models.py"]
    # Nor is the list, or its complement, typed out anywhere else.
    open_list = re.compile(r"REPORTED,\s*\S*DELIBERATING,\s*\S*AGREED,\s*\S*IN_PROGRESS\b")
    complement = re.compile(r"[\[(]\s*Issue\.Status\.RESOLVED,\s*Issue\.Status\.CLOSED\s*[\])]")
    assert [name for name, text in source_texts() if open_list.search(text)] == ["issues/models.py"]
    assert [name for name, text in source_texts() if complement.search(text)] == []


def test_published_is_written_once():
    """Filters use `Issue.objects.public()` or `Issue.public_q(prefix)`, never `is_public=True` by hand."""
    hits = [name for name, text in source_texts() if "is_public=True" in text]
    assert hits == ["issues/models.py"]
