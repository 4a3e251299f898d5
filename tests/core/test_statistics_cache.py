"""The statistics cache never writes to the cache inside a write's transaction (a row lock there
would queue every other write behind it), readers in that transaction still see fresh figures,
and the generation changes when the transaction commits (or not at all when it rolls back)."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from core.cache import GENERATION_KEY, current_generation, writes_pending
from figures.selectors import district_totals
from tests.factories import MediaReportFactory, ResolvedIssueFactory


def _generation_sets(spy):
    return [call for call in spy.call_args_list if call.args and call.args[0] == GENERATION_KEY]


@pytest.mark.django_db(transaction=True)
def test_generation_changes_after_commit_and_never_inside_the_transaction():
    before = district_totals().media_reports
    generation = current_generation()
    with mock.patch.object(cache, "set", wraps=cache.set) as spy:
        with transaction.atomic():
            MediaReportFactory()
            assert writes_pending()
            assert not _generation_sets(spy)  # nothing touches the generation before the commit
            assert district_totals().media_reports == before + 1  # fresh inside the transaction
            assert cache.get(GENERATION_KEY) == generation
        assert len(_generation_sets(spy)) == 1  # once, on commit, however many rows were written
    assert not writes_pending()
    assert current_generation() != generation
    assert district_totals().media_reports == before + 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_leaves_the_generation_and_the_cache_alone():
    before = district_totals().media_reports
    generation = current_generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        MediaReportFactory()
        assert district_totals().media_reports == before + 1
        raise RuntimeError
    assert not writes_pending()
    assert current_generation() == generation
    assert district_totals().media_reports == before


@pytest.mark.django_db
def test_inside_a_test_transaction_the_end_of_the_block_counts_as_its_commit():
    """Tests run inside a transaction that never commits: the end of the code's own block is
    taken as its commit, so figures stay exact in tests too."""
    generation = current_generation()
    with transaction.atomic():
        MediaReportFactory()
        assert cache.get(GENERATION_KEY) == generation
    assert not writes_pending()
    assert current_generation() != generation


def _rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, value, expires FROM stats_cache ORDER BY cache_key")
        return cursor.fetchall()


@pytest.mark.django_db(transaction=True)
def test_with_the_database_cache_no_cache_row_is_written_inside_a_write_transaction():
    database_cache = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "stats_cache"}}
    with override_settings(CACHES=database_cache):
        call_command("createcachetable", verbosity=0)
        try:
            district_totals()  # the generation row and the figures are stored outside transactions
            rows_before = _rows()
            generation = current_generation()
            with transaction.atomic():
                MediaReportFactory()
                district_totals()
                assert _rows() == rows_before  # no row inserted or updated (so none locked)
            assert current_generation() != generation
        finally:
            cache.clear()


# ---- the issue figures' own token ------------------------------------------------------------


@pytest.mark.django_db
def test_a_session_logged_leaves_the_issue_figures_cached(django_assert_num_queries):
    """Sessions, attendance, photos, media reports and visits cannot change the figures computed
    from issues and ratings alone: those stay cached, while the totals are recomputed."""
    from figures.selectors import breakdown_by_category, breakdown_by_department, satisfaction_summary
    from tests.factories import AttendanceFactory, SessionFactory, VisitFactory

    ResolvedIssueFactory()
    figures = (breakdown_by_category(), breakdown_by_department(), satisfaction_summary())
    sessions = district_totals().sessions_held
    with transaction.atomic():
        AttendanceFactory(session=SessionFactory(), headcount=12)
    MediaReportFactory()
    VisitFactory()
    with django_assert_num_queries(0):
        assert (breakdown_by_category(), breakdown_by_department(), satisfaction_summary()) == figures
    assert district_totals().sessions_held == sessions + 1


@pytest.mark.django_db
def test_an_issue_or_a_rating_replaces_the_issue_figures():
    from figures.selectors import breakdown_by_category, satisfaction_summary
    from tests.factories import FeedbackFactory

    issue = ResolvedIssueFactory()
    total = sum(row["issues_total"] for row in breakdown_by_category())
    ratings = satisfaction_summary()["total"]
    ResolvedIssueFactory(category=issue.category)
    assert sum(row["issues_total"] for row in breakdown_by_category()) == total + 1
    FeedbackFactory(issue=issue)
    assert satisfaction_summary()["total"] == ratings + 1


@pytest.mark.django_db(transaction=True)
def test_a_transaction_writing_a_session_and_an_issue_replaces_both_tokens():
    """The session's write would leave the issue figures alone; the issue written in the same
    transaction must not: the token is replaced once, at the commit, if any write needed it."""
    from core.cache import ISSUE_FIGURES_KEY
    from figures.selectors import breakdown_by_category
    from tests.factories import SessionFactory

    issue = ResolvedIssueFactory()
    total = sum(row["issues_total"] for row in breakdown_by_category())
    issue_token = current_generation(ISSUE_FIGURES_KEY)
    with transaction.atomic():
        SessionFactory()
        ResolvedIssueFactory(category=issue.category)
        SessionFactory()
    assert current_generation(ISSUE_FIGURES_KEY) != issue_token
    assert sum(row["issues_total"] for row in breakdown_by_category()) == total + 1


@pytest.mark.django_db(transaction=True)
def test_the_session_service_keeps_the_issue_token_and_replaces_the_pages_one():
    from core.cache import ISSUE_FIGURES_KEY
    from deliberations.models import Session
    from deliberations.services import session_save
    from tests.factories import ConvenershipFactory

    membership = ConvenershipFactory()
    pages, issues = current_generation(), current_generation(ISSUE_FIGURES_KEY)
    session = Session(room=membership.room, topic="楼道堆物清理", starts_at=timezone.now(), place="议事室")
    session_save(session=session, author=membership.user, attendance={"resident": 20})
    assert current_generation() != pages
    assert current_generation(ISSUE_FIGURES_KEY) == issues
