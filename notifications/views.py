"""The inbox at /inbox/: every logged-in user's messages, newest first."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.listing import paginate

from .models import Notification
from .services import notification_mark_read


@login_required
def inbox(request):
    page = paginate(request, Notification.objects.for_user(request.user))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
def notification_open(request, pk):
    """Mark one message read and go to what it is about. Another user's message answers 404."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    notification_mark_read(user=request.user, notification_ids=[notification.pk])
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:inbox")


@login_required
@require_POST
def inbox_mark_read(request):
    notification_mark_read(user=request.user)
    return redirect("notifications:inbox")
