"""A small public world built with factories: what residents may see next to what they must not."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from deliberations.models import Attendance, Session, TopicSuggestion
from issues.models import Issue
from tests.factories import (
    AttendanceFactory,
    CommunityFactory,
    ConvenershipFactory,
    FeedbackFactory,
    IssueCategoryFactory,
    IssueFactory,
    IssueUpdateFactory,
    OutcomeFactory,
    ResolvedIssueFactory,
    RoomFactory,
    SectorFactory,
    SessionFactory,
    StreetFactory,
    TopicSuggestionFactory,
    UserFactory,
)

CONVENER_PHONE = "13912345678"
CONVENER_EMAIL = "wang.convener@example.com"
SUGGESTION_CONTACT = "13700001111 李先生"
FEEDBACK_NOTE = "这是只给议事室看的私密留言"


@pytest.fixture
def world(db):
    """Two streets, rooms of each level, sessions, issues at every stage, feedback, suggestions."""
    north = StreetFactory(name="陈桥街道")
    south = StreetFactory(name="文峰街道")
    community = CommunityFactory(name="世伦桥社区", street=north)
    uncovered = CommunityFactory(name="无室社区", street=south)
    sector = SectorFactory(name="经济界")
    room = RoomFactory(
        name="世伦桥社区协商议事室",
        community=community,
        street=north,
        public_phone="0513-85551234",
        description="围绕停车、养老等民生问题开展协商。",
    )
    street_room = RoomFactory(name="陈桥街道协商议事室", level="street", community=None, street=north)
    sector_room = RoomFactory(name="经济界协商议事室", level="sector", community=None, street=None, sector=sector)
    south_room = RoomFactory(name="文峰街道协商议事室", level="street", community=None, street=south)
    inactive = RoomFactory(name="已停用协商议事室", level="street", community=None, street=south, is_active=False)
    convener = UserFactory(username="wang", full_name="王召集", phone=CONVENER_PHONE, email=CONVENER_EMAIL)
    ConvenershipFactory(user=convener, room=room)

    tz = timezone.get_current_timezone()
    held = SessionFactory(
        room=room,
        topic="小区停车难协商会",
        starts_at=datetime.datetime(2020, 6, 5, 9, 0, tzinfo=tz),
        place="世伦桥社区党群服务中心",
        minutes="居民代表和城管部门发言。",
        consensus="施划临时停车位。",
    )
    AttendanceFactory(session=held, role=Attendance.Role.RESIDENT, headcount=30)
    AttendanceFactory(session=held, role=Attendance.Role.CPPCC_MEMBER, headcount=4)
    AttendanceFactory(session=held, role=Attendance.Role.DEPARTMENT, headcount=2)
    held.cppcc_members.add(convener)
    july = SessionFactory(
        room=south_room, topic="文峰养老服务议事", starts_at=datetime.datetime(2020, 7, 9, 9, tzinfo=tz)
    )
    AttendanceFactory(session=july, headcount=15)
    planned = SessionFactory(
        room=room,
        topic="下月加装电梯议事预告",
        status=Session.Status.PLANNED,
        starts_at=timezone.now() + datetime.timedelta(days=10),
    )

    parking = IssueCategoryFactory(name="停车管理")
    elderly = IssueCategoryFactory(name="养老服务")
    resolved = ResolvedIssueFactory(
        room=room,
        category=parking,
        raised_in=held,
        title="世伦桥小区停车位不足",
        description="崇川区协商议事室收到居民反映，晚间停车困难。",
        resolution="施划停车位42个，错时共享停车场。",
        reported_on=datetime.date(2020, 6, 5),
        resolved_on=datetime.date(2020, 7, 20),
        triage_level=Issue.Triage.COMMUNITY,
    )
    resolved.deliberated_in.add(held)
    IssueUpdateFactory(
        issue=resolved,
        status_to="deliberating",
        note="在议事活动中提出。",
        occurred_on=datetime.date(2020, 6, 5),
        author=convener,
    )
    IssueUpdateFactory(
        issue=resolved,
        status_from="deliberating",
        status_to="agreed",
        note="达成共识，社区牵头。",
        occurred_on=datetime.date(2020, 6, 12),
    )
    IssueUpdateFactory(
        issue=resolved,
        status_from="agreed",
        status_to="resolved",
        note="停车位施划完成。",
        occurred_on=datetime.date(2020, 7, 20),
    )
    open_issue = IssueFactory(
        room=south_room,
        category=elderly,
        title="文峰老年助餐点选址",
        status=Issue.Status.IN_PROGRESS,
        reported_on=datetime.date(2021, 3, 2),
    )
    private = ResolvedIssueFactory(room=room, category=parking, title="未公开的内部问题", is_public=False)
    FeedbackFactory(issue=resolved, rating="satisfied", note=FEEDBACK_NOTE, ip_hash="f" * 64)
    FeedbackFactory(issue=resolved, rating="dissatisfied", note="", ip_hash="e" * 64)
    FeedbackFactory(issue=private, rating="satisfied")
    OutcomeFactory(title="关于规范老旧小区停车的建议").issues.add(resolved)
    pending = TopicSuggestionFactory(room=room, topic="待审核的议题建议", contact=SUGGESTION_CONTACT)
    accepted = TopicSuggestionFactory(
        room=room, topic="已采纳的议题：楼道堆物整治", contact="13800002222", status=TopicSuggestion.Status.ACCEPTED
    )
    declined = TopicSuggestionFactory(room=room, topic="未采纳的议题建议", status=TopicSuggestion.Status.DECLINED)
    return SimpleNamespace(**locals())
