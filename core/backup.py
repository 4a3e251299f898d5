"""One archive holds the whole site: the database and the uploaded files, taken consistently.

`manage.py backup` and `manage.py restore` are thin wrappers around `make_backup` and
`restore_backup`. The archive (tar.gz) holds:

    manifest.json         Django version, database engine, last migration per app, row counts per
                          model, SHA-256 and size of every media file
    database.dump         PostgreSQL: `pg_dump -Fc` (one snapshot)
    database.sqlite3      SQLite: a copy made with SQLite's online backup API
    media/...             MEDIA_ROOT, copied after the database snapshot
    files/<alias>/...     any other file-system storage in STORAGES (a protected folder, say)

Consistency rule: a photo's file is written to MEDIA_ROOT before the row that names it commits,
so media copied *after* the database snapshot holds every file the snapshot refers to. Files added
or deleted later are at worst orphans (a file no row names), which are harmless.

On PostgreSQL the row counts in the manifest are read inside the same exported snapshot that
pg_dump uses (`pg_dump --snapshot`), on SQLite from the copied file itself, so the counts always
describe exactly the rows in the archive, even while the site keeps taking writes.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP_NAME = "database.dump"
SQLITE_NAME = "database.sqlite3"
MEDIA_PREFIX = "media/"
ARCHIVE_PREFIX = "chongchuan-backup-"
# Rows that `migrate` itself creates in an empty database: such a database counts as empty.
CREATED_BY_MIGRATE = {"auth.permission", "contenttypes.contenttype"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is shown to the operator as is."""


@dataclass
class RestoreReport:
    manifest: dict
    counts_checked: int = 0
    count_mismatches: dict = field(default_factory=dict)
    files_checked: int = 0
    file_mismatches: list = field(default_factory=list)
    extra_files: int = 0

    @property
    def ok(self) -> bool:
        return not self.count_mismatches and not self.file_mismatches


# --- what the database holds ------------------------------------------------------------------


def counted_models():
    """Every concrete model with a table, auto-created many-to-many tables included."""
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        yield model


def row_counts(using_cursor=None) -> dict[str, int]:
    """Rows per model, keyed by `app_label.model_name`; read through `using_cursor` when given
    (a cursor on a copy of the database), else through Django's connection."""
    existing = set(connection.introspection.table_names())
    counts = {}
    for model in counted_models():
        table = model._meta.db_table
        if using_cursor is not None:
            try:
                using_cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            except sqlite3.OperationalError:
                continue  # the table is not in this copy (a model newer than the archive)
            counts[model._meta.label_lower] = using_cursor.fetchone()[0]
        elif table in existing:
            counts[model._meta.label_lower] = model._base_manager.using(connection.alias).count()
    return counts


def last_migrations(recorder_rows) -> dict[str, str]:
    """The last applied migration per app (names are numbered, so the greatest is the last)."""
    latest: dict[str, str] = {}
    for app, name in recorder_rows:
        if name > latest.get(app, ""):
            latest[app] = name
    return dict(sorted(latest.items()))


def database_is_empty() -> bool:
    """True when the database has no tables, or only the rows `migrate` writes by itself."""
    counts = row_counts()
    return not any(n for label, n in counts.items() if label not in CREATED_BY_MIGRATE)


# --- PostgreSQL helpers -----------------------------------------------------------------------


def _pg_env() -> dict[str, str]:
    """libpq environment for pg_dump / pg_restore from Django's connection settings, so the
    tools reach the very database Django uses (the test database inside tests)."""
    params = connection.settings_dict
    env = dict(os.environ)
    mapping = {
        "PGDATABASE": params.get("NAME"),
        "PGUSER": params.get("USER"),
        "PGPASSWORD": params.get("PASSWORD"),
        "PGHOST": params.get("HOST"),
        "PGPORT": str(params.get("PORT") or ""),
    }
    for key, value in mapping.items():
        if value:
            env[key] = str(value)
        else:
            env.pop(key, None)
    options = params.get("OPTIONS") or {}
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
        ("service", "PGSERVICE"),
    ):
        if options.get(option):
            env[variable] = str(options[option])
    return env


