"""The demo's 议题公示 and 结果公示: the planned sessions announced with sign-ups (one of them full,
with a waiting list), a session of the demo convener's room to sign up for, recently held
sessions whose results are in 公示 or past it, results of the 2020 议事月 published then, and
residents' comments with the conveners' answers.

Deterministic and idempotent like demo/loader.py: each record draws from its own seeded stream
and is created only when its natural key (the session) has none yet. Rows are bulk-created
without the services, so the demo sends no message to the made-up contacts. `scale` multiplies
the published results (the lists the query-count tests read at 1x and 10x).
"""

import datetime
import random
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from announcements.models import Announcement, Comment, ResultNotice, SignUp
from announcements.services import contact_address
from announcements.workdays import first_workday, period_end
from core.cache import invalidate_statistics
from deliberations.models import Attendance, Session
from demo import names
from demo.checkins import TODAY_TOPIC
from rooms.models import Room

# The demo's logins and the convener's room (demo/loader.py names the same; importing them from
# there would be circular, since load_demo calls this module).
STAFF_USERNAME, CONVENER_USERNAME = "staff", "convener"
CONVENER_ROOM = "世伦桥社区协商议事室"
TZ = ZoneInfo("Asia/Shanghai")

AGENDA = "召集人介绍议题背景\n居民代表反映情况\n相关部门说明政策\n政协委员提出建议\n讨论形成共识"
INVITED = ["小区居民、物业公司、社区民警", "沿街商户、城管中队、居民代表", "楼道长、业委会、社区网格员"]
CAMPAIGN_NOTICES = 6  # results of the 2020 议事月 published in September 2020, per scale
COMMENTS = [
    ("comment", "建议把施工时间安排在白天，避开午休。", "已与施工单位约定每天 8:30 至 11:30、14:00 至 17:30 施工。"),
    (
        "objection",
        "一楼住户担心采光受影响，希望再听听我们的意见。",
        "已安排召集人和设计单位上门听取意见，方案会作相应调整。",
    ),
    ("comment", "希望公布后续进展的时间表。", "进展将在本页和议事室公告栏同步公布。"),
]
RECENT = [  # (days before today, topic, consensus) of sessions held recently in the convener's room
    (1, "老旧小区加装电梯费用分摊", "按楼层系数分摊费用，一楼不出资；年底前完成 3 个单元的加装。"),
    (12, "小区垃圾分类投放点调整", "投放点移至 5 幢西侧，定时投放时段延长至 21:00。"),
]
UPCOMING_TOPIC = "（预告）小区非机动车充电棚建设"


def _rng(kind, index):
    return random.Random(f"{kind}-{index}")


def _person_name(rng):
    return rng.choice(names.SURNAMES) + rng.choice(names.GIVEN)


def _phone(rng):
    return "1" + rng.choice("3589") + "".join(str(rng.randrange(10)) for _ in range(9))


def _aware(day, hour=9, minute=30):
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _signups(announcement, rng, count, index):
    rows = []
    confirmed = 0
    for number in range(count):
        name = _person_name(rng)
        contact = _phone(rng) if number % 4 else f"resident{index}-{number}@example.com"
        status = SignUp.Status.CONFIRMED if confirmed < announcement.capacity else SignUp.Status.WAITLISTED
        confirmed += status == SignUp.Status.CONFIRMED
        rows.append(
            SignUp(
                announcement=announcement,
                name=name,
                contact=contact,
                contact_key=contact_address(contact)[1],
                status=status,
                created_at=announcement.created_at + datetime.timedelta(hours=number + 1),
            )
        )
    return rows


