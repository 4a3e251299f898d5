"""Figures by department (承办单位): exact counts against independent counts of the same issues."""

import datetime

import pytest

from figures.selectors import breakdown_by_department, department_figures
from issues.models import Feedback, Issue
from tests.factories import (
    DepartmentFactory,
    FeedbackFactory,
    IssueFactory,
    ResolvedIssueFactory,
    RoomFactory,
    StreetFactory,
)

TODAY = datetime.date(2020, 8, 1)


@pytest.fixture
def district(db):
    """Two departments, an inactive one, and issues of every kind in two streets."""
    east, west = StreetFactory(name="东街道"), StreetFactory(name="西街道")
    east_room, west_room = RoomFactory(street=east), RoomFactory(street=west)
    roads = DepartmentFactory(name="区住建局", ordering=1)
    water = DepartmentFactory(name="区水利局", ordering=2)
    closed_down = DepartmentFactory(name="已撤销单位", is_active=False)
    d = datetime.date
    issues = {
        # roads: resolved on time (6 days), resolved late (20 days), resolved with no due date (10 days)
        "on_time": ResolvedIssueFactory(
            department=roads,
            room=east_room,
            reported_on=d(2020, 6, 1),
            due_on=d(2020, 6, 30),
            resolved_on=d(2020, 6, 7),
        ),
        "late": ResolvedIssueFactory(
            department=roads,
            room=west_room,
            reported_on=d(2020, 6, 1),
            due_on=d(2020, 6, 10),
            resolved_on=d(2020, 6, 21),
        ),
        "no_due": ResolvedIssueFactory(
            department=roads, room=east_room, reported_on=d(2020, 7, 1), due_on=None, resolved_on=d(2020, 7, 11)
        ),
        # roads: open and overdue, open and not yet due, open with no due date
        "overdue": IssueFactory(department=roads, room=east_room, due_on=d(2020, 7, 31)),
        "due_today": IssueFactory(department=roads, room=west_room, due_on=TODAY),
        "open": IssueFactory(department=roads, room=east_room, due_on=None),
        # roads: closed unresolved; unpublished issues are never counted
        "closed": IssueFactory(department=roads, room=east_room, status=Issue.Status.CLOSED, closed_reason="不属实"),
        "private": IssueFactory(department=roads, room=east_room, is_public=False, due_on=d(2020, 1, 1)),
        "private_resolved": ResolvedIssueFactory(department=roads, room=east_room, is_public=False),
        # water: one resolved (30 days), one open
        "water": ResolvedIssueFactory(
            department=water, room=west_room, reported_on=d(2020, 6, 1), due_on=d(2020, 7, 1), resolved_on=d(2020, 7, 1)
        ),
        "water_open": IssueFactory(department=water, room=west_room, due_on=d(2020, 9, 1)),
        # nobody: no department, an inactive department
        "nobody": IssueFactory(department=None, room=east_room),
        "inactive": IssueFactory(department=closed_down, room=east_room, due_on=d(2020, 1, 1)),
    }
    ratings = Feedback.Rating
    for issue, rating in (
        ("on_time", ratings.SATISFIED),
        ("on_time", ratings.MOSTLY),
        ("late", ratings.DISSATISFIED),
        ("no_due", ratings.SATISFIED),
        ("private_resolved", ratings.DISSATISFIED),  # unpublished: not counted
        ("water", ratings.DISSATISFIED),
    ):
        FeedbackFactory(issue=issues[issue], rating=rating)
    # A rating of an issue that is open again (reopened after a 不满意) is not a resolved one's.
    reopened = IssueFactory(department=water, room=west_room, status=Issue.Status.IN_PROGRESS)
    FeedbackFactory(issue=reopened, rating=ratings.SATISFIED)
    issues["reopened"] = reopened
    return {"east": east, "west": west, "roads": roads, "water": water, "issues": issues}


