"""The session services directly (the API calls them too): all or nothing, files included."""

import datetime
import os
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from deliberations.models import Attendance, Session, SessionPhoto
from deliberations.services import NewIssue, NewPhoto, SessionData, session_log, session_update
from issues.models import Issue, IssueUpdate
from tests.factories import IssueFactory, png_upload

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def stored_files():
    found = set()
    for folder, _dirs, files in os.walk(settings.MEDIA_ROOT):
        found.update(os.path.join(folder, name) for name in files)
    return found


def data(**overrides):
    values = {
        "topic": "服务层测试",
        "starts_at": datetime.datetime(2020, 6, 1, 9, 0, tzinfo=TZ),
        "attendance": {"resident": 12, "cppcc_member": 2},
    }
    values.update(overrides)
    return SessionData(**values)


def test_a_failure_late_in_the_save_leaves_nothing_behind(convener, room, category):
    before = stored_files()
    with pytest.raises(ValidationError):
        session_log(
            room=room,
            author=convener,
            data=data(),
            photos=[NewPhoto(file=png_upload(), alt_text="现场")],
            new_issues=[NewIssue(title="好问题", category=category), NewIssue(title="缺类别", category=None)],
        )
    assert not Session.objects.exists() and not Attendance.objects.exists()
    assert not Issue.objects.exists() and not IssueUpdate.objects.exists() and not SessionPhoto.objects.exists()
    assert stored_files() == before, "a rolled-back photo left its file on disk"


def test_issue_of_another_room_cannot_be_linked(convener, room, other_room):
    foreign = IssueFactory(room=other_room)
    with pytest.raises(ValidationError):
        session_log(room=room, author=convener, data=data(), deliberated_issues=[foreign])
    assert not Session.objects.exists()


def test_convener_of_another_room_is_refused(other_convener, room):
    with pytest.raises(PermissionDenied):
        session_log(room=room, author=other_convener, data=data())
    assert not Session.objects.exists()


def test_removed_photos_lose_their_files_on_commit(convener, room, django_capture_on_commit_callbacks):
    session = session_log(room=room, author=convener, data=data(), photos=[NewPhoto(file=png_upload(), alt_text="a")])
    photo = session.photos.get()
    path = photo.image.path
    assert os.path.exists(path)
    with django_capture_on_commit_callbacks(execute=True):
        session_update(session=session, author=convener, data=data(), remove_photos=[photo.pk])
    assert not session.photos.exists() and not os.path.exists(path)
