import time

from django.core.management.base import BaseCommand

from core.cache import invalidate_statistics
from figures import rollups


class Command(BaseCommand):
    help = "从原始记录重新计算全部汇总（议事室月度、议事室、街道月度）。Rebuild every rollup from the raw rows."

    def handle(self, *args, **options):
        started = time.monotonic()
        rollups.rebuild()
        invalidate_statistics()
        self.stdout.write(self.style.SUCCESS(f"汇总已重新计算（用时 {time.monotonic() - started:.1f} 秒）。"))