def _independent(department, street=None):
    """The same figures counted one by one in Python, the slow obvious way."""
    issues = [
        issue
        for issue in Issue.objects.filter(department=department, is_public=True)
        if street is None or issue.room.street_id == street.pk
    ]
    resolved = [issue for issue in issues if issue.status == Issue.Status.RESOLVED]
    feedback = [f for f in Feedback.objects.filter(issue__in=resolved)]
    days = [(issue.resolved_on - issue.reported_on).days for issue in resolved]
    return {
        "issues_total": len(issues),
        "issues_open": sum(issue.is_open for issue in issues),
        "issues_resolved": len(resolved),
        "on_time": sum(issue.due_on is None or issue.resolved_on <= issue.due_on for issue in resolved),
        "overdue": sum(issue.is_open and issue.due_on is not None and issue.due_on < TODAY for issue in issues),
        "average_days": round(sum(days) / len(days), 1) if days else None,
        "feedback_total": len(feedback),
        "feedback_positive": sum(f.rating in Feedback.POSITIVE_RATINGS for f in feedback),
    }


@pytest.mark.django_db
def test_each_active_department_with_issues_has_exact_figures(district):
    rows = breakdown_by_department(today=TODAY)
    assert [row["label"] for row in rows] == ["区住建局", "区水利局"]  # the inactive one and "nobody" left out
    roads, water = rows
    assert {key: roads[key] for key in _independent(district["roads"])} == _independent(district["roads"])
    assert {key: water[key] for key in _independent(district["water"])} == _independent(district["water"])
    # The figures written out, so a change of rule shows here too.
    assert roads["issues_total"] == 7
    assert (roads["issues_open"], roads["issues_resolved"], roads["on_time"], roads["overdue"]) == (3, 3, 2, 1)
    assert roads["average_days"] == round((6 + 20 + 10) / 3, 1)
    assert (roads["feedback_total"], roads["feedback_positive"], roads["satisfaction_rate"]) == (4, 3, 75.0)
    assert roads["on_time_rate"] == round(2 * 100 / 3, 1)
    assert roads["resolution_rate"] == round(3 * 100 / 7, 1)
    assert (water["issues_total"], water["issues_resolved"], water["average_days"]) == (3, 1, 30.0)
    assert (water["feedback_total"], water["satisfaction_rate"]) == (1, 0.0)
    assert roads["kind"] == "bureau" and roads["kind_label"] == "区级部门"


@pytest.mark.django_db
def test_a_street_keeps_its_own_rooms_issues(district):
    rows = {row["label"]: row for row in breakdown_by_department(street=district["east"], today=TODAY)}
    assert list(rows) == ["区住建局"]
    expected = _independent(district["roads"], street=district["east"])
    assert {key: rows["区住建局"][key] for key in expected} == expected
    west = {row["label"]: row for row in breakdown_by_department(street=district["west"], today=TODAY)}
    assert west["区住建局"]["issues_total"] == 2 and west["区水利局"]["issues_total"] == 3


@pytest.mark.django_db
def test_a_department_without_ratings_or_resolved_issues_has_no_rates(db):
    department = DepartmentFactory(name="区民政局")
    IssueFactory(department=department)
    (row,) = breakdown_by_department(today=TODAY)
    assert row["average_days"] is None and row["on_time_rate"] is None and row["satisfaction_rate"] is None


@pytest.mark.django_db
def test_counted_with_a_fixed_number_of_queries_and_cached(district, django_assert_num_queries):
    with django_assert_num_queries(3):
        breakdown_by_department(today=TODAY)
    with django_assert_num_queries(0):
        breakdown_by_department(today=TODAY)
    assert department_figures()[district["roads"].pk]["label"] == "区住建局"  # keyed by id, for the API
    IssueFactory(department=district["water"], room=RoomFactory(street=district["west"]))
    assert breakdown_by_department(today=TODAY)[1]["issues_total"] == 4  # a write throws the cache away


@pytest.mark.django_db
def test_renaming_a_department_refreshes_the_figures(district):
    breakdown_by_department(today=TODAY)
    district["roads"].name = "区住房和城乡建设局"
    district["roads"].save()
    assert breakdown_by_department(today=TODAY)[0]["label"] == "区住房和城乡建设局"
