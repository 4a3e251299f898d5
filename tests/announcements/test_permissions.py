"""The permission matrix of 公示与报名: every role against every convener action, as predicates and
as pages. Allowed cells succeed and change the database; anonymous (and a deactivated convener)
go to the login page; a resident and another room's convener get 404 and nothing changes."""

import pytest
from django.urls import reverse

from announcements.models import Announcement, Comment, ResultNotice
from announcements.permissions import (
    announcements_managed_by,
    can_announce,
    can_moderate_comment,
    can_publish_result,
    comments_moderated_by,
)
from announcements.services import comment_submit, signup_submit
from notifications.models import Delivery
from tests.roles import ROLES, cases, table

pytestmark = pytest.mark.django_db

ALLOWED = table("convener", "staff", "superuser")


@pytest.mark.parametrize(
    ("name", "role", "expected"),
    cases({"announce": ALLOWED, "publish_result": ALLOWED, "moderate_comment": ALLOWED, "scoped_lists": ALLOWED}),
)
def test_predicates(users_by_role, announcement, notice, name, role, expected):
    user = users_by_role[role]
    comment = comment_submit(notice=notice, body="意见")
    answer = {
        "announce": lambda: can_announce(user, announcement.session),
        "publish_result": lambda: can_publish_result(user, notice.session),
        "moderate_comment": lambda: can_moderate_comment(user, comment),
        "scoped_lists": lambda: (
            announcements_managed_by(user).filter(pk=announcement.pk).exists()
            and comments_moderated_by(user).filter(pk=comment.pk).exists()
        ),
    }[name]()
    assert answer is expected


def login(client, users_by_role, role):
    user = users_by_role[role]
    if role != "anonymous":
        client.force_login(user)


def refused(response, role):
    if role in ("anonymous", "inactive_convener"):
        return response.status_code == 302 and "/accounts/login/" in response.url
    return response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_announcement_page_and_save(client, users_by_role, planned, role):
    login(client, users_by_role, role)
    url = reverse("workspace:announcement", args=[planned.pk])
    get = client.get(url)
    post = client.post(url, {"invited": "居民", "capacity": "10", "waitlist_size": "0"})
    if ALLOWED[role]:
        assert get.status_code == 200 and post.status_code == 302
        assert Announcement.objects.filter(session=planned).exists()
    else:
        assert refused(get, role) and refused(post, role)
        assert not Announcement.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_signups_export_message_and_cancel(client, users_by_role, announcement, role):
    signup_submit(announcement=announcement, name="王阿姨", contact="13912345678")
    before = Delivery.objects.count()
    login(client, users_by_role, role)
    pk = announcement.session.pk
    export = client.get(reverse("workspace:signups_export", args=[pk]))
    message = client.post(reverse("workspace:signups_message", args=[pk]), {"subject": "提醒", "body": "明天见"})
    cancel = client.post(reverse("workspace:announcement_cancel", args=[pk]), {"reason": ""})
    announcement.refresh_from_db()
    if ALLOWED[role]:
        assert export.status_code == 200 and message.status_code == 302 and cancel.status_code == 302
        assert announcement.is_cancelled and Delivery.objects.count() == before + 2  # the message, the notice
    else:
        assert refused(export, role) and refused(message, role) and refused(cancel, role)
        assert not announcement.is_cancelled and Delivery.objects.count() == before


@pytest.mark.parametrize("role", ROLES)
def test_publish_result(client, users_by_role, held, role):
    login(client, users_by_role, role)
    response = client.post(reverse("workspace:result", args=[held.pk]), {"text": "共识", "working_days": "5"})
    if ALLOWED[role]:
        assert response.status_code == 302 and ResultNotice.objects.filter(session=held).exists()
    else:
        assert refused(response, role) and not ResultNotice.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_moderate_and_answer_a_comment(client, users_by_role, notice, role):
    comment = comment_submit(notice=notice, body="意见")
    login(client, users_by_role, role)
    url = reverse("workspace:comment", args=[comment.pk])
    approve = client.post(url, {"action": "approve"})
    answer = client.post(url, {"action": "answer", "answer": "答复"})
    comment.refresh_from_db()
    if ALLOWED[role]:
        assert approve.status_code == 302 and answer.status_code == 302
        assert comment.status == Comment.Status.APPROVED and comment.answer == "答复"
    else:
        assert refused(approve, role) and refused(answer, role)
        assert comment.status == Comment.Status.PENDING and comment.answer == ""


@pytest.mark.parametrize("role", ROLES)
def test_participation_list_shows_only_the_users_rooms(client, users_by_role, announcement, other_room, role):
    login(client, users_by_role, role)
    response = client.get(reverse("workspace:announcements"))
    if role in ("anonymous", "inactive_convener"):
        assert refused(response, role)
        return
    shown = announcement.session.topic in response.content.decode()
    assert response.status_code == 200 and shown is ALLOWED[role]
