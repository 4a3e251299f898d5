"""load_province builds a consistent data set: deterministic, true to the model's rules, its
rollups equal to the raw counts; it refuses a database that is not empty."""

import pytest
from django.core.management import CommandError, call_command

from deliberations.models import Attendance, Session
from figures import rollups
from issues.models import Feedback, Issue, IssueUpdate
from issues.search import issue_document
from rooms.models import Room

pytestmark = pytest.mark.django_db(transaction=True)

SMALL = {"rooms": 50, "sessions": 500, "issues": 200}


def snapshot():
    return {
        "rooms": list(Room.objects.order_by("pk").values_list("name", "level", "street__name")[:20]),
        "sessions": list(Session.objects.order_by("pk").values_list("room__name", "starts_at", "status")[:50]),
        "attendance": list(Attendance.objects.order_by("pk").values_list("session_id", "role", "headcount")[:50]),
        "issues": list(Issue.objects.order_by("pk").values_list("title", "status", "reported_on")[:50]),
    }


def test_small_province_is_consistent_and_deterministic():
    call_command("load_province", **SMALL)
    assert Room.objects.count() == 50
    assert Session.objects.filter(status="held").count() == 500
    assert Session.objects.filter(status="planned").exists()
    assert Issue.objects.count() == 200
    assert Attendance.objects.count() > 2000 and IssueUpdate.objects.count() > 400
    assert rollups.differences() == {"room_month": [], "room": [], "street_month": []}
    # the model's own rules hold for a sample of every generated table
    for model in (Room, Session, Attendance, Issue, IssueUpdate, Feedback):
        for row in model.objects.order_by("?")[:25]:
            row.full_clean()
    # the search documents written in bulk are the ones save() would write
    for issue in Issue.objects.order_by("?")[:50]:
        assert issue.search_document == issue_document(issue)
    first = snapshot()

    with pytest.raises(CommandError, match="不是空的"):
        call_command("load_province", **SMALL)
    call_command("load_province", flush=True, **SMALL)
    assert snapshot() == first