def _announce(sessions, author, now):
    """Announce each planned session (once); the first is full with people waiting."""
    have = set(Announcement.objects.filter(session__in=sessions).values_list("session_id", flat=True))
    created, signups = [], []
    for index, session in enumerate(sessions):
        if session.pk in have:
            continue
        rng = _rng("announcement", f"{session.room_id}-{session.topic}")
        capacity = 12 if index == 0 else rng.choice([20, 30, 40])
        announcement = Announcement.objects.create(
            session=session,
            agenda=AGENDA,
            invited=rng.choice(INVITED),
            capacity=capacity,
            waitlist_size=5,
            signup_deadline=session.starts_at - datetime.timedelta(hours=15),
            created_by=author,
        )
        Announcement.objects.filter(pk=announcement.pk).update(created_at=now - datetime.timedelta(days=2))
        announcement.created_at = now - datetime.timedelta(days=2)
        count = capacity + 3 if index == 0 else rng.randint(3, capacity // 2)
        signups += _signups(announcement, rng, count, index)
        created.append(announcement)
    SignUp.objects.bulk_create(signups, batch_size=1000)
    return created


def _recent_sessions(room, author, today):
    """Sessions held in the last weeks in the convener's room, with attendance (idempotent)."""
    sessions = []
    for days, topic, consensus in RECENT:
        day = today - datetime.timedelta(days=days)
        session, created = Session.objects.get_or_create(
            room=room,
            topic=topic,
            defaults={
                "status": Session.Status.HELD,
                "starts_at": _aware(day, 14, 30),
                "ends_at": _aware(day, 16, 30),
                "place": room.name,
                "minutes": "召集人介绍背景；居民代表逐户反映意见；相关部门说明政策；与会人员讨论形成共识。",
                "consensus": consensus,
                "created_by": author,
            },
        )
        if created:
            counts = {Attendance.Role.RESIDENT: 26, Attendance.Role.DEPARTMENT: 3, Attendance.Role.OTHER: 2}
            Attendance.objects.bulk_create(Attendance(session=session, role=r, headcount=n) for r, n in counts.items())
        sessions.append(session)
    return sessions


def _publish(sessions, author, published_on):
    """A result notice for each session (once), published on `published_on(session)`, with comments."""
    have = set(ResultNotice.objects.filter(session__in=sessions).values_list("session_id", flat=True))
    comments = []
    for session in sessions:
        if session.pk in have or not session.consensus:
            continue
        start = first_workday(published_on(session))
        notice = ResultNotice.objects.create(
            session=session,
            text=session.consensus,
            starts_on=start,
            ends_on=period_end(start, 5),
            published_by=author,
            published_at=_aware(start, 17, 0),
        )
        rng = _rng("result-comments", session.pk)
        for position, (kind, body, answer) in enumerate(rng.sample(COMMENTS, k=rng.randint(1, len(COMMENTS)))):
            pending = position == 0 and rng.random() < 0.3
            comments.append(
                Comment(
                    notice=notice,
                    kind=kind,
                    body=body,
                    contact=_phone(rng) if rng.random() < 0.5 else "",
                    status=Comment.Status.PENDING if pending else Comment.Status.APPROVED,
                    reviewed_by=None if pending else author,
                    reviewed_at=None if pending else _aware(start + datetime.timedelta(days=1), 9, 0),
                    answer="" if pending else answer,
                    answered_at=None if pending else _aware(start + datetime.timedelta(days=1), 10, 0),
                    created_at=_aware(start, 20, position),
                )
            )
    Comment.objects.bulk_create(comments, batch_size=1000)


@transaction.atomic
def load_announcements(scale=1, today=None):
    today = today or datetime.date.today()
    now = timezone.now()
    User = get_user_model()
    staff = User.objects.get(username=STAFF_USERNAME)
    convener = User.objects.filter(username=CONVENER_USERNAME).first() or staff
    room = Room.objects.get(name=CONVENER_ROOM)
    upcoming, _ = Session.objects.get_or_create(
        room=room,
        topic=UPCOMING_TOPIC,
        defaults={
            "status": Session.Status.PLANNED,
            "starts_at": _aware(today + datetime.timedelta(days=6), 19, 0),
            "ends_at": _aware(today + datetime.timedelta(days=6), 20, 30),
            "place": f"{room.name}（社区党群服务中心二楼）",
            "created_by": convener,
        },
    )
    # The check-in demo's session of the day (demo/checkins.py, loaded after this) is not announced:
    # whether it is still to come depends on the hour the demo is loaded.
    planned = list(
        Session.objects.planned().filter(starts_at__gte=now).exclude(topic=TODAY_TOPIC).order_by("starts_at", "pk")
    )
    _announce([upcoming] + [s for s in planned if s.pk != upcoming.pk], convener, now)

    recent = _recent_sessions(room, convener, today)
    # the first recent one is in 公示 now; the other was published when it was held and has ended
    _publish(
        recent, convener, lambda session: timezone.localtime(session.starts_at).date() + datetime.timedelta(days=1)
    )
    campaign_held = list(
        Session.objects.held()
        .filter(kind=Session.Kind.CAMPAIGN)
        .exclude(consensus="")
        .order_by("starts_at", "pk")[: CAMPAIGN_NOTICES * scale]
    )
    _publish(
        campaign_held, staff, lambda session: timezone.localtime(session.starts_at).date() + datetime.timedelta(days=2)
    )
    invalidate_statistics()  # bulk_create sends no signal: the cached public pages must go
