"""The 议事月 board and the 典型案例 on a 375 px phone, and a case printed by Chromium: one A4 page."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

from cases.models import Case
from deliberations.models import Campaign
from demo.loader import load_demo

PHONE_WIDTH = 375
PRINT_DIR = Path(os.environ.get("CASE_PRINT_DIR", "/tmp"))


def assert_fits_the_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} scrolls sideways ({width}px)"


def serve_media(page):
    """The live server does not serve uploads (DEBUG is off; nginx does it in production)."""

    def fulfil(route):
        name = route.request.url.split(settings.MEDIA_URL, 1)[1]
        route.fulfill(path=str(Path(settings.MEDIA_ROOT) / name), content_type="image/jpeg")

    page.route(re.compile(r".*/media/cases/.*"), fulfil)


@pytest.fixture
def demo_site(transactional_db):
    load_demo()


@pytest.mark.django_db(transaction=True)
def test_a_visitor_reads_the_2020_campaign_and_a_case_on_a_phone(live_server, phone_page, demo_site):
    serve_media(phone_page)
    campaign = Campaign.objects.get(starts_on__year=2020)
    phone_page.goto(live_server.url + "/campaigns/")
    assert_fits_the_phone(phone_page)
    phone_page.get_by_role("link", name=campaign.name).click()
    phone_page.wait_for_url(re.compile(rf"/campaigns/{campaign.pk}/$"))
    assert phone_page.get_by_role("heading", name="活动成效").is_visible()
    assert phone_page.get_by_role("heading", name="活动总结").is_visible()
    assert_fits_the_phone(phone_page)
    phone_page.goto(live_server.url + "/cases/")
    assert_fits_the_phone(phone_page)
    first = phone_page.locator(".case-card-title a").first
    title = first.inner_text()
    first.click()
    phone_page.wait_for_load_state("load")  # the photos and the stylesheet, before measuring
    assert phone_page.get_by_role("heading", name=title, level=1).is_visible()
    assert_fits_the_phone(phone_page)


@pytest.mark.django_db(transaction=True)
def test_every_demo_case_prints_on_one_a4_page(live_server, browser, demo_site):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    serve_media(page)
    for case in Case.objects.public().order_by("pk"):
        page.goto(live_server.url + case.get_absolute_url())
        page.wait_for_load_state("networkidle")
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        (PRINT_DIR / f"case-{case.pk}.pdf").write_bytes(pdf)
        assert pages == 1, f"{case.title}: {pages} pages"
        assert "整治前" in page.content() or not case.photo_before
    context.close()
