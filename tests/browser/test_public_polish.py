"""Public pages in Chromium: the phone menu closes on Escape, list filters are folded on a phone
and open on a desktop, the chart toggle keeps the page's language and reports its state, and the
statistics labels read at 12 px or more on a 375 px phone."""

import pytest

from demo.loader import load_demo

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_site(transactional_db):
    load_demo()


@pytest.mark.django_db(transaction=True)
def test_escape_closes_the_phone_menu(live_server, phone_page, demo_site):
    phone_page.goto(live_server.url + "/")
    toggle = phone_page.get_by_role("button", name="菜单")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and phone_page.locator("#site-nav").is_visible()
    phone_page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not phone_page.locator("#site-nav").is_visible()


@pytest.mark.django_db(transaction=True)
def test_filters_folded_on_a_phone_open_on_a_desktop(live_server, phone_page, desktop_page, demo_site):
    phone_page.goto(live_server.url + "/issues/")
    assert phone_page.locator("details[data-filters]").get_attribute("open") is None
    desktop_page.goto(live_server.url + "/issues/")
    assert desktop_page.locator("details[data-filters]").get_attribute("open") is not None


@pytest.mark.django_db(transaction=True)
def test_stats_labels_read_on_a_phone(live_server, phone_page, demo_site):
    phone_page.goto(live_server.url + "/stats/")
    smallest = phone_page.evaluate(
        """() => Math.min(...Array.from(document.querySelectorAll('.chart-svg svg text'))
             .map(t => t.getBoundingClientRect().height).filter(h => h > 0))"""
    )
    assert smallest >= 12, f"an SVG label is {smallest:.1f} px tall"


@pytest.mark.django_db(transaction=True)
def test_chart_toggle_keeps_english_and_reports_its_state(live_server, phone_page, demo_site):
    phone_page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    phone_page.goto(live_server.url + "/stats/")
    toggle = phone_page.locator("#chart-street .chart-toggle")
    before = toggle.inner_text()
    toggle.click()
    after = toggle.inner_text()
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false" and toggle.inner_text() == before
    # Both labels come from the server's translation (data attributes), not from the script.
    assert after == toggle.get_attribute("data-label-chart")
    assert before == toggle.get_attribute("data-label-table") == "Show as table"
