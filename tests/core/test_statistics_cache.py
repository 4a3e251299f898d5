"""The statistics cache never writes to the cache inside a write's transaction (a row lock there
would queue every other write behind it), readers in that transaction still see fresh figures,
and the generation changes when the transaction commits (or not at all when it rolls back)."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from core.cache import GENERATION_KEY, current_generation, writes_pending
from figures.selectors import district_totals
from tests.factories import MediaReportFactory


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
