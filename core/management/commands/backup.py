"""`manage.py backup [--output PATH] [--keep N]`: one tar.gz with the database and the media.

See core/backup.py for what the archive holds and why it is consistent, and the README section
“备份与恢复 / Backup and restore” for the nightly timer and the restore drill.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, make_backup, prune


class Command(BaseCommand):
    help = "备份数据库和上传文件到一个 tar.gz 文件。 Back up the database and the media folder into one tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="archive file, or a directory for a dated chongchuan-backup-<time>.tar.gz (default ./backups/)",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="after a successful backup, keep only the newest N archives in the same directory (0: keep all)",
        )

    def handle(self, *args, **options):
        try:
            path, manifest = make_backup(options["output"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["row_counts"].values())
        files = len(manifest["media"])
        size = path.stat().st_size / (1024 * 1024)
        self.stdout.write(
            self.style.SUCCESS(
                f"备份完成：{path}（{size:.1f} MB，{rows} 行数据，{files} 个文件）。\n"
                f"Backup written: {path} ({size:.1f} MB, {rows} rows, {files} media files)."
            )
        )
        if options["keep"] > 0:
            removed = prune(Path(path).parent, options["keep"])
            if removed:
                self.stdout.write(f"已删除 {len(removed)} 个旧备份。 Removed {len(removed)} older archives.")
