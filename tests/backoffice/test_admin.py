"""The admin as a workbench: staff (not only superusers) work in it; changelists filter by street,
level, status, category and date; inlines; bulk actions; Excel export of the selection."""

import datetime
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from openpyxl import load_workbook

from deliberations.models import Session, TopicSuggestion
from issues.models import Issue, IssueUpdate
from rooms.models import Room
from tests.factories import (
    AttendanceFactory,
    CampaignFactory,
    IssueCategoryFactory,
    IssueFactory,
    IssueUpdateFactory,
    RoomFactory,
    SessionFactory,
    StreetFactory,
    TopicSuggestionFactory,
    UserFactory,
)
from tests.xlsx import table_rows

CHANGELISTS = [
    "rooms_street",
    "rooms_community",
    "rooms_sector",
    "rooms_room",
    "rooms_convenership",
    "deliberations_session",
    "deliberations_campaign",
    "deliberations_topicsuggestion",
    "issues_issuecategory",
    "issues_issue",
    "issues_issueupdate",
    "issues_feedback",
    "issues_outcome",
    "figures_mediareport",
    "figures_visit",
    "core_portalsettings",
    "accounts_user",
]


def changelist(name):
    return reverse(f"admin:{name}_changelist")


def titles(response):
    return [str(obj) for obj in response.context["cl"].result_list]


@pytest.mark.django_db
def test_the_admin_names_the_portal(staff_client):
    html = staff_client.get("/admin/").content.decode()
    assert "有事好商量 · 协商议事室平台 管理后台" in html
    assert "<title>" in html and "协商议事室平台" in html


@pytest.mark.django_db
@pytest.mark.parametrize("name", CHANGELISTS)
def test_staff_open_every_changelist_and_add_form(staff_client, name):
    assert staff_client.get(changelist(name)).status_code == 200
    add = staff_client.get(reverse(f"admin:{name}_add"))
    assert add.status_code in (200, 403)  # portal settings: one row only; users: superusers only


@pytest.mark.django_db
def test_issues_filter_by_street_level_status_category_and_date(staff_client):
    north, south = StreetFactory(name="北街道"), StreetFactory(name="南街道")
    north_room = RoomFactory(level=Room.Level.STREET, community=None, street=north)
    south_room = RoomFactory(community__street=south)
    food = IssueCategoryFactory(name="食品安全")
    IssueFactory(title="北边问题", room=north_room, category=food, reported_on=datetime.date(2020, 3, 1))
    IssueFactory(title="南边问题", room=south_room, status=Issue.Status.AGREED, reported_on=datetime.date(2019, 3, 1))
    url = changelist("issues_issue")
    assert titles(staff_client.get(url, {"room__street__id__exact": north.pk})) == ["北边问题"]
    assert titles(staff_client.get(url, {"room__level__exact": "community"})) == ["南边问题"]
    assert titles(staff_client.get(url, {"status__exact": "agreed"})) == ["南边问题"]
    assert titles(staff_client.get(url, {"category__id__exact": food.pk})) == ["北边问题"]
    assert titles(staff_client.get(url, {"reported_on__year": 2019})) == ["南边问题"]
    assert titles(staff_client.get(url, {"q": "北边"})) == ["北边问题"]
    html = staff_client.get(url).content.decode()
    assert "北街道" in html and "所属街道" in html


@pytest.mark.django_db
def test_overdue_filter_and_urge_column(staff_client, room):
    overdue = IssueFactory(room=room, title="逾期问题", due_on=datetime.date(2020, 1, 1))
    IssueFactory(room=room, title="远期问题", due_on=datetime.date(2999, 1, 1))
    IssueUpdateFactory(issue=overdue, is_urge=True, occurred_on=datetime.date(2020, 2, 3))
    response = staff_client.get(changelist("issues_issue"), {"overdue": "yes"})
    assert titles(response) == ["逾期问题"]
    html = response.content.decode()
    assert "逾期" in html and "2020年2月3日" in html


@pytest.mark.django_db
def test_rooms_filter_quiet_and_without_convener(staff_client, room, convener):
    lonely = RoomFactory(name="无人召集协商议事室")
    SessionFactory(room=lonely, starts_at=datetime.datetime.now(datetime.UTC))
    url = changelist("rooms_room")
    assert titles(staff_client.get(url, {"convener": "none"})) == ["无人召集协商议事室"]
    assert titles(staff_client.get(url, {"activity": "quiet"})) == [room.name]


@pytest.mark.django_db
def test_room_page_shows_conveners_and_sessions_inline(staff_client, room, convener):
    SessionFactory(room=room, topic="老旧小区加装电梯")
    html = staff_client.get(reverse("admin:rooms_room_change", args=[room.pk])).content.decode()
    assert "老旧小区加装电梯" in html
    assert convener.display_name in html or "convener-a" in html
    assert "议事活动（最新在前）" in html


