"""The API's front doors: /api/ lists the versions, /api/v1/ every endpoint, the docs and the rate limits."""

import pytest
from django.test import override_settings
from django.urls import reverse

from api.urls import router
from api.views.root import rate_in_words

BASE = "http://testserver"


@pytest.mark.django_db
def test_v1_root_lists_every_endpoint_with_absolute_urls_that_answer(api):
    response = api.get("/api/v1/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["version"] == "v1" and "协商议事室" in body["name"]
    urls = {endpoint["name"]: endpoint["url"] for endpoint in body["endpoints"]}
    for prefix, _viewset, _basename in router.registry:
        assert urls[prefix] == f"{BASE}/api/v1/{prefix}/"
    assert urls["stats"] == f"{BASE}/api/v1/stats/"
    assert all(endpoint["title"] for endpoint in body["endpoints"])
    assert not [e["name"] for e in body["endpoints"] if e["title"] == e["name"]], "every endpoint has a Chinese title"
    assert body["docs"] == {
        "openapi_schema": f"{BASE}/api/schema/",
        "swagger_ui": f"{BASE}/api/docs/",
        "redoc": f"{BASE}/api/redoc/",
    }
    assert body["opendata_zip"] == f"{BASE}/api/v1/export/opendata.zip"
    for name, url in urls.items():
        assert api.get(url.removeprefix(BASE)).status_code == 200, name
    assert api.get(body["docs"]["openapi_schema"].removeprefix(BASE)).status_code == 200


@pytest.mark.django_db
@override_settings(
    REST_FRAMEWORK={
        "DEFAULT_THROTTLE_RATES": {"anon": "120/min", "user": "600/min"},
        "DEFAULT_THROTTLE_CLASSES": [],
    }
)
def test_rate_limits_are_given_in_words(api):
    limits = api.get("/api/v1/").json()["rate_limits"]
    assert limits["anonymous"] == "不带令牌：每个 IP 每分钟 120 次。"
    assert limits["token"] == "带令牌：每个用户 每分钟 600 次。"
    assert "429" in limits["over_limit"] and "Retry-After" in limits["over_limit"]


def test_rate_in_words():
    assert rate_in_words("120/min") == "每分钟 120 次"
    assert rate_in_words("5/s") == "每秒 5 次"
    assert rate_in_words("1000/day") == "每天 1000 次"
    assert rate_in_words(None) == "不限"


@pytest.mark.django_db
def test_api_root_lists_the_versions(api):
    response = api.get("/api/")
    assert response.status_code == 200
    body = response.json()
    assert body["current_version"] == "v1"
    assert body["versions"] == [{"version": "v1", "url": f"{BASE}/api/v1/"}]
    assert body["docs"]["swagger_ui"] == f"{BASE}/api/docs/"
    assert reverse("api:versions") == "/api/" and reverse("api:root") == "/api/v1/"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/", "/api/v1/"])
def test_roots_are_read_only_and_need_no_token(api, path):
    assert api.post(path, {}).status_code == 405
    assert api.delete(path).status_code == 405
    assert api.get(path, HTTP_AUTHORIZATION="Token wrong").status_code in (200, 401)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/", "/api/v1/"])
def test_roots_read_nothing_from_the_database(api, path, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert api.get(path).status_code == 200


def test_roots_are_in_the_openapi_schema(schema_paths):
    assert "/api/" in schema_paths and "/api/v1/" in schema_paths
    assert "200" in schema_paths["/api/v1/"]["get"]["responses"]


@pytest.fixture(scope="module")
def schema_paths(tmp_path_factory):
    import yaml
    from django.core.management import call_command

    target = tmp_path_factory.mktemp("schema") / "schema.yaml"
    call_command("spectacular", "--file", str(target))
    return yaml.safe_load(target.read_text())["paths"]
