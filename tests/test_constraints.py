"""The database itself refuses bad rows, whatever code path tries to write them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from deliberations.models import Attendance, Session
from issues.models import Feedback, Issue
from rooms.models import Room

from .factories import (
    CampaignFactory,
    CommunityFactory,
    ConvenershipFactory,
    IssueFactory,
    RoomFactory,
    SectorFactory,
    SessionFactory,
    StreetFactory,
)

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_negative_headcount_is_refused():
    session = SessionFactory()
    refused(lambda: Attendance.objects.create(session=session, role=Attendance.Role.RESIDENT, headcount=-1))


def test_absurd_headcount_is_refused():
    session = SessionFactory()
    refused(lambda: Attendance.objects.create(session=session, role=Attendance.Role.RESIDENT, headcount=100_001))


def test_two_attendance_rows_for_one_role_are_refused():
    session = SessionFactory()
    Attendance.objects.create(session=session, role=Attendance.Role.RESIDENT, headcount=3)
    refused(lambda: Attendance.objects.create(session=session, role=Attendance.Role.RESIDENT, headcount=4))


def test_community_room_without_community_is_refused():
    street = StreetFactory()
    refused(lambda: Room.objects.create(name="无社区议事室", level=Room.Level.COMMUNITY, street=street))


def test_street_room_without_street_is_refused():
    refused(lambda: Room.objects.create(name="无街道议事室", level=Room.Level.STREET))


def test_sector_room_without_sector_is_refused():
    refused(lambda: Room.objects.create(name="无界别议事室", level=Room.Level.SECTOR))


def test_unknown_room_level_is_refused():
    refused(lambda: Room.objects.create(name="怪议事室", level="planet", sector=SectorFactory()))


def test_duplicate_room_name_is_refused():
    room = RoomFactory()
    refused(lambda: RoomFactory(name=room.name))


def test_duplicate_community_in_a_street_is_refused():
    community = CommunityFactory()
    refused(lambda: CommunityFactory(name=community.name, street=community.street))


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


def test_session_ending_before_it_starts_is_refused():
    session = SessionFactory()
    session.ends_at = session.starts_at - datetime.timedelta(hours=1)
    refused(session.save)


def test_unknown_session_status_is_refused():
    session = SessionFactory()
    session.status = "maybe"
    refused(session.save)


def test_campaign_ending_before_it_starts_is_refused():
    campaign = CampaignFactory.build(starts_on=datetime.date(2020, 9, 30), ends_on=datetime.date(2020, 9, 1))
    refused(campaign.save)


def test_unknown_feedback_rating_is_refused():
    issue = IssueFactory(status=Issue.Status.RESOLVED, resolved_on=datetime.date(2020, 7, 1))
    refused(lambda: Feedback.objects.create(issue=issue, rating="meh"))


def test_one_convenership_per_user_and_room():
    membership = ConvenershipFactory()
    refused(lambda: ConvenershipFactory(user=membership.user, room=membership.room))


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


def test_future_session_marked_held_is_refused_by_validation():
    session = SessionFactory.build(
        room=RoomFactory(), status=Session.Status.HELD, starts_at=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC)
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "未来的议事活动不能标记为已举行" in error.value.message_dict["status"][0]
