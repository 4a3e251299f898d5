"""`manage.py backup` and `manage.py restore`: a round trip gives back every row and every file.

Runs against the configured database: SQLite by default (the online backup API), PostgreSQL when
DATABASE_URL points at it (pg_dump / pg_restore into the test database, never the real one).
"""

import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from core.backup import database_is_empty, row_counts, sha256_of
from deliberations.models import Session, SessionPhoto
from issues.models import Issue
from tests.factories import AttendanceFactory, IssueFactory, SessionPhotoFactory, TopicSuggestionFactory

# Each restore runs `migrate` and each test flushes a real database (seconds each).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def site(media):
    """A little of everything: sessions with attendance and photos, issues, a suggestion."""
    photos = SessionPhotoFactory.create_batch(2)
    AttendanceFactory(session=photos[0].session)
    IssueFactory.create_batch(3, raised_in=photos[0].session)
    TopicSuggestionFactory()
    (media / "rooms").mkdir(parents=True, exist_ok=True)
    (media / "rooms" / "门牌.jpg").write_bytes(b"not really a jpeg, but a file all the same")
    return photos


def checksums(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): sha256_of(p) for p in sorted(root.rglob("*")) if p.is_file()}


def wipe(media: Path):
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)


def backup(tmp_path) -> Path:
    target = tmp_path / "backups" / "site.tar.gz"
    call_command("backup", output=str(target), stdout=open("/dev/null", "w"))
    return target


def test_round_trip_gives_back_every_row_and_every_file(site, media, tmp_path, capsys):
    counts, files = row_counts(), checksums(media)
    archive = backup(tmp_path)

    wipe(media)
    assert Session.objects.count() == 0 and not media.exists()

    call_command("restore", str(archive))
    out = capsys.readouterr().out
    assert "恢复完成" in out and "Restore complete" in out
    assert row_counts() == counts
    assert checksums(media) == files
    photo = SessionPhoto.objects.get(pk=site[0].pk)
    assert (media / photo.image.name).is_file()
    # Sequences came back too: a new row does not collide with a restored one.
    highest = Issue.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert IssueFactory().pk > highest


def test_the_manifest_describes_the_archive(site, media, tmp_path):
    archive = backup(tmp_path)
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["database"]["file"] in names
    assert manifest["row_counts"]["deliberations.session"] == Session.objects.count()
    assert manifest["row_counts"]["issues.issue"] == 3
    assert manifest["migrations"]["deliberations"].startswith("00")
    assert set(manifest["media"]) == {f"media/{name}" for name in checksums(media)}
    assert set(manifest["media"]) <= names
    assert manifest["media"]["media/rooms/门牌.jpg"]["sha256"] == sha256_of(media / "rooms" / "门牌.jpg")


def test_restore_refuses_a_database_with_data_unless_told(site, media, tmp_path):
    archive = backup(tmp_path)
    assert not database_is_empty()
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive))

    # Rows written after the backup are replaced by the archive's rows with --yes.
    IssueFactory.create_batch(2)
    call_command("restore", str(archive), yes=True, stdout=open("/dev/null", "w"))
    assert Issue.objects.count() == 3


def test_restore_reports_a_damaged_media_file(site, media, tmp_path):
    archive = backup(tmp_path)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "media/rooms/门牌.jpg":
                data = b"changed" + data
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    wipe(media)
    with pytest.raises(CommandError, match="media/rooms/门牌.jpg"):
        call_command("restore", str(damaged), stdout=open("/dev/null", "w"))


def test_a_file_that_is_not_an_archive_is_refused_in_chinese(db, tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"hello")
    with pytest.raises(CommandError, match="不是有效的备份文件"):
        call_command("restore", str(bogus))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL round trip: set DATABASE_URL to PostgreSQL")
def test_postgresql_round_trip_uses_pg_dump_and_restores_into_the_test_database(site, media, tmp_path):
    counts = row_counts()
    archive = backup(tmp_path)
    with tarfile.open(archive) as tar:
        assert tar.getmember("database.dump").size > 0
        assert tar.extractfile("database.dump").read(5) == b"PGDMP"
    assert connection.settings_dict["NAME"].startswith("test_")
    wipe(media)
    call_command("restore", str(archive), stdout=open("/dev/null", "w"))
    assert row_counts() == counts
    assert AttendanceFactory().pk
