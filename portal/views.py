"""Cross-app public pages: home, statistics (with downloads) and site search."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import Sheet, SheetTitle, csv_response, xlsx_response
from figures.selectors import (
    campaign_progress,
    district_totals,
    featured_cases,
    latest_resolved_issues,
    outcome_summary,
    running_campaign,
    satisfaction_summary,
    site_search,
    upcoming_sessions,
)
from portal.breakdowns import (
    BREAKDOWNS,
    CHART_ROW_HEIGHT,
    CHART_WIDTH,
    COLUMN_CHART_HEIGHT,
    chart_bars,
    chart_columns,
    rows_for_page,
)
from rooms.models import Room


def ten_day_period(day):
    """The part of its month `day` falls in, as Chinese reports date figures: 上旬 (days 1–10),
    中旬 (11–20) or 下旬 (21 to the end)."""
    if day.day <= 10:
        return _("上旬")
    if day.day <= 20:
        return _("中旬")
    return _("下旬")


def home(request):
    """首页: the district's headline figures, the latest resolved issues and the next sessions.

    The figures are the live ones (截至今日) and, when `FIGURES_REPORTED_AS_OF` names a day, the
    same figures as of that day, from the same selector with a date bound."""
    campaign = running_campaign()
    reported_on = settings.FIGURES_REPORTED_AS_OF
    return render(
        request,
        "portal/home.html",
        {
            "totals": district_totals(),
            "today": timezone.localdate(),
            "reported_totals": district_totals(as_of=reported_on) if reported_on else None,
            "reported_period": ten_day_period(reported_on) if reported_on else "",
            "latest_resolved": latest_resolved_issues(6),
            "upcoming": upcoming_sessions(5),
            "campaign": campaign,
            "campaign_progress": campaign_progress(campaign) if campaign else None,
            "featured_cases": featured_cases(3),
        },
    )


def stats(request):
    """数据统计: the district totals and every breakdown as an SVG chart with its table.

    Every figure comes from a cached selector (core.cache), so a repeat visit
    reads nothing from the database until a write changes the data.
    """
    charts = []
    for breakdown in BREAKDOWNS.values():
        all_rows = breakdown.rows()
        rows = rows_for_page(breakdown, all_rows)
        bars = chart_bars(rows, breakdown.chart_key)
        charts.append(
            {
                "breakdown": breakdown,
                "rows_total": len(all_rows),
                "rows_shown": len(rows),
                "cells": breakdown.table(rows),
                "bars": bars,
                "width": CHART_WIDTH,
                "height": max(1, len(bars)) * CHART_ROW_HEIGHT + 8,
                # The monthly trend is drawn as columns over time, not as a bar per month.
                "columns": chart_columns(rows, breakdown.chart_key) if breakdown.slug == "month" else None,
                "column_height": COLUMN_CHART_HEIGHT,
            }
        )
    return render(
        request,
        "portal/stats.html",
        {
            "totals": district_totals(),
            "satisfaction": satisfaction_summary(),
            "outcomes": outcome_summary(),
            "charts": charts,
        },
    )


def stats_download(request, slug, fmt):
    """One breakdown as CSV or Excel: the same rows, from the same selector, as the page."""
    breakdown = BREAKDOWNS.get(slug)
    if breakdown is None or fmt not in ("csv", "xlsx"):
        raise Http404
    stamp = timezone.localdate().strftime("%Y%m%d")
    filename = f"崇川区协商议事室-{breakdown.title}-{stamp}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, breakdown.header(), breakdown.table())
    sheet = Sheet(str(breakdown.title), breakdown.header(), breakdown.table(), totals=breakdown.totals())
    return xlsx_response(filename, [sheet], title=SheetTitle(_("崇川区协商议事室统计"), _("全区公开数据")))


def search(request):
    """站内搜索: rooms, sessions and published issues that match the query."""
    query = request.GET.get("q", "")[:100]
    return render(request, "portal/search.html", {"query": query.strip(), "results": site_search(query)})


def feed_about(request, pk=None):
    """订阅: what a feed is and how to follow it, in plain words, with its address to copy; the
    district's feed of resolved issues, or (with `pk`) one room's. The XML stays at its own address."""
    room = get_object_or_404(Room.objects.active().only("pk", "name"), pk=pk) if pk is not None else None
    feed_path = reverse("portal:feed-room", args=[room.pk]) if room else reverse("portal:feed-resolved")
    return render(
        request,
        "portal/feed_about.html",
        {"room": room, "feed_url": request.build_absolute_uri(feed_path), "feed_path": feed_path},
    )
