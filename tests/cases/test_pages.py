"""The 议事月 board and the 典型案例 pages: what a visitor sees, who may see what, query counts
pinned at two data sizes, and no person's name or phone on a page."""

import datetime

import pytest
from django.urls import reverse

from cases.models import Case
from cases.services import case_save
from tests.cases.scenes import CONVENER_NAME, CONVENER_PHONE, LIAISON_NAME, LIAISON_PHONE, build
from tests.factories import (
    TZ,
    AttendanceFactory,
    CampaignFactory,
    CaseFactory,
    IssueCategoryFactory,
    SessionFactory,
    StreetFactory,
)

pytestmark = pytest.mark.django_db

# page -> most queries allowed (the same bound at both data sizes)
MAX_QUERIES = {
    "campaigns": 2,  # the count and the page; each campaign's figures are subqueries of it
    "campaign": 11,  # the campaign and its targets, its figures (5), its sessions (2), outcomes (2)
    "cases": 4,  # the count, the page, the categories and streets of the filter form
    "cases_filtered": 6,  # + the chosen category and street, checked
    "case": 2,  # the case with its category, street, room, issue and session; its departments
}


def _urls(campaigns, cases):
    case = cases[0]
    return {
        "campaigns": reverse("campaigns:list"),
        "campaign": campaigns[0].get_absolute_url(),
        "cases": reverse("cases:list"),
        "cases_filtered": reverse("cases:list") + f"?category={case.category_id}&street={case.street_id}",
        "case": case.get_absolute_url(),
    }


def _measure(client, urls, django_assert_max_num_queries):
    counts = {}
    for name, url in urls.items():
        client.get(url)  # per-process caches (content types, settings row) filled first
        with django_assert_max_num_queries(MAX_QUERIES[name], info=url) as queries:
            response = client.get(url)
            assert response.status_code == 200, url
        counts[name] = len(queries)
    return counts


def test_query_counts_are_pinned_and_the_same_at_two_sizes(client, django_assert_max_num_queries, settings):
    settings.PAGE_CACHE_ENABLED = False
    campaigns, cases = build(2)
    urls = _urls(campaigns, cases)
    small = _measure(client, urls, django_assert_max_num_queries)
    build(12)
    large = _measure(client, urls, django_assert_max_num_queries)
    assert small == large


def test_the_board_lists_every_campaign_with_its_own_figures(client):
    campaigns, _cases = build(2)
    running = CampaignFactory(name="正在进行的议事月")
    html = client.get(reverse("campaigns:list")).content.decode()
    for campaign in [*campaigns, running]:
        assert campaign.name in html
    assert "进行中" in html and "已结束" in html
    page = client.get(campaigns[0].get_absolute_url()).content.decode()
    assert 'data-figure="sessions_held">3' in page
    assert 'data-figure="person_times">33' in page
    assert 'data-figure="issues_resolved">3' in page
    assert "第0届总结" in page
    assert campaigns[0].street_targets.first().street.name in page


def test_cases_filter_by_category_and_street(client):
    _campaigns, cases = build(3)
    other_category = IssueCategoryFactory(name="环境污染治理")
    other = CaseFactory(title="河道黑臭整治", category=other_category, street=StreetFactory(name="另一街道"))
    html = client.get(reverse("cases:list") + f"?category={other_category.pk}").content.decode()
    assert other.title in html and cases[0].title not in html
    html = client.get(reverse("cases:list") + f"?street={cases[1].street_id}").content.decode()
    assert cases[1].title in html and other.title not in html
    bad = client.get(reverse("cases:list") + "?category=abc")
    assert bad.status_code == 200 and "筛选条件有误" in bad.content.decode()


def test_unpublished_cases_answer_404_except_for_staff(client, staff):
    case = CaseFactory(is_published=False)
    private_issue_case = CaseFactory()
    Case.objects.filter(pk=private_issue_case.pk).update(published_on=datetime.date(2020, 1, 1))
    private_issue_case.issue.is_public = False
    private_issue_case.issue.save()
    assert client.get(case.get_absolute_url()).status_code == 404
    assert client.get(private_issue_case.get_absolute_url()).status_code == 404
    assert case.title not in client.get(reverse("cases:list")).content.decode()
    client.force_login(staff)
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200 and "尚未公开" in response.content.decode()


def test_home_shows_a_few_cases(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    _campaigns, cases = build(4)
    featured = cases[0]
    Case.objects.filter(pk=featured.pk).update(featured=True)
    html = client.get("/").content.decode()
    assert featured.title in html
    assert sum(case.title in html for case in cases) == 3


def test_no_person_reaches_a_campaign_or_case_page(client):
    campaigns, cases = build(2)
    for url in [reverse("campaigns:list"), campaigns[0].get_absolute_url(), reverse("cases:list")] + [
        case.get_absolute_url() for case in cases
    ]:
        html = client.get(url).content.decode()
        for secret in (LIAISON_NAME, LIAISON_PHONE, CONVENER_NAME, CONVENER_PHONE):
            assert secret not in html, (url, secret)
    assert "区市场监督管理局" in client.get(cases[0].get_absolute_url()).content.decode()


def test_the_case_page_carries_its_print_stylesheet_and_print_button(client):
    _campaigns, cases = build(1)
    html = client.get(cases[0].get_absolute_url()).content.decode()
    assert 'class="case-page"' in html and 'data-action="print"' in html
    assert "发布于" in html


def test_a_changed_case_shows_at_once_on_the_cached_home_page(client, settings, staff):
    settings.PAGE_CACHE_ENABLED = True
    case = CaseFactory(title="旧标题的案例", featured=True)
    assert "旧标题的案例" in client.get("/").content.decode()
    assert "旧标题的案例" in client.get("/").content.decode()  # from the page cache
    case.title = "新标题的案例"
    case_save(case=case, author=staff)
    html = client.get("/").content.decode()
    assert "新标题的案例" in html and "旧标题的案例" not in html


def test_a_new_campaign_session_shows_at_once_on_its_page(client):
    campaigns, _cases = build(1)
    campaign = campaigns[0]
    assert 'data-figure="sessions_held">3' in client.get(campaign.get_absolute_url()).content.decode()
    session = SessionFactory(campaign=campaign, starts_at=datetime.datetime(2000, 9, 20, 9, tzinfo=TZ))
    AttendanceFactory(session=session, headcount=5)
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert 'data-figure="sessions_held">4' in html and 'data-figure="person_times">38' in html
