"""Public pages of the 议事月 campaigns: the board of every campaign and each campaign's result."""

from django.shortcuts import get_object_or_404, render

from core.listing import paginate
from deliberations.models import Campaign
from figures.selectors import campaign_figures, campaign_outcomes, campaign_topics, campaigns_with_figures

OUTCOMES_SHOWN = 20


def campaign_list(request):
    """议事月: every campaign, running and past, the newest first, each with its own figures."""
    page = paginate(request, campaigns_with_figures().order_by("-starts_on", "-pk"))
    return render(request, "deliberations/campaign_list.html", {"page": page})


def campaign_detail(request, pk):
    """A campaign: targets and progress in total and per street, the topics and sessions it held,
    the outcomes drawn from them and the closing summary."""
    campaign = get_object_or_404(Campaign.objects.prefetch_related("street_targets"), pk=pk)
    figures = campaign_figures(campaign)
    outcomes = campaign_outcomes(campaign).order_by("-submitted_on", "-pk")
    return render(
        request,
        "deliberations/campaign_detail.html",
        {
            "campaign": campaign,
            "figures": figures,
            "progress": figures.progress(),
            "page": paginate(request, campaign_topics(campaign)),
            "outcomes": list(outcomes[:OUTCOMES_SHOWN]),
            "running": campaign.is_running(),
        },
    )
