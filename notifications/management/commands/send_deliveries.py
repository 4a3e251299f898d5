from django.core.management.base import BaseCommand

from notifications.services import deliveries_sweep


class Command(BaseCommand):
    help = "把到期待发送的消息交给后台任务（重试失败的投递）。Queue the pending deliveries that are due."

    def handle(self, *args, **options):
        count = deliveries_sweep()
        self.stdout.write(f"已排队 {count} 条待发送消息。")
