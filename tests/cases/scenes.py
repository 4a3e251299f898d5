"""A world of campaigns and cases at a given size, for the page, API and query-count tests."""

import datetime

from tests.factories import (
    TZ,
    AttendanceFactory,
    CampaignFactory,
    CampaignStreetTargetFactory,
    CaseFactory,
    ConvenershipFactory,
    DepartmentFactory,
    LiaisonFactory,
    OutcomeFactory,
    ResolvedIssueFactory,
    RoomFactory,
    SessionFactory,
    UserFactory,
    VisitFactory,
)

LIAISON_NAME = "联络员贾秘密"
LIAISON_PHONE = "13988887777"
CONVENER_NAME = "召集人甄隐私"
CONVENER_PHONE = "13766665555"


def build(size):
    """`size` campaigns, each with two streets' targets, three held sessions (attendance, issues
    raised and resolved, an outcome), and `size` cases with departments, seen by a visit."""
    campaigns, cases = [], []
    department = DepartmentFactory(name="区市场监督管理局")
    LiaisonFactory(department=department, user=UserFactory(full_name=LIAISON_NAME, phone=LIAISON_PHONE))
    for index in range(size):
        year = 2000 + index
        campaign = CampaignFactory(
            starts_on=datetime.date(year, 9, 1), ends_on=datetime.date(year, 9, 30), summary=f"第{index}届总结"
        )
        rooms = [RoomFactory(), RoomFactory()]
        ConvenershipFactory(room=rooms[0], user=UserFactory(full_name=CONVENER_NAME, phone=CONVENER_PHONE))
        for room in rooms:
            CampaignStreetTargetFactory(campaign=campaign, street=room.street)
        for day in range(3):
            session = SessionFactory(
                room=rooms[day % 2],
                campaign=campaign,
                kind="campaign",
                starts_at=datetime.datetime(year, 9, 2 + day, 9, 0, tzinfo=TZ),
            )
            AttendanceFactory(session=session, headcount=10 + day)
            issue = ResolvedIssueFactory(
                room=session.room,
                raised_in=session,
                department=department,
                reported_on=datetime.date(year, 9, 2 + day),
                resolved_on=datetime.date(year, 9, 20),
            )
            OutcomeFactory().sessions.add(session)
        case = CaseFactory(issue=issue, session=session, published_on=datetime.date(year, 10, 1))
        case.departments.add(department)
        cases.append(case)
        campaigns.append(campaign)
    visit = VisitFactory()
    visit.cases.add(*cases)
    visit.rooms.add(cases[0].room)
    return campaigns, cases
