"""Conveners' API tokens: stored as digests, shown once when issued, expiring, revoked by staff or
by a password change; issued and revoked by the district staff group without superuser rights."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.groups import ensure_district_staff_group
from accounts.models import ApiToken
from accounts.services import api_token_issue
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

NEW_SESSION = {
    "topic": "加装电梯协商",
    "starts_at": "2020-08-01T09:00:00+08:00",
    "place": "社区议事厅",
    "attendance": [{"role": "resident", "headcount": 18}],
}
ADD_URL = "/admin/accounts/apitoken/add/"
LIST_URL = "/admin/accounts/apitoken/"


def write(key, room):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api.post("/api/v1/sessions/", {**NEW_SESSION, "room": room.pk}, format="json")


@pytest.fixture
def group_staff(db):
    user = StaffFactory(username="jiguan-staff")
    user.groups.add(ensure_district_staff_group())
    return user


def issue_in_admin(client, convener, name="议事室数据对接"):
    expires = timezone.localtime() + datetime.timedelta(days=30)
    response = client.post(
        ADD_URL,
        {"user": convener.pk, "name": name, "expires_at_0": expires.date().isoformat(), "expires_at_1": "09:00:00"},
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    html = response.content.decode()
    assert "只显示这一次" in html
    assert "no-store" in response["Cache-Control"]
    return re.search(r'id="issued-key"[^>]*value="([^"]+)"', html)[1]


def test_the_old_clear_text_token_app_is_gone(client, superuser):
    assert "rest_framework.authtoken" not in settings.INSTALLED_APPS
    assert "authtoken_token" not in connection.introspection.table_names()
    client.force_login(superuser)
    assert client.get("/admin/authtoken/tokenproxy/").status_code == 404


def test_only_a_digest_is_stored_and_the_key_is_never_listed(client, superuser, convener, room):
    client.force_login(superuser)
    key = issue_in_admin(client, convener)
    assert key.startswith("cc_") and len(key) > 40
    token = ApiToken.objects.get(user=convener)
    stored = [str(value) for value in ApiToken.objects.values_list().get(pk=token.pk)]
    assert key not in stored and not any(key in value for value in stored)
    assert token.prefix == key[:11] and len(token.digest) == 64
    listing = client.get(LIST_URL).content.decode() + client.get(f"{LIST_URL}{token.pk}/change/").content.decode()
    assert token.prefix in listing and key not in listing and token.digest not in listing
    assert write(key, room).status_code == 201
    token.refresh_from_db()
    assert token.last_used_at is not None and token.created_by == superuser


def test_district_staff_group_issues_and_revokes_tokens_without_being_superuser(client, group_staff, convener, room):
    assert not group_staff.is_superuser
    client.force_login(group_staff)
    assert client.get(ADD_URL).status_code == 200
    key = issue_in_admin(client, convener)
    assert write(key, room).status_code == 201
    token = ApiToken.objects.get(user=convener)
    response = client.post(LIST_URL, {"action": "revoke", "_selected_action": [token.pk]})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and group_staff.username in token.revoked_reason
    assert write(key, room).status_code == 401
    assert "已吊销" in client.get(LIST_URL).content.decode()
    # Revoked tokens stay on record: the group may not delete them.
    assert client.get(f"{LIST_URL}{token.pk}/delete/").status_code == 403


def test_staff_outside_the_group_cannot_issue_tokens(client, staff, convener):
    client.force_login(staff)
    assert client.get(ADD_URL).status_code == 403
    assert client.get(LIST_URL).status_code == 403
    assert not ApiToken.objects.exists()


def test_an_expired_date_or_an_inactive_user_is_refused_in_chinese(client, superuser, convener):
    client.force_login(superuser)
    past = timezone.localtime() - datetime.timedelta(days=1)
    response = client.post(
        ADD_URL, {"user": convener.pk, "name": "x", "expires_at_0": past.date().isoformat(), "expires_at_1": "09:00"}
    )
    assert "有效期必须晚于现在" in response.content.decode()
    convener.is_active = False
    convener.save()
    future = timezone.localtime() + datetime.timedelta(days=1)
    response = client.post(
        ADD_URL, {"user": convener.pk, "name": "x", "expires_at_0": future.date().isoformat(), "expires_at_1": "09:00"}
    )
    assert "该账号已停用" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_tokens_expire_after_the_default_lifetime(convener, room):
    token, key = api_token_issue(user=convener, name="默认有效期")
    lifetime = token.expires_at - token.created_at
    assert lifetime == datetime.timedelta(days=settings.API_TOKEN_LIFETIME_DAYS) == datetime.timedelta(days=180)
    assert write(key, room).status_code == 201
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = write(key, room)
    assert response.status_code == 401
    assert "过期" in response.json()["detail"]


def test_a_password_change_revokes_the_users_tokens(client, convener, room):
    _token, key = api_token_issue(user=convener, name="改密码前")
    client.force_login(convener)
    response = client.post(
        "/accounts/password_change/",
        {"old_password": "secret-pass-123", "new_password1": "Xin-mima-2026!", "new_password2": "Xin-mima-2026!"},
    )
    assert response.status_code == 302
    assert write(key, room).status_code == 401
    token = ApiToken.objects.get(user=convener)
    assert token.revoked_at is not None and token.revoked_reason == "密码已修改"


def test_a_password_changed_behind_djangos_back_still_ends_the_token(convener, room):
    """The stamp catches a change that skipped set_password's save (a raw update)."""
    token, key = api_token_issue(user=convener, name="直接改库")
    type(convener).objects.filter(pk=convener.pk).update(password="md5$other$hash")
    assert write(key, room).status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_an_inactive_users_token_and_bad_keys_are_401_never_500(convener, room):
    _token, key = api_token_issue(user=convener, name="停用")
    for bad in ["", "nonsense", "cc_" + "x" * 40, key + "x", "cc_" + "\xe9" * 200, key[:-1]]:
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {bad}")
        assert api.post("/api/v1/sessions/", {}, format="json").status_code == 401, bad
    convener.is_active = False
    convener.save()
    assert write(key, room).status_code == 401


