"""Building blocks for the domain's QuerySet words (`Session.objects.held()`, `Issue.objects.public()`)."""

from django.db.models import Q


def prefixed_q(prefix: str = "", **lookups) -> Q:
    """`Q(**lookups)` seen from a related model: with `prefix="session"`, `status="held"` becomes
    `session__status="held"`. Lets a model state a rule once (`Session.held_q()`) and other models'
    QuerySets, subquery filters and `Count(filter=...)` reuse it across a relation.
    """
    if not prefix:
        return Q(**lookups)
    return Q(**{f"{prefix}__{name}": value for name, value in lookups.items()})
