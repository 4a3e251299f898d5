"""axe-core (WCAG 2.1 A and AA) finds no violation on any page a resident, a convener, a
department liaison or a member of staff opens, on a 375 px phone and on a 1280 px desktop, nor in
large-text mode (适老化). One browser context per audience and size; every page of an audience
is checked before the test fails, so one run lists every violation (tests/browser/conftest.py)."""

import re

import pytest
from django.urls import reverse

from deliberations.models import Session, TopicSuggestion
from deliberations.permissions import sessions_editable_by
from demo.loader import CONVENER_LOGIN, LIAISON_LOGIN, STAFF_LOGIN, STREET_STAFF_LOGIN, load_demo
from figures.selectors import running_campaign
from issues.models import Issue
from issues.permissions import issues_editable_by, issues_handled_by
from rooms.models import Room
from tests.factories import CampaignFactory, TopicSuggestionFactory

from .conftest import DESKTOP, PHONE, assert_no_axe_violations, axe_context, axe_violations

# Run on the SQLite pass of .ci/run only: the pages' HTML is the same on either database.
pytestmark = pytest.mark.accessibility

SIZES = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture
def demo_site(transactional_db):
    """The demo district, with a 议事月 running today so that its progress bars are on the pages."""
    load_demo()
    if running_campaign() is None:
        CampaignFactory()
    convened = Room.objects.filter(convenerships__user__username=CONVENER_LOGIN[0]).order_by("pk").first()
    if not TopicSuggestion.objects.filter(room=convened, status=TopicSuggestion.Status.PENDING).exists():
        TopicSuggestionFactory(room=convened)  # /my/ shows it with its 采纳 / 不采纳 buttons


def public_urls():
    """Every kind of public page: walk portal/urls.py (and the login, error and follow pages)."""
    room = Room.objects.filter(is_active=True, sessions__isnull=False).order_by("pk").first()
    held = Session.objects.filter(status=Session.Status.HELD, issues_raised__isnull=False).order_by("pk").first()
    planned = Session.objects.filter(status=Session.Status.PLANNED).order_by("pk").first()
    resolved = Issue.objects.filter(is_public=True, status=Issue.Status.RESOLVED).order_by("pk").first()
    in_progress = Issue.objects.public().open().order_by("pk").first()
    return [
        "/",
        "/stats/",
        "/search/",
        "/search/?q=停车",
        "/feeds/",
        reverse("portal:feed-room-about", args=[room.pk]),
        "/rooms/",
        "/rooms/?street=" + str(room.street_id),
        "/rooms/coverage/",
        room.get_absolute_url(),
        "/sessions/",
        held.get_absolute_url(),
        planned.get_absolute_url() if planned else held.get_absolute_url(),
        "/issues/",
        "/issues/?status=resolved",
        resolved.get_absolute_url(),
        in_progress.get_absolute_url(),
        reverse("issues:follow-confirm", args=["not-a-token"]),
        "/accounts/login/",
        "/accounts/password_reset/",
        "/no-such-page/",
        *taking_part_urls(),
    ]


def taking_part_urls():
    """The 议事月 board, the model cases and the check-in page of today's demo session."""
    from cases.models import Case
    from checkins.models import CheckinCode
    from deliberations.models import Campaign

    campaign = Campaign.objects.order_by("starts_on").first()
    case = Case.objects.filter(is_published=True).order_by("pk").first()
    code = CheckinCode.objects.order_by("-session__starts_at").first()
    from announcements.models import SignUp
    from announcements.services import signup_token
    from members.selectors import public_members

    member = public_members().order_by("pk").first()
    signup = SignUp.objects.order_by("pk").first()
    room = Room.objects.filter(is_active=True, sessions__isnull=False).order_by("pk").first()
    return [
        "/campaigns/",
        *([reverse("campaigns:detail", args=[campaign.pk])] if campaign else []),
        "/cases/",
        *([reverse("cases:detail", args=[case.pk])] if case else []),
        *([reverse("checkins:checkin", args=[code.token])] if code else []),
        "/members/",
        *([reverse("members:detail", args=[member.pk])] if member else []),
        reverse("announcements:upcoming"),
        reverse("announcements:results"),
        reverse("announcements:calendar"),
        reverse("announcements:room-calendar", args=[room.pk]),
        *([reverse("announcements:signup", args=[signup_token(signup)])] if signup else []),
    ]


