"""The public list pages filter with the very FilterSet class the API uses, shown as a form:
dropdowns with their "全部……" choice, the search as `?q=`."""

import pytest
from django.urls import reverse

from api.views.deliberations import SessionViewSet
from api.views.figures import MediaReportViewSet, VisitViewSet
from api.views.issues import IssueViewSet, OutcomeViewSet
from api.views.rooms import CommunityViewSet, RoomViewSet
from deliberations.filters import SessionFilter
from figures.filters import MediaReportFilter, VisitFilter
from issues.filters import IssueFilter, OutcomeFilter
from rooms.filters import CommunityFilter, RoomFilter
from tests.factories import IssueFactory, RoomFactory, SessionFactory

pytestmark = pytest.mark.django_db

PAGES = [
    ("issues:list", IssueViewSet, IssueFilter),
    ("deliberations:list", SessionViewSet, SessionFilter),
    ("rooms:list", RoomViewSet, RoomFilter),
]


@pytest.mark.parametrize(("page", "viewset", "filterset_class"), PAGES)
def test_page_and_api_use_the_very_same_filterset_class(client, page, viewset, filterset_class):
    assert viewset.filterset_class is filterset_class
    assert type(client.get(reverse(page)).context["filter"]) is filterset_class


def test_api_only_lists_filter_with_their_models_filterset():
    for viewset, filterset_class in [
        (CommunityViewSet, CommunityFilter),
        (OutcomeViewSet, OutcomeFilter),
        (MediaReportViewSet, MediaReportFilter),
        (VisitViewSet, VisitFilter),
    ]:
        assert viewset.filterset_class is filterset_class


@pytest.mark.parametrize(
    ("page", "fields"),
    [
        ("issues:list", ["q", "category", "street", "room", "status", "triage_level", "year", "ordering"]),
        ("deliberations:list", ["q", "street", "room", "kind", "campaign", "status", "month", "ordering"]),
        ("rooms:list", ["q", "level", "street", "sector", "ordering"]),
    ],
)
def test_the_page_form_shows_the_page_fields_in_order(client, page, fields):
    form = client.get(reverse(page)).context["filter"].form
    assert list(form.fields) == fields


def test_related_records_are_dropdowns_with_an_all_choice(client):
    room = RoomFactory(name="世伦桥社区协商议事室")
    IssueFactory(room=room)
    SessionFactory(room=room)
    html = client.get(reverse("issues:list")).content.decode()
    assert '<select name="street" data-room-picker="street" id="id_street">' in html
    assert '<option value="" selected>全部街道</option>' in html
    assert f'<option value="{room.pk}">世伦桥社区协商议事室</option>' in html
    assert '<option value="" selected>全部类别</option>' in html
    html = client.get(reverse("deliberations:list"), {"room": room.pk}).content.decode()
    assert f'<option value="{room.pk}" selected>世伦桥社区协商议事室</option>' in html
    assert '<option value="" selected>全部议事室</option>' not in html
    html = client.get(reverse("rooms:list")).content.decode()
    assert '<option value="" selected>全部界别</option>' in html


def test_the_page_labels_the_filters_and_the_api_describes_them(client):
    page_form = client.get(reverse("issues:list")).context["filter"].form
    assert page_form.fields["street"].label == "所属街道"
    assert page_form.fields["q"].label == "关键词"
    schema = client.get("/api/schema/?format=json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/issues/"]["get"]["parameters"]}
    assert parameters["street"]["description"] == "议事室所属街道编号。"
    assert parameters["street"]["schema"]["type"] == "integer"
    assert "?q=" in parameters["search"]["description"]
    assert {"q", "year"}.isdisjoint(parameters)


def test_the_page_ignores_the_apis_parameter_names(client):
    mine = IssueFactory(title="小区停车位不足")
    IssueFactory(title="老年助餐点选址")
    ids = [issue.pk for issue in client.get(reverse("issues:list"), {"search": "停车"}).context["page"].object_list]
    assert mine.pk in ids and len(ids) == 2
