"""The files in deploy/ are checked by their own tools, and agree with the settings."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"

# nginx, systemd and the static files: nothing here reads the database.
pytestmark = pytest.mark.database_agnostic


@pytest.mark.skipif(
    not (shutil.which("nginx") and shutil.which("systemd-analyze") and shutil.which("openssl")),
    reason="nginx, openssl and systemd-analyze are needed to check the deploy files",
)
def test_nginx_and_systemd_accept_the_deploy_files():
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "check_deploy_files.sh")], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def settings_variables() -> set[str]:
    names = set()
    for path in (ROOT / "chongchuan" / "settings").glob("*.py"):
        names |= set(re.findall(r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]+)\"", path.read_text()))
    return names


def test_env_example_lists_every_variable_the_settings_read():
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", (DEPLOY / "env.example").read_text(), re.MULTILINE))
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "CACHE_URL"} <= settings_variables()
    assert settings_variables() - listed == set()


def test_nginx_accepts_bodies_at_least_as_large_as_the_application():
    conf = (DEPLOY / "nginx" / "chongchuan.conf").read_text()
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", conf).group(1))
    assert megabytes * 1024 * 1024 >= max(64 * 1024 * 1024, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf


def test_every_static_file_a_template_names_exists():
    """With hashed names (manifest storage) a missing file breaks the page in production."""
    pattern = re.compile(r"\{%\s*static\s+['\"]([^'\"]+)['\"]")
    named = {
        name
        for path in ROOT.glob("**/templates/**/*.html")
        if ".venv" not in path.parts
        for name in pattern.findall(path.read_text())
    }
    assert named
    assert {name for name in named if not finders.find(name)} == set()


@pytest.mark.slow
def test_collectstatic_works_with_hashed_names(tmp_path):
    # The hashing and the rewritten references are Django's manifest storage, which production's
    # whitenoise storage extends; whitenoise's gzip and Brotli pass on top would take this test from
    # seconds to minutes, and is whitenoise's own to test.
    manifest = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    with override_settings(STATIC_ROOT=tmp_path, STORAGES={**settings.STORAGES, "staticfiles": manifest}):
        call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").is_file()
    assert list(tmp_path.glob("css/*.*.css"))
