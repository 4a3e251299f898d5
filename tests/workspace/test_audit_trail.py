"""The audit trail (django-simple-history): the whole convener flow records who did what, when,
and what changed; staff read it in the admin; personal phone numbers never enter the diffs."""

import pytest

from deliberations.models import Session
from issues.models import Issue, IssueUpdate

from .session_forms import session_post

pytestmark = pytest.mark.django_db


def all_history_text(model):
    """Every value stored in `model`'s history table, as one string."""
    rows = model.history.all().values()
    return " ".join(str(value) for row in rows for value in row.values())


def test_the_flow_is_recorded_with_who_when_and_what(client, convener, staff, superuser, room, category):
    assert convener.phone  # the factory gives every user a personal mobile number
    client.force_login(convener)
    client.post(
        "/my/sessions/new/",
        session_post(room, issues=[{"title": "菜场门口占道", "category": str(category.pk)}], photos=1),
    )
    session = Session.objects.get()
    issue = Issue.objects.get()
    client.post(f"/my/sessions/{session.pk}/edit/", session_post(room, topic="菜场周边秩序", **{"att-resident": "30"}))
    client.post(
        f"/my/issues/{issue.pk}/",
        {
            "note": "城管已清理占道摊位",
            "status_to": "resolved",
            "resolution": "设置了疏导区",
            "occurred_on": "2020-06-20",
            "version": 1,
        },
    )

    # Session: created then changed, both by the convener, with the field diff and the headcount change.
    created, changed = session.history.order_by("history_date", "history_id")
    assert (created.history_type, created.history_user) == ("+", convener)
    assert (changed.history_type, changed.history_user) == ("~", convener)
    assert created.history_date <= changed.history_date
    delta = changed.diff_against(created)
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "topic"] == [
        ("topic", "小区停车难协商", "菜场周边秩序")
    ]
    assert "居民群众 20→30" in changed.history_change_reason

    # Issue: raised (by the convener, through the session) and resolved.
    issue_records = list(issue.history.order_by("history_date", "history_id"))
    assert [r.history_type for r in issue_records] == ["+", "~"]
    assert all(r.history_user == convener for r in issue_records)
    status_change = issue_records[1].diff_against(issue_records[0])
    assert {c.field: (c.old, c.new) for c in status_change.changes}["status"] == ("deliberating", "resolved")

    # Timeline entries: each IssueUpdate creation is recorded too.
    update_records = IssueUpdate.history.filter(issue_id=issue.pk)
    assert update_records.count() == 2 and {r.history_user for r in update_records} == {convener}

    # Deletion is recorded, by whom.
    client.post(f"/my/sessions/{session.pk}/delete/")
    deleted = Session.history.filter(id=session.pk).order_by("-history_date", "-history_id").first()
    assert (deleted.history_type, deleted.history_user) == ("-", convener)

    # No personal phone number anywhere in the trail.
    for model in (Session, Issue, IssueUpdate):
        text = all_history_text(model)
        assert convener.phone not in text and staff.phone not in text

    # Staff (here a superuser; staff accounts get the view permissions) read it in the admin.
    client.force_login(superuser)
    page = client.get(f"/admin/issues/issue/{issue.pk}/history/")
    assert page.status_code == 200
    html = page.content.decode()
    assert str(convener) in html and "状态" in html
    assert convener.phone not in html


def test_admin_session_history_page(client, convener, superuser, room):
    client.force_login(convener)
    client.post("/my/sessions/new/", session_post(room))
    session = Session.objects.get()
    client.post(f"/my/sessions/{session.pk}/edit/", session_post(room, topic="新的议题"))
    client.force_login(superuser)
    html = client.get(f"/admin/deliberations/session/{session.pk}/history/").content.decode()
    assert str(convener) in html and "新的议题" in html
    assert convener.phone not in html
