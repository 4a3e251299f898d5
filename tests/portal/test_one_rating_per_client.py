"""One rating per issue and client: rating again replaces the earlier rating (an update, not a
new row), so one client cannot stuff the satisfaction figures; the issue page, the room page and
the district summary keep counting the same ratings."""

import importlib
import re
from types import SimpleNamespace

import pytest
from django.db import IntegrityError, transaction

from figures.selectors import issue_satisfaction, satisfaction_summary
from issues.models import Feedback, FollowUpVisit
from issues.services import feedback_submit
from tests.factories import FeedbackFactory, ResolvedIssueFactory, UserFactory

pytestmark = pytest.mark.django_db

REPLACED = "您之前对本问题的评价已被这次的评价替换"


def _rate(client, issue, rating, **meta):
    return client.post(issue.get_absolute_url(), {"rating": rating, "note": f"第{rating}次"}, follow=True, **meta)


def _figure(html, name):
    return re.search(rf'data-figure="{name}">([^<]*)', html).group(1)


def test_five_dissatisfied_from_one_client_count_once(client, world):
    issue = world.resolved  # the world has one satisfied and one dissatisfied rating
    first = _rate(client, issue, "dissatisfied")
    assert "它已计入本问题和议事室的满意率" in first.content.decode()
    for _n in range(4):
        response = _rate(client, issue, "dissatisfied")
        assert REPLACED in response.content.decode()
    assert Feedback.objects.filter(issue=issue).count() == 3
    satisfaction = issue_satisfaction(issue)
    assert (satisfaction["total"], satisfaction["positive"], satisfaction["rate"]) == (3, 1, 33.3)
    html = client.get(issue.get_absolute_url()).content.decode()
    assert "满意率 33.3%（共 3 条评价）" in html
    room_html = client.get(issue.room.get_absolute_url()).content.decode()
    assert _figure(room_html, "satisfaction_rate").startswith("33.3")
    assert "（3&nbsp;" in room_html  # the count kept with its unit
    assert satisfaction_summary()["total"] == Feedback.objects.public().count()


def test_a_new_rating_replaces_the_earlier_one(client, world):
    issue = world.resolved
    _rate(client, issue, "dissatisfied")
    mine = Feedback.objects.filter(issue=issue).order_by("-pk").first()
    response = _rate(client, issue, "satisfied")
    assert REPLACED in response.content.decode()
    mine_after = Feedback.objects.get(pk=mine.pk)  # the same row, updated
    assert (mine_after.rating, mine_after.note) == ("satisfied", "第satisfied次")
    assert Feedback.objects.filter(issue=issue).count() == 3
    # Another resident (another address) adds a rating of their own.
    _rate(client, issue, "mostly", REMOTE_ADDR="10.1.2.3")
    assert Feedback.objects.filter(issue=issue).count() == 4


def test_a_logged_in_resident_is_one_client_wherever_they_are(client, world):
    issue = world.resolved
    resident = UserFactory()
    client.force_login(resident)
    _rate(client, issue, "dissatisfied", REMOTE_ADDR="10.0.0.1")
    response = _rate(client, issue, "mostly", REMOTE_ADDR="10.0.0.2")
    assert REPLACED in response.content.decode()
    mine = Feedback.objects.get(issue=issue, user=resident)
    assert mine.rating == "mostly" and mine.ip_hash == ""
    assert Feedback.objects.filter(issue=issue).count() == 3


def test_the_database_refuses_a_second_rating_from_one_client():
    issue = ResolvedIssueFactory()
    FeedbackFactory(issue=issue, ip_hash="a" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(issue=issue, rating="dissatisfied", ip_hash="a" * 64)
    user = UserFactory()
    FeedbackFactory(issue=issue, user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(issue=issue, rating="dissatisfied", user=user)
    # Ratings without any client mark (entered by staff, older data) are not constrained.
    FeedbackFactory(issue=issue)
    FeedbackFactory(issue=issue)
    assert Feedback.objects.filter(issue=issue).count() == 4


def test_repeated_dissatisfied_keeps_one_follow_up_until_visited(convener, room):
    issue = ResolvedIssueFactory(room=room)
    first = feedback_submit(issue=issue, rating="dissatisfied", ip_hash="b" * 64)
    again = feedback_submit(issue=issue, rating="dissatisfied", note="还是不行", ip_hash="b" * 64)
    assert (first.pk, first.replaced_earlier, again.replaced_earlier) == (again.pk, False, True)
    assert FollowUpVisit.objects.filter(issue=issue).count() == 1
    visit = FollowUpVisit.objects.get(issue=issue)
    visit.result, visit.note, visit.visited_on = "satisfied", "上门回访", issue.resolved_on
    visit.save()
    feedback_submit(issue=issue, rating="dissatisfied", note="又坏了", ip_hash="b" * 64)
    assert FollowUpVisit.objects.filter(issue=issue).count() == 2  # visited already: a new 回访
    assert FollowUpVisit.objects.get(issue=issue, result="").feedback_id == first.pk


def test_the_migration_keeps_the_latest_rating_per_client():
    """The data step of the migration, on rows as they were before the constraint (the test
    drops the constraint's index, runs the step, and creates the index again)."""
    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("issues.migrations.0004_one_rating_per_client")
    constraint = next(c for c in Feedback._meta.constraints if c.name == "feedback_one_per_client_ip")
    issue, other_issue = ResolvedIssueFactory(), ResolvedIssueFactory()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {constraint.name}")
        older = [FeedbackFactory(issue=issue, rating="dissatisfied", ip_hash="c" * 64) for _n in range(4)]
        latest = FeedbackFactory(issue=issue, rating="mostly", ip_hash="c" * 64)
        kept = [
            FeedbackFactory(issue=issue, ip_hash="d" * 64),
            FeedbackFactory(issue=other_issue, ip_hash="c" * 64),
            FeedbackFactory(issue=issue),  # no client mark: not deduplicated
            FeedbackFactory(issue=issue),
        ]
        visit = FollowUpVisit.objects.create(issue=issue, feedback=older[0])
        migration.keep_the_latest_rating_per_client(
            apps, SimpleNamespace(connection=connection, execute=cursor.execute)
        )
        cursor.execute(str(constraint.create_sql(Feedback, connection.schema_editor())))
    remaining = set(Feedback.objects.filter(issue__in=[issue, other_issue]).values_list("pk", flat=True))
    assert remaining == {latest.pk, *(row.pk for row in kept)}
    visit.refresh_from_db()
    assert visit.feedback_id is None  # the 回访 stays on record
