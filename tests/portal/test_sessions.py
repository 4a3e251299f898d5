"""The session list and a session's page."""

import pytest
from django.urls import reverse

from tests.factories import CampaignFactory, SessionPhotoFactory

pytestmark = pytest.mark.django_db


def topics(response):
    """Upcoming sessions (above the list, soonest first), then the list (newest first)."""
    listed = [*response.context["upcoming"], *response.context["page"].object_list]
    return [session.topic for session in listed]


def test_session_list_newest_first_with_person_times(client, world):
    response = client.get(reverse("deliberations:list"))
    assert topics(response) == [world.planned.topic, world.july.topic, world.held.topic]
    assert "36 人次" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"month": "2020-06"}, ["小区停车难协商会"]),
        ({"month": "2020-07"}, ["文峰养老服务议事"]),
        ({"month": "2019-01"}, []),
        ({"kind": "regular", "status": "held"}, ["文峰养老服务议事", "小区停车难协商会"]),
        ({"q": "养老"}, ["文峰养老服务议事"]),
        ({"ordering": "person_times", "status": "held"}, ["文峰养老服务议事", "小区停车难协商会"]),
    ],
)
def test_session_filters(client, world, params, expected):
    assert topics(client.get(reverse("deliberations:list"), params)) == expected


def test_session_filters_by_room_street_and_campaign(client, world):
    assert topics(client.get(reverse("deliberations:list"), {"room": world.south_room.pk})) == [world.july.topic]
    by_street = topics(client.get(reverse("deliberations:list"), {"street": world.north.pk}))
    assert set(by_street) == {world.held.topic, world.planned.topic}
    campaign = CampaignFactory()
    world.july.campaign = campaign
    world.july.save()
    assert topics(client.get(reverse("deliberations:list"), {"campaign": campaign.pk})) == [world.july.topic]


@pytest.mark.parametrize("month", ["2020-13", "2020-6-1", "abcd-ef", "99999-01", "2020/06", "1800-01"])
def test_malformed_month_gives_an_empty_list_with_a_chinese_error(client, world, month):
    response = client.get(reverse("deliberations:list"), {"month": month})
    assert response.status_code == 200
    assert topics(response) == []
    assert "请按“年-月”格式填写月份" in response.content.decode()


def test_session_page_shows_attendance_minutes_consensus_photos_and_issues(client, world):
    SessionPhotoFactory(session=world.held, alt_text="居民围坐议事", caption="议事现场")
    response = client.get(world.held.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        world.held.topic,
        "2020年6月5日 09:00",
        world.held.place,
        "居民群众",
        "政协委员",
        "部门代表",
        world.held.minutes,
        world.held.consensus,
        'alt="居民围坐议事"',
        world.resolved.title,
        world.room.name,
    ):
        assert text in html, text
    assert 'data-figure="attendance_total"><strong>36</strong>' in html
    assert world.private.title not in html
    assert 'aria-label="当前位置"' in html


def test_missing_session_answers_404(client, db):
    assert client.get(reverse("deliberations:detail", args=[424242])).status_code == 404


@pytest.mark.django_db
def test_session_list_shows_upcoming_soonest_first_then_held_newest_first(client, world):
    import datetime

    from django.utils import timezone

    from deliberations.models import Session
    from tests.factories import SessionFactory

    later = SessionFactory(
        room=world.room,
        topic="更远的议事预告",
        status=Session.Status.PLANNED,
        starts_at=timezone.now() + datetime.timedelta(days=300),
    )
    context = client.get(reverse("deliberations:list")).context
    assert [session.topic for session in context["upcoming"]][:2] == [world.planned.topic, later.topic]
    topics = [session.topic for session in context["page"].object_list]
    assert later.topic not in topics  # listed once, above the list
    assert topics.index("文峰养老服务议事") < topics.index("小区停车难协商会")  # July 2020 before June 2020


@pytest.mark.django_db
def test_campaign_and_month_filters_say_what_they_pick(client, world):
    html = client.get(reverse("deliberations:list")).content.decode()
    assert "所属议事月活动" in html and "举行月份" in html
    assert 'aria-describedby="id_month_help"' in html and 'id="id_month_help"' in html
