"""The privacy walk: every public endpoint, list and detail, JSON and CSV, scanned for private data."""

import io
import json
import zipfile

import pytest
from django.core.cache import cache

from accounts.models import User
from accounts.services import api_token_issue
from api.urls import router
from deliberations.models import TopicSuggestion
from issues.models import Feedback, Issue, IssueFollower
from tests.factories import (
    FeedbackFactory,
    IssueFactory,
    IssueUpdateFactory,
    LiaisonFactory,
    SessionFactory,
    TopicSuggestionFactory,
)

LIST_ENDPOINTS = [prefix for prefix, _viewset, _basename in router.registry]  # every list endpoint
FORBIDDEN_KEYS = {"phone", "email", "password", "created_by", "author", "ip_hash", "contact", "reviewed_by", "user"}


def _keys(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _keys(inner)


@pytest.fixture
def private_data(demo, convener, room):
    """The demo district plus private records that carry unmistakable markers."""
    convener.phone = "13912345678"
    convener.email = "secret-convener@example.com"
    convener.save()
    session = SessionFactory(room=room, created_by=convener, topic="公开的议题")
    IssueUpdateFactory(issue=IssueFactory(room=room, raised_in=session), author=convener, note="公开进展")
    IssueFactory(room=room, is_public=False, title="绝密未公开问题标题")
    FeedbackFactory(issue__room=room, note="评价人留言绝密", ip_hash="iphash-secret-0123456789")
    TopicSuggestionFactory(room=room, topic="未采纳的绝密建议", contact="13700001111")
    TopicSuggestionFactory(room=room, topic="已采纳但联系方式保密", contact="13700002222", status="accepted")
    # The loop: a liaison answers in the department's name; a resident follows by e-mail.
    liaison = LiaisonFactory(
        user__username="liaison-secret-name",
        user__full_name="绝密联络员姓名",
        user__email="liaison-secret@example.com",
        user__phone="13655556666",
        department__office_phone="0513-83509999",
    )
    answered = IssueFactory(room=room, department=liaison.department)
    IssueUpdateFactory(issue=answered, author=liaison.user, department=liaison.department, note="承办单位答复")
    IssueFollower.objects.create(issue=answered, email="follower-secret@example.com", token="follower-token-secret")
    return {
        "secrets": [
            "13912345678",
            "secret-convener@example.com",
            "绝密未公开问题标题",
            "评价人留言绝密",
            "iphash-secret-0123456789",
            "未采纳的绝密建议",
            "13700001111",
            "13700002222",
            "liaison-secret-name",
            "绝密联络员姓名",
            "liaison-secret@example.com",
            "13655556666",
            "follower-secret@example.com",
            "follower-token-secret",
            *_token_secrets(convener),
        ]
        + list(User.objects.exclude(phone="").values_list("phone", flat=True))
        + list(User.objects.exclude(email="").values_list("email", flat=True))
        + list(Feedback.objects.exclude(ip_hash="").values_list("ip_hash", flat=True))
        + list(Feedback.objects.exclude(note="").values_list("note", flat=True))
        + list(TopicSuggestion.objects.exclude(contact="").values_list("contact", flat=True))
        + list(Issue.objects.filter(is_public=False).values_list("title", flat=True)),
        "private_issue_ids": set(Issue.objects.filter(is_public=False).values_list("pk", flat=True)),
    }


def _token_secrets(user):
    token, key = api_token_issue(user=user, name="隐私")
    return [key, token.digest]


@pytest.mark.django_db
def test_privacy_walk_over_every_public_endpoint(api, private_data):
    secrets = [s for s in private_data["secrets"] if s]
    bodies = []
    for name in LIST_ENDPOINTS:
        # The walk reads every page of every list, more than the anonymous rate allows in a
        # minute; each endpoint starts with a fresh count (the throttle has tests of its own).
        cache.clear()
        first = api.get(f"/api/v1/{name}/?page_size=100")
        assert first.status_code == 200, name
        data = first.json()
        pages = [data]
        page = 2
        while data["next"]:
            data = api.get(f"/api/v1/{name}/?page_size=100&page={page}").json()
            pages.append(data)
            page += 1
        rows = [row for page_data in pages for row in page_data["results"]]
        assert len(rows) == pages[0]["count"]
        bodies.append(json.dumps(pages, ensure_ascii=False))
        assert not FORBIDDEN_KEYS & set(_keys(pages)), name
        for row in rows[:3] + rows[-3:]:
            detail = api.get(f"/api/v1/{name}/{row['id']}/")
            assert detail.status_code == 200
            assert not FORBIDDEN_KEYS & set(_keys(detail.json()))
            bodies.append(detail.content.decode())
        csv_response = api.get(f"/api/v1/{name}/?format=csv")
        bodies.append(b"".join(csv_response.streaming_content).decode("utf-8-sig"))
        if name == "issues":
            assert not private_data["private_issue_ids"] & {row["id"] for row in rows}
        if name == "outcomes":
            linked = {pk for row in rows for pk in row["issues"]}
            assert not private_data["private_issue_ids"] & linked
    for pk in private_data["private_issue_ids"]:
        assert api.get(f"/api/v1/issues/{pk}/").status_code == 404
    bodies.append(api.get("/api/v1/stats/").content.decode())
    archive = zipfile.ZipFile(io.BytesIO(api.get("/api/v1/export/opendata.zip").content))
    bodies += [archive.read(name).decode("utf-8-sig") for name in archive.namelist()]
    bodies.append(api.get("/api/schema/").content.decode())

    everything = "\n".join(bodies)
    for secret in secrets:
        assert secret not in everything, f"private value leaked: {secret!r}"
