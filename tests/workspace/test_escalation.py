"""Escalation hands the issue over: a community room raises it to 街道, and the street room's
convener and the street staff (街道政协工委) see it in /my/, are told in their inbox and can act
on it; another street's people get 404. Street staff see their street's rooms only."""

import pytest
from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone

from chongchuan.urls import urlpatterns as root_urlpatterns
from issues.models import Issue
from notifications.models import Notification
from rooms.models import Room, StreetStaff
from tests.factories import (
    ConvenershipFactory,
    DepartmentFactory,
    IssueFactory,
    RoomFactory,
    StreetFactory,
    UserFactory,
)

# The department's pages (liaison:issue) may live on another branch; notifications link to them.
urlpatterns = list(root_urlpatterns)
if not any(getattr(pattern, "namespace", None) == "liaison" for pattern in root_urlpatterns):
    urlpatterns.append(
        path(
            "dept/",
            include(([path("issues/<int:pk>/", lambda request, pk: HttpResponse(), name="issue")], "liaison")),
        )
    )

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

# With the header's unread count; as tests/workspace/test_query_counts.py: the same for street staff.
MY_ROOMS_QUERIES = 10


@pytest.fixture
def street():
    return StreetFactory(name="和平桥街道")


@pytest.fixture
def street_room(street):
    return RoomFactory(name="和平桥街道协商议事室", level=Room.Level.STREET, community=None, street=street)


@pytest.fixture
def community_room(street):
    room = RoomFactory(name="桃坞路社区协商议事室")
    room.street = street
    room.save()
    return room


def _convener(username, room):
    user = UserFactory(username=username)
    ConvenershipFactory(user=user, room=room)
    return user


@pytest.fixture
def community_convener(community_room):
    return _convener("community-convener", community_room)


@pytest.fixture
def street_convener(street_room):
    return _convener("street-convener", street_room)


@pytest.fixture
def street_staff(street):
    user = UserFactory(username="street-staff")
    StreetStaff.objects.create(user=user, street=street)
    return user


@pytest.fixture
def other_street():
    return StreetFactory(name="城东街道")


@pytest.fixture
def other_street_room(other_street):
    return RoomFactory(name="城东街道协商议事室", level=Room.Level.STREET, community=None, street=other_street)


@pytest.fixture
def other_street_convener(other_street_room):
    return _convener("other-street-convener", other_street_room)


@pytest.fixture
def other_street_staff(other_street, other_street_room):
    user = UserFactory(username="other-street-staff")
    StreetStaff.objects.create(user=user, street=other_street)
    return user


def escalate(client, issue, level="street"):
    return client.post(
        f"/my/issues/{issue.pk}/",
        {"action": "escalate", "escalate-triage_to": level, "escalate-version": issue.version},
    )


def test_escalated_issue_is_handed_over_to_the_street(
    client,
    django_capture_on_commit_callbacks,
    community_room,
    street_room,
    community_convener,
    street_convener,
    street_staff,
    other_street_convener,
    other_street_staff,
):
    issue = IssueFactory(room=community_room, title="老旧小区加装电梯", status=Issue.Status.IN_PROGRESS)
    client.force_login(community_convener)
    with django_capture_on_commit_callbacks(execute=True):
        response = escalate(client, issue)
    assert response.status_code == 302
    assert "已提级至和平桥街道协商议事室。" in client.get(response["Location"]).content.decode()
    # The original room keeps it.
    assert "老旧小区加装电梯" in client.get("/my/").content.decode()

    for user in (street_convener, street_staff):
        client.force_login(user)
        home = client.get("/my/").content.decode()
        escalated = home.split('data-list="escalated"')[1]
        assert "老旧小区加装电梯" in escalated and "来自桃坞路社区协商议事室" in escalated
        titles = list(Notification.objects.filter(recipient=user).values_list("kind", "title"))
        assert titles == [(Notification.Kind.ISSUE_ESCALATED, "问题提级，请接手：老旧小区加装电梯")]
        assert Notification.objects.get(recipient=user).url == f"/my/issues/{issue.pk}/"
        issue.refresh_from_db()
        response = client.post(
            f"/my/issues/{issue.pk}/",
            {"note": f"{user.username}已接手协调", "occurred_on": timezone.localdate(), "version": issue.version},
        )
        assert response.status_code == 302
    assert issue.updates.filter(note__endswith="已接手协调").count() == 2

    for user in (other_street_convener, other_street_staff):
        client.force_login(user)
        assert client.get(f"/my/issues/{issue.pk}/").status_code == 404
        assert "老旧小区加装电梯" not in client.get("/my/").content.decode()
        assert not Notification.objects.filter(recipient=user).exists()


