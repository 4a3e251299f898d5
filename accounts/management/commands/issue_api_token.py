"""`manage.py issue_api_token <username> [--name 用途] [--days N]`: issue an API token and print
the key (only the key, on one line, for scripts). The key is not stored: keep it now."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.services import api_token_issue


class Command(BaseCommand):
    help = "签发接口令牌并打印（令牌只显示这一次）。"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="命令行签发", help="用途")
        parser.add_argument("--days", type=int, default=None, help="有效天数（默认 API_TOKEN_LIFETIME_DAYS）")

    def handle(self, *args, username, name, days, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"用户“{username}”不存在。") from None
        expires_at = timezone.now() + datetime.timedelta(days=days) if days else None
        try:
            _token, key = api_token_issue(user=user, name=name, expires_at=expires_at)
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from None
        self.stdout.write(key)
