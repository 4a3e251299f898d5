import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from deliberations.models import Session
from demo.province import ProvinceLoader
from issues.models import Issue
from rooms.models import Room, Street

SQLITE_LIMIT = 5_000  # sessions: larger sets need PostgreSQL (COPY)


class Command(BaseCommand):
    help = (
        "载入省级规模的测试数据（默认 2 万个议事室、100 万场议事活动、60 万个民生问题），用于性能测量。"
        "Load a province-scale data set into an empty database (PostgreSQL for the default size)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rooms", type=int, default=20_000, help="议事室数（默认 20000）。")
        parser.add_argument("--sessions", type=int, default=1_000_000, help="已举行的议事活动场次（默认 1000000）。")
        parser.add_argument("--issues", type=int, default=600_000, help="民生问题数（默认 600000）。")
        parser.add_argument("--flush", action="store_true", help="先清空数据库（flush）。Empty the database first.")

    def handle(self, *args, rooms, sessions, issues, flush, **options):
        if min(rooms, sessions, issues) < 1:
            raise CommandError("--rooms、--sessions 和 --issues 都必须是正整数。")
        if connection.vendor != "postgresql" and sessions > SQLITE_LIMIT:
            raise CommandError(
                f"超过 {SQLITE_LIMIT} 场的数据量需要 PostgreSQL（设置 DATABASE_URL);SQLite 只用于小规模测试。"
            )
        if flush:
            call_command("flush", interactive=False, verbosity=0)
        elif Room.objects.exists() or Street.objects.exists() or Session.objects.exists() or Issue.objects.exists():
            raise CommandError("数据库不是空的：请在空数据库中运行，或加 --flush 先清空。")
        self.stdout.write(f"载入省级数据：{rooms} 个议事室，{sessions} 场议事活动，{issues} 个民生问题……")
        started = time.monotonic()
        loader = ProvinceLoader(rooms=rooms, sessions=sessions, issues=issues, log=self.stdout.write)
        counts = loader.run()
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"完成，用时 {elapsed:.1f} 秒。"))
        for label, count in counts.items():
            self.stdout.write(f"  {label}: {count:,}")
