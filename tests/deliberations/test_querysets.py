"""The sessions' QuerySet words, and the one place person-times are summed."""

import datetime
import re
from pathlib import Path

import pytest

from deliberations.models import Attendance, Session

from ..factories import AttendanceFactory, SessionFactory

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {".venv", "tests", "migrations", "node_modules", ".git", "static"}
TZ = datetime.timezone(datetime.timedelta(hours=8))


def source_files():
    """The project's own Python files, tests and migrations left out."""
    for path in ROOT.rglob("*.py"):
        if not SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts):
            yield path


@pytest.fixture
def sessions(db):
    held = SessionFactory()
    AttendanceFactory(session=held, role=Attendance.Role.RESIDENT, headcount=20)
    AttendanceFactory(session=held, role=Attendance.Role.CPPCC_MEMBER, headcount=3)
    quiet = SessionFactory()  # held, nobody recorded
    planned = SessionFactory(status=Session.Status.PLANNED, starts_at=datetime.datetime(2030, 1, 1, 9, tzinfo=TZ))
    AttendanceFactory(session=planned, role=Attendance.Role.RESIDENT, headcount=50)
    return {"held": held, "quiet": quiet, "planned": planned}


def test_held_and_planned_split_the_sessions(sessions):
    assert set(Session.objects.held()) == {sessions["held"], sessions["quiet"]}
    assert list(Session.objects.planned()) == [sessions["planned"]]


def test_with_person_times_equals_the_sum_of_each_sessions_headcounts(sessions, django_assert_num_queries):
    with django_assert_num_queries(1):
        annotated = {session.pk: session.person_times for session in Session.objects.with_person_times()}
    expected = {
        session.pk: sum(row.headcount for row in Attendance.objects.filter(session=session))
        for session in Session.objects.all()
    }
    assert annotated == expected == {sessions["held"].pk: 23, sessions["quiet"].pk: 0, sessions["planned"].pk: 50}


def test_with_person_times_chains_after_held(sessions):
    assert {s.pk: s.person_times for s in Session.objects.held().with_person_times()} == {
        sessions["held"].pk: 23,
        sessions["quiet"].pk: 0,
    }


def test_attendance_held_and_its_person_times(sessions):
    assert set(Attendance.objects.held().values_list("session", flat=True)) == {sessions["held"].pk}
    assert Attendance.objects.held().person_times() == 23
    assert Attendance.objects.person_times() == 73
    assert Attendance.objects.none().person_times() == 0


def test_person_times_are_summed_in_exactly_one_place():
    hits = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in source_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if 'Sum("headcount")' in line
    ]
    assert len(hits) == 1, hits
    assert hits[0].startswith("deliberations/models.py:")


def test_held_is_written_once():
    """Filters use `Session.objects.held()` or `Session.held_q(prefix)`, never `status=...HELD` by hand."""
    pattern = re.compile(r"(filter|exclude)\([^)]*status=Session\.Status\.HELD|__status=Session\.Status\.HELD")
    hits = [str(path.relative_to(ROOT)) for path in source_files() if pattern.search(path.read_text(encoding="utf-8"))]
    assert hits == []
