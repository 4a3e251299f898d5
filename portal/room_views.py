"""Public pages of the room directory: the list, the coverage view and each room's page."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.confirmations import confirm_at, confirmed_at
from core.filtersets import PAGE_SEARCH_PARAM, RecordByNameField
from core.listing import apply_filters, filters_active, paginate
from core.ratelimit import is_limited
from deliberations.models import Session, TopicSuggestion
from deliberations.services import suggestion_submit
from figures.selectors import (
    percent,
    public_issues,
    rooms_with_figures,
)
from portal.forms import SuggestionForm
from rooms.filters import RoomFilter, rooms_for_picker
from rooms.models import Room, Sector, Street
from rooms.pinyin import pinyin_key
from rooms.selectors import active_room_exists, active_room_pk, streets_with_coverage

ROOM_LIST_LIMIT = 10
ESCALATED_LIMIT = 50  # a street room takes over a few dozen a year at most


def _only_room_named(term):
    """The one active room a resident means by `term` (a room, community or street name, or part
    of one), or None when none or several match."""
    term = term.strip()
    if not term:
        return None
    matches = list(
        Room.objects.active()
        .filter(
            Q(name__icontains=term)
            | Q(community__name__icontains=term)
            | Q(level=Room.Level.STREET, street__name__icontains=term)
        )
        .values_list("pk", flat=True)[:2]
    )
    return matches[0] if len(matches) == 1 else None


# Past this many rooms (a city, a province) the search box suggests street names only, and past
# this many streets nothing: 20,000 suggestions would outweigh the page they sit on.
PLACE_NAMES_MAX_ROOMS = 400


def _place_names():
    """Room, community and street names for the search box's suggestions (<datalist>): one query
    for a district; for a bigger registry the street names (a second query), or none."""
    rows = list(
        Room.objects.active().values_list("name", "community__name", "street__name")[: PLACE_NAMES_MAX_ROOMS + 1]
    )
    if len(rows) > PLACE_NAMES_MAX_ROOMS:
        streets = list(Street.objects.values_list("name", flat=True)[: PLACE_NAMES_MAX_ROOMS + 1])
        return sorted(streets, key=pinyin_key) if len(streets) <= PLACE_NAMES_MAX_ROOMS else []
    names = {name for row in rows for name in row if name}
    return sorted(names, key=pinyin_key)


def room_list(request):
    """议事室: every active room with its figures, in directory order (street, then community, in
    pinyin order; rooms without a street last), filtered by level, street, sector and name. A search
    that names exactly one room (its name, its community or its street) goes straight to it."""
    only_search = set(request.GET) == {PAGE_SEARCH_PARAM}
    if only_search and (pk := _only_room_named(request.GET[PAGE_SEARCH_PARAM])):
        return redirect("rooms:detail", pk=pk)
    rooms = rooms_with_figures(Room.objects.active()).in_directory_order()
    filterset, rooms = apply_filters(RoomFilter, request, rooms)
    page = paginate(request, rooms)
    return render(
        request,
        "rooms/room_list.html",
        {
            "filter": filterset,
            "page": page,
            "filtered": filters_active(filterset),
            "place_names": _place_names(),
        },
    )


def room_coverage(request):
    """覆盖情况: each street with its communities, and each sector, marked covered or not."""
    streets = streets_with_coverage()
    for street in streets:  # communities in pinyin order, as in the directory
        street.community_list.sort(key=lambda community: pinyin_key(community.name))
    sectors = list(
        Sector.objects.annotate(
            covered=active_room_exists(Room.Level.SECTOR, "sector"),
            room_pk=active_room_pk(Room.Level.SECTOR, "sector"),
        )
    )
    return render(
        request,
        "rooms/room_coverage.html",
        {
            "streets": streets,
            "sectors": sectors,
            "streets_covered": sum(1 for street in streets if street.covered),
            "communities_total": sum(len(street.community_list) for street in streets),
            "communities_covered": sum(street.communities_covered for street in streets),
            "sectors_covered": sum(1 for sector in sectors if sector.covered),
        },
    )


def _room_context(request, room, form):
    now = timezone.now()
    held = Session.objects.held().filter(room=room).order_by("-starts_at", "-pk")
    return {
        "room": room,
        # Only the real name staff recorded: a username may be a phone number or an e-mail address.
        "conveners": [
            c.user.full_name
            for c in room.convenerships.select_related("user").order_by("pk")
            if c.user.full_name.strip()
        ],
        "upcoming": list(
            Session.objects.planned().filter(room=room, starts_at__gte=now).order_by("starts_at")[:ROOM_LIST_LIMIT]
        ),
        "past": list(held.with_person_times().select_related("room", "room__street")[:ROOM_LIST_LIMIT]),
        "issues": list(public_issues().filter(room=room).order_by("-reported_on", "-pk")[:ROOM_LIST_LIMIT]),
        # 提级到本室的问题: a street room takes over issues escalated from its communities.
        "escalated_issues": list(
            public_issues().filter(escalated_to=room).order_by("-reported_on", "-pk")[:ESCALATED_LIMIT]
        ),
        "accepted_suggestions": list(
            TopicSuggestion.objects.filter(room=room, status=TopicSuggestion.Status.ACCEPTED).only("topic", "room")[
                :ROOM_LIST_LIMIT
            ]
        ),
        "satisfaction_rate": percent(room.feedback_positive, room.feedback_total),
        "form": form,
        "confirmed_at": confirmed_at(request),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def room_detail(request, pk):
    """A room's page; a POST is a resident's topic suggestion (议题征集), kept unpublished until reviewed."""
    room = get_object_or_404(rooms_with_figures(Room.objects.active()), pk=pk)
    status = 200
    if request.method == "POST":
        form = SuggestionForm(request.POST)
        if is_limited(request, "suggestion"):
            form.is_valid()
            form.add_error(None, _("您提交得太频繁了，请过几分钟再试。您填写的内容仍保留在下面。"))
            status = 429
        elif form.is_valid():
            try:
                suggestion_submit(room=room, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                confirm_at(request, "suggest", _("感谢您的建议！议事室审核后会在本页公布采纳的议题。"))
                return redirect(room.get_absolute_url() + "#suggest")
    else:
        form = SuggestionForm()
    return render(request, "rooms/room_detail.html", _room_context(request, room, form), status=status)


def room_options(request):
    """The rooms of one street as JSON, for the room dropdown of the session and issue filters
    (static/js/room-picker.js): `{"rooms": [{"id": 1, "name": "…"}], "narrowed": false}`. The
    same list, in the same order, as the dropdown the page itself renders for that street."""
    # The street's id, or (where the page has a box to type the street in) its name.
    street = RecordByNameField(Street.objects.all()).resolve(request.GET.get("street"))
    options, narrowed = rooms_for_picker(street_id=street.pk if street else None)
    return JsonResponse({"rooms": [{"id": room.pk, "name": room.name} for room in options], "narrowed": narrowed})
