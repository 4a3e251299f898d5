"""Template filters for dates written out in full in the active language (core/dates.py):
{{ day|long_date }} → 2020年8月26日 / August 26, 2020."""

from django import template

from core import dates

register = template.Library()


@register.filter
def long_date(value):
    return dates.long_date(value) if value else ""


@register.filter
def long_datetime(value):
    return dates.long_datetime(value) if value else ""


@register.filter
def month_day(value):
    return dates.month_day(value) if value else ""
