"""Street staff (街道政协工委) open the dashboard and the monthly report of their own street; another
street answers 404; the staff-only pages stay staff only; district staff keep the whole district
and may look at one street."""

import datetime

import pytest
from django.urls import reverse

from backoffice import selectors
from issues.models import Issue
from rooms.models import Room, StreetStaff
from tests.factories import (
    DepartmentFactory,
    IssueFactory,
    ResolvedIssueFactory,
    RoomFactory,
    SessionFactory,
    StreetFactory,
    UserFactory,
)

OVERDUE = datetime.date(2020, 1, 1)


@pytest.fixture
def streets(db):
    east, west = StreetFactory(name="东城街道"), StreetFactory(name="西城街道")
    east_room = RoomFactory(name="东城议事室", street=east, level=Room.Level.STREET)
    west_room = RoomFactory(name="西城议事室", street=west, level=Room.Level.STREET)
    roads = DepartmentFactory(name="区住建局")
    issues = {
        "east_overdue": IssueFactory(title="东城逾期问题", room=east_room, department=roads, due_on=OVERDUE),
        "west_overdue": IssueFactory(title="西城逾期问题", room=west_room, department=roads, due_on=OVERDUE),
        "east_queue": IssueFactory(title="东城提级问题", room=east_room, triage_level=Issue.Triage.STREET),
        "west_queue": IssueFactory(title="西城提级问题", room=west_room, triage_level=Issue.Triage.STREET),
        "district_queue": IssueFactory(title="提级至区问题", room=west_room, triage_level=Issue.Triage.DISTRICT),
        "east_returned": IssueFactory(title="东城退回问题", room=east_room, handling=Issue.Handling.RETURNED),
        "west_returned": IssueFactory(title="西城退回问题", room=west_room, handling=Issue.Handling.RETURNED),
        "east_resolved": ResolvedIssueFactory(
            title="东城七月解决", room=east_room, department=roads, due_on=datetime.date(2020, 7, 30)
        ),
        "west_resolved": ResolvedIssueFactory(
            title="西城七月解决", room=west_room, department=DepartmentFactory(name="区水利局")
        ),
    }
    SessionFactory(room=east_room, status="held", starts_at=datetime.datetime(2020, 7, 3, 9, tzinfo=datetime.UTC))
    SessionFactory(room=west_room, status="held", starts_at=datetime.datetime(2020, 7, 4, 9, tzinfo=datetime.UTC))
    SessionFactory(room=west_room, status="held", starts_at=datetime.datetime(2020, 7, 5, 9, tzinfo=datetime.UTC))
    user = UserFactory(username="east-street-staff")
    StreetStaff.objects.create(user=user, street=east)
    return {"east": east, "west": west, "east_room": east_room, "west_room": west_room, "user": user, **issues}


@pytest.fixture
def street_client(client, streets):
    client.force_login(streets["user"])
    return client


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.mark.django_db
def test_street_staff_see_their_street_only_on_the_dashboard(street_client, streets):
    page = _page(street_client, "/staff/")
    assert "东城街道" in page
    for title in ("东城逾期问题", "东城提级问题", "东城退回问题"):
        assert title in page, title
    for title in ("西城逾期问题", "西城提级问题", "西城退回问题", "提级至区问题", "西城议事室"):
        assert title not in page, title
    # Their issues link to the follow-up page, not the admin; no 催办, extension or admin links.
    assert reverse("workspace:issue", args=[streets["east_queue"].pk]) in page
    assert "/admin/" not in page
    assert "延期申请待审批" not in page and "消息发送失败" not in page
    assert 'action="/staff/issues/' not in page


