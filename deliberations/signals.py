"""Signals the session services send, for the apps above this one that keep something about a
session (the announcements app keeps its calendar entry and its sign-ups).

Why signals: the layers (pyproject.toml) put those apps above `deliberations`, so the services here
cannot import them; a signal lets them listen without this app knowing who listens. They are sent
inside the service's transaction, so what a receiver writes (a calendar SEQUENCE, the messages it
queues to those signed up) commits or rolls back with the change itself, and the messages go out
only once it has committed (notifications queue their deliveries with `transaction.on_commit`).
Receivers do the domain work in their own services; the signal only says what happened.
"""

from django.dispatch import Signal

# A session's time or place changed. Arguments: session (saved), before (dict of the old
# starts_at, ends_at and place), author.
session_rescheduled = Signal()

# A session is about to be deleted (its rows are still there). Arguments: session, author.
session_deleting = Signal()