def _run(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{args[0]} 失败。 ({args[0]} failed.)\n{result.stderr.strip()}")


def _dump_postgresql(target: Path) -> tuple[dict, dict]:
    """pg_dump in custom format from an exported snapshot; counts and migrations read in the
    same snapshot."""
    if shutil.which("pg_dump") is None:
        raise BackupError("找不到 pg_dump，请安装 postgresql-client。 (pg_dump is not on PATH.)")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = row_counts()
            migrations = last_migrations(MigrationRecorder.Migration.objects.values_list("app", "name"))
            # The snapshot stays valid while this transaction is open.
            _run(["pg_dump", "-Fc", "--no-owner", f"--snapshot={snapshot}", "-f", str(target)], _pg_env())
    return counts, migrations


def _restore_postgresql(source: Path) -> None:
    if shutil.which("pg_restore") is None:
        raise BackupError("找不到 pg_restore，请安装 postgresql-client。 (pg_restore is not on PATH.)")
    # Tables the archive does not know (made by a newer migration) would survive --clean and
    # break the `migrate` that follows: drop every table first, in one statement.
    tables = connection.introspection.table_names()
    if tables:
        with transaction.atomic(), connection.cursor() as cursor:
            quoted = ", ".join(connection.ops.quote_name(t) for t in tables)
            cursor.execute(f"DROP TABLE IF EXISTS {quoted} CASCADE")
    connection.close()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "-d",
            _pg_env()["PGDATABASE"],
            str(source),
        ],
        _pg_env(),
    )


# --- SQLite helpers ---------------------------------------------------------------------------


def _raw_sqlite():
    connection.ensure_connection()
    return connection.connection


def _dump_sqlite(target: Path) -> tuple[dict, dict]:
    """Copy the live database page by page with SQLite's online backup API (a consistent copy
    even while others write), then read counts and migrations from the copy."""
    copy = sqlite3.connect(target)
    try:
        _raw_sqlite().backup(copy)
        cursor = copy.cursor()
        counts = row_counts(using_cursor=cursor)
        cursor.execute("SELECT app, name FROM django_migrations")
        migrations = last_migrations(cursor.fetchall())
    finally:
        copy.close()
    return counts, migrations


def _restore_sqlite(source: Path) -> None:
    """Replace the configured database's contents with the archived copy (the backup API in
    the other direction: it also works while the file is open, and for in-memory databases)."""
    if connection.in_atomic_block:
        raise BackupError("不能在事务中恢复数据库。 (Cannot restore inside a transaction.)")
    archived = sqlite3.connect(source)
    try:
        archived.backup(_raw_sqlite())
    finally:
        archived.close()


# --- media ------------------------------------------------------------------------------------


class _HashingReader:
    """Reads a file for tarfile while hashing exactly the bytes that go into the archive."""

    def __init__(self, handle):
        self.handle = handle
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.sha256.update(data)
        return data


def file_roots() -> dict[str, tuple[str, Path]]:
    """Every folder of uploaded files: MEDIA_ROOT (the `default` storage) and any other file
    system storage in STORAGES (a protected folder for private photos, say), static files
    excepted. Maps the storage alias to its prefix inside the archive and its folder."""
    from django.core.files.storage import FileSystemStorage, storages

    roots = {}
    for alias in settings.STORAGES:
        if alias == "staticfiles":
            continue
        storage = storages[alias]
        if isinstance(storage, FileSystemStorage):
            prefix = MEDIA_PREFIX if alias == "default" else f"files/{alias}/"
            roots[alias] = (prefix, Path(storage.location))
    # A folder inside another one is already covered by it.
    folders = {alias: folder.resolve() for alias, (_, folder) in roots.items()}
    for alias, folder in list(folders.items()):
        if any(other != alias and folder != up and folder.is_relative_to(up) for other, up in folders.items()):
            roots.pop(alias)
    return roots


def _media_files(root: Path):
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


# --- backup -----------------------------------------------------------------------------------


def archive_path(output: str | None) -> Path:
    """`output` may be a file name, a directory (a dated name is made in it) or None (./backups)."""
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"{ARCHIVE_PREFIX}{stamp}.tar.gz"
    if not output:
        return Path("backups") / name
    path = Path(output)
    if path.is_dir() or output.endswith(os.sep):
        return path / name
    return path


