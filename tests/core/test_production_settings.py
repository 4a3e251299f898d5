"""Production settings: refuse a missing, short or development secret key with a message that
says how to make one; HTTPS settings (SSL redirect, HSTS, secure cookies) follow DJANGO_HTTPS;
`check --deploy` is clean over HTTPS and, over plain HTTP, reports only what plain HTTP implies."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "a-real-secret-key-for-the-test-0123456789-abcdefghij"
HOW_TO = "python -c 'import secrets; print(secrets.token_urlsafe(50))'"

# Each test starts Django in a fresh Python process (seconds each), and none reads a database.
pytestmark = [pytest.mark.slow, pytest.mark.database_agnostic]


def run_python(code, extra_env):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DJANGO_SETTINGS_MODULE": "chongchuan.settings.production", "DJANGO_ALLOWED_HOSTS": "example.org"})
    env.update(extra_env)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def run_check(extra_env):
    return run_python(
        "import django; django.setup(); from django.core.management import call_command; call_command('check')",
        extra_env,
    )


DEPLOY_CHECKS = """
import django, json
django.setup()
from django.core import checks
messages = checks.run_checks(include_deployment_checks=True)
print(json.dumps(sorted(m.id for m in messages if not m.is_silenced())))
"""

SETTINGS = """
import django, json
django.setup()
from django.conf import settings as s
names = ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
         "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY",
         "SECURE_REFERRER_POLICY", "SECURE_CROSS_ORIGIN_OPENER_POLICY", "X_FRAME_OPTIONS", "DEBUG"]
print(json.dumps({name: getattr(s, name) for name in names}))
"""


def test_production_without_secret_key_stops_with_a_clear_message():
    result = run_check({})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY 未设置" in result.stderr
    assert HOW_TO in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "short-key-0123456789",  # fewer than 50 characters
        "ab" * 30,  # fewer than 5 different characters
        "insecure-" + "0123456789abcdefghij" * 3,  # marked insecure
        "insecure-local-key-change-me",  # the development default
    ],
)
def test_a_weak_or_default_secret_key_is_refused(key):
    result = run_check({"DJANGO_SECRET_KEY": key})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY 太短、太简单或是开发默认值" in result.stderr
    assert "too short, too simple or the development default" in result.stderr
    assert HOW_TO in result.stderr


def test_production_with_secret_key_starts():
    result = run_check({"DJANGO_SECRET_KEY": GOOD_KEY})
    assert result.returncode == 0, result.stderr


def test_deploy_check_is_clean_over_https():
    result = run_python(DEPLOY_CHECKS, {"DJANGO_SECRET_KEY": GOOD_KEY})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    # The same through the management command, as an operator runs it.
    command = run_python(
        "import django; django.setup(); from django.core.management import call_command;"
        " call_command('check', deploy=True, fail_level='WARNING')",
        {"DJANGO_SECRET_KEY": GOOD_KEY},
    )
    assert command.returncode == 0, command.stderr
    assert "no issues" in command.stdout


def test_https_settings_are_on_by_default():
    result = run_python(SETTINGS, {"DJANGO_SECRET_KEY": GOOD_KEY})
    assert json.loads(result.stdout) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        "X_FRAME_OPTIONS": "DENY",
        "DEBUG": False,
    }
    shorter = run_python(SETTINGS, {"DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_HSTS_SECONDS": "3600"})
    assert json.loads(shorter.stdout)["SECURE_HSTS_SECONDS"] == 3600


def test_plain_http_intranet_turns_https_off_and_reports_only_what_that_implies():
    env = {"DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_HTTPS": "false"}
    values = json.loads(run_python(SETTINGS, env).stdout)
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert values["SESSION_COOKIE_SECURE"] is False and values["CSRF_COOKIE_SECURE"] is False
    assert values["SESSION_COOKIE_HTTPONLY"] is True and values["X_FRAME_OPTIONS"] == "DENY"
    result = run_python(DEPLOY_CHECKS, env)
    assert json.loads(result.stdout) == ["security.W004", "security.W008", "security.W012", "security.W016"]
