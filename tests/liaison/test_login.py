"""Where each role lands after logging in (accounts.landing.landing_url), and the header: the
承办工作台 link for a liaison, 消息(n) for every logged-in user, 登录 for everyone else."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.landing import DEPARTMENT_WORKSPACE_KEY, landing_url
from notifications.models import Notification
from tests.factories import PASSWORD, LiaisonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("is_staff", "flag", "expected"),
    [(False, True, "/dept/"), (False, False, "/my/"), (True, True, "/my/"), (True, False, "/my/")],
)
def test_landing_rule(users_by_role, is_staff, flag, expected):
    user = users_by_role["staff" if is_staff else "resident"]
    session = {DEPARTMENT_WORKSPACE_KEY: True} if flag else {}
    assert landing_url(user, session) == expected
    assert landing_url(AnonymousUser(), {}) == "/my/"


def login(client, user, **extra):
    return client.post("/accounts/login/", {"username": user.username, "password": PASSWORD, **extra})


def test_liaison_lands_on_the_department_workspace(client, liaison):
    response = login(client, liaison)
    assert response.status_code == 302 and response.url == "/dept/"
    assert client.get("/dept/").status_code == 200


def test_convener_and_staff_keep_landing_on_my_rooms(client, convener, staff):
    assert login(client, convener).url == "/my/"
    client.logout()
    assert login(client, staff).url == "/my/"


def test_a_safe_next_still_wins(client, liaison, issue):
    assert login(client, liaison, next=f"/dept/issues/{issue.pk}/").url == f"/dept/issues/{issue.pk}/"


def test_a_liaison_of_an_inactive_department_lands_like_anyone_else(client, liaison, department):
    department.is_active = False
    department.save()
    assert login(client, liaison).url == "/my/"
    assert client.get("/dept/").status_code == 404


def test_header_for_a_liaison(client, liaison):
    Notification.objects.create(recipient=liaison, kind=Notification.Kind.ISSUE_ASSIGNED, title="新交办", url="/dept/")
    login(client, liaison)
    html = client.get("/").content.decode()
    assert '<a href="/dept/"' in html and "承办工作台" in html
    assert "我的议事室" not in html  # a liaison has no room
    assert '消息<span class="nav-count">（1）</span>' in html and 'aria-label="消息，1 条未读"' in html


def test_header_for_a_convener(client, convener):
    login(client, convener)
    html = client.get("/").content.decode()
    assert "承办工作台" not in html and "我的议事室" in html
    assert 'href="/inbox/"' in html and 'aria-label="消息，0 条未读"' in html and "nav-count" not in html


def test_header_for_anonymous(client):
    html = client.get("/").content.decode()
    assert ">登录</a>" in html and "召集人登录" not in html
    assert 'href="/inbox/"' not in html and "承办工作台" not in html


def test_the_link_follows_what_the_user_is_now(client, resident):
    """Made a liaison after logging in: the link appears once they open /dept/; removed: it goes."""
    client.force_login(resident)
    assert "承办工作台" not in client.get("/").content.decode()
    record = LiaisonFactory(user=resident)
    assert client.get("/dept/").status_code == 200
    assert "承办工作台" in client.get("/").content.decode()
    record.delete()
    assert client.get("/dept/").status_code == 404
    assert "承办工作台" not in client.get("/").content.decode()
