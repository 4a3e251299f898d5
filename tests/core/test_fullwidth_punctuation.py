"""Chinese copy uses full-width punctuation: no ASCII , : ; ( ) ! ? right after a Chinese character
(or right before one) on any page a resident, a convener or the staff read in zh-hans, and none
in the English catalogue's Chinese msgids (which catches strings added since the last sweep)."""

import ast
import datetime
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from issues.models import Feedback, Issue, Outcome
from tests.factories import (
    AttendanceFactory,
    CampaignFactory,
    ConvenershipFactory,
    FeedbackFactory,
    IssueFactory,
    IssueUpdateFactory,
    LiaisonFactory,
    MediaReportFactory,
    OutcomeFactory,
    ResolvedIssueFactory,
    RoomFactory,
    SessionFactory,
    SessionPhotoFactory,
    TopicSuggestionFactory,
    UserFactory,
    VisitFactory,
)

ROOT = Path(__file__).resolve().parents[2]
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# An ASCII mark right after a Chinese character, or right before one.
OFFENDER = re.compile(rf"[{HAN}][,:;()!?]|[,:;()!?][{HAN}]")
CHECKED_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "content"}
# Elements whose end is a line break for the reader; the others (a, strong, span …) run on.
BLOCK_ELEMENTS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "legend", "li", "main", "nav", "ol", "option", "p", "section", "select", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul", "button", "input", "textarea", "label",
    "svg", "text", "g", "img",
}  # fmt: skip


