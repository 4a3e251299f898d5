"""Builds the demo district of 崇川区 as the article of 26 August 2020 reports it.

Deterministic: every generated record draws from its own seeded random stream
(`random.Random("session-17")`), so record 17 is the same whatever the scale and however
often the loader runs. Idempotent: every record has a natural key and is only created when
that key is missing, so a second run, or a run against a partly filled database, leaves one
consistent district. Everything runs in one transaction.

`scale` multiplies the activity (sessions, issues, outcomes, media reports, visits), not the
registry: the district still has 205 rooms. Tests use scale 10 to prove query counts do not
grow with the data.

True to the article as of its day (ARTICLE_DATE, “至今年8月中旬”): by then the district holds
the 550余 sessions, 25000余 person-times, 300余 resolved issues, 100余 reports by central and
provincial media and 60余 visiting delegations it reports (`district_totals(as_of=ARTICLE_DATE)`).
After that day the rooms keep meeting (and raising issues their departments resolve), reporters
keep writing and delegations keep coming, up to the day the demo is loaded
(`timezone.localdate()`), so the dashboards look alive. That later
activity sits on a fixed calendar grid (record n falls on the same day whenever the demo is
loaded), so a later run only adds the days since; it does not grow with `scale`.
"""

import datetime
import random
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.groups import ensure_district_staff_group
from core.cache import invalidate_statistics
from deliberations.models import Attendance, Campaign, Session
from demo.announcements import load_announcements
from demo.checkins import load_checkins
from departments.models import Department, Liaison
from figures import rollups
from figures.models import MediaReport, Visit
from issues.models import (
    ExtensionRequest,
    Feedback,
    FollowUpVisit,
    Issue,
    IssueCategory,
    IssueFollower,
    IssueUpdate,
    Outcome,
)
from issues.search import issue_document, reindex_issues
from rooms.models import Community, Convenership, Room, Sector, Street, StreetStaff
from rooms.pinyin import pinyin_key

from . import names
from .campaigns import load_campaign_results
from .cases import load_cases
from .members import load_members

TZ = ZoneInfo("Asia/Shanghai")
HISTORY_START = datetime.date(2019, 1, 1)
ARTICLE_DATE = datetime.date(2020, 8, 15)  # "至今年8月中旬"
SESSIONS_BY_ARTICLE = 562  # "550余场次"
CAMPAIGN_SESSIONS = 48  # the September 2020 议事月 that the article announces
RESOLVED_ISSUES = 326  # "300余个民生问题"
OPEN_ISSUES = 118
CLOSED_ISSUES = 8
PRIVATE_ISSUES = 6
OUTCOMES = 42
MEDIA_REPORTS = 106  # "中央、省级媒体……100余次报道", all by ARTICLE_DATE
MUNICIPAL_REPORTS = 16  # city-level reports by ARTICLE_DATE, which the article does not count
VISITS = 63  # "60余批次", all by ARTICLE_DATE
PUBLICITY_START = datetime.date(2019, 5, 1)
# After the article, up to the day the demo is loaded (a fixed calendar grid: see the docstring).
LATER_SESSION_EVERY_HOURS = 24  # a session a day, the article's pace; a room's turn every 205 days
LATER_REPORT_EVERY_DAYS = 9
LATER_VISIT_EVERY_DAYS = 30
LATER_ISSUE_EVERY_SESSIONS = 6  # one later session in six raises an issue
CENTRAL_PROVINCIAL = [MediaReport.Level.CENTRAL, MediaReport.Level.PROVINCIAL]
PLANNED_SESSIONS = 8

STAFF_LOGIN = ("staff", "chongchuan-staff-2020")
CONVENER_LOGIN = ("convener", "chongchuan-convener-2020")
CONVENER_ROOMS = ["世伦桥社区协商议事室", "文峰街道协商议事室"]
LIAISON_LOGIN = ("liaison", "chongchuan-liaison-2020")
LIAISON_DEPARTMENT = "区城市管理局"
STREET_STAFF_LOGIN = ("street", "chongchuan-street-2020")
STREET_STAFF_STREET = "文峰街道"
ESCALATED_TO_STREET = 0.06  # share of open issues a street room took over
ESCALATED_TO_DISTRICT = 0.03  # share of open issues escalated to 区
DUPLICATES = 2
FOLLOWED_ISSUES = 5


def _rng(kind, index):
    return random.Random(f"{kind}-{index}")


def _person_name(rng):
    return rng.choice(names.SURNAMES) + rng.choice(names.GIVEN)


def _phone(rng):
    return "1" + rng.choice("3589") + "".join(str(rng.randrange(10)) for _ in range(9))


def _day_between(rng, start, end):
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def _aware(day):
    return datetime.datetime(day.year, day.month, day.day, 20, 0, tzinfo=TZ)


def _bulk_create_missing(model, objects, key, existing_keys):
    """Create the objects whose natural key is not in `existing_keys`; return the created ones."""
    missing = []
    for obj in objects:
        obj_key = key(obj)
        if obj_key not in existing_keys:
            existing_keys.add(obj_key)
            missing.append(obj)
    for obj in missing:  # bulk_create skips save(), which keeps the pinyin sort key
        if hasattr(obj, "name_pinyin"):
            obj.name_pinyin = pinyin_key(obj.name)
    return model.objects.bulk_create(missing, batch_size=500)


def _with_search_documents(issues):
    """The issues with their search documents filled in, as `save()` would (bulk_create does
    not call it): one write each, instead of a second pass in `reindex_issues()`."""
    for issue in issues:
        issue.search_document = issue_document(issue)
    return issues


