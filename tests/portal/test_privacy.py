"""Privacy scan: personal phones and e-mails, feedback authors and notes, suggestion contacts,
unpublished issues and unreviewed suggestions never appear on any public page, feed, export or
search result."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import User
from deliberations.models import TopicSuggestion
from issues.models import Feedback, Issue
from portal.breakdowns import BREAKDOWNS

from .conftest import CONVENER_EMAIL, CONVENER_PHONE, FEEDBACK_NOTE, SUGGESTION_CONTACT
from .pages import body, public_urls

pytestmark = pytest.mark.django_db


def rendered_everything(client):
    outputs = {name: body(client.get(url)) for name, url in public_urls().items()}
    for slug in BREAKDOWNS:
        response = client.get(reverse("portal:stats-download", args=[slug, "xlsx"]))
        sheet = load_workbook(io.BytesIO(response.content)).active
        outputs[f"xlsx_{slug}"] = "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
    return outputs


def forbidden_strings():
    strings = {CONVENER_PHONE, CONVENER_EMAIL, SUGGESTION_CONTACT, FEEDBACK_NOTE}
    strings |= {user.phone for user in User.objects.exclude(phone="")}
    strings |= {user.email for user in User.objects.exclude(email="")}
    strings |= {s.contact for s in TopicSuggestion.objects.exclude(contact="")}
    strings |= {s.topic for s in TopicSuggestion.objects.exclude(status=TopicSuggestion.Status.ACCEPTED)}
    strings |= {f.ip_hash for f in Feedback.objects.exclude(ip_hash="")}
    strings |= {f.note for f in Feedback.objects.exclude(note="") if len(f.note) >= 6}  # not a bare "满意"
    return strings


def test_no_private_data_on_any_public_output(client, world):
    outputs = rendered_everything(client)
    outputs["room_page"] = body(client.get(world.room.get_absolute_url()))
    outputs["search_private"] = body(client.get(reverse("portal:search"), {"q": "未公开"}))
    outputs["search_pending"] = body(client.get(reverse("portal:search"), {"q": "待审核"}))
    outputs["session_page"] = body(client.get(world.held.get_absolute_url()))  # has the convener as a member
    by_phone = body(client.get(reverse("portal:search"), {"q": CONVENER_PHONE}))
    assert "没有找到与" in by_phone  # a phone number finds nothing (the query itself is echoed back)
    for query in ("停车", "未公开", "待审核", "王召集"):
        outputs[f"search {query}"] = body(client.get(reverse("portal:search"), {"q": query}))
        outputs[f"issues {query}"] = body(client.get(reverse("issues:list"), {"q": query}))
    forbidden = forbidden_strings() | {world.private.title, world.private.get_absolute_url() + '"'}
    for name, text in outputs.items():
        for secret in forbidden:
            assert secret not in text, f"{secret!r} leaked on {name}"
    assert "已采纳的议题：楼道堆物整治" in outputs["room_page"]  # accepted suggestions are public
    assert "王召集" in outputs["room_page"]  # the convener's name is, the phone is not


def test_the_privacy_scan_would_catch_a_leak(client, world):
    """The scan is not vacuous: a phone typed into a public field does show up."""
    world.room.description = f"联系人手机 {CONVENER_PHONE}"
    world.room.save()
    assert CONVENER_PHONE in body(client.get(world.room.get_absolute_url()))


def test_demo_district_privacy_scan(client, demo):
    outputs = rendered_everything(client)
    forbidden = forbidden_strings()
    private_urls = {f'"{issue.get_absolute_url()}"' for issue in Issue.objects.filter(is_public=False)}
    assert private_urls, "the demo data has unpublished issues"
    for name, text in outputs.items():
        for secret in forbidden | private_urls:
            assert secret not in text, f"{secret!r} leaked on {name}"


def test_private_issue_in_feeds_and_room_page_is_absent(client, world):
    world.private.title = "独一无二的内部标题"
    world.private.save()
    for url in (
        reverse("portal:feed-resolved"),
        reverse("portal:feed-room", args=[world.room.pk]),
        world.room.get_absolute_url(),
        reverse("issues:list") + "?status=resolved",
        reverse("portal:search") + "?q=内部",
    ):
        assert "独一无二的内部标题" not in body(client.get(url)), url
