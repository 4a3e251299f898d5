"""Residents' feedback on a resolved issue and topic suggestions to a room: CSRF, validation that
keeps what was typed, the per-IP rate limit, and nothing published unreviewed."""

import pytest
from django.test import Client

from core import ratelimit
from deliberations.models import TopicSuggestion
from issues.models import Feedback

pytestmark = pytest.mark.django_db


def test_resident_rates_a_resolved_issue(client, world):
    response = client.post(world.resolved.get_absolute_url(), {"rating": "mostly", "note": "基本解决了"}, follow=True)
    assert response.status_code == 200
    assert "感谢您的评价" in response.content.decode()
    feedback = Feedback.objects.filter(issue=world.resolved).order_by("-pk").first()
    assert (feedback.rating, feedback.note) == ("mostly", "基本解决了")
    assert len(feedback.ip_hash) == 64 and "127.0.0.1" not in feedback.ip_hash
    assert feedback.ip_hash == ratelimit.ip_hash(response.wsgi_request)


def test_feedback_without_rating_shows_a_chinese_error_and_keeps_the_note(client, world):
    response = client.post(world.resolved.get_absolute_url(), {"note": "我写的留言还在"})
    html = response.content.decode()
    assert response.status_code == 200  # re-rendered with the errors, as Django form views do
    assert "请选择满意、基本满意或不满意。" in html
    assert "我写的留言还在</textarea>" in html
    assert Feedback.objects.filter(issue=world.resolved).count() == 2


def test_feedback_too_long_or_bogus_rating_is_refused(client, world):
    response = client.post(world.resolved.get_absolute_url(), {"rating": "excellent", "note": "长" * 501})
    html = response.content.decode()
    assert response.status_code == 200
    assert "请选择有效的评价。" in html
    assert "留言最多 500 个字" in html
    assert "长" * 501 in html


def test_feedback_on_an_open_issue_is_refused(client, world):
    response = client.post(world.open_issue.get_absolute_url(), {"rating": "satisfied"})
    assert response.status_code == 400
    assert "只能评价已解决的公开问题" in response.content.decode()
    assert not Feedback.objects.filter(issue=world.open_issue).exists()


def test_feedback_needs_a_csrf_token(world):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(world.resolved.get_absolute_url(), {"rating": "satisfied"})
    assert response.status_code == 403
    page = csrf_client.get(world.resolved.get_absolute_url())
    token = page.cookies["csrftoken"].value
    ok = csrf_client.post(world.resolved.get_absolute_url(), {"rating": "satisfied", "csrfmiddlewaretoken": token})
    assert ok.status_code == 302


def test_a_flood_of_feedback_from_one_ip_is_refused_with_a_clear_message(client, world, settings):
    settings.PUBLIC_FORM_RATE_LIMITS = {"feedback": (3, 600)}
    for _n in range(3):
        assert client.post(world.resolved.get_absolute_url(), {"rating": "satisfied"}).status_code == 302
    response = client.post(world.resolved.get_absolute_url(), {"rating": "dissatisfied", "note": "第四次"})
    html = response.content.decode()
    assert response.status_code == 429
    assert "您提交得太频繁了，请过几分钟再试" in html
    assert "第四次</textarea>" in html
    assert Feedback.objects.filter(issue=world.resolved).count() == 2 + 1  # one client, one rating
    other_ip = client.post(world.resolved.get_absolute_url(), {"rating": "satisfied"}, REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 302


def test_rate_limit_stores_only_a_hash_of_the_ip(client, world):
    from django.core.cache import cache

    client.post(world.resolved.get_absolute_url(), {"rating": "satisfied"}, REMOTE_ADDR="203.0.113.77")
    keys = list(cache._cache.keys())
    assert any("ratelimit:feedback:" in key for key in keys)
    assert not any("203.0.113.77" in key for key in keys)


def test_resident_suggests_a_topic_and_it_stays_unpublished(client, world):
    response = client.post(
        world.room.get_absolute_url(),
        {"topic": "希望讨论电动车充电桩", "description": "楼道里充电很危险", "contact": "13600003333"},
        follow=True,
    )
    html = response.content.decode()
    assert "感谢您的建议" in html
    suggestion = TopicSuggestion.objects.get(topic="希望讨论电动车充电桩")
    assert suggestion.status == TopicSuggestion.Status.PENDING
    assert suggestion.contact == "13600003333"
    assert "希望讨论电动车充电桩" not in html.split("感谢您的建议")[1]
    assert "13600003333" not in html


def test_suggestion_without_topic_keeps_what_was_typed(client, world):
    response = client.post(
        world.room.get_absolute_url(), {"topic": "   ", "description": "说明文字保留", "contact": "王女士"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "请填写您建议的议题。" in html
    assert "说明文字保留</textarea>" in html
    assert 'value="王女士"' in html
    assert not TopicSuggestion.objects.filter(description="说明文字保留").exists()


def test_suggestion_flood_is_refused(client, world, settings):
    settings.PUBLIC_FORM_RATE_LIMITS = {"suggestion": (2, 600)}
    for n in range(2):
        assert client.post(world.room.get_absolute_url(), {"topic": f"议题{n}"}).status_code == 302
    response = client.post(world.room.get_absolute_url(), {"topic": "第三条"})
    assert response.status_code == 429
    assert "您提交得太频繁了" in response.content.decode()
    assert 'value="第三条"' in response.content.decode()
    assert not TopicSuggestion.objects.filter(topic="第三条").exists()


def test_suggestion_needs_a_csrf_token(world):
    response = Client(enforce_csrf_checks=True).post(world.room.get_absolute_url(), {"topic": "无令牌"})
    assert response.status_code == 403
    assert not TopicSuggestion.objects.filter(topic="无令牌").exists()


def test_every_form_field_has_a_label(client, world):
    for url in (world.resolved.get_absolute_url(), world.room.get_absolute_url()):
        html = client.get(url).content.decode()
        for field_id in (
            ("id_note", "id_rating_0") if "rating" in html else ("id_topic", "id_description", "id_contact")
        ):
            assert f'for="{field_id}"' in html, (url, field_id)
