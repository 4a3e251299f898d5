from django.shortcuts import render

from .selectors import (
    campaign_progress,
    district_totals,
    latest_resolved_issues,
    running_campaign,
    upcoming_sessions,
)


def home(request):
    """首页: the district's headline figures, the latest resolved issues and the next sessions."""
    campaign = running_campaign()
    return render(
        request,
        "portal/home.html",
        {
            "totals": district_totals(),
            "latest_resolved": latest_resolved_issues(6),
            "upcoming": upcoming_sessions(5),
            "campaign": campaign,
            "campaign_progress": campaign_progress(campaign) if campaign else None,
        },
    )
