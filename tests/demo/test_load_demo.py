"""load_demo is deterministic and idempotent, also against a partly filled database."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from accounts.groups import DISTRICT_STAFF_GROUP
from demo.loader import load_demo
from figures.models import MediaReport
from issues.models import Issue
from rooms.models import Room, Street

pytestmark = pytest.mark.slow  # each test loads the demo district, some twice


def table_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"accounts", "rooms", "deliberations", "issues", "portal"}
    }


@pytest.mark.django_db
def test_second_run_changes_nothing():
    load_demo()
    first = table_counts()
    titles = sorted(Issue.objects.values_list("title", flat=True))
    load_demo()
    assert table_counts() == first
    assert sorted(Issue.objects.values_list("title", flat=True)) == titles


@pytest.mark.django_db
def test_partly_filled_database_ends_as_one_consistent_district():
    Street.objects.create(name="陈桥街道", ordering=1)
    load_demo()
    full = table_counts()
    MediaReport.objects.filter(pk__in=list(MediaReport.objects.values_list("pk", flat=True)[:10])).delete()
    load_demo()
    assert table_counts() == full
    assert Room.objects.count() == 205
    assert Street.objects.filter(name="陈桥街道").count() == 1


@pytest.mark.django_db
def test_command_prints_figures_and_logins(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "协商议事室 205 个" in out
    assert "用户名 staff" in out and "用户名 convener" in out
    # The demo staff member works through the district staff group, without superuser rights.
    staff = get_user_model().objects.get(username="staff")
    assert staff.is_staff and not staff.is_superuser
    assert staff.groups.filter(name=DISTRICT_STAFF_GROUP).exists()
    assert staff.has_perm("accounts.add_apitoken") and staff.has_perm("axes.delete_accessattempt")
