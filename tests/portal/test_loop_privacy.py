"""Privacy walk for the loop: a department's liaison (full name, username, e-mail, phone), the
residents who follow issues by e-mail, and the convener who recorded a 回访 never appear on a
public page, feed, download, API answer or the open-data ZIP. The department's name and office
phone may, and do."""

import io
import json
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from api.urls import router
from issues.following import follower_confirm, follower_subscribe
from issues.models import Issue, IssueFollower
from portal.breakdowns import BREAKDOWNS

from .pages import body, public_urls
from .test_issue_loop_page import CONVENER, DEPARTMENT, LIAISON, OFFICE_PHONE, build_loop

pytestmark = pytest.mark.django_db

FOLLOWER = "zhao.follower.q9@resident-mail.example"
WAITING = "qian.waiting.q9@resident-mail.example"
API_LISTS = [prefix for prefix, _viewset, _basename in router.registry]


@pytest.fixture
def loop(world, django_capture_on_commit_callbacks):
    """The public world of conftest.py plus an issue taken through the whole loop in the same
    street, a confirmed and a waiting follower, and a resolved issue handled by the department."""
    with django_capture_on_commit_callbacks(execute=True):
        loop = build_loop(street=world.north)
        follower_confirm(token=follower_subscribe(issue=loop.issue, email=FOLLOWER).token)
        follower_subscribe(issue=loop.issue, email=WAITING)
    Issue.objects.filter(pk=world.resolved.pk).update(department=loop.department)
    return loop


def secrets():
    values = set(LIAISON.values()) | {FOLLOWER, WAITING, CONVENER["email"], CONVENER["phone"], CONVENER["username"]}
    values |= set(IssueFollower.objects.values_list("email", flat=True))
    values |= {"只换了一个，另一个还是坏的"}  # the 不满意 resident's note
    return values


def outputs_of_pages(client, loop):
    urls = dict(public_urls())
    urls.update(
        loop_issue=loop.issue.get_absolute_url(),
        loop_duplicate=loop.duplicate.get_absolute_url(),
        street_room=loop.street_room.get_absolute_url(),
        community_room=loop.community_room.get_absolute_url(),
        issues_in_progress=reverse("issues:list") + "?status=in_progress",
        issues_search=reverse("issues:list") + "?q=窨井",
        site_search=reverse("portal:search") + "?q=观音山",
        department_search=reverse("portal:search") + f"?q={DEPARTMENT}",
        street_feed=reverse("portal:feed-room", args=[loop.street_room.pk]),
        community_feed=reverse("portal:feed-room", args=[loop.community_room.pk]),
    )
    outputs = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        outputs[name] = body(response)
    for slug in BREAKDOWNS:
        response = client.get(reverse("portal:stats-download", args=[slug, "xlsx"]))
        sheet = load_workbook(io.BytesIO(response.content)).active
        outputs[f"xlsx_{slug}"] = "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
    return outputs


def outputs_of_api(client, loop):
    outputs = {}
    for name in API_LISTS:
        response = client.get(f"/api/v1/{name}/?page_size=100")
        assert response.status_code == 200, name
        data = response.json()
        outputs[f"api_{name}"] = json.dumps(data, ensure_ascii=False)
        for row in data["results"][:3]:
            outputs[f"api_{name}_{row['id']}"] = client.get(f"/api/v1/{name}/{row['id']}/").content.decode()
        outputs[f"api_{name}_csv"] = body(client.get(f"/api/v1/{name}/?format=csv&page_size=100"))
    for issue in (loop.issue, loop.duplicate):
        outputs[f"api_issue_{issue.pk}"] = client.get(f"/api/v1/issues/{issue.pk}/").content.decode()
    outputs["api_stats"] = client.get("/api/v1/stats/").content.decode()
    archive = zipfile.ZipFile(io.BytesIO(client.get("/api/v1/export/opendata.zip").content))
    for name in archive.namelist():
        outputs[f"opendata_{name}"] = archive.read(name).decode("utf-8-sig")
    return outputs


def test_no_liaison_follower_or_convener_data_on_any_public_output(client, loop):
    outputs = outputs_of_pages(client, loop) | outputs_of_api(client, loop)
    forbidden = secrets()
    for name, text in outputs.items():
        for secret in forbidden:
            assert secret not in text, f"{secret!r} leaked on {name}"
    # The convener's real name is public on their own room's page only, never on the issue's.
    for name, text in outputs.items():
        if name not in ("community_room",):
            assert CONVENER["full_name"] not in text, f"the 回访 convener's name on {name}"
    # The scan is not vacuous: the department's public data does appear.
    assert DEPARTMENT in outputs["loop_issue"] and OFFICE_PHONE in outputs["loop_issue"]
    assert DEPARTMENT in outputs["feed"]
    assert DEPARTMENT in outputs[f"api_issue_{loop.issue.pk}"]
    assert any(DEPARTMENT in text for name, text in outputs.items() if name.startswith("opendata_"))
    assert "另一处井盖仍破损，重新办理。" in outputs["loop_issue"]  # the 回访 outcome is public


def test_follow_link_pages_never_show_an_address(client, loop):
    follower = IssueFollower.objects.get(email=FOLLOWER)
    for url in (
        reverse("issues:follow-confirm", args=[follower.token]),
        reverse("issues:unfollow", args=[follower.token]),
    ):
        html = client.get(url).content.decode()
        for secret in secrets():
            assert secret not in html, (secret, url)


def test_the_follow_answer_never_echoes_the_address_after_the_redirect(
    client, loop, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("issues:follow", args=[loop.issue.pk]), {"email": "sun.new@example.org"})
    assert response.status_code == 302
    assert "sun.new@example.org" not in client.get(response["Location"]).content.decode()


def test_the_walk_would_catch_a_leak(client, loop):
    """A liaison's phone typed into a department entry does show up: the scan reads the right pages."""
    update = loop.issue.updates.filter(department__isnull=False).first()
    update.note = f"联系人 {LIAISON['phone']}"
    update.save()
    assert LIAISON["phone"] in body(client.get(loop.issue.get_absolute_url()))
