"""The portal speaks English when the browser asks for it, and Chinese by default."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from rooms.models import Room

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_home_in_english_when_the_browser_asks_for_it(client):
    response = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in html
    for text in ("Home", "Deliberation sessions", "Livelihood issues", "Log in", "District at a glance"):
        assert text in html, text
    assert "Upcoming deliberation sessions" in html
    assert "首页" not in html
    assert "全区数据" not in html


@pytest.mark.django_db
def test_home_in_chinese_by_default(client):
    response = client.get(reverse("portal:home"))
    html = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="zh-CN">' in html
    for text in ("首页", "议事活动", "民生问题", "登录", "全区数据"):
        assert text in html, text
    assert "District at a glance" not in html
    assert "Log in" not in html


def test_model_names_are_translated():
    with translation.override("en"):
        assert str(Room._meta.verbose_name) == "Consultation room"
    with translation.override("zh-hans"):
        assert str(Room._meta.verbose_name) == "协商议事室"


def test_english_catalogue_is_complete():
    """Every entry in locale/en has a non-fuzzy translation with the same placeholders."""
    result = subprocess.run(
        [sys.executable, "scripts/translate_po_check.py"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_cached_statistics_keep_one_copy_per_language(client):
    """Breakdown labels are translated when computed: an English visitor must not leave English
    labels in the cache for the next Chinese visitor, and months follow the language."""
    from tests.factories import AttendanceFactory

    AttendanceFactory(headcount=9)  # one held session in 2020年6月
    english = client.get("/stats/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "June 2020" in english
    chinese = client.get("/stats/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "2020年6月" in chinese
    assert "June 2020" not in chinese
    assert "社区" in chinese
