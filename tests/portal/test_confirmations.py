"""A resident's form is confirmed where the eye is: the redirect lands on the form's anchor and the
success message is rendered inside that anchored section (role="status"), in place of the form, not
at the top of the page."""

import re

import pytest
from django.urls import reverse

from issues.models import Issue
from tests.factories import IssueFactory

pytestmark = pytest.mark.django_db


def section(html, anchor):
    """The HTML of the <section id="anchor"> (sections do not nest on these pages)."""
    match = re.search(rf'<section[^>]*id="{anchor}"[^>]*>(.*?)</section>', html, re.S)
    assert match, f"no section #{anchor}"
    return match.group(1)


def outside(html, anchor):
    return re.sub(rf'<section[^>]*id="{anchor}"[^>]*>.*?</section>', "", html, flags=re.S)


def test_rating_is_confirmed_inside_the_feedback_section(client, world):
    response = client.post(world.resolved.get_absolute_url(), {"rating": "satisfied"})
    assert response.status_code == 302 and response["Location"].endswith("#feedback")
    html = client.get(response["Location"]).content.decode()
    box = section(html, "feedback")
    assert 'role="status"' in box and "感谢您的评价" in box
    assert "感谢您的评价" not in outside(html, "feedback")
    assert "提交评价" not in box  # the form gives way to the confirmation
    # Shown once: the next visit has the form again.
    assert "提交评价" in section(client.get(world.resolved.get_absolute_url()).content.decode(), "feedback")


def test_suggestion_is_confirmed_inside_the_suggest_section(client, world):
    room = world.resolved.room
    response = client.post(room.get_absolute_url(), {"topic": "小区停车难"})
    assert response.status_code == 302 and response["Location"].endswith("#suggest")
    html = client.get(response["Location"]).content.decode()
    box = section(html, "suggest")
    assert 'role="status"' in box and "感谢您的建议" in box
    assert "感谢您的建议" not in outside(html, "suggest")
    assert "提交建议" not in box


def test_follow_is_confirmed_inside_the_follow_section(client, world, django_capture_on_commit_callbacks):
    issue = IssueFactory(room=world.resolved.room, status=Issue.Status.DELIBERATING)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("issues:follow", args=[issue.pk]), {"email": "a.resident@example.net"})
    assert response.status_code == 302 and response["Location"].endswith("#follow")
    html = client.get(response["Location"]).content.decode()
    box = section(html, "follow")
    assert 'role="status"' in box and "确认邮件已发送到您的邮箱" in box
    assert "确认邮件已发送到您的邮箱" not in outside(html, "follow")


def test_errors_still_show_at_the_top(client, world):
    response = client.post(world.open_issue.get_absolute_url(), {"rating": "satisfied"})
    assert "只能评价已解决的公开问题" in response.content.decode()
