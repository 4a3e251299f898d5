"""The convener's side of taking part (公示与报名): announce a planned session, see, export and
message its sign-ups, call it off; publish a held session's result for comments, approve, reject
and answer the comments. Every page is scoped to the sessions of the user's rooms (404 otherwise)
and asks `announcements.permissions`; each action calls one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from announcements.models import Announcement, ResultNotice
from announcements.permissions import comments_moderated_by, sessions_announceable_by
from announcements.selectors import signup_rows, signups_of, workspace_sessions
from announcements.services import (
    announcement_cancel,
    announcement_save,
    comment_answer,
    comment_review,
    default_deadline,
    result_publish,
    signups_message,
)
from core.exports import Sheet, SheetTitle, xlsx_response
from rooms.permissions import rooms_managed_by
from workspace.announcement_forms import AnnouncementForm, AnswerForm, CancelForm, MessageForm, ResultForm

SIGNUP_HEADER = [_("姓名"), _("联系方式"), _("状态"), _("报名时间"), _("取消时间")]


def _session(request, pk):
    return get_object_or_404(sessions_announceable_by(request.user).select_related("room"), pk=pk)


def _errors_to(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, texts in error.message_dict.items():
            form.add_error(field if field in form.fields else None, texts)
    else:
        form.add_error(None, error.messages)


@login_required
def participation_list(request):
    """公示与报名: the user's rooms' sessions to announce or announced, and the held ones whose
    result may be published, with their counts (one query)."""
    sessions = list(workspace_sessions(rooms_managed_by(request.user))[:100])
    return render(request, "workspace/participation_list.html", {"sessions": sessions, "now": timezone.now()})


def _announcement_of(session):
    return Announcement.objects.filter(session=session).first()


@login_required
def announcement_edit(request, pk):
    """Announce a planned session or change its announcement; below it, the sign-ups."""
    session = _session(request, pk)
    announcement = _announcement_of(session)
    if request.method == "POST":
        form = AnnouncementForm(request.POST, instance=announcement)
        if form.is_valid():
            try:
                announcement_save(session=session, author=request.user, **form.cleaned_data)
            except ValidationError as error:
                _errors_to(form, error)
            else:
                messages.success(request, _("已公示议事活动“%(topic)s”。") % {"topic": session.topic})
                return redirect("workspace:announcement", pk=session.pk)
    else:
        initial = {} if announcement else {"signup_deadline": default_deadline(session)}
        form = AnnouncementForm(instance=announcement, initial=initial)
    return render(
        request,
        "workspace/announcement_form.html",
        {
            "session": session,
            "announcement": announcement,
            "form": form,
            "signups": list(signups_of(announcement)) if announcement else [],
            "message_form": MessageForm(),
            "cancel_form": CancelForm(),
        },
    )


@login_required
def signups_export(request, pk):
    """The sign-up list as Excel, for the convener (names and contacts: never in the file name)."""
    session = _session(request, pk)
    announcement = get_object_or_404(Announcement, session=session)
    filename = f"报名名单-议事活动{session.pk}-{timezone.localdate():%Y%m%d}.xlsx"
    title = SheetTitle(_("议事活动报名名单"), session.topic)
    return xlsx_response(
        filename, [Sheet(_("报名名单"), SIGNUP_HEADER, signup_rows(announcement), totals=())], title=title
    )


@login_required
@require_POST
def signups_message_view(request, pk):
    session = _session(request, pk)
    announcement = get_object_or_404(Announcement, session=session)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            count = signups_message(announcement=announcement, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("已向 %(count)d 位报名居民发送消息。") % {"count": count})
            return redirect("workspace:announcement", pk=session.pk)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(reverse("workspace:announcement", args=[session.pk]) + "#message")


@login_required
@require_POST
def announcement_cancel_view(request, pk):
    session = _session(request, pk)
    announcement = get_object_or_404(Announcement, session=session)
    form = CancelForm(request.POST)
    form.is_valid()
    try:
        announcement_cancel(announcement=announcement, author=request.user, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("已取消议事活动，并通知了已报名的居民。"))
    return redirect("workspace:announcement", pk=session.pk)


@login_required
def result_edit(request, pk):
    """结果公示: publish a held session's consensus for comments; then the comments to approve,
    reject and answer."""
    session = _session(request, pk)
    notice = ResultNotice.objects.filter(session=session).first()
    form = None
    if notice is None:
        if request.method == "POST":
            form = ResultForm(request.POST)
            if form.is_valid():
                try:
                    result_publish(session=session, author=request.user, **form.cleaned_data)
                except ValidationError as error:
                    _errors_to(form, error)
                else:
                    messages.success(request, _("已发布结果公示。"))
                    return redirect("workspace:result", pk=session.pk)
        else:
            form = ResultForm(initial={"text": session.consensus})
    comments = list(notice.comments.order_by("status", "created_at", "pk")) if notice else []
    return render(
        request,
        "workspace/result_form.html",
        {
            "session": session,
            "notice": notice,
            "form": form,
            "comments": comments,
            "answer_form": AnswerForm(),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def comment_moderate(request, pk):
    """Approve, reject (action=approve|reject) or answer (action=answer, with `answer`) a comment."""
    comment = get_object_or_404(comments_moderated_by(request.user).select_related("notice"), pk=pk)
    action = request.POST.get("action")
    try:
        if action in ("approve", "reject"):
            comment_review(comment=comment, reviewer=request.user, approve=action == "approve")
            text = _("已公开该意见。") if action == "approve" else _("已将该意见标记为不予公开。")
        elif action == "answer":
            comment_answer(comment=comment, author=request.user, answer=request.POST.get("answer", ""))
            text = _("已发布答复。")
        else:
            return HttpResponseBadRequest(_("未知的操作。"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, text)
    return redirect(reverse("workspace:result", args=[comment.notice.session_id]) + f"#comment-{comment.pk}")
