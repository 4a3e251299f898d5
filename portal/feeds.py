"""Atom feeds of newly resolved issues: the whole district, and one room's.

Published issues only; an item names the issue, its room, its resolution and the department
that handled it (its name only), never a person. The summary is plain text (Atom type="text":
a feed reader shows it as typed, never as markup); each entry's author is its room, the feed's
is 崇川区政协; each entry's `updated` is when it was recorded as resolved (or last changed).
"""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from figures.selectors import public_issues
from issues.models import Issue, IssueUpdate
from rooms.models import Room

FEED_ITEMS = 30


def resolved_issues():
    resolution = IssueUpdate.objects.filter(issue=OuterRef("pk"), status_to=Issue.Status.RESOLVED)
    return (
        public_issues()
        .resolved()
        .select_related("department")
        .annotate(resolution_recorded_at=Subquery(resolution.order_by("-created_at").values("created_at")[:1]))
        .order_by("-resolved_on", "-pk")
    )


class PlainTextAtomFeed(Atom1Feed):
    """Atom with the entry summary as type="text" (Django writes type="html")."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class ResolvedIssuesFeed(Feed):
    feed_type = PlainTextAtomFeed
    title = _("崇川区协商议事室 · 最新解决的民生问题")
    subtitle = _("“有事好商量”协商议事室推动解决的民生问题，按解决日期排列。")

    def link(self):
        return reverse("issues:list") + "?status=resolved"

    def items(self):
        return resolved_issues()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def author_name(self):
        return str(settings.PORTAL_OWNER)

    def item_author_name(self, item):
        return item.room.name  # the room speaks for its entries, never a person

    def item_description(self, item):
        text = f"{item.room.name} · {item.category.name}：{item.resolution}"
        if item.department_id:  # the department's name only: never a liaison
            text += _("（承办单位：%(department)s）") % {"department": item.department.name}
        return strip_tags(text)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.resolved_on, datetime.time(12)))

    def item_updateddate(self, item):
        """When the resolution was recorded, else when the issue last changed; never before
        its publication date."""
        updated = item.resolution_recorded_at or item.updated_at
        return max(updated, self.item_pubdate(item))

    def item_categories(self, item):
        return [item.category.name]


class RoomResolvedIssuesFeed(ResolvedIssuesFeed):
    def get_object(self, request, pk):
        return get_object_or_404(Room.objects.active(), pk=pk)

    def title(self, obj):
        return _("%(room)s · 最新解决的民生问题") % {"room": obj.name}

    def author_name(self, obj):
        return obj.name

    def subtitle(self, obj):
        return _("%(room)s推动解决的民生问题。") % {"room": obj.name}

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return resolved_issues().filter(room=obj)[:FEED_ITEMS]
