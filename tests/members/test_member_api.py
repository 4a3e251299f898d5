"""The members' public records in the API and the open-data ZIP: list, filter by sector, search,
the record in the detail, never a phone, user name or e-mail; read-only; query counts pinned."""

import csv
import io
import json
import zipfile

import pytest

from tests.factories import UserFactory

from .records import members_with_records

pytestmark = pytest.mark.django_db
FORBIDDEN_KEYS = {"phone", "email", "username", "password", "user", "last_login", "is_staff"}


def _keys(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _keys(inner)


def _secrets(members):
    return [value for member in members for value in (member.phone, member.username, member.email)]


def test_list_filter_and_search(api):
    members = members_with_records(4)
    body = api.get("/api/v1/members/").json()
    assert body["count"] == 4
    first = body["results"][0]
    assert first["name"] == "委员000" and first["sector_name"] == "第0界" and first["note"] == "简介0"
    assert first["sessions_attended"] == 4  # two of its own, two named by the previous member
    assert first["issues_raised"] == 4 and first["outcomes"] == 8
    assert first["page_url"] == f"/members/{members[0].pk}/"
    sector = members[1].sector_id
    in_sector = api.get("/api/v1/members/", {"sector": sector}).json()["results"]
    assert {row["id"] for row in in_sector} == {members[1].pk, members[3].pk}
    assert api.get("/api/v1/members/", {"search": "wy"}).json()["count"] == 4  # 委员 → w y
    assert api.get("/api/v1/members/", {"sector": "abc"}).status_code == 400
    assert api.get("/api/v1/members/", {"sector": ""}).status_code == 400


def test_detail_has_the_record_and_nothing_private(api):
    members = members_with_records(3)
    UserFactory(full_name="普通居民")  # not a member: never listed
    response = api.get(f"/api/v1/members/{members[0].pk}/")
    assert response.status_code == 200 and response["ETag"]
    record = response.json()
    assert {row["topic"] for row in record["sessions"]} == {"议题0-0", "议题0-1", "议题2-0", "议题2-1"}
    assert all(not row["title"].startswith("未公开") for row in record["issues"])
    assert {row["kind"] for row in record["outcome_list"]} == {"proposal", "opinion"}
    bodies = [response.content.decode(), api.get("/api/v1/members/").content.decode()]
    bodies.append(b"".join(api.get("/api/v1/members/?format=csv").streaming_content).decode("utf-8-sig"))
    assert not FORBIDDEN_KEYS & set(_keys(record))
    assert not FORBIDDEN_KEYS & set(_keys(json.loads(bodies[1])))
    everything = "\n".join(bodies)
    for secret in _secrets(members):
        assert secret not in everything


@pytest.mark.parametrize("kind", ["resident", "inactive", "missing", "text"])
def test_anyone_but_a_public_member_is_404(api, kind):
    if kind in ("missing", "text"):
        assert api.get(f"/api/v1/members/{'abc' if kind == 'text' else 999999}/").status_code == 404
        return
    user = UserFactory(is_cppcc_member=kind == "inactive", is_active=kind != "inactive")
    assert api.get(f"/api/v1/members/{user.pk}/").status_code == 404


def test_members_are_read_only(token_client, staff):
    (member,) = members_with_records(1)
    client = token_client(staff)
    assert client.post("/api/v1/members/", {"name": "x"}, format="json").status_code == 405
    assert client.patch(f"/api/v1/members/{member.pk}/", {"note": "x"}, format="json").status_code == 405
    assert client.delete(f"/api/v1/members/{member.pk}/").status_code == 405


def test_opendata_zip_has_members_and_their_sessions_but_nothing_private(api):
    members = members_with_records(3)
    UserFactory(full_name="离任委员", is_cppcc_member=True, is_active=False)
    archive = zipfile.ZipFile(io.BytesIO(api.get("/api/v1/export/opendata.zip").content))
    rows = list(csv.DictReader(io.StringIO(archive.read("members.csv").decode("utf-8-sig"))))
    assert [row["full_name"] for row in rows] == ["委员000", "委员001", "委员002"]
    assert rows[0]["member_note"] == "简介0" and rows[0]["session_count"] == "4"
    links = list(csv.DictReader(io.StringIO(archive.read("session_members.csv").decode("utf-8-sig"))))
    assert len(links) == 12 and set(links[0]) == {"session_id", "member_id"}
    everything = "\n".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    for secret in _secrets(members):
        assert secret not in everything
    assert "离任委员" not in everything


@pytest.mark.parametrize("size", [3, 12])
def test_api_query_counts_are_pinned(api, django_assert_max_num_queries, size):
    members = members_with_records(size)
    api.get("/api/v1/members/")
    with django_assert_max_num_queries(3):
        assert api.get("/api/v1/members/").status_code == 200
    with django_assert_max_num_queries(6):
        assert api.get(f"/api/v1/members/{members[0].pk}/").status_code == 200
