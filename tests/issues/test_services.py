"""The issue services directly: what issue_post_update refuses leaves the issue as it was."""

import datetime

import pytest
from django.utils import timezone

from issues.models import Issue
from issues.services import issue_post_update
from tests.factories import ConvenershipFactory, IssueFactory

pytestmark = pytest.mark.django_db


def test_issue_update_refuses_dates_in_the_future():
    membership = ConvenershipFactory()
    issue = IssueFactory(room=membership.room, status=Issue.Status.IN_PROGRESS)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(Exception) as error:
        issue_post_update(
            issue=issue,
            author=membership.user,
            note="已解决",
            status_to="resolved",
            resolution="完工",
            resolved_on=tomorrow,
        )
    assert "解决日期不能晚于今天" in str(error.value)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.IN_PROGRESS
