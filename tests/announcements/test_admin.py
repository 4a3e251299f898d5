"""The staff's admin of announcements, sign-ups, result notices and comments: every write goes
through the services."""

import pytest
from django.urls import reverse

from announcements.models import Announcement, Comment, ResultNotice, SignUp
from announcements.services import comment_submit, signup_submit
from notifications.models import Delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.mark.parametrize("name", ["announcement", "signup", "resultnotice", "comment"])
def test_changelists_open(staff_client, announcement, notice, name):
    signup_submit(announcement=announcement, name="王阿姨", contact="13912345678")
    comment_submit(notice=notice, body="意见")
    assert staff_client.get(reverse(f"admin:announcements_{name}_changelist")).status_code == 200


def test_change_pages_open(staff_client, announcement, notice):
    signup = signup_submit(announcement=announcement, name="王阿姨", contact="13912345678")
    comment = comment_submit(notice=notice, body="意见")
    for url in (
        reverse("admin:announcements_announcement_change", args=[announcement.pk]),
        reverse("admin:announcements_signup_change", args=[signup.pk]),
        reverse("admin:announcements_resultnotice_change", args=[notice.pk]),
        reverse("admin:announcements_comment_change", args=[comment.pk]),
        reverse("admin:announcements_resultnotice_add"),
    ):
        assert staff_client.get(url).status_code == 200, url


def test_cancel_action_goes_through_the_service(staff_client, announcement):
    signup_submit(announcement=announcement, name="王阿姨", contact="13912345678")
    staff_client.post(
        reverse("admin:announcements_announcement_changelist"),
        {"action": "cancel", "_selected_action": [announcement.pk]},
    )
    announcement.refresh_from_db()
    assert announcement.is_cancelled and announcement.sequence == 1
    assert Delivery.objects.filter(subject="议事活动取消通知").exists()


def test_approve_and_answer_in_the_admin(staff_client, notice):
    comment = comment_submit(notice=notice, body="意见")
    staff_client.post(
        reverse("admin:announcements_comment_changelist"), {"action": "approve", "_selected_action": [comment.pk]}
    )
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    staff_client.post(reverse("admin:announcements_comment_change", args=[comment.pk]), {"answer": "已答复"})
    comment.refresh_from_db()
    assert comment.answer == "已答复" and comment.answered_at is not None


def test_publish_a_result_in_the_admin(staff_client, held):
    response = staff_client.post(
        reverse("admin:announcements_resultnotice_add"),
        {
            "session": held.pk,
            "text": "共识",
            "working_days": 5,
            "comments-TOTAL_FORMS": 0,
            "comments-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    notice = ResultNotice.objects.get(session=held)
    assert notice.ends_on >= notice.starts_on


def test_signups_cannot_be_added_in_the_admin(staff_client):
    assert staff_client.get(reverse("admin:announcements_signup_add")).status_code == 403
    assert SignUp.objects.count() == 0 and Announcement.objects.count() == 0
