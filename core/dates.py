"""Dates written out in full in the active language, for documents such as the monthly report:
2020年8月26日 in Chinese, August 26, 2020 in English.

Django's English DATE_FORMAT is the abbreviated "Aug. 26, 2020" (right in lists, and what the
pages use) and its Chinese MONTH_DAY_FORMAT pads the month ("08月26日"), so a document names its
formats here, per language, and falls back to Django's for any other language."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

FORMATS = {
    "zh-hans": {"date": "Y年n月j日", "datetime": "Y年n月j日 H:i", "month_day": "n月j日", "year_month": "Y年n月"},
    "en": {"date": "F j, Y", "datetime": "F j, Y, H:i", "month_day": "F j", "year_month": "F Y"},
}
DJANGO_FORMATS = {
    "date": "DATE_FORMAT",
    "datetime": "DATETIME_FORMAT",
    "month_day": "MONTH_DAY_FORMAT",
    "year_month": "YEAR_MONTH_FORMAT",
}


def _format(kind: str) -> str:
    language = (get_language() or "zh-hans").lower()
    formats = FORMATS.get(language) or FORMATS.get(language.split("-")[0])
    return formats[kind] if formats else DJANGO_FORMATS[kind]


def long_date(value: datetime.date) -> str:
    """2020年8月26日 / August 26, 2020."""
    return date_format(value, _format("date"))


def long_datetime(value: datetime.datetime) -> str:
    """2020年8月26日 15:04 / August 26, 2020, 15:04 (24-hour: no "p.m." before a full stop)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, _format("datetime"))


def month_day(value: datetime.date) -> str:
    """8月26日 / August 26."""
    return date_format(value, _format("month_day"))


def year_month(year: int, month: int) -> str:
    """2020年8月 / August 2020."""
    return date_format(datetime.date(year, month, 1), _format("year_month"))
