"""A campaign is judged by its own sessions: its figures count the held sessions tagged with it,
their attendance and the published issues raised in them, and nothing else."""

import datetime

import pytest

from deliberations.models import Session
from figures.selectors import campaign_figures, campaign_progress, campaigns_with_figures
from issues.models import Issue
from tests.factories import (
    TZ,
    AttendanceFactory,
    CampaignFactory,
    CampaignStreetTargetFactory,
    IssueFactory,
    OutcomeFactory,
    ResolvedIssueFactory,
    RoomFactory,
    SectorFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    campaign = CampaignFactory(
        starts_on=datetime.date(2020, 9, 1), ends_on=datetime.date(2020, 9, 30), target_issues_resolved=4
    )
    room_a, room_b = RoomFactory(), RoomFactory()
    sector_room = RoomFactory(level="sector", community=None, street=None, sector=SectorFactory())
    day = datetime.datetime(2020, 9, 10, 9, 0, tzinfo=TZ)
    a1 = SessionFactory(room=room_a, campaign=campaign, kind="campaign", starts_at=day)
    a2 = SessionFactory(room=room_a, campaign=campaign, kind="campaign", starts_at=day + datetime.timedelta(days=1))
    b1 = SessionFactory(room=room_b, campaign=campaign, kind="campaign", starts_at=day)
    s1 = SessionFactory(room=sector_room, campaign=campaign, kind="campaign", starts_at=day)
    # Not the campaign's: a planned session of it, and a held session in its period without the tag.
    SessionFactory(room=room_a, campaign=campaign, status=Session.Status.PLANNED, starts_at=day)
    outside = SessionFactory(room=room_b, starts_at=day)
    for session, headcount in ((a1, 30), (a2, 20), (b1, 15), (s1, 5), (outside, 99)):
        AttendanceFactory(session=session, headcount=headcount)
    reported = datetime.date(2020, 9, 10)
    resolved = dict(reported_on=reported, resolved_on=datetime.date(2020, 9, 20))
    ResolvedIssueFactory(room=room_a, raised_in=a1, **resolved)
    ResolvedIssueFactory(room=room_a, raised_in=a2, **resolved)
    open_b = IssueFactory(room=room_b, raised_in=b1, reported_on=reported)
    ResolvedIssueFactory(room=sector_room, raised_in=s1, **resolved)
    ResolvedIssueFactory(room=room_a, raised_in=a1, is_public=False, **resolved)  # not published
    ResolvedIssueFactory(room=room_b, raised_in=outside, **resolved)  # another session's, same period
    ResolvedIssueFactory(room=room_b, **resolved)  # no session at all, same period
    CampaignStreetTargetFactory(campaign=campaign, street=room_a.street, target_sessions=4, target_person_times=100)
    CampaignStreetTargetFactory(campaign=campaign, street=room_b.street, target_sessions=2, target_person_times=50)
    outcome = OutcomeFactory()
    outcome.sessions.add(a1)
    OutcomeFactory().issues.add(open_b)
    OutcomeFactory().sessions.add(outside)  # another session's outcome
    return {"campaign": campaign, "room_a": room_a, "room_b": room_b, "open_b": open_b}


def test_campaign_figures_count_only_its_own_sessions_and_their_issues(scene):
    figures = campaign_figures(scene["campaign"])
    assert figures.sessions_held == 4
    assert figures.person_times == 70
    assert figures.issues_raised == 4
    assert figures.issues_resolved == 3
    assert figures.outcomes == 2
    resolved = next(item for item in campaign_progress(scene["campaign"]) if item["key"] == "issues_resolved")
    assert (resolved["value"], resolved["target"], resolved["percent"]) == (3, 4, 75.0)


def test_street_rows_add_up_to_the_totals_and_carry_their_targets(scene):
    figures = campaign_figures(scene["campaign"])
    rows = {row["key"]: row for row in figures.streets}
    street_a, street_b = scene["room_a"].street_id, scene["room_b"].street_id
    assert set(rows) == {street_a, street_b, None}
    assert (rows[street_a]["sessions_held"], rows[street_a]["target_sessions"], rows[street_a]["sessions_percent"]) == (
        2,
        4,
        50.0,
    )
    assert (rows[street_b]["person_times"], rows[street_b]["issues_raised"], rows[street_b]["issues_resolved"]) == (
        15,
        1,
        0,
    )
    assert rows[None]["target_sessions"] is None
    for name in ("sessions_held", "person_times", "issues_raised", "issues_resolved"):
        assert sum(row[name] for row in figures.streets) == getattr(figures, name), name


def test_the_list_annotations_agree_with_the_campaign_page(scene):
    other = CampaignFactory(starts_on=datetime.date(2021, 9, 1), ends_on=datetime.date(2021, 9, 30))
    rows = {c.pk: c for c in campaigns_with_figures()}
    figures = campaign_figures(scene["campaign"])
    listed = rows[scene["campaign"].pk]
    for name in ("sessions_held", "person_times", "issues_raised", "issues_resolved", "outcomes"):
        assert getattr(listed, name) == getattr(figures, name), name
        assert getattr(rows[other.pk], name) == 0


def test_figures_are_exact_right_after_a_write(scene, django_assert_max_num_queries):
    campaign = scene["campaign"]
    assert campaign_figures(campaign).issues_resolved == 3
    Issue.objects.filter(pk=scene["open_b"].pk).update(
        status=Issue.Status.RESOLVED, resolved_on=datetime.date(2020, 9, 25)
    )
    assert campaign_figures(campaign).issues_resolved == 4
    session = SessionFactory(
        room=scene["room_b"], campaign=campaign, starts_at=datetime.datetime(2020, 9, 12, tzinfo=TZ)
    )
    AttendanceFactory(session=session, headcount=7)
    after = campaign_figures(campaign)
    assert (after.sessions_held, after.person_times) == (5, 77)
    with django_assert_max_num_queries(7):
        campaign_figures(campaign)
