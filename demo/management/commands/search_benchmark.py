"""Measure the Chinese full-text search on a large number of issues (default 100,000).

    DATABASE_URL=postgres://... python manage.py search_benchmark --issues 100000

It adds the issues (marked so they can be removed), runs ANALYZE, times each query through
issues.search.filter_issues() — the exact count, the capped count the list pages show
(core.listing.CappedPaginator) and the first page of the public list — prints the plan of one
query, and removes the issues again unless --keep. `--issues 0 --keep` times the issues already
in the table (a second run over the data a first run kept).
Not part of the test suite: it takes a minute and wants PostgreSQL.
"""

import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from core.listing import CappedPaginator
from demo import names
from departments.models import Department
from issues.models import Issue, IssueCategory
from issues.search import filter_issues, search_document
from rooms.models import Room

MARKER = "检索基准测试数据"
QUERIES = ["停车", "养老", "议事", "加装电梯", "垃圾分类", "噪声", "停车 夜间", "食品安全", "不存在的词语", "梯"]
FILLER = "居民反映该问题影响日常生活，希望有关部门协调解决，议事室组织政协委员、居民代表和职能部门协商。"


class Command(BaseCommand):
    help = "Time the Chinese full-text search on many issues (PostgreSQL: tsvector + GIN over bigrams)."

    def add_arguments(self, parser):
        parser.add_argument("--issues", type=int, default=100_000, help="issues to add (0: time those in the table)")
        parser.add_argument("--repeat", type=int, default=7)
        parser.add_argument("--keep", action="store_true", help="keep the generated issues")

    def handle(self, *args, issues, repeat, keep, **options):
        rooms = list(Room.objects.all()[:200])
        if not rooms:
            self.stderr.write("No rooms: run `manage.py load_demo` first.")
            return
        self.marker, _created = Department.objects.get_or_create(name=MARKER, defaults={"is_active": False})
        categories = {category.name: category for category in IssueCategory.objects.all()}
        templates = [(categories.get(name), text) for name, texts in names.ISSUE_TEMPLATES.items() for text in texts]
        templates = [(category, text) for category, text in templates if category] or [
            (IssueCategory.objects.get_or_create(name="其他")[0], "{place}民生问题")
        ]
        self.stdout.write(f"vendor: {connection.vendor}; adding {issues:,} issues ...")
        started = time.perf_counter()
        if issues:
            self._create(issues, rooms, templates)
        self.stdout.write(f"  created in {time.perf_counter() - started:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE issues_issue")
                cursor.execute("ANALYZE rooms_room")  # the page joins the rooms
        total = Issue.objects.count()
        self.stdout.write(f"issues in the table: {total:,}\n")
        self.stdout.write(
            f"{'query':<12} {'matches':>8} {'count ms':>9} {'capped':>7} {'capped ms':>9} {'page ms':>8}"
            f"  (median of {repeat})"
        )
        base = Issue.objects.public().select_related("room", "category")
        for query in QUERIES:
            count_times, capped_times, page_times, matches = [], [], [], 0
            for _n in range(repeat):
                found = filter_issues(base, query)
                start = time.perf_counter()
                matches = found.count()
                count_times.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                paginator = CappedPaginator(found, 20)
                capped = f"{paginator.count:,}{'+' if paginator.count_is_capped else ''}"
                capped_times.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                list(found.order_by("-reported_on", "-pk")[:20])
                page_times.append((time.perf_counter() - start) * 1000)
            count_ms, page_ms = statistics.median(count_times), statistics.median(page_times)
            capped_ms = statistics.median(capped_times)
            self.stdout.write(
                f"{query:<12} {matches:>8,} {count_ms:>9.1f} {capped:>7} {capped_ms:>9.1f} {page_ms:>8.1f}"
            )
        if connection.vendor == "postgresql":
            sql, params = filter_issues(base, "停车").order_by("-reported_on", "-pk")[:20].query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                self.stdout.write("\nplan for 停车 (first page):\n" + "\n".join(row[0] for row in cursor.fetchall()))
        if not keep:
            deleted, _detail = Issue.objects.filter(department=self.marker).delete()
            self.marker.delete()
            self.stdout.write(f"\nremoved {deleted:,} benchmark issues")

    @transaction.atomic
    def _create(self, count, rooms, templates):
        rng = random.Random(20200826)
        batch = []
        for index in range(count):
            category, template = templates[index % len(templates)]
            room = rooms[rng.randrange(len(rooms))]
            title = template.format(place=room.name.replace("协商议事室", "")) + f"({index})"
            description = FILLER[: rng.randrange(20, len(FILLER))]
            issue = Issue(
                title=title,
                description=description,
                category=category,
                room=room,
                department=self.marker,
                reported_on=f"20{rng.randrange(19, 24)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
            )
            issue.search_document = search_document(title, description)
            batch.append(issue)
            if len(batch) == 5000:
                Issue.objects.bulk_create(batch)
                batch = []
        Issue.objects.bulk_create(batch)
