"""Confirmations shown where the eye is: after a form is sent, the redirect lands on the form's
anchor (a resident's #feedback, #follow, #suggest; a convener's #room-<id> after saving a session;
staff's #overdue after a 催办), so the success message is tagged with that anchor ("at-<anchor>")
and the page shows it inside that section instead of at the top of the page 1,500 px above the
screen."""

from django.contrib import messages


def confirm_at(request, anchor, text):
    """Queue the success message `text` for the section `anchor`."""
    messages.success(request, text, extra_tags=f"at-{anchor}")


def confirmed_at(request):
    """The anchor whose confirmation this request shows, or "" (iterating keeps the messages for the
    template in the same request). Only a GET shows one: a form sent again is shown with its errors."""
    if request.method not in ("GET", "HEAD"):
        return ""
    for message in messages.get_messages(request):
        if message.extra_tags.startswith("at-"):
            return message.extra_tags[3:]
    return ""
