"""The district statistics selectors count what the public may see."""

import datetime

import pytest
from django.utils import timezone

from figures.selectors import campaign_progress, district_totals
from rooms.models import Room
from tests.factories import (
    AttendanceFactory,
    CampaignFactory,
    IssueFactory,
    MediaReportFactory,
    ResolvedIssueFactory,
    RoomFactory,
    SessionFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db


def test_campaign_progress_counts_published_issues_of_its_own_sessions_only():
    campaign = CampaignFactory()
    session = SessionFactory(campaign=campaign)
    day = campaign.starts_on
    ResolvedIssueFactory(resolved_on=day, reported_on=day, raised_in=session)
    ResolvedIssueFactory(resolved_on=day, reported_on=day, raised_in=session, is_public=False)
    ResolvedIssueFactory(resolved_on=day, reported_on=day)  # resolved in the period, not raised in it
    resolved = next(item for item in campaign_progress(campaign) if item["label"] == "解决问题")
    assert resolved["value"] == 1


def test_district_totals_as_of_a_day_count_up_to_the_end_of_that_day():
    """The same selector with a date bound: each figure counts what had happened by the end of
    the day (Asia/Shanghai), by the live figures' rules; the live figures count everything."""
    day = datetime.date(2020, 8, 15)
    shanghai = timezone.get_default_timezone()
    early = RoomFactory(established_on=datetime.date(2019, 5, 1))
    RoomFactory(established_on=day + datetime.timedelta(days=1))  # built after the day
    late_night = SessionFactory(room=early, starts_at=datetime.datetime(2020, 8, 15, 23, 30, tzinfo=shanghai))
    AttendanceFactory(session=late_night, headcount=30)
    AttendanceFactory(session=late_night, role="cppcc_member", headcount=2)
    next_morning = SessionFactory(room=early, starts_at=datetime.datetime(2020, 8, 16, 0, 30, tzinfo=shanghai))
    AttendanceFactory(session=next_morning, headcount=40)
    SessionFactory(room=early, status="planned", starts_at=datetime.datetime(2020, 8, 1, 9, 0, tzinfo=shanghai))
    ResolvedIssueFactory(room=early, reported_on=datetime.date(2020, 8, 1), resolved_on=day)
    ResolvedIssueFactory(room=early, reported_on=datetime.date(2020, 8, 1), resolved_on=day, is_public=False)
    ResolvedIssueFactory(room=early, reported_on=datetime.date(2020, 8, 1), resolved_on=day + datetime.timedelta(1))
    ResolvedIssueFactory(
        room=early, reported_on=day + datetime.timedelta(days=2), resolved_on=datetime.date(2020, 9, 1)
    )
    # Months before the day's month come from the street-month rollups.
    ResolvedIssueFactory(room=early, reported_on=datetime.date(2020, 7, 10), resolved_on=datetime.date(2020, 7, 20))
    ResolvedIssueFactory(room=early, reported_on=datetime.date(2020, 7, 10), resolved_on=day + datetime.timedelta(1))
    IssueFactory(room=early, reported_on=datetime.date(2020, 6, 1))
    IssueFactory(room=early, reported_on=datetime.date(2020, 6, 1), is_public=False)
    MediaReportFactory(level="central", published_on=day)
    MediaReportFactory(level="provincial", published_on=day)
    MediaReportFactory(level="municipal", published_on=day)
    MediaReportFactory(level="central", published_on=day + datetime.timedelta(days=1))
    VisitFactory(visited_on=day)
    VisitFactory(visited_on=day + datetime.timedelta(days=1))

    then = district_totals(as_of=day)
    assert then.as_of == day
    assert then.rooms_active == 1
    assert (then.communities_total, then.communities_covered) == (2, 1)
    assert then.sessions_held == 1 and then.person_times == 32
    assert then.issues_total == 5 and then.issues_resolved == 2
    assert then.media_reports == 3 and then.media_reports_central_provincial == 2
    assert then.visits == 1

    now = district_totals()
    assert now.as_of is None
    assert now.rooms_active == Room.objects.count() == 2
    assert now.sessions_held == 2 and now.person_times == 72
    assert now.issues_total == 6 and now.issues_resolved == 5
    assert now.media_reports == 4 and now.media_reports_central_provincial == 3
    assert now.visits == 2


def test_district_totals_as_of_today_equal_the_live_figures():
    """The date-bound count from the rows and the live count from the rollups agree."""
    AttendanceFactory(session=SessionFactory(), headcount=12)
    ResolvedIssueFactory()
    MediaReportFactory(level="municipal")
    VisitFactory()
    future = timezone.localdate() + datetime.timedelta(days=1)
    fields = ("rooms_active", "communities_covered", "sessions_held", "person_times", "issues_total")
    fields += ("issues_resolved", "media_reports", "media_reports_central_provincial", "visits")
    live, bounded = district_totals(), district_totals(as_of=future)
    assert {name: getattr(bounded, name) for name in fields} == {name: getattr(live, name) for name in fields}
