"""The district statistics selectors count what the public may see."""

import pytest

from figures.selectors import campaign_progress
from issues.models import Issue
from tests.factories import CampaignFactory, ResolvedIssueFactory

pytestmark = pytest.mark.django_db


def test_campaign_progress_counts_published_issues_only():
    campaign = CampaignFactory()
    day = campaign.starts_on
    ResolvedIssueFactory(resolved_on=day, reported_on=day)
    ResolvedIssueFactory(resolved_on=day, reported_on=day, is_public=False)
    resolved = next(item for item in campaign_progress(campaign) if item["label"] == "解决问题")
    assert resolved["value"] == Issue.objects.filter(is_public=True, status="resolved").count() == 1
