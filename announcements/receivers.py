"""Listens to the session services (deliberations.signals): a moved session updates its calendar
entry and tells those signed up; a deleted one tells them it will not take place. The work is in
services.py; these only connect it."""

from django.dispatch import receiver

from deliberations.signals import session_deleting, session_rescheduled

from .services import announcement_reschedule, session_deleted_tell


@receiver(session_rescheduled, dispatch_uid="announcements.session_rescheduled")
def _session_rescheduled(sender, *, session, before, **kwargs):
    announcement_reschedule(session=session, before=before)


@receiver(session_deleting, dispatch_uid="announcements.session_deleting")
def _session_deleting(sender, *, session, **kwargs):
    session_deleted_tell(session=session)
