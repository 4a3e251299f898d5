"""Staff write cases (and campaign targets and summaries) in the admin; nobody else writes them.
Photos go through core.photos: metadata stripped, random names, size limits."""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from PIL import Image

from cases.models import Case
from cases.services import case_save
from tests.core.test_photos import jpeg_with_gps
from tests.factories import (
    CampaignFactory,
    CaseFactory,
    DepartmentFactory,
    IssueFactory,
    ResolvedIssueFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def _form(issue, **extra):
    return {
        "title": "小区飞线充电整治",
        "summary": "一次议事,解决电动车充电难",
        "category": issue.category_id,
        "street": issue.room.street_id,
        "room": issue.room_id,
        "published_on": "2020-10-08",
        "is_published": "on",
        "issue": issue.pk,
        "session": "",
        "story": "居民反映楼道飞线充电隐患。",
        "consensus": "增设集中充电桩。",
        "result": "已建成充电车棚两处。",
        "departments": [],
        "photo_before_alt": "楼道飞线",
        "photo_after_alt": "新建充电车棚",
        **extra,
    }


def test_staff_turn_a_resolved_issue_into_a_case_with_clean_photos(client, staff):
    issue = ResolvedIssueFactory()
    department = DepartmentFactory(name="区消防救援大队")
    client.force_login(staff)
    add = client.get(reverse("admin:cases_case_add") + f"?issue={issue.pk}")
    assert add.status_code == 200 and issue.title in add.content.decode()
    response = client.post(
        reverse("admin:cases_case_add"),
        _form(issue, departments=[department.pk], photo_before=jpeg_with_gps(name="居民王芳_13912345678.jpg")),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get()
    assert list(case.departments.all()) == [department]
    assert re.fullmatch(r"cases/[0-9a-f]{32}\.jpg", case.photo_before.name)
    image = Image.open(io.BytesIO(case.photo_before.read()))
    assert "exif" not in image.info and not image.getexif()


def test_an_open_issue_or_a_planned_session_cannot_become_a_case(client, staff):
    issue = IssueFactory()
    client.force_login(staff)
    response = client.post(reverse("admin:cases_case_add"), _form(issue))
    assert response.status_code == 200
    assert "只有已解决的民生问题才能作为典型案例" in response.content.decode()
    assert 'value="小区飞线充电整治"' in response.content.decode()  # what was typed is kept
    planned = SessionFactory(status="planned", starts_at=SessionFactory().starts_at.replace(year=2099))
    case = Case(title="x", category=issue.category, session=planned, story="x", result="x")
    with pytest.raises(ValidationError) as error:
        case_save(case=case, author=staff)
    assert "只有已举行的议事活动才能作为典型案例" in str(error.value)


def test_a_photo_that_is_not_an_image_is_refused_in_chinese(client, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    issue = ResolvedIssueFactory()
    client.force_login(staff)
    fake = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    response = client.post(reverse("admin:cases_case_add"), _form(issue, photo_after=fake))
    assert response.status_code == 200 and Case.objects.count() == 0
    assert "不是有效的图片文件" in response.content.decode() or "图片" in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "resident", "convener"])
def test_only_staff_write_cases(client, role, convener, django_user_model):
    case = CaseFactory()
    if role == "resident":
        client.force_login(django_user_model.objects.create_user(username="resident", password="x-123456789"))
    elif role == "convener":
        client.force_login(convener)
    for url in (reverse("admin:cases_case_add"), reverse("admin:cases_case_change", args=[case.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403), (role, url)
    if role != "anonymous":
        with pytest.raises(PermissionDenied):
            case_save(case=case, author=convener if role == "convener" else None)


def test_staff_set_street_targets_and_the_summary_on_the_campaign_admin(client, staff):
    campaign = CampaignFactory()
    client.force_login(staff)
    html = client.get(reverse("admin:deliberations_campaign_change", args=[campaign.pk])).content.decode()
    assert "街道目标" in html and "活动总结" in html and "street_targets-TOTAL_FORMS" in html


def test_a_visit_names_the_cases_it_saw_in_the_admin(client, staff):
    case = CaseFactory()
    client.force_login(staff)
    html = client.get(reverse("admin:figures_visit_add")).content.decode()
    assert "看过的典型案例" in html
    assert client.get(reverse("admin:cases_case_changelist") + "?q=" + case.title[:4]).status_code == 200


def test_the_issue_and_session_admin_open_a_case_from_the_selected_record(client, staff):
    issue = ResolvedIssueFactory()
    session = SessionFactory()
    client.force_login(staff)
    for changelist, source, pk in (
        ("admin:issues_issue_changelist", "issue", issue.pk),
        ("admin:deliberations_session_changelist", "session", session.pk),
    ):
        response = client.post(reverse(changelist), {"action": "make_case", "_selected_action": [pk]})
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:cases_case_add") + f"?{source}={pk}"
    page = client.get(reverse("admin:cases_case_add") + f"?session={session.pk}").content.decode()
    assert session.topic in page
