"""Session writes: photos prepared outside the transaction, idempotent logging by a one-time
token, the optimistic lock (version), photo files deleted with their rows, random photo names."""

import datetime
import importlib
import re
import uuid

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from core.photos import PreparedPhoto
from deliberations import services
from deliberations.models import Session, SessionPhoto
from deliberations.services import (
    NewPhoto,
    SessionChangedError,
    SessionData,
    session_delete,
    session_log,
    session_save,
    session_update,
)
from tests.factories import SessionFactory, UserFactory, png_upload

TZ = datetime.timezone(datetime.timedelta(hours=8))
RANDOM_PHOTO_NAME = re.compile(r"sessions/photos/[0-9a-f]{2}/[0-9a-f]{32}\.jpg")


def data(**overrides) -> SessionData:
    values = {
        "topic": "小区停车难协商",
        "starts_at": datetime.datetime(2020, 6, 1, 9, 0, tzinfo=TZ),
        "minutes": "居民代表发言。",
        "attendance": {"resident": 20},
    }
    values.update(overrides)
    return SessionData(**values)


@pytest.mark.django_db(transaction=True)
def test_photos_are_decoded_before_the_transaction_opens(convener, room, monkeypatch):
    """Decoding can take seconds: no transaction (and no row lock) is open while it runs."""
    seen = []
    original = services.photo_for_display

    def recording(upload):
        if not isinstance(upload, PreparedPhoto):  # a prepared photo passes through untouched
            seen.append(connection.in_atomic_block)
        return original(upload)

    monkeypatch.setattr(services, "photo_for_display", recording)
    session = session_log(room=room, author=convener, data=data(), photos=[NewPhoto(png_upload(), alt_text="现场")])
    session_update(
        session=session,
        author=convener,
        data=data(),
        photos=[NewPhoto(png_upload(), alt_text="现场")],
        expected_version=session.version,
    )
    session_save(
        session=Session.objects.get(pk=session.pk),
        author=convener,
        photos=[NewPhoto(png_upload(), alt_text="现场")],
        expected_version=2,
    )
    assert seen == [False, False, False]
    assert SessionPhoto.objects.filter(session=session).count() == 3


def test_the_same_client_token_logs_the_session_once(convener, room):
    token = uuid.uuid4()
    first = session_log(room=room, author=convener, data=data(), client_token=token)
    again = session_log(room=room, author=convener, data=data(topic="重复提交"), client_token=token)
    assert again.pk == first.pk and again.replayed and not first.replayed
    assert Session.objects.count() == 1 and Session.objects.get().client_token == token
    # Without a token every call logs a session (the old behaviour, for callers with no form).
    session_log(room=room, author=convener, data=data())
    assert Session.objects.count() == 2


def test_someone_elses_client_token_is_refused(convener, room, staff):
    token = uuid.uuid4()
    session_log(room=room, author=convener, data=data(), client_token=token)
    with pytest.raises(ValidationError) as error:
        session_log(room=room, author=staff, data=data(), client_token=token)
    assert "client_token" in error.value.message_dict
    assert Session.objects.count() == 1


def test_every_save_adds_one_to_the_version(convener, room, staff):
    session = session_log(room=room, author=convener, data=data())
    assert session.version == 1
    session = session_update(session=session, author=convener, data=data(place="新地点"), expected_version=1)
    assert session.version == 2
    session.minutes = "工作人员更正的纪要"
    session = session_save(session=session, author=staff, expected_version=2)
    assert Session.objects.get(pk=session.pk).version == 3


def test_a_stale_update_is_refused_and_says_what_changed(convener, room, staff):
    """Staff corrected the minutes and headcount; the convener's older form must not erase it."""
    session = session_log(room=room, author=convener, data=data())
    session_update(
        session=session,
        author=staff,
        data=data(minutes="工作人员更正的纪要", attendance={"resident": 25}),
        expected_version=1,
    )
    with pytest.raises(SessionChangedError) as error:
        session_update(session=session, author=convener, data=data(minutes="召集人的旧稿"), expected_version=1)
    assert "已被他人修改" in error.value.messages[0]
    assert "纪要" in error.value.changes
    assert any("居民群众 20→25" in change for change in error.value.changes)
    session.refresh_from_db()
    assert session.minutes == "工作人员更正的纪要" and session.version == 2
    assert session.attendance.get().headcount == 25


