"""Browser tests: real Chromium (Debian's /usr/bin/chromium) driven by Playwright.

They are skipped, with a reason, where Chromium or Playwright is missing; .ci/run installs both.
Playwright's sync API runs an event loop in this thread, so Django's async-safety check must be
relaxed for ORM calls made inside the browser block.
"""

import os
import shutil
from pathlib import Path

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
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
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


# ---- axe-core: WCAG 2.1 A and AA checks in the browser ----
# axe-core is a test tool installed from package-lock.json into node_modules (`make test` runs
# `npm ci`); it is never served to visitors. The site's Content-Security-Policy allows only our
# own script files, so an inline <script> with axe in it would be refused: axe goes in as a
# context init script instead (run by the browser, outside the page's CSP), and the policy stays
# on for the pages under test.
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return results.violations.map((rule) => ({
    id: rule.id,
    impact: rule.impact,
    help: rule.help,
    targets: rule.nodes.map((node) => node.target.join(" ")),
  }));
}"""


def axe_context(browser, **options):
    """A browser context with axe-core loaded into every page (see AXE_SCRIPT)."""
    if not AXE_SCRIPT.exists():
        pytest.skip(f"axe-core missing at {AXE_SCRIPT}: run `npm ci --no-audit --no-fund`")
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", **options)
    context.add_init_script(path=str(AXE_SCRIPT))
    return context


def axe_violations(page):
    """The WCAG 2.1 A/AA violations axe finds on the page as it is now, one line per rule."""
    assert page.evaluate("typeof window.axe") == "object", f"axe-core did not load on {page.url}"
    return [
        f"{page.url} [{rule['impact']}] {rule['id']}: {rule['help']} — {', '.join(rule['targets'][:5])}"
        + (f" (+{len(rule['targets']) - 5} more)" if len(rule["targets"]) > 5 else "")
        for rule in page.evaluate(RUN_AXE, AXE_TAGS)
    ]


def assert_no_axe_violations(found):
    """Fail once with every violation found across a set of pages, so one run shows them all."""
    assert not found, f"{len(found)} accessibility violation(s):\n" + "\n".join(found)
