"""Builds a province-scale data set (江苏, 13 cities) to measure the portal at scale.

Deterministic (one seeded random stream per table), into an empty database. The registry (streets,
communities, sectors, rooms, departments, categories, campaigns) goes through the ORM; the big
tables (sessions, attendance, issues, their timeline and ratings) are generated as rows with
explicit ids and written with PostgreSQL COPY, their secondary indexes, foreign keys and row triggers off
during the load and rebuilt after. On SQLite (tests, small sizes) the same rows are inserted with
executemany. The rollups are then rebuilt set-based and the tables analysed.
"""

import bisect
import datetime
import functools
import io
import itertools
import random
import re
import time
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.utils import timezone

from core.cache import invalidate_statistics
from deliberations.models import Attendance, Campaign, Session
from departments.models import Department
from figures import rollups
from issues.models import Feedback, Issue, IssueCategory, IssueUpdate
from issues.search import search_document
from rooms.models import Community, Room, Sector, Street
from rooms.pinyin import pinyin_key

from . import names

TZ = ZoneInfo("Asia/Shanghai")
HISTORY_START = datetime.date(2019, 1, 1)
CITIES = ["南京", "无锡", "徐州", "常州", "苏州", "南通", "连云港", "淮安", "盐城", "扬州", "镇江", "泰州", "宿迁"]
COUNTY_SUFFIXES = ["城区", "新区", "高新区", "经开区", "东区", "西区", "南区", "北区", "滨江区", "湖区"]
STREET_SECOND = ["桥", "苑", "港", "湾", "塘", "山", "河", "口", "镇", "集"]
# 停车 and 加装电梯 lead, as they do in every city's 12345 figures; then sanitation and the rest.
CATEGORY_WEIGHTS = {
    "停车管理": 24,
    "老旧小区改造": 18,
    "小区长效管理": 15,
    "环境污染治理": 12,
    "公共服务设施": 9,
    "交通出行": 8,
    "养老服务": 7,
    "水环境治理": 4,
    "食品安全监管": 3,
}
ROLE_HEADCOUNTS = [  # (role, mean headcount, share of sessions recording it)
    (Attendance.Role.RESIDENT.value, 18, 1.0),
    (Attendance.Role.CPPCC_MEMBER.value, 3, 1.0),
    (Attendance.Role.DEPARTMENT.value, 3, 0.97),
    (Attendance.Role.OTHER.value, 4, 0.97),
    (Attendance.Role.EXPERT.value, 2, 0.96),
]
MINUTES = [
    "召集人介绍议题背景，居民代表、政协委员和部门代表逐一发言，形成初步共识。",
    "现场察看后集中协商，明确责任分工和完成时限。",
    "围绕居民反映的问题开展协商，部门代表现场答复。",
]
CONSENSUS = ["形成共识三条，交相关部门落实。", "明确由社区牵头、物业配合，一个月内整改到位。", ""]
PROGRESS_NOTES = [note for note in getattr(names, "DEPARTMENT_PROGRESS", [])] or ["承办单位已现场查看，正在制定方案。"]

# Plain strings of the choices the generators write (enum members are slow to look up per row).
RESOLVED = str(Issue.Status.RESOLVED.value)
CLOSED = str(Issue.Status.CLOSED.value)
IN_PROGRESS = str(Issue.Status.IN_PROGRESS.value)
AGREED = str(Issue.Status.AGREED.value)
DELIBERATING = str(Issue.Status.DELIBERATING.value)
REPORTED = str(Issue.Status.REPORTED.value)
H_CONFIRMED = str(Issue.Handling.CONFIRMED.value)
H_ACCEPTED = str(Issue.Handling.ACCEPTED.value)
H_ASSIGNED = str(Issue.Handling.ASSIGNED.value)
TRIAGE_COMMUNITY = str(Issue.Triage.COMMUNITY.value)
KIND_CAMPAIGN = str(Session.Kind.CAMPAIGN.value)
KIND_SECTOR = str(Session.Kind.SECTOR.value)
KIND_REGULAR = str(Session.Kind.REGULAR.value)
PLANNED = str(Session.Status.PLANNED.value)
HELD = str(Session.Status.HELD.value)
U_ASSIGN = str(IssueUpdate.Kind.ASSIGN.value)
U_PROGRESS = str(IssueUpdate.Kind.PROGRESS.value)
U_CONFIRM = str(IssueUpdate.Kind.CONFIRM.value)
R_SATISFIED = str(Feedback.Rating.SATISFIED.value)
R_MOSTLY = str(Feedback.Rating.MOSTLY.value)
R_DISSATISFIED = str(Feedback.Rating.DISSATISFIED.value)
LEVEL_SECTOR = str(Room.Level.SECTOR.value)
CLOSED_REASON = "经协商，诉求涉及规划调整，暂不具备实施条件，已向居民说明。"


CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
DESCRIPTION_HEAD, DESCRIPTION_TAIL = "居民反映：", "，希望尽快协调解决。"


def _bigrams(text):
    return " ".join(text[i : i + 2] for i in range(len(text) - 1))


HEAD_TOKENS, TAIL_TOKENS = _bigrams("居民反映"), _bigrams("希望尽快协调解决")


def issue_search_document(title, description):
    """`issues.search.search_document(title, description)`, computed directly for the usual
    all-Chinese title (bigrams of one run), by the tokenizer otherwise. The test compares both."""
    if CJK_ONLY.fullmatch(title) and len(title) > 1 and description == f"{DESCRIPTION_HEAD}{title}{DESCRIPTION_TAIL}":
        tokens = _bigrams(title)
        return f" {tokens} {HEAD_TOKENS} {tokens} {TAIL_TOKENS} "
    return search_document(title, description)


@functools.cache
def _aware(day, hour):
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ)


def _months(start, end):
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return months


def _month_days(month):
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return (following - month).days


class RowWriter:
    """Writes generated rows into a table: COPY on PostgreSQL, executemany elsewhere."""

    BATCH = 200_000

    def __init__(self, cursor):
        self.cursor = cursor
        self.postgres = connection.vendor == "postgresql"

    @staticmethod
    def _line(row):
        # The generated values are numbers, dates, booleans, None and Chinese text that never
        # contains the word "None", a tab, a newline or a backslash: str() then one replace is
        # COPY's text format (\N is NULL; PostgreSQL reads True/False as booleans), at a tenth
        # of the cost of converting value by value.
        return "\t".join(map(str, row)).replace("None", "\\N")

    def write(self, table, columns, rows):
        count = 0
        for batch in iter(lambda: list(itertools.islice(rows, self.BATCH)), []):
            count += len(batch)
            if self.postgres:
                line = self._line
                text = io.StringIO("\n".join(map(line, batch)) + "\n")
                self.cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", text)
            else:
                placeholders = ", ".join(["%s"] * len(columns))
                self.cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", batch)
        return count


