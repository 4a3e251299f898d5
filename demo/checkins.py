"""Demo check-ins by QR code: opening hours on every room's poster, a session today in the demo
convener's rooms that phones can check in to, and check-ins for it and for the rooms' most recent
held sessions, so that the session form shows its suggested counts.

Deterministic and idempotent like the rest of the demo: the device keys are derived from the
session and a number, so a second run finds every row already there and adds nothing.
"""

import datetime
import hashlib
import secrets
from zoneinfo import ZoneInfo

from django.utils import timezone

from checkins.models import Checkin, CheckinCode, RoomPoster
from deliberations.models import Attendance, AttendanceRole, Session
from rooms.models import Room

TZ = ZoneInfo("Asia/Shanghai")
DEMO_CONVENER = "convener"  # demo.loader.CONVENER_LOGIN's user name
RECENT_SESSIONS = 3  # held sessions of each demo room that get check-ins
SHARE_CHECKED_IN = 0.6  # not everyone scans: about six in ten attendees
TODAY_TOPIC = "小区楼道堆物清理协商"
TODAY_CHECKINS = {
    AttendanceRole.RESIDENT: 9,
    AttendanceRole.CPPCC_MEMBER: 1,
    AttendanceRole.DEPARTMENT: 2,
    AttendanceRole.EXPERT: 1,
}
OPENING_HOURS = [
    "每周三下午 2:30—5:00，其他时间请电话预约",
    "工作日 9:00—11:30、14:00—17:00",
    "每月第一、三周周四下午，其他时间请电话预约",
]


def _key(session, number) -> str:
    return hashlib.sha256(f"demo-checkin:{session.pk}:{number}".encode()).hexdigest()


def _rows(session, per_role: dict) -> list[Checkin]:
    rows, number = [], 0
    for role, count in per_role.items():
        for _ in range(count):
            rows.append(Checkin(session=session, role=role, device_key=_key(session, number)))
            number += 1
    return rows


def load_checkins(today=None):
    today = today or timezone.localdate()  # the day in Asia/Shanghai, when check-in is open
    RoomPoster.objects.bulk_create(
        [
            RoomPoster(room_id=pk, opening_hours=OPENING_HOURS[pk % len(OPENING_HOURS)])
            for pk in Room.objects.values_list("pk", flat=True)
        ],
        ignore_conflicts=True,
    )
    rooms = list(Room.objects.filter(convenerships__user__username=DEMO_CONVENER).order_by("pk"))
    if not rooms:
        return
    room = rooms[0]
    # A meeting this morning: phones checked in to it today, and the convener has yet to record it.
    starts_at = datetime.datetime(today.year, today.month, today.day, 9, 30, tzinfo=TZ)
    this_morning, _created = Session.objects.get_or_create(
        room=room,
        topic=TODAY_TOPIC,
        starts_at=starts_at,
        defaults={"status": Session.Status.PLANNED, "place": room.name},
    )
    sessions = {this_morning: dict(TODAY_CHECKINS)}
    for each in rooms:
        for session in Session.objects.held().filter(room=each).order_by("-starts_at", "-pk")[:RECENT_SESSIONS]:
            headcounts = Attendance.objects.filter(session=session).values_list("role", "headcount")
            sessions[session] = {role: int(headcount * SHARE_CHECKED_IN) for role, headcount in headcounts}
    existing_codes = set(CheckinCode.objects.filter(session__in=list(sessions)).values_list("session_id", flat=True))
    CheckinCode.objects.bulk_create(
        [
            CheckinCode(session=session, token=secrets.token_urlsafe(16))
            for session in sessions
            if session.pk not in existing_codes
        ],
        ignore_conflicts=True,
    )
    Checkin.objects.bulk_create(
        [row for session, per_role in sessions.items() for row in _rows(session, per_role)],
        ignore_conflicts=True,
        batch_size=500,
    )
