"""Following an issue: post progress, resolve, escalate; illegal transitions, foreign issues
and concurrent edits are refused and change nothing."""

import datetime

import pytest
from django.utils import timezone

from issues.models import Issue, IssueUpdate
from tests.factories import IssueFactory, ResolvedIssueFactory

pytestmark = pytest.mark.django_db


def url(issue):
    return f"/my/issues/{issue.pk}/"


def post(client, issue, **data):
    payload = {"note": "已联系承办单位", "occurred_on": timezone.localdate().isoformat(), "version": issue.version}
    payload.update(data)
    return client.post(url(issue), payload)


def test_page_offers_only_allowed_transitions(client, convener, room):
    issue = IssueFactory(room=room, status=Issue.Status.IN_PROGRESS)
    client.force_login(convener)
    html = client.get(url(issue)).content.decode()
    assert '<option value="resolved">' in html and '<option value="closed">' in html
    assert '<option value="reported">' not in html and '<option value="agreed">' not in html
    assert '<option value="district">' in html and '<option value="building">' not in html


def test_post_update_resolve_and_it_appears_on_the_public_timeline(client, convener, room):
    issue = IssueFactory(room=room, status=Issue.Status.DELIBERATING)
    client.force_login(convener)
    response = post(client, issue, note="办理中：已排期施工", status_to="in_progress")
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == "in_progress" and issue.version == 2
    response = post(client, issue, note="路灯已全部修好", status_to="resolved", resolution="更换了12盏路灯")
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == "resolved" and issue.resolution == "更换了12盏路灯"
    assert issue.resolved_on == timezone.localdate()
    update = issue.updates.order_by("-pk").first()
    assert (update.status_from, update.status_to, update.author) == ("in_progress", "resolved", convener)
    public = client.get(issue.get_absolute_url()).content.decode()
    assert "路灯已全部修好" in public and "办理中：已排期施工" in public


def test_resolve_needs_a_resolution_text(client, convener, room):
    issue = IssueFactory(room=room)
    client.force_login(convener)
    response = post(client, issue, status_to="resolved", resolution="")
    assert response.status_code == 200 and "标记为已解决时请填写解决情况" in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == "deliberating" and not issue.updates.exists()


def test_escalate_triage_level(client, convener, room):
    issue = IssueFactory(room=room, triage_level="community")
    client.force_login(convener)
    assert post(client, issue, note="需要街道协调", triage_to="street").status_code == 302
    issue.refresh_from_db()
    assert issue.triage_level == "street" and issue.updates.get().triage_to == "street"
    # Downward is refused.
    response = post(client, issue, note="降级", triage_to="building")
    assert response.status_code == 200 and "只能向上提级" in response.content.decode()
    issue.refresh_from_db()
    assert issue.triage_level == "street"


def test_illegal_transition_answers_403_and_changes_nothing(client, convener, room):
    issue = ResolvedIssueFactory(room=room)
    client.force_login(convener)
    response = post(client, issue, note="想改回已反映", status_to="reported")
    assert response.status_code == 403
    assert "不能从“已解决”直接改为该状态" in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == "resolved" and issue.version == 1 and not IssueUpdate.objects.exists()
    # Reopening along the allowed path works, with its note.
    assert post(client, issue, note="群众反映问题复发，重新办理", status_to="in_progress").status_code == 302
    issue.refresh_from_db()
    assert issue.status == "in_progress" and issue.resolved_on is None


def test_issue_of_another_room_answers_404(client, convener, other_room):
    issue = IssueFactory(room=other_room)
    client.force_login(convener)
    assert client.get(url(issue)).status_code == 404
    assert post(client, issue, status_to="resolved", resolution="x").status_code == 404
    issue.refresh_from_db()
    assert issue.status == "deliberating" and not IssueUpdate.objects.exists()
    assert client.get("/my/issues/999999/").status_code == 404


def test_concurrent_edit_is_detected_and_the_typed_note_kept(client, convener, room):
    issue = IssueFactory(room=room)
    second = UserFactory_for(room)
    stale_version = issue.version
    client.force_login(second)
    assert post(client, issue, note="第一位召集人的更新", status_to="agreed").status_code == 302
    client.force_login(convener)
    response = client.post(
        url(issue),
        {
            "note": "第二位召集人的更新",
            "occurred_on": timezone.localdate().isoformat(),
            "version": stale_version,
            "status_to": "in_progress",
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "已被他人更新" in html and "第二位召集人的更新" in html and "第一位召集人的更新" in html
    issue.refresh_from_db()
    assert issue.status == "agreed" and issue.updates.count() == 1
    # Having seen the latest timeline, the second convener submits again (the form now carries the new version).
    assert f'name="version" value="{issue.version}"' in html
    assert post(client, issue, note="第二位召集人的更新", status_to="in_progress").status_code == 302


def test_future_date_is_refused(client, convener, room):
    issue = IssueFactory(room=room)
    client.force_login(convener)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = post(client, issue, occurred_on=tomorrow.isoformat())
    assert "进展日期不能晚于今天" in response.content.decode()
    assert not IssueUpdate.objects.exists()


def UserFactory_for(room):  # noqa: N802 - reads like a factory
    from tests.factories import ConvenershipFactory, UserFactory

    user = UserFactory(username="convener-a2")
    ConvenershipFactory(user=user, room=room)
    return user
