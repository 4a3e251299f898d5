"""Fixtures of the department workspace tests: two departments, a liaison for each, and issues
assigned to them at each handling state."""

import datetime

import pytest
from django.utils import timezone

from issues.models import Issue
from tests.factories import DepartmentFactory, IssueFactory, LiaisonFactory, UserFactory

LIAISON_NAME = "王承办"  # the liaison's real name: it must never reach a public page
LIAISON_PHONE = "13900001111"


@pytest.fixture
def department(db):
    return DepartmentFactory(name="区住房和城乡建设局", office_phone="0513-85012345")


@pytest.fixture
def other_department(db):
    return DepartmentFactory(name="区市场监督管理局", office_phone="0513-85099999")


@pytest.fixture
def liaison(department):
    user = UserFactory(username="liaison-a", full_name=LIAISON_NAME, phone=LIAISON_PHONE)
    LiaisonFactory(user=user, department=department)
    return user


@pytest.fixture
def other_liaison(other_department):
    user = UserFactory(username="liaison-b", full_name="李其他")
    LiaisonFactory(user=user, department=other_department)
    return user


@pytest.fixture
def resident(db):
    return UserFactory(username="resident")


def assigned_issue(room, department, *, handling=Issue.Handling.ASSIGNED, due_in=10, **kwargs):
    """An issue of `room` with `department` at `handling`, due `due_in` days from today."""
    today = timezone.localdate()
    kwargs.setdefault("status", Issue.Status.IN_PROGRESS if handling != Issue.Handling.ASSIGNED else "deliberating")
    return IssueFactory(
        room=room,
        department=department,
        handling=handling,
        due_on=today + datetime.timedelta(days=due_in) if due_in is not None else None,
        **kwargs,
    )


@pytest.fixture
def issue(room, department):
    return assigned_issue(room, department, title="小区雨污分流改造进度慢")


@pytest.fixture
def accepted_issue(room, department):
    return assigned_issue(room, department, handling=Issue.Handling.ACCEPTED, title="老旧小区加装电梯")
