"""Log-in, log-out, password change and reset, and the per-username-and-IP lockout (django-axes)."""

import pytest
from django.core import mail

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def attempt(client, username, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_login_page_is_in_chinese(client):
    html = client.get(LOGIN).content.decode()
    assert "<h1>登录</h1>" in html and "用户名" in html and "密码" in html and "忘记密码" in html


def test_convener_lands_on_my_rooms_and_can_log_out(client, convener, room):
    response = attempt(client, convener.username, PASSWORD)
    assert response.status_code == 302 and response.url == "/my/"
    assert room.name in client.get("/my/").content.decode()
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/my/").status_code == 302


def test_wrong_password_shows_a_chinese_error(client, convener):
    response = attempt(client, convener.username, "wrong-password")
    html = response.content.decode()
    assert response.status_code == 200
    assert "请输入一个正确的" in html and "锁定" in html


def test_sixth_attempt_is_refused_even_with_the_right_password(client, convener):
    for _ in range(4):
        assert attempt(client, convener.username, "wrong-password").status_code == 200
    fifth = attempt(client, convener.username, "wrong-password")
    assert fifth.status_code == 429
    sixth = attempt(client, convener.username, PASSWORD)
    assert sixth.status_code == 429
    html = sixth.content.decode()
    assert "登录已被暂时锁定" in html and "即使输入正确的密码也无法登录" in html
    assert "_auth_user_id" not in client.session
    assert client.get("/my/").status_code == 302  # still not logged in


def test_one_users_lockout_does_not_lock_out_others(client, convener, other_convener):
    for _ in range(5):
        attempt(client, convener.username, "wrong-password")
    assert attempt(client, convener.username, PASSWORD).status_code == 429
    # Another user on the same device logs in normally.
    response = attempt(client, other_convener.username, PASSWORD)
    assert response.status_code == 302
    client.post("/accounts/logout/")
    # The same user from another IP is not locked either (lockout is per username and IP).
    assert attempt(client, convener.username, PASSWORD, ip="10.0.0.2").status_code == 302


def test_password_change(client, convener):
    attempt(client, convener.username, PASSWORD)
    html = client.get("/accounts/password_change/").content.decode()
    assert "修改密码" in html and "旧密码" in html
    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "Xin-mima-2026!", "new_password2": "Xin-mima-2026!"},
    )
    assert response.status_code == 302
    assert "密码已修改" in client.get(response.url).content.decode()
    convener.refresh_from_db()
    assert convener.check_password("Xin-mima-2026!")


def test_password_change_errors_are_chinese(client, convener):
    attempt(client, convener.username, PASSWORD)
    response = client.post(
        "/accounts/password_change/", {"old_password": "nope", "new_password1": "a", "new_password2": "b"}
    )
    html = response.content.decode()
    assert "旧密码不正确" in html or "你的旧密码不正确" in html


def test_password_reset_sends_a_chinese_email(client):
    user = UserFactory(username="reset-me", email="reset@example.com")
    html = client.get("/accounts/password_reset/").content.decode()
    assert "重置密码" in html
    response = client.post("/accounts/password_reset/", {"email": "reset@example.com"})
    assert response.status_code == 302
    assert "重置邮件已发送" in client.get(response.url).content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "重置密码" in message.subject and "reset-me" in message.body and "/accounts/reset/" in message.body
    link = next(line for line in message.body.splitlines() if "/accounts/reset/" in line).split("testserver", 1)[1]
    response = client.get(link, follow=True)
    assert "设置新密码" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": "Xin-mima-2026!", "new_password2": "Xin-mima-2026!"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Xin-mima-2026!")


def test_password_reset_is_limited_per_email_address(client):
    UserFactory(username="reset-many", email="many@example.com")
    for number in range(5):
        response = client.post(
            "/accounts/password_reset/", {"email": "many@example.com"}, REMOTE_ADDR=f"10.1.0.{number}"
        )
        assert response.status_code == 302
    assert len(mail.outbox) == 5
    # The sixth request for the same address, from yet another IP and in other letter case, is refused.
    response = client.post("/accounts/password_reset/", {"email": "Many@Example.com"}, REMOTE_ADDR="10.1.0.9")
    assert response.status_code == 429
    html = response.content.decode()
    assert "找回密码的请求过于频繁，请一小时后再试。" in html
    assert 'value="Many@Example.com"' in html  # what was typed is kept
    assert len(mail.outbox) == 5


def test_password_reset_is_limited_per_ip(client):
    for number in range(5):
        response = client.post("/accounts/password_reset/", {"email": f"nobody{number}@example.com"})
        assert response.status_code == 302
    response = client.post("/accounts/password_reset/", {"email": "someone-else@example.com"})
    assert response.status_code == 429
    assert "请求过于频繁" in response.content.decode()
    # Another client is not affected.
    response = client.post("/accounts/password_reset/", {"email": "someone-else@example.com"}, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 302
