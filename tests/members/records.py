"""Members with records, built with the factories at any size (for the pinned query counts)."""

import datetime
from zoneinfo import ZoneInfo

from deliberations.models import Attendance
from issues.models import Outcome
from tests.factories import (
    AttendanceFactory,
    IssueFactory,
    OutcomeFactory,
    RoomFactory,
    SectorFactory,
    SessionFactory,
    UserFactory,
)

TZ = ZoneInfo("Asia/Shanghai")
PHONE_PREFIX = "1390000"


def members_with_records(count, *, sessions_each=2, year=2020):
    """`count` members in two sectors; each in `sessions_each` held sessions (named together with
    the next member), with a public issue raised and a private one, a proposal and a 社情民意."""
    sectors = [SectorFactory(name=f"第{n}界") for n in range(2)]
    room = RoomFactory()
    members = [
        UserFactory(
            full_name=f"委员{n:03d}",
            is_cppcc_member=True,
            sector=sectors[n % 2],
            member_note=f"简介{n}",
            phone=f"{PHONE_PREFIX}{n:04d}",
        )
        for n in range(count)
    ]
    for index, member in enumerate(members):
        partner = members[(index + 1) % count]
        for step in range(sessions_each):
            session = SessionFactory(
                room=room,
                topic=f"议题{index}-{step}",
                starts_at=datetime.datetime(year, 3 + step % 9, 1 + index % 27, 9, 0, tzinfo=TZ),
            )
            AttendanceFactory(session=session, role=Attendance.Role.CPPCC_MEMBER, headcount=2)
            session.cppcc_members.add(*{member, partner})
            issue = IssueFactory(room=room, raised_in=session, title=f"公开问题{index}-{step}")
            IssueFactory(room=room, raised_in=session, title=f"未公开问题{index}-{step}", is_public=False)
            proposal = OutcomeFactory(kind=Outcome.Kind.PROPOSAL, title=f"提案{index}-{step}")
            proposal.sessions.add(session)
            opinion = OutcomeFactory(kind=Outcome.Kind.OPINION, title=f"社情民意{index}-{step}")
            opinion.issues.add(issue)
    return members
