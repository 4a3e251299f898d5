"""The home page in real Chromium on a phone: figures visible, navigation usable, no errors."""

import pytest

from demo.loader import load_demo


@pytest.mark.django_db(transaction=True)
def test_home_on_a_phone(live_server, phone_page):
    load_demo()
    phone_page.goto(live_server.url + "/")
    assert phone_page.locator('[data-figure="rooms_active"]').inner_text().startswith("205")
    phone_page.get_by_role("button", name="菜单").click()
    assert phone_page.get_by_role("link", name="议事室").first.is_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the page scrolls sideways on a phone"