class VisibleText(HTMLParser):
    """The text a reader sees (no <script>, <style>) and the checked attribute values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.attributes, self.hidden = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.hidden += 1
        if tag in BLOCK_ELEMENTS:
            self.parts.append("\n")
        for name, value in attrs:
            if name in CHECKED_ATTRIBUTES and value:
                self.attributes.append(f"<{tag} {name}>{value}")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.hidden = max(0, self.hidden - 1)
        if tag in BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def offenders(html):
    parser = VisibleText()
    parser.feed(html)
    text = re.sub(r"[ \t\r\f\v]*\n\s*", "\n", "".join(parser.parts))
    found = []
    for chunk in [text, *parser.attributes]:
        for match in OFFENDER.finditer(chunk):
            start, end = max(0, match.start() - 20), match.end() + 20
            found.append(chunk[start:end].replace("\n", "⏎"))
    return found


def assert_full_width(client, urls):
    problems = []
    for url in urls:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 200, (url, response.status_code)
        assert "text/html" in response["Content-Type"], url
        problems += [f"{url}: …{context}…" for context in offenders(response.content.decode())]
    assert not problems, "ASCII punctuation in Chinese text:\n" + "\n".join(problems)


@pytest.fixture
def district(db):
    """One room with everything a page can show: sessions held and planned (attendance, photo,
    consensus), issues in every state with a timeline, ratings, a 回访, outcomes, a suggestion,
    a campaign, media reports and visits; a convener, a liaison and a street without a room."""
    now = timezone.now()
    today = timezone.localdate()
    room = RoomFactory(name="东郊桥社区协商议事室", address="崇川区东郊桥路1号")
    convener = UserFactory(username="convener-zh", first_name="王", last_name="")
    ConvenershipFactory(user=convener, room=room)
    RoomFactory(name="和平桥社区协商议事室")
    campaign = CampaignFactory(name="2020年民生专题协商议事月")
    held = SessionFactory(room=room, campaign=campaign, starts_at=now - datetime.timedelta(days=3))
    AttendanceFactory(session=held, headcount=25)
    SessionPhotoFactory(session=held)
    SessionFactory(room=room, status="planned", starts_at=now + datetime.timedelta(days=5), topic="计划中的议题")
    quiet = RoomFactory(name="沉寂协商议事室")
    SessionFactory(room=quiet, starts_at=now - datetime.timedelta(days=120))
    open_issue = IssueFactory(
        room=room,
        title="楼道灯长期不亮",
        raised_in=held,
        status=Issue.Status.IN_PROGRESS,
        reported_on=today - datetime.timedelta(days=40),
        due_on=today - datetime.timedelta(days=5),
    )
    IssueUpdateFactory(issue=open_issue, note="已到现场查看，制定整改方案。", occurred_on=today)
    resolved = ResolvedIssueFactory(room=room, title="小区停车难", resolved_on=today - datetime.timedelta(days=2))
    FeedbackFactory(issue=resolved, rating=Feedback.Rating.SATISFIED)
    unhappy = FeedbackFactory(issue=resolved, rating=Feedback.Rating.DISSATISFIED, note="问题反复")
    LiaisonFactory(department=open_issue.department, user=UserFactory(username="liaison-zh"))
    outcome = OutcomeFactory(kind=Outcome.Kind.PROPOSAL, adoption=Outcome.Adoption.ADOPTED, adopted_on=today)
    outcome.issues.add(resolved)
    TopicSuggestionFactory(room=room)
    MediaReportFactory(published_on=today)
    VisitFactory(visited_on=today)
    return {
        "room": room,
        "convener": convener,
        "held": held,
        "open_issue": open_issue,
        "resolved": resolved,
        "unhappy": unhappy,
    }


@pytest.mark.django_db
def test_public_pages_use_full_width_punctuation(client, district):
    urls = [
        reverse("portal:home"),
        reverse("rooms:list"),
        reverse("rooms:coverage"),
        reverse("rooms:detail", args=[district["room"].pk]),
        reverse("deliberations:list"),
        reverse("deliberations:detail", args=[district["held"].pk]),
        reverse("issues:list"),
        reverse("issues:detail", args=[district["open_issue"].pk]),
        reverse("issues:detail", args=[district["resolved"].pk]),
        reverse("portal:stats"),
        reverse("portal:search") + "?q=停车",
        reverse("portal:feeds"),
        reverse("portal:feed-room-about", args=[district["room"].pk]),
        reverse("login"),
        reverse("password_reset"),
    ]
    assert_full_width(client, urls)


@pytest.mark.django_db
def test_convener_workspace_uses_full_width_punctuation(client, district):
    client.force_login(district["convener"])
    urls = [
        reverse("workspace:home"),
        reverse("workspace:session_new") + f"?room={district['room'].pk}",
        reverse("workspace:session_edit", args=[district["held"].pk]),
        reverse("workspace:session_delete", args=[district["held"].pk]),
        reverse("workspace:issue", args=[district["open_issue"].pk]),
        reverse("workspace:issue", args=[district["resolved"].pk]),
        reverse("notifications:inbox"),
    ]
    assert_full_width(client, urls)


@pytest.mark.django_db
def test_department_desk_uses_full_width_punctuation(client, district):
    client.force_login(UserFactory._meta.model.objects.get(username="liaison-zh"))
    assert_full_width(client, [reverse("liaison:home"), reverse("liaison:issue", args=[district["open_issue"].pk])])


@pytest.mark.django_db
def test_staff_pages_use_full_width_punctuation(client, staff, district):
    client.force_login(staff)
    month = timezone.localdate()
    urls = [
        reverse("staff:dashboard"),
        reverse("staff:report", kwargs={"year": month.year, "month": month.month}),
        reverse("staff:ledger"),
        reverse("staff:import"),
    ]
    assert_full_width(client, urls)


def test_the_page_check_finds_ascii_marks_in_text_and_attributes():
    """The check itself can fail: ASCII marks after Chinese, in text and in attributes, across
    inline elements; none in scripts, numbers, times or Latin text."""
    html = (
        '<p>有事好商量,众人的事</p><p>满意率 88.4%(484 条评价)</p><input placeholder="例如:停车">'
        "<p><strong>合计</strong>: 5</p>"
        '<script>var a = "中文,x";</script><p>12:30 88.4% Token: abc</p><p>合计：5（人次）</p>'
    )
    found = offenders(html)
    assert len(found) == 4, found
    assert any("有事好商量,众" in f for f in found)
    assert any("(484 条评价)" in f for f in found)
    assert any("例如:停车" in f for f in found)
    assert any("合计: 5" in f or "计:" in f for f in found)


def test_chinese_msgids_of_the_catalogue_use_full_width_punctuation():
    """Every Chinese msgid in locale/en: the strings other branches added since the sweep too."""
    text = (ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    msgids, current = [], None
    for line in text.splitlines():
        if line.startswith("msgid ") or line.startswith("msgid_plural "):
            current = [line.split(" ", 1)[1]]
            msgids.append(current)
        elif line.startswith('"') and current is not None:
            current.append(line)
        else:
            current = None
    bad = []
    for parts in msgids:
        msgid = "".join(ast.literal_eval(part) for part in parts)
        if OFFENDER.search(msgid):
            bad.append(msgid)
    assert not bad, "run scripts/fix_fullwidth.py, then makemessages:\n" + "\n".join(bad)


def test_fix_fullwidth_finds_nothing_left_to_fix():
    result = subprocess.run(
        [sys.executable, "scripts/fix_fullwidth.py", "--check"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
