"""The database refuses bad issues and feedback, whatever code path writes them; validation
errors name the field in Chinese."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from deliberations.models import Attendance
from issues.models import Feedback, Issue
from rooms.models import Room
from tests.factories import IssueFactory, RoomFactory, SessionFactory, StreetFactory

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_resolved_issue_without_resolved_date_is_refused():
    issue = IssueFactory()
    issue.status = Issue.Status.RESOLVED
    refused(issue.save)


def test_resolved_date_on_open_issue_is_refused():
    issue = IssueFactory()
    issue.resolved_on = datetime.date(2020, 7, 1)
    refused(issue.save)


def test_closed_issue_without_reason_is_refused():
    issue = IssueFactory()
    issue.status = Issue.Status.CLOSED
    refused(issue.save)


def test_unknown_feedback_rating_is_refused():
    issue = IssueFactory(status=Issue.Status.RESOLVED, resolved_on=datetime.date(2020, 7, 1))
    refused(lambda: Feedback.objects.create(issue=issue, rating="meh"))


def test_validation_errors_name_the_field_in_chinese():
    street = StreetFactory()
    room = Room(name="缺社区议事室", level=Room.Level.COMMUNITY, street=street)
    with pytest.raises(ValidationError) as error:
        room.full_clean()
    assert error.value.message_dict["community"] == ["社区议事室必须选择所属社区。"]

    issue = IssueFactory.build(status=Issue.Status.RESOLVED, room=RoomFactory(), category=IssueFactory().category)
    with pytest.raises(ValidationError) as error:
        issue.full_clean()
    assert "已解决的问题必须填写解决日期。" in error.value.message_dict["resolved_on"]

    attendance = Attendance(session=SessionFactory(), role=Attendance.Role.RESIDENT, headcount=200_000)
    with pytest.raises(ValidationError) as error:
        attendance.full_clean()
    assert "headcount" in error.value.message_dict
    assert "100000" in error.value.message_dict["headcount"][0]
