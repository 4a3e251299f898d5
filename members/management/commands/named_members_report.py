from django.core.management.base import BaseCommand
from django.utils import timezone

from members.selectors import sessions_naming_more_than_counted


class Command(BaseCommand):
    help = (
        "列出点名的政协委员多于“政协委员”人数的议事活动（数据库触发器启用前录入的旧数据）。"
        "Lists sessions written before the database rule whose named members outnumber the headcount."
    )

    def handle(self, *args, **options):
        sessions = list(sessions_naming_more_than_counted())
        for session in sessions:
            day = timezone.localtime(session.starts_at).date().isoformat()
            counts = f"点名 {session.named} 位，人数 {session.counted}"
            self.stdout.write(f"{session.pk}\t{day}\t{session.room.name}\t{session.topic}\t{counts}")
        self.stdout.write(f"共 {len(sessions)} 场。" if sessions else "没有这样的议事活动。")
        if sessions:
            self.stdout.write("请召集人或区政协机关逐场核对：补足政协委员人数，或去掉多点名的委员。")
