"""Production refuses to start without a secret key, with a message that says why."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Each test starts `manage.py check` in a fresh Python process (seconds each).
pytestmark = pytest.mark.slow


def run_check(extra_env):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DJANGO_SETTINGS_MODULE": "chongchuan.settings.production", "DJANGO_ALLOWED_HOSTS": "example.org"})
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_without_secret_key_stops_with_a_clear_message():
    result = run_check({})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY 未设置" in result.stderr


def test_production_with_secret_key_starts():
    result = run_check({"DJANGO_SECRET_KEY": "a-real-secret-key-for-the-test-0123456789-abcdefghij"})
    assert result.returncode == 0, result.stderr
