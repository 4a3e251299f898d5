"""Working days (工作日) for the 公示期: weekends and statutory holidays are skipped, and the
adjusted working days (调休上班的周末) count.

The official calendar comes from the `chinesecalendar` package (the State Council's yearly
holiday notice, as data). It only knows the years already announced; for a later year it raises
NotImplementedError, and then Monday to Friday count, which is what the notice of a year not yet
published would most likely say for all but a handful of days.
"""

import datetime

import chinese_calendar


def is_workday(day: datetime.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def first_workday(day: datetime.date) -> datetime.date:
    """`day` itself when it is a working day, else the next working day."""
    while not is_workday(day):
        day += datetime.timedelta(days=1)
    return day


def period_end(start: datetime.date, working_days: int) -> datetime.date:
    """The last day of a period of `working_days` working days that begins on `start` (or on the
    first working day after it): published on Monday 2 November for 5 days, it ends on Friday."""
    day = first_workday(start)
    counted = 1
    while counted < working_days:
        day += datetime.timedelta(days=1)
        if is_workday(day):
            counted += 1
    return day
