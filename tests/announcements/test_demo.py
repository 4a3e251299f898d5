"""The demo district has announced sessions with sign-ups (one full, with people waiting), results
in 公示 and past it, and comments with answers; loading it again changes nothing."""

import pytest
from django.utils import timezone

from announcements.models import Announcement, Comment, ResultNotice, SignUp
from demo.loader import load_demo

pytestmark = pytest.mark.django_db


def counts():
    return [model.objects.count() for model in (Announcement, SignUp, ResultNotice, Comment)]


def test_demo_announcements(demo, client):
    today = timezone.localdate()
    assert Announcement.objects.upcoming().count() >= 8
    full = Announcement.objects.with_signup_counts().filter(waitlisted_count__gt=0).first()
    assert full is not None and full.confirmed_count == full.capacity
    assert ResultNotice.objects.running(today).exists() and ResultNotice.objects.ended(today).exists()
    assert Comment.objects.filter(status="approved").exclude(answer="").exists()
    assert Comment.objects.filter(status="pending").exists()
    first = counts()
    load_demo(scale=1)
    assert counts() == first
    running = ResultNotice.objects.running(today).select_related("session").first()
    assert "公示中" in client.get(running.session.get_absolute_url()).content.decode()
