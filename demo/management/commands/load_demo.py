import time

from django.core.management.base import BaseCommand

from demo.loader import (
    ARTICLE_DATE,
    CONVENER_LOGIN,
    CONVENER_ROOMS,
    LIAISON_DEPARTMENT,
    LIAISON_LOGIN,
    STAFF_LOGIN,
    STREET_STAFF_LOGIN,
    STREET_STAFF_STREET,
    load_demo,
)
from figures.selectors import district_totals


class Command(BaseCommand):
    help = "载入崇川区演示数据（可重复运行，不会产生重复记录）。Load the demo district; safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="活动数据的倍数（默认 1）。Multiplies the activity.")

    def handle(self, *args, scale, **options):
        started = time.monotonic()
        load_demo(scale=scale)
        elapsed = time.monotonic() - started
        totals = district_totals()
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪（用时 {elapsed:.1f} 秒）："))
        self.stdout.write(
            f"  协商议事室 {totals.rooms_active} 个；街道覆盖 {totals.street_coverage}%，社区覆盖 "
            f"{totals.community_coverage}%，界别覆盖 {totals.sector_coverage}%\n"
            f"  议事活动 {totals.sessions_held} 场次，参与 {totals.person_times} 人次，"
            f"解决民生问题 {totals.issues_resolved} 个\n"
            f"  媒体报道 {totals.media_reports} 次（其中中央、省级 {totals.media_reports_central_provincial} 次），"
            f"来访考察 {totals.visits} 批次"
        )
        then = district_totals(as_of=ARTICLE_DATE)
        self.stdout.write(
            f"  截至{ARTICLE_DATE.year}年{ARTICLE_DATE.month}月{ARTICLE_DATE.day}日（文章所说“至今年8月中旬”）："
            f"议事活动 {then.sessions_held} 场次，参与 {then.person_times} 人次，"
            f"解决民生问题 {then.issues_resolved} 个；"
            f"中央、省级媒体报道 {then.media_reports_central_provincial} 次，来访考察 {then.visits} 批次"
        )
        self.stdout.write("")
        self.stdout.write(f"  区政协机关（staff）登录：用户名 {STAFF_LOGIN[0]}  密码 {STAFF_LOGIN[1]}")
        self.stdout.write(
            f"  召集人（convener）登录：用户名 {CONVENER_LOGIN[0]}  密码 {CONVENER_LOGIN[1]}"
            f"（召集：{'、'.join(CONVENER_ROOMS)}）"
        )
        self.stdout.write(
            f"  承办单位联络员（liaison）登录：用户名 {LIAISON_LOGIN[0]}  密码 {LIAISON_LOGIN[1]}"
            f"（单位：{LIAISON_DEPARTMENT}）"
        )
        self.stdout.write(
            f"  街道政协工委（street staff）登录：用户名 {STREET_STAFF_LOGIN[0]}  密码 {STREET_STAFF_LOGIN[1]}"
            f"（街道：{STREET_STAFF_STREET}）"
        )
