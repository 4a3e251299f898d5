"""Who may open the back office, and over what.

District staff (区政协机关) see the whole district, or one street when they ask for it
(`?street=<id>`). Street staff (街道政协工委) see their own street on the dashboard and the monthly
report; asking for another street is a 404. Everyone else gets the staff-only answer (403).
"""

from django.http import Http404

from rooms.models import Street
from rooms.permissions import is_staff, street_of

DISTRICT = None  # the scope of the whole district


class NotAllowed(Exception):
    """The user may not open the back office at all."""


def overseen_scope(user, street_id=None):
    """The scope `user` works in: None for the district, a `Street` for one street.

    `street_id` is what the page asked for (`?street=`): district staff may look at any street,
    street staff at their own only (another street, or a malformed id, answers 404).
    Raises `NotAllowed` for users who are neither. No query for district staff asking for the
    district; one for a street."""
    requested = _street_pk(street_id)
    if is_staff(user):
        if requested is None:
            return DISTRICT
        street = Street.objects.filter(pk=requested).first()
        if street is None:
            raise Http404
        return street
    street = street_of(user)
    if street is None:
        raise NotAllowed
    if requested is not None and requested != street.pk:
        raise Http404
    return street


def _street_pk(value):
    if value in (None, ""):
        return None
    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if pk < 1:
        raise Http404
    return pk
