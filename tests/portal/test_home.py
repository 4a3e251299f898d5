"""The home page shows the district's figures, each equal to an independent count."""

import datetime

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deliberations.models import Attendance, Session
from figures.models import MediaReport, Visit
from figures.selectors import district_totals
from issues.models import Issue
from rooms.models import Community, Room, Sector, Street
from tests.factories import AttendanceFactory, ResolvedIssueFactory, SessionFactory

HOME_MAX_QUERIES = 21  # the live figures, the same figures as of the reported day (FIGURES_REPORTED_AS_OF: its
# sessions and issues from the rollups and the raw rows of its month), a few model cases


def figure(html, name):
    """The text of the element marked data-figure="name", digits only."""
    marker = f'data-figure="{name}">'
    start = html.index(marker) + len(marker)
    text = html[start : html.index("<", start)]
    return text.replace(",", "").replace("%", "").strip()


@pytest.mark.django_db
def test_home_shows_each_figure_equal_to_an_independent_count(client, demo):
    html = client.get(reverse("portal:home")).content.decode()

    assert int(figure(html, "rooms_active")) == Room.objects.filter(is_active=True).count()
    assert int(figure(html, "sessions_held")) == Session.objects.filter(status="held").count()
    person_times = Attendance.objects.filter(session__status="held").aggregate(s=Sum("headcount"))["s"]
    assert int(figure(html, "person_times")) == person_times
    resolved = Issue.objects.filter(status="resolved", is_public=True).count()
    assert int(figure(html, "issues_resolved")) == resolved
    central_provincial = MediaReport.objects.filter(level__in=["central", "provincial"]).count()
    assert int(figure(html, "media_reports_central_provincial")) == central_provincial
    assert int(figure(html, "visits")) == Visit.objects.count()

    covered_streets = Street.objects.filter(rooms__level="street", rooms__is_active=True).distinct().count()
    covered_communities = Community.objects.filter(rooms__level="community", rooms__is_active=True).distinct().count()
    covered_sectors = Sector.objects.filter(rooms__level="sector", rooms__is_active=True).distinct().count()
    assert float(figure(html, "street_coverage")) == pytest.approx(100 * covered_streets / Street.objects.count())
    assert float(figure(html, "community_coverage")) == pytest.approx(
        100 * covered_communities / Community.objects.count()
    )
    assert float(figure(html, "sector_coverage")) == pytest.approx(100 * covered_sectors / Sector.objects.count())


@pytest.mark.django_db
def test_demo_district_reproduces_the_article(client, demo):
    """205 rooms and full coverage as the article reports; the rest at least its '余' figures."""
    html = client.get(reverse("portal:home")).content.decode()
    assert figure(html, "rooms_active") == "205"
    assert figure(html, "street_coverage") == "100.0"
    assert figure(html, "community_coverage") == "100.0"
    assert figure(html, "sector_coverage") == "100.0"
    assert int(figure(html, "sessions_held")) >= 550
    assert int(figure(html, "person_times")) >= 25000
    assert int(figure(html, "issues_resolved")) >= 300
    assert int(figure(html, "media_reports_central_provincial")) >= 100
    assert int(figure(html, "visits")) >= 60
    assert "统计时间" in html
    assert "年" in html and "月" in html


