"""The demo district's members agree with its attendance: in every session the named members
are at most the headcount of role 政协委员, each member's record counts exactly the sessions
that name them, and the demo's namesakes are told apart."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count

from deliberations.models import Attendance, Session
from members.selectors import member_record, public_members, sessions_naming_more_than_counted

pytestmark = pytest.mark.slow


def test_no_demo_session_names_more_members_than_it_counts(demo, capsys):
    through = Session.cppcc_members.through
    assert through.objects.values("session_id").distinct().count() > 100  # most sessions name members
    assert list(sessions_naming_more_than_counted()) == []
    # The same over every session in Python, independent of the selector.
    counted = dict(Attendance.objects.filter(role=Attendance.Role.CPPCC_MEMBER).values_list("session_id", "headcount"))
    named = dict(through.objects.values("session_id").annotate(n=Count("user_id")).values_list("session_id", "n"))
    assert all(n <= counted.get(session_id, 0) for session_id, n in named.items())
    call_command("named_members_report")
    assert "没有这样的议事活动" in capsys.readouterr().out


def test_each_member_record_counts_the_sessions_that_name_them(demo):
    members = list(public_members())
    assert len(members) == 40
    through = Session.cppcc_members.through
    expected = dict(
        through.objects.filter(session__status=Session.Status.HELD)
        .values("user_id")
        .annotate(n=Count("session_id"))
        .values_list("user_id", "n")
    )
    for member in members:
        assert member.session_count == expected.get(member.pk, 0)
    busiest = max(members, key=lambda m: m.session_count)
    record = member_record(busiest)
    assert len(record.sessions) == busiest.session_count


def test_demo_namesakes_have_different_sectors_and_notes(demo):
    namesakes = list(get_user_model().objects.filter(is_cppcc_member=True, full_name="向磊").select_related("sector"))
    assert len(namesakes) == 2
    assert namesakes[0].sector_id != namesakes[1].sector_id
    assert namesakes[0].member_note and namesakes[0].member_note != namesakes[1].member_note
    assert {m.full_name_initials for m in namesakes} == {"xl"}