@pytest.mark.django_db
def test_session_and_issue_pages_show_attendance_and_updates_inline(staff_client, room):
    session = SessionFactory(room=room)
    AttendanceFactory(session=session, headcount=42)
    issue = IssueFactory(room=room)
    IssueUpdateFactory(issue=issue, note="已转交区住建局办理")
    session_html = staff_client.get(reverse("admin:deliberations_session_change", args=[session.pk])).content.decode()
    assert 'value="42"' in session_html
    issue_html = staff_client.get(reverse("admin:issues_issue_change", args=[issue.pk])).content.decode()
    assert "已转交区住建局办理" in issue_html


def run_action(client, name, action, objects, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [obj.pk for obj in objects], **extra}
    return client.post(changelist(name), data, follow=False)


@pytest.mark.django_db
def test_deactivate_and_activate_rooms(staff_client, staff):
    rooms = [RoomFactory(), RoomFactory()]
    run_action(staff_client, "rooms_room", "deactivate", rooms)
    assert not Room.objects.filter(pk__in=[r.pk for r in rooms], is_active=True).exists()
    assert rooms[0].history.first().history_user == staff
    run_action(staff_client, "rooms_room", "activate", rooms[:1])
    assert list(Room.objects.filter(is_active=True).values_list("pk", flat=True)) == [rooms[0].pk]


@pytest.mark.django_db
def test_escalate_issues_records_the_step_on_the_timeline(staff_client, staff, room):
    low = IssueFactory(room=room, triage_level=Issue.Triage.COMMUNITY)
    high = IssueFactory(room=room, triage_level=Issue.Triage.DISTRICT)
    done = IssueFactory(room=room, status=Issue.Status.RESOLVED, resolved_on=datetime.date(2020, 7, 1))
    response = run_action(staff_client, "issues_issue", "escalate_to_street", [low, high, done])
    assert response.status_code == 302
    low.refresh_from_db()
    high.refresh_from_db()
    assert low.triage_level == Issue.Triage.STREET and high.triage_level == Issue.Triage.DISTRICT
    update = IssueUpdate.objects.get(issue=low)
    assert update.triage_to == Issue.Triage.STREET and update.author == staff and "街道" in update.note
    assert not IssueUpdate.objects.filter(issue__in=[high, done]).exists()
    run_action(staff_client, "issues_issue", "escalate_to_district", [low])
    low.refresh_from_db()
    assert low.triage_level == Issue.Triage.DISTRICT


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "sheet", "make"),
    [
        ("issues_issue", "民生问题", lambda room: IssueFactory(room=room)),
        ("deliberations_session", "议事活动", lambda room: SessionFactory(room=room)),
        ("rooms_room", "议事室", lambda room: RoomFactory()),
    ],
)
def test_export_selection_downloads_only_the_selected_rows(staff_client, room, name, sheet, make):
    chosen, _other, also = make(room), make(room), make(room)
    response = run_action(staff_client, name, "export_xlsx", [chosen, also])
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = table_rows(load_workbook(io.BytesIO(response.content))[sheet])
    assert len(rows) == 3
    names = {str(value) for row in rows[1:] for value in row}
    assert str(chosen) in names and str(also) in names and str(_other) not in names


@pytest.mark.django_db
def test_tag_sessions_with_the_campaign_of_their_period(staff_client, room):
    campaign = CampaignFactory(starts_on=datetime.date(2020, 9, 1), ends_on=datetime.date(2020, 9, 30))
    inside = SessionFactory(room=room, starts_at=datetime.datetime(2020, 9, 10, 9, tzinfo=datetime.UTC))
    outside = SessionFactory(room=room, starts_at=datetime.datetime(2020, 10, 10, 9, tzinfo=datetime.UTC))
    run_action(staff_client, "deliberations_session", "tag_campaign", [inside, outside])
    inside.refresh_from_db()
    outside.refresh_from_db()
    assert inside.campaign == campaign and inside.kind == Session.Kind.CAMPAIGN
    assert outside.campaign is None


@pytest.mark.django_db
def test_accept_topic_suggestions(staff_client, room):
    suggestion = TopicSuggestionFactory(room=room)
    run_action(staff_client, "deliberations_topicsuggestion", "accept", [suggestion])
    suggestion.refresh_from_db()
    assert suggestion.status == TopicSuggestion.Status.ACCEPTED


@pytest.mark.django_db
def test_a_resident_cannot_use_the_admin_even_if_marked_active(client):
    client.force_login(UserFactory())
    response = client.get(changelist("issues_issue"))
    assert response.status_code == 302 and "login" in response["Location"]