@pytest.mark.django_db
def test_home_lists_latest_resolved_issues_and_upcoming_sessions(client, room):
    issue = ResolvedIssueFactory(room=room, title="菜市场熟食摊点卫生整治", resolved_on=datetime.date(2020, 8, 1))
    hidden = ResolvedIssueFactory(room=room, title="不公开的问题", is_public=False)
    planned = SessionFactory(
        room=room,
        status=Session.Status.PLANNED,
        topic="下周议题预告",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    past_plan = SessionFactory(
        room=room,
        status=Session.Status.PLANNED,
        topic="过期的计划",
        starts_at=timezone.now() - datetime.timedelta(days=3),
    )
    html = client.get(reverse("portal:home")).content.decode()
    assert issue.title in html and issue.get_absolute_url() in html
    assert "2020年8月1日" in html
    assert hidden.title not in html
    assert planned.topic in html
    assert past_plan.topic not in html


@pytest.mark.django_db
def test_home_figures_follow_a_write_at_once(client, room):
    """Cached figures are dropped on every write: never stale."""
    session = SessionFactory(room=room)
    AttendanceFactory(session=session, headcount=7)
    first = client.get(reverse("portal:home")).content.decode()
    assert figure(first, "person_times") == "7"
    AttendanceFactory(session=session, role=Attendance.Role.CPPCC_MEMBER, headcount=5)
    second = client.get(reverse("portal:home")).content.decode()
    assert figure(second, "person_times") == "12"
    assert figure(second, "sessions_held") == "1"


@pytest.mark.django_db
def test_home_caches_its_figures(client, demo, django_assert_max_num_queries):
    client.get(reverse("portal:home"))
    with CaptureQueriesContext(connection) as second:
        client.get(reverse("portal:home"))
    # The figures come from the cache: only the lists and the campaign are read.
    assert len(second) <= 3


@pytest.mark.django_db
@pytest.mark.slow
def test_home_query_count_is_pinned_and_the_same_at_1x_and_10x(client, query_pins):
    def measure():  # the cache as a visitor finds it after the demo was loaded
        return query_pins.count(client, reverse("portal:home"), HOME_MAX_QUERIES, cold_cache=False)

    query_pins.same_at_1x_and_10x(lambda: {"home": measure()})


@pytest.mark.django_db
def test_upcoming_sessions_name_the_room_once(client, world):
    import datetime

    from django.utils import timezone

    from deliberations.models import Session
    from tests.factories import SessionFactory

    SessionFactory(
        room=world.room,
        topic=world.room.name,
        place=world.room.name,
        status=Session.Status.PLANNED,
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    html = client.get("/").content.decode()
    assert f"{world.room.name} · {world.room.name}" not in html
    assert html.count(f">{world.room.name}</a>") >= 1


def figure_as_of(html, name):
    """The text of the element marked data-figure-as-of="name", digits only."""
    marker = f'data-figure-as-of="{name}">'
    start = html.index(marker) + len(marker)
    return html[start : html.index("<", start)].replace(",", "").strip()


@pytest.mark.django_db
def test_home_states_the_as_of_rule_of_each_figure(client, room, settings):
    """Today's figures say “截至今日”; beside them, the same figures as of the reported day come from
    the same selector with that date bound, under a heading that names the day's part of the month."""
    settings.FIGURES_REPORTED_AS_OF = datetime.date(2020, 8, 15)
    before = SessionFactory(
        room=room, starts_at=datetime.datetime(2020, 8, 10, 9, 0, tzinfo=timezone.get_default_timezone())
    )
    AttendanceFactory(session=before, headcount=30)
    after = SessionFactory(
        room=room, starts_at=datetime.datetime(2021, 3, 1, 9, 0, tzinfo=timezone.get_default_timezone())
    )
    AttendanceFactory(session=after, headcount=20)
    html = client.get(reverse("portal:home")).content.decode()

    today = timezone.localdate()
    assert f"截至今日（{today.year}年{today.month}月{today.day}日）" in html
    assert html.count("截至2020年8月中旬") == 2  # the heading and the table's column
    assert 'data-as-of="2020-08-15"' in html
    then = district_totals(as_of=datetime.date(2020, 8, 15))
    for name in ("rooms_active", "sessions_held", "person_times", "issues_resolved", "visits"):
        assert int(figure_as_of(html, name)) == getattr(then, name)
    assert int(figure_as_of(html, "media_reports_central_provincial")) == then.media_reports_central_provincial
    assert figure_as_of(html, "sessions_held") == "1" and figure(html, "sessions_held") == "2"
    assert figure_as_of(html, "person_times") == "30" and figure(html, "person_times") == "50"

    settings.FIGURES_REPORTED_AS_OF = None
    html = client.get(reverse("portal:home")).content.decode()
    assert "data-figure-as-of" not in html and "截至今日" in html


@pytest.mark.django_db
@pytest.mark.parametrize("hour", [9, 15])
def test_english_times_end_with_one_full_stop(client, room, hour):
    """Django's English "P" format ends in "a.m."/"p.m."; a sentence must not add its own full
    stop after it ("p.m.."), on the home page nor on the statistics page."""
    day = timezone.localdate() + datetime.timedelta(days=3)
    starts = datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=timezone.get_default_timezone())
    SessionFactory(room=room, status=Session.Status.PLANNED, topic="下周议题预告", starts_at=starts)
    for url in (reverse("portal:home"), reverse("portal:stats")):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "a.m.." not in html and "p.m.." not in html
    html = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ("a.m." if hour < 12 else "p.m.") in html or "noon" in html
