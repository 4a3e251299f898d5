"""The convener workspace (我的议事室): my rooms, log/edit/delete a session, review suggestions.

Thin views: scope the object to what the user may act on (404 otherwise), ask the permission
module, call one service, render. Anonymous users are sent to the login page.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from checkins.selectors import checkin_suggestion
from core.confirmations import confirm_at, confirmed_at
from core.models import PortalSettings
from deliberations.models import Session
from deliberations.permissions import (
    EditWindowClosed,
    SessionNotYours,
    can_log_session,
    check_can_edit_session,
    edit_window_open,
    sessions_editable_by,
    suggestions_reviewable_by,
)
from deliberations.services import (
    NewPhoto,
    SessionChangedError,
    session_delete,
    session_for_client_token,
    session_log,
    session_update,
    suggestion_review,
)
from issues.models import Issue
from rooms.models import Room
from rooms.permissions import is_staff, rooms_managed_by
from workspace import photo_stash
from workspace.selectors import workspace_rooms
from workspace.session_forms import AttendanceForm, NewIssueFormSet, PhotoFormSet, SessionForm

CLEAR_DRAFT_KEY = "workspace_clear_draft"


def _room_from_param(request, value):
    """The room named by a posted/queried id. Unknown ids return None (the caller shows a
    Chinese error); a room the user may not act for answers 404."""
    if value in (None, ""):
        return None
    try:
        room_id = int(value)
    except (TypeError, ValueError):
        return None
    room = Room.objects.filter(pk=room_id).first()
    if room is None:
        return None
    if not can_log_session(request.user, room):
        raise Http404(_("找不到该议事室。"))
    return room


@login_required
def my_rooms(request):
    """我的议事室: the rooms the user convenes, every room of their street for street staff
    (街道政协工委); staff may open any room with ?room=."""
    room_param = request.GET.get("room")
    if room_param:
        try:
            rooms = rooms_managed_by(request.user).filter(pk=int(room_param))
        except ValueError as error:
            raise Http404(_("找不到该议事室。")) from error
        if not rooms.exists():
            raise Http404(_("找不到该议事室。"))
    elif is_staff(request.user):
        rooms = Room.objects.filter(convenerships__user=request.user)  # staff open others with ?room=
    else:
        rooms = rooms_managed_by(request.user)  # the rooms convened, and street staff's street
    window_days = PortalSettings.load().session_edit_window_days
    user_is_staff = is_staff(request.user)
    rooms = workspace_rooms(rooms)
    for room in rooms:
        room.anchor = f"room-{room.pk}"  # where a saved session's confirmation is shown
        for session in room.recent_sessions:
            # The same rule as can_edit_session, with the setting read once for the page.
            session.can_change = user_is_staff or edit_window_open(session, window_days=window_days)
    context = {
        "rooms": rooms,
        "single_room": bool(room_param),
        "user_is_staff": user_is_staff,
        "clear_draft": request.session.pop(CLEAR_DRAFT_KEY, ""),
        "edit_window_days": window_days,
        "confirmed_at": confirmed_at(request),
    }
    if context["user_is_staff"]:
        context["all_rooms"] = Room.objects.active().only("pk", "name").order_by("name")
    return render(request, "workspace/my_rooms.html", context)


def _apply_service_errors(error: ValidationError, forms):
    """Put the service's errors next to the matching field of the first form that has it."""
    session_form = forms[0]
    if not hasattr(error, "error_dict"):
        session_form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        target = next((form for form in forms if field in form.fields), None)
        if target is None:
            session_form.add_error(None, messages_)
        else:
            target.add_error(field, messages_)


def _check_deliberated_ids(request, room):
    """A posted issue id that exists but belongs to another room is a tampered post: 404."""
    ids = [value for value in request.POST.getlist("deliberated_issues") if str(value).isdigit()]
    if ids and Issue.objects.filter(pk__in=ids).exclude(room=room).exists():
        raise Http404(_("找不到该问题。"))


def _saved_redirect(request, *, room, saved, draft_key):
    request.session[CLEAR_DRAFT_KEY] = draft_key
    # Shown inside the room's section, where the redirect lands, with the way to the public page.
    text = format_html(
        '{} <a href="{}">{}</a>',
        _("已保存议事活动“%(topic)s”。") % {"topic": saved.topic},
        saved.get_absolute_url(),
        _("查看公开页面"),
    )
    confirm_at(request, f"room-{room.pk}", text)
    return redirect(f"{reverse('workspace:home')}?room={room.pk}#room-{room.pk}")


def _already_logged(request, room):
    """The session this new-session form already logged (its one-time token was used), if any."""
    try:
        return session_for_client_token(client_token=_posted_token(request), author=request.user)
    except ValidationError:
        return None  # someone else's token: the form shows the service's error on save


def _posted_token(request):
    try:
        return uuid.UUID(request.POST.get("client_token") or "")
    except ValueError:
        return None


