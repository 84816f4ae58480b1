"""The values HR enters about a person, checked and normalised in one place.

One function per kind of value, used alike by ``employee add``, ``edit``, ``import`` and
``sync``: :func:`check_employee_id`, :func:`check_name`, :func:`check_department`,
:func:`check_email`, :func:`parse_language` and :func:`check_hire_date` /
:func:`parse_hire_date`. :func:`normalise_text` is the normalisation that names and
departments get (NFKC, whitespace runs — full-width spaces included — made one space,
trimmed), so that ``営業部`` and ``営業部　`` are one department.

Every check raises :class:`~recall.errors.InputError` naming the value (``what``) and what
is allowed: in the caller's language (``ja`` or ``en``) when given, else keyed (rendered in
the reader's language by the CLI or web). Pure: "today" is passed in.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from recall.core.dates import check_date_range, parse_date
from recall.errors import InputError

__all__ = [
    "EARLIEST_HIRE_DATE",
    "MAX_EMAIL_LENGTH",
    "MAX_NAME_LENGTH",
    "MAX_RESPONSE_MS",
    "check_department",
    "check_email",
    "check_employee_id",
    "check_hire_date",
    "check_name",
    "check_response_ms",
    "latest_hire_date",
    "normalise_text",
    "parse_hire_date",
    "parse_language",
]

MAX_NAME_LENGTH = 200
MAX_EMAIL_LENGTH = 254
EARLIEST_HIRE_DATE = date(1900, 1, 1)

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SPACES = re.compile(r"\s+")
_LANGUAGES = {
    "ja": "ja",
    "jp": "ja",
    "japanese": "ja",
    "日本語": "ja",
    "en": "en",
    "english": "en",
    "英語": "en",
}
# Characters that change the direction text is shown in: a name with one can show as
# something else than what is stored (an RTL override hides the real order).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"})
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def normalise_text(value: str) -> str:
    """NFKC, every run of whitespace (full-width spaces included) made one space, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", value)).strip()


def _refuse_controls(value: str, what: str, lang: str | None) -> None:
    for char in value:
        if unicodedata.category(char) == "Cc":
            raise InputError.written("value.control", lang, what=what, code=f"U+{ord(char):04X}")
        if char in _BIDI:
            raise InputError.written("value.bidi", lang, what=what, code=f"U+{ord(char):04X}")


def check_name(value: str, what: str, lang: str | None = None, *, required: bool = True) -> str:
    """Check and normalise a person's name (or, with ``required=False``, a department).

    Refused: control characters, direction controls (RTL override...), a value with no
    visible character, more than :data:`MAX_NAME_LENGTH` characters, and (when required)
    an empty value.

    Returns:
        The normalised value (see :func:`normalise_text`).

    Raises:
        InputError: one of the above; the message names ``what``.
    """
    _refuse_controls(value, what, lang)
    clean = normalise_text(value)
    if not clean:
        if required:
            raise InputError.written("value.empty", lang, what=what)
        return ""
    if not any(
        unicodedata.category(c) not in _INVISIBLE_CATEGORIES and c not in _FILLERS for c in clean
    ):
        raise InputError.written("value.invisible", lang, what=what)
    if len(clean) > MAX_NAME_LENGTH:
        raise InputError.written("value.long", lang, what=what, n=len(clean), max=MAX_NAME_LENGTH)
    return clean


def check_department(value: str, what: str, lang: str | None = None) -> str:
    """Check and normalise a department (may be empty); same rules as :func:`check_name`."""
    return check_name(value, what, lang, required=False)


def check_email(value: str | None, what: str, lang: str | None = None) -> str | None:
    """Check a work e-mail address (NFKC, trimmed); empty means none.

    Returns:
        The address, or None when empty.

    Raises:
        InputError: control characters, longer than :data:`MAX_EMAIL_LENGTH`, or not
            ``name@domain.tld``.
    """
    if value is None:
        return None
    _refuse_controls(value, what, lang)
    clean = unicodedata.normalize("NFKC", value).strip()
    if not clean:
        return None
    if len(clean) > MAX_EMAIL_LENGTH or not _EMAIL.match(clean):
        raise InputError.written("value.email", lang, what=what, value=clean[:80])
    return clean


def check_employee_id(value: str, what: str, lang: str | None = None) -> str:
    """Check an employee id (NFKC, trimmed): letters, digits and ``. _ @ -``, up to 64.

    Ids are compared case-sensitively everywhere.

    Raises:
        InputError: empty, or other characters, or too long.
    """
    _refuse_controls(value, what, lang)
    clean = unicodedata.normalize("NFKC", value).strip()
    if not clean:
        raise InputError.written("value.empty", lang, what=what)
    if not _ID.match(clean):
        raise InputError.written("value.id", lang, what=what, value=clean[:80])
    return clean


def parse_language(value: str, what: str, lang: str | None = None) -> str | None:
    """Read a review language: ``ja``/``日本語``/``Japanese``..., ``en``/``英語``/``English``.

    Returns:
        ``ja`` or ``en``, or None for an empty value (the caller decides the default).

    Raises:
        InputError: another language.
    """
    clean = unicodedata.normalize("NFKC", value or "").strip().lower()
    if not clean:
        return None
    try:
        return _LANGUAGES[clean]
    except KeyError:
        raise InputError.written("value.lang", lang, what=what, value=value) from None


def latest_hire_date(today: date) -> date:
    """The latest hire date accepted: one year after ``today`` (HR enrols ahead)."""
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today + timedelta(days=365)


def check_hire_date(day: date, today: date, what: str, lang: str | None = None) -> date:
    """Refuse a hire date before :data:`EARLIEST_HIRE_DATE` or over a year after ``today``.

    Raises:
        InputError: out of range; the message gives the range.
    """
    return check_date_range(day, what, EARLIEST_HIRE_DATE, latest_hire_date(today), lang)


def parse_hire_date(value: str, today: date, what: str, lang: str | None = None) -> date:
    """:func:`~recall.core.dates.parse_date` then :func:`check_hire_date`.

    Raises:
        InputError: not a date, or out of range.
    """
    return check_hire_date(parse_date(value, what, lang), today, what, lang)


#: The longest response time recorded: one day (a card left open overnight); more is a
#: typo or an attack, and beyond 2**63 cannot even be stored.
MAX_RESPONSE_MS = 86_400_000


def check_response_ms(value: int | None, what: str = "--ms", lang: str | None = None) -> int | None:
    """Refuse a response time outside 0 .. :data:`MAX_RESPONSE_MS` milliseconds.

    Raises:
        InputError: out of range; the message names ``what`` and gives the range.
    """
    if value is not None and not 0 <= value <= MAX_RESPONSE_MS:
        raise InputError.written(
            "value.range", lang, what=what, value=value, first=0, last=MAX_RESPONSE_MS
        )
    return value
