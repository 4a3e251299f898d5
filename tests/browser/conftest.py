"""Browser tests: real Chromium (Debian's /usr/bin/chromium) driven by Playwright.

They are skipped, with a reason, where Chromium or Playwright is missing; .ci/run installs both.
Playwright's sync API runs an event loop in this thread, so Django's async-safety check must be
relaxed for ORM calls made inside the browser block.
"""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (shutil.which(CHROMIUM) or os.path.exists(CHROMIUM)):
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def phone_page(browser):
    """A phone-sized page (375 px wide) that records console errors and failed requests.

    The test fails at teardown if the page logged a console error or a request left the machine.
    """
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", **PHONE)
    page = context.new_page()
    page.console_errors = []
    page.external_requests = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))

    def check_request(request):
        url = request.url
        if not url.startswith(("http://localhost", "http://127.0.0.1", "data:", "blob:", "about:")):
            page.external_requests.append(url)

    page.on("request", check_request)
    page.failed_responses = []
    page.on("response", lambda r: r.status >= 400 and page.failed_responses.append(f"{r.status} {r.url}"))
    yield page
    errors, external = list(page.console_errors), list(page.external_requests)
    context.close()
    assert not errors, f"console errors: {errors}; failed responses: {page.failed_responses}"
    assert not external, f"requests left the machine: {external}"


@pytest.fixture
def desktop_page(browser):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    yield page
    errors = list(page.console_errors)
    context.close()
    assert not errors, f"console errors: {errors}"
