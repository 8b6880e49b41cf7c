"""Calendar arithmetic for resolving expressions against a publication date.

Pure functions over ``datetime.date``; values come back as the SPEC's strings
(``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``) with their precision.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Optional

PAST, FUTURE, NEAREST = "past", "future", "nearest"

#: A past-tense clause may still name a date this many months ahead (deadlines,
#: payment dates, postponements); beyond that a past clause means the last one.
SOON_MONTHS = 3


def day_value(d: date) -> tuple[str, str]:
    return d.isoformat(), "day"


def month_value(year: int, month: int) -> tuple[str, str]:
    return f"{year:04d}-{month:02d}", "month"


def year_value(year: int) -> tuple[str, str]:
    return f"{year:04d}", "year"


def parse_iso(text: Optional[str]) -> Optional[date]:
    """The publication date, or None when absent or malformed."""
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def safe_date(year: int, month: int, day: int) -> Optional[date]:
    """A date, or None for impossible ones (February 30)."""
    if not (1 <= month <= 12) or not (1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return date(year, month, day)


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def weekday_date(anchor: date, weekday: int, direction: str, strict: bool = False) -> date:
    """The given weekday nearest the anchor in a direction.

    News convention: a bare weekday in a past-tense sentence is the most
    recent such day on or before the anchor (the anchor itself when it is that
    day); in a future sentence, the next one on or after.  ``strict`` excludes
    the anchor ("last Wednesday" written on a Wednesday is a week earlier).
    """
    if direction == FUTURE:
        ahead = (weekday - anchor.weekday()) % 7
        if ahead == 0 and strict:
            ahead = 7
        return anchor + timedelta(days=ahead)
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and strict:
        back = 7
    return anchor - timedelta(days=back)


def weekday_in_week(anchor: date, weekday: int, weeks: int) -> date:
    """The weekday in the calendar week (Monday to Sunday) ``weeks`` from the anchor's."""
    monday = anchor - timedelta(days=anchor.weekday())
    return monday + timedelta(days=7 * weeks + weekday)


def month_year(anchor: date, month: int, direction: str, strict: bool = False) -> int:
    """The year of a month named without one.

    Past sentences take the latest such month not after the anchor's month,
    future ones the earliest not before it, other sentences the nearest.
    ``strict`` ("last May", "next May") excludes the anchor's own month.
    """
    if month == anchor.month and not strict:
        return anchor.year
    if direction == PAST:
        if 0 < (month - anchor.month) % 12 <= SOON_MONTHS and not strict:
            # a past verb about a month just ahead: "was extended to November"
            return anchor.year if month > anchor.month else anchor.year + 1
        return anchor.year if month < anchor.month else anchor.year - 1
    if direction == FUTURE:
        return anchor.year if month > anchor.month else anchor.year + 1
    diff = month - anchor.month
    if diff > 6:
        return anchor.year - 1
    if diff < -6:
        return anchor.year + 1
    return anchor.year


def month_day_date(anchor: date, month: int, day: int, direction: str) -> Optional[date]:
    """The date of a month and day named without a year (same rules as month_year)."""
    candidates = [safe_date(anchor.year + k, month, day) for k in (-1, 0, 1)]
    candidates = [c for c in candidates if c is not None]
    if not candidates:
        return None
    if direction == PAST:
        soon = [c for c in candidates if 0 < (c - anchor).days <= SOON_MONTHS * 31]
        if soon:
            return soon[0]  # "was extended to Nov. 16" written late in October
        before = [c for c in candidates if c <= anchor]
        return max(before) if before else min(candidates)
    if direction == FUTURE:
        after = [c for c in candidates if c >= anchor]
        return min(after) if after else max(candidates)
    return min(candidates, key=lambda c: abs((c - anchor).days))


def shift(anchor: date, amount: int, unit: str) -> tuple[str, str]:
    """The anchor moved by a number of days, weeks, months or years, at that unit's precision."""
    if unit == "day":
        return day_value(anchor + timedelta(days=amount))
    if unit == "week":
        return day_value(anchor + timedelta(days=7 * amount))
    if unit == "month":
        return month_value(*add_months(anchor.year, anchor.month, amount))
    return year_value(anchor.year + amount)
