import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection

from demo.loader import load_demo

from .factories import (
    ConvenershipFactory,
    IssueCategoryFactory,
    RoomFactory,
    StaffFactory,
    SuperuserFactory,
    UserFactory,
)
from .queries import QueryPins

DEMO_FIXTURES = {"demo", "demo_site"}  # fixtures that load the demo district (a few seconds each)


def pytest_collection_modifyitems(items):
    """A test that loads the demo district is slow: `make test-fast` leaves it out."""
    for item in items:
        if DEMO_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache: no figures or rate-limit counters leak between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def room(db):
    return RoomFactory()


@pytest.fixture
def other_room(db):
    return RoomFactory()


@pytest.fixture
def convener(db, room):
    user = UserFactory(username="convener-a")
    ConvenershipFactory(user=user, room=room)
    return user


@pytest.fixture
def other_convener(db, other_room):
    user = UserFactory(username="convener-b")
    ConvenershipFactory(user=user, room=other_room)
    return user


@pytest.fixture
def staff(db):
    return StaffFactory(username="staff-member")


@pytest.fixture
def superuser(db):
    return SuperuserFactory(username="root-user")


@pytest.fixture
def users_by_role(db, room, convener, other_convener, staff, superuser):
    """One user for each role of tests/roles.py."""
    inactive = UserFactory(username="convener-inactive", is_active=False)
    ConvenershipFactory(user=inactive, room=room)
    return {
        "anonymous": AnonymousUser(),
        "resident": UserFactory(username="resident"),
        "convener": convener,
        "other_convener": other_convener,
        "staff": staff,
        "superuser": superuser,
        "inactive_convener": inactive,
    }


@pytest.fixture
def category(db):
    return IssueCategoryFactory(name="停车管理")


@pytest.fixture
def demo(db):
    """The demo district at 1x, loaded into this test's transaction. On PostgreSQL the tables
    are analysed too: autovacuum cannot see rows a transaction has not committed, and with the
    statistics of empty tables the planner joins thousands of rows by nested loops."""
    load_demo(scale=1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


@pytest.fixture
def query_pins(django_assert_max_num_queries):
    """Measure pinned query counts, the same at 1x and 10x the demo data (tests/queries.py)."""
    return QueryPins(django_assert_max_num_queries)