def convener_urls():
    user = login_user(CONVENER_LOGIN)
    room = Room.objects.filter(convenerships__user=user).order_by("pk").first()
    session = sessions_editable_by(user).order_by("-pk").first()
    issue = issues_editable_by(user).filter(status=Issue.Status.IN_PROGRESS).order_by("pk").first()
    return [
        "/my/",
        "/my/sessions/new/",  # two rooms: first pick one
        f"/my/sessions/new/?room={room.pk}",
        reverse("workspace:session_edit", args=[session.pk]),
        reverse("workspace:session_delete", args=[session.pk]),
        reverse("workspace:issue", args=[(issue or issues_editable_by(user).order_by("pk").first()).pk]),
        "/inbox/",
        "/accounts/password_change/",
        reverse("workspace:room_poster", args=[room.pk]),
        reverse("workspace:session_checkin", args=[session.pk]),
        *convener_participation_urls(user),
    ]


def convener_participation_urls(user):
    """公示与报名: the list, a planned session's announcement form and a held one's result form."""
    planned = sessions_editable_by(user).filter(status=Session.Status.PLANNED).order_by("pk").first()
    held = sessions_editable_by(user).filter(status=Session.Status.HELD).order_by("-starts_at").first()
    return [
        reverse("workspace:announcements"),
        *([reverse("workspace:announcement", args=[planned.pk])] if planned else []),
        *([reverse("workspace:result", args=[held.pk])] if held else []),
    ]


def liaison_urls():
    """The desk, and an issue in each handling state (each offers different steps)."""
    user = login_user(LIAISON_LOGIN)
    issues = issues_handled_by(user).order_by("pk")
    one_per_state = {issue.handling: issue for issue in issues.reverse()}
    return ["/dept/", *(reverse("liaison:issue", args=[issue.pk]) for issue in one_per_state.values()), "/inbox/"]


def staff_urls():
    session = Session.objects.filter(status=Session.Status.HELD).order_by("pk").first()
    issue = Issue.objects.filter(status=Issue.Status.IN_PROGRESS).order_by("pk").first()
    room = Room.objects.order_by("pk").first()
    return [
        "/staff/",
        "/staff/report/",
        "/staff/report/2020-8/",
        "/staff/import/",
        "/staff/ledger/",
        "/admin/",
        "/admin/issues/issue/",
        f"/admin/issues/issue/{issue.pk}/change/",
        "/admin/deliberations/session/",
        f"/admin/deliberations/session/{session.pk}/change/",
        "/admin/rooms/room/",
        f"/admin/rooms/room/{room.pk}/change/",
        "/admin/axes/accessattempt/",
        "/admin/departments/department/",
        "/staff/posters/",
        "/staff/members/review/",
        "/inbox/",
    ]


def street_staff_urls():
    """街道政协工委: the dashboard and the monthly report of their own street."""
    return ["/staff/", "/staff/report/", "/staff/report/2020-8/"]


def login_user(login):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=login[0])


