"""The rollups equal the raw counts after every kind of write: services, the admin, the API,
the registry import, bulk writes, moves between rooms and months, and deletes."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db.models import Count, Q, Sum

from deliberations.models import Attendance, Session
from deliberations.services import SessionData, session_delete, session_log, session_update
from figures import rollups
from figures.models import RoomMonthRollup, RoomRollup, StreetMonthRollup
from figures.selectors import breakdown_by_month, breakdown_by_street, district_totals, rooms_with_figures
from issues.models import Feedback, Issue
from issues.services import feedback_submit, issue_mark_duplicate, issue_post_update, issue_report
from rooms.models import Room
from tests.factories import (
    AttendanceFactory,
    FeedbackFactory,
    IssueCategoryFactory,
    IssueFactory,
    RoomFactory,
    SessionFactory,
    StreetFactory,
)

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def assert_exact():
    assert rollups.differences() == {"room_month": [], "room": [], "street_month": []}
    # and independently of `rollups`, through the figures the pages show
    totals = district_totals()
    held = Session.objects.filter(status="held")
    assert totals.sessions_held == held.count()
    assert totals.person_times == (
        Attendance.objects.filter(session__status="held").aggregate(n=Sum("headcount"))["n"] or 0
    )
    public = Issue.objects.filter(is_public=True)
    assert totals.issues_total == public.count()
    assert totals.issues_resolved == public.filter(status="resolved").count()
    for room in rooms_with_figures():
        assert room.sessions_held == held.filter(room=room).count()
        assert room.issues_resolved == public.filter(room=room, status="resolved").count()
        assert room.feedback_total == Feedback.objects.filter(issue__in=public.filter(room=room)).count()


def data(**overrides):
    values = {
        "topic": "汇总测试",
        "starts_at": datetime.datetime(2020, 6, 1, 9, 0, tzinfo=TZ),
        "attendance": {"resident": 12, "cppcc_member": 2},
    }
    values.update(overrides)
    return SessionData(**values)


def test_rollups_follow_a_mixed_workload_of_services(staff, room, other_room):
    category = IssueCategoryFactory()
    session = session_log(room=room, author=staff, data=data())
    assert_exact()
    # change headcounts, then move the session to another room and another month
    session_update(session=session, author=staff, data=data(attendance={"resident": 30, "expert": 1}))
    assert_exact()
    session.room = other_room
    session.save()
    session_update(
        session=session,
        author=staff,
        data=data(starts_at=datetime.datetime(2020, 7, 31, 23, 30, tzinfo=TZ), attendance={"resident": 7}),
    )
    assert RoomMonthRollup.objects.get(room=other_room).month == datetime.date(2020, 7, 1)
    assert not RoomMonthRollup.objects.filter(room=room).exists()
    assert_exact()
    # issues: report, change status, resolve, rate, hide, merge as duplicate
    first = issue_report(
        room=room, title="停车难", category=category, author=staff, reported_on=datetime.date(2020, 6, 3)
    )
    second = issue_report(
        room=other_room, title="加装电梯", category=category, author=staff, reported_on=datetime.date(2020, 8, 3)
    )
    assert_exact()
    issue_post_update(issue=first, author=staff, note="协商中", status_to=Issue.Status.DELIBERATING)
    issue_post_update(
        issue=first,
        author=staff,
        note="已解决",
        status_to=Issue.Status.RESOLVED,
        resolution="已划线",
        resolved_on=datetime.date(2020, 7, 1),
    )
    assert_exact()
    first.refresh_from_db()
    feedback_submit(issue=first, rating=Feedback.Rating.SATISFIED)
    assert_exact()
    issue_mark_duplicate(issue=second, of=IssueFactory(room=room), author=staff)
    assert_exact()
    second.refresh_from_db()
    second.is_public = False
    second.save()
    assert_exact()
    # a session that is only planned counts nothing; held, it counts
    planned = session_log(
        room=room,
        author=staff,
        data=data(status=Session.Status.PLANNED, starts_at=datetime.datetime(2030, 1, 1, 9, tzinfo=TZ)),
    )
    assert_exact()
    session_delete(session=planned, author=staff)
    session_delete(session=session, author=staff)
    assert_exact()


def test_bulk_writes_and_deletes_keep_the_rollups_exact(room, other_room):
    sessions = [SessionFactory(room=room) for _ in range(3)]
    Attendance.objects.bulk_create([Attendance(session=s, role="resident", headcount=5) for s in sessions])
    assert_exact()
    Session.objects.filter(pk=sessions[0].pk).update(room=other_room)
    Attendance.objects.filter(session=sessions[1]).update(headcount=50)
    assert_exact()
    Issue.objects.bulk_create(
        [
            Issue(title=f"问题{n}", category=IssueCategoryFactory(), room=room, reported_on=datetime.date(2021, 1, 5))
            for n in range(2)
        ]
    )
    Issue.objects.filter(room=room).update(status=Issue.Status.CLOSED, closed_reason="不具备条件")
    issue = FeedbackFactory(issue__room=room).issue
    Feedback.objects.filter(issue=issue).update(
        issue=IssueFactory(room=other_room, reported_on=datetime.date(2022, 3, 3))
    )
    assert_exact()
    Attendance.objects.filter(session=sessions[2]).delete()
    Session.objects.filter(pk=sessions[2].pk).delete()
    issue.delete()
    assert_exact()


def test_a_room_moved_to_another_street_moves_its_street_months(room):
    AttendanceFactory(session=SessionFactory(room=room), headcount=9)
    street = StreetFactory()
    room.street = street
    room.save()
    assert StreetMonthRollup.objects.get(street=street).person_times == 9
    assert_exact()
    rows = {row["key"]: row for row in breakdown_by_street()}
    assert rows[street.pk]["person_times"] == 9


def test_admin_edits_and_deletes_keep_the_rollups_exact(client, staff, room, other_room):
    from tests.backoffice.test_admin_writes import CHANGE_URL, session_form

    client.force_login(staff)
    session = SessionFactory(room=room)
    data = session_form(session, attendance=[("resident", 25)], room=other_room.pk, starts_at_0="2021-03-04")
    response = client.post(CHANGE_URL.format(pk=session.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RoomRollup.objects.get(room=other_room).person_times == 25
    assert_exact()
    response = client.post(f"/admin/deliberations/session/{session.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not RoomRollup.objects.filter(room=other_room).exists()
    assert_exact()


def test_api_writes_keep_the_rollups_exact(staff, room):
    from rest_framework.test import APIClient

    from accounts.services import api_token_issue
    from tests.api.test_writes import NEW_SESSION

    client = APIClient()
    _token, key = api_token_issue(user=staff, name="测试")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.post("/api/v1/sessions/", {**NEW_SESSION, "room": room.pk}, format="json")
    assert response.status_code == 201, response.content
    assert_exact()
    pk, version = response.json()["id"], response.json()["version"]
    body = {
        **NEW_SESSION,
        "version": version,
        "starts_at": "2019-12-31T23:00:00+08:00",
        "attendance": [{"role": "resident", "headcount": 3}],
    }
    response = client.put(f"/api/v1/sessions/{pk}/", body, format="json")
    assert response.status_code == 200, response.content
    assert_exact()
    issue = IssueFactory(room=room, status=Issue.Status.DELIBERATING)
    response = client.post(
        f"/api/v1/issues/{issue.pk}/updates/",
        {"note": "已协调", "status_to": "in_progress", "expected_version": issue.version},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert_exact()


def test_the_registry_import_moving_a_room_keeps_the_rollups_exact():
    from backoffice.importers import registry_import
    from tests.backoffice.test_import import ROOM_COLUMNS, good_file, make_xlsx, room_row, upload

    registry_import(upload(good_file()), dry_run=False)
    room = Room.objects.get(name="和平社区协商议事室")
    AttendanceFactory(session=SessionFactory(room=room), headcount=4)
    IssueFactory(room=room)
    assert_exact()
    changed = make_xlsx(
        {
            "议事室": [
                ROOM_COLUMNS,
                room_row("和平社区协商议事室", level="界别", street="", community="", sector="经济界"),
            ]
        }
    )
    result = registry_import(upload(changed), dry_run=False)
    assert result.committed, result
    room.refresh_from_db()
    assert room.street_id is None
    assert_exact()


def test_check_and_rebuild_commands(room, capsys):
    AttendanceFactory(session=SessionFactory(room=room), headcount=6)
    call_command("check_rollups")
    RoomRollup.objects.filter(room=room).update(person_times=1)
    StreetMonthRollup.objects.all().delete()
    with pytest.raises(Exception, match="不一致"):
        call_command("check_rollups")
    out = capsys.readouterr().out
    assert f"({room.pk},)" in out or str(room.pk) in out
    call_command("rebuild_rollups")
    call_command("check_rollups")
    assert_exact()


def test_breakdown_by_month_equals_the_raw_months(room, other_room):
    for day, who in (
        (datetime.datetime(2020, 1, 31, 23, 0, tzinfo=TZ), room),
        (datetime.datetime(2020, 2, 1, 1, 0, tzinfo=TZ), other_room),
    ):
        AttendanceFactory(session=SessionFactory(room=who, starts_at=day), headcount=3)
    SessionFactory(room=room, status=Session.Status.PLANNED, starts_at=datetime.datetime(2030, 1, 1, tzinfo=TZ))
    rows = breakdown_by_month()
    assert [(row["key"], row["sessions_held"], row["person_times"]) for row in rows] == [
        (datetime.date(2020, 1, 1), 1, 3),
        (datetime.date(2020, 2, 1), 1, 3),
    ]
    assert breakdown_by_month(2021) == []
    raw = Session.objects.filter(status="held").aggregate(n=Count("pk", filter=Q(starts_at__year=2020)))
    assert sum(row["sessions_held"] for row in breakdown_by_month(2020)) == raw["n"]


def test_rooms_without_activity_read_zero():
    room = RoomFactory()
    figures = rooms_with_figures().get(pk=room.pk)
    assert (figures.sessions_held, figures.person_times, figures.issues_total, figures.feedback_total) == (0, 0, 0, 0)
