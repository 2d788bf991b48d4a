"""Dates as EDGAR headers and 8-K texts write them."""

from __future__ import annotations

import datetime as dt
import re

from .transforms import MONTHS as MONTHS  # month names and abbreviations, written once

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
# "November 6, 2003", "NOVEMBER 6,2003", "Nov. 6, 2003", "November 6 2003"; also a
# misspelt month ("Febuary") is caught by the loose form so it can be reported.
WRITTEN_DATE = re.compile(
    rf"\b(?P<month>{_MONTH})\s{{0,3}}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s{{0,3}},?\s{{0,3}}"
    rf"(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
DAY_FIRST_DATE = re.compile(
    rf"\b(?P<day>\d{{1,2}})\s{{1,3}}(?P<month>{_MONTH})\s{{0,3}},?\s{{0,3}}(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
NUMERIC_DATE = re.compile(r"\b(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>(?:19|20)?\d\d)\b")
LOOSE_DATE = re.compile(
    r"\b(?P<month>[A-Za-z]{3,10}\.?)\s{1,3}(?P<day>\d{1,2}),?\s{1,3}(?P<year>(?:19|20)\d\d)\b"
)

_YEAR_DIGITS = re.compile(r"\d\d")


def parse_yyyymmdd(value: str) -> dt.date | None:
    value = value.strip()
    if len(value) < 8 or not value[:8].isdigit():
        return None
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None


def _make(year: str, month: int, day: str) -> dt.date | None:
    y = int(year)
    if y < 100:
        y += 2000 if y < 50 else 1900
    try:
        return dt.date(y, month, int(day))
    except ValueError:
        return None


def find_date(text: str, start: int = 0) -> tuple[int, int, dt.date | None] | None:
    """The first written date in ``text[start:]``: (start, end, date or None if invalid).

    A date-shaped phrase that is not a real date ("February 30, 2006",
    "Febuary 3, 2006") is returned with ``None`` so the caller can report it.
    """
    if _YEAR_DIGITS.search(text, start) is None:
        return None  # every form of date has its year's two digits (most lines have none)
    best: tuple[int, int, dt.date | None] | None = None
    for pattern in (WRITTEN_DATE, DAY_FIRST_DATE, NUMERIC_DATE):
        m = pattern.search(text, start)
        if m is None or (best is not None and m.start() >= best[0]):
            continue
        month_text = m.group("month")
        month = (
            int(month_text)
            if month_text.isdigit()
            else MONTHS.get(month_text.lower().rstrip("."))
        )
        day = _make(m.group("year"), month, m.group("day")) if month and month <= 12 else None
        best = (m.start(), m.end(), day)
    if best is None:
        m = LOOSE_DATE.search(text, start)
        if m is not None and m.group("month").lower().rstrip(".") not in MONTHS:
            word = m.group("month").lower()
            # Misspelt months only: a word that shares its first three letters with one.
            if any(word[:3] == name[:3] for name in MONTHS):
                best = (m.start(), m.end(), None)
    return best


# "this 8th day of January, 2025": the date a signature sentence gives
DAY_OF_DATE = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s{1,3}day\s{1,3}of\s{1,3}(?P<month>[A-Za-z]{3,9})\.?"
    r"\s{0,3},?\s{0,3}(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def find_day_of(text: str) -> tuple[int, int, dt.date | None] | None:
    """The first "8th day of January, 2025" in ``text``: (start, end, date or None if
    the month is no month or the day not in it)."""
    m = DAY_OF_DATE.search(text)
    if m is None:
        return None
    month = MONTHS.get(m.group("month").lower())
    day = _make(m.group("year"), month, m.group("day")) if month is not None else None
    return m.start(), m.end(), day
