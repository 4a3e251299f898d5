"""Every public URL for a world of data, for the scans and the query-count pins."""

from django.urls import reverse

from deliberations.models import Session
from issues.models import Issue
from portal.breakdowns import BREAKDOWNS
from rooms.models import Room, Street


def public_urls():
    room = Room.objects.filter(is_active=True).order_by("pk").first()
    street = Street.objects.order_by("pk").first()
    session = Session.objects.order_by("pk").first()
    issue = Issue.objects.filter(is_public=True, status="resolved").order_by("pk").first()
    return {
        "home": reverse("portal:home"),
        "rooms": reverse("rooms:list"),
        "rooms_by_street": reverse("rooms:list") + f"?street={street.pk}&ordering=-person_times",
        "coverage": reverse("rooms:coverage"),
        "room": room.get_absolute_url(),
        "sessions": reverse("deliberations:list"),
        "sessions_filtered": reverse("deliberations:list") + "?month=2020-06&kind=regular",
        "session": session.get_absolute_url(),
        "issues": reverse("issues:list"),
        "issues_search": reverse("issues:list") + "?q=停车&status=resolved",
        "issue": issue.get_absolute_url(),
        "stats": reverse("portal:stats"),
        "campaigns": reverse("campaigns:list"),
        "cases": reverse("cases:list"),
        "search": reverse("portal:search") + "?q=停车",
        "feed": reverse("portal:feed-resolved"),
        "room_feed": reverse("portal:feed-room", args=[room.pk]),
        **{
            f"download_{slug}_{fmt}": reverse("portal:stats-download", args=[slug, fmt])
            for slug in BREAKDOWNS
            for fmt in ("csv",)
        },
    }


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()