def test_a_stale_admin_save_is_refused(convener, room, staff):
    session = session_log(room=room, author=convener, data=data())
    session_update(session=session, author=convener, data=data(minutes="召集人改过"), expected_version=1)
    stale = Session.objects.get(pk=session.pk)
    stale.minutes = "工作人员基于旧版本的修改"
    with pytest.raises(SessionChangedError):
        session_save(session=stale, author=staff, expected_version=1)
    assert Session.objects.get(pk=session.pk).minutes == "召集人改过"


def test_photos_are_stored_under_random_names(convener, room):
    upload = png_upload("居民王芳_13912345678_家门口.png")
    session = session_log(room=room, author=convener, data=data(), photos=[NewPhoto(upload, alt_text="现场")])
    name = session.photos.get().image.name
    assert RANDOM_PHOTO_NAME.fullmatch(name), name
    assert "王芳" not in name and "13912345678" not in name


def test_deleting_a_session_deletes_its_photo_files_after_commit(convener, room, django_capture_on_commit_callbacks):
    session = session_log(
        room=room, author=convener, data=data(), photos=[NewPhoto(png_upload(), alt_text="现场") for _ in range(2)]
    )
    names = [photo.image.name for photo in session.photos.all()]
    assert all(default_storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        session_delete(session=session, author=convener)
    assert all(default_storage.exists(name) for name in names)  # not before the commit
    for callback in callbacks:
        callback()
    assert not any(default_storage.exists(name) for name in names)
    assert not SessionPhoto.objects.exists()


def test_removed_and_replaced_photos_lose_their_files_after_commit(
    convener, room, staff, django_capture_on_commit_callbacks
):
    session = session_log(
        room=room, author=convener, data=data(), photos=[NewPhoto(png_upload(), alt_text="现场") for _ in range(2)]
    )
    removed, replaced = session.photos.order_by("pk")
    old_names = [removed.image.name, replaced.image.name]
    with django_capture_on_commit_callbacks(execute=True):
        session_save(
            session=Session.objects.get(pk=session.pk),
            author=staff,
            remove_photos=[removed.pk],
            photo_changes=[services.PhotoChange(photo=replaced.pk, alt_text="新照片", file=png_upload("new.png"))],
        )
    assert not any(default_storage.exists(name) for name in old_names)
    kept = SessionPhoto.objects.get()
    assert kept.pk == replaced.pk and default_storage.exists(kept.image.name)
    assert RANDOM_PHOTO_NAME.fullmatch(kept.image.name)


def test_the_migration_moves_old_photo_names_to_random_ones(room):
    session = SessionFactory(room=room, created_by=UserFactory())
    old_name = default_storage.save("sessions/2020/06/居民王芳_13912345678_家门口.jpg", ContentFile(b"jpeg bytes"))
    photo = SessionPhoto.objects.create(session=session, image=old_name, alt_text="现场")
    migration = importlib.import_module("deliberations.migrations.0002_session_version_client_token_photo_names")
    migration.rename_photos_randomly(django_apps, None)
    photo.refresh_from_db()
    assert RANDOM_PHOTO_NAME.fullmatch(photo.image.name)
    assert not default_storage.exists(old_name)
    with default_storage.open(photo.image.name) as moved:
        assert moved.read() == b"jpeg bytes"
    migration.rename_photos_randomly(django_apps, None)  # a random name stays as it is
    assert SessionPhoto.objects.get().image.name == photo.image.name


def test_the_room_photo_migration_moves_old_names_to_random_ones(room):
    from rooms.models import Room

    old_name = default_storage.save("rooms/王芳家门口_13912345678.jpg", ContentFile(b"room photo"))
    Room.objects.filter(pk=room.pk).update(photo=old_name)
    migration = importlib.import_module("rooms.migrations.0003_room_photo_random_names")
    migration.rename_room_photos_randomly(django_apps, None)
    room.refresh_from_db()
    assert re.fullmatch(r"rooms/[0-9a-f]{32}\.jpg", room.photo.name)
    assert not default_storage.exists(old_name)
    with default_storage.open(room.photo.name) as moved:
        assert moved.read() == b"room photo"