@pytest.mark.django_db
def test_street_staff_see_their_street_in_the_monthly_report(street_client, streets):
    page = _page(street_client, "/staff/report/2020-07/")
    assert "东城七月解决" in page and "西城七月解决" not in page
    assert f'data-street="{streets["east"].pk}"' in page
    assert f'data-street="{streets["west"].pk}"' not in page
    assert "区住建局" in page and "区水利局" not in page  # the department ranking is the street's
    figures = selectors.month_figures(2020, 7, streets["east"])
    assert figures.sessions_held == 1 and figures.issues_resolved == 1
    assert f'data-figure="sessions_held">{figures.sessions_held}<' in page


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/staff/?street={west}", "/staff/report/2020-07/?street={west}", "/staff/?street=abc"])
def test_another_street_answers_404(street_client, streets, url):
    assert street_client.get(url.format(west=streets["west"].pk)).status_code == 404


@pytest.mark.django_db
def test_asking_for_their_own_street_is_the_same_page(street_client, streets):
    page = _page(street_client, f"/staff/?street={streets['east'].pk}")
    assert "东城提级问题" in page and "西城提级问题" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/staff/import/",
        "/staff/import/template.xlsx",
        "/staff/registry.xlsx",
        "/staff/ledger/",
        "/staff/ledger/?download=1",
    ],
)
def test_staff_only_pages_stay_staff_only(street_client, url):
    assert street_client.get(url).status_code == 403


@pytest.mark.django_db
def test_street_staff_can_neither_urge_nor_decide_nor_open_the_admin(street_client, streets):
    assert (
        street_client.post(reverse("staff:urge", args=[streets["east_overdue"].pk]), {"note": "x"}).status_code == 403
    )
    assert street_client.post(reverse("staff:extension-decide", args=[1]), {"decision": "approve"}).status_code == 403
    response = street_client.get("/admin/")
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_the_report_picker_keeps_the_street(street_client, streets):
    response = street_client.get("/staff/report/?month=2020-05")
    assert response["Location"] == f"/staff/report/2020-5/?street={streets['east'].pk}"


@pytest.mark.django_db
def test_a_former_street_staff_or_a_convener_gets_403(client, streets, convener):
    client.force_login(convener)
    assert client.get("/staff/").status_code == 403
    StreetStaff.objects.filter(user=streets["user"]).delete()
    client.force_login(streets["user"])
    assert client.get("/staff/").status_code == 403
    assert client.get("/staff/report/2020-07/").status_code == 403


@pytest.mark.django_db
def test_district_staff_see_every_street_and_may_look_at_one(staff_client, streets):
    page = _page(staff_client, "/staff/")
    for title in ("东城逾期问题", "西城逾期问题", "提级至区问题", "东城退回问题", "西城退回问题"):
        assert title in page, title
    # The district queue is the district's: issues escalated to 街道 wait on their streets.
    assert "东城提级问题" not in page
    west = _page(staff_client, f"/staff/?street={streets['west'].pk}")
    assert "西城逾期问题" in west and "东城逾期问题" not in west and "西城提级问题" in west
    report = _page(staff_client, "/staff/report/2020-07/")
    assert "东城七月解决" in report and "西城七月解决" in report
    assert staff_client.get("/staff/?street=999999").status_code == 404


STREET_DASHBOARD_MAX = 36
STREET_REPORT_MAX = 35  # with the header's unread count and the cumulative figures as of the month end (6)


@pytest.mark.django_db
def test_the_scope_adds_a_filter_not_a_query(client, streets, query_pins):
    """The street's pages run a fixed number of queries: more rooms, issues and departments in
    the street do not add any."""

    def measure():
        return {
            "dashboard": query_pins.count(client, "/staff/", STREET_DASHBOARD_MAX, warm=True),
            "report": query_pins.count(client, "/staff/report/2020-07/", STREET_REPORT_MAX, warm=True),
        }

    client.force_login(streets["user"])
    before = measure()
    for n in range(5):
        IssueFactory(room=streets["east_room"], due_on=OVERDUE, department=DepartmentFactory(name=f"单位{n}"))
        IssueFactory(room=RoomFactory(street=streets["east"]), triage_level=Issue.Triage.STREET)
        ResolvedIssueFactory(room=streets["east_room"], department=DepartmentFactory(name=f"单位{n}"))
    assert measure() == before
