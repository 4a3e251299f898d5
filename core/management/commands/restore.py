"""`manage.py restore PATH [--yes]`: put a backup archive back into the configured database.

Restores the database (PostgreSQL: pg_restore; SQLite: the file's contents) and the media files,
checks row counts and file checksums against the archive's manifest, then runs `migrate` (for an
archive from an older version) and `createcachetable`. No `loaddata` is involved.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "从备份文件恢复数据库和上传文件。 Restore the database and the media folder from a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a chongchuan-backup-*.tar.gz written by `manage.py backup`")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="replace the contents of a database that already holds data",
        )

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"找不到备份文件：{path}。 (No such file.)")
        try:
            report = restore_backup(path, replace=options["yes"], stdout=self.stdout)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = report.manifest
        rows = sum(manifest["row_counts"].values())
        target = connection.settings_dict["NAME"]
        self.stdout.write(
            f"备份时间 (taken at)：{manifest['created_at']}，Django {manifest['django_version']}\n"
            f"目标数据库 (database)：{connection.vendor} {target}\n"
            f"数据表 (models) 核对：{report.counts_checked} 个，共 {rows} 行 (rows)\n"
            f"上传文件 (media files) 核对：{report.files_checked} 个"
        )
        if report.extra_files:
            self.stdout.write(
                f"另有 {report.extra_files} 个文件不在备份中，已保留。"
                f" ({report.extra_files} files not in the archive were left in place.)"
            )
        if not report.ok:
            lines = [
                f"  {label}：备份 (archive) {want}，恢复后 (restored) {got}"
                for label, (want, got) in sorted(report.count_mismatches.items())
            ]
            lines += [f"  文件校验不符 (checksum differs)：{name}" for name in report.file_mismatches]
            raise CommandError("恢复后核对不一致 (verification failed)：\n" + "\n".join(lines))
        self.stdout.write(
            self.style.SUCCESS(
                "恢复完成，行数和文件校验值与备份一致。\n"
                "Restore complete: row counts and file checksums match the archive."
            )
        )
