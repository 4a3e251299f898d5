"""Security headers on every answer: the Content-Security-Policy, Referrer-Policy,
Cross-Origin-Opener-Policy, X-Frame-Options, HttpOnly cookies; no template carries an inline
script, handler or style the policy would block; the API docs work without inline script."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def policy_of(response):
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.mark.parametrize("url", ["/", "/issues/", "/accounts/login/", "/api/v1/rooms/", "/api/docs/"])
def test_every_answer_carries_the_policy_and_the_other_headers(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert policy_of(response) == POLICY
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_session_and_csrf_cookies_are_hidden_from_scripts(client):
    response = client.get(reverse("login"))
    assert response.cookies["csrftoken"]["httponly"] is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


def template_files():
    folders = {ROOT / "templates"}
    for config in apps.get_app_configs():
        folder = Path(config.path) / "templates"
        if folder.is_dir() and ROOT in folder.parents and ".venv" not in folder.parts:
            folders.add(folder)
    return sorted(path for folder in folders for path in folder.rglob("*.html"))


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)


def test_no_template_has_inline_script_handler_or_style():
    files = template_files()
    assert ROOT / "templates" / "admin" / "base_site.html" in files
    found = []
    for path in files:
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, HANDLER, STYLE):
            found += [f"{path.relative_to(ROOT)}: {match.group(0)}" for match in pattern.finditer(text)]
    assert not found


def test_swagger_ui_loads_its_init_script_as_a_file(client):
    page = client.get("/api/docs/").content.decode()
    assert not INLINE_SCRIPT.search(page) and not STYLE.search(page)
    script_url = re.search(r'<script src="([^"]*\?script=[^"]*)"', page).group(1).replace("&amp;", "&")
    script = client.get(script_url)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle(" in script.content.decode()


def test_redoc_page_hands_its_nonce_to_the_styles_redoc_writes(client):
    response = client.get("/api/redoc/")
    page = response.content.decode()
    assert not INLINE_SCRIPT.search(page) and not STYLE.search(page)
    policy = policy_of(response)
    nonce = re.search(r"'nonce-([^']+)'", policy["style-src"]).group(1)
    assert f'nonce="{nonce}"' in page
    assert policy["script-src"] == "'self'"  # scripts are never relaxed
    assert policy["worker-src"] == "'self' blob:"
    # Other pages get no nonce.
    assert "nonce" not in client.get("/").headers["Content-Security-Policy"]
