"""The statistics page at province size: a breakdown with more rows than the page can carry
shows the rows with the largest figure and says so; the downloads keep every row."""

import csv
import io

import pytest
from django.urls import reverse

from portal import breakdowns
from tests.factories import RoomFactory, SessionFactory, StreetFactory

pytestmark = pytest.mark.django_db


def street_rows(response):
    chart = next(chart for chart in response.context["charts"] if chart["breakdown"].slug == "street")
    return chart


def test_a_long_breakdown_shows_its_largest_rows_and_downloads_them_all(client, monkeypatch):
    monkeypatch.setattr(breakdowns, "PAGE_ROWS_MAX", 2)
    for index, sessions in enumerate((1, 3, 2)):
        room = RoomFactory(community__street=StreetFactory(name=f"第{index}街道"))
        for _n in range(sessions):
            SessionFactory(room=room)
    response = client.get(reverse("portal:stats"))
    chart = street_rows(response)
    assert chart["rows_total"] == 3
    assert [cells[0] for cells in chart["cells"]] == ["第1街道", "第2街道"]
    html = response.content.decode()
    assert "共 3 行" in html and "全部数据请下载 CSV 或 Excel" in html

    response = client.get(reverse("portal:stats-download", args=["street", "csv"]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    names = [row[0] for row in csv.reader(io.StringIO(body))][1:]
    assert {"第0街道", "第1街道", "第2街道"} <= set(names)


def test_a_district_breakdown_is_shown_whole(client):
    for index in range(3):
        SessionFactory(room=RoomFactory(community__street=StreetFactory(name=f"第{index}街道")))
    response = client.get(reverse("portal:stats"))
    chart = street_rows(response)
    assert chart["rows_shown"] == chart["rows_total"] >= 3
    assert "全部数据请下载" not in response.content.decode()
