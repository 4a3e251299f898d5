"""Who the client is: one helper (core/clientip.py) and one setting (TRUSTED_PROXY_HOPS) for the
login lockout (django-axes), the residents' forms and the API throttles.

Reached directly (hops = 0), a forged X-Forwarded-For changes nothing. Behind one nginx
(hops = 1), REMOTE_ADDR is the proxy for everybody: distinct clients stay distinct, and one
client who writes a longer header still counts as itself."""

import pytest
from django.test import RequestFactory, override_settings
from rest_framework.test import APIClient

from core.clientip import client_ip
from tests.factories import PASSWORD

PROXY = "10.0.0.254"  # the nginx in front of gunicorn
ATTACKER = "203.0.113.5"
RESIDENT = "198.51.100.7"


def _request(remote_addr="192.0.2.1", forwarded_for=None):
    meta = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **meta)


# The helper -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hops", "remote_addr", "forwarded_for", "expected"),
    [
        (0, "192.0.2.1", None, "192.0.2.1"),
        (0, "192.0.2.1", "203.0.113.5", "192.0.2.1"),  # the header is ignored when reached directly
        (0, "192.0.2.1", "garbage, 1.2.3.4", "192.0.2.1"),
        (1, PROXY, RESIDENT, RESIDENT),
        (1, PROXY, f"{RESIDENT}, {ATTACKER}", ATTACKER),  # the proxy appended the real address
        (1, PROXY, f" {RESIDENT} ,{ATTACKER} ", ATTACKER),
        (1, PROXY, None, PROXY),  # no header: the address of the connection
        (1, PROXY, "", PROXY),
        (1, PROXY, "not-an-ip", PROXY),  # garbage falls back to REMOTE_ADDR
        (1, PROXY, "203.0.113.5:4431", PROXY),
        (1, PROXY, "2001:db8::1", "2001:db8::1"),
        (1, PROXY, "2001:DB8:0:0::1", "2001:db8::1"),  # canonical form: one client, one key
        (2, PROXY, f"{RESIDENT}, 10.0.0.9", RESIDENT),  # two proxies: the second from the right
        (2, PROXY, f"{ATTACKER}, {RESIDENT}, 10.0.0.9", RESIDENT),
        (2, PROXY, "10.0.0.9", PROXY),  # fewer entries than hops
        (0, "", None, None),
        (0, "nonsense", None, None),
    ],
)
def test_client_ip(settings, hops, remote_addr, forwarded_for, expected):
    settings.TRUSTED_PROXY_HOPS = hops
    assert client_ip(_request(remote_addr, forwarded_for)) == expected


def test_default_is_no_proxy_and_every_rule_uses_the_helper(settings):
    from chongchuan.settings import base

    assert base.TRUSTED_PROXY_HOPS == 0
    assert settings.AXES_CLIENT_IP_CALLABLE == "core.clientip.client_ip"
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == 0


# django-axes: the login lockout ----------------------------------------------------------------

LOGIN = "/accounts/login/"


def _login(client, user, password, **meta):
    return client.post(LOGIN, {"username": user.username, "password": password}, **meta)


@pytest.mark.django_db
def test_lockout_ignores_a_forged_forwarded_for_when_reached_directly(client, convener):
    for n in range(5):
        _login(client, convener, "wrong", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    # Still locked, whatever header comes next.
    again = _login(client, convener, PASSWORD, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert again.status_code == 429
    # The real user, from their own address, is not.
    assert _login(client, convener, PASSWORD, REMOTE_ADDR=RESIDENT).status_code == 302


@pytest.mark.django_db
def test_lockout_behind_one_proxy_locks_the_attacker_not_the_user(client, settings, convener):
    settings.TRUSTED_PROXY_HOPS = 1
    for _n in range(5):
        _login(client, convener, "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert _login(client, convener, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER).status_code == 429
    # Writing the resident's address in front does not help the attacker: nginx appends the real one.
    forged = f"{RESIDENT}, {ATTACKER}"
    assert _login(client, convener, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forged).status_code == 429
    # The real user behind the same proxy logs in.
    assert _login(client, convener, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=RESIDENT).status_code == 302


# The residents' forms (core/ratelimit.py) ------------------------------------------------------


def _suggest(client, room, **meta):
    return client.post(room.get_absolute_url(), {"topic": "希望讨论停车难", "description": "晚上没有车位"}, **meta)


@pytest.mark.django_db
def test_form_limit_ignores_a_forged_forwarded_for_when_reached_directly(client, settings, room):
    settings.PUBLIC_FORM_RATE_LIMITS = {"suggestion": (2, 600)}
    codes = [
        _suggest(client, room, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code for n in range(3)
    ]
    assert codes == [302, 302, 429]
    assert _suggest(client, room, REMOTE_ADDR=RESIDENT).status_code == 302


@pytest.mark.django_db
def test_form_limit_behind_one_proxy_counts_each_client(client, settings, room):
    settings.TRUSTED_PROXY_HOPS = 1
    settings.PUBLIC_FORM_RATE_LIMITS = {"suggestion": (2, 600)}
    behind_proxy = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": ATTACKER}
    assert [_suggest(client, room, **behind_proxy).status_code for _n in range(3)] == [302, 302, 429]
    forged = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"192.0.2.1, {ATTACKER}"}
    assert _suggest(client, room, **forged).status_code == 429
    # Everybody else in the district, through the same proxy, still gets through.
    for n in range(3):
        assert _suggest(client, room, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 10}").status_code == 302


# The API throttles (core/api/throttles.py) -----------------------------------------------------


def _throttled(rate="3/min"):
    from django.conf import settings

    rest = dict(settings.REST_FRAMEWORK)
    return override_settings(REST_FRAMEWORK={**rest, "DEFAULT_THROTTLE_RATES": {"anon": rate, "user": "600/min"}})


@pytest.mark.django_db
def test_api_throttle_ignores_a_forged_forwarded_for_when_reached_directly():
    api = APIClient()
    with _throttled():
        codes = [
            api.get("/api/v1/streets/", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
            for n in range(4)
        ]
        assert codes == [200, 200, 200, 429]
        assert api.get("/api/v1/streets/", REMOTE_ADDR=RESIDENT).status_code == 200


@pytest.mark.django_db
def test_api_throttle_behind_one_proxy_counts_each_client(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    api = APIClient()
    with _throttled():
        behind_proxy = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": ATTACKER}
        assert [api.get("/api/v1/streets/", **behind_proxy).status_code for _n in range(4)] == [200, 200, 200, 429]
        forged = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"192.0.2.1, {ATTACKER}"}
        assert api.get("/api/v1/streets/", **forged).status_code == 429
        for n in range(4):
            other = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"198.51.100.{n + 10}"}
            assert api.get("/api/v1/streets/", **other).status_code == 200