def make_backup(output: str | None = None) -> tuple[Path, dict]:
    target = archive_path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    roots = file_roots()
    with tempfile.TemporaryDirectory(prefix="chongchuan-backup-", dir=target.parent) as work:
        work = Path(work)
        if vendor == "postgresql":
            db_name = PG_DUMP_NAME
            counts, migrations = _dump_postgresql(work / db_name)
        elif vendor == "sqlite":
            db_name = SQLITE_NAME
            counts, migrations = _dump_sqlite(work / db_name)
        else:
            raise BackupError(f"不支持的数据库：{vendor}。 (Unsupported database engine.)")

        partial = work / "archive.tar.gz"
        media = {}
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work / db_name, arcname=db_name)
            # Media after the database snapshot (see the module docstring).
            for prefix, root in roots.values():
                for path in _media_files(root):
                    name = prefix + path.relative_to(root).as_posix()
                    try:
                        handle = path.open("rb")
                    except FileNotFoundError:
                        continue  # deleted since the listing: an orphan the snapshot does not name
                    with handle:
                        info = archive.gettarinfo(fileobj=handle, arcname=name)
                        reader = _HashingReader(handle)
                        archive.addfile(info, reader)
                    media[name] = {"sha256": reader.sha256.hexdigest(), "size": info.size}
            manifest = {
                "format": FORMAT,
                "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "django_version": django.get_version(),
                "database": {"vendor": vendor, "file": db_name},
                "migrations": migrations,
                "row_counts": dict(sorted(counts.items())),
                "file_roots": {alias: prefix for alias, (prefix, _) in roots.items()},
                "media": media,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(datetime.datetime.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
        # A failed backup never leaves a file that looks like a finished archive.
        os.replace(partial, target)
    return target, manifest


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` archives named chongchuan-backup-*.tar.gz in `directory`."""
    archives = sorted(directory.glob(f"{ARCHIVE_PREFIX}*.tar.gz"), key=lambda p: p.name, reverse=True)
    removed = archives[keep:]
    for path in removed:
        path.unlink()
    return removed


# --- restore ----------------------------------------------------------------------------------


def read_manifest(path: Path) -> dict:
    try:
        with tarfile.open(path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            manifest = json.load(member)
    except (OSError, KeyError, tarfile.TarError, json.JSONDecodeError) as error:
        raise BackupError(f"不是有效的备份文件：{path}（{error}）。 (Not a valid backup archive.)") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份格式 {manifest.get('format')} 不受支持。 (Unsupported archive format.)")
    return manifest


def _destinations(manifest: dict) -> dict[str, Path]:
    """Archive prefix -> the folder of the same storage in this installation."""
    roots = file_roots()
    destinations = {}
    for alias, prefix in manifest.get("file_roots", {"default": MEDIA_PREFIX}).items():
        if alias not in roots:
            raise BackupError(
                f"备份中有存储“{alias}”的文件，但当前设置中没有该存储。"
                f" (The archive holds files of storage {alias!r}, which these settings lack.)"
            )
        destinations[prefix] = roots[alias][1]
    return destinations


def _local_path(name: str, destinations: dict[str, Path]) -> Path:
    for prefix, folder in destinations.items():
        if name.startswith(prefix):
            return folder / name[len(prefix) :]
    raise BackupError(f"备份中的文件路径无法识别：{name}。 (Unknown file in the archive.)")


def _restore_media(extracted: Path, manifest: dict, report: RestoreReport) -> None:
    destinations = _destinations(manifest)
    for name in manifest["media"]:
        destination = _local_path(name, destinations)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(extracted / name, destination)
    known = {_local_path(name, destinations) for name in manifest["media"]}
    report.extra_files = sum(
        1 for folder in destinations.values() for path in _media_files(folder) if path not in known
    )


def verify(manifest: dict, report: RestoreReport) -> None:
    counts = row_counts()
    for label, expected in manifest["row_counts"].items():
        report.counts_checked += 1
        actual = counts.get(label)
        if actual != expected:
            report.count_mismatches[label] = (expected, actual)
    destinations = _destinations(manifest)
    for name, meta in manifest["media"].items():
        report.files_checked += 1
        path = _local_path(name, destinations)
        if not path.is_file() or sha256_of(path) != meta["sha256"]:
            report.file_mismatches.append(name)


def restore_backup(path: Path, *, replace: bool, stdout=None) -> RestoreReport:
    manifest = read_manifest(path)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"备份来自 {vendor} 数据库，当前配置的是 {connection.vendor}。"
            f" (The archive holds a {vendor} database; the configured one is {connection.vendor}.)"
        )
    if not replace and not database_is_empty():
        raise BackupError(
            "目标数据库已有数据；确认覆盖请加 --yes。 (The database is not empty; add --yes to replace its contents.)"
        )
    report = RestoreReport(manifest=manifest)
    with tempfile.TemporaryDirectory(prefix="chongchuan-restore-") as work:
        work = Path(work)
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(work, filter="data")
        database_file = work / manifest["database"]["file"]
        if vendor == "postgresql":
            _restore_postgresql(database_file)
        else:
            _restore_sqlite(database_file)
        _restore_media(work, manifest, report)
    # Checked before `migrate`: a data migration of a newer version may rightly change counts.
    verify(manifest, report)
    # An archive from an older version gets the newer migrations; the cache table is made if
    # missing (it is not a model, so a bare schema would lack it).
    call_command("migrate", interactive=False, verbosity=0, stdout=stdout or io.StringIO())
    call_command("createcachetable", verbosity=0)
    # Figures cached before the restore describe the old data.
    cache.clear()
    return report
