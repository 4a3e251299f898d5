"""The database itself refuses more named CPPCC members than the headcount of role 政协委员
(triggers from members/migrations), on SQLite and on PostgreSQL: run this file once with
DATABASE_URL pointing at PostgreSQL too."""

import pytest
from django.db import IntegrityError, connection, transaction

from deliberations.models import Attendance, Session
from deliberations.services import session_delete
from tests.factories import AttendanceFactory, SessionFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

MEMBER = Attendance.Role.CPPCC_MEMBER


def _members(count):
    return [UserFactory(is_cppcc_member=True) for _ in range(count)]


def _refused(write):
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_triggers_exist_on_this_database():
    assert connection.vendor in ("sqlite", "postgresql")


def test_naming_more_members_than_the_headcount_is_refused():
    session = SessionFactory()
    AttendanceFactory(session=session, role=MEMBER, headcount=2)
    first, second, third = _members(3)
    session.cppcc_members.add(first, second)  # two named, two counted: fine
    _refused(lambda: session.cppcc_members.add(third))
    assert session.cppcc_members.count() == 2


def test_a_member_named_without_any_member_headcount_is_refused():
    session = SessionFactory()
    AttendanceFactory(session=session, role=Attendance.Role.RESIDENT, headcount=30)
    (member,) = _members(1)
    _refused(lambda: session.cppcc_members.add(member))
    assert not session.cppcc_members.exists()


def test_lowering_or_deleting_the_headcount_below_the_named_members_is_refused():
    session = SessionFactory()
    row = AttendanceFactory(session=session, role=MEMBER, headcount=3)
    session.cppcc_members.add(*_members(2))
    _refused(lambda: Attendance.objects.filter(pk=row.pk).update(headcount=1))
    _refused(lambda: Attendance.objects.filter(pk=row.pk).update(role=Attendance.Role.OTHER))
    Attendance.objects.filter(pk=row.pk).update(headcount=2)  # equal is fine
    assert Attendance.objects.get(pk=row.pk).headcount == 2


def test_deleting_the_member_headcount_never_leaves_members_named():
    """PostgreSQL refuses; SQLite takes the named members with the row (its flush deletes tables
    in no fixed order, see the migration). Either way the rule holds afterwards."""
    session = SessionFactory()
    row = AttendanceFactory(session=session, role=MEMBER, headcount=2)
    session.cppcc_members.add(*_members(2))
    if connection.vendor == "postgresql":
        _refused(lambda: Attendance.objects.filter(pk=row.pk).delete())
        assert session.cppcc_members.count() == 2
    else:
        Attendance.objects.filter(pk=row.pk).delete()
        assert not session.cppcc_members.exists()


@pytest.mark.django_db(transaction=True)
def test_emptying_the_database_works_whatever_the_table_order():
    """A transactional test's teardown (Django's flush) empties every table; with members named
    it must not trip over the rule, in whichever order the tables come."""
    from django.core.management import call_command

    session = SessionFactory()
    AttendanceFactory(session=session, role=MEMBER, headcount=2)
    session.cppcc_members.add(*_members(2))
    call_command("flush", interactive=False, verbosity=0)
    assert not Session.objects.exists()


def test_moving_a_link_to_a_session_without_headcount_is_refused():
    counted, uncounted = SessionFactory(), SessionFactory()
    AttendanceFactory(session=counted, role=MEMBER, headcount=1)
    (member,) = _members(1)
    counted.cppcc_members.add(member)
    through = Session.cppcc_members.through
    _refused(lambda: through.objects.filter(session=counted).update(session=uncounted))


def test_other_roles_and_sessions_are_not_affected():
    session = SessionFactory()
    AttendanceFactory(session=session, role=MEMBER, headcount=1)
    resident = AttendanceFactory(session=session, role=Attendance.Role.RESIDENT, headcount=10)
    session.cppcc_members.add(*_members(1))
    Attendance.objects.filter(pk=resident.pk).delete()
    other = SessionFactory()
    AttendanceFactory(session=other, role=MEMBER, headcount=0)
    assert Attendance.objects.filter(session=session).count() == 1


def test_deleting_a_session_with_named_members_works(db):
    session = SessionFactory()
    AttendanceFactory(session=session, role=MEMBER, headcount=2)
    session.cppcc_members.add(*_members(2))
    session_delete(session=session, author=StaffFactory())
    assert not Session.objects.filter(pk=session.pk).exists()
    other = SessionFactory()
    AttendanceFactory(session=other, role=MEMBER, headcount=1)
    other.cppcc_members.add(*_members(1))
    other.delete()  # the ORM's own cascade (e.g. a room deleted by a superuser's script)
    assert not Attendance.objects.filter(session_id=other.pk).exists()


def test_rows_older_than_the_triggers_are_reported(capsys):
    from django.core.management import call_command

    from members.selectors import sessions_naming_more_than_counted

    session = SessionFactory(topic="旧数据议题")
    row = AttendanceFactory(session=session, role=MEMBER, headcount=2)
    session.cppcc_members.add(*_members(2))
    with connection.cursor() as cursor:  # as if written before the triggers existed
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")  # triggers off, this transaction
            cursor.execute("UPDATE deliberations_attendance SET headcount = 1 WHERE id = %s", [row.pk])
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        else:
            cursor.execute("DROP TRIGGER members_named_headcount_update")
            cursor.execute("UPDATE deliberations_attendance SET headcount = 1 WHERE id = %s", [row.pk])
    found = list(sessions_naming_more_than_counted())
    assert [(s.pk, s.named, s.counted) for s in found] == [(session.pk, 2, 1)]
    call_command("named_members_report")
    out = capsys.readouterr().out
    assert "旧数据议题" in out and "点名 2 位，人数 1" in out
