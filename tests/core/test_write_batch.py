"""A write batch is per call: concurrent and nested calls of one decorated service keep their own."""

import threading

from django.dispatch import receiver

from core.bulk import batch_closing, batch_pending, write_batch


@write_batch()
def _noting(value, barrier=None, inner=None):
    batch_pending("notes").add(value)
    if barrier is not None:
        barrier.wait()
    if inner is not None:
        _noting(inner)


def test_concurrent_calls_of_one_decorated_function_keep_their_own_batch():
    closed, errors, barrier = [], [], threading.Barrier(8)

    @receiver(batch_closing, weak=False)
    def note_closing(sender, pending, **kwargs):
        closed.append(frozenset(pending["notes"]))

    def run(value):
        try:
            _noting(value, barrier=barrier)
        except Exception as error:  # noqa: BLE001 - the test reports whatever a thread raised
            errors.append(error)

    try:
        threads = [threading.Thread(target=run, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        batch_closing.disconnect(note_closing)
    assert errors == []
    assert sorted(closed, key=min) == [frozenset({n}) for n in range(8)]


def test_a_nested_call_joins_the_outer_batch_which_closes_once():
    closed = []

    @receiver(batch_closing, weak=False)
    def note_closing(sender, pending, **kwargs):
        closed.append(frozenset(pending["notes"]))

    try:
        _noting("outer", inner="inner")
    finally:
        batch_closing.disconnect(note_closing)
    assert closed == [frozenset({"outer", "inner"})]
