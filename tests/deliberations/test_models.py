"""The database refuses bad sessions, attendance rows and campaigns, whatever code path writes them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from deliberations.models import Attendance, Session
from tests.factories import CampaignFactory, RoomFactory, SessionFactory

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


def test_future_session_marked_held_is_refused_by_validation():
    session = SessionFactory.build(
        room=RoomFactory(), status=Session.Status.HELD, starts_at=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC)
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "未来的议事活动不能标记为已举行" in error.value.message_dict["status"][0]
