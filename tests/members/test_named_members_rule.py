"""Named CPPCC members never outnumber the headcount of role 政协委员: the services, the
convener's form (typed data kept, a Chinese message next to both fields), the API (400 with
field errors) and the admin refuse it; the writes in between keep it at every statement."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from deliberations.models import Attendance, Session
from deliberations.services import SessionData, session_log, session_save, session_update
from tests.backoffice.test_admin_writes import CHANGE_URL, session_form
from tests.factories import AttendanceFactory, SectorFactory, SessionFactory, UserFactory
from tests.workspace.session_forms import session_post

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
MEMBER = Attendance.Role.CPPCC_MEMBER
NEW_URL = "/my/sessions/new/"


@pytest.fixture
def members(db):
    sector = SectorFactory(name="经济界")
    return [UserFactory(full_name=f"委员{n}", is_cppcc_member=True, sector=sector) for n in range(4)]


def _data(*, headcount, members, **overrides):
    attendance = {"resident": 12}
    if headcount is not None:
        attendance[MEMBER] = headcount
    values = {
        "topic": "委员人数核对",
        "starts_at": datetime.datetime(2020, 6, 1, 9, 0, tzinfo=TZ),
        "attendance": attendance,
        "cppcc_members": members,
    }
    values.update(overrides)
    return SessionData(**values)


# ---- services --------------------------------------------------------------------------------


def test_service_refuses_more_named_members_than_counted(convener, room, members):
    with pytest.raises(ValidationError) as caught:
        session_log(room=room, author=convener, data=_data(headcount=2, members=members[:3]))
    message = caught.value.message_dict["cppcc_members"][0]
    assert "点名的政协委员有 3 位" in message and "只填了 2 人" in message
    with pytest.raises(ValidationError):
        session_log(room=room, author=convener, data=_data(headcount=None, members=members[:1]))
    assert not Session.objects.exists()


def test_service_lowers_both_together_in_an_order_the_database_accepts(convener, room, members):
    session = session_log(room=room, author=convener, data=_data(headcount=4, members=members))
    assert session.cppcc_members.count() == 4
    # Fewer counted and fewer named in one save: the members go before the headcount drops.
    session = session_update(
        session=session, author=convener, data=_data(headcount=1, members=members[3:]), expected_version=1
    )
    assert list(session.cppcc_members.all()) == [members[3]]
    assert session.attendance.get(role=MEMBER).headcount == 1
    # No member headcount at all and nobody named.
    session = session_update(session=session, author=convener, data=_data(headcount=None, members=[]))
    assert not session.cppcc_members.exists() and not session.attendance.filter(role=MEMBER).exists()
    # And up again.
    session = session_update(session=session, author=convener, data=_data(headcount=3, members=members[:3]))
    assert session.cppcc_members.count() == 3


def test_service_update_refuses_and_changes_nothing(convener, room, members):
    session = session_log(room=room, author=convener, data=_data(headcount=2, members=members[:2]))
    with pytest.raises(ValidationError):
        session_update(session=session, author=convener, data=_data(headcount=1, members=members[:2]))
    session.refresh_from_db()
    assert session.version == 1 and session.attendance.get(role=MEMBER).headcount == 2


def test_admin_save_checks_the_stored_side_it_keeps(staff, room, members):
    session = SessionFactory(room=room)
    AttendanceFactory(session=session, role=MEMBER, headcount=2)
    session.cppcc_members.add(*members[:2])
    with pytest.raises(ValidationError):
        session_save(session=session, author=staff, attendance={MEMBER: 1})  # members kept: 2 > 1
    with pytest.raises(ValidationError):
        session_save(session=session, author=staff, cppcc_members=members[:3])  # headcount kept: 3 > 2
    session_save(session=session, author=staff, cppcc_members=members[:1])
    assert session.cppcc_members.count() == 1


# ---- the convener's form -----------------------------------------------------------------------


def test_form_refuses_with_a_chinese_message_and_keeps_what_was_typed(client, convener, room, members):
    client.force_login(convener)
    data = session_post(
        room, topic="委员名单多于人数", cppcc_members=[str(m.pk) for m in members[:3]], **{"att-cppcc_member": "1"}
    )
    response = client.post(NEW_URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "点名的政协委员有 3 位" in html and "只填了 1 人" in html
    assert html.count("点名的政协委员有 3 位") == 2  # next to the headcount and next to the picker
    assert 'value="委员名单多于人数"' in html
    for member in members[:3]:
        assert f'value="{member.pk}" checked' in html or f'value="{member.pk}"\n' not in html
    assert len([m for m in members[:3] if f'name="cppcc_members" value="{m.pk}"' in html]) == 3
    assert 'name="att-cppcc_member" value="1"' in html
    assert not Session.objects.exists()


def test_form_saves_when_the_headcount_covers_the_named_members(client, convener, room, members):
    client.force_login(convener)
    data = session_post(room, cppcc_members=[str(m.pk) for m in members[:2]], **{"att-cppcc_member": "2"})
    assert client.post(NEW_URL, data).status_code == 302
    assert Session.objects.get().cppcc_members.count() == 2


def test_form_labels_namesakes_by_sector_and_note_and_carries_pinyin(client, convener, room):
    economy, education = SectorFactory(name="经济界"), SectorFactory(name="教育界")
    first = UserFactory(full_name="向磊", is_cppcc_member=True, sector=economy, member_note="区工商联副主席")
    second = UserFactory(full_name="向磊", is_cppcc_member=True, sector=education, member_note="崇川中学教师")
    client.force_login(convener)
    html = client.get(NEW_URL, {"room": room.pk}).content.decode()
    assert "向磊（经济界·区工商联副主席）" in html and "向磊（教育界·崇川中学教师）" in html
    assert html.count('data-search="xl xianglei"') == 2
    assert first.username not in html and second.username not in html
    assert second.phone not in html


# ---- the API --------------------------------------------------------------------------------------


NEW_SESSION = {
    "topic": "委员人数核对",
    "starts_at": "2020-08-01T09:00:00+08:00",
    "attendance": [{"role": "resident", "headcount": 18}, {"role": "cppcc_member", "headcount": 1}],
}


def test_api_create_refuses_with_field_errors(token_client, convener, room, members):
    api = token_client(convener)
    body = {**NEW_SESSION, "room": room.pk, "cppcc_members": [m.pk for m in members[:2]]}
    response = api.post("/api/v1/sessions/", body, format="json")
    assert response.status_code == 400
    assert "点名的政协委员有 2 位" in response.json()["cppcc_members"][0]
    assert not Session.objects.exists()
    body["cppcc_members"] = [members[0].pk]
    assert api.post("/api/v1/sessions/", body, format="json").status_code == 201
    assert Session.objects.get().cppcc_members.get() == members[0]


def test_api_patch_lowering_the_headcount_below_the_named_members_is_400(token_client, convener, room, members):
    api = token_client(convener)
    body = {**NEW_SESSION, "room": room.pk, "cppcc_members": [members[0].pk]}
    session_id = api.post("/api/v1/sessions/", body, format="json").json()["id"]
    patch = {"version": 1, "attendance": [{"role": "resident", "headcount": 18}]}
    response = api.patch(f"/api/v1/sessions/{session_id}/", patch, format="json")
    assert response.status_code == 400 and "cppcc_members" in response.json()
    bad_shapes = [
        {"cppcc_members": "1"},
        {"cppcc_members": [True]},
        {"cppcc_members": [999999]},
        {"cppcc_members": ["1"]},
        {"cppcc_members": [0]},
        {"cppcc_members": list(range(1, 600))},
    ]
    for shape in bad_shapes:
        answer = api.patch(f"/api/v1/sessions/{session_id}/", {"version": 1, **shape}, format="json")
        assert answer.status_code == 400 and "cppcc_members" in answer.json()
    resident = UserFactory(full_name="普通居民")
    answer = api.patch(f"/api/v1/sessions/{session_id}/", {"version": 1, "cppcc_members": [resident.pk]}, format="json")
    assert answer.status_code == 400  # not a CPPCC member
    twice = {"version": 1, "cppcc_members": [members[0].pk, members[0].pk]}
    assert api.patch(f"/api/v1/sessions/{session_id}/", twice, format="json").status_code == 400
    assert Session.objects.get().version == 1


# ---- the admin ------------------------------------------------------------------------------------


def test_admin_refuses_with_the_typed_data_kept(client, staff, room, members):
    client.force_login(staff)
    session = SessionFactory(room=room)
    data = session_form(
        session, attendance=[("cppcc_member", 1)], topic="管理后台改过", cppcc_members=[m.pk for m in members[:2]]
    )
    response = client.post(CHANGE_URL.format(pk=session.pk), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "点名的政协委员有 2 位" in html and 'value="管理后台改过"' in html
    session.refresh_from_db()
    assert session.topic != "管理后台改过" and not session.cppcc_members.exists()
    data = session_form(session, attendance=[("cppcc_member", 2)], cppcc_members=[m.pk for m in members[:2]])
    assert client.post(CHANGE_URL.format(pk=session.pk), data).status_code == 302
    assert session.cppcc_members.count() == 2


def test_admin_autocomplete_labels_members_by_sector_and_note(client, staff, members):
    members[0].member_note = "区工商联副主席"
    members[0].save()
    client.force_login(staff)
    answer = client.get(
        "/admin/autocomplete/",
        {"term": "委员0", "app_label": "deliberations", "model_name": "session", "field_name": "cppcc_members"},
    )
    assert answer.status_code == 200
    assert [row["text"] for row in answer.json()["results"]] == ["委员0（经济界·区工商联副主席）"]


def test_api_session_answer_lists_the_public_members_it_names(api, token_client, convener, room, members):
    body = {**NEW_SESSION, "room": room.pk, "cppcc_members": [members[0].pk]}
    created = token_client(convener).post("/api/v1/sessions/", body, format="json").json()
    assert created["cppcc_members"] == [members[0].pk]
    assert api.get(f"/api/v1/sessions/{created['id']}/").json()["cppcc_members"] == [members[0].pk]
    members[0].is_active = False  # a member who left has no public record: not listed
    members[0].save()
    assert api.get(f"/api/v1/sessions/{created['id']}/").json()["cppcc_members"] == []