def log_in(page, base, login):
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", login[0])
    page.fill("#id_password", login[1])
    page.locator("form.auth-form [type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "/login/" not in page.url, f"{login[0]} could not log in"


def audit(browser, base, urls, size, login=None, large_text=False):
    """Open each URL in one context of that size (signed in as `login`) and collect axe's findings."""
    context = axe_context(browser, **SIZES[size])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    try:
        if login:
            log_in(page, base, login)
        if large_text:
            page.goto(base + "/")
            page.get_by_role("button", name="大字模式").click()
        found = []
        for url in urls:
            response = page.goto(base + url)
            assert response.status in (200, 404), (url, response.status)
            assert not login or "/login/" not in page.url, f"{url} sent to {page.url}"
            page.wait_for_load_state("load")
            if large_text:
                assert page.evaluate("document.documentElement.classList.contains('large-text')"), url
            found += axe_violations(page)
    finally:
        context.close()
    assert not errors, errors
    return found


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", SIZES)
def test_every_page_passes_axe(live_server, browser, demo_site, size):
    base = live_server.url
    found = audit(browser, base, public_urls(), size)
    found += audit(browser, base, convener_urls(), size, login=CONVENER_LOGIN)
    found += audit(browser, base, liaison_urls(), size, login=LIAISON_LOGIN)
    found += audit(browser, base, staff_urls(), size, login=STAFF_LOGIN)
    found += audit(browser, base, street_staff_urls(), size, login=STREET_STAFF_LOGIN)
    assert_no_axe_violations(found)


def body_font_px(page):
    return float(page.evaluate("getComputedStyle(document.body).fontSize").removesuffix("px"))


@pytest.mark.django_db(transaction=True)
def test_large_text_mode_persists_reads_well_on_a_phone_and_passes_axe(live_server, browser, demo_site):
    base = live_server.url
    context = axe_context(browser, **PHONE)
    page = context.new_page()
    response = page.goto(base + "/")
    # The server sends the same page to everyone (public pages are cached whole): no per-user state.
    html = response.text()
    assert 'aria-pressed="false"' in html and "large-text" not in re.search(r"<html[^>]*>", html).group(0)
    # The choice is applied by a script in <head> that runs before the first paint (not deferred).
    assert page.locator('head script[src$="text-size.js"]:not([defer]):not([async])').count() == 1
    toggle = page.get_by_role("button", name="大字模式")
    assert toggle.get_attribute("aria-pressed") == "false" and body_font_px(page) == 16
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true" and body_font_px(page) >= 20

    room = Room.objects.filter(is_active=True).order_by("pk").first()
    for url in ["/rooms/", room.get_absolute_url(), "/issues/", "/stats/", "/accounts/login/"]:
        page.goto(base + url)
        assert page.get_by_role("button", name="大字模式").get_attribute("aria-pressed") == "true", url
        assert body_font_px(page) >= 20, url
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{url} scrolls sideways in large-text mode ({width}px)"
        small = page.evaluate(
            """() => [...document.querySelectorAll("main button, main .button, main input, main select")]
                 .filter((el) => el.offsetParent && !["hidden", "checkbox", "radio"].includes(el.type))
                 .filter((el) => el.getBoundingClientRect().height < 44).map((el) => el.outerHTML.slice(0, 80))"""
        )
        assert not small, f"{url}: tap targets under 44px: {small}"
    page.close()

    # A later visit (a new tab of the same browser) opens in large text until it is switched off.
    page = context.new_page()
    page.goto(base + "/sessions/")
    assert body_font_px(page) >= 20
    page.get_by_role("button", name="大字模式").click()
    page.goto(base + "/")
    assert page.get_by_role("button", name="大字模式").get_attribute("aria-pressed") == "false"
    assert body_font_px(page) == 16
    context.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", SIZES)
def test_large_text_pages_pass_axe(live_server, browser, demo_site, size):
    base = live_server.url
    public = public_urls()
    found = audit(browser, base, public[:12] + ["/accounts/login/"], size, large_text=True)
    found += audit(browser, base, convener_urls()[:3], size, login=CONVENER_LOGIN, large_text=True)
    found += audit(browser, base, staff_urls()[:3], size, login=STAFF_LOGIN, large_text=True)
    assert_no_axe_violations(found)
