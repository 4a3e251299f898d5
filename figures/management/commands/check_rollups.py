import time

from django.core.management.base import BaseCommand, CommandError

from figures import rollups

LABELS = {"room_month": "议事室月度", "room": "议事室", "street_month": "街道月度"}


class Command(BaseCommand):
    help = (
        "核对汇总与原始记录（按集合比较），有差异时列出键并以非零状态退出。"
        "Compare the rollups with the raw counts; exit non-zero listing the keys that differ."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=50, help="每类最多列出的差异键数（默认 50）。")

    def handle(self, *args, limit, **options):
        started = time.monotonic()
        differences = rollups.differences(limit=limit)
        elapsed = time.monotonic() - started
        if not any(differences.values()):
            self.stdout.write(self.style.SUCCESS(f"汇总与原始记录一致（用时 {elapsed:.1f} 秒）。"))
            return
        for level, keys in differences.items():
            if keys:
                self.stdout.write(f"{LABELS[level]}（{level}）不一致：{', '.join(map(str, keys))}")
        raise CommandError("汇总与原始记录不一致：运行 manage.py rebuild_rollups 重新计算。")
