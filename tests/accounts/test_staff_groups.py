"""The district staff group (区政协机关工作人员): created by a migration with its permissions; its
members clear login lockouts without being superusers; staff outside it cannot."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group

from accounts.groups import DISTRICT_STAFF_GROUP, ensure_district_staff_group
from tests.factories import PASSWORD, StaffFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
USERS = "/admin/accounts/user/"


def attempt(client, username, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def lock_out(client, user):
    for _ in range(5):
        attempt(client, user.username, "wrong-password")
    assert attempt(client, user.username, PASSWORD).status_code == 429


def test_the_migration_creates_the_group_with_its_permissions():
    group = Group.objects.get(name=DISTRICT_STAFF_GROUP)
    codes = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
    assert {
        "accounts.add_apitoken",
        "accounts.change_apitoken",
        "accounts.view_apitoken",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "rooms.add_room",
        "rooms.change_convenership",
        "deliberations.change_session",
        "issues.change_issue",
        "accounts.view_user",
    } <= codes
    # Accounts themselves stay with superusers; revoked tokens stay on record.
    assert not codes & {"accounts.change_user", "accounts.add_user", "auth.change_group", "accounts.delete_apitoken"}
    # Running it again adds nothing twice.
    assert ensure_district_staff_group().permissions.count() == len(codes)


def test_group_staff_clear_a_lockout_from_the_users_list(client, convener):
    lock_out(client, convener)
    staff = StaffFactory(username="jiguan")
    staff.groups.add(Group.objects.get(name=DISTRICT_STAFF_GROUP))
    client.force_login(staff)
    assert "解除登录锁定" in client.get(USERS).content.decode()
    response = client.post(USERS, {"action": "clear_lockouts", "_selected_action": [convener.pk]}, follow=True)
    assert "已解除 1 个用户的登录锁定" in response.content.decode()
    assert not AccessAttempt.objects.filter(username=convener.username).exists()
    client.logout()
    assert attempt(client, convener.username, PASSWORD).status_code == 302


def test_group_staff_see_and_delete_lockouts_in_the_axes_admin(client, convener):
    lock_out(client, convener)
    staff = StaffFactory(username="jiguan")
    staff.groups.add(Group.objects.get(name=DISTRICT_STAFF_GROUP))
    client.force_login(staff)
    pk = AccessAttempt.objects.get(username=convener.username).pk
    assert client.get("/admin/axes/accessattempt/").status_code == 200
    response = client.post(f"/admin/axes/accessattempt/{pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    client.logout()
    assert attempt(client, convener.username, PASSWORD).status_code == 302


def test_staff_outside_the_group_cannot_clear_lockouts(client, convener, staff):
    lock_out(client, convener)
    client.force_login(staff)
    assert "解除登录锁定" not in client.get(USERS).content.decode()
    client.post(USERS, {"action": "clear_lockouts", "_selected_action": [convener.pk]})
    assert client.get("/admin/axes/accessattempt/").status_code == 403
    assert AccessAttempt.objects.filter(username=convener.username).exists()
