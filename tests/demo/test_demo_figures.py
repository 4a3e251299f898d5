"""The demo district holds the article's figures as of its day, and keeps going up to the day
it is loaded."""

import datetime

import pytest
from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from backoffice.selectors import issues_overdue, quiet_since, rooms_quiet
from deliberations.models import Session
from demo.checkins import TODAY_TOPIC
from demo.loader import ARTICLE_DATE, LATER_REPORT_EVERY_DAYS, LATER_VISIT_EVERY_DAYS, load_demo
from figures.models import MediaReport, Visit
from figures.selectors import district_totals
from issues.models import Issue
from rooms.models import Room

pytestmark = pytest.mark.slow  # each test loads the demo district


@pytest.mark.django_db
def test_figures_as_of_the_article_day_are_the_articles():
    """“至今年8月中旬”: 205 rooms, 550余 sessions, 25000余 person-times, 300余 resolved issues;
    100余 reports by central and provincial media and 60余 delegations by then. “余” keeps each
    figure below the next round number."""
    load_demo()
    then = district_totals(as_of=ARTICLE_DATE)
    # The home page's “截至2020年8月中旬” column is this day's figures.
    assert ARTICLE_DATE == datetime.date(2020, 8, 15) == settings.FIGURES_REPORTED_AS_OF
    assert then.rooms_active == 205
    assert (then.street_coverage, then.community_coverage, then.sector_coverage) == (100, 100, 100)
    assert 550 <= then.sessions_held < 600
    assert 25000 <= then.person_times < 30000
    assert 300 <= then.issues_resolved < 400
    assert 100 <= then.media_reports_central_provincial < 200
    assert 60 <= then.visits < 70
    # City-level reports exist, and the article's figure leaves them out.
    assert then.media_reports > then.media_reports_central_provincial
    assert MediaReport.objects.filter(level="municipal", published_on__lte=ARTICLE_DATE).exists()


@pytest.mark.django_db
def test_activity_reaches_the_day_the_demo_is_loaded():
    load_demo()
    today = timezone.localdate()
    last_held = Session.objects.held().aggregate(last=Max("starts_at"))["last"]
    assert timezone.localtime(last_held).date() == today - datetime.timedelta(days=1)
    last_report = MediaReport.objects.aggregate(last=Max("published_on"))["last"]
    assert today - datetime.timedelta(days=LATER_REPORT_EVERY_DAYS) <= last_report < today
    last_visit = Visit.objects.aggregate(last=Max("visited_on"))["last"]
    assert today - datetime.timedelta(days=LATER_VISIT_EVERY_DAYS) <= last_visit < today

    live, then = district_totals(), district_totals(as_of=ARTICLE_DATE)
    assert live.sessions_held > then.sessions_held and live.person_times > then.person_times
    assert live.media_reports_central_provincial > then.media_reports_central_provincial
    assert live.visits > then.visits
    # Every room has met since the article, and the dashboard's quiet list is not the whole district.
    after = Session.objects.held().filter(starts_at__date__gt=ARTICLE_DATE)
    assert after.values("room").distinct().count() == Room.objects.count()
    quiet = rooms_quiet(quiet_since()).count()
    assert 0 < quiet < Room.objects.active().count() * 3 // 4
    # Issues keep being raised and resolved; the later ones are handled within their deadline.
    later_issues = Issue.objects.filter(reported_on__gt=ARTICLE_DATE + datetime.timedelta(days=60))
    assert later_issues.resolved().filter(resolved_on__gte=today - datetime.timedelta(days=60)).exists()
    assert not issues_overdue(today).filter(pk__in=later_issues).exists()
    assert live.issues_resolved > then.issues_resolved


@pytest.mark.django_db
def test_a_later_load_adds_only_the_days_since():
    """The later activity sits on a fixed calendar grid: loading again ten days later keeps every
    earlier record and adds the ten days' sessions."""
    first_day = datetime.date(2024, 3, 1)
    load_demo(today=first_day)
    # The check-in demo adds a session on the day of each load (demo/checkins.py): not on the grid.
    on_the_grid = Session.objects.exclude(topic=TODAY_TOPIC)
    before = set(on_the_grid.values_list("room_id", "starts_at"))
    load_demo(today=first_day + datetime.timedelta(days=10))
    after = set(on_the_grid.values_list("room_id", "starts_at"))
    assert before < after
    added = after - before
    assert len(added) == 10
    assert all(
        first_day <= timezone.localtime(starts_at).date() < first_day + datetime.timedelta(days=10)
        for _room, starts_at in added
    )
