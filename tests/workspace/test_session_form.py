"""Logging, editing and deleting a session through the form: all or nothing, errors in Chinese
next to their fields, every typed value kept on a failed post, tampered ids refused."""

import datetime
import re

import pytest
from django.utils import timezone

from deliberations.models import Attendance, Session, SessionPhoto
from issues.models import Issue, IssueUpdate
from tests.factories import CampaignFactory, DepartmentFactory, IssueFactory, SessionFactory, UserFactory

from .session_forms import session_post

pytestmark = pytest.mark.django_db

NEW_URL = "/my/sessions/new/"


def nothing_saved():
    return not Session.objects.exists() and not Issue.objects.exists() and not Attendance.objects.exists()


def test_form_page_defaults_to_running_campaign(client, convener, room):
    campaign = CampaignFactory()
    client.force_login(convener)
    response = client.get(NEW_URL, {"room": room.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "记录议事活动" in html and room.name in html
    assert f'<option value="{campaign.pk}" selected>' in html
    for label in ("政协委员", "居民群众", "部门代表", "专家律师", "其他"):
        assert label in html
    assert 'id="headcount-total"' in html and "session-form.js" in html


def test_log_held_session_with_issues_and_photos(client, convener, room, category):
    client.force_login(convener)
    existing = IssueFactory(room=room, status=Issue.Status.REPORTED)
    lights = DepartmentFactory(name="区城管局")
    data = session_post(
        room,
        issues=[
            {"title": "路灯不亮", "category": str(category.pk), "department": str(lights.pk), "due_on": "2020-07-01"},
            {"title": "垃圾分类点异味", "category": str(category.pk), "triage_level": "street"},
        ],
        photos=2,
        deliberated_issues=[str(existing.pk)],
    )
    response = client.post(NEW_URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    session = Session.objects.get()
    assert session.room == room and session.created_by == convener and session.status == "held"
    assert dict(session.attendance.values_list("role", "headcount")) == {
        "cppcc_member": 2,
        "resident": 20,
        "department": 3,
    }
    raised = list(session.issues_raised.order_by("pk"))
    assert [issue.title for issue in raised] == ["路灯不亮", "垃圾分类点异味"]
    assert raised[0].due_on == datetime.date(2020, 7, 1) and raised[1].triage_level == "street"
    # The chosen department takes the first, with the typed deadline; the second is routed by its
    # category (which has no default department here) and waits for one.
    assert raised[0].department == lights and raised[0].handling == Issue.Handling.ASSIGNED
    assert raised[0].due_on_set_by_hand and raised[1].department is None
    assert all(issue.room == room for issue in raised)
    assert list(session.issues_deliberated.all()) == [existing]
    photos = list(session.photos.all())
    assert [photo.alt_text for photo in photos] == ["议事现场第1张", "议事现场第2张"]
    assert all(photo.image.name.endswith(".jpg") for photo in photos)


def test_planned_session_can_be_completed_later(client, convener, room):
    client.force_login(convener)
    future = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT09:00")
    data = session_post(room, status="planned", starts_at=future, ends_at="")
    data.update({"att-cppcc_member": "", "att-resident": "", "att-department": ""})
    response = client.post(NEW_URL, data)
    assert response.status_code == 302, re.findall(
        r'class="errorlist"[^>]*>(.*?)</ul>', response.content.decode(), re.S
    )
    session = Session.objects.get()
    assert session.status == "planned" and not session.attendance.exists()
    # Later, once held: the convener completes it with the headcounts.
    data = session_post(room, status="held")
    response = client.post(f"/my/sessions/{session.pk}/edit/", data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == "held" and session.attendance.count() == 3


BAD_INPUTS = [
    ({"att-resident": "-3"}, "att-resident", "人数不能为负数"),
    ({"att-resident": "100001"}, "att-resident", "人数不能超过"),
    ({"att-resident": "很多"}, "att-resident", "人数请填写整数"),
    ({"ends_at": "2020-06-01T08:00"}, "ends_at", "结束时间不能早于开始时间"),
    ({"starts_at": "2099-01-01T09:00", "ends_at": ""}, "status", "未来的议事活动不能标记为已举行"),
    ({"topic": ""}, "topic", "请填写议题"),
    ({"starts_at": "昨天"}, "starts_at", "请输入有效的日期和时间"),
]


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_INPUTS)
def test_bad_input_is_refused_in_chinese_next_to_its_field(client, convener, room, overrides, field, message):
    client.force_login(convener)
    response = client.post(NEW_URL, session_post(room, **overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    # The error sits inside the field's own block.
    block = html.split(f'data-field="{field}"', 1)[1].split('data-field="', 1)[0]
    assert message in block
    assert nothing_saved()


def test_issue_without_title_or_category_is_refused(client, convener, room, category):
    client.force_login(convener)
    data = session_post(
        room,
        issues=[
            {"title": "", "category": str(category.pk), "department": str(DepartmentFactory(name="街道办").pk)},
            {"title": "只有标题", "category": ""},
        ],
    )
    response = client.post(NEW_URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "请填写问题标题" in html and "请选择问题类别" in html
    assert nothing_saved()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: __import__("django.core.files.uploadedfile").core.files.uploadedfile.SimpleUploadedFile(
                "fake.jpg", b"this is not an image at all", content_type="image/jpeg"
            ),
            "不是有效的图片文件",
        ),
        (
            lambda: __import__("django.core.files.uploadedfile").core.files.uploadedfile.SimpleUploadedFile(
                "huge.jpg", b"\xff" * (5 * 1024 * 1024 + 1), content_type="image/jpeg"
            ),
            "超过 5 MB",
        ),
    ],
    ids=["not-an-image", "over-5mb"],
)
def test_bad_photo_is_refused(client, convener, room, upload, message):
    client.force_login(convener)
    data = session_post(room, photos=1)
    data["photos-0-image"] = upload()
    response = client.post(NEW_URL, data)
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert "请重新选择照片" in html
    assert nothing_saved() and not SessionPhoto.objects.exists()


def test_photo_needs_alt_text(client, convener, room):
    client.force_login(convener)
    data = session_post(room, photos=1)
    data["photos-0-alt_text"] = ""
    response = client.post(NEW_URL, data)
    assert "请为照片填写替代文字" in response.content.decode()
    assert nothing_saved()


def test_failed_post_keeps_every_typed_value_including_inline_issues(client, convener, room, category):
    client.force_login(convener)
    member = UserFactory(is_cppcc_member=True, full_name="王委员")
    campaign = CampaignFactory()
    linked = IssueFactory(room=room, title="继续协商的问题")
    property_company = DepartmentFactory(name="物业公司")
    residents_committee = DepartmentFactory(name="社区居委会")
    data = session_post(
        room,
        issues=[
            {
                "title": "楼道堆物",
                "category": str(category.pk),
                "department": str(property_company.pk),
                "due_on": "2020-08-01",
                "description": "三号楼楼道堆放杂物",
                "triage_level": "building",
            },
            {
                "title": "",
                "category": str(category.pk),
                "department": str(residents_committee.pk),
                "description": "漏了标题",
            },
        ],
        topic="老旧小区加装电梯",
        place="文峰街道会议室",
        minutes="会议纪要第一段",
        consensus="形成三点共识",
        kind="campaign",
        campaign=str(campaign.pk),
        cppcc_members=[str(member.pk)],
        deliberated_issues=[str(linked.pk)],
        **{"att-resident": "-1", "att-expert": "4"},
    )
    response = client.post(NEW_URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    for value in (
        "老旧小区加装电梯",
        "文峰街道会议室",
        "会议纪要第一段",
        "形成三点共识",
        'value="4"',
        'value="-1"',
        'value="2020-06-01T09:00"',
        'value="2020-06-01T11:00"',
        'value="楼道堆物"',
        f'<option value="{property_company.pk}" selected>物业公司</option>',
        'value="2020-08-01"',
        "三号楼楼道堆放杂物",
        f'<option value="{residents_committee.pk}" selected>社区居委会</option>',
        "漏了标题",
        'name="issues-TOTAL_FORMS" value="2"',
    ):
        assert value in html, value
    assert '<option value="building" selected>' in html
    assert '<option value="campaign" selected>' in html and f'<option value="{campaign.pk}" selected>' in html
    assert re.search(rf'value="{member.pk}"[^>]*checked', html), "the chosen CPPCC member is kept"
    assert re.search(rf'value="{linked.pk}"[^>]*checked', html), "the linked issue is kept"
    assert f'<option value="{category.pk}" selected>' in html
    assert "人数不能为负数" in html and "请填写问题标题" in html
    assert not Session.objects.exists() and list(Issue.objects.all()) == [linked]


def test_unknown_room_id_is_refused_in_chinese(client, convener, room):
    client.force_login(convener)
    data = session_post(room)
    data["room"] = "999999"
    response = client.post(NEW_URL, data)
    assert response.status_code == 400
    assert "找不到编号为“999999”的议事室" in response.content.decode()
    response = client.get(NEW_URL, {"room": "abc"})
    assert response.status_code == 400
    assert nothing_saved()


def test_room_of_another_convener_answers_404(client, convener, room, other_room):
    client.force_login(convener)
    assert client.get(NEW_URL, {"room": other_room.pk}).status_code == 404
    assert client.post(NEW_URL, session_post(other_room)).status_code == 404
    assert nothing_saved()


def test_issue_of_another_room_answers_404_and_saves_nothing(client, convener, room, other_room):
    client.force_login(convener)
    foreign = IssueFactory(room=other_room, status=Issue.Status.REPORTED)
    response = client.post(NEW_URL, session_post(room, deliberated_issues=[str(foreign.pk)]))
    assert response.status_code == 404
    assert not Session.objects.exists()
    assert foreign.deliberated_in.count() == 0


def test_single_room_convener_is_taken_to_their_room(client, convener, room):
    client.force_login(convener)
    response = client.get(NEW_URL)
    assert response.status_code == 302 and response.url.endswith(f"?room={room.pk}")


def test_edit_keeps_and_removes_photos_and_records_attendance_change(client, convener, room):
    client.force_login(convener)
    client.post(NEW_URL, session_post(room, photos=2))
    session = Session.objects.get()
    first, second = session.photos.all()
    data = session_post(room, topic="改过的议题", photos=1, remove_photos=[str(first.pk)], **{"att-resident": "25"})
    response = client.post(f"/my/sessions/{session.pk}/edit/", data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.topic == "改过的议题"
    assert list(session.photos.values_list("pk", flat=True))[0] == second.pk and session.photos.count() == 2
    assert session.attendance.get(role="resident").headcount == 25
    assert "居民群众 20→25" in session.history.first().history_change_reason


def test_edit_window_closes_for_conveners_but_not_staff(client, convener, staff, room):
    session = SessionFactory(room=room)
    Session.objects.filter(pk=session.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))
    client.force_login(convener)
    my_rooms = client.get("/my/").content.decode()
    assert "已超过修改期限" in my_rooms and f"/my/sessions/{session.pk}/edit/" not in my_rooms
    response = client.get(f"/my/sessions/{session.pk}/edit/")
    assert response.status_code == 403 and "已超过 30 天" in response.content.decode()
    assert client.post(f"/my/sessions/{session.pk}/delete/").status_code == 403
    assert Session.objects.filter(pk=session.pk).exists()
    client.force_login(staff)
    assert client.get(f"/my/sessions/{session.pk}/edit/").status_code == 200
    assert f"/my/sessions/{session.pk}/edit/" in client.get(f"/my/?room={room.pk}").content.decode()
    # Staff can change the window; a longer one reopens editing for the convener.
    from core.models import PortalSettings

    PortalSettings.objects.update_or_create(pk=1, defaults={"session_edit_window_days": 60})
    client.force_login(convener)
    assert client.get(f"/my/sessions/{session.pk}/edit/").status_code == 200


def test_delete_keeps_the_issues_raised_with_the_link_on_record(client, convener, room, category):
    client.force_login(convener)
    client.post(NEW_URL, session_post(room, issues=[{"title": "井盖松动", "category": str(category.pk)}]))
    session = Session.objects.get()
    issue = Issue.objects.get()
    page = client.get(f"/my/sessions/{session.pk}/delete/")
    assert "井盖松动" in page.content.decode()
    response = client.post(f"/my/sessions/{session.pk}/delete/")
    assert response.status_code == 302
    assert not Session.objects.exists() and not Attendance.objects.exists()
    issue.refresh_from_db()
    assert issue.raised_in is None
    note = IssueUpdate.objects.filter(issue=issue).order_by("-pk").first().note
    assert "小区停车难协商" in note and "已被删除" in note


def test_my_rooms_lists_figures_open_overdue_issues_and_suggestions(client, convener, room, other_room):
    from tests.factories import TopicSuggestionFactory

    today = timezone.localdate()
    SessionFactory(room=room, starts_at=timezone.now() - datetime.timedelta(minutes=5))
    SessionFactory(room=room, starts_at=timezone.now() - datetime.timedelta(days=400))
    IssueFactory(room=room, title="逾期的问题", due_on=today - datetime.timedelta(days=1))
    IssueFactory(room=room, title="按期的问题", due_on=today + datetime.timedelta(days=10))
    IssueFactory(room=room, title="已解决的问题", status="resolved", resolution="好", resolved_on=today)
    TopicSuggestionFactory(room=room, topic="建议讨论菜市场")
    IssueFactory(room=other_room, title="别人的问题")
    client.force_login(convener)
    html = client.get("/my/").content.decode()
    assert room.name in html and other_room.name not in html and "别人的问题" not in html
    assert '<dd data-figure="sessions_month">1</dd>' in html
    assert '<dd data-figure="open_issues">2</dd>' in html
    assert '<dd data-figure="overdue_issues">1</dd>' in html
    assert "已解决的问题" not in html
    overdue = html.split("逾期的问题")[1].split("</li>")[0]
    assert "已逾期" in overdue and "已逾期" not in html.split("按期的问题")[1].split("</li>")[0]
    assert "建议讨论菜市场" in html and "记录议事活动" in html


def test_suggestion_can_be_accepted_or_declined(client, convener, room):
    from tests.factories import TopicSuggestionFactory

    accepted, declined = TopicSuggestionFactory(room=room), TopicSuggestionFactory(room=room)
    client.force_login(convener)
    client.post(f"/my/suggestions/{accepted.pk}/review/", {"action": "accept"})
    client.post(f"/my/suggestions/{declined.pk}/review/", {"action": "decline"})
    accepted.refresh_from_db()
    declined.refresh_from_db()
    assert (accepted.status, declined.status) == ("accepted", "declined")
    assert accepted.reviewed_by == convener
    response = client.post(f"/my/suggestions/{accepted.pk}/review/", {"action": "decline"}, follow=True)
    assert "已经审核过" in response.content.decode()
    accepted.refresh_from_db()
    assert accepted.status == "accepted"


def test_anonymous_is_sent_to_login(client, room):
    for url in ("/my/", f"{NEW_URL}?room={room.pk}"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_non_convener_user_sees_no_rooms(client, room):
    user = UserFactory()
    client.force_login(user)
    html = client.get("/my/").content.decode()
    assert "您目前不是任何议事室的召集人" in html and room.name not in html