class DemoLoader:
    def __init__(self, scale=1, today=None):
        self.scale = max(1, int(scale))
        self.today = today or timezone.localdate()
        self.User = get_user_model()

    # ---- registry -------------------------------------------------------------------------------
    def load_registry(self):
        for position, (name, kind, _named) in enumerate(names.STREETS, start=1):
            Street.objects.get_or_create(name=name, defaults={"kind": kind, "ordering": position})
        streets = {s.name: s for s in Street.objects.all()}

        existing = {(c.street_id, c.name) for c in Community.objects.all()}
        used_names = set()
        communities = []
        for street_name, _kind, named in names.STREETS:
            for community_name in named:
                communities.append(Community(name=community_name, street=streets[street_name]))
                used_names.add(community_name)
        generated = [f"{a}{b}" for b in names.COMMUNITY_SECOND for a in names.COMMUNITY_FIRST]
        random.Random("communities").shuffle(generated)
        street_cycle = [s[0] for s in names.STREETS]
        index = 0
        while len(communities) < names.COMMUNITY_COUNT:
            base = generated[index]
            community_name = base + ("" if base.endswith("村") else "社区")
            street_name = street_cycle[index % len(street_cycle)]
            index += 1
            if community_name in used_names:
                continue
            used_names.add(community_name)
            kind = Community.Kind.VILLAGE if community_name.endswith("村") else Community.Kind.COMMUNITY
            communities.append(Community(name=community_name, street=streets[street_name], kind=kind))
        _bulk_create_missing(Community, communities, lambda c: (c.street_id, c.name), existing)

        for position, name in enumerate(names.SECTORS, start=1):
            Sector.objects.get_or_create(name=name, defaults={"ordering": position})

        self.load_rooms(streets)
        self.load_departments()

    def load_departments(self):
        """The district bureaus the categories route to, and the office of every street."""
        bureaus = [name for name in dict.fromkeys(names.DEPARTMENTS.values()) if name]
        departments = [
            Department(
                name=name, kind=Department.Kind.BUREAU, ordering=position, office_phone=f"0513-8350{position:04d}"
            )
            for position, name in enumerate(bureaus, start=1)
        ]
        street_names = [name for name, _kind, _named in names.STREETS]
        streets = sorted(Street.objects.filter(name__in=street_names), key=lambda s: street_names.index(s.name))
        for position, street in enumerate(streets, start=len(bureaus) + 1):
            departments.append(
                Department(
                    name=names.street_office(street.name),
                    kind=Department.Kind.STREET_OFFICE,
                    street=street,
                    ordering=position,
                    office_phone=f"0513-8351{position:04d}",
                )
            )
        existing = set(Department.objects.values_list("name", flat=True))
        _bulk_create_missing(Department, departments, lambda d: d.name, existing)
        self.departments = {d.name: d for d in Department.objects.all()}
        self.street_offices = {
            d.street_id: d for d in self.departments.values() if d.kind == Department.Kind.STREET_OFFICE and d.street_id
        }

    def department_for(self, category_name, room):
        """Where an issue of `category_name` raised in `room` goes: the category's bureau, or the
        office of the room's street."""
        name = names.DEPARTMENTS[category_name]
        if name:
            return self.departments[name]
        return self.street_offices.get(room.street_id) or self.departments[names.NO_STREET_DEPARTMENT]

    def load_rooms(self, streets):
        established = datetime.date(2019, 3, 1)
        rooms = []
        for street in streets.values():
            if street.name in {s[0] for s in names.STREETS}:
                rooms.append(
                    Room(
                        name=f"{street.name}协商议事室",
                        level=Room.Level.STREET,
                        street=street,
                        address=f"南通市崇川区{street.name}党群服务中心",
                    )
                )
        for community in Community.objects.select_related("street"):
            rooms.append(
                Room(
                    name=f"{community.name}协商议事室",
                    level=Room.Level.COMMUNITY,
                    street=community.street,
                    community=community,
                    address=f"南通市崇川区{community.street.name}{community.name}党群服务中心",
                )
            )
        for sector in Sector.objects.all():
            rooms.append(
                Room(
                    name=f"{sector.name}协商议事室",
                    level=Room.Level.SECTOR,
                    sector=sector,
                    address="南通市崇川区政协委员之家",
                )
            )
        for park_name, street_name in names.PARKS:
            rooms.append(
                Room(
                    name=f"{park_name}协商议事室",
                    level=Room.Level.PARK,
                    street=streets[street_name],
                    address=f"南通市崇川区{park_name}服务中心",
                )
            )
        for room in rooms:
            rng = _rng("room", room.name)
            room.established_on = established + datetime.timedelta(days=rng.randrange(420))
            room.public_phone = f"0513-{85000000 + rng.randrange(999999):08d}"
            room.description = (
                f"{room.name}围绕群众关心的民生问题，组织政协委员、居民代表和职能部门开展协商议事，"
                "做到“协商于民、协商为民”。"
            )
        existing = set(Room.objects.values_list("name", flat=True))
        _bulk_create_missing(Room, rooms, lambda r: r.name, existing)

    # ---- people ---------------------------------------------------------------------------------
    def load_people(self):
        staff, created = self.User.objects.get_or_create(
            username=STAFF_LOGIN[0],
            defaults={"full_name": "区政协机关演示账号", "is_staff": True},
        )
        if created:
            staff.set_password(STAFF_LOGIN[1])
            staff.save()
        # A member of the district staff group, not a superuser (accounts/groups.py).
        staff.groups.add(ensure_district_staff_group())
        convener, created = self.User.objects.get_or_create(
            username=CONVENER_LOGIN[0], defaults={"full_name": "顾召集", "phone": "13900000001"}
        )
        if created:
            convener.set_password(CONVENER_LOGIN[1])
            convener.save()
        for room in Room.objects.filter(name__in=CONVENER_ROOMS):
            Convenership.objects.get_or_create(user=convener, room=room, defaults={"started_on": room.established_on})
        liaison, created = self.User.objects.get_or_create(
            username=LIAISON_LOGIN[0], defaults={"full_name": "陆联络", "phone": "13900000002"}
        )
        if created:
            liaison.set_password(LIAISON_LOGIN[1])
            liaison.save()
        Liaison.objects.get_or_create(user=liaison, defaults={"department": self.departments[LIAISON_DEPARTMENT]})
        street_staff, created = self.User.objects.get_or_create(
            username=STREET_STAFF_LOGIN[0], defaults={"full_name": "钱工委", "phone": "13900000003"}
        )
        if created:
            street_staff.set_password(STREET_STAFF_LOGIN[1])
            street_staff.save()
        StreetStaff.objects.get_or_create(
            user=street_staff, defaults={"street": Street.objects.get(name=STREET_STAFF_STREET)}
        )

        # Every other room gets a convener of its own (no password: staff set one when needed).
        existing_users = set(self.User.objects.values_list("username", flat=True))
        rooms = list(Room.objects.order_by("pk"))
        users = []
        for room in rooms:
            rng = _rng("convener", room.name)
            username = f"convener-{room.pk}"
            users.append(
                self.User(username=username, full_name=_person_name(rng), phone=_phone(rng), password="!demo-no-login")
            )
        sectors = list(Sector.objects.order_by("pk"))
        for index in range(40):
            rng = _rng("member", index)
            users.append(
                self.User(
                    username=f"member-{index + 1:02d}",
                    full_name=_person_name(rng),
                    phone=_phone(rng),
                    is_cppcc_member=True,
                    sector=sectors[index % len(sectors)],
                    password="!demo-no-login",
                )
            )
        # Every other department gets a liaison of its own (no password either).
        departments = [d for d in self.departments.values() if d.name != LIAISON_DEPARTMENT]
        for department in departments:
            rng = _rng("liaison", department.name)
            users.append(
                self.User(
                    username=f"liaison-{department.pk}",
                    full_name=_person_name(rng),
                    phone=_phone(rng),
                    password="!demo-no-login",
                )
            )
        _bulk_create_missing(self.User, users, lambda u: u.username, existing_users)
        liaison_users = {u.username: u for u in self.User.objects.filter(username__startswith="liaison-")}
        existing = set(Liaison.objects.values_list("user_id", flat=True))
        liaisons = [
            Liaison(user=liaison_users[f"liaison-{d.pk}"], department=d)
            for d in departments
            if f"liaison-{d.pk}" in liaison_users
        ]
        _bulk_create_missing(Liaison, liaisons, lambda liaison: liaison.user_id, existing)
        self.liaison_of = {liaison.department_id: liaison.user for liaison in Liaison.objects.select_related("user")}
        by_name = {u.username: u for u in self.User.objects.filter(username__startswith="convener-")}
        existing = set(Convenership.objects.values_list("user_id", "room_id"))
        memberships = [
            Convenership(user=by_name[f"convener-{room.pk}"], room=room, started_on=room.established_on)
            for room in rooms
            if f"convener-{room.pk}" in by_name
        ]
        _bulk_create_missing(Convenership, memberships, lambda c: (c.user_id, c.room_id), existing)

    # ---- activity -------------------------------------------------------------------------------
    def load_activity(self):
        categories = {}
        for position, name in enumerate(names.CATEGORIES, start=1):
            department = names.DEPARTMENTS[name]
            categories[name], _ = IssueCategory.objects.get_or_create(
                name=name,
                defaults={
                    "ordering": position,
                    "default_department": self.departments[department] if department else None,
                    "deadline_days": names.DEADLINE_DAYS[name],
                },
            )
        campaign, _ = Campaign.objects.get_or_create(
            name="2020年“有事好商量·民生专题协商议事月”",
            defaults={
                "theme": "精选协商议题，以解决民生问题的实效检验活动成效",
                "starts_on": datetime.date(2020, 9, 1),
                "ends_on": datetime.date(2020, 9, 30),
                "target_sessions": 40,
                "target_person_times": 2000,
                "target_issues_resolved": 30,
            },
        )
        rooms = list(Room.objects.select_related("street", "community", "sector").order_by("pk"))
        members = list(self.User.objects.filter(is_cppcc_member=True).order_by("pk"))
        author = self.User.objects.get(username=STAFF_LOGIN[0])

        sessions = self._make_sessions(rooms, categories, campaign, author)
        self._make_planned(rooms, categories, author)
        held = [s for s in sessions if s.pk]
        self._make_attendance(held, members)
        self._make_issues([s for s in held if not getattr(s, "after_article", False)], categories, author)
        self._make_later_issues([s for s in held if getattr(s, "after_article", False)], categories, author)
        self._make_outcomes()
        self._make_publicity(rooms)

    def _place(self, room):
        if room.community_id:
            return room.community.name
        if room.level == Room.Level.SECTOR:
            return room.sector.name
        return room.street.name if room.street_id else room.name

    def _make_sessions(self, rooms, categories, campaign, author):
        category_names = list(categories)
        sessions = []
        total = SESSIONS_BY_ARTICLE * self.scale
        for index in range(total):
            rng = _rng("session", index)
            room = rooms[index % len(rooms)] if index < len(rooms) else rng.choice(rooms)
            day = _day_between(rng, HISTORY_START, ARTICLE_DATE)
            sessions.append(
                self._session(rng, room, day, rng.choice(category_names), Session.Kind.REGULAR, None, author)
            )
        for index in range(CAMPAIGN_SESSIONS * self.scale):
            rng = _rng("campaign-session", index)
            room = rng.choice(rooms)
            day = _day_between(rng, campaign.starts_on, campaign.ends_on)
            sessions.append(
                self._session(rng, room, day, rng.choice(category_names), Session.Kind.CAMPAIGN, campaign, author)
            )
        sessions += self._later_sessions(rooms, category_names, author)
        existing = {
            (room_id, starts_at): pk
            for pk, room_id, starts_at in Session.objects.values_list("pk", "room_id", "starts_at")
        }
        keys = set(existing)
        created = _bulk_create_missing(Session, sessions, lambda s: (s.room_id, s.starts_at), keys)
        self.sessions_created = created
        return created

    def _later_sessions(self, rooms, category_names, author):
        """The sessions after the article, up to yesterday: one every LATER_SESSION_EVERY_HOURS on
        a grid from the day after ARTICLE_DATE (the article's own pace, 550余 sessions in about
        twenty months), the rooms taking turns in a fixed order. The turns spread the recent
        sessions over as many rooms as there are sessions, so the dashboard flags as quiet only the
        rooms whose turn is further back than its threshold. One in LATER_ISSUE_EVERY_SESSIONS
        raises an issue (`_make_later_issues`); the article's issues come from the earlier ones."""
        order = sorted(rooms, key=lambda r: r.name)
        random.Random("later-rooms").shuffle(order)
        first_day = ARTICLE_DATE + datetime.timedelta(days=1)
        last_day = self.today - datetime.timedelta(days=1)
        sessions = []
        index = 0
        while True:
            day = first_day + datetime.timedelta(days=index * LATER_SESSION_EVERY_HOURS // 24)
            if day > last_day:
                break
            rng = _rng("later-session", index)
            session = self._session(
                rng, order[index % len(order)], day, rng.choice(category_names), Session.Kind.REGULAR, None, author
            )
            session.after_article = True
            session.later_index = index  # its place on the grid: the seed of its issue, if any
            sessions.append(session)
            index += 1
        return sessions

    def _session(self, rng, room, day, category, kind, campaign, author):
        hour = rng.choice([9, 10, 14, 15, 19])
        starts_at = datetime.datetime(day.year, day.month, day.day, hour, rng.choice([0, 30]), tzinfo=TZ)
        place = self._place(room)
        topic = rng.choice(names.SESSION_TOPICS).format(place=place, category=category)
        session = Session(
            room=room,
            topic=topic,
            kind=kind,
            campaign=campaign,
            status=Session.Status.HELD,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=2),
            place=f"{room.name}",
            minutes=(
                f"召集人介绍议题背景；居民代表反映{category}方面的具体情况；职能部门说明政策和办理计划；"
                "政协委员提出意见建议；与会人员逐项讨论。"
            ),
            consensus=f"明确{category}问题的责任分工和完成时限，议事室跟踪督办，一个月后回访。",
            created_by=author,
        )
        session.category_name = category
        return session

    def _make_planned(self, rooms, categories, author):
        existing = set(Session.objects.planned().values_list("room_id", "topic"))
        planned = []
        category_names = list(categories)
        for index in range(PLANNED_SESSIONS):
            rng = _rng("planned", index)
            room = rng.choice(rooms)
            day = self.today + datetime.timedelta(days=3 + index * 4)
            starts_at = datetime.datetime(day.year, day.month, day.day, 9, 30, tzinfo=TZ)
            topic = "（预告）" + rng.choice(names.SESSION_TOPICS).format(
                place=self._place(room), category=rng.choice(category_names)
            )
            planned.append(
                Session(
                    room=room,
                    topic=topic,
                    status=Session.Status.PLANNED,
                    starts_at=starts_at,
                    place=room.name,
                    created_by=author,
                )
            )
        _bulk_create_missing(Session, planned, lambda s: (s.room_id, s.topic), existing)

    def _make_attendance(self, sessions, members):
        rows = []
        through = Session.cppcc_members.through
        links = []
        for session in sessions:
            rng = _rng("attendance", f"{session.room_id}-{session.starts_at.isoformat()}")
            counts = {
                Attendance.Role.CPPCC_MEMBER: rng.randint(1, 4),
                Attendance.Role.RESIDENT: rng.randint(24, 56),
                Attendance.Role.DEPARTMENT: rng.randint(1, 5),
            }
            later = getattr(session, "after_article", False)
            if not later:  # the later sessions keep to three roles and one named member: fewer rows
                counts[Attendance.Role.EXPERT] = rng.randint(0, 3)
                counts[Attendance.Role.OTHER] = rng.randint(0, 5)
            rows.extend(Attendance(session_id=session.pk, role=role, headcount=n) for role, n in counts.items())
            for member in rng.sample(
                members, k=min(len(members), 1 if later else 2, counts[Attendance.Role.CPPCC_MEMBER])
            ):
                links.append(through(session_id=session.pk, user_id=member.pk))
        Attendance.objects.bulk_create(rows, batch_size=1000)
        through.objects.bulk_create(links, batch_size=1000)

    def _make_issues(self, sessions, categories, author):
        """Issues raised in the newly created sessions, each with its timeline and feedback, and
        the department's part of the loop: routing, 签收, progress, 报告办结, the convener's
        confirmation; a few escalations, duplicates, 回访 after 不满意, a reopened issue, a
        pending extension request and confirmed followers."""
        if not sessions:
            return
        sessions = sorted(sessions, key=lambda s: (s.starts_at, s.pk))
        street_rooms = {r.street_id: r for r in Room.objects.active().filter(level=Room.Level.STREET)}
        plan = (
            [Issue.Status.RESOLVED] * RESOLVED_ISSUES
            + [None] * OPEN_ISSUES
            + [Issue.Status.CLOSED] * CLOSED_ISSUES
            + ["private"] * PRIVATE_ISSUES
        )
        issues, timelines = [], []
        reopened = None  # the one open issue that was resolved, rated 不满意 and reopened at 回访
        forced_street = False  # one issue of the convener login's community goes up to its street
        existing = set(Issue.objects.values_list("room_id", "title", "reported_on"))
        for index in range(len(plan) * self.scale):
            rng = _rng("issue", index)
            loop = _rng("loop", index)  # the loop's choices, so the older stream stays as it was
            kind = plan[index % len(plan)]
            # resolved issues come from the earlier sessions, open ones from the later ones
            if kind in (Issue.Status.RESOLVED, Issue.Status.CLOSED, "private"):
                session = sessions[rng.randrange(max(1, int(len(sessions) * 0.85)))]
            else:
                session = sessions[len(sessions) // 2 + rng.randrange(len(sessions) - len(sessions) // 2)]
            category_name = getattr(session, "category_name", None) or rng.choice(list(categories))
            room = session.room
            reported_on = session.starts_at.astimezone(TZ).date()
            templates = names.ISSUE_TEMPLATES[category_name]
            title = None
            for offset in range(len(templates) * 3):
                candidate = templates[(rng.randrange(len(templates)) + offset) % len(templates)].format(
                    place=self._place(room)
                )
                if offset >= len(templates):
                    candidate += f"（{'二三四五六'[offset // len(templates) - 1]}期）"
                if (room.pk, candidate, reported_on) not in existing:
                    title = candidate
                    break
            if title is None:
                continue
            existing.add((room.pk, title, reported_on))
            category = categories[category_name]
            department = self.department_for(category_name, room)
            issue = Issue(
                title=title,
                category=category,
                room=room,
                raised_in=session,
                description=f"居民在议事活动中反映：{title}问题影响日常生活，希望有关部门协调解决。",
                triage_level=rng.choice(
                    [
                        Issue.Triage.BUILDING,
                        Issue.Triage.NEIGHBOURHOOD,
                        Issue.Triage.COMMUNITY,
                        Issue.Triage.COMMUNITY,
                        Issue.Triage.STREET,
                        Issue.Triage.DISTRICT,
                    ]
                ),
                department=department,
                handling=Issue.Handling.ASSIGNED,
                due_on_set_by_hand=False,
                reported_on=reported_on,
            )
            rng.choice([30, 60, 90])  # the deadline drawn before categories had one: keeps the stream
            issue.due_on = reported_on + datetime.timedelta(days=category.deadline_days)
            liaison = self.liaison_of.get(department.pk, author)
            convener = author

            def step(
                on,
                note,
                status_from="",
                status_to="",
                kind=IssueUpdate.Kind.PROGRESS,
                by_department=False,
                d=department,
            ):
                return (on, status_from, status_to, note, kind, d if by_department else None)

            due = issue.due_on.strftime("%Y-%m-%d")
            steps = [
                step(reported_on, f"在议事活动“{session.topic}”中提出。", status_to=Issue.Status.DELIBERATING),
                step(reported_on, f"交办{department}办理，期限{due}。", kind=IssueUpdate.Kind.ASSIGN),
            ]
            day = reported_on + datetime.timedelta(days=rng.randint(3, 15))
            if kind == Issue.Status.CLOSED:
                issue.status = Issue.Status.CLOSED
                issue.handling = Issue.Handling.CONFIRMED
                issue.closed_reason = "经协商，该事项涉及产权纠纷，需通过司法途径解决，议事室已告知居民。"
                steps.append(step(day, issue.closed_reason, Issue.Status.DELIBERATING, Issue.Status.CLOSED))
            elif kind in (Issue.Status.RESOLVED, "private"):
                agreed_on = day
                work_on = agreed_on + datetime.timedelta(days=rng.randint(2, 20))
                resolved_on = min(
                    work_on + datetime.timedelta(days=rng.randint(5, 60)),
                    max(ARTICLE_DATE, reported_on + datetime.timedelta(days=30)),
                )
                resolved_on = max(resolved_on, work_on)
                issue.status = Issue.Status.RESOLVED
                issue.handling = Issue.Handling.CONFIRMED
                issue.resolution = rng.choice(names.RESOLUTIONS)
                issue.resolved_on = resolved_on
                issue.is_public = kind != "private"
                middle = work_on + (resolved_on - work_on) / 2
                steps += [
                    step(agreed_on, "与会各方达成共识，明确责任分工。", Issue.Status.DELIBERATING, Issue.Status.AGREED),
                    step(
                        work_on,
                        f"{department}已签收，牵头办理，议事室跟踪督办。",
                        Issue.Status.AGREED,
                        Issue.Status.IN_PROGRESS,
                        IssueUpdate.Kind.ACCEPT,
                        True,
                    ),
                    step(middle, loop.choice(names.DEPARTMENT_PROGRESS), by_department=True),
                    step(
                        resolved_on,
                        f"承办单位报告办结：{issue.resolution}",
                        kind=IssueUpdate.Kind.DONE_REPORT,
                        by_department=True,
                    ),
                    step(
                        resolved_on,
                        issue.resolution,
                        Issue.Status.IN_PROGRESS,
                        Issue.Status.RESOLVED,
                        IssueUpdate.Kind.CONFIRM,
                    ),
                ]
            else:
                issue.status = rng.choice(
                    [Issue.Status.DELIBERATING, Issue.Status.AGREED, Issue.Status.IN_PROGRESS, Issue.Status.IN_PROGRESS]
                )
                if issue.status != Issue.Status.DELIBERATING:
                    steps.append(step(day, "与会各方达成共识。", Issue.Status.DELIBERATING, Issue.Status.AGREED))
                if issue.status == Issue.Status.IN_PROGRESS:
                    issue.handling = Issue.Handling.ACCEPTED
                    accepted_on = day + datetime.timedelta(days=7)
                    steps.append(
                        step(
                            accepted_on,
                            f"已转{department}办理，承办单位已签收。",
                            Issue.Status.AGREED,
                            Issue.Status.IN_PROGRESS,
                            IssueUpdate.Kind.ACCEPT,
                            True,
                        )
                    )
                    if loop.random() < 0.5:
                        steps.append(
                            step(
                                accepted_on + datetime.timedelta(days=loop.randint(3, 20)),
                                loop.choice(names.DEPARTMENT_PROGRESS),
                                by_department=True,
                            )
                        )
                    if reopened is None and issue.is_public:
                        reopened = issue
                        done_on = accepted_on + datetime.timedelta(days=20)
                        steps += [
                            step(
                                done_on,
                                "承办单位报告办结：已完成整改。",
                                kind=IssueUpdate.Kind.DONE_REPORT,
                                by_department=True,
                            ),
                            step(
                                done_on + datetime.timedelta(days=2),
                                "已完成整改。",
                                Issue.Status.IN_PROGRESS,
                                Issue.Status.RESOLVED,
                                IssueUpdate.Kind.CONFIRM,
                            ),
                            step(
                                done_on + datetime.timedelta(days=15),
                                f"回访（重新办理）：{names.FOLLOW_UP_REOPENED}",
                                Issue.Status.RESOLVED,
                                Issue.Status.IN_PROGRESS,
                                IssueUpdate.Kind.FOLLOW_UP,
                            ),
                        ]
                        issue.handling = Issue.Handling.ASSIGNED
                        issue.demo_visit_on = done_on + datetime.timedelta(days=15)
                street_room = street_rooms.get(room.street_id)
                can_go_up = room.level == Room.Level.COMMUNITY and street_room is not None
                to_street = can_go_up and not forced_street and room.street.name == STREET_STAFF_STREET
                forced_street = forced_street or to_street
                draw = loop.random()
                if can_go_up and (to_street or draw < ESCALATED_TO_STREET):
                    issue.triage_level = Issue.Triage.STREET
                    issue.escalated_to = street_room
                    steps.append(
                        step(
                            day + datetime.timedelta(days=1),
                            f"已提级至{street_room.name}协商办理。",
                            kind=IssueUpdate.Kind.ESCALATE,
                        )
                    )
                elif draw > 1 - ESCALATED_TO_DISTRICT:
                    issue.triage_level = Issue.Triage.DISTRICT
                    steps.append(
                        step(
                            day + datetime.timedelta(days=1),
                            "已提级至区政协机关协商办理。",
                            kind=IssueUpdate.Kind.ESCALATE,
                        )
                    )
            issues.append(issue)
            timelines.append((steps, rng, liaison, convener))
        created = Issue.objects.bulk_create(_with_search_documents(issues), batch_size=500)
        extras = self._make_duplicates(created, existing, author)
        updates, feedback, deliberated = [], [], []
        through = Issue.deliberated_in.through
        for issue, (steps, rng, liaison, convener) in zip(created, timelines, strict=True):
            deliberated.append(through(issue_id=issue.pk, session_id=issue.raised_in_id))
            for occurred_on, status_from, status_to, note, kind, department in steps:
                updates.append(
                    IssueUpdate(
                        issue=issue,
                        status_from=status_from,
                        status_to=status_to,
                        note=note,
                        kind=kind,
                        department=department,
                        occurred_on=occurred_on,
                        author=liaison if department else convener,
                    )
                )
            if issue.status == Issue.Status.RESOLVED and issue.is_public:
                for _n in range(rng.randint(0, 3)):
                    rating = rng.choices(
                        [Feedback.Rating.SATISFIED, Feedback.Rating.MOSTLY, Feedback.Rating.DISSATISFIED],
                        weights=[7, 2, 1],
                    )[0]
                    feedback.append(
                        Feedback(
                            issue=issue,
                            rating=rating,
                            note=rng.choice(["", "问题解决得很及时，谢谢！", "整体满意，希望长期保持。"]),
                        )
                    )
        if reopened is not None:
            feedback.append(
                Feedback(issue=reopened, rating=Feedback.Rating.DISSATISFIED, note=names.FOLLOW_UP_DISSATISFIED)
            )
        IssueUpdate.objects.bulk_create(updates + extras, batch_size=1000)
        Feedback.objects.bulk_create(feedback, batch_size=1000)
        through.objects.bulk_create(deliberated, batch_size=1000)
        self._make_follow_ups(feedback, reopened, author)
        self._make_extension(created, timelines)
        self._make_followers(created)

    def _make_later_issues(self, sessions, categories, author):
        """The issues the later sessions raise (one in LATER_ISSUE_EVERY_SESSIONS), each handled by
        its department within the category's deadline: resolved by now, or still in progress and
        not yet due. The loop's special cases (escalations, 回访, extensions) stay with the
        article's issues."""
        existing = set(Issue.objects.values_list("room_id", "title", "reported_on"))
        issues, timelines = [], []
        for session in sessions:
            index = session.later_index
            if index % LATER_ISSUE_EVERY_SESSIONS:
                continue
            rng = _rng("later-issue", index)
            category_name = session.category_name
            category = categories[category_name]
            room = session.room
            reported_on = session.starts_at.astimezone(TZ).date()
            title = rng.choice(names.ISSUE_TEMPLATES[category_name]).format(place=self._place(room))
            if (room.pk, title, reported_on) in existing:
                continue
            existing.add((room.pk, title, reported_on))
            department = self.department_for(category_name, room)
            due_on = reported_on + datetime.timedelta(days=category.deadline_days)
            agreed_on = reported_on + datetime.timedelta(days=rng.randint(1, 3))
            accepted_on = agreed_on + datetime.timedelta(days=rng.randint(1, 3))
            done_on = accepted_on + datetime.timedelta(days=rng.randint(2, max(3, category.deadline_days - 7)))
            issue = Issue(
                title=title,
                category=category,
                room=room,
                raised_in=session,
                description=f"居民在议事活动中反映：{title}问题影响日常生活，希望有关部门协调解决。",
                triage_level=rng.choice([Issue.Triage.NEIGHBOURHOOD, Issue.Triage.COMMUNITY, Issue.Triage.STREET]),
                department=department,
                handling=Issue.Handling.ACCEPTED,
                due_on_set_by_hand=False,
                reported_on=reported_on,
                due_on=due_on,
                status=Issue.Status.IN_PROGRESS,
            )
            liaison = self.liaison_of.get(department.pk, author)
            steps = [
                (reported_on, "", Issue.Status.DELIBERATING, f"在议事活动“{session.topic}”中提出。", "", None),
                (reported_on, "", "", f"交办{department}办理，期限{due_on:%Y-%m-%d}。", IssueUpdate.Kind.ASSIGN, None),
                (agreed_on, Issue.Status.DELIBERATING, Issue.Status.AGREED, "与会各方达成共识。", "", None),
                (
                    accepted_on,
                    Issue.Status.AGREED,
                    Issue.Status.IN_PROGRESS,
                    f"{department}已签收，牵头办理，议事室跟踪督办。",
                    IssueUpdate.Kind.ACCEPT,
                    department,
                ),
            ]
            if done_on < self.today:
                issue.status = Issue.Status.RESOLVED
                issue.handling = Issue.Handling.CONFIRMED
                issue.resolution = rng.choice(names.RESOLUTIONS)
                issue.resolved_on = done_on
                steps += [
                    (done_on, "", "", f"报告办结：{issue.resolution}", IssueUpdate.Kind.DONE_REPORT, department),
                    (
                        done_on,
                        Issue.Status.IN_PROGRESS,
                        Issue.Status.RESOLVED,
                        issue.resolution,
                        IssueUpdate.Kind.CONFIRM,
                        None,
                    ),
                ]
            issues.append(issue)
            timelines.append((steps, liaison))
        created = Issue.objects.bulk_create(_with_search_documents(issues), batch_size=500)
        updates, deliberated = [], []
        through = Issue.deliberated_in.through
        for issue, (steps, liaison) in zip(created, timelines, strict=True):
            deliberated.append(through(issue_id=issue.pk, session_id=issue.raised_in_id))
            for occurred_on, status_from, status_to, note, kind, department in steps:
                updates.append(
                    IssueUpdate(
                        issue=issue,
                        status_from=status_from,
                        status_to=status_to,
                        note=note,
                        kind=kind or IssueUpdate.Kind.PROGRESS,
                        department=department,
                        occurred_on=occurred_on,
                        author=liaison if department else author,
                    )
                )
        IssueUpdate.objects.bulk_create(updates, batch_size=1000)
        through.objects.bulk_create(deliberated, batch_size=1000)

    def _make_duplicates(self, created, existing, author):
        """合并重复问题: residents raise a few open matters again a few days later; each repeat is
        closed with a pointer to the first report (the repeats are new, closed issues, so no
        figure changes). Returns the timeline entries of both sides."""
        originals, rooms = [], set()
        for issue in created:
            if len(originals) == DUPLICATES * self.scale:
                break
            if (
                issue.is_open
                and issue.is_public
                and issue.escalated_to_id is None
                and not hasattr(issue, "demo_visit_on")
                and issue.room_id not in rooms
            ):
                originals.append(issue)
                rooms.add(issue.room_id)
        repeats = []
        for of in originals:
            reported_on = of.reported_on + datetime.timedelta(days=3)
            if (of.room_id, of.title, reported_on) in existing:
                continue
            existing.add((of.room_id, of.title, reported_on))
            repeats.append(
                Issue(
                    title=of.title,
                    category=of.category,
                    room=of.room,
                    description=f"居民再次反映：{of.title}。",
                    triage_level=of.triage_level,
                    department=of.department,
                    handling=Issue.Handling.CONFIRMED,
                    reported_on=reported_on,
                    due_on=of.due_on,
                    status=Issue.Status.CLOSED,
                    closed_reason=f"与问题“{of.title}”（{of.reported_on:%Y-%m-%d}反映）重复，合并办理。",
                    duplicate_of=of,
                )
            )
        Issue.objects.bulk_create(_with_search_documents(repeats))
        entries = []
        for repeat in repeats:
            entries += [
                IssueUpdate(
                    issue=repeat,
                    status_to=Issue.Status.REPORTED,
                    note="居民再次反映。",
                    occurred_on=repeat.reported_on,
                    author=author,
                ),
                IssueUpdate(
                    issue=repeat,
                    kind=IssueUpdate.Kind.DUPLICATE,
                    status_from=Issue.Status.REPORTED,
                    status_to=Issue.Status.CLOSED,
                    note=repeat.closed_reason,
                    occurred_on=repeat.reported_on,
                    author=author,
                ),
                IssueUpdate(
                    issue=repeat.duplicate_of,
                    kind=IssueUpdate.Kind.DUPLICATE,
                    note=f"合并了重复问题“{repeat.title}”（{repeat.reported_on:%Y-%m-%d}反映）。",
                    occurred_on=repeat.reported_on,
                    author=author,
                ),
            ]
        return entries

    def _make_follow_ups(self, feedback, reopened, author):
        """回访 after every 不满意 rating: most residents are satisfied after it, every fifth visit
        is still to be made, and the reopened issue's visit sent it back to its department."""
        visits, entries = [], []
        dissatisfied = [f for f in feedback if f.rating == Feedback.Rating.DISSATISFIED and f.issue is not reopened]
        for position, rating in enumerate(dissatisfied):
            issue = rating.issue
            if position % 5 == 4:
                visits.append(FollowUpVisit(issue=issue, feedback=rating))
                continue
            visited_on = issue.resolved_on + datetime.timedelta(days=7 + position % 10)
            visits.append(
                FollowUpVisit(
                    issue=issue,
                    feedback=rating,
                    visited_on=visited_on,
                    result=FollowUpVisit.Result.SATISFIED,
                    note=names.FOLLOW_UP_SATISFIED,
                    recorded_by=author,
                )
            )
            entries.append(
                IssueUpdate(
                    issue=issue,
                    kind=IssueUpdate.Kind.FOLLOW_UP,
                    note=f"回访（回访后满意）：{names.FOLLOW_UP_SATISFIED}",
                    occurred_on=visited_on,
                    author=author,
                )
            )
        if reopened is not None:
            visits.append(
                FollowUpVisit(
                    issue=reopened,
                    feedback=feedback[-1],
                    visited_on=reopened.demo_visit_on,
                    result=FollowUpVisit.Result.REOPENED,
                    note=names.FOLLOW_UP_REOPENED,
                    recorded_by=author,
                )
            )
        FollowUpVisit.objects.bulk_create(visits, batch_size=1000)
        IssueUpdate.objects.bulk_create(entries, batch_size=1000)

    def _make_extension(self, created, timelines):
        """One pending extension request, from the liaison login's department."""
        for issue, (_steps, _rng, liaison, _convener) in zip(created, timelines, strict=True):
            if (
                issue.department.name == LIAISON_DEPARTMENT
                and issue.handling == Issue.Handling.ACCEPTED
                and issue.is_open
                and issue.duplicate_of_id is None
            ):
                requested = issue.due_on + datetime.timedelta(days=30)
                ExtensionRequest.objects.create(
                    issue=issue,
                    department=issue.department,
                    requested_by=liaison,
                    current_due_on=issue.due_on,
                    requested_due_on=requested,
                    reason=names.EXTENSION_REASON,
                )
                IssueUpdate.objects.create(
                    issue=issue,
                    kind=IssueUpdate.Kind.EXTENSION,
                    department=issue.department,
                    note=f"承办单位申请延期至{requested:%Y-%m-%d}:{names.EXTENSION_REASON}",
                    occurred_on=issue.due_on - datetime.timedelta(days=3),
                    author=liaison,
                )
                return

    def _make_followers(self, created):
        """Residents who confirmed they follow a few open issues by e-mail (fake addresses)."""
        followed = [i for i in created if i.is_open and i.is_public][:FOLLOWED_ISSUES]
        followers = []
        for position, issue in enumerate(followed):
            for email in names.FOLLOWER_EMAILS[: 1 + position % 3]:
                token = f"demo-{_rng('follower', f'{issue.pk}-{email}').getrandbits(128):032x}"
                followers.append(
                    IssueFollower(issue=issue, email=email, token=token, confirmed_at=_aware(issue.reported_on))
                )
        IssueFollower.objects.bulk_create(followers, batch_size=1000)

    def _make_outcomes(self):
        existing = set(Outcome.objects.values_list("title", flat=True))
        resolved = list(
            Issue.objects.public().resolved().select_related("category").order_by("pk")[: OUTCOMES * self.scale * 2]
        )
        if not resolved:
            return
        outcomes, sources = [], []
        kinds = [Outcome.Kind.SUGGESTION, Outcome.Kind.PROPOSAL, Outcome.Kind.OPINION]
        for index in range(OUTCOMES * self.scale):
            rng = _rng("outcome", index)
            issue = resolved[(index * 2) % len(resolved)]
            kind = kinds[index % 3]
            title = f"关于{issue.category.name}长效机制的{Outcome.Kind(kind).label}（第{index + 1}号）"
            adoption = rng.choices(
                [Outcome.Adoption.ADOPTED, Outcome.Adoption.PENDING, Outcome.Adoption.NOT_ADOPTED], weights=[6, 3, 1]
            )[0]
            submitted_on = issue.resolved_on + datetime.timedelta(days=rng.randint(5, 40))
            outcomes.append(
                Outcome(
                    kind=kind,
                    title=title,
                    summary=f"在“{issue.title}”协商成果基础上形成。",
                    submitted_to=rng.choice(["区委办公室", "区政府办公室", "市政协", "区政协提案委"]),
                    submitted_on=submitted_on,
                    adoption=adoption,
                    adopted_on=submitted_on + datetime.timedelta(days=30)
                    if adoption == Outcome.Adoption.ADOPTED
                    else None,
                    response="建议已被采纳，相关做法在全区推广。" if adoption == Outcome.Adoption.ADOPTED else "",
                )
            )
            sources.append(issue)
        created = _bulk_create_missing(Outcome, outcomes, lambda o: o.title, existing)
        by_title = {o.title: o for o in created}
        issue_links, session_links = [], []
        for outcome, issue in zip(outcomes, sources, strict=True):
            if outcome.title in by_title:
                issue_links.append(Outcome.issues.through(outcome_id=outcome.pk, issue_id=issue.pk))
                if issue.raised_in_id:
                    session_links.append(Outcome.sessions.through(outcome_id=outcome.pk, session_id=issue.raised_in_id))
        Outcome.issues.through.objects.bulk_create(issue_links)
        Outcome.sessions.through.objects.bulk_create(session_links)

    def _make_publicity(self, rooms):
        """Media reports and visiting delegations: the article's 100余 central and provincial
        reports and 60余 delegations by ARTICLE_DATE (with some city-level reports, which it does
        not count), then more of both after it, up to the day the demo is loaded."""
        reports = []
        for index in range(MEDIA_REPORTS * self.scale):
            rng = _rng("media", index)
            level = MediaReport.Level.CENTRAL if index % 3 == 0 else rng.choice(CENTRAL_PROVINCIAL)
            reports.append(
                MediaReport(
                    outlet=rng.choice(names.MEDIA[level]),
                    level=level,
                    title=f"{rng.choice(names.MEDIA_TITLES)}（第{index + 1}篇）",
                    published_on=_day_between(rng, PUBLICITY_START, ARTICLE_DATE),
                )
            )
        for index in range(MUNICIPAL_REPORTS * self.scale):
            rng = _rng("media-municipal", index)
            reports.append(
                MediaReport(
                    outlet=rng.choice(names.MEDIA[MediaReport.Level.MUNICIPAL]),
                    level=MediaReport.Level.MUNICIPAL,
                    title=f"{rng.choice(names.MEDIA_TITLES)}（市级第{index + 1}篇）",
                    published_on=_day_between(rng, PUBLICITY_START, ARTICLE_DATE),
                )
            )
        for index, day in enumerate(self._later_days(LATER_REPORT_EVERY_DAYS)):
            rng = _rng("media-later", index)
            level = rng.choices(list(names.MEDIA), weights=[1, 2, 3])[0]
            reports.append(
                MediaReport(
                    outlet=rng.choice(names.MEDIA[level]),
                    level=level,
                    title=f"{rng.choice(names.MEDIA_TITLES)}（{day.year}年{day.month}月）",
                    published_on=day,
                )
            )
        existing = set(MediaReport.objects.values_list("outlet", "title", "published_on"))
        _bulk_create_missing(MediaReport, reports, lambda r: (r.outlet, r.title, r.published_on), existing)

        visits = []
        for index in range(VISITS * self.scale):
            rng = _rng("visit", index)
            visits.append(
                Visit(
                    delegation=rng.choice(names.VISITORS),
                    headcount=rng.randint(6, 30),
                    # one a week from May 2019: the 63rd in July 2020, before the article's day
                    visited_on=PUBLICITY_START + datetime.timedelta(days=index * 7 // self.scale),
                    note="专题学习考察“有事好商量”协商议事室建设。",
                )
            )
        for index, day in enumerate(self._later_days(LATER_VISIT_EVERY_DAYS)):
            rng = _rng("visit-later", index)
            visits.append(
                Visit(
                    delegation=rng.choice(names.VISITORS),
                    headcount=rng.randint(6, 30),
                    visited_on=day,
                    note="专题学习考察“有事好商量”协商议事室常态长效建设。",
                )
            )
        existing = set(Visit.objects.values_list("delegation", "visited_on"))
        created = _bulk_create_missing(Visit, visits, lambda v: (v.delegation, v.visited_on), existing)
        showcase = [r for r in rooms if r.name in ("陈桥街道协商议事室", "世伦桥社区协商议事室", "文峰街道协商议事室")]
        links = [Visit.rooms.through(visit_id=v.pk, room_id=r.pk) for v in created for r in showcase]
        Visit.rooms.through.objects.bulk_create(links, batch_size=1000)

    def _later_days(self, every_days):
        """The days after ARTICLE_DATE, one every `every_days`, up to yesterday: a fixed grid, so
        a later run finds the same days and adds only the new ones."""
        day = ARTICLE_DATE + datetime.timedelta(days=every_days)
        while day < self.today:
            yield day
            day += datetime.timedelta(days=every_days)

    @transaction.atomic
    def run(self):
        # The rollups are rebuilt set-based once at the end rather than row by row.
        with rollups.deferred():
            self.load_registry()
            self.load_people()
            load_members()
            self.load_activity()
        invalidate_statistics()  # bulk_create sends no signals
        reindex_issues()  # nor does it fill the issues' search documents


def load_demo(scale=1, today=None):
    DemoLoader(scale=scale, today=today).run()
    load_campaign_results(scale=scale, today=today)
    load_cases(scale=scale)
    load_announcements(scale=scale, today=today)
    # Last: it checks in to the latest held sessions, which the loaders above may add.
    load_checkins(today=today)
