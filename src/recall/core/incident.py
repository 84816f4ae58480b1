"""Incidents as values: who a refresher is for (:class:`Scope`) and what it asks (:class:`IncidentSpec`).

Classes: :class:`Scope` (all staff, some departments, or named employees),
:class:`IncidentSpec` (title, date, topics, scope, deadline, note; checked when built).
Functions: :func:`parse_within` (``7d``/``2w`` → days), :func:`resolve_deadline`
(``--deadline`` or ``--within`` → a date).

Pure: no I/O and no clock. Whether topics, departments and employees exist is checked by
the store, which knows them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from recall.core.codes import ProgressState
from recall.core.dates import check_date_range, check_record_date
from recall.errors import InputError, Message

__all__ = [
    "DEFAULT_WITHIN_DAYS",
    "INCIDENT_KINDS",
    "MAX_DEADLINE_DAYS",
    "check_deadline",
    "Incident",
    "IncidentOutcome",
    "IncidentSpec",
    "PROGRESS_STATES",
    "Progress",
    "Scope",
    "parse_topics",
    "parse_within",
    "past_deadline",
    "progress_status",
    "resolve_deadline",
]

INCIDENT_KINDS = ("incident", "coverage")
DEFAULT_WITHIN_DAYS = 14
#: The latest deadline, in days after today (``--deadline`` and ``--within`` alike): a
#: refresher is a matter of days or weeks, never of years.
MAX_DEADLINE_DAYS = 366

_WITHIN = re.compile(r"^\s*(\d{1,3})\s*([dw]?)\s*$")


@dataclass(frozen=True)
class Scope:
    """Who an incident's refreshers are for: everyone, departments, or employees.

    Exactly one of the three is given.
    """

    all: bool = False
    departments: tuple[str, ...] = ()
    employees: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        given = sum([self.all, bool(self.departments), bool(self.employees)])
        if given == 0:
            raise InputError.of("error.scope_empty")
        if given > 1:
            raise InputError.of("error.scope_several")

    @classmethod
    def build(
        cls, *, all_staff: bool, departments: list[str] | None, employees: list[str] | None
    ) -> Scope:
        """The scope from command-line options (repeated options; commas also split).

        Raises:
            InputError: none or more than one kind of scope, or only blank names.
        """
        return cls(
            all=all_staff,
            departments=_names(departments),
            employees=_names(employees),
        )

    def to_json(self) -> str:
        """The scope as stored in ``incidents.scope``."""
        if self.all:
            data: dict[str, Any] = {"all": True}
        elif self.departments:
            data = {"departments": list(self.departments)}
        else:
            data = {"employees": list(self.employees)}
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Scope:
        """A stored scope back as a value."""
        data = json.loads(text)
        return cls(
            all=bool(data.get("all")),
            departments=tuple(data.get("departments", ())),
            employees=tuple(data.get("employees", ())),
        )

    def describe(self) -> str:
        """A short text for tables: ``all``, ``dept: A, B`` or ``3 employees``."""
        if self.all:
            return "all"
        if self.departments:
            return "dept: " + ", ".join(self.departments)
        if len(self.employees) <= 3:
            return "emp: " + ", ".join(self.employees)
        return f"{len(self.employees)} employees"


@dataclass(frozen=True)
class IncidentSpec:
    """An incident to record: what happened, which topics to refresh, for whom, by when.

    Args:
        title: a short description.
        occurred: the day it happened (organisation's calendar).
        topics: topic ids whose cards become refreshers.
        scope: who gets them.
        deadline: the day by which the refreshers should be done (None: no deadline).
        note: free text.
        kind: ``incident`` or ``coverage`` (a refresher for an audit-period gap).
    """

    title: str
    occurred: date | None
    topics: tuple[str, ...]
    scope: Scope
    deadline: date | None = None
    note: str | None = None
    kind: str = "incident"

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise InputError.of("error.no_title")
        if not self.topics:
            raise InputError.of("error.no_topics")
        if self.kind not in INCIDENT_KINDS:
            raise InputError.of("error.incident_kind", kind=self.kind)

    def check_dates(self, today: date) -> None:
        """Check the dates against the organisation's today.

        Raises:
            InputError: the incident occurred in the future, the deadline is before it, or
                the deadline has passed.
        """
        if self.occurred and self.occurred > today:
            raise InputError.of("error.occurred_future", occurred=self.occurred, today=today)
        if self.occurred:
            check_record_date(self.occurred, "--occurred")
        if self.occurred and self.deadline and self.deadline < self.occurred:
            raise InputError.of(
                "error.deadline_before_occurred", deadline=self.deadline, occurred=self.occurred
            )
        if self.deadline:
            check_deadline(self.deadline, today)


def check_deadline(deadline: date, today: date, what: str | Message = "--deadline") -> date:
    """Refuse a deadline that has passed or is more than :data:`MAX_DEADLINE_DAYS` ahead.

    Args:
        deadline: the day by which to finish.
        today: today in the organisation's calendar.
        what: where the deadline was given (the option, or a form field's label).

    Raises:
        InputError: out of range; the message gives the range.
    """
    if deadline < today:
        raise InputError.of("error.deadline_passed", deadline=deadline, today=today)
    return check_date_range(deadline, what, today, today + timedelta(days=MAX_DEADLINE_DAYS))


def parse_topics(text: str | list[str]) -> tuple[str, ...]:
    """Topic ids from ``a,b`` (or repeated options), without blanks or repeats, in order."""
    parts = text if isinstance(text, list) else [text]
    return _names(parts)


def parse_within(text: str) -> int:
    """Days from ``7d``, ``2w`` or ``7``: 1 to :data:`MAX_DEADLINE_DAYS` days.

    Raises:
        InputError: not a number of days or weeks, zero, or more than a year.
    """
    match = _WITHIN.match(text or "")
    days = 0
    if match:
        days = int(match.group(1)) * (7 if match.group(2) == "w" else 1)
    if not 1 <= days <= MAX_DEADLINE_DAYS:
        raise InputError.of("error.within", value=repr(text), max=MAX_DEADLINE_DAYS)
    return days


def resolve_deadline(today: date, deadline: date | None, within: str | None) -> date | None:
    """The deadline from ``--deadline`` or ``--within`` (counted from ``today``).

    Args:
        today: the organisation's date now.
        deadline: an explicit date, if given.
        within: a span such as ``7d``, if given.

    Returns:
        The deadline; ``today + 14 days`` when neither is given.

    Raises:
        InputError: both are given, or ``within`` cannot be read.
    """
    if deadline is not None and within is not None:
        raise InputError.of("error.deadline_and_within")
    if deadline is not None:
        return deadline  # checked with the incident's dates (IncidentSpec.check_dates)
    days = parse_within(within) if within is not None else DEFAULT_WITHIN_DAYS
    return today + timedelta(days=days)


def _names(values: list[str] | None) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values or []:
        for part in value.split(","):
            if part.strip():
                seen[part.strip()] = None
    return tuple(seen)


@dataclass(frozen=True)
class Incident:
    """A recorded incident (or coverage refresh) as stored."""

    id: int
    kind: str
    title: str
    occurred: date | None
    topics: tuple[str, ...]
    scope: Scope
    deadline: date | None
    note: str | None
    created_at: datetime


@dataclass(frozen=True)
class IncidentOutcome:
    """What recording an incident did, or would do with ``--dry-run``.

    Attributes:
        incident_id: the new incident's id (None for a dry run or when nothing was due).
        employees: employees who get refreshers.
        cards: distinct cards assigned.
        assignments: employee × card refreshers.
        dry_run: whether nothing was written.
        plan: for coverage refreshes, each employee's assigned cards.
    """

    incident_id: int | None
    employees: int
    cards: int
    assignments: int
    dry_run: bool = False
    plan: tuple[tuple[str, tuple[str, ...]], ...] = ()


#: Refresher states of one person for one incident.
PROGRESS_STATES = ("done", "late", "open", "overdue")


@dataclass(frozen=True)
class Progress:
    """One person's refreshers for one incident."""

    employee_id: str
    name: str
    department: str
    assigned: int
    done: int
    finished_on: date | None
    deadline: date | None
    status: ProgressState


def past_deadline(deadline: date | None, today: date) -> bool:
    """Whether ``deadline`` has passed on ``today`` (the deadline day itself still counts)."""
    return deadline is not None and today > deadline


def progress_status(
    assigned: int, done: int, finished_on: date | None, deadline: date | None, today: date
) -> ProgressState:
    """Where a person stands on an incident's refreshers.

    Args:
        assigned: refresher cards assigned.
        done: refresher cards answered.
        finished_on: the day the last one was answered (organisation's calendar).
        deadline: the incident's deadline.
        today: the organisation's date now.

    Returns:
        ``done`` (all answered by the deadline), ``late`` (all answered, after it),
        ``overdue`` (not all answered and the deadline has passed), else ``open``.
    """
    if done >= assigned:
        if deadline is not None and finished_on is not None and finished_on > deadline:
            return ProgressState.LATE
        return ProgressState.DONE
    if past_deadline(deadline, today):
        return ProgressState.OVERDUE
    return ProgressState.OPEN
