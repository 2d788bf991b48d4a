"""US federal business days, for the four-business-day 8-K deadline.

Federal holidays (5 U.S.C. 6103) with their observed dates: a holiday on a
Saturday is observed the Friday before, on a Sunday the Monday after.
Juneteenth counts from 2021.
"""

from __future__ import annotations

import datetime as dt
import functools

ONE = dt.timedelta(days=1)


def _nth(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th ``weekday`` (Mon=0) of a month; n=-1 for the last."""
    if n > 0:
        day = dt.date(year, month, 1)
        day += dt.timedelta(days=(weekday - day.weekday()) % 7)
        return day + dt.timedelta(weeks=n - 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    day = nxt - ONE
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def _observed(day: dt.date) -> dt.date:
    if day.weekday() == 5:
        return day - ONE
    if day.weekday() == 6:
        return day + ONE
    return day


@functools.cache
def holidays(year: int) -> frozenset[dt.date]:
    days = {
        _observed(dt.date(year, 1, 1)),
        _nth(year, 2, 0, 3),  # Washington's Birthday
        _nth(year, 5, 0, -1),  # Memorial Day
        _observed(dt.date(year, 7, 4)),
        _nth(year, 9, 0, 1),  # Labor Day
        _nth(year, 10, 0, 2),  # Columbus Day
        _observed(dt.date(year, 11, 11)),
        _nth(year, 11, 3, 4),  # Thanksgiving
        _observed(dt.date(year, 12, 25)),
    }
    if year >= 1986:
        days.add(_nth(year, 1, 0, 3))  # Martin Luther King Jr. Day
    if year >= 2021:
        days.add(_observed(dt.date(year, 6, 19)))
    # New Year's Day of next year observed on Dec 31 of this one
    next_new_year = dt.date(year + 1, 1, 1)
    if next_new_year.weekday() == 5:
        days.add(next_new_year - ONE)
    return frozenset(days)


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year)


def business_days_after(start: dt.date, end: dt.date) -> int:
    """Business days in ``(start, end]``: how late a filing on ``end`` is for an
    event on ``start`` (an event on a weekend counts from the next business day)."""
    if end <= start:
        return 0
    count = 0
    day = start + ONE
    # Bounded: a decade of days at most, however odd the dates.
    while day <= end and count < 4000:
        count += is_business_day(day)
        day += ONE
    return count
