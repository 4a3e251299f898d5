import datetime

import pytest
from django.utils import timezone

from checkins.models import CheckinCode
from tests.factories import SessionFactory


@pytest.fixture
def today_session(room):
    """A session of `room` starting at 9:00 today (Asia/Shanghai), with its check-in code."""
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    session = SessionFactory(room=room, topic="加装电梯协商", starts_at=start, status="planned")
    CheckinCode.objects.create(session=session, token="tok-" + "a" * 18)
    return session


def session_on(room, day: datetime.date, token: str):
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
    session = SessionFactory(room=room, starts_at=start, status="held" if day <= timezone.localdate() else "planned")
    CheckinCode.objects.create(session=session, token=token)
    return session
