"""Every kind of page works under the Content-Security-Policy: real Chromium reports no CSP
violation (console or securitypolicyviolation event) on the public pages, the API docs, the login
page, the convener's workspace, the staff dashboard and the admin; and each page was sent with
the policy, so a page without it cannot pass by accident."""

import pytest

from deliberations.models import Session
from demo.loader import CONVENER_LOGIN, STAFF_LOGIN, load_demo
from issues.models import Issue
from rooms.models import Room

# Recorded by the page itself: a violation is reported even where the console message is not.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " "
    + (event.sourceFile || "") + ":" + event.lineNumber);
});
"""


@pytest.fixture
def csp_page(browser):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.console_csp = []
    page.on(
        "console",
        lambda msg: "Content Security Policy" in msg.text and page.console_csp.append(f"{page.url}: {msg.text}"),
    )
    yield page
    context.close()


def visit(page, url, ready=None, signed_in=False):
    response = page.goto(url)
    assert response.status == 200, (url, response.status)
    assert not signed_in or "/login/" not in page.url, f"{url} sent to {page.url}"
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy, (url, policy)
    assert "unsafe-inline" not in policy.split("style-src")[0], (url, policy)  # never for scripts
    if ready:
        page.wait_for_selector(ready, timeout=15000, state="attached")
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__cspViolations")
    assert not violations, f"{url}: {violations}"
    assert not page.console_csp, page.console_csp


def log_in(page, base, login):
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", login[0])
    page.fill("#id_password", login[1])
    page.locator("form.auth-form [type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "/login/" not in page.url, f"{login[0]} could not log in"


@pytest.mark.django_db(transaction=True)
def test_no_page_violates_the_content_security_policy(live_server, csp_page):
    load_demo()
    base = live_server.url
    room = Room.objects.filter(is_active=True).order_by("pk").first()
    session = Session.objects.filter(status=Session.Status.HELD).order_by("pk").first()
    issue = Issue.objects.filter(is_public=True, status=Issue.Status.RESOLVED).order_by("pk").first()
    public = [
        "/",
        "/rooms/",
        room.get_absolute_url(),
        "/sessions/",
        session.get_absolute_url(),
        "/issues/",
        issue.get_absolute_url(),
        "/stats/",
        "/search/?q=停车",
        "/accounts/login/",
    ]
    for url in public:
        visit(csp_page, base + url)
    # The API docs render their operations: Swagger UI's init script is a separate file.
    visit(csp_page, base + "/api/docs/", ready=".opblock-summary")
    visit(csp_page, base + "/api/redoc/", ready='h1:has-text("开放数据接口")')

    log_in(csp_page, base, CONVENER_LOGIN)
    visit(csp_page, base + "/my/", signed_in=True)
    convened = Room.objects.filter(convenerships__user__username=CONVENER_LOGIN[0]).order_by("pk").first()
    visit(csp_page, base + f"/my/sessions/new/?room={convened.pk}", ready="form", signed_in=True)
    csp_page.context.clear_cookies()

    log_in(csp_page, base, STAFF_LOGIN)
    visit(csp_page, base + "/staff/", signed_in=True)
    visit(csp_page, base + "/staff/report/", signed_in=True)
    visit(csp_page, base + "/admin/", ready="#site-name", signed_in=True)
    visit(csp_page, base + "/admin/issues/issue/", ready="#result_list", signed_in=True)
    visit(csp_page, base + f"/admin/deliberations/session/{session.pk}/change/", ready="#content-main", signed_in=True)
