from django.shortcuts import get_object_or_404, render

from .selectors import rooms_with_figures


def room_detail(request, pk):
    room = get_object_or_404(rooms_with_figures(), pk=pk, is_active=True)
    return render(request, "rooms/room_detail.html", {"room": room})
