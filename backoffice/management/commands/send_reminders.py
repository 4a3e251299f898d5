import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from announcements.services import signup_reminders_send
from backoffice.reminders import reminders_due, reminders_send
from notifications.services import deliveries_sweep

LABELS = {"daily": "承办单位每日提醒", "weekly": "召集人每周提醒", "monthly": "月度报告"}


class Command(BaseCommand):
    help = (
        "发送每日提醒（承办单位）、每周提醒（召集人，周一）和月度报告（区政协机关，每月1日）；"
        "同一天重复运行不会重复发送。Send the daily, weekly and monthly reminders; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="把这一天当作今天（YYYY-MM-DD），用于补发和测试。Pretend today is this day.")
        parser.add_argument("--dry-run", action="store_true", help="只显示将要发送的提醒，不发送。Print, send nothing.")
        parser.add_argument("--weekly", action="store_true", help="不是周一也发送每周提醒。Force the weekly reminders.")
        parser.add_argument("--monthly", action="store_true", help="不是1日也发送月度报告。Force the monthly report.")

    def handle(self, *args, date=None, dry_run=False, weekly=False, monthly=False, **options):
        started = timezone.now()
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"日期格式不对：“{date}”，请写成 YYYY-MM-DD，例如 2020-08-26。") from error
        else:
            today = timezone.localdate()
        reminders = reminders_due(today, weekly=weekly, monthly=monthly)
        if dry_run:
            self.stdout.write(f"{today.isoformat()} 的提醒（试运行，不发送）：")
            for reminder in reminders:
                names = "、".join(user.get_username() for user in reminder.recipients)
                self.stdout.write(f"\n[{LABELS[reminder.kind]}] 发给 {names}\n{reminder.title}\n{reminder.body}")
            counts = {kind: sum(len(r.recipients) for r in reminders if r.kind == kind) for kind in LABELS}
            self.stdout.write("\n将排队：" + "，".join(f"{LABELS[kind]} {n} 条" for kind, n in counts.items()) + "。")
            return
        queued = reminders_send(reminders)
        signups_reminded = signup_reminders_send(today=today)  # residents signed up for tomorrow's sessions
        # Deliveries that were due before this run (retries, a worker that died); the ones this
        # run just queued are already with the worker.
        swept = deliveries_sweep(now=started)
        self.stdout.write(
            f"{today.isoformat()} 已排队："
            + "，".join(f"{LABELS[kind]} {n} 条" for kind, n in queued.items())
            + f"，报名居民活动前一天提醒 {signups_reminded} 条"
            + f"；另有 {swept} 条待发送消息交给后台任务重试。"
        )