def _upload_token(request):
    """The form's photo upload token: the posted one, or a new one for a fresh form."""
    try:
        return uuid.UUID(request.POST.get("photo_upload_token") or "")
    except ValueError:
        return uuid.uuid4()


def _uploaded_photos(request, token):
    """The photos kept from an earlier failed submit of this form, with the texts as posted now
    (the convener may have fixed them), minus the ones ticked for removal."""
    removed = set(request.POST.getlist("remove_uploaded"))
    kept = []
    for photo in photo_stash.load(request.user, token):
        if photo.name in removed:
            continue
        photo.alt_text = request.POST.get(f"uploaded-{photo.name}-alt_text", photo.alt_text).strip()[:200]
        photo.caption = request.POST.get(f"uploaded-{photo.name}-caption", photo.caption).strip()[:200]
        kept.append(photo)
    return kept


def _uploaded_errors(uploaded):
    return {photo.name: _("请为照片填写替代文字。") for photo in uploaded if not photo.alt_text}


def _keep_photos(request, token, uploaded, photos):
    """After a failed submit: keep every photo that passed `photo_for_display` (its row may have
    failed only for its alt text), so nothing has to be picked again. Returns the kept photos,
    the errors of files that could not be kept, and a fresh photo formset."""
    new, file_errors = [], []
    for photo_form in photos.forms:
        cleaned = getattr(photo_form, "cleaned_data", {}) or {}
        if cleaned.get("image"):
            alt_text = (photo_form.data.get(photo_form.add_prefix("alt_text")) or "").strip()[:200]
            caption = (photo_form.data.get(photo_form.add_prefix("caption")) or "").strip()[:200]
            new.append((cleaned["image"], alt_text, caption))
        else:
            file_errors.extend(photo_form.errors.get("image", []))
    kept = photo_stash.save(request.user, token, kept=uploaded, new=new) if (new or uploaded) else []
    return kept, file_errors, PhotoFormSet(prefix="photos")