class ProvinceLoader:
    def __init__(self, *, rooms=20_000, sessions=1_000_000, issues=600_000, today=None, log=None):
        self.room_target = rooms
        self.session_target = sessions
        self.issue_target = issues
        self.today = today or timezone.localdate()
        self.now = timezone.now()
        self.log = log or (lambda message: None)
        self.timings = []

    def step(self, label, started):
        elapsed = time.monotonic() - started
        self.timings.append((label, elapsed))
        self.log(f"  {label}: {elapsed:.1f} s")

    # ---- registry (ORM) ---------------------------------------------------------------------------
    def load_registry(self):
        rng = random.Random("province-registry")
        # About 13 communities and one street room per street, and a little under one room per
        # community: streets ≈ rooms / 15, communities ≈ 10 per street (varied 2 to 25).
        street_count = max(1, round(self.room_target * 1300 / 20_000))
        counties = [f"{city}{suffix}" for city in CITIES for suffix in COUNTY_SUFFIXES]
        rng.shuffle(counties)
        per_county = max(1, -(-street_count // len(counties)))
        streets, position = [], 0
        first_names = names.COMMUNITY_FIRST
        for county in counties:
            parts = [f"{a}{b}" for a in first_names for b in STREET_SECOND]
            rng.shuffle(parts)
            for part in parts[:per_county]:
                if len(streets) >= street_count:
                    break
                position += 1
                kind = Street.Kind.TOWN if part.endswith("镇") else Street.Kind.STREET
                suffix = "" if part.endswith("镇") else "街道"
                streets.append(Street(name=f"{county}{part}{suffix}", kind=kind, ordering=position % 32000))
        for street in streets:  # bulk_create skips save(), which keeps the pinyin sort key
            street.name_pinyin = pinyin_key(street.name)
        streets = Street.objects.bulk_create(streets, batch_size=2000)

        community_names = [f"{a}{b}" for b in names.COMMUNITY_SECOND for a in first_names]
        communities = []
        for street in streets:
            count = min(len(community_names), max(2, int(rng.paretovariate(2.2) * 5)))
            for base in rng.sample(community_names, count):
                kind = Community.Kind.VILLAGE if base.endswith("村") else Community.Kind.COMMUNITY
                communities.append(
                    Community(name=base + ("" if base.endswith("村") else "社区"), street=street, kind=kind)
                )
        communities = Community.objects.bulk_create(communities, batch_size=5000)

        sectors = [
            Sector(name=f"{county}{sector}", ordering=position % 32000)
            for position, (county, sector) in enumerate(
                (county, sector)
                for county in sorted(counties[: max(1, -(-street_count // per_county))])
                for sector in names.SECTORS
            )
        ]
        sectors = Sector.objects.bulk_create(sectors, batch_size=5000)

        established = datetime.date(2019, 3, 1)
        rooms = []

        def room(**fields):
            day = established + datetime.timedelta(days=rng.randrange(900))
            rooms.append(Room(established_on=day, address=f"{fields['name'][:-5]}党群服务中心", **fields))

        for street in streets:
            room(name=f"{street.name}协商议事室", level=Room.Level.STREET, street=street)
        street_names = {street.pk: street.name for street in streets}
        for community in communities:
            if len(rooms) >= self.room_target:
                break
            if rng.random() < 0.9:
                room(
                    name=f"{street_names[community.street_id]}{community.name}协商议事室",
                    level=Room.Level.COMMUNITY,
                    street_id=community.street_id,
                    community=community,
                )
        for sector in sectors:
            if len(rooms) >= self.room_target:
                break
            room(name=f"{sector.name}协商议事室", level=Room.Level.SECTOR, sector=sector)
        park = 0
        while len(rooms) < self.room_target:
            park += 1
            street = streets[rng.randrange(len(streets))]
            room(name=f"{street.name}产业园{park}号协商议事室", level=Room.Level.PARK, street=street)
        for item in rooms:
            item.is_active = rng.random() > 0.01
            item.name_pinyin = pinyin_key(item.name)
        self.rooms = Room.objects.bulk_create(rooms, batch_size=2000)

        bureaus = [name for name in dict.fromkeys(names.DEPARTMENTS.values()) if name]
        departments = [
            Department(name=f"省{name[1:]}", kind=Department.Kind.BUREAU, ordering=position)
            for position, name in enumerate(bureaus, start=1)
        ]
        departments += [
            Department(
                name=names.street_office(street.name),
                kind=Department.Kind.STREET_OFFICE,
                street=street,
                ordering=(position + len(bureaus)) % 32000,
            )
            for position, street in enumerate(streets, start=1)
        ]
        departments = Department.objects.bulk_create(departments, batch_size=2000)
        by_name = {d.name: d for d in departments}
        self.street_office = {d.street_id: d.pk for d in departments if d.street_id}
        self.no_street_department = by_name[f"省{names.NO_STREET_DEPARTMENT[1:]}"].pk
        self.categories = []
        for position, name in enumerate(names.CATEGORIES, start=1):
            bureau = names.DEPARTMENTS[name]
            category = IssueCategory.objects.create(
                name=name,
                ordering=position,
                default_department=by_name[f"省{bureau[1:]}"] if bureau else None,
                deadline_days=names.DEADLINE_DAYS[name],
            )
            self.categories.append(category)
        self.campaigns = {}
        for year in range(HISTORY_START.year, self.today.year + 1):
            campaign = Campaign.objects.create(
                name=f"{year}年民生专题协商议事月",
                theme="有事好商量，民生实事大家议",
                starts_on=datetime.date(year, 9, 1),
                ends_on=datetime.date(year, 9, 30),
                target_sessions=self.session_target // 12,
                target_person_times=self.session_target * 3,
                target_issues_resolved=self.issue_target // 20,
            )
            self.campaigns[(year, 9)] = campaign.pk

    # ---- distributions ----------------------------------------------------------------------------
    def prepare(self):
        rng = random.Random("province-weights")
        # Rooms: street rooms busier, and a long tail (Pareto) among the rest.
        weights = []
        for room in self.rooms:
            base = 3.0 if room.level == Room.Level.STREET else 1.0
            weights.append(base * min(rng.paretovariate(1.6), 20))
        self.room_cum = list(itertools.accumulate(weights))
        # Months from 2019 to today: growth (from a third to full strength over three years) and
        # the 议事月 each September at about three times an ordinary month.
        self.months = _months(HISTORY_START, self.today)
        month_weights = []
        for index, month in enumerate(self.months):
            weight = min(1.0, 0.33 + index / 36)
            if month.month == 9:
                weight *= 3
            elif month.month == 2:
                weight *= 0.5  # Spring Festival
            if month == self.today.replace(day=1):
                weight *= self.today.day / _month_days(month)
            month_weights.append(weight)
        self.month_cum = list(itertools.accumulate(month_weights))
        self.category_names = list(CATEGORY_WEIGHTS)
        self.category_cum = list(itertools.accumulate(CATEGORY_WEIGHTS.values()))
        self.category_by_name = {c.name: c for c in self.categories}
        self.place = {}
        for room in self.rooms:
            name = room.name.removesuffix("协商议事室")
            self.place[room.pk] = name[-6:] if len(name) > 6 else name

    def pick_room(self, rng):
        return self.rooms[bisect.bisect(self.room_cum, rng.random() * self.room_cum[-1])]

    def pick_day(self, rng, not_after):
        month = self.months[bisect.bisect(self.month_cum, rng.random() * self.month_cum[-1])]
        day = month + datetime.timedelta(days=rng.randrange(_month_days(month)))
        return min(day, not_after)

    def pick_category(self, rng):
        return self.category_by_name[
            self.category_names[bisect.bisect(self.category_cum, rng.random() * self.category_cum[-1])]
        ]

    # ---- big tables (rows) ------------------------------------------------------------------------
    def session_rows(self):
        rng = random.Random("province-sessions")
        yesterday = self.today - datetime.timedelta(days=1)
        topics = names.SESSION_TOPICS
        categories = names.CATEGORIES
        self.held_sessions = []  # (id, room id, day) of the held ones, for attendance and issues
        planned = max(1, self.session_target // 50)
        for pk in range(1, self.session_target + planned + 1):
            room = self.pick_room(rng)
            is_planned = pk > self.session_target
            if is_planned:
                day = self.today + datetime.timedelta(days=1 + rng.randrange(60))
            else:
                day = self.pick_day(rng, yesterday)
            starts_at = _aware(day, rng.choice((9, 10, 14, 15, 19, 19, 20)))
            campaign = None if is_planned else self.campaigns.get((day.year, day.month))
            if campaign is not None and rng.random() < 0.8:
                kind = KIND_CAMPAIGN
            else:
                campaign = None
                kind = KIND_SECTOR if room.level == LEVEL_SECTOR else KIND_REGULAR
            topic = rng.choice(topics).format(place=self.place[room.pk], category=rng.choice(categories))
            status = PLANNED if is_planned else HELD
            if not is_planned:
                self.held_sessions.append((pk, room.pk, day))
            created = starts_at if is_planned else starts_at + datetime.timedelta(hours=3)
            yield (
                pk,
                room.pk,
                topic[:200],
                kind,
                campaign,
                status,
                starts_at,
                starts_at + datetime.timedelta(hours=2),
                "",
                "" if is_planned else MINUTES[pk % len(MINUTES)],
                "" if is_planned else CONSENSUS[pk % len(CONSENSUS)],
                None,
                created,
                created,
                1,
            )

    SESSION_COLUMNS = (
        "id",
        "room_id",
        "topic",
        "kind",
        "campaign_id",
        "status",
        "starts_at",
        "ends_at",
        "place",
        "minutes",
        "consensus",
        "created_by_id",
        "created_at",
        "updated_at",
        "version",
    )

    def attendance_rows(self):
        rng = random.Random("province-attendance")
        pk = 0
        for session_id, _room, _day in self.held_sessions:
            scale = rng.lognormvariate(0, 0.45)
            for role, mean, share in ROLE_HEADCOUNTS:
                if share < 1 and rng.random() > share:
                    continue
                pk += 1
                yield (pk, session_id, role, max(1, int(mean * scale * rng.uniform(0.6, 1.4) + 0.5)))

    def issue_rows(self):
        rng = random.Random("province-issues")
        self.issue_meta = []  # (id, status, reported_on, resolved_on, department, is_public)
        documents = {}
        half_year_ago = self.today - datetime.timedelta(days=183)
        month_ago = self.today - datetime.timedelta(days=30)
        held = self.held_sessions
        for pk in range(1, self.issue_target + 1):
            raised_in = None
            if rng.random() < 0.35 and held:
                raised_in, room_id, reported_on = held[rng.randrange(len(held))]
                room = None
            else:
                room = self.pick_room(rng)
                room_id = room.pk
                reported_on = self.pick_day(rng, self.today)
            category = self.pick_category(rng)
            template = rng.choice(names.ISSUE_TEMPLATES[category.name])
            title = template.format(place=self.place[room_id])
            description = f"{DESCRIPTION_HEAD}{title}{DESCRIPTION_TAIL}"
            document = documents.get(title)
            if document is None:
                document = documents[title] = issue_search_document(title, description)
            street_id = room.street_id if room is not None else self._room_street[room_id]
            department = (
                category.default_department_id or self.street_office.get(street_id) or self.no_street_department
            )
            roll = rng.random()
            if reported_on < half_year_ago:
                status = RESOLVED if roll < 0.86 else CLOSED if roll < 0.93 else IN_PROGRESS
            elif reported_on < month_ago:
                status = (
                    RESOLVED
                    if roll < 0.5
                    else IN_PROGRESS
                    if roll < 0.8
                    else AGREED
                    if roll < 0.9
                    else CLOSED
                    if roll < 0.93
                    else DELIBERATING
                )
            else:
                status = (
                    REPORTED
                    if roll < 0.4
                    else DELIBERATING
                    if roll < 0.6
                    else IN_PROGRESS
                    if roll < 0.85
                    else AGREED
                    if roll < 0.93
                    else RESOLVED
                )
            resolved_on = None
            if status == RESOLVED:
                resolved_on = min(self.today, reported_on + datetime.timedelta(days=int(rng.expovariate(1 / 30))))
            handling = {
                RESOLVED: H_CONFIRMED,
                CLOSED: H_ACCEPTED,
                REPORTED: H_ASSIGNED,
            }.get(status, H_ACCEPTED)
            is_public = rng.random() > 0.02
            self.issue_meta.append((pk, status, reported_on, resolved_on, department, is_public))
            stamp = _aware(reported_on, 12)
            yield (
                pk,
                title,
                description,
                category.pk,
                room_id,
                raised_in,
                TRIAGE_COMMUNITY,
                status,
                department,
                handling,
                reported_on,
                reported_on + datetime.timedelta(days=category.deadline_days),
                False,
                None,
                None,
                rng.choice(names.RESOLUTIONS) if resolved_on else "",
                resolved_on,
                CLOSED_REASON if status == CLOSED else "",
                is_public,
                document,
                1,
                stamp,
                stamp,
            )

    ISSUE_COLUMNS = (
        "id",
        "title",
        "description",
        "category_id",
        "room_id",
        "raised_in_id",
        "triage_level",
        "status",
        "department_id",
        "handling",
        "reported_on",
        "due_on",
        "due_on_set_by_hand",
        "escalated_to_id",
        "duplicate_of_id",
        "resolution",
        "resolved_on",
        "closed_reason",
        "is_public",
        "search_document",
        "version",
        "created_at",
        "updated_at",
    )

    def update_rows(self):
        """About 3.3 timeline entries per issue: the assignment, the department's progress notes,
        and the closing status change."""
        rng = random.Random("province-updates")
        pk = 0
        for issue_id, status, reported_on, resolved_on, department, _public in self.issue_meta:
            end = resolved_on or self.today
            span = max(0, (end - reported_on).days)
            entries = [("", "", U_ASSIGN, "已交办承办单位办理。", reported_on, None)]
            for _ in range(1 + (rng.random() < 0.6) + (rng.random() < 0.3)):
                day = reported_on + datetime.timedelta(days=rng.randrange(span + 1))
                entries.append(("", "", U_PROGRESS, rng.choice(PROGRESS_NOTES), day, department))
            if status == RESOLVED:
                entries.append((IN_PROGRESS, status, U_CONFIRM, "问题已解决，确认办结。", end, None))
            elif status == CLOSED:
                entries.append((IN_PROGRESS, status, U_PROGRESS, CLOSED_REASON, end, None))
            for status_from, status_to, kind, note, day, dept in entries:
                pk += 1
                yield (pk, issue_id, status_from, status_to, "", note, day, False, kind, dept, None, _aware(day, 16))

    UPDATE_COLUMNS = (
        "id",
        "issue_id",
        "status_from",
        "status_to",
        "triage_to",
        "note",
        "occurred_on",
        "is_urge",
        "kind",
        "department_id",
        "author_id",
        "created_at",
    )

    def feedback_rows(self):
        rng = random.Random("province-feedback")
        pk = 0
        for issue_id, status, _reported, resolved_on, _dept, _public in self.issue_meta:
            if status != RESOLVED or rng.random() > 0.15:
                continue
            pk += 1
            roll = rng.random()
            rating = R_SATISFIED if roll < 0.7 else R_MOSTLY if roll < 0.92 else R_DISSATISFIED
            yield (pk, issue_id, rating, "", "", _aware(resolved_on, 18))

    FEEDBACK_COLUMNS = ("id", "issue_id", "rating", "note", "ip_hash", "created_at")

    # ---- PostgreSQL: indexes and foreign keys off during the load ---------------------------------
    BIG_MODELS = (Session, Attendance, Issue, IssueUpdate, Feedback)

    def drop_indexes(self, cursor):
        """Drop the foreign keys, unique constraints and secondary indexes of the big tables;
        return the statements that restore them."""
        restore_indexes, restore_constraints = [], []
        # Check the registry's deferred foreign keys now: a table with pending trigger events
        # cannot be altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for model in self.BIG_MODELS:
            table = model._meta.db_table
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid), contype FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype IN ('f', 'u')",
                [table],
            )
            for name, definition, _kind in cursor.fetchall():
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
                restore_constraints.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s AND i.indexname NOT IN "
                "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'p')",
                [table, table],
            )
            for name, definition in cursor.fetchall():
                cursor.execute(f'DROP INDEX "{name}"')
                restore_indexes.append(definition)
            # Row triggers (the members' named-within-headcount check on attendance) would run a
            # query per COPY row against a table with no index left: hours instead of seconds.
            # The generated rows name no members, so the rule holds; the triggers come back after.
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            restore_constraints.append(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        return restore_indexes + restore_constraints

    def reset_sequences(self, cursor):
        for model in self.BIG_MODELS:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )

    # ---- the run ------------------------------------------------------------------------------------
    def run(self):
        postgres = connection.vendor == "postgresql"
        with transaction.atomic():
            started = time.monotonic()
            self.load_registry()
            self._room_street = {room.pk: room.street_id for room in self.rooms}
            self.prepare()
            self.step("registry", started)
            with connection.cursor() as cursor:
                raw = cursor.cursor if postgres else cursor
                restore = []
                if postgres:
                    restore = self.drop_indexes(cursor)
                writer = RowWriter(raw)
                counts = {}
                for label, model, columns, rows in (
                    ("sessions", Session, self.SESSION_COLUMNS, self.session_rows),
                    ("attendance", Attendance, None, self.attendance_rows),
                    ("issues", Issue, self.ISSUE_COLUMNS, self.issue_rows),
                    ("issue updates", IssueUpdate, self.UPDATE_COLUMNS, self.update_rows),
                    ("feedback", Feedback, self.FEEDBACK_COLUMNS, self.feedback_rows),
                ):
                    started = time.monotonic()
                    columns = columns or ("id", "session_id", "role", "headcount")
                    counts[label] = writer.write(model._meta.db_table, columns, rows())
                    self.step(f"{label} ({counts[label]:,} rows)", started)
                if postgres:
                    started = time.monotonic()
                    for statement in restore:
                        cursor.execute(statement)
                    self.reset_sequences(cursor)
                    self.step("indexes and foreign keys", started)
            started = time.monotonic()
            rollups.rebuild()
            self.step("rollups", started)
            invalidate_statistics()
        if postgres:
            started = time.monotonic()
            with connection.cursor() as cursor:
                # VACUUM as well as ANALYZE: it marks the freshly written pages all-visible, so the
                # counts that an index can answer (figures as of a day) read the index alone, as
                # they would once autovacuum had passed on a live database.
                cursor.execute("VACUUM ANALYZE")
            self.step("vacuum and analyze", started)
        self.counts = counts
        return counts
