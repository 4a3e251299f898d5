"""The monthly report's figures equal the statistics selectors."""

import datetime

import pytest
from django.urls import reverse

from backoffice.selectors import (
    month_breakdown_by_street,
    month_figures,
    month_outcomes,
    month_resolved_issues,
    month_top_categories,
)
from figures.selectors import breakdown_by_month, breakdown_by_street
from issues.models import Issue, Outcome


def figure(html, name):
    """The text of the element marked data-figure="name", digits only."""
    marker = f'data-figure="{name}">'
    start = html.index(marker) + len(marker)
    return html[start : html.index("<", start)].replace(",", "").strip()


@pytest.mark.django_db
def test_report_figures_equal_the_statistics_selectors(staff_client, demo):
    year, month = 2020, 7
    html = staff_client.get(reverse("staff:report", args=[year, month])).content.decode()
    figures = month_figures(year, month)

    # The month's sessions and person-times are the public statistics' row for that month.
    statistics_row = next(row for row in breakdown_by_month(year) if row["key"] == datetime.date(year, month, 1))
    assert figures.sessions_held == statistics_row["sessions_held"] > 0
    assert figures.person_times == statistics_row["person_times"] > 0
    for name in ("sessions_held", "person_times", "issues_reported", "issues_resolved", "outcomes_submitted"):
        assert int(figure(html, name)) == getattr(figures, name), name

    # Independent counts of the month's public issues and outcomes.
    july = {"gte": datetime.date(2020, 7, 1), "lt": datetime.date(2020, 8, 1)}
    assert (
        figures.issues_resolved
        == Issue.objects.filter(
            is_public=True, status="resolved", resolved_on__gte=july["gte"], resolved_on__lt=july["lt"]
        ).count()
    )
    assert (
        figures.outcomes_submitted
        == Outcome.objects.filter(submitted_on__gte=july["gte"], submitted_on__lt=july["lt"]).count()
    )

    # The street rows add up to the month's totals, and list the same streets as the statistics page.
    streets = month_breakdown_by_street(year, month)
    assert [row["key"] for row in streets] == [row["key"] for row in breakdown_by_street()]
    assert sum(row["sessions_held"] for row in streets) == figures.sessions_held
    assert sum(row["person_times"] for row in streets) == figures.person_times
    assert sum(row["issues_resolved"] for row in streets) == figures.issues_resolved
    for row in streets:
        assert f'data-street="{row["key"] if row["key"] is not None else "none"}"' in html

    # Top categories, notable resolved issues and outcomes on the page are the selectors'.
    for row in month_top_categories(year, month):
        assert f'data-category="{row["key"]}"' in html
    resolved = month_resolved_issues(year, month)
    assert resolved and all(issue.is_public for issue in resolved)
    for issue in resolved:
        assert f'data-issue="{issue.pk}"' in html
    for outcome in month_outcomes(year, month):
        assert f'data-outcome="{outcome.pk}"' in html

    # The cumulative sentences are cumulative_figures() as of the report's month end.
    from backoffice.selectors import cumulative_figures, month_end

    totals = cumulative_figures(month_end(year, month))
    assert f"全区建成协商议事室 {totals.rooms_active} 个" in html
    assert f"推动解决民生问题 {totals.issues_resolved} 个" in html
    assert (
        f"累计报送建议、提案和社情民意信息 {totals.outcomes_submitted} 件，已采纳 {totals.outcomes_adopted} 件" in html
    )


@pytest.mark.django_db
def test_report_hides_unpublished_issues(staff_client, room):
    from tests.factories import ResolvedIssueFactory

    ResolvedIssueFactory(room=room, title="公开的问题", resolved_on=datetime.date(2020, 7, 3))
    ResolvedIssueFactory(room=room, title="内部问题", is_public=False, resolved_on=datetime.date(2020, 7, 3))
    html = staff_client.get(reverse("staff:report", args=[2020, 7])).content.decode()
    assert "公开的问题" in html and "内部问题" not in html
    assert int(figure(html, "issues_resolved")) == 1


@pytest.mark.django_db
def test_report_is_printable_and_navigates_by_month(staff_client, room):
    html = staff_client.get(reverse("staff:report", args=[2020, 1])).content.decode()
    assert "2020年1月“有事好商量”协商议事工作月度报告" in html
    assert reverse("staff:report", args=[2019, 12]) in html and reverse("staff:report", args=[2020, 2]) in html
    assert 'data-action="print"' in html and 'class="no-print' in html
    css = open("static/css/site.css", encoding="utf-8").read()
    assert "@page" in css and ".report-actions" in css


@pytest.mark.django_db
def test_report_of_an_impossible_month_is_404(staff_client):
    assert staff_client.get("/staff/report/2020-13/").status_code == 404
    assert staff_client.get("/staff/report/1800-01/").status_code == 404


@pytest.mark.django_db
def test_the_month_picker_opens_the_chosen_month(staff_client):
    response = staff_client.get(reverse("staff:report-current"), {"month": "2020-07"})
    assert response["Location"] == reverse("staff:report", args=[2020, 7])
    response = staff_client.get(reverse("staff:report-current"), {"month": "七月"}, follow=True)
    assert "月份格式应为 2020-07" in response.content.decode()
