"""The demo's 2020 议事月 shows its result on /campaigns/, and /cases/ holds its model cases, with
no liaison or convener name or phone on them."""

import re

import pytest
from django.urls import reverse

from cases.models import Case
from deliberations.models import Campaign
from demo.loader import load_demo
from departments.models import Liaison
from figures.models import Visit
from figures.selectors import campaign_figures
from rooms.models import Convenership
from tests.portal.pages import body

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_the_2020_campaign_shows_its_result_and_the_cases_are_there(client, demo, settings):
    settings.PAGE_CACHE_ENABLED = False
    campaign = Campaign.objects.get(starts_on__year=2020)
    figures = campaign_figures(campaign)
    board = client.get(reverse("campaigns:list")).content.decode()
    assert campaign.name in board and "已结束" in board
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "活动成效" in page and "活动总结" in page
    # the result as the figures count it, and the summary quotes the same figures
    assert f'data-figure="sessions_held">{figures.sessions_held}' in page
    assert figures.sessions_held >= campaign.target_sessions
    assert figures.issues_resolved >= campaign.target_issues_resolved
    assert figures.outcomes >= 3
    assert f"开展议事活动{figures.sessions_held}场次" in campaign.summary
    assert f"已推动解决{figures.issues_resolved}个" in campaign.summary
    assert campaign.summary.split("\n")[0][:20] in page
    # every street has a target, and the targets add up to the district's
    targets = list(campaign.street_targets.all())
    assert len(targets) == 13
    assert sum(t.target_sessions for t in targets) >= campaign.target_sessions
    for street in ("陈桥街道", "文峰街道", "天生港镇街道"):
        assert street in page

    cases = list(Case.objects.public().order_by("pk"))
    assert len(cases) >= 8
    listing = client.get(reverse("cases:list")).content.decode()
    assert re.search(r"共 (\d+) 条", listing).group(1) == str(len(cases))
    assert Case.objects.filter(featured=True).count() == 3
    assert any(case.session_id and case.session.campaign_id == campaign.pk for case in cases)
    assert Visit.cases.through.objects.exists()
    secrets = set()
    for liaison in Liaison.objects.select_related("user"):
        secrets |= {liaison.user.full_name, liaison.user.phone}
    for convenership in Convenership.objects.select_related("user"):
        secrets |= {convenership.user.full_name, convenership.user.phone}
    secrets.discard("")
    pages = [client.get(case.get_absolute_url()) for case in cases]
    pages += [client.get(url) for url in ("/api/v1/cases/", "/api/v1/cases/?format=csv", "/api/v1/campaigns/")]
    for response in pages:
        assert response.status_code == 200
        text = body(response)
        leaked = [secret for secret in secrets if secret in text]
        assert not leaked, leaked


def test_a_second_run_makes_no_second_case_or_target(demo):
    counts = (Case.objects.count(), Campaign.objects.get().street_targets.count(), Visit.cases.through.objects.count())
    load_demo()
    assert (
        Case.objects.count(),
        Campaign.objects.get().street_targets.count(),
        Visit.cases.through.objects.count(),
    ) == counts
