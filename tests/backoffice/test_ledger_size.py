"""The ledger export of 10,000 sessions finishes in bounded memory (measured with tracemalloc)."""

import datetime
import io
import time
import tracemalloc
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from backoffice.ledger import LedgerFilter, ledger_workbook
from deliberations.models import Attendance, Session
from tests.factories import RoomFactory

SESSIONS = 10_000
TZ = ZoneInfo("Asia/Shanghai")


@pytest.mark.slow
@pytest.mark.django_db
def test_ledger_of_10000_sessions_in_bounded_memory():
    rooms = [RoomFactory() for _ in range(20)]
    start = datetime.datetime(2019, 1, 1, 9, 0, tzinfo=TZ)
    sessions = Session.objects.bulk_create(
        [
            Session(
                room=rooms[index % len(rooms)],
                topic=f"议题{index}：小区停车难问题协商",
                starts_at=start + datetime.timedelta(hours=index),
                place="议事室",
                consensus="明确责任分工和完成时限，议事室跟踪督办，一个月后回访。" * 2,
            )
            for index in range(SESSIONS)
        ],
        batch_size=1000,
    )
    Attendance.objects.bulk_create(
        [
            Attendance(session=session, role=role, headcount=10)
            for session in sessions
            for role in (Attendance.Role.RESIDENT, Attendance.Role.CPPCC_MEMBER, Attendance.Role.DEPARTMENT)
        ],
        batch_size=2000,
    )

    began = time.perf_counter()
    content = ledger_workbook(LedgerFilter())
    elapsed = time.perf_counter() - began
    tracemalloc.start()
    ledger_workbook(LedgerFilter())
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"\nledger of {SESSIONS} sessions: {elapsed:.2f} s, peak Python memory {peak / 1024 / 1024:.1f} MB "
        f"(tracemalloc), file {len(content) / 1024 / 1024:.2f} MB"
    )

    # Bounded: the rows stream through openpyxl's write-only mode (the whole workbook held as
    # cells would take several times this).
    assert peak < 40 * 1024 * 1024
    sheet = load_workbook(io.BytesIO(content), read_only=True)["议事活动"]
    rows = sum(1 for _row in sheet.iter_rows(values_only=True))
    assert rows == 1 + 1 + SESSIONS + 1  # title, header, sessions, totals