def test_issue_api_token_command_prints_only_the_key(convener, room, capsys):
    call_command("issue_api_token", convener.username, "--name", "脚本", "--days", "1")
    key = capsys.readouterr().out.strip()
    assert write(key, room).status_code == 201
    token = ApiToken.objects.get(user=convener)
    assert token.name == "脚本"
    assert abs(token.expires_at - token.created_at - datetime.timedelta(days=1)) < datetime.timedelta(minutes=1)


def test_the_migration_drops_the_old_clear_text_tokens():
    """A database upgraded from the authtoken version: the table of clear keys and its records go."""
    from importlib import import_module

    from django.apps import apps as global_apps
    from django.contrib.contenttypes.models import ContentType

    migration = import_module("accounts.migrations.0004_remove_clear_tokens")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamp, user_id bigint)")
        cursor.execute("INSERT INTO authtoken_token VALUES ('7b06d1564d7260edcb40f38d904d985283e3aa58', NULL, 1)")
    ContentType.objects.create(app_label="authtoken", model="token")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO django_migrations (app, name, applied) VALUES ('authtoken', '0001_initial', %s)",
            [timezone.now()],
        )
    # Called as the migration calls it, inside the test's transaction (DDL is transactional on
    # SQLite and PostgreSQL), so the data migrations' rows survive for the other tests.
    migration.drop_clear_tokens(global_apps, connection.schema_editor())
    assert "authtoken_token" not in connection.introspection.table_names()
    assert not ContentType.objects.filter(app_label="authtoken").exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_migrations WHERE app = 'authtoken'")
        assert cursor.fetchone()[0] == 0
