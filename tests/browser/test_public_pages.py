"""The public pages in real Chromium on a 375 px phone: no console errors, no request leaves the
machine (both checked by the phone_page fixture), and no page scrolls sideways."""

import pytest
from playwright.sync_api import expect

from demo.loader import load_demo
from issues.models import Feedback, Issue
from rooms.models import Room, Street

PHONE_WIDTH = 375


def assert_fits_the_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} scrolls sideways ({width}px)"


@pytest.fixture
def demo_site(transactional_db):
    load_demo()


@pytest.mark.django_db(transaction=True)
def test_home_page_leads_to_the_figures_and_the_pages(live_server, phone_page, demo_site):
    phone_page.goto(live_server.url + "/")
    assert phone_page.locator('[data-figure="sessions_held"]').is_visible()
    assert_fits_the_phone(phone_page)
    phone_page.get_by_role("button", name="菜单").click()
    phone_page.get_by_role("link", name="数据统计").click()
    phone_page.wait_for_url("**/stats/")
    assert phone_page.get_by_role("heading", name="数据统计", level=1).is_visible()
    assert_fits_the_phone(phone_page)


@pytest.mark.django_db(transaction=True)
def test_finding_a_room_by_street(live_server, phone_page, demo_site):
    street = Street.objects.get(name="文峰街道")
    phone_page.goto(live_server.url + "/rooms/")
    assert_fits_the_phone(phone_page)
    assert not phone_page.get_by_label("所属街道").is_visible()  # the filters are folded on a phone
    phone_page.locator(".filter-summary").click()
    phone_page.get_by_label("所属街道").select_option(label="文峰街道")
    phone_page.get_by_role("button", name="筛选").click()
    phone_page.wait_for_url(f"**street={street.pk}**")
    expected = Room.objects.filter(is_active=True, street=street).count()
    assert phone_page.get_by_text(f"共 {expected} 条").is_visible()
    phone_page.get_by_role("link", name="文峰街道协商议事室").click()
    expect(phone_page.get_by_role("heading", name="文峰街道协商议事室", level=1)).to_be_visible()
    assert phone_page.get_by_text("办公电话").is_visible()
    assert phone_page.locator("nav.breadcrumb").get_by_role("link", name="文峰街道").is_visible()
    assert_fits_the_phone(phone_page)


@pytest.mark.django_db(transaction=True)
def test_opening_an_issue_and_reading_its_timeline(live_server, phone_page, demo_site):
    phone_page.goto(live_server.url + "/issues/?status=resolved")
    first = phone_page.locator(".item-list > li > a").first
    title = first.inner_text()
    first.click()
    expect(phone_page.get_by_role("heading", name=title, level=1)).to_be_visible()
    issue = Issue.objects.filter(title=title, is_public=True).first()
    steps = phone_page.locator("#timeline > li")
    assert steps.count() == issue.updates.count() >= 2
    # The resolution is on the timeline; a 回访 after it may come last.
    assert any("已解决" in steps.nth(index).inner_text() for index in range(steps.count()))
    steps.last.scroll_into_view_if_needed()
    assert steps.last.is_visible()
    assert_fits_the_phone(phone_page)


@pytest.mark.django_db(transaction=True)
def test_rating_a_resolved_issue(live_server, phone_page, demo_site):
    issue = Issue.objects.filter(is_public=True, status="resolved").order_by("pk").first()
    before = Feedback.objects.filter(issue=issue).count()
    phone_page.goto(live_server.url + issue.get_absolute_url())
    phone_page.get_by_role("button", name="提交评价").click()  # nothing chosen yet
    expect(phone_page.get_by_text("请选择满意、基本满意或不满意。")).to_be_visible()
    phone_page.get_by_label("基本满意").check()
    phone_page.get_by_label("留言（选填，不公开）").fill("路面修得很平整")
    phone_page.get_by_role("button", name="提交评价").click()
    expect(phone_page.get_by_text("感谢您的评价")).to_be_visible()
    assert Feedback.objects.filter(issue=issue).count() == before + 1
    assert f"共 {before + 1} 条评价" in phone_page.locator('[data-figure="satisfaction_rate"]').inner_text()
    assert_fits_the_phone(phone_page)


@pytest.mark.django_db(transaction=True)
def test_switching_a_chart_to_its_table(live_server, phone_page, demo_site):
    phone_page.goto(live_server.url + "/stats/")
    chart = phone_page.locator("#chart-street")
    svg, table = chart.locator(".chart-svg"), chart.locator(".chart-table")
    assert svg.is_visible() and not table.is_visible()
    toggle = chart.get_by_role("button", name="以表格显示")
    toggle.focus()
    phone_page.keyboard.press("Enter")  # keyboard, not only the mouse
    assert table.is_visible() and not svg.is_visible()
    assert table.get_by_role("rowheader", name="文峰街道").is_visible()
    chart.get_by_role("button", name="以图表显示").click()
    assert svg.is_visible() and not table.is_visible()
    assert_fits_the_phone(phone_page)
