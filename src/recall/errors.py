"""Every error recall raises on purpose, and where it happened.

Hierarchy::

    RecallError                 base: a message a user can act on
    ├── DeckError               a deck file cannot be used (holds every Problem found)
    ├── StoreError              the database cannot be opened or is from a newer recall
    │   └── BusyError           another process holds the write lock: try again
    ├── InputError              bad user input: CSV rows, dates, ids, options
    ├── NotFoundError           an employee, card, deck or incident that does not exist
    └── ExportError             a SCORM package cannot be built or does not validate

Only ``recall.cli.app`` catches these: it prints the message to stderr and exits 1.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BusyError",
    "DeckError",
    "ExportError",
    "InputError",
    "NotFoundError",
    "Problem",
    "RecallError",
    "StoreError",
]


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: ``FILE:LINE: card ID: message``."""

    file: str
    line: int
    card: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:"
        if self.card:
            return f"{where} card {self.card}: {self.message}"
        return f"{where} {self.message}"


class RecallError(Exception):
    """Base class: the message says what is wrong and where.

    ``lang`` is the language the message is written in (``ja`` or ``en``), so that the
    CLI labels it in the same language.
    """

    def __init__(self, *args: object, lang: str = "en") -> None:
        super().__init__(*args)
        self.lang = lang


class DeckError(RecallError):
    """A deck cannot be used; ``problems`` lists every problem found (written in ``lang``)."""

    def __init__(self, problems: list[Problem], lang: str = "en") -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems), lang=lang)


class StoreError(RecallError):
    """The database cannot be opened, migrated or written."""


class BusyError(StoreError):
    """Another process held the database's write lock longer than the busy timeout;
    nothing was written and the same write can be tried again."""


class InputError(RecallError):
    """User input that cannot be accepted; the message locates it."""


class NotFoundError(RecallError):
    """Something named by the user does not exist."""


class ExportError(RecallError):
    """A SCORM package cannot be built or fails its checks."""
