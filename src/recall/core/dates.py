"""Calendar dates as people type them: the one date parser recall uses for every date it reads.

Function :func:`parse_date` reads ``2026-04-01``, ``2026-4-1``, ``2026/4/1`` and
``2026年4月1日`` (full-width digits too); :func:`check_date_range` refuses a date
outside a range. Pure: no clock; callers pass the bounds.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime

from recall.errors import InputError, Message

__all__ = [
    "EARLIEST_DAY",
    "LATEST_DAY",
    "check_date_range",
    "check_instant",
    "check_record_date",
    "parse_date",
]

_DATE = re.compile(
    r"^\s*(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)\s*$",
    re.ASCII,
)


def parse_date(value: str, what: str = "date", lang: str | None = None) -> date:
    """Parse a date written ``YYYY-MM-DD``, ``YYYY-M-D``, ``YYYY/M/D`` or ``YYYY年M月D日``.

    Args:
        value: the text (full-width digits are read as digits).
        what: what the date is (an option such as ``--hired`` or a column), for messages.
        lang: the language of the error message (``ja`` or ``en``), when the caller knows
            the reader's; None: a keyed error, rendered by the CLI or web in theirs.

    Returns:
        The date.

    Raises:
        InputError: the text is not one of these forms, or not a day of the calendar.
    """
    clean = unicodedata.normalize("NFKC", value or "")
    match = _DATE.match(clean)
    if match:
        year, month, day = (int(g) for g in match.groups() if g is not None)
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise InputError.written("date.bad", lang, what=what, value=value)


def check_date_range(
    day: date, what: str | Message, first: date, last: date, lang: str | None = None
) -> date:
    """Refuse a date before ``first`` or after ``last``.

    Returns:
        ``day`` unchanged.

    Raises:
        InputError: the date is out of range; the message gives the range.
    """
    if not first <= day <= last:
        raise InputError.written(
            "value.range",
            lang,
            what=what,
            value=day.isoformat(),
            first=first.isoformat(),
            last=last.isoformat(),
        )
    return day


#: The days recall's record can hold (answers, incidents, report periods, ``--now``):
#: year 1 or 9999 is a typo or an attack, and overflows time-zone arithmetic.
EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2100, 12, 31)


def check_record_date(day: date, what: str | Message, lang: str | None = None) -> date:
    """Refuse a day outside :data:`EARLIEST_DAY` .. :data:`LATEST_DAY`.

    Raises:
        InputError: out of range; the message names ``what`` and gives the range.
    """
    return check_date_range(day, what, EARLIEST_DAY, LATEST_DAY, lang)


def check_instant(moment: datetime, what: str | Message, lang: str | None = None) -> datetime:
    """Refuse an instant (aware) whose UTC day is outside the record's years.

    Raises:
        InputError: out of range; the message names ``what`` and gives the range.
    """
    try:
        day = moment.astimezone(UTC).date()
    except OverflowError:
        day = date.min if moment.year < EARLIEST_DAY.year else date.max
    check_record_date(day, what, lang)
    return moment
