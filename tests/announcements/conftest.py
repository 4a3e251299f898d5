import datetime

import pytest
from django.utils import timezone

from announcements.models import Announcement, ResultNotice
from deliberations.models import Session
from tests.factories import SessionFactory


@pytest.fixture
def planned(db, room):
    """A planned session of `room` a week from now."""
    return SessionFactory(
        room=room,
        topic="小区停车难怎么办",
        status=Session.Status.PLANNED,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        minutes="",
        consensus="",
        place="社区议事厅",
    )


@pytest.fixture
def announcement(db, planned, convener):
    return Announcement.objects.create(
        session=planned, agenda="介绍背景\n讨论方案", invited="小区居民、物业公司", capacity=2, waitlist_size=1
    )


@pytest.fixture
def held(db, room):
    return SessionFactory(room=room, topic="加装电梯协商", consensus="分单元征求意见,年底前完成加装。")


@pytest.fixture
def notice(db, held):
    today = timezone.localdate()
    return ResultNotice.objects.create(
        session=held, text=held.consensus, starts_on=today, ends_on=today + datetime.timedelta(days=7)
    )
