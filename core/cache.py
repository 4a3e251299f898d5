"""The statistics cache: figures are computed once and kept until a write changes them.

Every cached figure (and every cached public page, `core.pagecache`) is stored under a key that
contains the current *generation* token. A write to any model the figures or the public pages
depend on replaces the token, so everything cached is gone at once.

The token is replaced **after the write's transaction commits**, never inside it. Inside the
transaction nothing is written to the cache: with the database cache backend a `cache.set`
there would lock the one generation row until the commit, and every other write of the district
would queue behind the slowest one (a session saved with six photos held a resident's rating
for seconds). Readers inside the writing transaction still see fresh figures: the transaction
is marked as having pending writes, and while it is, `cached_statistic` computes without the
cache (`writes_pending()`). A reader on another connection that recomputed between the commit
and the new token stored its result under the old token, which the new token throws away.

Signals are the one place every write path passes (admin, services, API, shell). Writes made
with `QuerySet.update()` or `bulk_create()` send no signal: their callers call
`invalidate_statistics()` themselves.
"""

import uuid

from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

GENERATION_KEY = "stats:generation"
# The figures computed from issues and ratings alone (by category, by department, satisfaction)
# follow a second token: every write replaces it too, except a write to a model declared unable to
# change them (`issue_figures_unaffected_by`: sessions, attendance, photos, media reports,
# visits). A convener's session log, the most frequent write, then leaves those figures cached;
# at province scale they are the expensive ones (a pass over 600,000 issues each).
ISSUE_FIGURES_KEY = "stats:generation:issues"
TIMEOUT = 24 * 60 * 60
_PENDING = "_cached_data_generation_bump"  # attribute on the connection: the bump waiting for the commit
_ISSUE_FIGURES_UNAFFECTED: set = set()  # model classes whose writes cannot change the issue figures


def _write_transaction_open(connection) -> bool:
    """True inside an atomic block of the code. The blocks a test case opens around each test
    (Django marks them `_from_testcase`) do not count: for the code under test they are the
    committed state, just as autocommit is outside tests."""
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def _bump_generation(issue_figures=True):
    token = uuid.uuid4().hex
    if issue_figures:
        cache.set_many({GENERATION_KEY: token, ISSUE_FIGURES_KEY: token}, None)
    else:
        cache.set(GENERATION_KEY, token, None)


def issue_figures_unaffected_by(model_labels):
    """Declare that writes to these models ("app.Model") cannot change the figures computed from
    issues and ratings alone (`cached_statistic(..., issue_figures=True)`)."""
    from django.apps import apps

    _ISSUE_FIGURES_UNAFFECTED.update(apps.get_model(label) for label in model_labels)


def changes_issue_figures(model) -> bool:
    """False for a model declared with `issue_figures_unaffected_by`; True for every other one."""
    return model not in _ISSUE_FIGURES_UNAFFECTED


def writes_pending(using=None) -> bool:
    """True while the current transaction has written data that cached figures and pages depend
    on and has not committed yet: its readers must not use (or fill) the cache."""
    connection = transaction.get_connection(using)
    bump = getattr(connection, _PENDING, None)
    if bump is None:
        return False
    if not any(entry[1] is bump for entry in connection.run_on_commit):
        # Rolled back (Django drops the callbacks of a rolled-back transaction or savepoint).
        setattr(connection, _PENDING, None)
        return False
    if _write_transaction_open(connection):
        return True
    # Only a test case's transaction is left open: the write's own block has ended, which outside
    # tests is its commit. Do now what the commit would have done.
    bump()
    return False


def invalidate_statistics(using=None, *, issue_figures=True):
    """Throw away every cached figure and page once the current transaction commits (at once
    when no transaction is open). Never writes to the cache inside the transaction.

    `issue_figures=False` says the write cannot change the figures computed from issues and
    ratings alone: those stay cached (unless another write of the same transaction could)."""
    connection = transaction.get_connection(using)
    if not _write_transaction_open(connection):
        setattr(connection, _PENDING, None)
        _bump_generation(issue_figures)
        return
    if writes_pending(using):
        # This transaction already bumps the generation when it commits; it may now have to
        # replace the issue figures' token as well.
        getattr(connection, _PENDING).issue_figures |= issue_figures
        return

    def bump():
        setattr(connection, _PENDING, None)
        _bump_generation(bump.issue_figures)

    bump.issue_figures = issue_figures
    setattr(connection, _PENDING, bump)
    transaction.on_commit(bump, using=using)


def current_generation(key=GENERATION_KEY) -> str:
    """The generation token (or the issue figures' token, `ISSUE_FIGURES_KEY`), created on first use."""
    generation = cache.get(key)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(key, generation, None)
        generation = cache.get(key, generation)
    return generation


def cache_writes_allowed(using=None) -> bool:
    """False where a cache write could hold a row lock until a transaction ends: with the
    database cache backend (which shares the request's connection) inside an atomic block."""
    if not isinstance(caches["default"], DatabaseCache):
        return True
    return not _write_transaction_open(transaction.get_connection(using))


def cached_statistic(name, compute, *, issue_figures=False):
    """Return the cached value of `name`, computing and storing it on a miss. Inside a
    transaction that has written, the value is computed from the data as the transaction sees
    it and the cache is neither read nor written.

    `issue_figures=True` for a figure computed from issues, their categories and departments and
    ratings alone: it follows the issue figures' token (see `ISSUE_FIGURES_KEY`)."""
    if writes_pending():
        return compute()
    generation = current_generation(ISSUE_FIGURES_KEY if issue_figures else GENERATION_KEY)
    # Labels inside the figures (room levels, ratings, months) are translated when computed, so
    # each language keeps its own copy.
    key = f"stats:{generation}:{get_language() or 'default'}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        if cache_writes_allowed():
            cache.set(key, value, TIMEOUT)
    return value


def _on_write(sender, **kwargs):
    invalidate_statistics(using=kwargs.get("using"), issue_figures=changes_issue_figures(sender))


def watch(model_labels, m2m_fields=()):
    """Throw the cached figures away on every save or delete of these models ("app.Model") and
    on every change of these many-to-many fields ("app.Model.field"). The app that computes the
    figures says what they depend on (figures.apps)."""
    from django.apps import apps

    for label in model_labels:
        model = apps.get_model(label)
        post_save.connect(_on_write, sender=model, dispatch_uid=f"stats-save-{label}")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"stats-delete-{label}")
    for dotted in m2m_fields:
        model_label, field = dotted.rsplit(".", 1)
        through = getattr(apps.get_model(model_label), field).through
        m2m_changed.connect(_on_write, sender=through, dispatch_uid=f"stats-m2m-{through._meta.label}")


def watch_apps(app_labels, exclude=()):
    """`watch` every model of these apps (except the "app.Model" labels in `exclude`), their
    many-to-many fields included: what the cached public pages show."""
    from django.apps import apps

    labels, m2m = [], []
    for app_label in app_labels:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.label in exclude:
                continue
            labels.append(model._meta.label)
            m2m += [f"{model._meta.label}.{field.name}" for field in model._meta.local_many_to_many]
    watch(labels, m2m_fields=m2m)