@login_required
def uploaded_photo(request, token, name):
    """A thumbnail of a photo kept from a failed submit, served only to the user who uploaded it."""
    path = photo_stash.file_for(request.user, token, name)
    if path is None:
        raise Http404(_("找不到这张照片。"))
    response = FileResponse(path.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response


def _session_form_page(request, *, room, session=None):
    draft_key = f"session-draft:edit:{session.pk}" if session else f"session-draft:new:{room.pk}"
    kept_photos = list(session.photos.all()) if session else []
    conflict_changes = None
    status = 200
    upload_token = _upload_token(request) if request.method == "POST" else uuid.uuid4()
    uploaded, uploaded_errors, photo_file_errors = [], {}, []
    if request.method == "POST" and session is None:
        # A second submit of the same form (double tap, retry after a timeout): the session was
        # saved by the first one, so say so instead of logging it twice or reporting a failure.
        logged = _already_logged(request, room)
        if logged is not None and logged.room_id == room.pk:
            return _saved_redirect(request, room=room, saved=logged, draft_key=draft_key)
    if request.method == "POST":
        _check_deliberated_ids(request, room)
        form = SessionForm(request.POST, room=room, instance=session)
        attendance = AttendanceForm(request.POST, prefix="att", session=session)
        new_issues = NewIssueFormSet(request.POST, prefix="issues")
        photos = PhotoFormSet(request.POST, request.FILES, prefix="photos")
        remove_ids = {int(value) for value in request.POST.getlist("remove_photos") if str(value).isdigit()}
        remove_photos = [photo for photo in kept_photos if photo.pk in remove_ids]
        uploaded = _uploaded_photos(request, upload_token)
        uploaded_errors = _uploaded_errors(uploaded)
        forms_ = [form, attendance, *new_issues.forms, *photos.forms]
        valid = [form.is_valid(), attendance.is_valid(), new_issues.is_valid(), photos.is_valid()]
        valid.append(form.check_member_headcount(attendance))
        if all(valid) and not uploaded_errors:
            data = form.session_data(attendance.attendance())
            all_photos = [
                NewPhoto(file=photo.prepared(), alt_text=photo.alt_text, caption=photo.caption) for photo in uploaded
            ] + photos.photos()
            try:
                if session is None:
                    saved = session_log(
                        room=room,
                        author=request.user,
                        data=data,
                        new_issues=new_issues.issues(),
                        deliberated_issues=list(form.cleaned_data["deliberated_issues"]),
                        photos=all_photos,
                        client_token=form.cleaned_data.get("client_token"),
                    )
                else:
                    saved = session_update(
                        session=session,
                        author=request.user,
                        data=data,
                        new_issues=new_issues.issues(),
                        deliberated_issues=list(form.cleaned_data["deliberated_issues"]),
                        photos=all_photos,
                        remove_photos=remove_photos,
                        expected_version=form.cleaned_data["version"],
                    )
            except SessionChangedError as error:
                # Someone else saved in between: keep everything typed, show what changed, and
                # carry the current version so that the next submit (after checking) saves.
                session = Session.objects.select_related("room").get(pk=session.pk)
                kept_photos = list(session.photos.all())
                data = request.POST.copy()
                data["version"] = session.version
                form = SessionForm(data, room=room, instance=session)
                form.is_valid()
                form.add_error(None, error.messages)
                conflict_changes = error.changes
                status = 409
            except ValidationError as error:
                _apply_service_errors(error, forms_)
            else:
                photo_stash.discard(request.user, upload_token)
                return _saved_redirect(request, room=room, saved=saved, draft_key=draft_key)
        uploaded, photo_file_errors, photos = _keep_photos(request, upload_token, uploaded, photos)
        uploaded_errors = _uploaded_errors(uploaded)
        files_lost = bool(photo_file_errors)
    else:
        form = SessionForm(room=room, instance=session)
        attendance = AttendanceForm(prefix="att", session=session)
        new_issues = NewIssueFormSet(prefix="issues")
        photos = PhotoFormSet(prefix="photos")
        files_lost = False
        remove_ids = set()
    context = {
        "room": room,
        "session": session,
        "form": form,
        "attendance": attendance,
        "new_issues": new_issues,
        "photos": photos,
        "kept_photos": kept_photos,
        "remove_ids": remove_ids,
        "files_lost": files_lost,
        "draft_key": draft_key,
        "conflict_changes": conflict_changes,
        "upload_token": upload_token,
        "uploaded": [(photo, uploaded_errors.get(photo.name)) for photo in uploaded],
        "uploaded_errors": uploaded_errors,
        "photo_file_errors": photo_file_errors,
        # Check-ins by QR code, offered next to the headcounts (never filled in by themselves).
        "checkin_suggestion": checkin_suggestion(session=session),
    }
    return render(request, "workspace/session_form.html", context, status=status)


@login_required
def session_create(request):
    """记录议事活动 for the room given by ?room= (GET) or the posted `room`."""
    value = request.POST.get("room") if request.method == "POST" else request.GET.get("room")
    room = _room_from_param(request, value)
    if room is None:
        rooms = list(Room.objects.filter(convenerships__user=request.user).order_by("name"))
        if value in (None, "") and len(rooms) == 1:
            return redirect(f"{reverse('workspace:session_new')}?room={rooms[0].pk}")
        error = _("找不到编号为“%(id)s”的议事室，请从下面选择。") % {"id": value} if value not in (None, "") else ""
        return render(
            request, "workspace/room_choice.html", {"rooms": rooms, "error": error}, status=400 if error else 200
        )
    return _session_form_page(request, room=room)


def forbidden(request, message):
    """403 with the reason in Chinese (used where the object is the user's but the action is not allowed)."""
    return render(request, "workspace/forbidden.html", {"message": message}, status=403)


def _editable_session(request, pk):
    """The session if the user may change or delete it. `check_can_edit_session` decides, as it
    does for the API: 404 outside the user's rooms, 403 with the reason after the edit window."""
    session = get_object_or_404(sessions_editable_by(request.user).select_related("room"), pk=pk)
    try:
        check_can_edit_session(request.user, session)
    except SessionNotYours as error:
        raise Http404(str(error)) from error
    return session


@login_required
def session_edit(request, pk):
    try:
        session = _editable_session(request, pk)
    except EditWindowClosed as error:
        return forbidden(request, str(error))
    return _session_form_page(request, room=session.room, session=session)


@login_required
def session_delete_view(request, pk):
    """Confirm, then delete. The issues raised in the session stay, with a note on record."""
    try:
        session = _editable_session(request, pk)
    except EditWindowClosed as error:
        return forbidden(request, str(error))
    if request.method == "POST":
        room_pk = session.room_id
        session_delete(session=session, author=request.user)
        messages.success(request, _("已删除议事活动“%(topic)s”，其中提出的问题已保留。") % {"topic": session.topic})
        return redirect(f"{reverse('workspace:home')}?room={room_pk}")
    issues_raised = list(session.issues_raised.order_by("pk"))
    return render(
        request, "workspace/session_confirm_delete.html", {"session": session, "issues_raised": issues_raised}
    )


@login_required
@require_POST
def suggestion_review_view(request, pk):
    """Accept or decline a resident's topic suggestion (POST action=accept|decline)."""
    suggestion = get_object_or_404(suggestions_reviewable_by(request.user).select_related("room"), pk=pk)
    action = request.POST.get("action")
    if action not in ("accept", "decline"):
        return HttpResponseBadRequest(_("未知的操作。"))
    try:
        with transaction.atomic():
            suggestion_review(suggestion=suggestion, reviewer=request.user, accept=action == "accept")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if action == "accept":
            messages.success(request, _("已采纳议题建议“%(topic)s”。") % {"topic": suggestion.topic})
        else:
            messages.success(request, _("已将议题建议“%(topic)s”标记为未采纳。") % {"topic": suggestion.topic})
    return redirect(f"{reverse('workspace:home')}?room={suggestion.room_id}#room-{suggestion.room_id}")