def test_escalated_to_the_district_joins_the_district_queue(client, community_room, street_room, community_convener):
    issue = IssueFactory(room=community_room, triage_level=Issue.Triage.STREET, escalated_to=street_room)
    client.force_login(community_convener)
    response = escalate(client, issue, "district")
    assert "已提级至区政协机关。" in client.get(response["Location"]).content.decode()
    issue.refresh_from_db()
    assert issue.escalated_to == street_room  # the street room keeps following it
    assert list(Issue.objects.open().filter(triage_level=Issue.Triage.DISTRICT)) == [issue]


def test_street_staff_see_their_streets_rooms_only(
    client, community_room, street_room, street_staff, other_street_room
):
    foreign_issue = IssueFactory(room=other_street_room, title="城东的问题")
    own_issue = IssueFactory(room=community_room, title="桃坞路的问题")
    client.force_login(street_staff)
    html = client.get("/my/").content.decode()
    assert "和平桥街道协商议事室" in html and "桃坞路社区协商议事室" in html
    assert "城东街道协商议事室" not in html and "城东的问题" not in html and "桃坞路的问题" in html
    assert client.get(f"/my/issues/{own_issue.pk}/").status_code == 200
    assert client.get(f"/my/issues/{foreign_issue.pk}/").status_code == 404
    assert client.get(f"/my/?room={other_street_room.pk}").status_code == 404
    assert client.get(f"/my/?room={community_room.pk}").status_code == 200


def test_my_rooms_lists_awaiting_confirmation(client, community_room, street_room, community_convener):
    housing = DepartmentFactory(name="区住建局")
    IssueFactory(
        room=community_room,
        title="楼道灯修好了吗",
        department=housing,
        status=Issue.Status.IN_PROGRESS,
        handling=Issue.Handling.DONE_REPORTED,
    )
    client.force_login(community_convener)
    html = client.get("/my/").content.decode()
    assert "楼道灯修好了吗" in html.split('data-list="awaiting_confirmation"')[1]


def test_my_rooms_query_count_for_street_staff_is_constant(
    client, street, community_room, street_room, street_staff, django_assert_max_num_queries
):
    housing = DepartmentFactory(name="区住建局")
    counts = []
    client.force_login(street_staff)
    for n in (1, 10):
        for _ in range(n):
            room = RoomFactory()
            room.street = street
            room.save()
            IssueFactory(room=room, escalated_to=street_room, triage_level=Issue.Triage.STREET)
            IssueFactory(
                room=community_room,
                department=housing,
                status=Issue.Status.IN_PROGRESS,
                handling=Issue.Handling.DONE_REPORTED,
            )
            resolved = IssueFactory(
                room=room, status=Issue.Status.RESOLVED, resolution="好", resolved_on=timezone.localdate()
            )
            resolved.follow_ups.create()
        client.get("/my/")
        with django_assert_max_num_queries(MY_ROOMS_QUERIES) as queries:
            html = client.get("/my/").content.decode()
        assert 'data-list="pending_visits"' in html and 'data-list="escalated"' in html
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    print("/my/ queries for street staff:", counts)
