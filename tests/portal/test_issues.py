"""The issue list (filters and search) and an issue's page with its timeline."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def titles(response):
    return [issue.title for issue in response.context["page"].object_list]


def test_issue_list_shows_public_issues_only(client, world):
    response = client.get(reverse("issues:list"))
    assert set(titles(response)) == {world.resolved.title, world.open_issue.title}
    assert world.private.title not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "resolved"}, ["世伦桥小区停车位不足"]),
        ({"status": "in_progress"}, ["文峰老年助餐点选址"]),
        ({"triage_level": "community"}, ["文峰老年助餐点选址", "世伦桥小区停车位不足"]),
        ({"year": "2021"}, ["文峰老年助餐点选址"]),
        ({"year": "2020"}, ["世伦桥小区停车位不足"]),
        ({"q": "停车"}, ["世伦桥小区停车位不足"]),
        ({"q": "议事"}, ["世伦桥小区停车位不足"]),
        ({"ordering": "reported_on"}, ["世伦桥小区停车位不足", "文峰老年助餐点选址"]),
    ],
)
def test_issue_filters(client, world, params, expected):
    assert titles(client.get(reverse("issues:list"), params)) == expected


def test_issue_filters_by_category_street_and_room(client, world):
    assert titles(client.get(reverse("issues:list"), {"category": world.elderly.pk})) == [world.open_issue.title]
    assert titles(client.get(reverse("issues:list"), {"street": world.north.pk})) == [world.resolved.title]
    assert titles(client.get(reverse("issues:list"), {"room": world.south_room.pk})) == [world.open_issue.title]


@pytest.mark.parametrize("params", [{"year": "abc"}, {"year": "20200"}, {"year": "1999"}, {"status": "lost"}])
def test_malformed_issue_filters_give_an_empty_list(client, world, params):
    response = client.get(reverse("issues:list"), params)
    assert response.status_code == 200
    assert titles(response) == []


def test_issue_page_shows_status_department_and_timeline_in_order(client, world):
    response = client.get(world.resolved.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        world.resolved.title,
        "已解决",
        "区城市管理局",
        world.resolved.resolution,
        world.held.topic,
        "关于规范老旧小区停车的建议",
        "2020年7月20日",
    ):
        assert text in html, text
    notes = ["在议事活动中提出。", "达成共识，社区牵头。", "停车位施划完成。"]
    positions = [html.index(note) for note in notes]
    assert positions == sorted(positions, reverse=True), "the timeline is newest first, as in the workspace"
    assert 'data-figure="satisfaction_rate">满意率 50.0%（共 2 条评价）' in html
    assert '<meta property="og:type" content="article">' in html


def test_unpublished_issue_answers_404_to_the_public(client, world):
    assert client.get(world.private.get_absolute_url()).status_code == 404


def test_open_issue_has_no_feedback_form(client, world):
    html = client.get(world.open_issue.get_absolute_url()).content.decode()
    assert 'name="rating"' not in html
    assert "办理中" in html
