"""The staff dashboard: a quiet room, a room without convener, an overdue issue (with 催办) and a
running campaign each appear where they should; every /staff/ URL is staff only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import PortalSettings
from figures.selectors import campaign_progress
from issues.models import Issue, IssueUpdate, Outcome
from tests.factories import (
    AttendanceFactory,
    CampaignFactory,
    ConvenershipFactory,
    IssueFactory,
    OutcomeFactory,
    ResolvedIssueFactory,
    RoomFactory,
    SessionFactory,
    UserFactory,
)

STAFF_URLS = [
    "/staff/",
    "/staff/report/",
    "/staff/report/2020-08/",
    "/staff/import/",
    "/staff/import/template.xlsx",
    "/staff/registry.xlsx",
    "/staff/ledger/",
    "/staff/ledger/?download=1",
]
STAFF_POSTS = ["/staff/import/", "/staff/import/confirm/"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", STAFF_URLS + ["/admin/", "/admin/issues/issue/"])
def test_anonymous_users_are_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", STAFF_URLS)
def test_a_convener_gets_403_on_every_staff_page(client, convener, url):
    client.force_login(convener)
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_a_convener_can_neither_post_nor_urge_nor_open_the_admin(client, convener, room):
    issue = IssueFactory(room=room, due_on=datetime.date(2020, 1, 1))
    client.force_login(convener)
    for url in STAFF_POSTS + [reverse("staff:urge", args=[issue.pk])]:
        assert client.post(url, {"note": "x"}).status_code == 403
    assert not IssueUpdate.objects.filter(is_urge=True).exists()
    response = client.get("/admin/issues/issue/")
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", STAFF_URLS)
def test_staff_open_every_staff_page(staff_client, url):
    response = staff_client.get(url, follow=True)
    assert response.status_code == 200


@pytest.fixture
def scene(db):
    today = timezone.localdate()
    now = timezone.now()
    quiet = RoomFactory(name="沉寂协商议事室")
    SessionFactory(room=quiet, starts_at=now - datetime.timedelta(days=90))
    busy = RoomFactory(name="活跃协商议事室")
    SessionFactory(room=busy, starts_at=now - datetime.timedelta(days=5))
    for room in (quiet, busy):
        ConvenershipFactory(room=room)
    lonely = RoomFactory(name="无人召集协商议事室")
    SessionFactory(room=lonely, starts_at=now - datetime.timedelta(days=2))
    overdue = IssueFactory(
        room=busy,
        title="楼道灯长期不亮",
        department="区住房和城乡建设局",
        status=Issue.Status.IN_PROGRESS,
        reported_on=today - datetime.timedelta(days=60),
        due_on=today - datetime.timedelta(days=10),
    )
    not_yet = IssueFactory(room=busy, title="尚未到期的问题", department="区住房和城乡建设局", due_on=today)
    done = ResolvedIssueFactory(
        room=busy, title="逾期但已解决", department="区住房和城乡建设局", due_on=today - datetime.timedelta(days=30)
    )
    campaign = CampaignFactory(name="2026年民生专题协商议事月", target_sessions=4)
    held = SessionFactory(room=busy, campaign=campaign, starts_at=now - datetime.timedelta(days=1))
    AttendanceFactory(session=held, headcount=25)
    OutcomeFactory(kind=Outcome.Kind.PROPOSAL, adoption=Outcome.Adoption.ADOPTED, adopted_on=today)
    OutcomeFactory(kind=Outcome.Kind.PROPOSAL)
    return {
        "quiet": quiet,
        "busy": busy,
        "lonely": lonely,
        "overdue": overdue,
        "not_yet": not_yet,
        "done": done,
        "campaign": campaign,
    }


def section(html, section_id):
    start = html.index(f'id="{section_id}"')
    end = html.find("</section>", start)
    return html[start:end]


@pytest.mark.django_db
def test_dashboard_shows_quiet_rooms_rooms_without_convener_and_overdue_issues(staff_client, scene):
    html = staff_client.get(reverse("staff:dashboard")).content.decode()
    quiet = section(html, "quiet")
    assert "沉寂协商议事室" in quiet and "活跃协商议事室" not in quiet
    assert reverse("admin:rooms_room_change", args=[scene["quiet"].pk]) in quiet
    assert "60 天无议事活动" in quiet
    lonely = section(html, "no-convener")
    assert "无人召集协商议事室" in lonely and "沉寂协商议事室" not in lonely
    overdue = section(html, "overdue")
    assert "区住房和城乡建设局" in overdue and "楼道灯长期不亮" in overdue
    assert "尚未到期的问题" not in overdue and "逾期但已解决" not in overdue
    assert reverse("staff:urge", args=[scene["overdue"].pk]) in overdue
    assert scene["overdue"].get_absolute_url() in overdue
    assert 'data-count="overdue">1<' in overdue


@pytest.mark.django_db
def test_the_quiet_threshold_comes_from_the_portal_settings(staff_client, scene):
    settings_row = PortalSettings.load()
    settings_row.quiet_room_days = 120
    settings_row.save()
    quiet = section(staff_client.get(reverse("staff:dashboard")).content.decode(), "quiet")
    assert "沉寂协商议事室" not in quiet and "120 天无议事活动" in quiet


@pytest.mark.django_db
def test_dashboard_shows_the_running_campaign_progress_and_outcomes(staff_client, scene):
    html = staff_client.get(reverse("staff:dashboard")).content.decode()
    campaign = section(html, "campaign")
    assert "2026年民生专题协商议事月" in campaign
    progress = campaign_progress(scene["campaign"])
    assert progress[0]["value"] == 1 and progress[1]["value"] == 25
    assert "议事场次：1 / 4（25.0%）" in campaign
    assert "参与人次：25 / 500" in campaign
    outcomes = section(html, "outcomes")
    assert 'data-figure="adoption_rate">50.0%' in outcomes
    assert 'data-kind="proposal"' in outcomes


@pytest.mark.django_db
def test_dashboard_without_campaign_offers_to_create_one(staff_client, room):
    html = staff_client.get(reverse("staff:dashboard")).content.decode()
    assert "当前没有正在进行的议事月活动" in section(html, "campaign")
    assert reverse("admin:deliberations_campaign_add") in html


@pytest.mark.django_db
def test_dashboard_compares_the_month_with_the_same_month_last_year(staff_client, room):
    now = timezone.localtime()
    SessionFactory(room=room, starts_at=now - datetime.timedelta(minutes=5))
    last_year = now.replace(year=now.year - 1, day=min(now.day, 28))
    SessionFactory(room=room, starts_at=last_year)
    SessionFactory(room=room, starts_at=last_year + datetime.timedelta(hours=1))
    month = section(staff_client.get(reverse("staff:dashboard")).content.decode(), "month")
    row = month[month.index('data-figure="sessions_held"') :]
    row = row[: row.index("</tr>")]
    assert '<td class="num">1</td><td class="num">2</td>' in row and "-1" in row


@pytest.mark.django_db
def test_coverage_gaps_link_to_creating_the_missing_room(staff_client, room):
    from tests.factories import CommunityFactory

    gap = CommunityFactory(name="新建社区", street=room.street)
    html = section(staff_client.get(reverse("staff:dashboard")).content.decode(), "coverage")
    assert "新建社区" in html
    assert f"community={gap.pk}" in html


@pytest.mark.django_db
def test_urge_adds_an_urging_update_to_the_timeline(staff_client, staff, scene):
    issue = scene["overdue"]
    response = staff_client.post(reverse("staff:urge", args=[issue.pk]), {"note": "请于本周内办结"}, follow=True)
    # The confirmation is inside the overdue list, where the redirect lands (#overdue).
    assert response.redirect_chain[-1][0].endswith("#overdue")
    assert "已催办" in section(response.content.decode(), "overdue")
    update = IssueUpdate.objects.get(issue=issue, is_urge=True)
    assert (update.note, update.author, update.occurred_on) == ("请于本周内办结", staff, timezone.localdate())
    html = section(staff_client.get(reverse("staff:dashboard")).content.decode(), "overdue")
    assert timezone.localdate().strftime("%Y年%-m月%-d日") in html  # 上次催办


@pytest.mark.django_db
def test_urging_a_resolved_issue_is_refused_with_a_message(staff_client, scene):
    response = staff_client.post(reverse("staff:urge", args=[scene["done"].pk]), {"note": ""}, follow=True)
    assert "该问题已办结，无需催办" in response.content.decode()
    assert not IssueUpdate.objects.filter(is_urge=True).exists()


@pytest.mark.django_db
def test_urge_ignores_an_offsite_next_url(staff_client, scene):
    response = staff_client.post(
        reverse("staff:urge", args=[scene["overdue"].pk]), {"note": "", "next": "https://evil.example/"}
    )
    assert response["Location"].startswith("/staff/")


@pytest.mark.django_db
def test_dashboard_lists_no_personal_data(staff_client, scene):
    user = UserFactory(username="secret", phone="13800001111")
    ConvenershipFactory(user=user, room=scene["lonely"])
    html = staff_client.get(reverse("staff:dashboard")).content.decode()
    assert "13800001111" not in html
