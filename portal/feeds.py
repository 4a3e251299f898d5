"""Atom feeds of newly resolved issues: the whole district, and one room's.

Published issues only; an item names the issue, its room, its resolution and the department
that handled it (its name only), never a person.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from figures.selectors import public_issues
from rooms.models import Room

FEED_ITEMS = 30


def resolved_issues():
    return public_issues().resolved().select_related("department").order_by("-resolved_on", "-pk")


class ResolvedIssuesFeed(Feed):
    feed_type = Atom1Feed
    title = _("崇川区协商议事室 · 最新解决的民生问题")
    subtitle = _("“有事好商量”协商议事室推动解决的民生问题,按解决日期排列。")

    def link(self):
        return reverse("issues:list") + "?status=resolved"

    def items(self):
        return resolved_issues()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        text = f"{item.room.name} · {item.category.name}:{item.resolution}"
        if item.department_id:  # the department's name only: never a liaison
            text += _("(承办单位:%(department)s)") % {"department": item.department.name}
        return text

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.resolved_on, datetime.time(12)))

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.name]


class RoomResolvedIssuesFeed(ResolvedIssuesFeed):
    def get_object(self, request, pk):
        return get_object_or_404(Room.objects.active(), pk=pk)

    def title(self, obj):
        return _("%(room)s · 最新解决的民生问题") % {"room": obj.name}

    def subtitle(self, obj):
        return _("%(room)s推动解决的民生问题。") % {"room": obj.name}

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return resolved_issues().filter(room=obj)[:FEED_ITEMS]
