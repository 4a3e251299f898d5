"""The API docs (Swagger UI and Redoc) render from local files: no request leaves the machine."""

import pytest


def _watch_requests(page):
    external = []

    def check(request):
        if not request.url.startswith(("http://localhost", "http://127.0.0.1", "data:", "blob:", "about:")):
            external.append(request.url)

    page.on("request", check)
    return external


@pytest.mark.django_db(transaction=True)
def test_swagger_ui_renders_offline(live_server, desktop_page):
    external = _watch_requests(desktop_page)
    desktop_page.goto(live_server.url + "/api/docs/")
    desktop_page.wait_for_selector(".opblock-summary", timeout=15000)
    assert desktop_page.locator(".opblock-tag").count() >= 5
    assert "开放数据接口" in desktop_page.content()
    assert not external, f"requests left the machine: {external}"


@pytest.mark.django_db(transaction=True)
def test_redoc_renders_offline(live_server, desktop_page):
    external = _watch_requests(desktop_page)
    desktop_page.goto(live_server.url + "/api/redoc/")
    desktop_page.wait_for_selector('h1:has-text("开放数据接口")', timeout=15000)
    desktop_page.wait_for_timeout(500)
    assert "googleapis" not in desktop_page.content()
    assert not external, f"requests left the machine: {external}"
