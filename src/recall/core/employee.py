"""Employees: the few facts recall keeps about a person, and checks on them.

Personal data stays minimal: an id, a name, an optional work email, a department, the
hire date (for onboarding), the review language and, once they leave, the leaving date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from recall.core.dates import parse_date  # the one date parser, re-exported here
from recall.core.deck import SUPPORTED_LANGUAGES
from recall.errors import InputError

__all__ = ["Employee", "is_email", "parse_date", "validate_employee_id"]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Employee:
    """An employee enrolled in training."""

    id: str
    name: str
    department: str
    hired: date
    lang: str = "ja"
    email: str | None = None
    left_on: date | None = None

    def __post_init__(self) -> None:
        validate_employee_id(self.id)
        if not self.name.strip():
            raise InputError.of("error.employee_no_name", id=self.id)
        if self.email is not None and not is_email(self.email):
            raise InputError.of("error.employee_email", id=self.id, email=repr(self.email))
        if self.lang not in SUPPORTED_LANGUAGES:
            raise InputError.of("error.employee_lang", id=self.id, lang=self.lang)

    @property
    def active(self) -> bool:
        """Whether the employee is still scheduled (has not left)."""
        return self.left_on is None

    def active_on(self, day: date) -> bool:
        """Whether the employee is still employed on ``day``."""
        return self.left_on is None or day < self.left_on


def is_email(text: str) -> bool:
    """Whether ``text`` looks like an email address (name@domain.tld, no spaces)."""
    return _EMAIL.match(text) is not None


def validate_employee_id(employee_id: str) -> str:
    """Check an employee id: letters, digits and ``. _ @ -``, up to 64 characters.

    Raises:
        InputError: the id is empty or has other characters.
    """
    if not _ID.match(employee_id or ""):
        raise InputError.of("error.employee_id", id=repr(employee_id))
    return employee_id
