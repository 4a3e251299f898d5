"""Public pages of the CPPCC members (政协委员): the list by sector, searchable by name and
pinyin initials, and each member's 履职档案. Only a member's public duties are shown: name,
sector, note and what they took part in; never a phone, user name or contact."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.listing import apply_filters, filters_active, paginate
from issues.models import Outcome
from members.filters import MemberFilter
from members.selectors import member_record, public_member, public_members

RECORD_LIMIT = 100  # rows per list on a profile; the counts above them stay complete


def member_list(request):
    """政协委员: the members by sector, with how many sessions, issues and outcomes each has."""
    filterset, members = apply_filters(MemberFilter, request, public_members())
    page = paginate(request, members)
    return render(
        request,
        "members/member_list.html",
        {"filter": filterset, "filtered": filters_active(filterset), "page": page},
    )


def member_detail(request, pk):
    """A member's public profile and 履职档案: sessions attended, issues raised or followed in
    them, and the outcomes (proposals, 社情民意信息) that came of them."""
    member = public_member(pk)
    if member is None:
        raise Http404(_("找不到这位政协委员。"))
    record = member_record(member, limit=RECORD_LIMIT)
    # Proposals and 社情民意信息 first: the outcomes a member's annual review weighs most.
    kinds = [Outcome.Kind.PROPOSAL, Outcome.Kind.OPINION, Outcome.Kind.SUGGESTION]
    outcome_counts = [(kind.label, record.outcome_counts.get(kind, 0)) for kind in kinds]
    return render(
        request,
        "members/member_detail.html",
        {"member": member, "record": record, "outcome_counts": outcome_counts, "record_limit": RECORD_LIMIT},
    )
