"""The public member pages: /members/ by sector and searchable, each member's 履职档案, never
a phone, user name or e-mail; 404 for anyone who is not a public member; query counts pinned."""

import pytest

from tests.factories import SectorFactory, UserFactory

from .records import members_with_records

pytestmark = pytest.mark.django_db


def _private_values(member):
    return [member.phone, member.username, member.email]


def test_list_groups_by_sector_and_shows_counts(client):
    members = members_with_records(4)
    html = client.get("/members/").content.decode()
    assert "第0界" in html and "第1界" in html
    for member in members:
        assert member.full_name in html and member.member_note in html
        for value in _private_values(member):
            assert value not in html
    listing = html[html.index('class="result-count"') :]
    assert listing.index("委员000") < listing.index("委员002") < listing.index("第1界") < listing.index("委员001")


def test_search_by_name_pinyin_initials_sector_and_note(client):
    economy = SectorFactory(name="经济界")
    first = UserFactory(full_name="向磊", is_cppcc_member=True, sector=economy, member_note="区工商联副主席")
    second = UserFactory(full_name="向磊", is_cppcc_member=True, sector=SectorFactory(name="教育界"))
    other = UserFactory(full_name="周强", is_cppcc_member=True, sector=economy)
    for query, expected in (
        ("xl", {first, second}),
        ("XL", {first, second}),
        ("xiang", {first, second}),
        ("向", {first, second}),
        ("工商联", {first}),
        ("经济", {first, other}),
        ("zq", {other}),
    ):
        html = client.get("/members/", {"q": query}).content.decode()
        shown = {m for m in (first, second, other) if f"/members/{m.pk}/" in html}
        assert shown == expected, query
    html = client.get("/members/", {"sector": economy.pk}).content.decode()
    assert f"/members/{second.pk}/" not in html and f"/members/{first.pk}/" in html
    assert client.get("/members/", {"sector": "abc"}).status_code == 200  # the form's error, not a 500


def test_profile_shows_the_record_and_nothing_private(client):
    member, partner, *_ = members_with_records(3)
    html = client.get(f"/members/{member.pk}/").content.decode()
    assert member.full_name in html and "第0界" in html and member.member_note in html
    assert "议题0-0" in html and "议题0-1" in html and "议题2-0" in html  # named by the previous member too
    assert "公开问题0-0" in html and "未公开问题" not in html
    assert "提案0-0" in html and "社情民意0-0" in html
    for value in _private_values(member) + _private_values(partner):
        assert value not in html


@pytest.mark.parametrize("kind", ["resident", "inactive", "missing"])
def test_profile_of_anyone_but_a_public_member_is_404(client, kind):
    if kind == "missing":
        assert client.get("/members/999999/").status_code == 404
        return
    user = UserFactory(is_cppcc_member=kind == "inactive", is_active=kind != "inactive")
    assert client.get(f"/members/{user.pk}/").status_code == 404


@pytest.mark.parametrize("size", [3, 12])
def test_page_query_counts_are_pinned(client, django_assert_max_num_queries, size):
    members = members_with_records(size)
    client.get("/members/")  # per-process caches (settings row, content types)
    with django_assert_max_num_queries(4):
        assert client.get("/members/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(f"/members/{members[0].pk}/").status_code == 200


def test_session_page_links_its_named_members_and_nothing_private(client):
    member, partner, *_ = members_with_records(3)
    session = member.sessions_attended.order_by("pk").first()
    html = client.get(f"/sessions/{session.pk}/").content.decode()
    assert "参加的政协委员：" in html
    assert f'href="/members/{member.pk}/"' in html and f'href="/members/{partner.pk}/"' in html
    for value in _private_values(member) + _private_values(partner):
        assert value not in html
    partner.is_active = False
    partner.save()
    html = client.get(f"/sessions/{session.pk}/").content.decode()
    assert f'href="/members/{partner.pk}/"' not in html  # no public record to link to


def test_pages_are_cached_whole_and_a_members_change_shows_at_once(client, settings, django_assert_num_queries):
    settings.PAGE_CACHE_ENABLED = True
    (member,) = members_with_records(1)
    for url in ("/members/", f"/members/{member.pk}/", "/api/v1/members/"):
        client.get(url)
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200
    member.member_note = "新的委员简介"
    member.save()
    assert "新的委员简介" in client.get("/members/").content.decode()
    assert "新的委员简介" in client.get(f"/members/{member.pk}/").content.decode()
