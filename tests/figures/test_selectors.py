"""The district statistics selectors count what the public may see."""

import pytest

from figures.selectors import campaign_progress
from tests.factories import CampaignFactory, ResolvedIssueFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_campaign_progress_counts_published_issues_of_its_own_sessions_only():
    campaign = CampaignFactory()
    session = SessionFactory(campaign=campaign)
    day = campaign.starts_on
    ResolvedIssueFactory(resolved_on=day, reported_on=day, raised_in=session)
    ResolvedIssueFactory(resolved_on=day, reported_on=day, raised_in=session, is_public=False)
    ResolvedIssueFactory(resolved_on=day, reported_on=day)  # resolved in the period, not raised in it
    resolved = next(item for item in campaign_progress(campaign) if item["label"] == "解决问题")
    assert resolved["value"] == 1
